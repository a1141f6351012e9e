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
        // Search engines drop the page when posting ends; lists of households are never indexed.
        let until = "unavailable_after: " + calendar.iso8601(notice.period.end)
        values["robots"] = notice.personalData ? "noindex, noarchive, " + until : until
        values["places"] = places(of: notice)
        if let rule = notice.rule {
            values["basis"] = rule.basis
            let decisions = earliestDecisions(notice, rule: rule)
            if !decisions.isEmpty {
                values["decisions"] = decisions
                values["hasDecisions"] = true
            }
        }
        if let opinions = opinions(notice) { values["opinions"] = opinions }
        let extensions = shownExtensions(notice).map { ["text": extensionText($0)] }
        if !extensions.isEmpty {
            values["extensions"] = extensions
            values["hasExtensions"] = true
        }
        return values
    }

    /// The extensions a page states: none that runs past the notice's real last day (an
    /// `extended:` left behind when `expires` was edited by hand, which the build warns about).
    func shownExtensions(_ notice: Notice) -> [PeriodExtension] {
        let last = notice.lastDay(in: calendar)
        return notice.extensions.filter { $0.to <= last }
    }

    /// "Gia hạn niêm yết đến hết ngày 15/12/2026 (ngày 03/12/2026: lý do)".
    func extensionText(_ item: PeriodExtension) -> String {
        let reason = item.reason.map(FastText.trimmed) ?? ""
        return strings.format(reason.isEmpty ? "extended_item_no_reason" : "extended_item",
                              ["to": item.to.short, "date": item.date.short, "reason": reason])
    }

    /// The public line a withdrawn notice leaves while its period would still run:
    /// "Thông báo số 12/TB-UBND đã bị hủy bỏ ngày 13/11/2026: lý do" — no body, attachments or link.
    func withdrawalText(_ notice: Notice) -> String {
        let name = notice.number.map { strings.format("withdrawn_number", ["number": $0]) }
            ?? strings.format("withdrawn_title", ["title": notice.title])
        let reason = FastText.trimmed(notice.withdrawn ?? "")
        var text = strings.format(notice.withdrawnOn == nil ? "withdrawn_item_no_date" : "withdrawn_item",
                                  ["notice": name, "date": notice.withdrawnOn?.short ?? ""])
        if !reason.isEmpty { text += ": " + reason }
        return text
    }

    /// Where the notice is posted: its `places:`, else the site's places for its type, else the
    /// places its rule names (with the commune's name), else the commune office and meeting places.
    func places(of notice: Notice) -> [String] {
        if !notice.places.isEmpty { return notice.places }
        if let places = config.places[notice.type.id], !places.isEmpty { return places }
        // "Trụ sở Ủy ban nhân dân xã Bình Thuận": the commune's name continues the sentence.
        let commune = config.communeName(notice.commune).map(NoticeScaffold.lowercasingFirst) ?? strings["place_commune_default"]
        let codes = notice.rule?.places.isEmpty == false ? notice.rule!.places : ["office", "meeting_place"]
        return codes.map { strings.format("place_" + $0, ["commune": commune]) }
    }

    /// For a land recovery notice: the earliest day a recovery decision may be made, for the
    /// notice's kind of land, or for both kinds when it does not say.
    func earliestDecisions(_ notice: Notice, rule: PostingRule) -> [[String: String]] {
        let check = config.ruleCheck
        return check.earliestDecision(rule, posted: notice.firstDay(in: calendar))
            .filter { notice.landKind == nil || notice.landKind == $0.kind }
            .map { item in
                ["text": strings.format("decision_item", [
                    "kind": RulesReport.landKindName(item.kind, language: config.language),
                    "date": item.date.short, "days": String(item.days),
                ])]
            }
    }

    /// How and until when residents send opinions, for the types that collect them.
    func opinions(_ notice: Notice) -> [String: Any]? {
        guard ["compensation-plan", "village-rules-draft", "investment-consultation"].contains(notice.type.id)
            || notice.rule?.opinionDays != nil else { return nil }
        var values: [String: Any] = [
            "until": strings.format("opinions_until", ["date": notice.lastDay(in: calendar).short]),
        ]
        if let address = config.contact["address"] { values["address"] = address }
        if let phone = config.contact["phone"] {
            values["phone"] = phone
            // A tel: address has no spaces or dots: "0255 3 123 456" → tel:02553123456.
            values["phoneHref"] = String(phone.unicodeScalars.filter { ("0"..."9").contains($0) || $0 == "+" }.map(Character.init))
        }
        if let hours = config.contact["office_hours"] { values["hours"] = hours }
        if let email = config.contact["email"] {
            values["email"] = email
            let subject = strings.format("opinions_subject", ["title": notice.number ?? notice.title])
            let encoded = subject.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
            values["mailto"] = "mailto:\(email)?subject=\(encoded)"
        }
        return values
    }
}

/// Human-readable file sizes: "1,2 MB" in Vietnamese, "1.2 MB" in English.
/// Human-readable file sizes: "890 byte", "12 KB", "1,2 MB" in Vietnamese; "890 bytes", "12 KB", "1.2 MB" in English.
enum ByteSize {
    static func text(_ bytes: Int, language: Language) -> String {
        if bytes < 1024 {
            return "\(bytes) " + (language == .vi || bytes == 1 ? "byte" : "bytes")
        }
        let units = ["KB", "MB", "GB"]
        var value = Double(bytes) / 1024
        var unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        // One decimal below 10 ("1,2 MB"), whole numbers from 10 ("12 KB", "350 KB").
        var number = value < 9.95 ? String(format: "%.1f", value) : String(Int(value.rounded()))
        if number.hasSuffix(".0") { number.removeLast(2) }
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
