import Foundation

/// Folds Vietnamese text for search so residents can type without diacritics: lowercase,
/// combining marks removed, `đ` → `d` ("Bồi thường" → "boi thuong"). The search script applies
/// the same folding to what residents type (`assets/search.js`).
public enum SearchFolding {
    public static func fold(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars {
            if (0x300...0x36F).contains(scalar.value) { continue }
            if scalar == "đ" { result += "d" } else { result.unicodeScalars.append(scalar) }
        }
        return result
    }

    /// Folded words (letters and digits), in order of first appearance, without repeats.
    public static func words(_ text: String) -> [String] {
        var seen = Set<String>()
        var result: [String] = []
        for word in fold(text).split(whereSeparator: { !($0.isLetter || $0.isNumber) }) {
            let w = String(word)
            if seen.insert(w).inserted { result.append(w) }
        }
        return result
    }
}
