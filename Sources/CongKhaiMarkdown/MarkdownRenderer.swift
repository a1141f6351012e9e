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

    /// Renders `markdown` to an HTML fragment. Safe to call from any thread. `hooks`, when given,
    /// may drop link destinations and rewrite text before the document is rendered; they are
    /// called on this thread, inside the library lock, so they must not render Markdown themselves.
    public static func render(_ markdown: String, hooks: MarkdownReferenceHooks? = nil) throws(RenderError) -> String {
        try lock.withLock { registered throws(RenderError) -> String in
            if !registered {
                cmark_gfm_core_extensions_ensure_registered()
                registered = true
            }
            return try renderLocked(markdown, hooks: hooks)
        }
    }

    private static func renderLocked(_ markdown: String, hooks: MarkdownReferenceHooks?) throws(RenderError) -> String {
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
        if let hooks { apply(hooks, to: document) }
        // Passing the parser's extensions is what makes `tagfilter` and table rendering apply.
        guard let html = cmark_render_html(document, options, cmark_parser_get_syntax_extensions(parser)) else {
            throw .renderFailed
        }
        defer { free(html) }
        return String(cString: html)
    }

    /// Walks the parsed document: drops the destinations `hooks` refuses and rewrites literals.
    /// Nodes are collected first and edited after the walk, because cmark's iterator must not
    /// see the tree change under it.
    private static func apply(_ hooks: MarkdownReferenceHooks, to document: OpaquePointer) {
        var unwrap: [OpaquePointer] = []
        var rewrite: [(OpaquePointer, String)] = []
        guard let iterator = cmark_iter_new(document) else { return }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            // Nodes made by the autolink extension have no position: use the nearest ancestor's.
            var placed: OpaquePointer? = node
            while let current = placed, cmark_node_get_start_line(current) == 0 { placed = cmark_node_parent(current) }
            let line = Int(placed.map(cmark_node_get_start_line) ?? 0)
            let column = Int(placed.map(cmark_node_get_start_column) ?? 0)
            if type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE {
                let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
                let title = cmark_node_get_title(node).map { String(cString: $0) } ?? ""
                if !hooks.keepLink(url, title, line, column) { unwrap.append(node) }
            } else if type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE || type == CMARK_NODE_CODE_BLOCK {
                guard let literal = cmark_node_get_literal(node) else { continue }
                if let replacement = hooks.rewriteText(String(cString: literal), line, column, type == CMARK_NODE_CODE_BLOCK) {
                    rewrite.append((node, replacement))
                }
            }
        }
        for (node, text) in rewrite { cmark_node_set_literal(node, text) }
        // Innermost first is not needed: links cannot nest, and an image inside a link moves out
        // with the link's other children before the link itself is freed.
        for node in unwrap {
            while let child = cmark_node_first_child(node) {
                cmark_node_insert_before(node, child)
            }
            cmark_node_unlink(node)
            cmark_node_free(node)
        }
    }
}
