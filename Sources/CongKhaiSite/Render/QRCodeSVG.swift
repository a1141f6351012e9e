import CQRencode
import Foundation

/// QR codes as inline SVG, drawn by libqrencode (no network, no images to fetch).
enum QRCodeSVG {
    /// An SVG of `text` (a notice's URL), one path of dark modules merged into horizontal runs,
    /// with the quiet zone the standard asks for. Nil if the text cannot be encoded.
    static func svg(for text: String, label: String) -> String? {
        // Medium error correction: survives a creased or stained printout.
        guard let code = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1) else { return nil }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        let quiet = 4
        let size = width + 2 * quiet
        var path: [UInt8] = []
        path.reserveCapacity(width * width)
        let data = code.pointee.data!
        for y in 0..<width {
            var x = 0
            while x < width {
                // Bit 0 of each byte is the module's colour (1 = dark).
                guard data[y * width + x] & 1 == 1 else {
                    x += 1
                    continue
                }
                let start = x
                while x < width, data[y * width + x] & 1 == 1 { x += 1 }
                // "M<x> <y>h<run>v1h-<run>z"
                path.append(UInt8(ascii: "M"))
                append(start + quiet, to: &path)
                path.append(UInt8(ascii: " "))
                append(y + quiet, to: &path)
                path.append(UInt8(ascii: "h"))
                append(x - start, to: &path)
                path.append(contentsOf: "v1h-".utf8)
                append(x - start, to: &path)
                path.append(UInt8(ascii: "z"))
            }
        }
        return "<svg class=\"qr\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(size) \(size)\" role=\"img\" "
            + "aria-label=\"\(XML.escape(label))\" shape-rendering=\"crispEdges\"><rect width=\"\(size)\" height=\"\(size)\" fill=\"#fff\"/>"
            + "<path fill=\"#000\" d=\"\(String(decoding: path, as: UTF8.self))\"/></svg>"
    }

    /// Appends the decimal digits of a non-negative `value`.
    private static func append(_ value: Int, to path: inout [UInt8]) {
        if value >= 10 { append(value / 10, to: &path) }
        path.append(UInt8(ascii: "0") + UInt8(value % 10))
    }
}
