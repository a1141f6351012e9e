import CongKhaiCore
import Foundation
import Yams

/// A YAML mapping read key by key, turning every problem into a positioned diagnostic.
///
/// Values are read as the text written (`2026-03-05` stays a string), so Yams' implicit typing
/// never changes what a clerk wrote; aliases are not expanded beyond the keys that are read.
struct YAMLMapping {
    let path: String
    /// Added to Yams' 1-based line numbers to get file lines.
    let lineOffset: Int
    private(set) var entries: [(key: String, keyPosition: SourcePosition, value: Node)] = []
    private(set) var diagnostics: [Diagnostic] = []
    /// Position of the mapping itself, for "missing field" errors.
    let position: SourcePosition
    /// Keys whose line had a syntax error and was left out: their absence is already reported.
    private(set) var removedKeys: Set<String> = []

    /// Parses `yaml`; returns nil (with `diagnostics` filled) if it is not a mapping.
    ///
    /// Every mistake is reported where it is: `YAMLLint` finds the usual ones line by line and
    /// repairs them to read on; a problem only libyaml finds is reported, its line commented
    /// out, and the text parsed again, so one file's independent mistakes come out together.
    /// `knownKeys` (the top-level keys of this kind of file) help recognise `title "…"`.
    static func parse(_ yaml: String, path: String, firstLine: Int, knownKeys: [String] = []) -> (YAMLMapping?, [Diagnostic]) {
        let offset = firstLine - 1
        let normal = YAMLLint.normalise(yaml, path: path, lineOffset: offset)
        var found = normal.diagnostics
        var removedKeys: Set<String> = []
        if let at = YAMLAliasGuard.firstAnchorOrAlias(in: normal.yaml) {
            return (nil, found + [.error(path, SourcePosition(line: at.line + offset, column: at.column), .yamlAliasesNotAllowed)])
        }
        var node: Node?
        var lines: [String] = []
        do {
            node = try Yams.compose(yaml: normal.yaml)
        } catch {
            // libyaml rejects the text: find every mistake line by line, then read what is left.
            let lint = YAMLLint.check(normal.yaml, path: path, lineOffset: offset, knownKeys: knownKeys)
            found += lint.diagnostics
            lines = lint.yaml.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        }
        for attempt in 0...8 where !lines.isEmpty {
            do {
                node = try Yams.compose(yaml: lines.joined(separator: "\n"))
                lines = []
                break
            } catch {
                let diagnostic = (error as? YamlError).map { Self.diagnostic(for: $0, yaml: lines.joined(separator: "\n"), path: path, lineOffset: offset) }
                    ?? .error(path, SourcePosition(line: firstLine, column: 1), .yamlSyntax("\(error)"))
                let errorLines = Set(found.filter { $0.severity == .error }.compactMap { $0.position?.line })
                if let line = diagnostic.position?.line, errorLines.contains(line) {
                    // The line already has an error that explains this one.
                } else {
                    found.append(diagnostic)
                }
                // Comment the line out and read on, to find the file's other mistakes.
                guard attempt < 8, let line = diagnostic.position?.line, line - offset >= 1, line - offset <= lines.count,
                      !lines[line - offset - 1].hasPrefix("#") else { return (nil, found) }
                if let key = YAMLLint.keyName(lines[line - offset - 1]), !lines[line - offset - 1].hasPrefix(" ") {
                    removedKeys.insert(key)
                }
                lines[line - offset - 1] = "#" + lines[line - offset - 1]
            }
        }
        let start = SourcePosition(line: max(firstLine - 1, 1), column: 1)
        if node == nil || node?.scalar.map({ $0.string.isEmpty }) == true {
            // Empty front matter: a mapping with no keys, so "missing field" errors follow.
            var empty = YAMLMapping(path: path, lineOffset: offset, entries: [], position: start)
            empty.removedKeys = removedKeys
            return (empty, found)
        }
        guard let node, case .mapping(let mapping) = node else {
            let at = node?.mark.map { SourcePosition(line: $0.line + offset, column: $0.column) } ?? start
            return (nil, found + [.error(path, at, .frontMatterNotMapping)])
        }
        var result = YAMLMapping(path: path, lineOffset: offset, entries: [], position: start)
        result.removedKeys = removedKeys
        for (key, value) in mapping {
            let keyPosition = result.position(of: key) ?? start
            guard let name = key.scalar?.string else {
                result.diagnostics.append(.error(path, keyPosition, .frontMatterNotMapping))
                continue
            }
            result.entries.append((name, keyPosition, value))
        }
        // Problems found so far are in `result.diagnostics`; callers merge those.
        return (result, found)
    }

    private init(path: String, lineOffset: Int, entries: [(String, SourcePosition, Node)],
                 position: SourcePosition) {
        self.path = path
        self.lineOffset = lineOffset
        self.entries = entries.map { (key: $0.0, keyPosition: $0.1, value: $0.2) }
        self.position = position
    }

    /// Positions of the first two `key:` at the start of a line's content.
    private static func occurrences(of key: String, in yaml: String, lineOffset: Int) -> [SourcePosition] {
        var found: [SourcePosition] = []
        for (index, line) in yaml.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let indent = line.prefix { $0 == " " }.count
            var content = line.dropFirst(indent)
            if content.hasPrefix("- ") { content = content.dropFirst(2) }
            if content.hasPrefix(key + ":") || content.hasPrefix("\"\(key)\":") || content.hasPrefix("'\(key)':") {
                found.append(SourcePosition(line: index + 1 + lineOffset, column: indent + 1))
                if found.count == 2 { break }
            }
        }
        return found
    }

    private static func diagnostic(for error: YamlError, yaml: String, path: String, lineOffset: Int) -> Diagnostic {
        func at(_ mark: Mark) -> SourcePosition {
            SourcePosition(line: mark.line + lineOffset, column: mark.column)
        }
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
             .composer(_, let problem, let mark, _):
            return .error(path, at(mark), .yamlSyntax(problem))
        case .duplicatedKeysInMapping(let duplicates, let context):
            // Yams marks the mapping; point at the second occurrence of the key instead.
            let key = duplicates.first ?? ""
            let seen = occurrences(of: key, in: yaml, lineOffset: lineOffset)
            guard seen.count == 2 else {
                return .error(path, at(context.mark), .yamlSyntax("duplicate key \(duplicates.joined(separator: ", "))"))
            }
            return .error(path, seen[1], .yamlDuplicateKey(key, firstLine: seen[0].line, secondLine: seen[1].line))
        default:
            return .error(path, SourcePosition(line: lineOffset + 1, column: 1), .yamlSyntax("\(error)"))
        }
    }

    func position(of node: Node) -> SourcePosition? {
        node.mark.map { SourcePosition(line: $0.line + lineOffset, column: $0.column) }
    }

    var keys: [String] { entries.map(\.key) }

    func value(_ key: String) -> Node? { entries.first { $0.key == key }?.value }

    /// Where `key`'s value is (or the key itself when the value has no mark).
    func valuePosition(_ key: String) -> SourcePosition {
        guard let entry = entries.first(where: { $0.key == key }) else { return position }
        return position(of: entry.value) ?? entry.keyPosition
    }

    func keyPosition(_ key: String) -> SourcePosition {
        entries.first { $0.key == key }?.keyPosition ?? position
    }

    private func isNull(_ node: Node) -> Bool {
        guard let scalar = node.scalar else { return false }
        return scalar.style == .plain && (scalar.string.isEmpty || scalar.string == "~" || scalar.string == "null")
    }

    /// A text value; reports a wrong type, and a missing or empty value when `required`.
    mutating func text(_ key: String, required: Bool = false) -> String? {
        guard let node = value(key), !isNull(node) else {
            if required, !removedKeys.contains(key) {
                diagnostics.append(.error(path, position(ofMissing: key), .missingField(key)))
            }
            return nil
        }
        guard let scalar = node.scalar else {
            diagnostics.append(.error(path, valuePosition(key), .wrongType(key: key, expected: .text)))
            return nil
        }
        let text = FastText.trimmed(scalar.string)
        if text.isEmpty {
            if required { diagnostics.append(.error(path, valuePosition(key), .emptyValue(key))) }
            return nil
        }
        return text
    }

    private func position(ofMissing key: String) -> SourcePosition {
        entries.first { $0.key == key }.map { position(of: $0.value) ?? $0.keyPosition } ?? position
    }

    /// A date or date-time value.
    mutating func timestamp(_ key: String, required: Bool = false, calendar: SiteCalendar) -> Timestamp? {
        guard let raw = text(key, required: required) else { return nil }
        guard let value = Timestamp.parse(raw, in: calendar) else {
            diagnostics.append(.error(path, valuePosition(key), .invalidDate(key: key, value: raw)))
            return nil
        }
        return value
    }

    /// A date-only value.
    mutating func date(_ key: String, required: Bool = false) -> LocalDate? {
        guard let raw = text(key, required: required) else { return nil }
        guard let value = LocalDate(iso: raw) else {
            diagnostics.append(.error(path, valuePosition(key), .invalidDate(key: key, value: raw)))
            return nil
        }
        return value
    }

    /// A list of text values, each with its position. A single text is accepted as a list of one.
    mutating func textList(_ key: String) -> [(String, SourcePosition)] {
        guard let node = value(key), !isNull(node) else { return [] }
        if let scalar = node.scalar {
            let text = FastText.trimmed(scalar.string)
            return text.isEmpty ? [] : [(text, valuePosition(key))]
        }
        guard let sequence = node.sequence else {
            diagnostics.append(.error(path, valuePosition(key), .wrongType(key: key, expected: .listOfText)))
            return []
        }
        var result: [(String, SourcePosition)] = []
        for item in sequence {
            let at = position(of: item) ?? valuePosition(key)
            guard let scalar = item.scalar, !scalar.string.isEmpty else {
                diagnostics.append(.error(path, at, .wrongType(key: key, expected: .listOfText)))
                continue
            }
            result.append((FastText.trimmed(scalar.string), at))
        }
        return result
    }

    /// A whole number from 0 to `limit` (day counts are capped at a century, so date
    /// arithmetic can never overflow).
    mutating func count(_ key: String, in range: ClosedRange<Int> = 0...36_500) -> Int? {
        guard let raw = text(key) else { return nil }
        guard let value = Int(raw), range.contains(value) else {
            diagnostics.append(.error(path, valuePosition(key),
                                      .invalidNumber(key: key, value: raw, lowest: range.lowerBound, highest: range.upperBound)))
            return nil
        }
        return value
    }

    /// A nested mapping, read with the same rules.
    mutating func mapping(_ key: String) -> YAMLMapping? {
        guard let node = value(key), !isNull(node) else { return nil }
        return nested(node, key: key)
    }

    mutating func nested(_ node: Node, key: String) -> YAMLMapping? {
        guard case .mapping(let mapping) = node else {
            diagnostics.append(.error(path, position(of: node) ?? valuePosition(key),
                                      .wrongType(key: key, expected: .mapping)))
            return nil
        }
        let at = position(of: node) ?? valuePosition(key)
        var entries: [(String, SourcePosition, Node)] = []
        for (k, v) in mapping {
            guard let name = k.scalar?.string else {
                diagnostics.append(.error(path, position(of: k) ?? at, .frontMatterNotMapping))
                continue
            }
            entries.append((name, position(of: k) ?? at, v))
        }
        return YAMLMapping(path: path, lineOffset: lineOffset, entries: entries, position: at)
    }

    /// Merges a nested reader's diagnostics into this one.
    mutating func absorb(_ other: YAMLMapping) {
        diagnostics.append(contentsOf: other.diagnostics)
    }

    mutating func report(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
    }

    /// Keys clerks write in Vietnamese (folded: no diacritics, `_` between words), and the key meant.
    static let vietnameseKeys: [String: String] = [
        "tieu_de": "title", "ten": "title", "loai": "type", "loai_thong_bao": "type", "xa": "commune",
        "so": "number", "so_hieu": "number", "so_van_ban": "number", "co_quan": "issuer", "noi_ban_hanh": "issuer",
        "ngay_ky": "signed", "ngay_dang": "posted", "ngay_niem_yet": "posted", "bat_dau": "posted",
        "het_han": "expires", "ngay_het_han": "expires", "ket_thuc": "expires", "tom_tat": "summary",
        "dinh_kem": "attachments", "tep_dinh_kem": "attachments", "ban_nhap": "draft", "nhap": "draft",
        "noi_niem_yet": "places", "dia_diem": "places", "thay_the": "supersedes", "dinh_chinh": "corrects",
    ]

    /// The known key an unknown one most likely means: a misspelling (`attachment`, `expire`)
    /// or a Vietnamese name (`tieu_de`, `ngày đăng`), when that key is not also present.
    static func meant(_ key: String, known: [String], present: [String]) -> String? {
        let folded = SearchFolding.fold(key).replacingOccurrences(of: " ", with: "_").replacingOccurrences(of: "-", with: "_")
        // A misspelling is one letter off in a short key, two in a longer one (`law` is not `max`).
        let candidate = vietnameseKeys[folded].flatMap { known.contains($0) ? $0 : nil }
            ?? Suggestions.closest(to: folded, among: known, limit: 1).first.flatMap { near in
                Suggestions.distance(folded, near) <= (near.count <= 5 ? 1 : 2) ? near : nil
            }
        guard let candidate, !present.contains(candidate) else { return nil }
        return candidate
    }

    /// Reports keys not in `known`: a misspelt known key is an error (its value would be lost),
    /// any other unknown key a warning.
    mutating func warnUnknownKeys(known: [String]) {
        let present = keys
        for entry in entries where !known.contains(entry.key) {
            if let meant = Self.meant(entry.key, known: known, present: present) {
                diagnostics.append(.error(path, entry.keyPosition, .misspelledKey(entry.key, suggestion: meant)))
            } else {
                diagnostics.append(.warning(path, entry.keyPosition,
                                            .unknownKey(entry.key, suggestions: Suggestions.closest(to: entry.key, among: known, limit: 1))))
            }
        }
    }
}
