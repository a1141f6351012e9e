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
        // Works on UTF-8 bytes and line offsets: the body is never split into lines.
        let bytes = Array(text.utf8)
        var lineStart = 0
        var lineNumber = 1
        var yamlStart: Int?
        while lineStart < bytes.count || (lineStart == bytes.count && yamlStart == nil) {
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            let kind = Self.delimiter(bytes, lineStart, lineEnd)
            if yamlStart == nil {
                guard kind == .dashes else { throw .missing }
                yamlStart = min(lineEnd + 1, bytes.count)
            } else if kind != nil {
                let start = yamlStart!
                let yaml = start < lineStart ? String(decoding: bytes[start..<(lineStart - 1)], as: UTF8.self) : ""
                let bodyStart = min(lineEnd + 1, bytes.count)
                return FrontMatterDocument(yaml: yaml, yamlFirstLine: 2,
                                           body: String(decoding: bytes[bodyStart...], as: UTF8.self),
                                           bodyFirstLine: lineNumber + 1)
            }
            if lineEnd >= bytes.count { break }
            lineStart = lineEnd + 1
            lineNumber += 1
        }
        throw yamlStart == nil ? .missing : .unterminated
    }

    private enum Delimiter { case dashes, dots }

    /// `---` (opens or closes) or `...` (closes), with trailing spaces, tabs or CR allowed.
    private static func delimiter(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Delimiter? {
        var last = end
        while last > start, bytes[last - 1] == 0x20 || bytes[last - 1] == 0x09 || bytes[last - 1] == 0x0D { last -= 1 }
        guard last - start == 3 else { return nil }
        if bytes[start] == 0x2D, bytes[start + 1] == 0x2D, bytes[start + 2] == 0x2D { return .dashes }
        if bytes[start] == 0x2E, bytes[start + 1] == 0x2E, bytes[start + 2] == 0x2E { return .dots }
        return nil
    }
}
