import CongKhaiCore
import CongKhaiSite
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// `congkhai serve`: builds the site into a private folder, serves it on 127.0.0.1, rebuilds when
/// `content/` or `theme/` change, reloads open tabs, and keeps serving the last good site (with
/// the errors as an overlay) when a rebuild fails.
public struct PreviewServer: Sendable {
    public let root: URL
    public let port: Int
    /// A fixed clock (`--now`), or nil for the system clock at each rebuild.
    public let fixedNow: Date?
    public let language: Language
    /// Where lines for the terminal go.
    public let log: @Sendable (String) -> Void

    public init(root: URL, port: Int, fixedNow: Date?, language: Language, log: @escaping @Sendable (String) -> Void) {
        self.root = root
        self.port = port
        self.fixedNow = fixedNow
        self.language = language
        self.log = log
    }

    /// Runs until SIGINT/SIGTERM (Ctrl-C), then removes the preview folder.
    public func run() async throws {
        let workspace = FileManager.default.temporaryDirectory
            .appendingPathComponent("congkhai-preview-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: workspace, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: workspace) }
        let output = workspace.appendingPathComponent("site")
        let state = PreviewState()
        await rebuild(into: output, state: state)

        let router = Router()
        router.get("__congkhai/status") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json", .cacheControl: "no-store"],
                     body: .init(byteBuffer: ByteBuffer(data: await state.statusJSON())))
        }
        router.get("__congkhai/live.js") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "no-store"],
                     body: .init(byteBuffer: ByteBuffer(string: LiveReloadScript.source)))
        }
        var logger = Logger(label: "congkhai.serve")
        logger.logLevel = .warning
        // Files are served by Hummingbird's file middleware (index.html for folders, redirects,
        // ETags, ranges); pages already carry the live-reload script, written in by the build.
        // Outside it, `PreviewNotFound` refuses paths that could leave the folder and answers
        // what is missing with the site's 404 page, saying why a notice is not in the preview.
        router.add(middleware: PreviewNotFound(files: PreviewFiles(folder: output), state: state))
        var files = FileMiddleware<BasicRequestContext, LocalFileSystem>(
            output.path, cacheControl: CacheControl([(MediaType(type: .any), [.noStore])]), searchForIndexHtml: true, logger: logger)
        // Text in UTF-8, said in the header as the published site's server should.
        for (ext, type) in [("html", "text/html"), ("css", "text/css"), ("js", "text/javascript"), ("txt", "text/plain")] {
            if let media = MediaType(from: "\(type); charset=utf-8") {
                files = files.withAdditionalMediaType(media, mappedToFileExtension: ext)
            }
        }
        router.add(middleware: files)
        let watcher = ContentWatcher(folders: [root.appendingPathComponent("content"), root.appendingPathComponent("theme")])
        let app = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: "congkhai"),
            services: [WatchService(watcher: watcher) { await rebuild(into: output, state: state) }],
            onServerRunning: { channel in
                let bound = channel.localAddress?.port ?? port
                log(language == .vi
                    ? "Xem trước tại http://127.0.0.1:\(bound)/ — tự dựng lại khi content/ hoặc theme/ thay đổi. Nhấn Ctrl-C để dừng."
                    : "Preview at http://127.0.0.1:\(bound)/ — rebuilds when content/ or theme/ change. Press Ctrl-C to stop.")
            },
            logger: logger
        )
        try await app.runService()
        log(language == .vi ? "Đã dừng xem trước." : "Preview stopped.")
    }

    /// Runs blocking work (a build reads and writes thousands of files) on a thread of its own,
    /// never on Swift's cooperative pool, where it would hold up the server's requests.
    static func offThePool<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: work()) }
        }
    }

    private func rebuild(into output: URL, state: PreviewState) async {
        let now = fixedNow ?? Date()
        let clock: (@Sendable () -> Date)? = fixedNow == nil ? { @Sendable in Date() } : nil
        let builder = SiteBuilder(root: root, output: output, now: now, clock: clock, includeDrafts: true,
                                  injectedScript: LiveReloadScript.tag)
        let outcome = await Self.offThePool { [self] () -> (Result<BuildReport, BuildFailure>, [String: String]) in
            let result = Result { () throws(BuildFailure) -> BuildReport in try builder.build() }
            guard case .success(let report) = result else { return (result, [:]) }
            return (result, absentReasons(at: report.now))
        }
        do {
            let report = try outcome.0.get()
            await state.succeeded()
            await state.explainAbsent(outcome.1)
            for warning in report.warnings { log(warning.formatted(in: language)) }
            log(language == .vi
                ? "Đã dựng trang: \(report.published) thông báo đang niêm yết."
                : "Site built: \(report.published) notices being posted.")
        } catch {
            let messages = error.diagnostics.map { $0.formatted(in: language) }
            await state.failed(messages)
            for message in messages { log(message) }
            log(language == .vi
                ? "Không dựng lại được; vẫn hiển thị bản đúng gần nhất."
                : "Could not rebuild; still serving the last good site.")
        }
    }

    /// For every notice the preview leaves out at `now`, what the clerk is told on its 404.
    func absentReasons(at now: Date) -> [String: String] {
        guard let content = SiteContent.load(root: root, includeDrafts: true).0 else { return [:] }
        let calendar = content.config.calendar
        let vi = language == .vi
        var reasons: [String: String] = [:]
        for row in content.statusRows(at: now) where row.status != .active {
            let id = row.id
            let start = calendar.localDate(of: row.start)
            let last = calendar.localDate(of: row.lastInstant)
            // `--now` with a date alone is 00:00 of that day; a notice starting later that day needs the instant.
            let startsAtMidnight = calendar.startOfDay(start) == row.start
            let time = calendar.clockTime(of: row.start)
            let preview = startsAtMidnight ? start.iso : calendar.iso8601(row.start)
            switch row.status {
            case .scheduled:
                reasons[id] = vi
                    ? "Xem trước: thông báo `\(id)` chưa đến ngày niêm yết; trang sẽ được đăng từ \(time) ngày \(start.short). Để xem trước, chạy: congkhai serve --now \(preview)"
                    : "Preview: notice `\(id)` is scheduled; it is published from \(time) on \(start.short). To preview it, run: congkhai serve --now \(preview)"
            case .expired:
                reasons[id] = vi ? "Xem trước: thông báo `\(id)` đã kết thúc niêm yết (ngày cuối: \(last.short)) nên không còn trên trang."
                    : "Preview: notice `\(id)` has ended (last day \(last.short)), so it is no longer on the site."
            default:
                reasons[id] = vi ? "Xem trước: thông báo `\(id)` \(row.status.label(in: .vi)) nên không có trên trang."
                    : "Preview: notice `\(id)` is \(row.status.label(in: .en)), so it is not on the site."
            }
        }
        return reasons
    }
}

/// Runs the content watcher as a service of the application, so Ctrl-C stops both.
struct WatchService: Service {
    let watcher: ContentWatcher
    let onChange: @Sendable () async -> Void

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await watcher.watch(onChange: onChange)
        }
    }
}
