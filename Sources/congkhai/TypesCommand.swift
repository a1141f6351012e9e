import ArgumentParser
import CongKhaiCore
import CongKhaiSite
import Foundation

struct TypesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "types",
        abstract: tr("Liệt kê các loại thông báo của trang (có sẵn và trong site.yaml) với quy tắc niêm yết đang áp dụng.",
                     "List the site's notice types (built-in and from site.yaml) with the posting rules that apply.")
    )

    @OptionGroup var options: SiteOptions

    @Option(name: .long, help: .text("Ngày áp dụng quy tắc (NĂM-THÁNG-NGÀY), ví dụ 2026-11-27; mặc định hôm nay.",
                                     "Day whose rules apply (YYYY-MM-DD), e.g. 2026-11-27; default today."))
    var on: String?

    func run() throws {
        // The types need only site.yaml: a notice with errors does not hide them.
        let (loaded, diagnostics) = SiteContent.loadConfig(root: options.rootURL)
        options.report(diagnostics)
        guard let config = loaded else { throw ExitCode.failure }
        let language = options.language
        let vi = language == .vi
        let date = try options.day(on, calendar: config.calendar)
        let builtIn = Set(NoticeType.builtIn.map(\.id))
        var lines = [vi ? "Các loại thông báo của trang (quy tắc niêm yết áp dụng ngày \(date.short)):"
                        : "The site's notice types (posting rules in force on \(date.short)):", ""]
        for type in config.orderedTypes {
            var heading = "\(type.id) — \(type.name(in: language))"
            if !builtIn.contains(type.id) { heading += vi ? " (loại riêng của trang, trong site.yaml)" : " (the site's own type, in site.yaml)" }
            lines.append(heading)
            guard let rule = config.rule(for: type.id, on: date) else {
                lines.append(vi ? "  Chưa có quy tắc niêm yết cho ngày này." : "  No posting rule on this day.")
                lines.append("")
                continue
            }
            lines.append((vi ? "  Thời hạn: " : "  Period: ") + RulesReport.periodText(rule, language: language))
            if let within = rule.startWithin {
                lines.append(vi ? "  Bắt đầu niêm yết: chậm nhất \(within.text(in: .vi)) sau ngày ký"
                    : "  Start: within \(within.text(in: .en)) of signing")
            }
            if !rule.places.isEmpty {
                lines.append((vi ? "  Nơi niêm yết: " : "  Places: ")
                    + rule.places.map { RulesReport.placeName($0, language: language) }.joined(separator: "; "))
            }
            let source = rule.fromSite && !rule.basis.contains("site.yaml") ? (vi ? " (theo site.yaml)" : " (from site.yaml)") : ""
            lines.append((vi ? "  Căn cứ: " : "  Basis: ") + rule.basis + source)
            lines.append("")
        }
        lines.append(vi ? "Chi tiết một loại: congkhai rules --type <loại>" : "One type in detail: congkhai rules --type <type>")
        print(lines.joined(separator: "\n"))
    }
}
