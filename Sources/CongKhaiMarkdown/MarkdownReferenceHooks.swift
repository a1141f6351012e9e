/// Lets the caller of `MarkdownRenderer.render` edit references while a document is rendered:
/// links whose destination must go (their text stays, as plain text) and literal text to rewrite.
///
/// Positions are 1-based lines and byte columns in the Markdown given to `render`.
public struct MarkdownReferenceHooks {
    /// Called for every link and image with its destination and title; returns false to drop
    /// the destination (the link's text, or the image's description, stays as plain text).
    public var keepLink: (_ destination: String, _ title: String, _ line: Int, _ column: Int) -> Bool
    /// Called for every text, code span and code block literal (`isBlock`: a code block, whose
    /// position is its fence's); returns its replacement, or nil to keep it.
    public var rewriteText: (_ literal: String, _ line: Int, _ column: Int, _ isBlock: Bool) -> String?

    public init(keepLink: @escaping (String, String, Int, Int) -> Bool,
                rewriteText: @escaping (String, Int, Int, Bool) -> String?) {
        self.keepLink = keepLink
        self.rewriteText = rewriteText
    }
}
