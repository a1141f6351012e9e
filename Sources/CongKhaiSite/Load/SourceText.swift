import CongKhaiCore
import Foundation

/// Decodes content files as editors write them: UTF-8 with or without BOM, CRLF or LF line
/// endings, and decomposed Vietnamese (normalised to NFC so titles, search and sorting behave).
enum SourceText {
    enum DecodeError: Error {
        case invalidUTF8
        case containsNUL
        case utf16
    }

    static func decode(_ data: Data) throws(DecodeError) -> String {
        // UTF-16 (Notepad's "Unicode"): a byte-order mark, or ASCII text with every other byte 0.
        if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) || looksLikeUTF16(data) { throw .utf16 }
        guard var text = String(validating: data, as: UTF8.self) else { throw .invalidUTF8 }
        if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
        if text.utf8.contains(0) { throw .containsNUL }
        if text.utf8.contains(UInt8(ascii: "\r")) {
            text = FastText.replacing("\r", with: "\n", in: FastText.replacing("\r\n", with: "\n", in: text))
        }
        // Only decomposed text needs NFC: it carries combining marks (U+0300–U+036F, UTF-8 lead
        // bytes 0xCC/0xCD). Precomposed Vietnamese has none, so skip the costly normalisation.
        guard text.utf8.contains(where: { $0 == 0xCC || $0 == 0xCD }) else { return text }
        return text.precomposedStringWithCanonicalMapping
    }

    /// At least 8 bytes and, in the first 64, every odd (or every even) byte 0 and no other.
    private static func looksLikeUTF16(_ data: Data) -> Bool {
        let head = Array(data.prefix(64))
        guard head.count >= 8, head.count % 2 == 0 else { return false }
        let even = stride(from: 0, to: head.count, by: 2).map { head[$0] }
        let odd = stride(from: 1, to: head.count, by: 2).map { head[$0] }
        return (odd.allSatisfy { $0 == 0 } && even.allSatisfy { $0 != 0 }) || (even.allSatisfy { $0 == 0 } && odd.allSatisfy { $0 != 0 })
    }
}
