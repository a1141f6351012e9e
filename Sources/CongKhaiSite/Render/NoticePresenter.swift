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
    func summary(_ notice: Notice) -> TemplateContext {
        var values: TemplateContext = [
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
        if let line = actionLine(notice) { values["actionLine"] = line }
        return values
    }

    /// The types whose notices collect residents' opinions, whatever their front matter says.
    func collectsOpinions(_ notice: Notice) -> Bool {
        ["compensation-plan", "village-rules-draft", "investment-consultation"].contains(notice.type.id)
            || notice.rule?.opinionDays != nil
    }

    /// The last day for opinions: `opinions_until`, else the last day of posting for the types
    /// that collect opinions.
    func opinionsUntil(_ notice: Notice) -> LocalDate? {
        notice.action.opinionsUntil ?? (collectsOpinions(notice) ? notice.lastDay(in: calendar) : nil)
    }

    func meetingText(_ notice: Notice) -> String? {
        guard let time = notice.action.meetingTime else { return nil }
        let when: String
        switch time {
        case .day(let day): when = day.short
        case .instant(let instant):
            when = strings.format("time_on_day", ["time": calendar.clockTime(of: instant), "date": calendar.localDate(of: instant).short])
        }
        return strings.format("action_meeting", ["time": when, "place": notice.action.meetingPlace ?? ""])
    }

    /// One line for listings: "Góp ý đến hết ngày 30/11/2026 · Họp, đối thoại: 08:00 ngày 25/11/2026, tại …".
    func actionLine(_ notice: Notice) -> String? {
        let parts = [opinionsUntil(notice).map { strings.format("action_until_short", ["date": $0.short]) }, meetingText(notice)]
            .compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: " · ")
    }

    /// The values a notice page shows: the summary plus signing date, body and attachments.
    func detail(_ notice: Notice, bodyHTML: String) -> TemplateContext {
        var values = summary(notice)
        // A notice page does not change with the day: days left are the expiry script's job.
        values["daysLeftText"] = nil
        values["expiringSoon"] = nil
        values["bodyHTML"] = bodyHTML
        if let signed = notice.signed {
            values["signedFormal"] = formalDate(signed)
            values["signedShort"] = signed.short
        }
        values["print"] = printout(notice)
        let attachments: [TemplateContext] = notice.attachments.map { attachment in
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
        if let action = action(notice) { values["action"] = action }
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

    /// What residents must do and whom to ask, for the box at the top of a notice: the notice's
    /// own `opinions_until`, `meeting`, `send_to` and `contact`, with the site's `contact:` filling
    /// the gaps. Nil for a notice that asks nothing and names no contact of its own.
    func action(_ notice: Notice) -> TemplateContext? {
        let own = notice.action
        let until = opinionsUntil(notice)
        guard !own.isEmpty || until != nil else { return nil }
        var values: TemplateContext = [:]
        if let until { values["until"] = strings.format("opinions_until", ["date": until.short]) }
        if let meeting = meetingText(notice) { values["meeting"] = meeting }
        let contact = own.contact.merging(config.contact) { mine, _ in mine }
        if let sendTo = own.sendTo ?? (until != nil ? contact["address"] : nil) { values["sendTo"] = sendTo }
        if let name = contact["name"] { values["name"] = name }
        if let hours = contact["office_hours"] { values["hours"] = hours }
        values.merge(Self.contactLinks(contact, subject: strings.format("opinions_subject", ["title": notice.number ?? notice.title]))) { a, _ in a }
        return values
    }

    /// `phone`/`phoneHref` and `email`/`mailto` for a contact (the site's footer uses them too).
    static func contactLinks(_ contact: [String: String], subject: String?) -> [String: String] {
        var values: [String: String] = [:]
        if let phone = contact["phone"] {
            values["phone"] = phone
            // A tel: address has no spaces or dots: "0255 3 123 456" → tel:02553123456.
            values["phoneHref"] = String(phone.unicodeScalars.filter { ("0"..."9").contains($0) || $0 == "+" }.map(Character.init))
        }
        if let email = contact["email"] {
            values["email"] = email
            let encoded = subject.flatMap { $0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) }
            values["mailto"] = "mailto:\(email)" + (encoded.map { "?subject=\($0)" } ?? "")
        }
        return values
    }
}

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

/// Renders Markdown bodies for pages. Tables are wrapped so a wide one scrolls inside its box,
/// and every body cell carries its column's header (`data-label`), so that on a phone the
/// stylesheet can show each row as a block of "Header: value" lines.
enum BodyRenderer {
    static func html(_ markdown: String, hooks: MarkdownReferenceHooks? = nil) throws -> String {
        let html = try MarkdownRenderer.render(markdown, hooks: hooks)
        // cmark escapes any literal "<table>" written in text, so these tags are cmark's own.
        guard html.utf8.count > 7, html.contains("<table>") else { return html }
        let labelled = labellingCells(html)
        let opened = FastText.replacing("<table>", with: "<div class=\"table-scroll\" tabindex=\"0\"><table>", in: labelled)
        return FastText.replacing("</table>", with: "</table></div>", in: opened)
    }

    /// Adds `data-label="<header text>"` to each `<td` of cmark-gfm's tables, by column. The
    /// header text is cmark's escaped HTML with its tags removed, so it is safe in an attribute.
    static func labellingCells(_ html: String) -> String {
        guard FastText.contains("<table>", in: html) else { return html }
        let bytes = Array(html.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + bytes.count / 4)
        bytes.withUnsafeBufferPointer { all in
            // The first `needle` in all[from..<to], byte for byte.
            func find(_ needle: StaticString, from: Int, to: Int) -> Int? {
                FastText.offset(of: needle.utf8Start, count: needle.utf8CodeUnitCount, in: all.baseAddress!, from: from, to: to)
            }
            var cursor = 0
            while let table = find("<table>", from: cursor, to: all.count), let end = find("</table>", from: table + 7, to: all.count) {
                var position = table + 7
                output += all[cursor..<position]
                var labels: [String] = []
                if let head = find("<thead>", from: position, to: end), let headEnd = find("</thead>", from: head + 7, to: end) {
                    var cells = head + 7
                    while let th = find("<th", from: cells, to: headEnd), let open = find(">", from: th + 3, to: headEnd),
                          let close = find("</th>", from: open, to: headEnd) {
                        labels.append(plainText(all[(open + 1)..<close]))
                        cells = close + 5
                    }
                    output += all[position..<(headEnd + 8)]
                    position = headEnd + 8
                }
                var column = 0
                while let cell = find("<td", from: position, to: end) {
                    // A `<tr>` since the previous cell starts a new row.
                    if find("<tr>", from: position, to: cell) != nil { column = 0 }
                    output += all[position..<(cell + 3)]
                    if column < labels.count, !labels[column].isEmpty {
                        output += " data-label=\"".utf8
                        output += labels[column].utf8
                        output += "\"".utf8
                    }
                    column += 1
                    position = cell + 3
                }
                output += all[position..<(end + 8)]
                cursor = end + 8
            }
            output += all[cursor...]
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Text of an HTML fragment without its tags (entities kept, as they are in the source).
    private static func plainText(_ fragment: Slice<UnsafeBufferPointer<UInt8>>) -> String {
        var text: [UInt8] = []
        var inTag = false
        for byte in fragment {
            if byte == UInt8(ascii: "<") { inTag = true } else if byte == UInt8(ascii: ">") { inTag = false } else if !inTag { text.append(byte) }
        }
        return String(decoding: text, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
