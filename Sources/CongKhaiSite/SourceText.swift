import CongKhaiCore
import Foundation

/// Decodes content files as editors write them: UTF-8 with or without BOM, CRLF or LF line
/// endings, and decomposed Vietnamese (normalised to NFC so titles, search and sorting behave).
enum SourceText {
    enum DecodeError: Error {
        case invalidUTF8
        case containsNUL
    }

    static func decode(_ data: Data) throws(DecodeError) -> String {
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
}
