import ArgumentParser
import CongKhaiCore
import CongKhaiSite
import Foundation

struct JournalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "journal",
        abstract: tr("Nhật ký đăng tải (journal.tsv).", "The publication journal (journal.tsv)."),
        subcommands: [JournalVerifyCommand.self]
    )
}

struct JournalVerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: tr("Kiểm tra chuỗi băm của nhật ký; báo dòng đầu tiên bị sửa, xóa hoặc đổi chỗ.",
                     "Verify the journal's hash chain; report the first line edited, deleted or moved.")
    )

    @OptionGroup var options: SiteOptions

    func run() throws {
        let journal = PublicationJournal(root: options.rootURL)
        let vi = options.language == .vi
        switch journal.verify() {
        case .valid(let lines):
            print(vi ? "\(PublicationJournal.fileName): nhật ký nguyên vẹn, \(lines) dòng." : "\(PublicationJournal.fileName): intact, \(lines) lines.")
        case .broken(let line, _):
            FileHandle.standardError.write(Data((vi
                ? "\(PublicationJournal.fileName):\(line): lỗi: dòng này không khớp chuỗi băm: nó hoặc một dòng trước nó đã bị sửa, xóa hoặc đổi chỗ\n"
                : "\(PublicationJournal.fileName):\(line): error: this line breaks the hash chain: it or a line before it was edited, deleted or moved\n").utf8))
            throw ExitCode.failure
        }
    }
}

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: tr("Thông báo đã thực sự được đăng khi nào, có đủ thời hạn không (theo nhật ký).",
                     "When a notice was really online, and whether for its whole period (from the journal).")
    )

    @OptionGroup var options: SiteOptions

    @Argument(help: .text("Mã thông báo.", "Notice id."))
    var id: String

    @Flag(name: .long, help: .text("In dạng JSON.", "Print JSON."))
    var json = false

    func run() throws {
        let journal = PublicationJournal(root: options.rootURL)
        let resolution = SourceResolver(root: options.rootURL).resolveContent()
        defer { resolution.cleanUp() }
        let (loadedConfig, _) = SiteContent.loadConfig(root: options.rootURL)
        guard let config = resolution.content?.config ?? loadedConfig else {
            options.report(resolution.diagnostics)
            throw ExitCode.failure
        }
        let notice = resolution.content?.notices.first { $0.id == id }
        let history = PublicationHistory(id: id, entries: journal.entries(), notice: notice, config: config)
        if json {
            let data = try JSONSerialization.data(withJSONObject: history.json,
                                                  options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
            print(String(decoding: data, as: UTF8.self))
        } else {
            for line in history.verdict(language: options.language, calendar: config.calendar) { print(line) }
        }
        if case .broken(let line, _) = journal.verify() {
            FileHandle.standardError.write(Data((options.language == .vi
                ? "\(PublicationJournal.fileName):\(line): lỗi: nhật ký đã bị sửa từ dòng này; kết quả trên không đáng tin\n"
                : "\(PublicationJournal.fileName):\(line): error: the journal was altered from this line; the answer above cannot be trusted\n").utf8))
            throw ExitCode.failure
        }
    }
}
