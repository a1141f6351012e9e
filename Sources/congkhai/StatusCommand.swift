import ArgumentParser
import CongKhaiCore
import CongKhaiSite
import Foundation

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: tr("Việc cần làm hôm nay: thông báo kết thúc hôm nay, trong tuần, sắp bắt đầu, đang niêm yết, đã kết thúc.",
                     "Today's work: notices ending today, this week, starting soon, being posted, ended.")
    )

    @OptionGroup var options: SiteOptions

    @Option(name: .long, help: .text("Chỉ các thông báo đang niêm yết có ngày cuối trong số ngày này kể từ hôm nay (0: hôm nay).",
                                     "Only notices being posted whose last day is within this many days from today (0: today)."))
    var endingWithin: Int?

    @Option(name: .long, help: .text("Chỉ các thông báo thuộc loại này, ví dụ compensation-plan (xem `congkhai types`).",
                                     "Only notices of this type, e.g. compensation-plan (see `congkhai types`)."))
    var type: String?

    @Option(name: .long, help: .text("Chỉ các thông báo của xã này (mã trong `communes` của site.yaml).",
                                     "Only notices of this commune (an id from `communes` in site.yaml)."))
    var commune: String?

    @Flag(name: .long, help: .text("Hiện mọi thông báo đã kết thúc, không chỉ 30 ngày qua.",
                                   "List every ended notice, not only the last 30 days'."))
    var all = false

    @Flag(name: .long, help: .text("In dạng JSON (mọi trường của thông báo).", "Print JSON (every field of each notice)."))
    var json = false

    func run() throws {
        let language = options.language
        let now = try options.clock()
        if let endingWithin, endingWithin < 0 {
            throw CommandLineProblem("--ending-within \(endingWithin) không hợp lệ: dùng số ngày từ 0 (hôm nay) trở lên, ví dụ 7",
                                     "--ending-within \(endingWithin) is invalid: use a number of days from 0 (today), e.g. 7",
                                     language: language)
        }
        let (resolution, content) = try options.resolveContent()
        defer { resolution.cleanUp() }
        let config = content.config
        if let type, config.types[type] == nil {
            options.report([.error(nil, nil, .unknownType(type, suggestions: Suggestions.closest(to: type, among: config.typeOrder)))])
            throw ExitCode.failure
        }
        if let commune, !config.communes.contains(where: { $0.id == commune }) {
            options.report([.error(nil, nil, .unknownCommune(commune, suggestions: Suggestions.closest(
                to: commune, among: config.communes.map(\.id))))])
            throw ExitCode.failure
        }
        let filter = StatusFilter(endingWithin: endingWithin, type: type, commune: commune, all: all)
        // Drafts (`draft: true`) are validated but never published: their own group ("Bản nháp"),
        // and "status": "draft" in --json.
        let view = StatusView(content: content, now: now, language: language, filter: filter, drafts: content.drafts)
        let calendar = config.calendar
        let errors = resolution.diagnostics.filter { $0.severity == .error }
        if json {
            let document = StatusDocument(
                now: calendar.iso8601(now), nextChange: content.nextChange(after: now).map(calendar.iso8601),
                notices: view.rows.map { view.json($0, isFallback: resolution.isFallback($0.sourcePath)) },
                errors: errors.map { $0.formatted(in: language) }, leftOut: resolution.excluded)
            print(String(decoding: try document.encoded(), as: UTF8.self))
        } else {
            print(view.text(errors: errors.count, excluded: resolution.excluded, isFallback: resolution.isFallback), terminator: "")
        }
        if resolution.hasErrors { throw ExitCode.failure }
    }
}
