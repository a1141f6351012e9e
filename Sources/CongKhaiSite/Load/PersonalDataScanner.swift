import CongKhaiCore
import Foundation

/// Finds what looks like a personal identifier in text a notice publishes: a 12-digit citizen ID
/// number, a 9-digit old ID number, or a phone number. Law 91/2025/QH15 on personal data (in force
/// 01/01/2026) asks for households' names, not their numbers; a build warns at the line and column.
enum PersonalDataScanner {
    enum Kind: Sendable {
        case citizenID, oldID, phone
    }

    struct Finding {
        let kind: Kind
        /// UTF-16 offset in the scanned text.
        let offset: Int
    }

    // Digits not glued to other digits or to a decimal/thousands separator followed by digits
    // (amounts such as 11.482.500.000 or 1,5 are not identifiers).
    private static let patterns: [(Kind, NSRegularExpression)] = [
        (.citizenID, try! NSRegularExpression(pattern: #"(?<![\d.,])\d{12}(?![\d]|[.,]\d)"#)),
        (.oldID, try! NSRegularExpression(pattern: #"(?<![\d.,])\d{9}(?![\d]|[.,]\d)"#)),
        // Mobile (0 + 9 digits) and landline (02 + 9 digits) numbers, with optional spaces, dots
        // or dashes between groups, or written with +84.
        (.phone, try! NSRegularExpression(pattern: #"(?<![\d.,+])(?:\+84[ .-]?|0)[1-9](?:[ .-]?\d){8,9}(?![\d]|[.,]\d)"#)),
    ]

    static func scan(_ text: String) -> [Finding] {
        // Most bodies have neither 9 digits in a row nor a number starting with 0 or + that runs
        // to 9 digits (amounts such as 1.250.000.000 start otherwise): skip the expressions.
        guard mayContainIdentifier(text) else { return [] }
        let range = NSRange(text.startIndex..., in: text)
        var found: [Finding] = []
        var taken: [NSRange] = []
        for (kind, expression) in patterns {
            for match in expression.matches(in: text, range: range)
            where !taken.contains(where: { NSIntersectionRange($0, match.range).length > 0 }) {
                taken.append(match.range)
                found.append(Finding(kind: kind, offset: match.range.location))
            }
        }
        return found.sorted { $0.offset < $1.offset }
    }

    private static func mayContainIdentifier(_ text: String) -> Bool {
        var plain = 0, grouped = 0, inPhone = false
        var previous: UInt8 = 0x20
        for byte in text.utf8 {
            let isDigit = byte >= 0x30 && byte <= 0x39
            if isDigit {
                plain += 1
                if plain >= 9 { return true }
                if !(previous >= 0x30 && previous <= 0x39), !inPhone {
                    // A number starts: a phone number starts with 0 (or follows a +).
                    inPhone = byte == 0x30 || previous == 0x2B
                    grouped = 0
                }
                if inPhone {
                    grouped += 1
                    if grouped >= 9 { return true }
                }
            } else {
                plain = 0
                let separator = byte == 0x20 || byte == 0x2E || byte == 0x2D
                if !separator || !(previous >= 0x30 && previous <= 0x39) { inPhone = inPhone && separator && byte != previous }
                if !separator { inPhone = false }
            }
            previous = byte
        }
        return false
    }

    /// Findings in a notice body as warnings at the file's line and column.
    static func warnings(in body: String, path: String, firstLine: Int) -> [Diagnostic] {
        let findings = scan(body)
        guard !findings.isEmpty else { return [] }
        let utf16 = Array(body.utf16)
        return findings.map { finding in
            var line = firstLine, lineStart = 0
            for index in 0..<finding.offset where utf16[index] == 0x0A {
                line += 1
                lineStart = index + 1
            }
            let column = String(decoding: utf16[lineStart..<finding.offset], as: UTF16.self).unicodeScalars.count + 1
            return .warning(path, SourcePosition(line: line, column: column), .personalData(finding.kind.message))
        }
    }
}

extension PersonalDataScanner.Kind {
    var message: DiagnosticMessage.PersonalDataKind {
        switch self {
        case .citizenID: return .citizenID
        case .oldID: return .oldID
        case .phone: return .phone
        }
    }
}
