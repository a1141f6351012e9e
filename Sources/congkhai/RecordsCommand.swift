import ArgumentParser
import CongKhaiCore
import CongKhaiSite
import Foundation

struct RecordsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "records",
        abstract: tr("Lập hồ sơ lưu: biên bản niêm yết, biên bản kết thúc niêm yết, danh mục công khai theo quý (ngoài thư mục site/).",
                     "Write the records a commune files: posting records, end-of-posting records, the quarterly list (outside site/).")
    )

    @OptionGroup var options: SiteOptions

    @Option(name: .long, help: .text("Chỉ các thông báo còn niêm yết từ ngày này (NĂM-THÁNG-NGÀY).", "Only notices running on or after this day (YYYY-MM-DD)."))
    var since: String?

    @Option(name: .long, help: .text("Lập danh mục công khai của quý, ví dụ 2026-Q4.", "Also write the quarterly list, e.g. 2026-Q4."))
    var quarter: String?

    @Option(name: .long, help: .text("Thư mục hồ sơ (mặc định ROOT/ho-so); không được nằm trong site/.", "Records folder (default ROOT/ho-so); never inside site/."))
    var out: String?

    @Option(name: .long, help: .text("Thư mục trang đã dựng (mặc định ROOT/site), để không ghi hồ sơ vào đó.", "The published output folder (default ROOT/site), kept free of records."))
    var output: String?

    func run() throws {
        let vi = options.language == .vi
        let now = try options.clock()
        var sinceDay: LocalDate?
        if let since {
            guard let day = LocalDate(iso: since) else {
                throw CommandLineProblem("--since \"\(since)\" không hợp lệ: dùng dạng NĂM-THÁNG-NGÀY, ví dụ 2026-10-26",
                                         "--since \"\(since)\" is invalid: use YYYY-MM-DD, e.g. 2026-10-26", language: options.language)
            }
            sinceDay = day
        }
        var chosenQuarter: Quarter?
        if let quarter {
            guard let parsed = Quarter(quarter) else {
                throw CommandLineProblem("--quarter \"\(quarter)\" không hợp lệ: dùng dạng NĂM-Qn, ví dụ 2026-Q4",
                                         "--quarter \"\(quarter)\" is invalid: use YEAR-Qn, e.g. 2026-Q4", language: options.language)
            }
            chosenQuarter = parsed
        }
        let root = options.rootURL
        let folder = out.map(SiteOptions.resolve) ?? root.appendingPathComponent(RecordsWriter.defaultFolder)
        let outputURL = output.map(SiteOptions.resolve) ?? root.appendingPathComponent("site")
        let (resolution, content) = try options.resolveContent(output: outputURL)
        defer { resolution.cleanUp() }
        let journal = PublicationJournal(root: root)
        // Records state the dates the journal shows: from an altered journal, none is written.
        if case .broken(let line, _) = journal.verify() {
            FileHandle.standardError.write(Data((vi
                ? "\(PublicationJournal.fileName):\(line): lỗi: nhật ký đã bị sửa từ dòng này; không lập hồ sơ từ nhật ký không đáng tin (khôi phục journal.tsv từ git rồi chạy lại)\n"
                : "\(PublicationJournal.fileName):\(line): error: the journal was altered from this line; no record is written from it (restore journal.tsv from git and run again)\n").utf8))
            throw ExitCode.failure
        }
        do {
            try RecordsWriter.check(folder: folder, root: root, output: outputURL)
            let writer = RecordsWriter(root: root, folder: folder)
            let written = try writer.write(content: content, entries: journal.entries(), now: now, since: sinceDay,
                                           quarter: chosenQuarter)
            let shown = SiteOptions.display(folder)
            print(vi ? "Đã lập \(written.count) tệp hồ sơ trong \(shown)/ (không đăng lên trang)."
                : "Wrote \(written.count) record files in \(shown)/ (not published).")
        } catch {
            switch error {
            case .unsafeFolder(let path):
                FileHandle.standardError.write(Data((vi
                    ? "lỗi: không ghi hồ sơ vào \(path): thư mục này nằm trong (hoặc chứa) thư mục trang, content/ hoặc theme/; hãy chọn --out khác, ví dụ ho-so\n"
                    : "error: records cannot go to \(path): it is inside (or holds) the site folder, content/ or theme/; choose another --out, e.g. ho-so\n").utf8))
            case .theme(let found):
                options.report(found)
            case .io(let detail):
                FileHandle.standardError.write(Data((vi ? "lỗi: không ghi được \(detail)\n" : "error: cannot write \(detail)\n").utf8))
            }
            throw ExitCode.failure
        }
        if resolution.hasErrors { throw ExitCode.failure }
    }
}

extension SiteOptions {
    /// A path as the user would type it: relative to the working directory when inside it.
    static func display(_ url: URL) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        let path = url.standardizedFileURL.path
        return path.hasPrefix(cwd + "/") ? String(path.dropFirst(cwd.count + 1)) : path
    }
}
