import CongKhaiCore
import Foundation

/// Checks that need every notice at once: unique ids, known `supersedes` and `corrects` targets.
enum ContentValidator {
    static func validate(_ notices: [Notice], drafts: [Notice] = [], pages: [StaticPage]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var firstPath: [String: String] = [:]
        // Drafts take part: their ids are taken, and they may name each other or a notice.
        let notices = (notices + drafts).sorted { $0.sourcePath < $1.sourcePath }
        for notice in notices {
            if let other = firstPath[notice.id] {
                diagnostics.append(.error(notice.sourcePath, SourcePosition(line: 1, column: 1),
                                          .duplicateId(notice.id, otherPath: other)))
            } else {
                firstPath[notice.id] = notice.sourcePath
            }
        }
        var pagePath: [String: String] = [:]
        for page in pages {
            if let other = pagePath[page.id] {
                diagnostics.append(.error(page.sourcePath, SourcePosition(line: 1, column: 1),
                                          .duplicateId(page.id, otherPath: other)))
            } else {
                pagePath[page.id] = page.sourcePath
            }
        }
        let ids = Array(firstPath.keys).sorted()
        for notice in notices {
            // `supersedes` and `corrects` both name other notices by id.
            let references: [(key: String, targets: [String], unknown: (String, [String]) -> DiagnosticMessage,
                              itself: DiagnosticMessage)] = [
                ("supersedes", notice.supersedes, { .unknownSupersedes($0, suggestions: $1) }, .supersedesItself),
                ("corrects", notice.corrects, { .unknownCorrects($0, suggestions: $1) }, .correctsItself),
            ]
            for reference in references {
                for (index, target) in reference.targets.enumerated() {
                    let at = notice.positions["\(reference.key).\(index)"] ?? notice.positions[reference.key]
                    if target == notice.id {
                        diagnostics.append(.error(notice.sourcePath, at, reference.itself))
                    } else if firstPath[target] == nil {
                        diagnostics.append(.error(notice.sourcePath, at, reference.unknown(
                            target, Suggestions.closest(to: target, among: ids, limit: 1))))
                    }
                }
            }
        }
        return diagnostics
    }

    /// Links written as `…thong-bao/<id>…` in Markdown whose id no notice has, at their line and
    /// column. The renderer finds the same links (and more) when a site is built; this quick scan
    /// is for builds that stop before rendering.
    static func unknownNoticeLinks(_ markdown: String, path: String, firstLine: Int, known: Set<String>) -> [Diagnostic] {
        guard markdown.contains("thong-bao/") else { return [] }
        var found: [Diagnostic] = []
        let sortedKnown = known.sorted()
        var suggestions: [String: [String]] = [:]
        // At most 20 per file: a column costs a walk along its line, and 20 say enough.
        for (offset, line) in markdown.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where found.count < 20 {
            var rest = line[...]
            while let range = rest.range(of: "thong-bao/") {
                let id = String(rest[range.upperBound...].prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") })
                let before = rest[..<range.lowerBound].last
                let isLink = before == "/" || before == "(" || before == "<" || before == nil
                if isLink, NoticeLoader.isValidId(id), !known.contains(id), found.count < 20 {
                    let column = line.unicodeScalars.distance(from: line.startIndex, to: range.upperBound) + 1
                    let hint = suggestions[id] ?? Suggestions.closest(to: id, among: sortedKnown, limit: 1)
                    suggestions[id] = hint
                    found.append(.error(path, SourcePosition(line: firstLine + offset, column: column),
                                        .linkToUnknownNotice(id, suggestions: hint)))
                }
                rest = rest[range.upperBound...]
            }
        }
        return found
    }
}

extension Diagnostic {
    /// An error that never keeps a site from being published: a link to a notice that exists
    /// nowhere (the link is dropped, its text stays). Found early only to report everything in
    /// one build; it is not blamed on its file when sources fall back to last valid versions.
    var isNonBlocking: Bool {
        if case .linkToUnknownNotice = message { return true }
        return false
    }
}
