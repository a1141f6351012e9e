import ArgumentParser
import CongKhaiCore
import CongKhaiSite
import Foundation

struct ExtendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extend",
        abstract: tr("Gia hạn niêm yết một thông báo: sửa `expires` và ghi lại lần gia hạn.",
                     "Extend a notice's posting period: change `expires` and record the extension.")
    )

    @OptionGroup var options: SiteOptions

    @Argument(help: .text("Mã thông báo.", "Notice id."))
    var id: String

    @Option(name: .long, help: .text("Ngày cuối mới (NĂM-THÁNG-NGÀY), ví dụ 2026-12-15.", "New last day (YYYY-MM-DD), e.g. 2026-12-15."))
    var to: String

    @Option(name: .long, help: .text("Lý do gia hạn, hiện trên trang.", "Reason, shown on the page."))
    var reason: String?

    func run() throws {
        let vi = options.language == .vi
        guard let day = LocalDate(iso: to) else {
            let guess = LocalDate.guess(from: to).map { vi ? " (có phải ý bạn là \($0.iso)?)" : " (did you mean \($0.iso)?)" } ?? ""
            throw CommandLineProblem("--to \"\(to)\" không hợp lệ\(guess): dùng dạng NĂM-THÁNG-NGÀY, ví dụ 2026-12-15",
                                     "--to \"\(to)\" is invalid\(guess): use YYYY-MM-DD, e.g. 2026-12-15", language: options.language)
        }
        let now = try options.clock()
        do {
            let outcome = try NoticeExtender(root: options.rootURL).extend(id: id, to: day, reason: reason, now: now)
            options.report(outcome.warnings)
            print(vi
                ? "\(outcome.path): đã gia hạn niêm yết `\(outcome.id)` đến hết ngày \(outcome.to.short) (trước đây: hết ngày \(outcome.previous.short)). Chạy `congkhai build` để đăng."
                : "\(outcome.path): `\(outcome.id)` extended through \(outcome.to.short) (was: through \(outcome.previous.short)). Run `congkhai build` to publish.")
        } catch {
            switch error {
            case .diagnostics(let found):
                options.report(found)
                FileHandle.standardError.write(Data((vi ? "Chưa gia hạn: hãy sửa các lỗi trên trước.\n" : "Not extended: fix the errors above first.\n").utf8))
            case .unknownNotice(let id, let suggestions):
                let hint = suggestions.first.map { vi ? " (có phải ý bạn là `\($0)`?)" : " (did you mean `\($0)`?)" } ?? ""
                FileHandle.standardError.write(Data((vi ? "lỗi: không có thông báo nào mang mã `\(id)`\(hint)\n"
                    : "error: no notice has id `\(id)`\(hint)\n").utf8))
            case .notLater(let current, let requested):
                FileHandle.standardError.write(Data((vi
                    ? "lỗi: thông báo niêm yết đến hết ngày \(current.short); ngày gia hạn \(requested.short) phải sau ngày đó (muốn rút ngắn thì sửa cả `expires` và `extended`)\n"
                    : "error: the notice runs through \(current.short); \(requested.short) must be later (to shorten it, edit both `expires` and `extended`)\n").utf8))
            case .inThePast(let today, let requested):
                FileHandle.standardError.write(Data((vi
                    ? "lỗi: ngày \(requested.short) đã qua (hôm nay là \(today.short)); không thể gia hạn lùi về quá khứ\n"
                    : "error: \(requested.short) is already over (today is \(today.short)); an extension cannot be backdated\n").utf8))
            case .cannotEdit(let path, let detail):
                FileHandle.standardError.write(Data((vi
                    ? "\(path): lỗi: không sửa được khóa `\(detail)` một cách an toàn; hãy sửa tay (xem README, mục gia hạn)\n"
                    : "\(path): error: cannot edit `\(detail)` safely; edit it by hand (see the README on extensions)\n").utf8))
            case .io(let detail):
                FileHandle.standardError.write(Data((vi ? "lỗi: không ghi được tệp: \(detail)\n" : "error: cannot write the file: \(detail)\n").utf8))
            }
            throw ExitCode.failure
        }
    }
}
