import ArgumentParser
import CongKhaiCore
import CongKhaiSite
import Foundation

struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: tr("Tạo thông báo mới với ngày niêm yết tính sẵn theo luật.", "Create a notice with lawful dates.")
    )

    @OptionGroup var options: SiteOptions

    @Argument(help: .text("Loại thông báo, ví dụ compensation-plan (xem `congkhai types`).",
                          "Notice type, e.g. compensation-plan (see `congkhai types`)."))
    var type: String

    @Option(name: .long, help: .text("Tiêu đề thông báo.", "Title."))
    var title: String

    @Option(name: .long, help: .text("Mã xã (trong `communes` của site.yaml).", "Commune id (from `communes` in site.yaml)."))
    var commune: String?

    @Option(name: .long, help: .text("Ngày bắt đầu niêm yết NĂM-THÁNG-NGÀY, ví dụ 2026-11-27 (mặc định hôm nay).",
                                     "First day of posting, YYYY-MM-DD, e.g. 2026-11-27 (default today)."))
    var posted: String?

    @Flag(name: .long, help: .text("Tạo thư mục để kèm tệp đính kèm.", "Create a bundle folder for attachments."))
    var bundle = false

    func run() throws {
        let content = try options.loadContent()
        let date: LocalDate
        if let posted {
            guard let value = LocalDate(iso: posted) else {
                options.report([.error(nil, nil, .invalidDate(key: "--posted", value: posted))])
                throw ExitCode.failure
            }
            date = value
        } else {
            date = content.config.calendar.localDate(of: try options.clock())
        }
        do {
            let path = try NoticeScaffold(content: content).create(type: type, title: title, commune: commune,
                                                                  posted: date, bundle: bundle)
            print(path)
        } catch {
            guard case .diagnostics(let diagnostics) = error else { throw ExitCode.failure }
            options.report(diagnostics)
            throw ExitCode.failure
        }
    }
}
