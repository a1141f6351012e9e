#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// String helpers for hot paths. Foundation's `NSString`-backed equivalents
/// (`trimmingCharacters`, `replacingOccurrences`, `String(format:)`) dominated build profiles on
/// Linux; these work on UTF-8 and Unicode scalars directly.
public enum FastText {
    /// Zero-padded decimal: `padded(5, 2)` → "05".
    public static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(abs(value))
        let sign = value < 0 ? "-" : ""
        return digits.count >= width ? sign + digits : sign + String(repeating: "0", count: width - digits.count) + digits
    }

    /// Removes leading and trailing spaces, tabs and line breaks.
    public static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isSpace($0) })!
        if first == scalars.startIndex && last == scalars.index(before: scalars.endIndex) { return text }
        return String(scalars[first...last])
    }

    @inline(__always)
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20, 0x09, 0x0A, 0x0D, 0x0B, 0x0C, 0xA0, 0xFEFF, 0x3000, 0x2000...0x200B: return true
        default: return false
        }
    }

    /// True when every character is a space or a line break.
    public static func isBlank(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy(isSpace)
    }

    /// The UTF-8 offset of the first `needle` (non-empty) in `text` at or after `from`, or nil.
    /// Plain byte search (`memmem`): Foundation's `range(of:)` goes through NSString on Linux and
    /// the generic `firstRange(of:)` compares element by element; both dominated build profiles.
    public static func offset(of needle: String, in text: String, from: Int = 0) -> Int? {
        var text = text, needle = needle
        return text.withUTF8 { haystack in
            needle.withUTF8 { pattern in
                guard let base = haystack.baseAddress, let bytes = pattern.baseAddress else { return nil }
                return offset(of: bytes, count: pattern.count, in: base, from: from, to: haystack.count)
            }
        }
    }

    /// The offset of the first `count` bytes at `needle` in `haystack[from..<to]`, or nil
    /// (`memchr` for the first byte, then `memcmp`; `memmem` is not visible through Glibc).
    public static func offset(of needle: UnsafePointer<UInt8>, count: Int, in haystack: UnsafePointer<UInt8>,
                              from: Int, to: Int) -> Int? {
        guard count > 0 else { return nil }
        var position = from
        while position + count <= to {
            guard let hit = memchr(haystack + position, Int32(needle[0]), to - count + 1 - position) else { return nil }
            let start = haystack.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if memcmp(haystack + start, needle, count) == 0 { return start }
            position = start + 1
        }
        return nil
    }

    /// True when `text` contains `needle` (non-empty), compared byte for byte.
    public static func contains(_ needle: String, in text: String) -> Bool {
        offset(of: needle, in: text) != nil
    }

    /// Replaces every occurrence of `target` (non-empty) with `replacement`, on UTF-8 bytes.
    public static func replacing(_ target: String, with replacement: String, in text: String) -> String {
        let needle = Array(target.utf8)
        guard let head = needle.first else { return text }
        var utf8 = Array(text.utf8)
        var output: [UInt8] = []
        var i = 0
        var found = false
        let n = utf8.count, m = needle.count
        output.reserveCapacity(n)
        while i < n {
            if utf8[i] == head, i + m <= n, utf8[i..<(i + m)].elementsEqual(needle) {
                if !found {
                    found = true
                    output.append(contentsOf: utf8[0..<i])
                }
                output.append(contentsOf: replacement.utf8)
                i += m
                continue
            }
            if found { output.append(utf8[i]) }
            i += 1
        }
        guard found else { return text }
        utf8 = output
        return String(decoding: utf8, as: UTF8.self)
    }
}
