import ArgumentParser
import CongKhaiCore
import CongKhaiSite
import Foundation

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "In các quy tắc niêm yết có hiệu lực (phải niêm yết bao lâu, ở đâu, căn cứ nào). Print the posting rules in force."
    )

    @OptionGroup var options: SiteOptions

    @Option(name: .long, help: "Loại thông báo, ví dụ compensation-plan. Notice type.")
    var type: String?

    @Option(name: .long, help: "Ngày (YYYY-MM-DD), mặc định hôm nay. Date, default today.")
    var on: String?

    @Flag(name: .long, help: "In bảng Markdown mọi quy tắc có sẵn (bảng trong README). Print the README's table.")
    var markdown = false

    func run() throws {
        if markdown {
            print(RulesReport.markdownTable(), terminator: "")
            return
        }
        // The rules need only site.yaml: a notice with errors does not hide them.
        let (loaded, diagnostics) = SiteContent.loadConfig(root: options.rootURL)
        options.report(diagnostics)
        guard let config = loaded else { throw ExitCode.failure }
        if let type, config.types[type] == nil {
            options.report([.error(nil, nil, .unknownType(type, suggestions: Suggestions.closest(to: type, among: config.typeOrder)))])
            throw ExitCode.failure
        }
        let date: LocalDate
        if let on {
            guard let value = LocalDate(iso: on) else {
                options.report([.error(nil, nil, .invalidDate(key: "--on", value: on))])
                throw ExitCode.failure
            }
            date = value
        } else {
            date = config.calendar.localDate(of: try options.clock())
        }
        print(RulesReport(config: config).text(on: date, type: type))
    }
}
