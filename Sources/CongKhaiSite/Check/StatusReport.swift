import CongKhaiCore
import Foundation

/// One row of `congkhai status`: a notice, its status at `now` and its posting period.
public struct NoticeStatusRow: Sendable {
    public let notice: Notice
    public let status: NoticeStatus
    /// Calendar days from today to the last day of posting (negative once over).
    public let daysLeft: Int
    /// Calendar days from today to the first day of posting (positive while scheduled).
    public let daysToStart: Int
    public let expiringSoon: Bool
    /// When the notice stopped being posted (ended, superseded or withdrawn), for "most recent first".
    public let endedAt: Date?
    /// The active notice that replaces a superseded one.
    public let supersededBy: String?
    /// True for a draft (`draft: true`): validated, never published.
    public let isDraft: Bool

    public var id: String { notice.id }
    public var title: String { notice.title }
    public var type: String { notice.type.id }
    public var sourcePath: String { notice.sourcePath }
    public var start: Date { notice.period.start }
    public var lastInstant: Date { notice.period.lastInstant }
}

extension SiteContent {
    /// Every notice with its status at `now`, sorted by posting start then id.
    public func statusRows(at now: Date) -> [NoticeStatusRow] {
        let statuses = schedule.statuses(at: now)
        let calendar = config.calendar
        let today = calendar.localDate(of: now)
        // Who replaces whom, among the notices being posted.
        var replacedBy: [String: Notice] = [:]
        for notice in notices where statuses[notice.id] == .active {
            for old in notice.supersedes where (replacedBy[old].map { notice.period.start > $0.period.start } ?? true) {
                replacedBy[old] = notice
            }
        }
        return notices.map { notice in
            let status = statuses[notice.id] ?? .expired
            let left = today.days(until: notice.lastDay(in: calendar))
            let endedAt: Date?
            switch status {
            case .expired: endedAt = notice.period.end
            case .superseded: endedAt = replacedBy[notice.id]?.period.start ?? min(notice.period.end, now)
            case .withdrawn: endedAt = min(notice.withdrawnOn.map(calendar.startOfDay) ?? notice.period.start, now)
            case .scheduled, .active: endedAt = nil
            }
            return NoticeStatusRow(notice: notice, status: status, daysLeft: left,
                                   daysToStart: today.days(until: notice.firstDay(in: calendar)),
                                   expiringSoon: status == .active && left < config.expiringSoonDays,
                                   endedAt: endedAt, supersededBy: replacedBy[notice.id]?.id, isDraft: notice.draft)
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

/// Instants and days written for people in messages: "00:00 ngày 02/12/2026", "00:00 on 02/12/2026".
public enum SpokenTime {
    public static func instant(_ instant: Date, calendar: SiteCalendar, language: Language) -> String {
        var time = calendar.clockTime(of: instant)
        let local = Int(floor(instant.timeIntervalSince1970)) + calendar.offsetSeconds(at: instant)
        let seconds = ((local % 60) + 60) % 60
        if seconds != 0 { time += ":" + (seconds < 10 ? "0" : "") + String(seconds) }
        let day = calendar.localDate(of: instant).short
        return language == .vi ? "\(time) ngày \(day)" : "\(time) on \(day)"
    }

    /// "Danh sách sẽ thay đổi lúc 00:00 ngày 02/12/2026" (capitalised as a sentence start or not).
    public static func nextChange(_ next: Date?, calendar: SiteCalendar, language: Language, sentence: Bool) -> String {
        let text: String
        if let next {
            let when = instant(next, calendar: calendar, language: language)
            text = language == .vi ? "danh sách sẽ thay đổi lúc \(when)" : "the list changes at \(when)"
        } else {
            text = language == .vi ? "danh sách sẽ không tự thay đổi (không có thông báo nào sắp bắt đầu hay kết thúc)"
                : "the list will not change by itself (no notice starts or ends later)"
        }
        return sentence ? text.prefix(1).uppercased() + text.dropFirst() : text
    }
}

/// What `congkhai status` lists, narrowed by its options.
public struct StatusFilter: Sendable {
    /// Only notices being posted whose last day is at most this many days from today (0: today).
    public var endingWithin: Int?
    public var type: String?
    public var commune: String?
    /// The text view shows ended notices of the last `recentDays` days only, unless `all`.
    public var all: Bool

    public static let recentDays = 30

    public init(endingWithin: Int? = nil, type: String? = nil, commune: String? = nil, all: Bool = false) {
        self.endingWithin = endingWithin
        self.type = type
        self.commune = commune
        self.all = all
    }

    public var isEmpty: Bool { endingWithin == nil && type == nil && commune == nil }

    public func accepts(_ row: NoticeStatusRow) -> Bool {
        if let type, row.notice.type.id != type { return false }
        if let commune, row.notice.commune != commune { return false }
        if let endingWithin {
            guard !row.isDraft, row.status == .active, row.daysLeft <= endingWithin else { return false }
        }
        return true
    }
}

/// The clerk's morning view: notices grouped by what to do, in the order to do it.
public struct StatusView {
    public enum Group: String, CaseIterable, Sendable {
        case endingToday = "ending_today"
        case endingSoon = "ending_soon"
        case scheduled
        case drafts
        case active
        case ended
    }

    public let content: SiteContent
    public let now: Date
    public let language: Language
    public let filter: StatusFilter
    /// Every notice the filter accepts (drafts included), in `statusRows` order: what `--json` lists.
    public let rows: [NoticeStatusRow]
    /// The non-empty groups of the text view, in order.
    public let groups: [(group: Group, rows: [NoticeStatusRow])]
    /// Ended notices accepted by the filter but older than `StatusFilter.recentDays` (not in `groups`).
    public let olderEnded: Int

    /// `drafts`: notices with `draft: true` (shown in their own group, never published).
    public init(content: SiteContent, now: Date, language: Language, filter: StatusFilter = StatusFilter(),
                drafts: [Notice] = []) {
        self.content = content
        self.now = now
        self.language = language
        self.filter = filter
        let calendar = content.config.calendar
        let today = calendar.localDate(of: now)
        let givenDrafts = drafts.map { notice in
            NoticeStatusRow(notice: notice, status: .scheduled, daysLeft: today.days(until: notice.lastDay(in: calendar)),
                            daysToStart: today.days(until: notice.firstDay(in: calendar)), expiringSoon: false,
                            endedAt: nil, supersededBy: nil, isDraft: true)
        }.sorted { $0.start != $1.start ? $0.start < $1.start : $0.id < $1.id }
        // A preview's content lists drafts among its notices: they still belong to the drafts group.
        let all = content.statusRows(at: now)
        let accepted = all.filter { !$0.isDraft && filter.accepts($0) }
        let draftRows = (givenDrafts + all.filter(\.isDraft)).filter(filter.accepts)
        rows = accepted + draftRows

        let soon = content.config.expiringSoonDays
        func byEnd(_ a: NoticeStatusRow, _ b: NoticeStatusRow) -> Bool {
            a.lastInstant != b.lastInstant ? a.lastInstant < b.lastInstant : a.id < b.id
        }
        let active = accepted.filter { $0.status == .active }
        let endingToday = active.filter { $0.daysLeft <= 0 }.sorted(by: byEnd)
        let endingSoon = active.filter { $0.daysLeft > 0 && $0.daysLeft < soon }.sorted(by: byEnd)
        let rest = active.filter { $0.daysLeft > 0 && $0.daysLeft >= soon }.sorted(by: byEnd)
        let scheduled = accepted.filter { $0.status == .scheduled }
            .sorted { $0.start != $1.start ? $0.start < $1.start : $0.id < $1.id }
        let cutoff = calendar.startOfDay(today.adding(days: -StatusFilter.recentDays))
        let allEnded = accepted.filter { $0.endedAt != nil }
            .sorted { ($0.endedAt!, $1.id) > ($1.endedAt!, $0.id) }
        let ended = filter.all ? allEnded : allEnded.filter { $0.endedAt! >= cutoff }
        olderEnded = allEnded.count - ended.count
        let candidates: [(group: Group, rows: [NoticeStatusRow])] = [
            (.endingToday, endingToday), (.endingSoon, endingSoon), (.scheduled, scheduled),
            (.drafts, draftRows), (.active, rest), (.ended, ended),
        ]
        groups = candidates.filter { !$0.rows.isEmpty }
    }

    private var vi: Bool { language == .vi }
    private var calendar: SiteCalendar { content.config.calendar }
    private var today: LocalDate { calendar.localDate(of: now) }

    public func heading(_ group: Group) -> String {
        let soon = content.config.expiringSoonDays
        switch group {
        case .endingToday:
            return vi ? "Kết thúc hôm nay" : "Ending today"
        case .endingSoon:
            let through = today.adding(days: soon - 1).short
            return vi ? "Kết thúc trong \(soon) ngày tới, đến hết ngày \(through) (theo expiring_soon_days: \(soon))"
                : "Ending in the next \(soon) days, through \(through) (from expiring_soon_days: \(soon))"
        case .scheduled:
            return vi ? "Sắp bắt đầu niêm yết" : "Starting soon"
        case .drafts:
            return vi ? "Bản nháp (chưa đăng; bỏ dòng `draft: true` để đăng)" : "Drafts (not published; remove `draft: true` to publish)"
        case .active:
            return vi ? "Đang niêm yết" : "Being posted"
        case .ended:
            let range = filter.all ? "" : (vi ? " trong \(StatusFilter.recentDays) ngày qua" : " in the last \(StatusFilter.recentDays) days")
            return vi ? "Đã kết thúc, đã được thay thế hoặc đã bị hủy bỏ\(range)"
                : "Ended, superseded or withdrawn\(range)"
        }
    }

    /// "hôm nay là ngày cuối", "còn 3 ngày", "bắt đầu ngày mai", "đã bị hủy bỏ ngày 15/11/2026: lý do".
    public func phrase(_ row: NoticeStatusRow) -> String {
        if row.isDraft { return vi ? "bản nháp" : "draft" }
        switch row.status {
        case .active:
            if row.daysLeft <= 0 { return vi ? "hôm nay là ngày cuối" : "last day today" }
            return vi ? "còn \(row.daysLeft) ngày" : (row.daysLeft == 1 ? "1 day left" : "\(row.daysLeft) days left")
        case .scheduled:
            let first = row.notice.firstDay(in: calendar)
            switch row.daysToStart {
            case ...0:
                let time = calendar.clockTime(of: row.start)
                return vi ? "bắt đầu hôm nay lúc \(time)" : "starts today at \(time)"
            case 1:
                return vi ? "bắt đầu ngày mai" : "starts tomorrow"
            default:
                return vi ? "bắt đầu ngày \(first.short) (còn \(row.daysToStart) ngày)"
                    : "starts on \(first.short) (in \(row.daysToStart) days)"
            }
        case .expired:
            let last = row.notice.lastDay(in: calendar).short
            return vi ? "đã kết thúc (ngày cuối: \(last))" : "ended (last day: \(last))"
        case .superseded:
            guard let by = row.supersededBy else { return row.status.label(in: language) }
            if let number = content.notices.first(where: { $0.id == by })?.number, !number.isEmpty {
                return vi ? "đã được thay thế bởi thông báo số \(number) (\(by))" : "superseded by No. \(number) (\(by))"
            }
            return vi ? "đã được thay thế bởi \(by)" : "superseded by \(by)"
        case .withdrawn:
            var text = row.status.label(in: language)
            if let day = row.notice.withdrawnOn { text += vi ? " ngày \(day.short)" : " on \(day.short)" }
            if let reason = row.notice.withdrawn, !reason.isEmpty { text += ": " + reason }
            return text
        }
    }

    /// The two lines of one notice: what it is and what it needs, then where it is.
    public func lines(_ row: NoticeStatusRow, isFallback: Bool = false) -> [String] {
        let notice = row.notice
        var parts = [notice.title]
        if let number = notice.number, !number.isEmpty { parts.append(vi ? "số \(number)" : "No. \(number)") }
        if !content.config.communes.isEmpty, let name = content.config.communeName(notice.commune) { parts.append(name) }
        parts.append("\(notice.firstDay(in: calendar).short) → \(notice.lastDay(in: calendar).short)")
        parts.append(phrase(row))
        var second = "\(notice.id) · \(notice.sourcePath)"
        if isFallback { second += vi ? " · [tệp đang lỗi: theo bản hợp lệ gần nhất]" : " · [file has errors: last valid version]" }
        return ["  • " + parts.joined(separator: " · "), "    " + second]
    }

    /// The text view. `errors`: how many errors the content has; `excluded`: units left out.
    public func text(errors: Int = 0, excluded: [String] = [], isFallback: (String) -> Bool = { _ in false }) -> String {
        var out: [String] = []
        let active = rows.filter { $0.status == .active && !$0.isDraft }.count
        let scheduled = rows.filter { $0.status == .scheduled && !$0.isDraft }.count
        let when = SpokenTime.instant(now, calendar: calendar, language: language)
        var counts = vi ? "\(active) thông báo đang niêm yết" : (active == 1 ? "1 notice being posted" : "\(active) notices being posted")
        if scheduled > 0 { counts += vi ? ", \(scheduled) sắp bắt đầu" : ", \(scheduled) starting later" }
        out.append(vi ? "Tình hình lúc \(when): \(counts)." : "As of \(when): \(counts).")
        if !filter.isEmpty { out.append(filterLine) }
        for (group, rows) in groups {
            out.append("")
            out.append("\(heading(group)) — " + (vi ? "\(rows.count) thông báo" : (rows.count == 1 ? "1 notice" : "\(rows.count) notices")))
            for row in rows { out += lines(row, isFallback: isFallback(row.sourcePath)) }
        }
        if olderEnded > 0 {
            let before = today.adding(days: -StatusFilter.recentDays).short
            out.append(vi ? "  (và \(olderEnded) thông báo kết thúc trước ngày \(before); thêm --all để xem)"
                : "  (and \(olderEnded) ended before \(before); add --all to list them)")
        }
        if groups.isEmpty && olderEnded == 0 {
            out.append("")
            out.append(vi ? "Không có thông báo nào phù hợp." : "No notice matches.")
        }
        if errors > 0 || !excluded.isEmpty {
            out.append("")
            out.append(vi ? "Lỗi cần sửa" : "Errors to fix")
            if errors > 0 {
                out.append(vi ? "  • \(errors) lỗi trong nội dung (các dòng `lỗi:` in ở trên); mã thoát 1."
                    : "  • \(errors) error(s) in the content (the `error:` lines above); exit code 1.")
            }
            for unit in excluded {
                out.append(vi ? "  • Không đưa lên trang (lỗi, chưa có bản hợp lệ): \(unit)"
                    : "  • Left out (errors, no valid version): \(unit)")
            }
        }
        out.append("")
        out.append(SpokenTime.nextChange(content.nextChange(after: now), calendar: calendar, language: language, sentence: true) + ".")
        return out.joined(separator: "\n") + "\n"
    }

    private var filterLine: String {
        var parts: [String] = []
        if let type = filter.type {
            let name = content.config.types[type]?.name(in: language) ?? type
            parts.append(vi ? "loại «\(name)» (\(type))" : "type «\(name)» (\(type))")
        }
        if let commune = filter.commune {
            parts.append(content.config.communeName(commune) ?? commune)
        }
        if let days = filter.endingWithin {
            parts.append(days == 0 ? (vi ? "kết thúc hôm nay" : "ending today")
                : (vi ? "đang niêm yết, kết thúc trong \(days) ngày tới (đến hết ngày \(today.adding(days: days).short))"
                    : "being posted, ending within \(days) days (through \(today.adding(days: days).short))"))
        }
        return (vi ? "Chỉ hiện: " : "Showing only: ") + parts.joined(separator: "; ") + "."
    }

    /// One notice for `--json`: every front matter field the site shows.
    public func json(_ row: NoticeStatusRow, isFallback: Bool = false) -> StatusDocument.Notice {
        let notice = row.notice
        return StatusDocument.Notice(
            id: notice.id, title: notice.title, type: notice.type.id, typeName: notice.type.name(in: language),
            number: notice.number, commune: notice.commune,
            communeName: notice.commune.flatMap { content.config.communeName($0) }, issuer: notice.issuer,
            signed: notice.signed?.iso, posted: calendar.iso8601(notice.period.start),
            expires: calendar.iso8601(notice.period.lastInstant), summary: notice.summary,
            status: row.isDraft ? "draft" : row.status.rawValue, draft: row.isDraft, daysLeft: row.daysLeft,
            expiringSoon: row.expiringSoon, source: notice.sourcePath, version: isFallback ? "last_valid" : "current",
            supersedes: notice.supersedes, supersededBy: row.supersededBy, corrects: notice.corrects,
            withdrawn: notice.withdrawn, withdrawnDate: notice.withdrawnOn?.iso,
            extended: notice.extensions.map { .init(date: $0.date.iso, to: $0.to.iso, previous: $0.previous?.iso, reason: $0.reason) },
            places: notice.places, landKind: notice.landKind, personalData: notice.personalData,
            attachments: notice.attachments.map { .init(file: $0.file, title: $0.title, size: $0.size) })
    }
}

/// `congkhai status --json`: its schema is this type. Absent optional values are JSON `null`
/// (never omitted), lists are empty arrays, keys are snake_case, sorted, two-space indented.
public struct StatusDocument: Codable, Sendable, Equatable {
    public let now: String
    /// When the set of published notices next changes; null when nothing is scheduled to.
    public let nextChange: String?
    public let notices: [Notice]
    /// Every error, formatted as the command prints it (`path:line:col: lỗi: …`).
    public let errors: [String]
    /// Source files left out of the site (broken, with no last valid version).
    public let leftOut: [String]

    public init(now: String, nextChange: String?, notices: [Notice], errors: [String], leftOut: [String]) {
        (self.now, self.nextChange, self.notices, self.errors, self.leftOut) = (now, nextChange, notices, errors, leftOut)
    }

    enum CodingKeys: String, CodingKey {
        case now, nextChange = "next_change", notices, errors, leftOut = "left_out"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(now, forKey: .now)
        try container.encode(nextChange, forKey: .nextChange)
        try container.encode(notices, forKey: .notices)
        try container.encode(errors, forKey: .errors)
        try container.encode(leftOut, forKey: .leftOut)
    }

    /// The document as the command prints it (without the final newline `print` adds).
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    public struct Notice: Codable, Sendable, Equatable {
        public let id, title, type, typeName: String
        public let number, commune, communeName: String?
        public let issuer: String
        public let signed: String?
        public let posted, expires: String
        public let summary: String?
        /// `active`, `scheduled`, `expired`, `superseded`, `withdrawn`, or `draft`.
        public let status: String
        public let draft: Bool
        public let daysLeft: Int
        public let expiringSoon: Bool
        public let source: String
        /// `current`, or `last_valid` when the site shows the last valid version of a broken file.
        public let version: String
        public let supersedes: [String]
        public let supersededBy: String?
        public let corrects: [String]
        public let withdrawn, withdrawnDate: String?
        public let extended: [Extension]
        public let places: [String]
        public let landKind: String?
        public let personalData: Bool
        public let attachments: [Attachment]

        public struct Extension: Codable, Sendable, Equatable {
            public let date, to: String
            public let previous, reason: String?

            public func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(date, forKey: .date)
                try container.encode(to, forKey: .to)
                try container.encode(previous, forKey: .previous)
                try container.encode(reason, forKey: .reason)
            }
        }

        public struct Attachment: Codable, Sendable, Equatable {
            public let file, title: String
            public let size: Int
        }

        enum CodingKeys: String, CodingKey {
            case id, title, type, typeName = "type_name", number, commune, communeName = "commune_name", issuer, signed
            case posted, expires, summary, status, draft, daysLeft = "days_left", expiringSoon = "expiring_soon", source
            case version, supersedes, supersededBy = "superseded_by", corrects, withdrawn, withdrawnDate = "withdrawn_date"
            case extended, places, landKind = "land_kind", personalData = "personal_data", attachments
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(title, forKey: .title)
            try c.encode(type, forKey: .type)
            try c.encode(typeName, forKey: .typeName)
            try c.encode(number, forKey: .number)
            try c.encode(commune, forKey: .commune)
            try c.encode(communeName, forKey: .communeName)
            try c.encode(issuer, forKey: .issuer)
            try c.encode(signed, forKey: .signed)
            try c.encode(posted, forKey: .posted)
            try c.encode(expires, forKey: .expires)
            try c.encode(summary, forKey: .summary)
            try c.encode(status, forKey: .status)
            try c.encode(draft, forKey: .draft)
            try c.encode(daysLeft, forKey: .daysLeft)
            try c.encode(expiringSoon, forKey: .expiringSoon)
            try c.encode(source, forKey: .source)
            try c.encode(version, forKey: .version)
            try c.encode(supersedes, forKey: .supersedes)
            try c.encode(supersededBy, forKey: .supersededBy)
            try c.encode(corrects, forKey: .corrects)
            try c.encode(withdrawn, forKey: .withdrawn)
            try c.encode(withdrawnDate, forKey: .withdrawnDate)
            try c.encode(extended, forKey: .extended)
            try c.encode(places, forKey: .places)
            try c.encode(landKind, forKey: .landKind)
            try c.encode(personalData, forKey: .personalData)
            try c.encode(attachments, forKey: .attachments)
        }
    }
}
