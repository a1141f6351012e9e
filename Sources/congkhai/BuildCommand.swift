import ArgumentParser
import CongKhaiCore
import CongKhaiSite
import Foundation

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Dựng trang web vào thư mục site/ (chỉ các thông báo đang niêm yết). Build the site."
    )

    @OptionGroup var options: SiteOptions

    @Option(name: .long, help: "Thư mục kết quả (mặc định ROOT/site). Output folder.")
    var output: String?

    @Flag(name: .long, help: "In thời gian từng bước lên stderr. Print each step's time to stderr.")
    var timings = false

    func run() throws {
        let now = try options.clock()
        let outputURL = output.map(SiteOptions.resolve)
        let builder = SiteBuilder(root: options.rootURL, output: outputURL, now: now)
        let report: BuildReport
        do {
            report = try builder.build()
        } catch {
            options.report(error.diagnostics)
            let count = error.diagnostics.filter { $0.severity == .error }.count
            let path = builder.output.path
            let existed = FileManager.default.fileExists(atPath: path)
            FileHandle.standardError.write(Data((options.language == .vi
                ? "Không dựng được trang: \(count) lỗi. " + (existed ? "Thư mục \(path) vẫn giữ nguyên bản cũ.\n"
                                                                 : "Chưa tạo thư mục \(path).\n")
                : "Build failed: \(count) error(s). " + (existed ? "\(path) was left unchanged.\n"
                                                           : "\(path) was not created.\n")).utf8))
            throw ExitCode.failure
        }
        options.report(report.warnings)
        if timings {
            for (index, step) in report.steps.enumerated() {
                let line = "[\(index + 1)/\(report.steps.count)] \(step.name): \(String(format: "%.3f", step.seconds)) s\n"
                FileHandle.standardError.write(Data(line.utf8))
            }
        }
        print(summary(report, output: builder.output))
    }

    private func summary(_ report: BuildReport, output: URL) -> String {
        let language = options.language
        let hidden = NoticeStatus.allCases.compactMap { status -> String? in
            guard let count = report.hidden[status], count > 0 else { return nil }
            return "\(count) \(status.label(in: language))"
        }
        let hiddenTotal = report.hidden.values.reduce(0, +)
        let next = report.nextChange.map(report.calendar.iso8601)
        if language == .vi {
            var line = "Đã xuất bản \(report.published) thông báo; ẩn \(hiddenTotal)"
            if !hidden.isEmpty { line += " (\(hidden.joined(separator: ", ")))" }
            line += "; lần thay đổi tiếp theo: \(next ?? "không có")"
            return line + "; \(report.fileCount) tệp trong \(output.path)"
        }
        var line = "Published \(report.published) notices; hidden \(hiddenTotal)"
        if !hidden.isEmpty { line += " (\(hidden.joined(separator: ", ")))" }
        line += "; next change: \(next ?? "none")"
        return line + "; \(report.fileCount) files in \(output.path)"
    }
}
