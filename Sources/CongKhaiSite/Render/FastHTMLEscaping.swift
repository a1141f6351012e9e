import Mustache

/// The HTML escaping the default theme's templates select with `{{% CONTENT_TYPE: CONGKHAI_HTML}}`.
///
/// Same escapes as swift-mustache's built-in HTML type (`< > & " '`), but on UTF-8 bytes and
/// returning the string untouched when there is nothing to escape — the common case. The built-in
/// one looks every character up in a dictionary and was the largest single cost of a build.
/// A site theme whose templates do not declare the pragma gets the built-in escaping: safe either way.
struct FastHTMLEscaping: MustacheContentType {
    static let name = "CONGKHAI_HTML"

    /// Registers the content type once per process.
    static let registered: Void = {
        MustacheContentTypes.register(FastHTMLEscaping(), named: name)
        MustacheContentTypes.register(XMLEscaping(), named: XMLEscaping.name)
    }()

    func escapeText(_ text: String) -> String {
        let utf8 = text.utf8
        guard utf8.contains(where: { $0 == 0x3C || $0 == 0x3E || $0 == 0x26 || $0 == 0x22 || $0 == 0x27 }) else {
            return text
        }
        var output: [UInt8] = []
        output.reserveCapacity(utf8.count + 16)
        for byte in utf8 {
            switch byte {
            case 0x3C: output.append(contentsOf: [0x26, 0x6C, 0x74, 0x3B])  // &lt;
            case 0x3E: output.append(contentsOf: [0x26, 0x67, 0x74, 0x3B])  // &gt;
            case 0x26: output.append(contentsOf: [0x26, 0x61, 0x6D, 0x70, 0x3B])  // &amp;
            case 0x22: output.append(contentsOf: [0x26, 0x71, 0x75, 0x6F, 0x74, 0x3B])  // &quot;
            case 0x27: output.append(contentsOf: [0x26, 0x23, 0x33, 0x39, 0x3B])  // &#39;
            default: output.append(byte)
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}

/// The XML escaping of the feed and sitemap templates (`{{% CONTENT_TYPE: CONGKHAI_XML}}`):
/// `XML.escape`, which also drops the control characters XML 1.0 does not allow.
struct XMLEscaping: MustacheContentType {
    static let name = "CONGKHAI_XML"

    func escapeText(_ text: String) -> String { XML.escape(text) }
}
