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
        let files = PreviewFiles(folder: output)
        router.get("/") { request, _ in files.response(for: request.uri.path) }
        router.get("**") { request, _ in files.response(for: request.uri.path) }

        var logger = Logger(label: "congkhai.serve")
        logger.logLevel = .warning
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

    private func rebuild(into output: URL, state: PreviewState) async {
        let now = fixedNow ?? Date()
        do {
            let clock: (@Sendable () -> Date)? = fixedNow == nil ? { @Sendable in Date() } : nil
            let report = try SiteBuilder(root: root, output: output, now: now, clock: clock).build()
            await state.succeeded()
            for warning in report.warnings { log(warning.formatted(in: language)) }
            log(language == .vi
                ? "Đã dựng lại: \(report.published) thông báo đang niêm yết."
                : "Rebuilt: \(report.published) notices being posted.")
        } catch {
            let messages = error.diagnostics.map { $0.formatted(in: language) }
            await state.failed(messages)
            for message in messages { log(message) }
            log(language == .vi
                ? "Dựng lại thất bại; vẫn hiển thị bản dựng tốt gần nhất."
                : "Rebuild failed; still serving the last good build.")
        }
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
