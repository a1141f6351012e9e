import Foundation

/// Folds Vietnamese text for search so residents can type without diacritics: lowercase,
/// combining marks removed, `đ` → `d` ("Bồi thường" → "boi thuong"). The search script applies
/// the same folding to what residents type (`assets/search.js`).
public enum SearchFolding {
    /// Precomposed Latin letters (Vietnamese and Latin-1/Extended-A/Additional) → folded ASCII,
    /// computed once, so folding is a table lookup per scalar instead of a Unicode decomposition.
    private static let table: [UInt32: Unicode.Scalar] = {
        var map: [UInt32: Unicode.Scalar] = [:]
        let ranges: [ClosedRange<UInt32>] = [0xC0...0x24F, 0x1E00...0x1EFF]
        for range in ranges {
            for value in range {
                guard let scalar = Unicode.Scalar(value) else { continue }
                let folded = slowFold(String(scalar))
                if folded.unicodeScalars.count == 1, let first = folded.unicodeScalars.first, first.isASCII {
                    map[value] = first
                }
            }
        }
        return map
    }()

    private static func slowFold(_ text: String) -> String {
        var result = ""
        for scalar in text.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars {
            if (0x300...0x36F).contains(scalar.value) { continue }
            if scalar == "đ" { result += "d" } else { result.unicodeScalars.append(scalar) }
        }
        return result
    }

    /// A letter or digit: part of a word (ASCII tested first, it is most of folded text).
    public static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return v < 0x80
            ? (v >= 0x61 && v <= 0x7A) || (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A)
            : scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    public static func fold(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v < 0x80 {
                result.append(v >= 0x41 && v <= 0x5A ? Unicode.Scalar(v + 32)! : scalar)
            } else if let folded = table[v] {
                result.append(folded)
            } else if (0x300...0x36F).contains(v) {
                continue
            } else if v == 0x110 || v == 0x111 {
                result.append("d")
            } else {
                result.append(contentsOf: slowFold(String(scalar)).unicodeScalars)
            }
        }
        return String(result)
    }

    /// Folded words (letters and digits), in order of first appearance, without repeats.
    public static func words(_ text: String) -> [String] {
        var seen = Set<String>()
        var result: [String] = []
        var current = String.UnicodeScalarView()
        func flush() {
            guard !current.isEmpty else { return }
            let word = String(current)
            if seen.insert(word).inserted { result.append(word) }
            current = String.UnicodeScalarView()
        }
        for scalar in fold(text).unicodeScalars {
            if isWordScalar(scalar) {
                current.append(scalar)
            } else {
                flush()
            }
        }
        flush()
        return result
    }
}
