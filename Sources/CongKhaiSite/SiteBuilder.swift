import CongKhaiCore
import Foundation

/// What a successful build did.
public struct BuildReport: Sendable {
    public let published: Int
    /// Notices not published, by status.
    public let hidden: [NoticeStatus: Int]
    /// The next instant at which the set of published notices changes.
    public let nextChange: Date?
    /// Warnings (the build succeeded despite them).
    public internal(set) var warnings: [Diagnostic]
    /// Errors that did not stop the site from being published (links to ids that exist nowhere).
    public let errors: [Diagnostic]
    public let fileCount: Int
    /// Files this build actually wrote (created or replaced); the rest already had the right bytes.
    public internal(set) var filesChanged = 0
    /// Notice pages taken from the previous site because their inputs are unchanged (`RenderCache`).
    public internal(set) var pagesReused = 0
    /// Their entries in `search.json`, taken from the previous site's.
    public internal(set) var searchEntriesReused = 0
    /// Notice files not parsed again because their bytes and configuration are unchanged (`ParseCache`).
    public internal(set) var parsesReused = 0
    /// The site's calendar, to show instants in the site's zone.
    public let calendar: SiteCalendar
    /// The instant the site was rendered for (later than `--now` if the clock moved during the build).
    public let now: Date
    /// Source units published from their last valid version, and broken units left out.
    public internal(set) var fallbacks: [String] = []
    public internal(set) var excluded: [String] = []
    /// Notices removed from the previous site when no new site could be built (last resort).
    public internal(set) var removedNotices: [String] = []
    /// Each step of the build with its wall time in seconds, in order (`congkhai build --timings`).
    public internal(set) var steps: [(step: BuildStep, seconds: Double)]
}

/// The steps of `SiteBuilder.build`, in the order they run: the pipeline, declared once. Each
/// stage has its folder under Sources/CongKhaiSite. `congkhai build --timings` prints them with
/// their times, and a failed build says at which one it stopped (`BuildFailure.step`).
public enum BuildStep: String, CaseIterable, Sendable {
    /// Load/: read `site.yaml`, the theme and every notice, validate them, fall back to last valid versions.
    case load = "load and validate content and theme"
    /// Select/: the notices being posted at the build's instant, and the links they may keep.
    case select = "select by clock"
    /// Render/: every page and data file, written into a fresh folder (or the spare).
    case render = "render and write"
    /// Verify/: no file of the new site may show a notice that is not being posted.
    case verify = "verify output"
    /// Publish/: flush the new site to disk and swap it in atomically.
    case publish = "publish"
    /// When the set of published notices changes next (for the IT contact's schedule).
    case nextChange = "next change"
    /// Publish/LastValidSources and Load/ParseCache: what the next build falls back on and reuses.
    case keepSources = "keep sources"
    /// Record/: the publication journal, the evidence of what was posted when.
    case journal = "journal"
}

/// Times the steps of one build, on the builder's thread.
final class StepTimer {
    private(set) var steps: [(step: BuildStep, seconds: Double)] = []
    private var last = ContinuousClock.now

    /// The step running now: the first not yet marked as done.
    var current: BuildStep? {
        BuildStep.allCases.first { step in !steps.contains { $0.step == step } }
    }

    func mark(_ step: BuildStep) {
        let now = ContinuousClock.now
        let elapsed = now - last
        steps.append((step, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18))
        last = now
    }
}

/// A build with errors: every diagnostic, errors first in report order. When the build still
/// published a site (from the last valid version of each broken file, or the previous site with
/// ended notices removed), `published` says what it published; the command still exits 1.
public struct BuildFailure: Error, Sendable {
    public let diagnostics: [Diagnostic]
    public var published: BuildReport?
    /// The step the build stopped at (nil before the first: the output folder could not be locked).
    public internal(set) var step: BuildStep?

    public init(diagnostics: [Diagnostic], published: BuildReport? = nil) {
        self.diagnostics = diagnostics
        self.published = published
    }
}

/// Builds a site: resolve sources → select by clock → render → verify → publish atomically.
public struct SiteBuilder: Sendable {
    public let root: URL
    public let output: URL
    public let now: Date
    /// The real clock, read again just before the swap; nil when the instant was given (`--now`).
    public let clock: (@Sendable () -> Date)?
    /// True when the build appends to the publication journal (`congkhai build`; not previews).
    public let journal: Bool
    /// True for a preview (`serve`): drafts are rendered as notices. Never with `journal`.
    public let includeDrafts: Bool
    /// A script tag written into every HTML page before `</body>` (`serve`'s live reload); never
    /// with `journal`, so a published site never carries it.
    public let injectedScript: String?

    public init(root: URL, output: URL? = nil, now: Date, clock: (@Sendable () -> Date)? = nil, journal: Bool = false,
                includeDrafts: Bool = false, injectedScript: String? = nil) {
        self.includeDrafts = includeDrafts && !journal
        self.injectedScript = journal ? nil : injectedScript
        self.root = root.standardizedFileURL
        self.output = (output ?? root.appendingPathComponent("site")).standardizedFileURL
        self.now = now
        self.clock = clock
        self.journal = journal
    }

    /// How output files are named in diagnostics: `site/…` when the output is inside the root.
    var displayPrefix: String {
        let rootPath = root.path.hasSuffix("/") ? root.path : root.path + "/"
        let path = output.path.hasPrefix(rootPath) ? String(output.path.dropFirst(rootPath.count)) : output.path
        return path + "/"
    }

    /// What a clerk or the IT contact is told when writing the new site failed.
    static func message(for error: any Error) -> DiagnosticMessage {
        let code: Int32? = if let posix = error as? POSIXError {
            posix.code.rawValue
        } else if let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError,
                  underlying.domain == NSPOSIXErrorDomain {
            Int32(underlying.code)
        } else {
            (error as NSError).domain == NSPOSIXErrorDomain ? Int32((error as NSError).code) : nil
        }
        switch code {
        case ENOSPC?, EDQUOT?: return .outputDiskFull
        case EACCES?, EPERM?, EROFS?: return .outputNotWritable(String(cString: strerror(code!)))
        case let code?: return .outputFailure(String(cString: strerror(code)))
        case nil: return .outputFailure("\(error)")
        }
    }

    /// Runs the build. Returns what it published when everything was right. Throws
    /// `BuildFailure` with every problem otherwise: then, if a previous build left its sources'
    /// last valid versions, the site was still published from them (`published`); if not, the
    /// output folder keeps its previous content, minus any notice whose posting has ended.
    public func build() throws(BuildFailure) -> BuildReport {
        let timer = StepTimer()
        do {
            return try run(timer: timer)
        } catch {
            var failure = error
            // A site published despite errors went through every step; otherwise say where it stopped.
            if failure.published == nil || !failure.published!.removedNotices.isEmpty { failure.step = timer.current }
            throw failure
        }
    }

    private func run(timer: StepTimer) throws(BuildFailure) -> BuildReport {
        let startedAt = Date()
        let state = LastValidSources(output: output)
        // One build at a time on an output, from reading the sources to keeping them: a second
        // build must not save or delete stored sources while this one composes or saves.
        let publisher = OutputPublisher(output: output)
        let lock: Int32
        do {
            try publisher.checkSafe(root: root)
            lock = try publisher.lock()
        } catch {
            let message: DiagnosticMessage = switch error {
            case .busy(let path): .buildInProgress(path)
            case .unsafeOutput(let path): .unsafeOutput(path)
            case .notASite(let path): .outputNotASite(path)
            case .io(let detail): .outputFailure(detail)
            }
            throw BuildFailure(diagnostics: [.error(nil, nil, message)])
        }
        defer { publisher.unlock(lock) }
        let resolution = SourceResolver(root: root, state: state, includeDrafts: includeDrafts).resolve(withTheme: true, publishing: true)
        defer { resolution.cleanUp() }
        // A site with errors is published only from the last valid versions of a previous build.
        guard let content = resolution.content, let theme = resolution.theme,
              !resolution.hasErrors || resolution.savedAt != nil else {
            throw lastResort(resolution.problems, content: nil)
        }
        timer.mark(.load)
        var now = self.now
        var report: BuildReport?
        var diagnostics = resolution.diagnostics
        var useCache = true
        for attempt in 0..<6 where report == nil {
            do throws(PublishOutcome) {
                report = try publish(content: content, theme: theme, at: now, checkClock: attempt < 4, useCache: useCache,
                                     timer: timer)
            } catch {
                switch error {
                case .clockMoved(let later):
                    now = later  // a posting started or ended during the build: render again
                case .staleWithCache where useCache:
                    useCache = false  // never trust a reused page over the verifier: render everything
                case .staleWithCache(let found):
                    diagnostics += found
                    throw lastResort(diagnostics, content: content)
                case .refused(let found):
                    // Another build holds the output (it publishes), or the output folder is not
                    // one a build may replace: this build changes nothing.
                    throw BuildFailure(diagnostics: (diagnostics + [found]).sortedForReport)
                case .failed(let found):
                    diagnostics += found
                    throw lastResort(diagnostics, content: content)
                }
            }
        }
        guard var report else { throw lastResort(diagnostics, content: content) }
        // Links to unknown notices found while loading are found again, at the link, when rendering.
        let rendered = Set(report.errors.compactMap { d -> String? in
            if case .linkToUnknownNotice(let id, _) = d.message { return (d.path ?? "") + "\u{0}" + id }
            return nil
        })
        diagnostics.removeAll { d in
            if case .linkToUnknownNotice(let id, _) = d.message { return rendered.contains((d.path ?? "") + "\u{0}" + id) }
            return false
        }
        do {
            try state.save(from: root, fallbacks: resolution.fallbacks, excluded: resolution.excluded,
                           savedAt: content.config.calendar.iso8601(now), notAfter: startedAt)
        } catch {
            // Stored sources older than the site would bring back what this build took down (a
            // withdrawal, a shorter period): without them, a later failing build takes the safe path.
            state.forget()
            diagnostics.append(.error(state.folder.path, nil, .stateNotSaved("\(Self.message(for: error).text(in: .en))")))
        }
        // Parses of this build's files, for the next one: without them it parses everything.
        if let cache = resolution.parseCache, (try? cache.save(in: state)) == nil {
            try? FileManager.default.removeItem(at: ParseCache.file(in: state))
        }
        timer.mark(.keepSources)
        if journal {
            do {
                try record(content: content, sources: resolution.root, at: report.now,
                           hadErrors: !(diagnostics + report.errors).filter { $0.severity == .error }.isEmpty)
            } catch {
                diagnostics.append(.warning(PublicationJournal.fileName, nil, Self.message(for: error)))
            }
            timer.mark(.journal)
        }
        report.warnings = (diagnostics + report.warnings).filter { $0.severity == .warning }.sortedForReport
        report.parsesReused = resolution.parseCache?.hitCount ?? 0
        report.fallbacks = resolution.fallbacks
        report.excluded = resolution.excluded
        report.steps = timer.steps
        let errors = (diagnostics + report.errors).filter { $0.severity == .error }
        guard errors.isEmpty else {
            throw BuildFailure(diagnostics: (errors + report.warnings).sortedForReport, published: report)
        }
        return report
    }

    /// Appends this build to the publication journal: what is published now, with the hashes of
    /// each notice's page, source and attachments as they are in the output.
    private func record(content: SiteContent, sources: URL, at now: Date, hadErrors: Bool) throws {
        let calendar = content.config.calendar
        let sha = { (url: URL) in (try? Data(contentsOf: url)).map(PublicationJournal.sha256) ?? "-" }
        let live = content.published(at: now)
        var correctedBy: [String: [String]] = [:]
        for notice in live { for id in notice.corrects { correctedBy[id, default: []].append(notice.id) } }
        let published = live.map { notice in
            PublicationJournal.PublishedNotice(
                id: notice.id, until: calendar.iso8601(notice.period.lastInstant),
                page: .file(output.appendingPathComponent(SiteURLs.file(forPage: SiteURLs.notice(notice.id)))),
                source: sha(sources.appendingPathComponent(notice.sourcePath)),
                attachments: notice.attachments.map {
                    ($0.file, sha(output.appendingPathComponent(SiteURLs.attachment(notice: notice.id, file: $0.file))))
                },
                correctedBy: (correctedBy[notice.id] ?? []).sorted())
        }
        try PublicationJournal(root: root).append(instant: calendar.iso8601(now), version: CongKhaiVersion.current,
                                                  hadErrors: hadErrors, published: published,
                                                  statuses: content.schedule.statuses(at: now))
    }

    private enum PublishOutcome: Error {
        case clockMoved(Date)
        /// The verifier found a page it must not publish in a site that reused cached pages.
        case staleWithCache([Diagnostic])
        case refused(Diagnostic)
        case failed([Diagnostic])
    }

    /// Renders the site at `now` into a fresh folder, verifies it and swaps it in.
    private func publish(content: SiteContent, theme: Theme, at now: Date, checkClock: Bool, useCache: Bool,
                         timer: StepTimer) throws(PublishOutcome) -> BuildReport {
        let schedule = content.schedule
        let statuses = schedule.statuses(at: now)
        let links = NoticeLinkRules(notices: content.notices, statuses: statuses, config: content.config, now: now)
        var fieldWarnings: [Diagnostic] = []
        var rewrittenIds: Set<String> = []
        let notices = content.published(at: now).map { notice in
            let (rewritten, warnings) = links.rewriteFields(of: notice)
            fieldWarnings += warnings
            if !warnings.isEmpty || NoticeLinkRules.fieldsText(of: rewritten) != NoticeLinkRules.fieldsText(of: notice) {
                rewrittenIds.insert(notice.id)
            }
            return rewritten
        }
        let state = LastValidSources(output: output)
        var site = PublishedSite(config: content.config, theme: theme, notices: notices,
                                 pages: content.pages, now: now, links: links,
                                 withdrawals: content.withdrawals(at: now))
        let cache = useCache ? RenderCache(state: state, served: output) : RenderCache(empty: output)
        site.cache = cache
        site.rewritten = rewrittenIds
        site.injectedScript = injectedScript
        let configBytes = FileManager.default.contents(atPath: content.root.appendingPathComponent(SiteConfigLoader.path).path)
        site.cacheSalt = RenderCache.key([RenderCache.toolIdentity, PublicationJournal.sha256(configBytes ?? Data()),
                                          injectedScript ?? ""])
        let verifier = OutputVerifier(statuses: statuses, displayPrefix: displayPrefix)
        timer.mark(.select)

        let publisher = OutputPublisher(output: output)
        var fileCount = 0
        var filesChanged = 0
        var linkDiagnostics: [Diagnostic] = []
        do {
            try publisher.publish { folderURL, reusing in
                let folder = OutputFolder(url: folderURL, reusing: reusing)
                linkDiagnostics = try SiteRenderer(site: site).renderAll(into: folder)
                // The spare held an older site: what this build did not write goes before verifying.
                folder.prune()
                filesChanged = folder.changedCount
                timer.mark(.render)
                // The new site replaces the old one only if it shows no notice that is not being posted.
                let stale = verifier.verify(folder: folderURL)
                guard stale.isEmpty else {
                    if cache.reusedCount > 0 { throw PublishOutcome.staleWithCache(stale) }
                    throw BuildFailure(diagnostics: stale)
                }
                fileCount = folder.writtenPaths.count
                timer.mark(.verify)
                // Just before the swap: a site that is already stale is rendered again.
                if checkClock, let clock {
                    let current = clock()
                    if current > now, schedule.published(at: current) != schedule.published(at: now) {
                        throw PublishOutcome.clockMoved(current)
                    }
                }
            }
            timer.mark(.publish)
        } catch let outcome as PublishOutcome {
            throw outcome
        } catch let failure as SiteRenderer.RenderFailure {
            throw .failed(failure.diagnostics.sortedForReport)
        } catch let failure as BuildFailure {
            throw .failed(failure.diagnostics)
        } catch let failure as OutputPublisher.PublishError {
            let message: DiagnosticMessage
            switch failure {
            case .busy(let lock): throw .refused(.error(nil, nil, .buildInProgress(lock)))
            case .unsafeOutput(let path): throw .refused(.error(nil, nil, .unsafeOutput(path)))
            case .notASite(let path): throw .refused(.error(nil, nil, .outputNotASite(path)))
            case .io(let detail): message = .outputFailure(detail)
            }
            throw .failed([.error(nil, nil, message)])
        } catch {
            throw .failed([.error(output.path, nil, Self.message(for: error))])
        }
        // What the served site's notice pages were rendered from, for the next build. Without it
        // the next build renders every page again, nothing worse.
        do {
            try cache.save(in: state)
        } catch {
            try? FileManager.default.removeItem(at: RenderCache.file(in: state))
        }
        // Warn while there is still time to extend a posting whose legal event has not happened.
        let calendar = content.config.calendar
        let today = calendar.localDate(of: now)
        let expiring = site.notices.compactMap { notice -> Diagnostic? in
            let lastDay = notice.lastDay(in: calendar)
            let left = today.days(until: lastDay)
            guard left < content.config.expiringSoonDays else { return nil }
            return .warning(notice.sourcePath, notice.positions["expires"], .expiringSoon(daysLeft: left, lastDay: lastDay))
        }
        var hidden: [NoticeStatus: Int] = [:]
        for status in statuses.values where status != .active { hidden[status, default: 0] += 1 }
        let nextChange = content.nextChange(after: now)
        timer.mark(.nextChange)
        var report = BuildReport(published: site.notices.count, hidden: hidden, nextChange: nextChange,
                                 warnings: (expiring + fieldWarnings + linkDiagnostics).filter { $0.severity == .warning },
                                 errors: linkDiagnostics.filter { $0.severity == .error },
                                 fileCount: fileCount, calendar: calendar, now: now, steps: [])
        report.filesChanged = filesChanged
        report.pagesReused = cache.reusedCount
        report.searchEntriesReused = cache.searchReusedCount
        return report
    }

    /// When no complete site can be published: the previous site stays, but never with a notice
    /// whose posting has ended (`ExpiredNoticeRemoval`). Returns the failure to throw.
    private func lastResort(_ diagnostics: [Diagnostic], content: SiteContent?) -> BuildFailure {
        let removal = ExpiredNoticeRemoval(output: output, displayPrefix: displayPrefix, now: clock?() ?? now)
        switch removal.run(content: content) {
        case .nothingToRemove:
            return BuildFailure(diagnostics: diagnostics.sortedForReport)
        case .removed(let report):
            var problems = diagnostics
            if journal {
                // A degraded publication is still a publication: the journal records what went down.
                let removed = Set(report.removedNotices)
                var statuses = content?.schedule.statuses(at: report.now) ?? [:]
                for id in removed where statuses[id] == nil || statuses[id] == .active { statuses[id] = .expired }
                let calendar = content?.config.calendar ?? SiteCalendar.default
                do {
                    try PublicationJournal(root: root).appendRemoval(instant: calendar.iso8601(report.now),
                                                                     version: CongKhaiVersion.current,
                                                                     removed: removed, statuses: statuses, output: output)
                } catch {
                    problems.append(.warning(PublicationJournal.fileName, nil, Self.message(for: error)))
                }
            }
            return BuildFailure(diagnostics: problems.sortedForReport, published: report)
        case .failed(let found):
            return BuildFailure(diagnostics: (diagnostics + found).sortedForReport)
        }
    }
}
