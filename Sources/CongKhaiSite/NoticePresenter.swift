import CongKhaiCore
import CongKhaiMarkdown
import Foundation

/// Turns notices into the values templates show: dates in Vietnamese style, days left, links.
struct NoticePresenter {
    let config: SiteConfig
    let strings: InterfaceStrings
    let now: Date

    var calendar: SiteCalendar { config.calendar }
    var today: LocalDate { calendar.localDate(of: now) }

    func link(_ relative: String) -> String { config.basePath + relative }

    /// "Niêm yết từ 05/03/2026 đến hết ngày 06/04/2026".
    func periodText(_ notice: Notice) -> String {
        let from = dateTimeText(notice.posted, isEnd: false)
        let to = dateTimeText(notice.expires, isEnd: true)
        return strings.format("period", ["from": from, "to": to])
    }

    private func dateTimeText(_ value: Timestamp, isEnd: Bool) -> String {
        switch value {
        case .day(let day):
            return isEnd ? strings.format("end_of_day", ["date": day.short]) : day.short
        case .instant(let instant):
            let day = calendar.localDate(of: instant)
            return strings.format("time_on_day", ["time": calendar.clockTime(of: instant), "date": day.short])
        }
    }

    func daysLeft(_ notice: Notice) -> Int { today.days(until: notice.lastDay(in: calendar)) }

    func daysLeftText(_ notice: Notice) -> String {
        let days = daysLeft(notice)
        return days <= 0 ? strings["last_day"] : strings.format("days_left", ["n": String(days)])
    }

    func isExpiringSoon(_ notice: Notice) -> Bool { daysLeft(notice) < config.expiringSoonDays }

    func formalDate(_ date: LocalDate) -> String {
        config.language == .vi ? date.formalVietnamese : date.formalEnglish
    }

    /// The values a listing shows for one notice.
    func summary(_ notice: Notice) -> [String: Any] {
        var values: [String: Any] = [
            "id": notice.id,
            "title": notice.title,
            "url": link(SiteURLs.notice(notice.id)),
            "type": notice.type.id,
            "typeName": notice.type.name(in: config.language),
            "typeUrl": link(SiteURLs.type(notice.type.id)),
            "issuer": notice.issuer,
            "postedShort": notice.firstDay(in: calendar).short,
            "lastDayShort": notice.lastDay(in: calendar).short,
            "periodText": periodText(notice),
            "daysLeftText": daysLeftText(notice),
            "expiringSoon": isExpiringSoon(notice),
            "start": calendar.iso8601(notice.period.start),
            "end": calendar.iso8601(notice.period.end),
            "lastInstant": calendar.iso8601(notice.period.lastInstant),
            "status": NoticeStatus.active.label(in: config.language),
        ]
        if let number = notice.number { values["number"] = number }
        if let summary = notice.summary { values["summary"] = summary }
        if let commune = notice.commune {
            values["commune"] = commune
            values["communeName"] = config.communeName(commune) ?? commune
            values["communeUrl"] = link(SiteURLs.commune(commune))
        }
        return values
    }

    /// The values a notice page shows: the summary plus signing date, body and attachments.
    func detail(_ notice: Notice, bodyHTML: String) -> [String: Any] {
        var values = summary(notice)
        values["bodyHTML"] = bodyHTML
        if let signed = notice.signed {
            values["signedFormal"] = formalDate(signed)
            values["signedShort"] = signed.short
        }
        let attachments: [[String: Any]] = notice.attachments.map { attachment in
            let ext = (attachment.file as NSString).pathExtension.uppercased()
            return [
                "title": attachment.title,
                "url": link(SiteURLs.attachment(notice: notice.id, file: attachment.file)),
                "fileType": ext.isEmpty ? "?" : ext,
                "size": ByteSize.text(attachment.size, language: config.language),
            ]
        }
        values["attachments"] = attachments
        values["hasAttachments"] = !attachments.isEmpty
        return values
    }
}

/// Human-readable file sizes: "1,2 MB" in Vietnamese, "1.2 MB" in English.
enum ByteSize {
    static func text(_ bytes: Int, language: Language) -> String {
        let units = ["B", "KB", "MB", "GB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        let number = unit == 0 ? String(bytes) : String(format: "%.1f", value)
        return (language == .vi ? number.replacingOccurrences(of: ".", with: ",") : number) + " " + units[unit]
    }
}

/// Renders Markdown bodies for pages, wrapping tables so they scroll sideways on a phone.
enum BodyRenderer {
    static func html(_ markdown: String, hooks: MarkdownReferenceHooks? = nil) throws -> String {
        let html = try MarkdownRenderer.render(markdown, hooks: hooks)
        // cmark escapes any literal "<table>" written in text, so these tags are cmark's own.
        guard html.utf8.count > 7, html.contains("<table>") else { return html }
        let opened = FastText.replacing("<table>", with: "<div class=\"table-scroll\" tabindex=\"0\"><table>", in: html)
        return FastText.replacing("</table>", with: "</table></div>", in: opened)
    }
}
