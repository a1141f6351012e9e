import ArgumentParser
import CongKhaiCore
import CongKhaiSite
import Foundation

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: tr("Dựng trang web vào thư mục site/ (chỉ các thông báo đang niêm yết).",
                     "Build the website into site/ (only the notices being posted).")
    )

    @OptionGroup var options: SiteOptions

    @Option(name: .long, help: .text("Thư mục kết quả (mặc định ROOT/site).", "Output folder (default ROOT/site)."))
    var output: String?

    @Flag(name: .long, help: .text("In thời gian từng bước lên stderr.", "Print each step's time to stderr."))
    var timings = false

    func run() throws {
        let now = try options.clock()
        let outputURL = output.map(SiteOptions.resolve)
        // With --now the instant is fixed; otherwise the clock is read again just before the swap.
        let clock: (@Sendable () -> Date)? = options.now == nil ? { @Sendable in Date() } : nil
        let builder = SiteBuilder(root: options.rootURL, output: outputURL, now: now, clock: clock, journal: true)
        let report: BuildReport
        do {
            report = try builder.build()
        } catch {
            options.report(error.diagnostics)
            if timings, let step = error.step {
                FileHandle.standardError.write(Data("stopped at step: \(step.rawValue)\n".utf8))
            }
            let count = error.diagnostics.filter { $0.severity == .error }.count
            let path = builder.output.path
            let vi = options.language == .vi
            if let published = error.published {
                printTimings(published)
                FileHandle.standardError.write(Data(degradedText(published, errors: count, output: path).utf8))
                print(summary(published, output: builder.output))
                throw ExitCode.failure
            }
            let existed = FileManager.default.fileExists(atPath: path)
            FileHandle.standardError.write(Data((vi
                ? "Không dựng được trang: \(count) lỗi. " + (existed ? "Thư mục \(path) vẫn giữ nguyên bản cũ; chạy `congkhai check` để biết trong đó còn thông báo nào đã hết thời hạn không.\n"
                                                                 : "Chưa tạo thư mục \(path).\n")
                : "Build failed: \(count) error(s). " + (existed ? "\(path) was left unchanged; run `congkhai check` to see whether it still shows an ended notice.\n"
                                                           : "\(path) was not created.\n")).utf8))
            throw ExitCode.failure
        }
        options.report(report.warnings)
        printTimings(report)
        print(summary(report, output: builder.output))
    }

    private func printTimings(_ report: BuildReport) {
        guard timings else { return }
        for (index, step) in report.steps.enumerated() {
            let line = "[\(index + 1)/\(report.steps.count)] \(step.step.rawValue): \(String(format: "%.3f", step.seconds)) s\n"
            FileHandle.standardError.write(Data(line.utf8))
        }
        FileHandle.standardError.write(Data("files: \(report.fileCount) in the site, \(report.filesChanged) written; notice pages: \(report.pagesReused) reused; notice files: \(report.parsesReused) not parsed again\n".utf8))
    }

    /// What a build with errors still published, in plain words for the IT contact and the clerk.
    private func degradedText(_ report: BuildReport, errors: Int, output: String) -> String {
        let vi = options.language == .vi
        var lines: [String] = []
        if !report.removedNotices.isEmpty {
            let ids = report.removedNotices.joined(separator: ", ")
            lines.append(vi
                ? "Không dựng được trang mới (\(errors) lỗi). Đã gỡ khỏi \(output) các thông báo không còn niêm yết: \(ids); các trang danh sách tạm thay bằng trang đơn giản."
                : "Could not build a new site (\(errors) error(s)). Removed from \(output) the notices no longer posted: \(ids); listing pages are temporarily plain pages.")
        } else {
            lines.append(vi
                ? "Trang có \(errors) lỗi nhưng vẫn được dựng và đăng vào \(output), để không thông báo nào đã kết thúc còn hiển thị."
                : "The site has \(errors) error(s) but was still built and published to \(output), so no ended notice stays online.")
        }
        if !report.fallbacks.isEmpty {
            lines.append((vi ? "Dựng từ bản hợp lệ gần nhất: " : "Built from the last valid version: ")
                + report.fallbacks.joined(separator: ", "))
        }
        if !report.excluded.isEmpty {
            lines.append((vi ? "Không đưa lên trang (lỗi, chưa có bản hợp lệ): " : "Left out (errors, no valid version): ")
                + report.excluded.joined(separator: ", "))
        }
        lines.append(vi ? "Hãy sửa các lỗi trên rồi dựng lại. Mã thoát 1." : "Fix the errors above and build again. Exit code 1.")
        return lines.joined(separator: "\n") + "\n"
    }

    private func summary(_ report: BuildReport, output: URL) -> String {
        let language = options.language
        let hidden = NoticeStatus.allCases.compactMap { status -> String? in
            guard let count = report.hidden[status], count > 0 else { return nil }
            return "\(count) \(status.label(in: language))"
        }
        let hiddenTotal = report.hidden.values.reduce(0, +)
        let next = SpokenTime.nextChange(report.nextChange, calendar: report.calendar, language: language, sentence: false)
        if language == .vi {
            var line = "Đã đăng \(report.published) thông báo; ẩn \(hiddenTotal)"
            if !hidden.isEmpty { line += " (\(hidden.joined(separator: ", ")))" }
            return line + "; \(next); \(report.fileCount) tệp trong \(output.path)"
        }
        var line = "Published \(report.published) notices; hidden \(hiddenTotal)"
        if !hidden.isEmpty { line += " (\(hidden.joined(separator: ", ")))" }
        return line + "; \(next); \(report.fileCount) files in \(output.path)"
    }
}
