import CongKhaiCore
import Foundation

/// One row of `congkhai status`: a notice, its status at `now` and its posting period.
public struct NoticeStatusRow: Sendable {
    public let id: String
    public let title: String
    public let type: String
    public let sourcePath: String
    public let status: NoticeStatus
    public let start: Date
    public let lastInstant: Date
    /// Calendar days from today to the last day of posting (negative once over).
    public let daysLeft: Int
    public let expiringSoon: Bool
}

extension SiteContent {
    /// Every notice with its status at `now`, sorted by posting start then id.
    public func statusRows(at now: Date) -> [NoticeStatusRow] {
        let statuses = schedule.statuses(at: now)
        let today = config.calendar.localDate(of: now)
        return notices.map { notice in
            let status = statuses[notice.id] ?? .expired
            let left = today.days(until: notice.lastDay(in: config.calendar))
            return NoticeStatusRow(id: notice.id, title: notice.title, type: notice.type.id,
                                   sourcePath: notice.sourcePath, status: status, start: notice.period.start,
                                   lastInstant: notice.period.lastInstant, daysLeft: left,
                                   expiringSoon: status == .active && left < config.expiringSoonDays)
        }.sorted { $0.start != $1.start ? $0.start < $1.start : $0.id < $1.id }
    }

    /// The language the site's `language:` asks for, read even when the content has errors,
    /// so diagnostics come out in the site's language.
    public static func language(root: URL) -> Language {
        let url = root.appendingPathComponent(SiteConfigLoader.path)
        guard let data = FileManager.default.contents(atPath: url.path),
              let text = String(data: data, encoding: .utf8) else { return .vi }
        for line in text.split(separator: "\n") where line.hasPrefix("language:") {
            let value = line.dropFirst("language:".count).trimmingCharacters(in: CharacterSet(charactersIn: " \"'\r"))
            if let language = Language(rawValue: String(value.prefix(2))) { return language }
        }
        return .vi
    }
}
