import Foundation

/// An independent check that an HTML fragment rendered from Markdown can run no script.
///
/// It does not trust the renderer: it tokenises the output itself and accepts only the elements
/// and attributes cmark-gfm (with our extensions) and `BodyRenderer` emit, and only link targets
/// with harmless schemes. Used as the oracle of the fuzzer (`scripts/fuzz`) and by the tests;
/// a violation means a bug in rendering, never a clerk's mistake.
public enum HTMLSafetyCheck {
    public struct Violation: Equatable, CustomStringConvertible, Sendable {
        public let offset: Int
        public let reason: String
        public var description: String { "byte \(offset): \(reason)" }
    }

    static let allowedElements: Set<String> = [
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "a", "img", "ul", "ol", "li", "blockquote", "pre", "code",
        "em", "strong", "del", "table", "thead", "tbody", "tr", "th", "td", "hr", "br", "input", "div",
        "section", "sup",
    ]

    static let allowedAttributes: Set<String> = [
        "href", "src", "alt", "title", "class", "id", "style", "type", "checked", "disabled", "tabindex", "start",
        "data-footnote-ref", "data-footnotes", "data-footnote-backref", "data-footnote-backref-idx", "aria-label",
        // `BodyRenderer` labels table cells with their column's header text (cmark's escaped text).
        "data-label",
    ]

    static let urlAttributes: Set<String> = ["href", "src"]

    /// What cmark-gfm writes in place of raw HTML.
    static let omitted = "<!-- raw HTML omitted -->"

    /// Returns every violation found in `html` (empty when the fragment is safe).
    public static func violations(in html: String) -> [Violation] {
        let bytes = Array(html.utf8)
        var found: [Violation] = []
        var index = 0
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "<") else {
                index += 1
                continue
            }
            let start = index
            if matches(bytes, at: index, "<!") {
                // The only comment the renderer writes. Browsers end comments in more ways than
                // `-->` (`<!-->`, `--!>`), so any other comment or declaration is refused.
                if matches(bytes, at: index, omitted) {
                    index += omitted.utf8.count
                } else {
                    found.append(Violation(offset: start, reason: "comment or declaration other than \"\(omitted)\""))
                    index += 2
                }
                continue
            }
            var cursor = index + 1
            let closing = cursor < bytes.count && bytes[cursor] == UInt8(ascii: "/")
            if closing { cursor += 1 }
            let nameStart = cursor
            while cursor < bytes.count, isNameByte(bytes[cursor]) { cursor += 1 }
            guard cursor > nameStart else {
                // A browser would treat this "<" as text, but the renderer always escapes text "<".
                found.append(Violation(offset: start, reason: "unescaped \"<\""))
                index += 1
                continue
            }
            let name = String(decoding: bytes[nameStart..<cursor], as: UTF8.self).lowercased()
            if !allowedElements.contains(name) {
                found.append(Violation(offset: start, reason: "element <\(name)> is not allowed"))
            }
            // Attributes, until ">" outside quotes.
            while cursor < bytes.count, bytes[cursor] != UInt8(ascii: ">") {
                let byte = bytes[cursor]
                if isSpace(byte) || byte == UInt8(ascii: "/") {
                    cursor += 1
                    continue
                }
                let attributeStart = cursor
                while cursor < bytes.count, !isSpace(bytes[cursor]),
                      ![UInt8(ascii: "="), UInt8(ascii: ">"), UInt8(ascii: "/")].contains(bytes[cursor]) {
                    cursor += 1
                }
                let attribute = String(decoding: bytes[attributeStart..<cursor], as: UTF8.self).lowercased()
                var value: String?
                if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "=") {
                    cursor += 1
                    if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "\"") || bytes[cursor] == UInt8(ascii: "'") {
                        let quote = bytes[cursor]
                        let valueStart = cursor + 1
                        var valueEnd = valueStart
                        while valueEnd < bytes.count, bytes[valueEnd] != quote { valueEnd += 1 }
                        value = String(decoding: bytes[valueStart..<min(valueEnd, bytes.count)], as: UTF8.self)
                        cursor = min(valueEnd + 1, bytes.count)
                    } else {
                        let valueStart = cursor
                        while cursor < bytes.count, !isSpace(bytes[cursor]), bytes[cursor] != UInt8(ascii: ">") {
                            cursor += 1
                        }
                        value = String(decoding: bytes[valueStart..<cursor], as: UTF8.self)
                    }
                }
                if closing {
                    found.append(Violation(offset: attributeStart, reason: "attribute on a closing tag"))
                } else if !allowedAttributes.contains(attribute) {
                    found.append(Violation(offset: attributeStart, reason: "attribute \(attribute) on <\(name)>"))
                } else if let value, urlAttributes.contains(attribute),
                          let reason = unsafeURL(value) {
                    found.append(Violation(offset: attributeStart, reason: reason))
                } else if attribute == "style", let value, !isAlignment(value) {
                    found.append(Violation(offset: attributeStart, reason: "style \"\(value)\""))
                }
            }
            guard cursor < bytes.count else {
                found.append(Violation(offset: start, reason: "unterminated tag <\(name)"))
                break
            }
            index = cursor + 1
        }
        return found
    }

    /// Why a link target is unsafe, or nil. Entities are decoded and the characters browsers skip
    /// inside a scheme (whitespace, controls) removed before the scheme is read.
    static func unsafeURL(_ raw: String) -> String? {
        let decoded = decodeEntities(raw)
        let compact = String(String.UnicodeScalarView(decoded.unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7F }))
            .lowercased()
        guard let colon = compact.firstIndex(of: ":") else { return nil }
        let scheme = compact[..<colon]
        // A ":" after "/", "?" or "#" is not a scheme separator.
        if scheme.contains(where: { "/?#".contains($0) }) { return nil }
        switch scheme {
        case "javascript", "vbscript", "livescript", "file":
            return "link with scheme \"\(scheme)\": \"\(raw)\""
        case "data":
            let safe = ["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"]
            // Raster images cannot carry script (cmark-gfm allows exactly these four).
            return safe.contains(where: { compact.hasPrefix($0) }) ? nil : "data URL \"\(raw)\""
        default:
            // Other schemes (http, mailto, tel, unknown ones) cannot run script in a browser.
            return nil
        }
    }

    /// Decodes character references the way a browser reads an attribute value: numeric ones of
    /// any length with or without `;` (`&#106avascript:`), and the named ones that matter here.
    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        let scalars = Array(text.unicodeScalars)
        var output = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            guard scalars[index] == "&" else {
                output.append(scalars[index])
                index += 1
                continue
            }
            var cursor = index + 1
            if cursor < scalars.count, scalars[cursor] == "#" {
                cursor += 1
                var radix: UInt32 = 10
                if cursor < scalars.count, scalars[cursor] == "x" || scalars[cursor] == "X" {
                    radix = 16
                    cursor += 1
                }
                var value: UInt32 = 0
                var digits = 0
                while cursor < scalars.count, let digit = Character(scalars[cursor]).hexDigitValue, UInt32(digit) < radix {
                    value = min(value &* radix &+ UInt32(digit), 0x110000)
                    digits += 1
                    cursor += 1
                }
                if digits > 0 {
                    if cursor < scalars.count, scalars[cursor] == ";" { cursor += 1 }
                    output.append(Unicode.Scalar(value) ?? "\u{FFFD}")
                    index = cursor
                    continue
                }
            } else {
                let named: [String: Unicode.Scalar] = [
                    "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "colon": ":",
                    "tab": "\t", "newline": "\n", "nbsp": "\u{A0}",
                ]
                var name = ""
                while cursor < scalars.count, name.count < 10, scalars[cursor].properties.isAlphabetic {
                    name.unicodeScalars.append(scalars[cursor])
                    cursor += 1
                }
                if cursor < scalars.count, scalars[cursor] == ";", let scalar = named[name.lowercased()] {
                    output.append(scalar)
                    index = cursor + 1
                    continue
                }
            }
            output.append("&")
            index += 1
        }
        return String(output)
    }

    static func isAlignment(_ style: String) -> Bool {
        ["text-align: left", "text-align: right", "text-align: center"].contains(style)
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D
    }

    private static func matches(_ bytes: [UInt8], at index: Int, _ literal: String) -> Bool {
        let pattern = Array(literal.utf8)
        guard index + pattern.count <= bytes.count else { return false }
        return Array(bytes[index..<index + pattern.count]) == pattern
    }
}
