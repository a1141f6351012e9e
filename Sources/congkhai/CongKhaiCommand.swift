import ArgumentParser
import CongKhaiCore
import CongKhaiSite
import Foundation

/// The root command; `CongKhaiMain` (CommandLineLanguage.swift) runs it and prints argument
/// errors and help in the interface language.
struct CongKhaiCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "congkhai",
        abstract: tr("CongKhai: trang công khai thông tin cấp xã từ các thông báo Markdown, mỗi thông báo có thời hạn niêm yết.",
                     "CongKhai: a commune's public disclosure website from Markdown notices, each with its posting period."),
        subcommands: [BuildCommand.self, StatusCommand.self, CheckCommand.self, NextChangeCommand.self, NewCommand.self,
                      TypesCommand.self, RulesCommand.self, HistoryCommand.self, JournalCommand.self, ExtendCommand.self,
                      RecordsCommand.self, ServeCommand.self]
    )
}

/// Options shared by the commands that read a site.
struct SiteOptions: ParsableArguments {
    @Option(name: .long, help: .text("Thư mục của trang (chứa content/).", "Site folder (holding content/)."))
    var root: String = "."

    @Option(name: .long, help: .text("Thời điểm dùng để tính trạng thái: một ngày (00:00 theo múi giờ của trang), ví dụ 2026-11-27, hoặc ngày giờ ISO 8601 có múi giờ, ví dụ 2026-11-27T09:00:00+07:00.",
                                     "The instant statuses are computed at: a day (00:00 in the site's zone), e.g. 2026-11-27, or an ISO 8601 date-time with an offset, e.g. 2026-11-27T09:00:00+07:00."))
    var now: String?

    @Option(name: .long, help: .text("Ngôn ngữ của các dòng báo lỗi: vi hoặc en.", "Language of messages: vi or en."))
    var lang: Language?

    var rootURL: URL { Self.resolve(root) }

    /// A path given on the command line, relative to the working directory.
    static func resolve(_ path: String) -> URL {
        URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
            .standardizedFileURL
    }

    var language: Language { lang ?? SiteContent.language(root: rootURL) }

    /// The day `--on` names, or today by the clock in the site's zone.
    func day(_ on: String?, calendar: SiteCalendar) throws -> LocalDate {
        guard let on else { return calendar.localDate(of: try clock()) }
        guard let value = LocalDate(iso: on) else {
            report([.error(nil, nil, .invalidDate(key: "--on", value: on))])
            throw ExitCode.failure
        }
        return value
    }

    /// The clock: `--now` or the system's. `--now` is an ISO 8601 date-time with an offset, or a
    /// day alone (`2026-11-27`: 00:00 of that day in the site's zone).
    func clock() throws -> Date {
        guard let now else { return Date() }
        if let date = Timestamp.parseInstantWithOffset(now) { return date }
        let text = now.trimmingCharacters(in: .whitespaces)
        let calendar = SiteContent.loadConfig(root: rootURL).0?.calendar
            ?? SiteCalendar.default
        if let day = LocalDate(iso: text) { return calendar.startOfDay(day) }
        if case .instant(let instant)? = Timestamp.parse(text, in: calendar) {
            // A date-time without an offset: say which offset to add.
            let suggested = calendar.iso8601(instant)
            throw CommandLineProblem(
                "--now \"\(now)\" thiếu múi giờ: viết ngày giờ ISO 8601 có múi giờ, ví dụ \(suggested), hoặc chỉ ghi ngày, ví dụ \(String(text.prefix(10)))",
                "--now \"\(now)\" has no offset: write an ISO 8601 date-time with an offset, e.g. \(suggested), or a day alone, e.g. \(String(text.prefix(10)))",
                language: language)
        }
        let guess = LocalDate.guess(from: text).map { language == .vi ? " (có phải ý bạn là \($0.iso)?)" : " (did you mean \($0.iso)?)" } ?? ""
        throw CommandLineProblem(
            "--now \"\(now)\" không hợp lệ\(guess): ghi một ngày dạng NĂM-THÁNG-NGÀY, ví dụ 2026-11-27 (từ 00:00 ngày 27/11/2026), hoặc ngày giờ ISO 8601 có múi giờ, ví dụ 2026-11-27T09:00:00+07:00",
            "--now \"\(now)\" is invalid\(guess): write a day as YEAR-MONTH-DAY, e.g. 2026-11-27 (from 00:00 on 27/11/2026), or an ISO 8601 date-time with an offset, e.g. 2026-11-27T09:00:00+07:00",
            language: language)
    }

    func report(_ diagnostics: [Diagnostic]) {
        guard !diagnostics.isEmpty else { return }
        let language = self.language  // read from site.yaml: once, not once per line
        var text = ""
        for diagnostic in diagnostics { text += diagnostic.formatted(in: language) + "\n" }
        FileHandle.standardError.write(Data(text.utf8))
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
