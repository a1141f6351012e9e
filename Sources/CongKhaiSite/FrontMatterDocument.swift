import CongKhaiCore
import Foundation

/// A Markdown file split into its YAML front matter and its body.
///
/// The front matter is delimited by *lines* that are exactly `---` (trailing spaces allowed);
/// a `---` inside the body, or `---` as part of a longer line, is content.
struct FrontMatterDocument {
    let yaml: String
    /// File line on which the YAML text starts (the line after the opening `---`).
    let yamlFirstLine: Int
    let body: String
    /// File line on which the body starts.
    let bodyFirstLine: Int

    enum SplitError: Error, Equatable {
        case missing
        case unterminated
    }

    static func split(_ text: String) throws(SplitError) -> FrontMatterDocument {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        guard let first = lines.first, isDelimiter(first) else { throw .missing }
        guard let close = lines.indices.dropFirst().first(where: { isDelimiter(lines[$0]) || isEnd(lines[$0]) })
        else { throw .unterminated }
        let yaml = lines[1..<close].joined(separator: "\n")
        let bodyLines = lines[(close + 1)...]
        let body = bodyLines.isEmpty ? "" : bodyLines.joined(separator: "\n") + "\n"
        return FrontMatterDocument(yaml: yaml, yamlFirstLine: 2, body: body, bodyFirstLine: close + 2)
    }

    private static func isDelimiter(_ line: Substring) -> Bool {
        line.trimmingTrailingSpaces == "---"
    }

    /// YAML's document end marker `...` also closes front matter.
    private static func isEnd(_ line: Substring) -> Bool {
        line.trimmingTrailingSpaces == "..."
    }
}

extension Substring {
    var trimmingTrailingSpaces: Substring {
        var s = self
        while let last = s.last, last == " " || last == "\t" || last == "\r" { s.removeLast() }
        return s
    }
}
