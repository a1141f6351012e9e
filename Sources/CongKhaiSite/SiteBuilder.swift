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
    public let warnings: [Diagnostic]
    public let fileCount: Int
    /// The site's calendar, to show instants in the site's zone.
    public let calendar: SiteCalendar
    /// Each step of the build with its wall time in seconds, in order (`congkhai build --timings`).
    public let steps: [(name: String, seconds: Double)]
}

/// Times the named steps of a build.
final class StepTimer: @unchecked Sendable {
    // Why unchecked: used by one thread at a time (the builder's), never shared.
    private(set) var steps: [(name: String, seconds: Double)] = []
    private var last = ContinuousClock.now

    func mark(_ name: String) {
        let now = ContinuousClock.now
        let elapsed = now - last
        steps.append((name, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18))
        last = now
    }
}

/// A failed build: every diagnostic, errors first in report order.
public struct BuildFailure: Error, Sendable {
    public let diagnostics: [Diagnostic]
}

/// Builds a site: load → validate → select by clock → render → verify → publish atomically.
public struct SiteBuilder: Sendable {
    public let root: URL
    public let output: URL
    public let now: Date

    public init(root: URL, output: URL? = nil, now: Date) {
        self.root = root.standardizedFileURL
        self.output = (output ?? root.appendingPathComponent("site")).standardizedFileURL
        self.now = now
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

    /// Runs the build. Throws `BuildFailure` with every problem; the output folder then keeps
    /// its previous content.
    public func build() throws(BuildFailure) -> BuildReport {
        let timer = StepTimer()
        let (loaded, diagnostics) = SiteContent.load(root: root)
        guard let content = loaded else { throw BuildFailure(diagnostics: diagnostics) }
        timer.mark("load and validate content")
        let (loadedTheme, themeDiagnostics) = Theme.load(root: root, language: content.config.language)
        guard let theme = loadedTheme else { throw BuildFailure(diagnostics: themeDiagnostics) }
        timer.mark("load theme")

        let statuses = content.schedule.statuses(at: now)
        let site = PublishedSite(config: content.config, theme: theme, notices: content.published(at: now),
                                 pages: content.pages, now: now)
        let verifier = OutputVerifier(statuses: statuses, displayPrefix: displayPrefix)
        let contentReferences = verifier.verifyContent(notices: site.notices, pages: site.pages)
        guard contentReferences.isEmpty else { throw BuildFailure(diagnostics: contentReferences.sortedForReport) }
        timer.mark("select by clock")

        let publisher = OutputPublisher(output: output)
        var fileCount = 0
        do {
            try publisher.checkSafe(root: root)
            try publisher.publish { folderURL in
                let folder = OutputFolder(url: folderURL)
                try SiteRenderer(site: site).renderAll(into: folder)
                timer.mark("render and write")
                // The new site replaces the old one only if it shows no notice that is not being posted.
                let stale = verifier.verify(folder: folderURL, paths: folder.writtenPaths)
                guard stale.isEmpty else { throw BuildFailure(diagnostics: stale) }
                fileCount = folder.writtenPaths.count
                timer.mark("verify output")
            }
            timer.mark("publish")
        } catch let failure as SiteRenderer.RenderFailure {
            guard case .diagnostics(let found) = failure else { throw BuildFailure(diagnostics: []) }
            throw BuildFailure(diagnostics: found.sortedForReport)
        } catch let failure as BuildFailure {
            throw failure
        } catch let failure as OutputPublisher.PublishError {
            let message: DiagnosticMessage
            switch failure {
            case .busy(let lock): message = .buildInProgress(lock)
            case .unsafeOutput(let path): message = .unsafeOutput(path)
            case .notASite(let path): message = .outputNotASite(path)
            case .io(let detail): message = .outputFailure(detail)
            }
            throw BuildFailure(diagnostics: [.error(nil, nil, message)])
        } catch {
            throw BuildFailure(diagnostics: [.error(output.path, nil, Self.message(for: error))])
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
        let nextChange = content.schedule.nextChange(after: now)
        timer.mark("next change")
        return BuildReport(published: site.notices.count, hidden: hidden,
                           nextChange: nextChange,
                           warnings: (diagnostics + themeDiagnostics + expiring).filter { $0.severity == .warning }.sortedForReport,
                           fileCount: fileCount, calendar: content.config.calendar, steps: timer.steps)
    }
}
