import Foundation

/// URL-safe ids from Vietnamese titles: diacritics removed, `đ` → `d`, lowercase ASCII words
/// joined by `-` ("Phương án bồi thường" → "phuong-an-boi-thuong").
public enum Slug {
    public static func make(from title: String, maxLength: Int = 60) -> String {
        var ascii = ""
        for scalar in title.replacingOccurrences(of: "đ", with: "d").replacingOccurrences(of: "Đ", with: "D")
            .decomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.properties.generalCategory == .nonspacingMark { continue }
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                ascii.unicodeScalars.append(scalar)
            } else if !ascii.hasSuffix("-") {
                ascii += "-"
            }
        }
        var words = ascii.lowercased().split(separator: "-").map(String.init)
        var result = words.joined(separator: "-")
        // Cut at a word boundary so ids stay readable.
        while result.count > maxLength, words.count > 1 {
            words.removeLast()
            result = words.joined(separator: "-")
        }
        return String(result.prefix(maxLength))
    }
}
