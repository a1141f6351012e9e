import ArgumentParser
import CongKhaiCore
import CongKhaiSite
import Foundation

@main
struct CongKhaiCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "congkhai",
        abstract: "CongKhai: trang công khai thông tin cấp xã từ các thông báo Markdown.",
        discussion: "Static-site generator for commune public disclosure notices, with posting periods.",
        subcommands: [BuildCommand.self, StatusCommand.self, CheckCommand.self, NextChangeCommand.self, NewCommand.self, RulesCommand.self, HistoryCommand.self, JournalCommand.self, ExtendCommand.self, RecordsCommand.self, ServeCommand.self]
    )
}

/// Options shared by the commands that read a site.
struct SiteOptions: ParsableArguments {
    @Option(name: .long, help: "Thư mục của trang (chứa content/). Site folder holding content/.")
    var root: String = "."

    @Option(name: .long, help: "Thời điểm dùng để tính trạng thái, ISO 8601 có múi giờ, ví dụ 2026-04-06T23:59:59+07:00.")
    var now: String?

    @Option(name: .long, help: "Ngôn ngữ thông báo lỗi: vi hoặc en. Language of messages.")
    var lang: Language?

    var rootURL: URL { Self.resolve(root) }

    /// A path given on the command line, relative to the working directory.
    static func resolve(_ path: String) -> URL {
        URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
            .standardizedFileURL
    }

    var language: Language { lang ?? SiteContent.language(root: rootURL) }

    /// The clock: `--now` or the system's.
    func clock() throws -> Date {
        guard let now else { return Date() }
        guard let date = Timestamp.parseInstantWithOffset(now) else {
            throw ValidationError(language == .vi
                ? "--now \"\(now)\" không hợp lệ: dùng ISO 8601 có múi giờ, ví dụ 2026-04-06T23:59:59+07:00"
                : "--now \"\(now)\" is invalid: use ISO 8601 with an offset, e.g. 2026-04-06T23:59:59+07:00")
        }
        return date
    }

    func report(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics {
            FileHandle.standardError.write(Data((diagnostic.formatted(in: language) + "\n").utf8))
        }
    }

    /// The content as well as it can be determined: broken files replaced by their last valid
    /// version (kept beside `output`, default ROOT/site) or left out. Prints every diagnostic;
    /// exits 1 only when nothing at all can be loaded (the caller exits 1 later on errors).
    func resolveContent(output: URL? = nil) throws -> (SourceResolver.Resolution, SiteContent) {
        let resolution = SourceResolver(root: rootURL, output: output).resolveContent()
        report(resolution.diagnostics)
        guard let content = resolution.content else {
            resolution.cleanUp()
            throw ExitCode.failure
        }
        return (resolution, content)
    }

    /// Loads the content, printing every diagnostic; exits 1 on errors.
    func loadContent() throws -> SiteContent {
        let (content, diagnostics) = SiteContent.load(root: rootURL)
        report(diagnostics)
        guard let content else { throw ExitCode.failure }
        return content
    }
}

extension Language: ExpressibleByArgument {}
