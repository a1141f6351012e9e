import ArgumentParser
import CongKhaiCore
import CongKhaiSite
import Foundation

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Liệt kê mọi thông báo với trạng thái và thời hạn niêm yết. List notices with their status."
    )

    @OptionGroup var options: SiteOptions

    @Flag(name: .long, help: "In dạng JSON. Print JSON.")
    var json = false

    func run() throws {
        let now = try options.clock()
        let (resolution, content) = try options.resolveContent()
        defer { resolution.cleanUp() }
        let rows = content.statusRows(at: now)
        let calendar = content.config.calendar
        let next = content.nextChange(after: now)
        if json {
            let items: [[String: Any]] = rows.map { row in
                [
                    "id": row.id, "title": row.title, "type": row.type, "source": row.sourcePath,
                    "status": row.status.rawValue, "posted": calendar.iso8601(row.start),
                    "expires": calendar.iso8601(row.lastInstant), "days_left": row.daysLeft,
                    "expiring_soon": row.expiringSoon,
                    "version": resolution.isFallback(row.sourcePath) ? "last_valid" : "current",
                ]
            }
            let object: [String: Any] = [
                "now": calendar.iso8601(now),
                "next_change": next.map(calendar.iso8601) ?? NSNull(),
                "notices": items,
                "errors": resolution.diagnostics.filter { $0.severity == .error }.map { $0.formatted(in: options.language) },
                "left_out": resolution.excluded,
            ]
            let data = try JSONSerialization.data(withJSONObject: object,
                                                  options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
            print(String(decoding: data, as: UTF8.self))
            if resolution.hasErrors { throw ExitCode.failure }
            return
        }
        let language = options.language
        for row in rows {
            let first = calendar.localDate(of: row.start).short
            let last = calendar.localDate(of: row.lastInstant).short
            var line = "\(row.status.label(in: language).padding(toLength: 24, withPad: " ", startingAt: 0)) "
            line += "\(first) → \(last)  \(row.id)"
            if row.status == .active {
                line += language == .vi ? "  (còn \(row.daysLeft) ngày)" : "  (\(row.daysLeft) days left)"
                if row.expiringSoon { line += language == .vi ? "  ⚠ sắp hết hạn" : "  ⚠ expiring soon" }
            }
            if resolution.isFallback(row.sourcePath) {
                line += language == .vi ? "  [tệp đang lỗi: theo bản hợp lệ gần nhất]" : "  [file has errors: last valid version]"
            }
            print(line)
        }
        let nextText = next.map(calendar.iso8601) ?? (language == .vi ? "không có" : "none")
        print(language == .vi ? "Lần thay đổi tiếp theo: \(nextText)" : "Next change: \(nextText)")
        for unit in resolution.excluded {
            print(language == .vi ? "Không đưa lên trang (lỗi, chưa có bản hợp lệ): \(unit)"
                : "Left out (errors, no valid version): \(unit)")
        }
        if resolution.hasErrors { throw ExitCode.failure }
    }
}

