import CongKhaiCore
import Foundation

/// Everything under `content/`, loaded and validated: the input of every command.
public struct SiteContent: Sendable {
    public let root: URL
    public let config: SiteConfig
    /// All valid notices, sorted by source path (drafts only in a preview).
    public let notices: [Notice]
    /// Valid notices marked `draft: true` that are not among `notices`.
    public let drafts: [Notice]
    public let pages: [StaticPage]

    /// Loads the site at `root`. Returns the content (nil when there are errors) and every
    /// diagnostic found, errors and warnings, in report order. Drafts are validated like any
    /// notice but kept apart, unless `includeDrafts` (a preview) lists them as notices.
    public static func load(root: URL, includeDrafts: Bool = false, lenient: Set<String> = []) -> (SiteContent?, [Diagnostic]) {
        load(root: root, includeDrafts: includeDrafts, lenient: lenient, cache: nil)
    }

    /// As above; with `cache`, notice files parsed by an earlier build are not parsed again.
    static func load(root: URL, includeDrafts: Bool = false, lenient: Set<String> = [],
                     cache: ParseCache?) -> (SiteContent?, [Diagnostic]) {
        let (loadedConfig, configDiagnostics) = SiteConfigLoader.load(root: root)
        guard let config = loadedConfig else { return (nil, configDiagnostics.sortedForReport) }
        var diagnostics = configDiagnostics

        let loader = NoticeLoader(root: root, config: config, lenient: lenient)
        let (files, linkProblems) = loader.discover()
        diagnostics += linkProblems
        // Files are parsed on all cores (each YAML parser is independent); results keep path order.
        let configSalt = cache == nil ? "" : ParseCache.configSalt(root: root)
        let results = Parallel.map(files.count) { index in loader.load(files[index], cache: cache, configSalt: configSalt) }
        var notices: [Notice] = []
        var drafts: [Notice] = []
        for (notice, found) in results {
            diagnostics += found
            guard let notice else { continue }
            if notice.draft && !includeDrafts { drafts.append(notice) } else { notices.append(notice) }
        }
        let (pages, pageDiagnostics) = StaticPageLoader(root: root, config: config).loadAll()
        diagnostics += pageDiagnostics
        if let (id, position) = config.commentPage, !pages.contains(where: { $0.id == id }) {
            diagnostics.append(.error(SiteConfigLoader.path, position,
                                      .unknownPage(id, suggestions: Suggestions.closest(to: id, among: pages.map(\.id), limit: 1))))
        }
        diagnostics += ContentValidator.validate(notices, drafts: drafts, pages: pages)
        if diagnostics.hasErrors {
            // No site is rendered from these files, so links to notices that exist nowhere (found
            // while rendering otherwise) are looked for now: one build reports every mistake.
            let known = Set(files.map(\.defaultId) + (notices + drafts).map(\.id))
            for notice in notices + drafts {
                diagnostics += ContentValidator.unknownNoticeLinks(notice.body, path: notice.sourcePath,
                                                                   firstLine: notice.bodyLine, known: known)
            }
            for page in pages {
                diagnostics += ContentValidator.unknownNoticeLinks(page.body, path: page.sourcePath,
                                                                   firstLine: page.bodyLine, known: known)
            }
        }
        diagnostics = diagnostics.sortedForReport
        guard !diagnostics.contains(where: { $0.severity == .error && !$0.isNonBlocking }) else { return (nil, diagnostics) }
        return (SiteContent(root: root, config: config, notices: notices, drafts: drafts, pages: pages), diagnostics)
    }

    /// Only `content/site.yaml` (for commands that need the rules, not the notices): the
    /// configuration, or nil with its errors.
    public static func loadConfig(root: URL) -> (SiteConfig?, [Diagnostic]) {
        SiteConfigLoader.load(root: root)
    }

    public var schedule: PublicationSchedule { PublicationSchedule(notices: notices) }

    /// Notices active at `now`, newest posting first (ties by id).
    /// When the public line of a withdrawn notice is shown: from its withdrawal day (and never
    /// before its posting started) until its original period would have ended.
    func withdrawalWindow(_ notice: Notice) -> (from: Date, until: Date)? {
        guard notice.withdrawn != nil else { return nil }
        let from = max(notice.period.start, notice.withdrawnOn.map(config.calendar.startOfDay) ?? notice.period.start)
        return from < notice.period.end ? (from, notice.period.end) : nil
    }

    /// Withdrawn notices whose line is shown at `now` (see `withdrawalWindow`), newest first: the
    /// home page keeps a short public line for each.
    public func withdrawals(at now: Date) -> [Notice] {
        notices.filter { notice in
            withdrawalWindow(notice).map { $0.from <= now && now < $0.until } ?? false
        }.sorted { a, b in
            let (x, y) = (a.withdrawnOn?.dayNumber ?? Int.min, b.withdrawnOn?.dayNumber ?? Int.min)
            return x != y ? x > y : a.id < b.id
        }
    }

    /// The first instant after `now` at which the published site changes: a notice starts or
    /// stops being published, or a withdrawal line appears or goes.
    public func nextChange(after now: Date) -> Date? {
        let lines = notices.compactMap(withdrawalWindow).flatMap { [$0.from, $0.until] }.filter { $0 > now }
        return ([schedule.nextChange(after: now)].compactMap { $0 } + lines).min()
    }

    public func published(at now: Date) -> [Notice] {
        let statuses = schedule.statuses(at: now)
        return notices.filter { statuses[$0.id] == .active }.sorted {
            $0.period.start != $1.period.start ? $0.period.start > $1.period.start : $0.id < $1.id
        }
    }
}
