import CongKhaiCore
import Foundation

/// Checks that need every notice at once: unique ids, known `supersedes` and `corrects` targets.
enum ContentValidator {
    static func validate(_ notices: [Notice], pages: [StaticPage]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var firstPath: [String: String] = [:]
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
}
