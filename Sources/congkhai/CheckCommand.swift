import ArgumentParser
import CongKhaiCore
import CongKhaiSite
import Foundation

struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: tr("Kiểm tra trang đã dựng (hoặc đang chạy) có đúng với thời điểm hiện tại không.",
                     "Check that a built (or deployed) site is right at this instant.")
    )

    @OptionGroup var options: SiteOptions

    @Option(name: .long, help: .text("Thư mục trang đã dựng (mặc định ROOT/site).", "Built site folder (default ROOT/site)."))
    var site: String?

    @Option(name: .long, help: .text("Kiểm tra trang đang chạy qua HTTP, ví dụ http://127.0.0.1:8080/.",
                                     "Check a deployed site over HTTP, e.g. http://127.0.0.1:8080/."))
    var url: String?

    func run() async throws {
        let now = try options.clock()
        let folderOption = site.map(SiteOptions.resolve)
        // A site is audited even when the content has errors: against what would be published.
        let (resolution, content) = try options.resolveContent(output: folderOption)
        defer { resolution.cleanUp() }
        let auditor = SiteAuditor(content: content, now: now)
        let language = options.language
        let result: SiteAuditor.Result
        let target: String
        if let url {
            guard let base = URL(string: url), base.scheme == "http" || base.scheme == "https" else {
                throw CommandLineProblem("--url \"\(url)\" phải là địa chỉ http:// hoặc https://, ví dụ http://127.0.0.1:8080/",
                                         "--url \"\(url)\" must be an http:// or https:// address, e.g. http://127.0.0.1:8080/",
                                         language: language)
            }
            target = base.absoluteString
            result = await auditor.audit(url: base)
        } else {
            let folder = folderOption ?? options.rootURL.appendingPathComponent("site")
            target = folder.standardizedFileURL.path
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
                options.report([.error(target, nil, .siteUnreadable(language == .vi ? "không có thư mục này" : "no such folder"))])
                throw ExitCode.failure
            }
            let display = folder.standardizedFileURL.path.hasPrefix(options.rootURL.path + "/")
                ? String(folder.standardizedFileURL.path.dropFirst(options.rootURL.path.count + 1)) + "/"
                : target + "/"
            result = await auditor.audit(folder: folder, displayPrefix: display)
        }
        options.report(result.problems)
        let instant = SpokenTime.instant(now, calendar: content.config.calendar, language: language)
        let contentErrors = resolution.diagnostics.filter { $0.severity == .error }.count
        if contentErrors > 0 {
            FileHandle.standardError.write(Data((language == .vi
                ? "Nội dung có \(contentErrors) lỗi (in ở trên): trang được đối chiếu với bản hợp lệ gần nhất của các tệp lỗi.\n"
                : "The content has \(contentErrors) error(s) (above): the site was audited against the last valid version of the broken files.\n").utf8))
        }
        if result.problems.isEmpty {
            let others = result.hiddenNotices == 0 ? ""
                : (language == .vi ? "; \(result.hiddenNotices) thông báo không niêm yết (đã kết thúc, đã được thay thế, đã bị hủy bỏ hoặc chưa đến ngày) đều không có trên trang"
                    : "; the \(result.hiddenNotices) others (ended, superseded, withdrawn or not started) are absent")
            print(language == .vi
                ? "Trang \(target) đúng vào \(instant): đủ \(result.activeNotices) thông báo đang niêm yết\(others); đã kiểm tra \(result.filesChecked) tệp."
                : "\(target) is right at \(instant): all \(result.activeNotices) notices being posted are present\(others); checked \(result.filesChecked) files.")
            if contentErrors > 0 { throw ExitCode.failure }
        } else if result.problems.allSatisfy({ if case .remoteUnreachable = $0.message { true } else { false } }) {
            FileHandle.standardError.write(Data((language == .vi
                ? "Không kiểm tra được trang \(target) vào \(instant): \(result.problems.count) địa chỉ không tải được.\n"
                : "Could not check \(target) at \(instant): \(result.problems.count) address(es) could not be fetched.\n").utf8))
            throw ExitCode.failure
        } else {
            FileHandle.standardError.write(Data((language == .vi
                ? "Trang \(target) có \(result.problems.count) vấn đề vào \(instant) (in ở trên). Hãy chạy lại `congkhai build` rồi triển khai lại.\n"
                : "\(target) has \(result.problems.count) problem(s) at \(instant) (above). Run `congkhai build` and redeploy.\n").utf8))
            throw ExitCode.failure
        }
    }
}

struct NextChangeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "next-change",
        abstract: tr("In thời điểm tiếp theo danh sách thông báo thay đổi (ISO 8601), để lập lịch dựng lại.",
                     "Print the next instant the list of notices changes (ISO 8601), to schedule rebuilds.")
    )

    @OptionGroup var options: SiteOptions

    func run() throws {
        let now = try options.clock()
        // The instant is printed whatever else is wrong (diagnostics go to stderr), so a scheduler
        // keeps rebuilding when postings end even while a file has errors.
        let (resolution, content) = try options.resolveContent()
        defer { resolution.cleanUp() }
        // Prints nothing when no posting starts or ends after `now`.
        if let next = content.nextChange(after: now) {
            print(content.config.calendar.iso8601(next))
        }
        if resolution.hasErrors { throw ExitCode.failure }
    }
}
