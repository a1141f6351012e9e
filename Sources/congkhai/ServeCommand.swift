import ArgumentParser
import CongKhaiCore
import CongKhaiPreview
import Foundation

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: tr("Xem trước trang khi đang soạn, tự dựng lại và tải lại trình duyệt.",
                     "Live preview while writing: rebuilds and reloads the browser.")
    )

    @OptionGroup var options: SiteOptions

    @Option(name: .long, help: .text("Cổng trên 127.0.0.1.", "Port on 127.0.0.1."))
    var port: Int = 1313

    func run() async throws {
        let fixedNow = try options.now.map { _ in try options.clock() }
        let server = PreviewServer(root: options.rootURL, port: port, fixedNow: fixedNow, language: options.language) { line in
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
        try await server.run()
    }
}
