import CongKhaiCore
import Foundation

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

    /// Checks every file and folder actually in `folder` (not what the writer meant to write):
    /// one error per reference, and an error for anything that cannot be read back.
    func verify(folder: URL) -> [Diagnostic] {
        var walked: [(path: String, isFile: Bool)] = []
        var problems: [Diagnostic] = []
        Self.walk(folder, relative: "", into: &walked, problems: &problems, displayPrefix: displayPrefix)
        let entries = walked
        let scanner = NoticeReferenceScanner(targets: hidden)
        // Files are scanned on all cores; results keep the walk's order, so the report is stable.
        let found = Parallel.map(entries.count) { index in verifyEntry(entries[index], folder: folder, scanner: scanner) }
        return problems + found.flatMap { $0 }
    }

    /// Every entry under `url`, sorted, without following links; what cannot be listed is a problem.
    private static func walk(_ url: URL, relative: String, into entries: inout [(path: String, isFile: Bool)],
                             problems: inout [Diagnostic], displayPrefix: String) {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
        } catch {
            problems.append(.error(displayPrefix + relative, nil, .outputFileUnreadable("\(error.localizedDescription)")))
            return
        }
        for name in names {
            let path = relative + name
            var info = stat()
            guard lstat(url.appendingPathComponent(name).path, &info) == 0 else {
                problems.append(.error(displayPrefix + path, nil, .outputFileUnreadable(String(cString: strerror(errno)))))
                continue
            }
            if info.st_mode & S_IFMT == S_IFDIR {
                entries.append((path + "/", false))
                walk(url.appendingPathComponent(name), relative: path + "/", into: &entries, problems: &problems,
                     displayPrefix: displayPrefix)
            } else {
                entries.append((path, true))
            }
        }
    }

    private func verifyEntry(_ entry: (path: String, isFile: Bool), folder: URL,
                             scanner: NoticeReferenceScanner) -> [Diagnostic] {
        guard entry.isFile else {
            return scanner.scan(Data(entry.path.utf8)).map {
                .error(displayPrefix + entry.path, nil, .staleReference(noticeId: $0.id, status: hidden[$0.id]!, found: entry.path))
            }
        }
        return verifyFile(entry.path, folder: folder, scanner: scanner)
    }

    private func verifyFile(_ path: String, folder: URL, scanner: NoticeReferenceScanner) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let display = displayPrefix + path
        for match in scanner.scan(Data(path.utf8)) {
            diagnostics.append(.error(display, nil, .staleReference(noticeId: match.id, status: hidden[match.id]!,
                                                                     found: path)))
        }
        let data: Data
        do {
            // Read without following a link: a link in the output is not something the build wrote.
            var info = stat()
            let full = folder.appendingPathComponent(path).path
            guard lstat(full, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
                return diagnostics + [.error(display, nil, .outputFileUnreadable("not a regular file"))]
            }
            data = try Data(contentsOf: URL(fileURLWithPath: full))
        } catch {
            return diagnostics + [.error(display, nil, .outputFileUnreadable(error.localizedDescription))]
        }
        for match in scanner.scan(data, relativeLinksLeadToNotices: path.hasPrefix("thong-bao/"), json: path == "search.json" || path == "notices.json") {
            diagnostics.append(.error(display, NoticeReferenceScanner.position(of: match.offset, in: data),
                                      .staleReference(noticeId: match.id, status: hidden[match.id]!, found: match.found)))
        }
        return diagnostics
    }
}
