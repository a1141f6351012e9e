import ArgumentParser
import CongKhaiCore
import CongKhaiSite
import Foundation

struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Tạo thông báo mới với ngày niêm yết tính sẵn theo luật. Create a notice with lawful dates."
    )

    @OptionGroup var options: SiteOptions

    @Argument(help: "Loại thông báo, ví dụ compensation-plan. Notice type id.")
    var type: String

    @Option(name: .long, help: "Tiêu đề thông báo. Title.")
    var title: String

    @Option(name: .long, help: "Mã xã (trong site.yaml). Commune id.")
    var commune: String?

    @Option(name: .long, help: "Ngày bắt đầu niêm yết YYYY-MM-DD (mặc định hôm nay). Posting date (default today).")
    var posted: String?

    @Flag(name: .long, help: "Tạo thư mục để kèm tệp đính kèm. Create a bundle folder for attachments.")
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
