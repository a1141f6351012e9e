import CCmarkGFM
import Foundation
import Synchronization

/// Renders GitHub-flavoured Markdown to safe HTML with libcmark-gfm.
///
/// Raw HTML is never passed through (no `CMARK_OPT_UNSAFE`): cmark-gfm replaces it with
/// `<!-- raw HTML omitted -->` and empties `javascript:`/`vbscript:`/`file:`/`data:` (non-image) links.
public enum MarkdownRenderer {
    /// Why a lock: libcmark-gfm is not thread-safe. Parsing mutates a process-global
    /// special-character table (github/cmark-gfm#176) and the extension registry is global,
    /// so every call into the library goes through this one lock.
    private static let lock = Mutex<Bool>(false)

    static let extensionNames = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]

    public enum RenderError: Error, Equatable {
        case extensionMissing(String)
        case renderFailed
    }

    /// Renders `markdown` to an HTML fragment. Safe to call from any thread.
    public static func render(_ markdown: String) throws(RenderError) -> String {
        try lock.withLock { registered throws(RenderError) -> String in
            if !registered {
                cmark_gfm_core_extensions_ensure_registered()
                registered = true
            }
            return try renderLocked(markdown)
        }
    }

    private static func renderLocked(_ markdown: String) throws(RenderError) -> String {
        // Style attributes instead of the obsolete `align` keep tables valid HTML5.
        let options = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8 | CMARK_OPT_FOOTNOTES
            | CMARK_OPT_TABLE_PREFER_STYLE_ATTRIBUTES
        guard let parser = cmark_parser_new(options) else { throw .renderFailed }
        defer { cmark_parser_free(parser) }
        for name in extensionNames {
            // A NULL extension means the registry was not initialised: tables would silently
            // render as paragraphs, so treat it as an error.
            guard let ext = cmark_find_syntax_extension(name) else { throw .extensionMissing(name) }
            cmark_parser_attach_syntax_extension(parser, ext)
        }
        var utf8 = markdown
        utf8.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                cmark_parser_feed(parser, chars.baseAddress, buffer.count)
            }
        }
        guard let document = cmark_parser_finish(parser) else { throw .renderFailed }
        defer { cmark_node_free(document) }
        // Passing the parser's extensions is what makes `tagfilter` and table rendering apply.
        guard let html = cmark_render_html(document, options, cmark_parser_get_syntax_extensions(parser)) else {
            throw .renderFailed
        }
        defer { free(html) }
        return String(cString: html)
    }
}
