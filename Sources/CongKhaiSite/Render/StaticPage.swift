import CongKhaiCore
import Foundation

/// A page in `content/pages/` (how to send comments, contacts, …): title and Markdown body.
public struct StaticPage: Sendable {
    public let id: String
    public let sourcePath: String
    public let title: String
    public let summary: String?
    public let body: String
    public let bodyLine: Int
}

/// Loads `content/pages/*.md`.
struct StaticPageLoader {
    let root: URL
    let config: SiteConfig

    func loadAll() -> ([StaticPage], [Diagnostic]) {
        let loader = NoticeLoader(root: root, config: config)
        var pages: [StaticPage] = []
        var diagnostics: [Diagnostic] = []
        let (files, linkProblems) = loader.discover(in: "content/pages")
        diagnostics += linkProblems
        for file in files {
            guard let data = FileManager.default.contents(atPath: file.url.path) else {
                diagnostics.append(.error(file.path, nil, .fileUnreadable(file.path)))
                continue
            }
            let text: String
            do {
                text = try SourceText.decode(data)
            } catch {
                diagnostics.append(.error(file.path, SourcePosition(line: 1, column: 1), error.message))
                continue
            }
            let (page, found) = parse(text, path: file.path, defaultId: file.defaultId)
            diagnostics += found
            if let page { pages.append(page) }
        }
        return (pages, diagnostics)
    }

    func parse(_ text: String, path: String, defaultId: String) -> (StaticPage?, [Diagnostic]) {
        let document: FrontMatterDocument
        do {
            document = try FrontMatterDocument.split(text)
        } catch {
            let message: DiagnosticMessage = error == .missing ? .frontMatterMissing : .frontMatterUnterminated
            return (nil, [.error(path, SourcePosition(line: 1, column: 1), message)])
        }
        let (parsed, parseDiagnostics) = YAMLMapping.parse(document.yaml, path: path,
                                                           firstLine: document.yamlFirstLine)
        guard var yaml = parsed else { return (nil, parseDiagnostics) }
        yaml.warnUnknownKeys(known: ["title", "summary", "slug"])
        let title = yaml.text("title", required: true)
        let summary = yaml.text("summary")
        var id = defaultId
        if let slug = yaml.text("slug") { id = slug }
        if !NoticeLoader.isValidId(id) {
            yaml.report(.error(path, yaml.position, .invalidId(id)))
        }
        let diagnostics = parseDiagnostics + yaml.diagnostics
        guard let title, !diagnostics.hasErrors else { return (nil, diagnostics) }
        return (StaticPage(id: id, sourcePath: path, title: title, summary: summary, body: document.body,
                           bodyLine: document.bodyFirstLine), diagnostics)
    }
}
