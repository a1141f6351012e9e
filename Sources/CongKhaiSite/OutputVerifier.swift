import CongKhaiCore
import Foundation
import Synchronization

/// Proves a rendered site shows no notice that is not being posted: scans every output file
/// (HTML, XML, JSON, text, copied attachments) and every output path for references to notices
/// that are not active at the build's clock.
struct OutputVerifier {
    /// Notices that must not appear, by id.
    let hidden: [String: NoticeStatus]
    /// How output paths are shown in diagnostics (`site/index.html`).
    let displayPrefix: String

    init(statuses: [String: NoticeStatus], displayPrefix: String) {
        hidden = statuses.filter { $0.value != .active }
        self.displayPrefix = displayPrefix
    }

    /// Checks the files at `paths` (relative to `folder`); returns one error per reference.
    func verify(folder: URL, paths: [String]) -> [Diagnostic] {
        let scanner = NoticeReferenceScanner(targets: hidden)
        let sorted = paths.sorted()
        // Files are scanned on all cores; each keeps its own slot so the report order is stable.
        let found = Mutex([[Diagnostic]](repeating: [], count: sorted.count))
        DispatchQueue.concurrentPerform(iterations: sorted.count) { index in
            let result = verifyFile(sorted[index], folder: folder, scanner: scanner)
            if !result.isEmpty { found.withLock { $0[index] = result } }
        }
        return found.withLock { $0.flatMap { $0 } }
    }

    private func verifyFile(_ path: String, folder: URL, scanner: NoticeReferenceScanner) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let display = displayPrefix + path
        for match in scanner.scan(Data(path.utf8)) {
            diagnostics.append(.error(display, nil, .staleReference(noticeId: match.id, status: hidden[match.id]!,
                                                                     found: path)))
        }
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(path).path) else {
            return diagnostics
        }
        for match in scanner.scan(data, relativeLinksLeadToNotices: path.hasPrefix("thong-bao/")) {
            diagnostics.append(.error(display, NoticeReferenceScanner.position(of: match.offset, in: data),
                                      .staleReference(noticeId: match.id, status: hidden[match.id]!, found: match.found)))
        }
        return diagnostics
    }

    /// Links and mentions of hidden notices in the Markdown of published notices and pages,
    /// reported at the content file's line and column.
    func verifyContent(notices: [Notice], pages: [StaticPage]) -> [Diagnostic] {
        let scanner = NoticeReferenceScanner(targets: hidden)
        var diagnostics: [Diagnostic] = []
        let sources = notices.map { ($0.sourcePath, $0.body, $0.bodyLine, true) }
            + pages.map { ($0.sourcePath, $0.body, $0.bodyLine, false) }
        for (path, body, firstLine, isNotice) in sources {
            let data = Data(body.utf8)
            for match in scanner.scan(data, relativeLinksLeadToNotices: isNotice) {
                let at = NoticeReferenceScanner.position(of: match.offset, in: data)
                diagnostics.append(.error(path, SourcePosition(line: at.line + firstLine - 1, column: at.column),
                                          .contentLinksToUnpublished(noticeId: match.id, status: hidden[match.id]!)))
            }
        }
        return diagnostics
    }
}
