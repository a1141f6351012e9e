import CongKhaiCore

/// Finds the YAML mistakes clerks make, line by line, once libyaml has rejected the text.
///
/// libyaml stops at the first problem, in English, often at the line where it gave up rather
/// than the line with the mistake (an unclosed quote on line 2 is reported at line 5). This pass
/// recognises the usual mistakes where they are, explains each in the clerk's language and
/// repairs the text just enough to read on, so one build reports every mistake in a file.
/// It runs only on text libyaml rejects (`check`), so front matter that is valid YAML is never
/// reported or changed by a guess; `normalise` runs on every file.
///
/// The repaired text keeps every line where it was. A repair that guesses (quoting a value,
/// closing a quote, commenting out a line) always comes with an error, so nothing read from a
/// guess is ever published; repairs that only normalise (non-breaking spaces, curly quotes
/// around a whole value) come with a warning.
enum YAMLLint {
    struct Result {
        /// The text to parse: the input with each mistake repaired, line for line.
        var yaml: String
        var diagnostics: [Diagnostic] = []
    }

    /// Replaces what word processors paste (non-breaking and zero-width spaces, curly quotes
    /// around a whole value) by what the clerk meant, with a warning at each. Line by line,
    /// so positions stay right.
    static func normalise(_ yaml: String, path: String, lineOffset: Int) -> Result {
        let hasInvisible = yaml.unicodeScalars.contains { invisibleCharacters[$0] != nil }
        let hasCurly = yaml.unicodeScalars.contains { $0 == "“" || $0 == "”" }
        guard hasInvisible || hasCurly else { return Result(yaml: yaml) }
        var linter = Linter(path: path, lineOffset: lineOffset, knownKeys: [])
        var lines = yaml.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for index in lines.indices {
            linter.normaliseInvisible(&lines[index], index + 1)
            if hasCurly { linter.straightenQuotes(&lines[index], index + 1) }
        }
        return Result(yaml: lines.joined(separator: "\n"), diagnostics: linter.diagnostics)
    }

    /// Characters pasted from word processors that look like spaces or nothing at all.
    static let invisibleCharacters: [Unicode.Scalar: DiagnosticMessage.InvisibleCharacter] = [
        "\u{00A0}": .nonBreakingSpace, "\u{202F}": .nonBreakingSpace, "\u{2007}": .nonBreakingSpace,
        "\u{200B}": .zeroWidth, "\u{200C}": .zeroWidth, "\u{200D}": .zeroWidth, "\u{2060}": .zeroWidth,
        "\u{FEFF}": .zeroWidth,
    ]

    /// Checks `yaml` (front matter whose first line is file line `lineOffset + 1`).
    /// `knownKeys` are the top-level keys of this kind of file, to recognise `title "…"`.
    static func check(_ yaml: String, path: String, lineOffset: Int, knownKeys: [String]) -> Result {
        var lines = yaml.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var linter = Linter(path: path, lineOffset: lineOffset, knownKeys: knownKeys)
        var index = 0
        while index < lines.count {
            index = linter.visit(&lines, index)
        }
        return Result(yaml: lines.joined(separator: "\n"), diagnostics: linter.diagnostics)
    }

    private struct Linter {
        let path: String
        let lineOffset: Int
        let knownKeys: [String]
        var diagnostics: [Diagnostic] = []
        /// Top-level keys seen, with their file line.
        var seen: [String: Int] = [:]
        /// Inside a block scalar (`|`, `>`): lines indented more than this belong to it.
        var blockIndent: Int?
        /// The last top-level key had a value on its own line (so indented `key:` lines are wrong).
        var lastTopHasValue = false
        /// Indented lines after a commented-out duplicate key are commented out with it.
        var removingChildren = false

        mutating func error(_ line: Int, _ column: Int, _ message: DiagnosticMessage) {
            diagnostics.append(.error(path, SourcePosition(line: line + lineOffset, column: column), message))
        }

        /// Inside a flow collection (`[`, `{`) that goes on over several lines.
        var flowOpen = false

        /// Visits line `index`; returns the next line to visit. A repaired line is visited again
        /// (`depth` bounds that: each repair makes the line one the next visit accepts).
        mutating func visit(_ lines: inout [String], _ index: Int, depth: Int = 0) -> Int {
            guard depth < 3 else { return index + 1 }
            let line = lines[index]
            let scalars = Array(line.unicodeScalars)
            let indent = scalars.prefix { $0 == " " || $0 == "\t" }.count
            let content = String(String.UnicodeScalarView(scalars[indent...]))
            if let block = blockIndent {
                if content.isEmpty || indent > block { return index + 1 }
                blockIndent = nil
            }
            if content.isEmpty || content.hasPrefix("#") { return index + 1 }
            if scalars.prefix(indent).contains("\t") {
                error(index + 1, (scalars.firstIndex(of: "\t") ?? 0) + 1, .yamlTabIndent)
                var spaces = scalars.prefix(indent).reduce(0) { $0 + ($1 == "\t" ? 2 : 1) }
                if let key = YAMLLint.keyName(content), knownKeys.contains(key) { spaces = 0 }
                lines[index] = String(repeating: " ", count: spaces) + content
                return visit(&lines, index, depth: depth + 1)
            }
            if flowOpen {
                // The rest of a `[…]` or `{…}` begun on an earlier line: libyaml reads it.
                if content.contains("]") || content.contains("}") { flowOpen = false }
                return index + 1
            }
            if indent == 0 {
                removingChildren = false
                return visitTop(&lines, index, content, depth: depth)
            }
            if removingChildren {
                lines[index] = "#" + lines[index]
                return index + 1
            }
            if lastTopHasValue {
                if let key = YAMLLint.keyName(content) {
                    error(index + 1, 1, .yamlUnexpectedIndent(key))
                    lines[index] = content
                    return visitTop(&lines, index, content, depth: depth + 1)
                }
                // The continuation of a plain value on the line above: libyaml reads it.
                return index + 1
            }
            // A list item or a nested `key: value`.
            var rest = Substring(content)
            var column = indent + 1
            if rest.hasPrefix("- ") || rest == "-" {
                let dropped = rest.dropFirst().prefix { $0 == " " }.count + 1
                rest = rest.dropFirst(dropped)
                column += dropped
            }
            var key = "-"
            if let name = YAMLLint.keyName(String(rest)), let colon = rest.firstIndex(of: ":") {
                key = name
                let after = rest.index(after: colon)
                column += rest.distance(from: rest.startIndex, to: after)
                rest = rest[after...]
            }
            return checkValue(&lines, index, prefixLength: line.unicodeScalars.count - rest.unicodeScalars.count,
                              value: rest, key: key, column: column)
        }

        mutating func visitTop(_ lines: inout [String], _ index: Int, _ content: String, depth: Int) -> Int {
            lastTopHasValue = false
            if content.hasPrefix("- ") || content == "-" || content.hasPrefix("\"") || content.hasPrefix("'")
                || content.hasPrefix("[") || content.hasPrefix("{") || content.hasPrefix("?") || content.hasPrefix("]")
                || content.hasPrefix("}") || content.hasPrefix("---") || content.hasPrefix("...") || content.hasPrefix("%") {
                return index + 1 // Left to the parser (quoted keys, compact lists under a key, directives).
            }
            guard let colon = YAMLLint.mappingColon(in: content) else {
                let word = String(content.prefix { $0 != " " && $0 != ":" })
                let rest = content.dropFirst(word.count)
                let folded = word.lowercased()
                if rest.hasPrefix(":"), !word.isEmpty {
                    // `expires:2026-04-06`: the space after the colon is missing.
                    error(index + 1, word.unicodeScalars.count + 2, .yamlSpaceAfterColon(word))
                    lines[index] = word + ": " + rest.dropFirst()
                    return visit(&lines, index, depth: depth + 1)
                }
                if knownKeys.contains(folded) || !Suggestions.closest(to: folded, among: knownKeys, limit: 1).isEmpty,
                   rest.hasPrefix(" ") {
                    error(index + 1, word.unicodeScalars.count + 1, .yamlMissingColon(word))
                    lines[index] = word + ":" + rest
                    return visit(&lines, index, depth: depth + 1)
                }
                error(index + 1, 1, .yamlNotKeyValue)
                lines[index] = "#" + lines[index]
                return index + 1
            }
            let key = String(content[..<colon]).trimmingCharacters(in: [" "])
            if let first = seen[key] {
                error(index + 1, 1, .yamlDuplicateKey(key, firstLine: first, secondLine: index + 1 + lineOffset))
                lines[index] = "#" + lines[index]
                removingChildren = true
                return index + 1
            }
            seen[key] = index + 1 + lineOffset
            let after = content.index(after: colon)
            let value = content[after...]
            let column = content.distance(from: content.startIndex, to: after) + 1
            let stripped = value.drop { $0 == " " }
            lastTopHasValue = !(stripped.isEmpty || stripped.hasPrefix("#") || stripped.hasPrefix("|") || stripped.hasPrefix(">")
                || stripped.hasPrefix("&") || stripped.hasPrefix("!"))
            return checkValue(&lines, index, prefixLength: content.unicodeScalars.count - value.unicodeScalars.count,
                              value: value, key: key, column: column)
        }

        /// Checks the value that starts `prefixLength` scalars into line `index`; repairs it in place.
        mutating func checkValue(_ lines: inout [String], _ index: Int, prefixLength: Int, value: Substring,
                                 key: String, column: Int) -> Int {
            let lead = value.prefix { $0 == " " }.count
            let v = value.dropFirst(lead)
            let at = column + lead
            let prefix = String(String.UnicodeScalarView(lines[index].unicodeScalars.prefix(prefixLength)))
                + String(repeating: " ", count: max(lead, 1))
            guard let first = v.first, first != "#" else { return index + 1 }
            let line = index + 1
            switch first {
            case "\"", "'":
                let (closed, end) = YAMLLint.closingQuote(in: v, quote: first)
                if closed {
                    let rest = v[end...].drop { $0 == " " }
                    // Nothing after the value, a comment, or a quoted key (`"xa-a": "Xã A"`).
                    if rest.isEmpty || rest.hasPrefix("#") || rest.hasPrefix(":") { return index + 1 }
                    error(line, at + v.distance(from: v.startIndex, to: rest.startIndex), .yamlTextAfterQuote(key))
                    lines[index] = prefix + YAMLLint.quoted(String(v))
                    return index + 1
                }
                // A quoted value may go on over several lines: closed before the next key is fine.
                var next = index + 1
                while next < lines.count {
                    let text = Substring(lines[next])
                    if !text.hasPrefix(" "), YAMLLint.keyName(lines[next]) != nil { break }
                    let (closed, end) = YAMLLint.closingQuote(in: text, quote: first, opening: false)
                    if closed {
                        // Closed here with nothing after it: a value over several lines.
                        let rest = text[end...].drop { $0 == " " }
                        if rest.isEmpty || rest.hasPrefix("#") { return next + 1 }
                        break
                    }
                    next += 1
                }
                error(line, at, .yamlUnclosedQuote(line: line + lineOffset))
                lines[index] = prefix + YAMLLint.quoted(String(v.dropFirst()))
                return index + 1
            case "[", "{":
                // A flow collection: closed on this line, or on a later one before the next key.
                let close: Character = first == "[" ? "]" : "}"
                if v.contains(close) { return index + 1 }
                var next = index + 1
                while next < lines.count {
                    if !lines[next].hasPrefix(" "), YAMLLint.keyName(lines[next]) != nil { break }
                    if lines[next].contains(close) { flowOpen = true; return index + 1 }
                    next += 1
                }
                error(line, at, .yamlUnclosedBracket(String(first), line: line + lineOffset))
                lines[index] = lines[index] + String(close)
                return index + 1
            case "&", "*", "!":
                return index + 1
            case "|", ">":
                // Lines indented more than the key (or than the `- ` of a list item) belong to it.
                let indent = lines[index].prefix { $0 == " " }.count
                blockIndent = lines[index].dropFirst(indent).hasPrefix("-") ? indent + 1 : indent
                return index + 1
            case "@", "`", "%":
                error(line, at, .yamlNeedsQuotes(key, String(first)))
                lines[index] = prefix + YAMLLint.quoted(String(YAMLLint.withoutComment(v)))
                return index + 1
            case "-" where v.count == 1 || v.dropFirst().first == " ":
                error(line, at, .yamlNeedsQuotes(key, "-"))
                lines[index] = prefix + YAMLLint.quoted(String(YAMLLint.withoutComment(v)))
                return index + 1
            default:
                break
            }
            let text = String(YAMLLint.withoutComment(v))
            if let colon = YAMLLint.mappingColon(in: text) {
                error(line, at + text.unicodeScalars.distance(from: text.startIndex, to: colon), .yamlColonInValue(key))
                lines[index] = prefix + YAMLLint.quoted(String(text))
            }
            return index + 1
        }

        /// `key: “value”` (the whole value in curly quotes, none inside): straight quotes, with a warning.
        mutating func straightenQuotes(_ line: inout String, _ number: Int) {
            let indent = line.prefix { $0 == " " }.count
            var content = Substring(line.dropFirst(indent))
            var lead = indent
            if content.hasPrefix("- ") { content = content.dropFirst(2); lead += 2 }
            var key = "-"
            if let name = YAMLLint.keyName(String(content)), let colon = content.firstIndex(of: ":") {
                key = name
                lead += content.distance(from: content.startIndex, to: colon) + 1
                content = content[content.index(after: colon)...]
            }
            let spaces = content.prefix { $0 == " " }.count
            let value = YAMLLint.withoutComment(content.dropFirst(spaces))
            guard value.count > 1, let first = value.first, let last = value.last, first == "“" || first == "„",
                  last == "”" || last == "“" else { return }
            let inner = value.dropFirst().dropLast()
            guard !inner.contains("“"), !inner.contains("”") else { return }
            diagnostics.append(.warning(path, SourcePosition(line: number + lineOffset, column: lead + spaces + 1), .yamlCurlyQuotes(key)))
            line = String(line.prefix(lead + spaces)) + YAMLLint.quoted(String(inner))
        }

        /// Replaces non-breaking spaces with spaces and drops zero-width characters, with one
        /// warning per kind and line at the first one.
        mutating func normaliseInvisible(_ line: inout String, _ number: Int) {
            guard line.unicodeScalars.contains(where: { YAMLLint.invisibleCharacters[$0] != nil }) else { return }
            var output = String.UnicodeScalarView()
            var warned: Set<DiagnosticMessage.InvisibleCharacter> = []
            for (column, scalar) in line.unicodeScalars.enumerated() {
                guard let kind = YAMLLint.invisibleCharacters[scalar] else { output.append(scalar); continue }
                if warned.insert(kind).inserted {
                    diagnostics.append(.warning(path, SourcePosition(line: number + lineOffset, column: column + 1),
                                                .invisibleCharacter(kind)))
                }
                if kind == .nonBreakingSpace { output.append(" ") }
            }
            line = String(output)
        }
    }

    /// The key of a `key: value` or `key:` line (letters, digits, `_`, `-`, spaces inside), if it is one.
    static func keyName(_ content: String) -> String? {
        guard let colon = mappingColon(in: content) else { return nil }
        let key = content[..<colon]
        guard let first = key.unicodeScalars.first else { return nil }
        // A word key (`title`, `ngày đăng`) or an id (`1-thang-5`, a commune's id).
        let word = (first.properties.isAlphabetic || first == "_")
            && key.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || ("0"..."9").contains($0) || "_- ".unicodeScalars.contains($0) })
        let id = key.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" })
        guard word || id else { return nil }
        return key.trimmingCharacters(in: [" "])
    }

    /// The first `:` followed by a space or the end of the text: what YAML reads as "key: value".
    static func mappingColon(in text: String) -> String.Index? {
        var index = text.startIndex
        while let colon = text[index...].firstIndex(of: ":") {
            let next = text.index(after: colon)
            if next == text.endIndex || text[next] == " " || text[next] == "\t" { return colon }
            index = next
        }
        return nil
    }

    /// The value without a trailing ` # comment`, trailing spaces removed.
    static func withoutComment(_ value: Substring) -> Substring {
        var result = value
        if let hash = value.range(of: " #") { result = value[..<hash.lowerBound] }
        while result.last == " " { result = result.dropLast() }
        return result
    }

    /// Whether a quoted value (`text` starts with its opening quote unless `opening` is false)
    /// closes on this line, and the index after the closing quote.
    static func closingQuote(in text: Substring, quote: Character, opening: Bool = true) -> (closed: Bool, end: Substring.Index) {
        var index = opening ? text.index(after: text.startIndex) : text.startIndex
        while index < text.endIndex {
            let c = text[index]
            if quote == "\"", c == "\\" {
                index = text.index(index, offsetBy: 2, limitedBy: text.endIndex) ?? text.endIndex
                continue
            }
            if c == quote {
                let next = text.index(after: index)
                if quote == "'", next < text.endIndex, text[next] == "'" {
                    index = text.index(after: next)
                    continue
                }
                return (true, next)
            }
            index = text.index(after: index)
        }
        return (false, text.endIndex)
    }

    /// A YAML double-quoted string.
    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
