import CongKhaiCore
import Foundation
import Mustache

/// The content a build publishes: configuration, theme, and the notices active at `now`.
struct PublishedSite {
    let config: SiteConfig
    let theme: Theme
    /// Active notices, newest posting first.
    let notices: [Notice]
    let pages: [StaticPage]
    let now: Date
    /// What links to notices may stay in bodies (the others lose their target).
    let links: NoticeLinkRules
    /// Withdrawn notices whose original period still runs: a short public line each, on the home page.
    var withdrawals: [Notice] = []
    /// Notice pages of earlier builds to reuse; nil renders every page.
    var cache: RenderCache?
    /// What every page's cache key starts with: the binary and the site configuration's bytes.
    var cacheSalt = ""
    /// Notices whose fields were rewritten because they name a notice no longer posted.
    var rewritten: Set<String> = []
    /// Written before `</body>` in every HTML page (the preview's live reload script tag).
    var injectedScript: String?
}

/// Renders every page of a site into an output folder with the theme's templates.
///
/// `Sendable`, checked by the compiler: notice pages and listings render on several threads
/// (`Parallel`), and every context is a `TemplateContext`.
struct SiteRenderer: Sendable {
    let site: PublishedSite
    let presenter: NoticePresenter

    /// Values shared by every page, computed once: site, interface strings, navigation (types
    /// and communes with active notices), links, the build's clock.
    private let shared: TemplateContext
    /// The theme's templates with this build's constant values written in (`Theme.library(constants:)`).
    private let library: MustacheLibrary
    /// Published notices that corrections name (`corrects:`), by id.
    private let published: [String: Notice]
    /// Published corrections of each published notice, by the corrected id.
    private let correctedBy: [String: [Notice]]
    /// Published notices by `project:`.
    private let byProject: [String: [Notice]]
    /// The part of `shared` a notice page sees: no build date (notice pages do not change with
    /// the day), and only values some template a notice page may use names.
    private let noticeShared: TemplateContext
    /// What every notice page's cache key starts with: binary, configuration, theme, `noticeShared`.
    private let pageSalt: String

    /// `constantsInTemplates: false` renders with the theme's templates as written (tests compare).
    init(site: PublishedSite, constantsInTemplates: Bool = true) {
        self.site = site
        let presenter = NoticePresenter(config: site.config, strings: InterfaceStrings(values: site.theme.strings),
                                        now: site.now)
        self.presenter = presenter
        let config = site.config
        var typeCounts: [String: Int] = [:]
        var communeCounts: [String: Int] = [:]
        for notice in site.notices {
            typeCounts[notice.type.id, default: 0] += 1
            if let commune = notice.commune { communeCounts[commune, default: 0] += 1 }
        }
        let types = config.orderedTypes.compactMap { type -> TemplateContext? in
            guard let count = typeCounts[type.id] else { return nil }
            return ["id": type.id, "name": type.name(in: config.language), "count": count,
                    "url": presenter.link(SiteURLs.type(type.id))]
        }
        let communes = config.communes.compactMap { commune -> TemplateContext? in
            guard let count = communeCounts[commune.id] else { return nil }
            return ["id": commune.id, "name": commune.name, "count": count,
                    "url": presenter.link(SiteURLs.commune(commune.id))]
        }
        var shared: TemplateContext = [
            "navTypes": types,
            "navCommunes": communes,
            "hasTypes": !types.isEmpty,
            "hasCommunes": !communes.isEmpty,
            "navPages": site.pages.map { ["title": $0.title, "url": presenter.link(SiteURLs.page($0.id))] },
        ]
        shared["site"] = [
            "title": config.title,
            "description": config.description ?? "",
            "baseURL": config.baseURL,
            "basePath": config.basePath,
            "language": config.language.rawValue,
        ]
        shared["t"] = site.theme.strings
        shared["assets"] = presenter.link("assets/")
        shared["home"] = presenter.link("")
        shared["generated"] = config.calendar.iso8601(site.now)
        shared["generatedShort"] = presenter.today.short
        shared["generatedDay"] = presenter.today.iso
        // Only listings say when they were built (see `renderListingPage`): notice pages, static
        // pages, search and 404 do not change from one day to the next.
        shared["showGenerated"] = false
        shared["ogLocale"] = config.language == .vi ? "vi_VN" : "en_US"
        // The commune's contact in every footer: where residents go or call.
        var contact: [String: String] = NoticePresenter.contactLinks(config.contact, subject: nil)
        if let address = config.contact["address"] { contact["address"] = address }
        if let hours = config.contact["office_hours"] { contact["hours"] = hours }
        if !contact.isEmpty { shared["contact"] = contact }
        self.shared = shared
        let dated: Set<String> = ["generated", "generatedShort", "generatedDay"]
        let noticeTemplates = site.theme.templateTexts
            .filter { !["home", "list", "search", "404", "page", "feed.xml", "sitemap.xml", "robots.txt"].contains($0.key) }
            .sorted { $0.key < $1.key }.map(\.value).joined(separator: "\n")
        noticeShared = shared.filter { !dated.contains($0.key) && FastText.contains($0.key, in: noticeTemplates) }
        pageSalt = RenderCache.key([site.cacheSalt, site.theme.fingerprint, RenderCache.canonical(noticeShared)])
        var byProject: [String: [Notice]] = [:]
        for notice in site.notices {
            if let project = notice.project { byProject[project, default: []].append(notice) }
        }
        self.byProject = byProject
        var correctedBy: [String: [Notice]] = [:]
        var named = Set<String>()
        for notice in site.notices where !notice.corrects.isEmpty {
            for id in notice.corrects { correctedBy[id, default: []].append(notice) }
            named.formUnion(notice.corrects)
        }
        self.correctedBy = correctedBy
        published = Dictionary(site.notices.filter { named.contains($0.id) }.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        library = constantsInTemplates ? site.theme.library(constants: Self.constants(in: shared)) : site.theme.library
    }

    /// Values of the base context that every page of this build shares, by tag name.
    static func constants(in context: TemplateContext) -> [String: String] {
        var constants: [String: String] = [:]
        // Not the build date: a notice page must not change with the day, even in a theme that
        // names it (listings get it from their context).
        for name in ["home", "assets", "ogLocale"] {
            if let value = context[name] as? String { constants[name] = value }
        }
        // A key with its own dots is skipped: `t.a.b` is a path in Mustache, not the key `a.b`.
        for group in ["t", "site"] {
            for (key, value) in context[group] as? [String: String] ?? [:] where !key.contains(".") {
                constants[group + "." + key] = value
            }
        }
        return constants
    }

    /// Pages that could not be rendered (a template error, a body cmark-gfm could not render).
    struct RenderFailure: Error {
        let diagnostics: [Diagnostic]
    }

    private var config: SiteConfig { site.config }


    private func correctionLink(_ notice: Notice) -> [String: String] {
        ["title": notice.number.map { "\($0): \(notice.title)" } ?? notice.title,
         "url": presenter.link(SiteURLs.notice(notice.id))]
    }

    /// Values every template can use: the site, the interface strings, navigation.
    private func baseContext(title: String?, path: String, notice: Bool = false) -> TemplateContext {
        var context = notice ? noticeShared : shared
        context["canonical"] = config.baseURL + path
        context["ogType"] = "website"
        context["pageDescription"] = config.description ?? config.title
        if let title { context["pageTitle"] = title }
        return context
    }

    /// Renders a page and writes it; returns its text.
    @discardableResult
    private func render(_ template: String, _ context: TemplateContext, to path: String,
                        into folder: OutputFolder) throws -> String {
        guard var html = library.render(context, withTemplate: template) else {
            throw RenderFailure(diagnostics: [.error("theme/templates/\(template).mustache", nil,
                                                    .templateError(name: template, detail: "missing"))])
        }
        if let script = site.injectedScript, path.hasSuffix(".html") {
            if let end = html.range(of: "</body>", options: .backwards) {
                html.insert(contentsOf: script, at: end.lowerBound)
            } else {
                html += script
            }
        }
        try folder.write(path, html)
        return html
    }

    /// Above these sizes a page or the search index is slow on a cheap phone over a slow link.
    static let pageBudget = 512 * 1024
    static let searchIndexBudget = 1024 * 1024

    /// A warning at the top of `path` when `size` passes `budget`.
    static func budgetWarning(_ path: String, size: Int, budget: Int, search: Bool = false) -> Diagnostic? {
        guard size > budget else { return nil }
        let kilobytes = (size + 1023) / 1024
        return .warning(path, search ? nil : SourcePosition(line: 1, column: 1),
                        search ? .searchIndexTooLarge(kilobytes: kilobytes, budget: budget / 1024)
                            : .pageTooLarge(kilobytes: kilobytes, budget: budget / 1024))
    }

    /// Renders every notice page and copies attachments, on all cores.
    /// Markdown rendering itself stays serialised inside `MarkdownRenderer`; templates and file
    /// writes run in parallel. Returns the notices whose body could not be rendered.
    private func renderNoticePages(into folder: OutputFolder, strings: InterfaceStrings) throws
        -> (failures: [Diagnostic], links: [Diagnostic]) {
        let notices = site.notices
        // The error of the first failing notice in order, whichever thread failed first.
        let results = try Parallel.map(notices.count, chunksPerCore: 4) { index in
            try renderNoticePage(notices[index], into: folder, strings: strings)
        }
        return (results.compactMap(\.0).sortedForReport, results.flatMap(\.1))
    }

    private func renderNoticePage(_ notice: Notice, into folder: OutputFolder,
                                  strings: InterfaceStrings) throws -> (Diagnostic?, [Diagnostic]) {
        let url = SiteURLs.notice(notice.id)
        let path = SiteURLs.file(forPage: url)
        // What the page shows of other notices: its corrections, the same project's notices being
        // posted (each hidden by the expiry script once it ends, like every listed notice), and
        // the notices it corrects.
        let correctedBy = (correctedBy[notice.id] ?? []).map(correctionLink)
        let related = (notice.project.flatMap { byProject[$0] } ?? []).filter { $0.id != notice.id }.map { other in
            ["title": other.number.map { "\($0): \(other.title)" } ?? other.title,
             "url": presenter.link(SiteURLs.notice(other.id)), "end": config.calendar.iso8601(other.period.end)]
        }
        let corrected = notice.corrects.compactMap { id in published[id] }.map(correctionLink)
        let key = cacheKey(notice, others: [correctedBy, related, corrected])
        if let key { site.cache?.remember(key: key, for: notice.id) }
        if let key, let cache = site.cache, let bytes = cache.page(path, key: key) {
            try folder.write(path, bytes)
            try copyAttachments(of: notice, into: folder)
            return (nil, Self.budgetWarning(notice.sourcePath, size: bytes.count, budget: Self.pageBudget).map { [$0] } ?? [])
        }
        let body: String
        let editor = NoticeLinkEditor(rules: site.links, path: notice.sourcePath, firstLine: notice.bodyLine,
                                      markdown: notice.body, fromNotice: true)
        do {
            body = try BodyRenderer.html(notice.body, hooks: editor.hooksIfNeeded)
        } catch {
            return (.error(notice.sourcePath, SourcePosition(line: notice.bodyLine, column: 1), .bodyNotRendered("\(error)")), [])
        }
        var context = baseContext(title: notice.title, path: url, notice: true)
        var detail = presenter.detail(notice, bodyHTML: body)
        detail["qrSVG"] = QRCodeSVG.svg(for: config.baseURL + url, label: strings["qr_label"]) ?? ""
        detail["absoluteURL"] = config.baseURL + url
        if !correctedBy.isEmpty { detail["correctedBy"] = correctedBy }
        if !related.isEmpty {
            detail["related"] = related
            detail["hasRelated"] = true
        }
        if !corrected.isEmpty { detail["corrects"] = corrected }
        context["notice"] = detail
        context["robots"] = detail["robots"]
        context["ogType"] = "article"
        context["pageDescription"] = presenter.shareDescription(notice, links: site.links)
        let html = try render("notice", context, to: path, into: folder)
        if let key { site.cache?.rendered(path, key: key, bytes: html) }
        try copyAttachments(of: notice, into: folder)
        let budget = Self.budgetWarning(notice.sourcePath, size: html.utf8.count, budget: Self.pageBudget)
        return (nil, editor.diagnostics + (budget.map { [$0] } ?? []))
    }

    private func copyAttachments(of notice: Notice, into folder: OutputFolder) throws {
        guard let bundle = notice.bundleDirectory else { return }
        for attachment in notice.attachments {
            try folder.copy(bundle.appendingPathComponent(attachment.file),
                            to: SiteURLs.attachment(notice: notice.id, file: attachment.file))
        }
    }

    /// The key of a notice page's inputs (see `RenderCache`), or nil when the page must be
    /// rendered: no cache, or a text that may name a notice (its links follow other notices'
    /// statuses), or fields rewritten because they name one no longer posted.
    private func cacheKey(_ notice: Notice, others: [any Sendable]) -> String? {
        guard site.cache != nil, !notice.sourceSHA256.isEmpty, !site.rewritten.contains(notice.id),
              !site.links.mayReference(notice.body, fromNotice: true),
              !site.links.mayReference(NoticeLinkRules.fieldsText(of: notice), fromNotice: true)
        else { return nil }
        return RenderCache.key([pageSalt, notice.sourcePath, notice.sourceSHA256,
                                notice.attachments.map { "\($0.file)\u{0}\($0.size)" }.joined(separator: "\u{1}"),
                                RenderCache.canonical(others)])
    }

    /// One page of a listing (home, a type, a commune): which notices, where, with which template.
    struct ListingPage: Sendable {
        let notices: ArraySlice<Notice>
        let base: String
        let template: String
        let title: String?
        let extra: TemplateContext
        let index: Int
        let pageCount: Int

        var path: String { index == 0 ? base : base + "trang-\(index + 1)/" }
    }

    /// Splits a listing into pages of `config.pageSize` notices: `index.html`, then
    /// `trang-2/index.html`, … Residents on slow links get short pages; the build stays linear.
    private func listingPages(_ notices: [Notice], base: String, template: String, title: String?,
                              extra: TemplateContext) -> [ListingPage] {
        let size = max(config.pageSize, 1)
        let pageCount = max(1, (notices.count + size - 1) / size)
        return (0..<pageCount).map { index in
            ListingPage(notices: notices[(index * size)..<min(notices.count, (index + 1) * size)], base: base,
                        template: template, title: title, extra: extra, index: index, pageCount: pageCount)
        }
    }

    private func renderListingPage(_ page: ListingPage, into folder: OutputFolder) throws {
        let (index, pageCount, base) = (page.index, page.pageCount, page.base)
        var context = baseContext(title: index == 0 ? page.title : [page.title, "\(index + 1)/\(pageCount)"]
            .compactMap { $0 }.joined(separator: " · "), path: page.path)
        for (key, value) in page.extra { context[key] = value }
        context["showGenerated"] = true
        context["notices"] = page.notices.map(presenter.summary)
        context["hasNotices"] = !page.notices.isEmpty
        if pageCount > 1 {
            var pagination: TemplateContext = ["current": index + 1, "total": pageCount]
            if index > 0 { pagination["prev"] = presenter.link(index == 1 ? base : base + "trang-\(index)/") }
            if index + 1 < pageCount { pagination["next"] = presenter.link(base + "trang-\(index + 2)/") }
            context["pagination"] = pagination
        }
        try render(page.template, context, to: SiteURLs.file(forPage: page.path), into: folder)
    }

    /// Renders every listing page on all cores (each page is independent).
    private func renderListings(_ pages: [ListingPage], into folder: OutputFolder) throws {
        // The error of the first failing page in listing order, whichever thread failed first.
        try Parallel.forEach(pages.count, chunksPerCore: 1) { index in try renderListingPage(pages[index], into: folder) }
    }

    /// Renders all pages and copies assets and attachments. Returns what happened to links to
    /// notices in bodies (warnings, and errors for links to ids that exist nowhere).
    func renderAll(into folder: OutputFolder) throws -> [Diagnostic] {
        let strings = InterfaceStrings(values: site.theme.strings)
        let machine = MachineReadableFiles(site: site, presenter: presenter)

        // Each notice once: the ones ending soon are marked in the list, not repeated above it.
        var home: TemplateContext = [
            "withdrawals": site.withdrawals.map { ["text": presenter.withdrawalText($0), "ends": config.calendar.iso8601($0.period.end)] },
            "hasWithdrawals": !site.withdrawals.isEmpty,
        ]
        // The page `comment_page:` names in site.yaml; none when it names none.
        if let page = site.pages.first(where: { $0.id == config.commentPage?.id }) {
            home["commentPage"] = ["title": page.title, "url": presenter.link(SiteURLs.page(page.id))]
        }
        var listings = listingPages(site.notices, base: "", template: "home", title: nil, extra: home)
        for type in config.orderedTypes {
            let notices = site.notices.filter { $0.type.id == type.id }
            guard !notices.isEmpty else { continue }
            let name = type.name(in: config.language)
            listings += listingPages(notices, base: SiteURLs.type(type.id), template: "list", title: name, extra: [
                "heading": name, "kind": strings["list_by_type"],
                "feed": presenter.link(SiteURLs.type(type.id) + "feed.xml"),
            ])
            try render("feed.xml", machine.feedContext(notices, title: name, path: SiteURLs.type(type.id)),
                       to: SiteURLs.type(type.id) + "feed.xml", into: folder)
        }
        for commune in config.communes {
            let notices = site.notices.filter { $0.commune == commune.id }
            guard !notices.isEmpty else { continue }
            listings += listingPages(notices, base: SiteURLs.commune(commune.id), template: "list", title: commune.name, extra: [
                "heading": commune.name, "kind": strings["list_by_commune"],
                "feed": presenter.link(SiteURLs.commune(commune.id) + "feed.xml"),
            ])
            try render("feed.xml", machine.feedContext(notices, title: commune.name, path: SiteURLs.commune(commune.id)),
                       to: SiteURLs.commune(commune.id) + "feed.xml", into: folder)
        }
        try renderListings(listings, into: folder)

        var (failures, links) = try renderNoticePages(into: folder, strings: strings)
        for page in site.pages {
            let body: String
            let editor = NoticeLinkEditor(rules: site.links, path: page.sourcePath, firstLine: page.bodyLine,
                                          markdown: page.body, fromNotice: false)
            defer { links += editor.diagnostics }
            do {
                body = try BodyRenderer.html(page.body, hooks: editor.hooksIfNeeded)
            } catch {
                failures.append(.error(page.sourcePath, SourcePosition(line: page.bodyLine, column: 1),
                                       .bodyNotRendered("\(error)")))
                continue
            }
            let url = SiteURLs.page(page.id)
            var context = baseContext(title: page.title, path: url)
            context["page"] = ["title": page.title, "bodyHTML": body, "summary": page.summary ?? ""]
            try render("page", context, to: SiteURLs.file(forPage: url), into: folder)
        }
        if !failures.isEmpty { throw RenderFailure(diagnostics: failures) }

        try render("404", baseContext(title: strings["not_found_title"], path: "404.html"), to: "404.html",
                   into: folder)
        for asset in site.theme.assets {
            try folder.write(asset.path, asset.data)
        }
        try folder.write("notices.json", machine.noticesJSON())
        let search = try SearchIndex(site: site, presenter: presenter).json()
        try folder.write("search.json", search)
        if let warning = Self.budgetWarning("search.json", size: search.count, budget: Self.searchIndexBudget, search: true) {
            links.append(warning)
        }
        try render("search", baseContext(title: strings["search"], path: SiteURLs.search),
                   to: SiteURLs.file(forPage: SiteURLs.search), into: folder)
        try render("feed.xml", machine.feedContext(), to: "feed.xml", into: folder)
        try render("sitemap.xml", machine.sitemapContext(), to: "sitemap.xml", into: folder)
        try render("robots.txt", machine.robotsContext(), to: "robots.txt", into: folder)
        try folder.write(OutputPublisher.markerName, OutputPublisher.markerText)
        return Self.withSuggestions(links, ids: site.links.statuses.keys.sorted()).sortedForReport
    }

    /// "Did you mean" for links to unknown ids, computed once per id (not inside the Markdown lock).
    static func withSuggestions(_ diagnostics: [Diagnostic], ids: [String]) -> [Diagnostic] {
        var cache: [String: [String]] = [:]
        return diagnostics.map { diagnostic in
            guard case .linkToUnknownNotice(let id, _) = diagnostic.message else { return diagnostic }
            let suggestions = cache[id] ?? Suggestions.closest(to: id, among: ids, limit: 1)
            cache[id] = suggestions
            return Diagnostic(diagnostic.severity, path: diagnostic.path, position: diagnostic.position,
                              .linkToUnknownNotice(id, suggestions: suggestions))
        }
    }
}
