import ArgumentParser
import CongKhaiCore
import CongKhaiSite
import Foundation

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: tr("In các quy tắc niêm yết có hiệu lực (phải niêm yết bao lâu, ở đâu, căn cứ nào).",
                     "Print the posting rules in force (how long, where, on what legal basis).")
    )

    @OptionGroup var options: SiteOptions

    @Option(name: .long, help: .text("Loại thông báo, ví dụ compensation-plan.", "Notice type, e.g. compensation-plan."))
    var type: String?

    @Option(name: .long, help: .text("Ngày (NĂM-THÁNG-NGÀY), ví dụ 2026-11-27; mặc định hôm nay.", "Day (YYYY-MM-DD), e.g. 2026-11-27; default today."))
    var on: String?

    @Flag(name: .long, help: .text("In bảng Markdown mọi quy tắc có sẵn (bảng trong README).", "Print every shipped rule as a Markdown table (the README's)."))
    var markdown = false

    func run() throws {
        if markdown {
            print(RulesReport.markdownTable(), terminator: "")
            return
        }
        // The rules need only site.yaml: a notice with errors does not hide them.
        let (loaded, diagnostics) = SiteContent.loadConfig(root: options.rootURL)
        options.report(diagnostics)
        guard var config = loaded else { throw ExitCode.failure }
        config.language = options.language
        if let type, config.types[type] == nil {
            options.report([.error(nil, nil, .unknownType(type, suggestions: Suggestions.closest(to: type, among: config.typeOrder)))])
            throw ExitCode.failure
        }
        let date = try options.day(on, calendar: config.calendar)
        print(RulesReport(config: config).text(on: date, type: type))
    }
}
