import CongKhaiCore

/// Finds YAML anchors (`&name`) and aliases (`*name`) before the YAML is parsed.
///
/// Why: a "billion laughs" document nests aliases so that a small file expands exponentially.
/// Yams resolves aliases by sharing nodes, but it hashes every mapping key to detect duplicates,
/// and hashing an aliased key walks the whole expansion: a 300-byte front matter hung the build.
/// Front matter never needs anchors, so they are refused with a clear message instead.
///
/// Anchors and aliases can only start a node: at the start of a line's content, or after `- `,
/// `: `, `? `, `[`, `{` or `,`. Quoted scalars, comments and block scalars (`|`, `>`) are skipped, so
/// `title: "A & B"` or `title: R&D *mới*` are not mistaken for them.
enum YAMLAliasGuard {
    /// The 1-based line and column (in the YAML text) of the first anchor or alias, if any.
    static func firstAnchorOrAlias(in yaml: String) -> SourcePosition? {
        var blockIndent: Int?
        for (lineIndex, line) in yaml.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let scalars = Array(line.unicodeScalars)
            let indent = scalars.prefix { $0 == " " }.count
            if let block = blockIndent {
                if indent > block || scalars.allSatisfy({ $0 == " " }) { continue }
                blockIndent = nil
            }
            var i = 0
            var atNodeStart = true
            var quote: Unicode.Scalar?
            while i < scalars.count {
                let c = scalars[i]
                if let q = quote {
                    if c == q { quote = nil }
                    i += 1
                    continue
                }
                switch c {
                case " ", "\t":
                    i += 1
                    continue
                case "#" where i == 0 || scalars[i - 1] == " " || scalars[i - 1] == "\t":
                    i = scalars.count
                    continue
                case "&", "*":
                    if atNodeStart, i + 1 < scalars.count, !" \t,[]{}".unicodeScalars.contains(scalars[i + 1]) {
                        return SourcePosition(line: lineIndex + 1, column: i + 1)
                    }
                    atNodeStart = false
                case "\"", "'":
                    if atNodeStart { quote = c }
                    atNodeStart = false
                case "[", "{", ",":
                    atNodeStart = true
                case "-", "?", ":":
                    // An indicator when followed by a space or the end of the line.
                    let next = i + 1 < scalars.count ? scalars[i + 1] : " "
                    atNodeStart = next == " " || next == "\t"
                case "|", ">":
                    if atNodeStart { blockIndent = indent }
                    atNodeStart = false
                default:
                    atNodeStart = false
                }
                i += 1
            }
        }
        return nil
    }
}
