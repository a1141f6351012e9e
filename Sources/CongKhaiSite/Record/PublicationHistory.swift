import CongKhaiCore
import Foundation

/// "Was this notice posted for the whole legal period?", answered from the publication journal:
/// the periods during which it was actually published (from the first build that published it to
/// the first build that did not), the gaps between them, and the period its rule required.
public struct PublicationHistory: Sendable {
    public struct Interval: Sendable, Equatable {
        public let from: String
        /// The first build that no longer published it; nil while it is still published.
        public let until: String?
    }

    public let id: String
    public let published: [Interval]
    public let gaps: [Interval]
    /// The rule's shortest period and its basis, when the rule has one.
    public let requiredDays: Int?
    public let basis: String?
    /// The end of the earliest lawful last day (24:00), when known.
    public let requiredEnd: Date?
    /// The last build in the journal (a still-published notice was online at least until then).
    public let lastBuild: String?
    public let continuous: Bool
    public let complete: Bool
    /// `posted` in the file is earlier than the day the notice was first published.
    public let postedBeforeFirstPublication: Bool

    /// The history of `id` from the journal's entries; `notice` (from the content) gives the rule.
    public init(id: String, entries: [PublicationJournal.Entry], notice: Notice?, config: SiteConfig) {
        self.init(id: id, own: entries.filter { $0.id == id }, lastBuild: entries.last { $0.event == "build" }?.instant,
                  notice: notice, config: config)
    }

    /// The journal's entries grouped by notice id, and its last build: for many histories at once
    /// (records of every notice) without scanning the whole journal for each.
    static func index(_ entries: [PublicationJournal.Entry]) -> (byId: [String: [PublicationJournal.Entry]], lastBuild: String?) {
        (Dictionary(grouping: entries.filter { $0.event != "build" }, by: \.id), entries.last { $0.event == "build" }?.instant)
    }

    /// The history from the notice's own entries (in journal order) and the journal's last build.
    init(id: String, own entries: [PublicationJournal.Entry], lastBuild: String?, notice: Notice?, config: SiteConfig) {
        self.id = id
        var intervals: [Interval] = []
        var open: String?
        for entry in entries {
            if entry.event == "started", open == nil { open = entry.instant }
            if entry.event == "stopped", let from = open {
                intervals.append(Interval(from: from, until: entry.instant))
                open = nil
            }
        }
        if let from = open { intervals.append(Interval(from: from, until: nil)) }
        published = intervals
        gaps = zip(intervals, intervals.dropFirst()).compactMap { a, b in a.until.map { Interval(from: $0, until: b.from) } }
        self.lastBuild = lastBuild
        continuous = intervals.count == 1
        let calendar = config.calendar
        let parse = { (text: String) in Timestamp.parseInstantWithOffset(text) }
        if let notice, let rule = notice.rule, let shortest = rule.shortest,
           let earliest = config.ruleCheck.earliestLastDay(rule, posted: notice.firstDay(in: calendar)) {
            requiredDays = shortest.value
            basis = rule.basis
            requiredEnd = calendar.endOfDay(earliest)
        } else {
            requiredDays = nil
            basis = notice?.rule?.basis
            requiredEnd = nil
        }
        if let notice, let first = intervals.first.flatMap({ parse($0.from) }) {
            postedBeforeFirstPublication = calendar.localDate(of: notice.period.start) < calendar.localDate(of: first)
        } else {
            postedBeforeFirstPublication = false
        }
        // Complete: one unbroken interval that began on the posting day (or earlier) and lasted
        // through 24:00 of the earliest lawful last day.
        if continuous, let interval = intervals.first, let start = parse(interval.from), !postedBeforeFirstPublication,
           let online = (interval.until ?? lastBuild).flatMap(parse) {
            complete = requiredEnd.map { online >= $0 } ?? true
            _ = start
        } else {
            complete = false
        }
    }

    /// The answer in plain words.
    public func verdict(language: Language, calendar: SiteCalendar) -> [String] {
        let vi = language == .vi
        let show = { (text: String) -> String in
            guard let date = Timestamp.parseInstantWithOffset(text) else { return text }
            return calendar.clockTime(of: date) + (vi ? " ngày " : " on ") + calendar.localDate(of: date).short
        }
        var lines: [String] = []
        if published.isEmpty {
            lines.append(vi ? "Nhật ký chưa ghi lần đăng nào của thông báo `\(id)`." : "The journal records no publication of `\(id)`.")
            return lines
        }
        for interval in published {
            let until = interval.until.map(show) ?? (vi ? "nay (lần dựng cuối \(lastBuild.map(show) ?? "?"))" : "now (last build \(lastBuild.map(show) ?? "?"))")
            lines.append(vi ? "Đã đăng từ \(show(interval.from)) đến \(until)." : "Published from \(show(interval.from)) to \(until).")
        }
        for gap in gaps {
            lines.append(vi ? "Gián đoạn từ \(show(gap.from)) đến \(gap.until.map(show) ?? "?")."
                : "Interrupted from \(show(gap.from)) to \(gap.until.map(show) ?? "?").")
        }
        if let days = requiredDays, let basis {
            let end = requiredEnd.map { calendar.localDate(of: $0).short } ?? "?"
            if complete {
                lines.append(vi ? "Kết luận: đã niêm yết đủ \(days) ngày liên tục (đến hết ngày \(end); \(basis))."
                    : "Verdict: posted for the full \(days) days without interruption (through \(end); \(basis)).")
            } else if continuous, !postedBeforeFirstPublication, published.last?.until == nil {
                lines.append(vi ? "Kết luận: đang niêm yết liên tục, chưa đủ \(days) ngày (phải đến hết ngày \(end); \(basis))."
                    : "Verdict: being posted without interruption, not yet \(days) days (through \(end); \(basis)).")
            } else {
                lines.append(vi ? "Kết luận: CHƯA niêm yết đủ \(days) ngày liên tục theo \(basis) (phải đến hết ngày \(end))."
                    : "Verdict: NOT posted for \(days) days without interruption under \(basis) (required through \(end)).")
            }
        }
        if postedBeforeFirstPublication {
            lines.append(vi ? "Lưu ý: ngày niêm yết ghi trong tệp sớm hơn lần đăng đầu tiên."
                : "Note: the `posted` date in the file is earlier than the first publication.")
        }
        return lines
    }

    /// The `history --json` object.
    public var json: [String: Any] {
        let interval = { (i: Interval) -> [String: Any] in ["from": i.from, "until": i.until ?? NSNull()] }
        var required: [String: Any] = ["days": requiredDays ?? NSNull(), "basis": basis ?? NSNull()]
        if requiredDays == nil { required["days"] = NSNull() }
        return [
            "id": id, "required": required, "published": published.map(interval), "gaps": gaps.map(interval),
            "continuous": continuous, "complete": complete, "posted_before_first_publication": postedBeforeFirstPublication,
        ]
    }
}
