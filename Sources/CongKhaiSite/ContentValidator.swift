import CongKhaiCore
import Foundation

/// Checks that need every notice at once: unique ids, known `supersedes` targets.
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
            for (index, target) in notice.supersedes.enumerated() {
                let at = notice.positions["supersedes.\(index)"] ?? notice.positions["supersedes"]
                if target == notice.id {
                    diagnostics.append(.error(notice.sourcePath, at, .supersedesItself))
                } else if firstPath[target] == nil {
                    diagnostics.append(.error(notice.sourcePath, at, .unknownSupersedes(
                        target, suggestions: Suggestions.closest(to: target, among: ids, limit: 1))))
                }
            }
        }
        return diagnostics
    }
}
