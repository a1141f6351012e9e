import CongKhaiCore
import Foundation
import Synchronization

/// Everything under `content/`, loaded and validated: the input of every command.
public struct SiteContent: Sendable {
    public let root: URL
    public let config: SiteConfig
    /// All valid notices, sorted by source path.
    public let notices: [Notice]
    public let pages: [StaticPage]

    /// Loads the site at `root`. Returns the content (nil when there are errors) and every
    /// diagnostic found, errors and warnings, in report order.
    public static func load(root: URL) -> (SiteContent?, [Diagnostic]) {
        let (loadedConfig, configDiagnostics) = SiteConfigLoader.load(root: root)
        guard let config = loadedConfig else { return (nil, configDiagnostics.sortedForReport) }
        var diagnostics = configDiagnostics

        let loader = NoticeLoader(root: root, config: config)
        let (files, linkProblems) = loader.discover()
        diagnostics += linkProblems
        // Files are parsed on all cores (each YAML parser is independent); results keep path order.
        let results = Mutex([(Notice?, [Diagnostic])?](repeating: nil, count: files.count))
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            let result = loader.load(files[index])
            results.withLock { $0[index] = result }
        }
        var notices: [Notice] = []
        for case let (notice, found)? in results.withLock({ $0 }) {
            diagnostics += found
            if let notice { notices.append(notice) }
        }
        let (pages, pageDiagnostics) = StaticPageLoader(root: root, config: config).loadAll()
        diagnostics += pageDiagnostics
        diagnostics += ContentValidator.validate(notices, pages: pages)
        diagnostics = diagnostics.sortedForReport
        guard !diagnostics.hasErrors else { return (nil, diagnostics) }
        return (SiteContent(root: root, config: config, notices: notices, pages: pages), diagnostics)
    }

    /// Only `content/site.yaml` (for commands that need the rules, not the notices): the
    /// configuration, or nil with its errors.
    public static func loadConfig(root: URL) -> (SiteConfig?, [Diagnostic]) {
        SiteConfigLoader.load(root: root)
    }

    public var schedule: PublicationSchedule { PublicationSchedule(notices: notices) }

    /// Notices active at `now`, newest posting first (ties by id).
    /// Withdrawn notices whose original period still runs at `now` (from their withdrawal day,
    /// when given): the home page keeps a short public line for each, newest first.
    public func withdrawals(at now: Date) -> [Notice] {
        let calendar = config.calendar
        return notices.filter { notice in
            notice.withdrawn != nil && now < notice.period.end
                && (notice.withdrawnOn.map { calendar.startOfDay($0) <= now } ?? true)
        }.sorted { a, b in
            let (x, y) = (a.withdrawnOn?.dayNumber ?? Int.min, b.withdrawnOn?.dayNumber ?? Int.min)
            return x != y ? x > y : a.id < b.id
        }
    }

    public func published(at now: Date) -> [Notice] {
        let statuses = schedule.statuses(at: now)
        return notices.filter { statuses[$0.id] == .active }.sorted {
            $0.period.start != $1.period.start ? $0.period.start > $1.period.start : $0.id < $1.id
        }
    }
}
