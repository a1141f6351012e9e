import CongKhaiCore
import Foundation

/// A calendar quarter, `2026-Q4`.
public struct Quarter: Sendable, Equatable, CustomStringConvertible {
    public let year: Int
    public let number: Int

    public init?(_ text: String) {
        let parts = text.uppercased().split(separator: "-")
        guard parts.count == 2, let year = Int(parts[0]), (1970...9999).contains(year), parts[1].count == 2,
              parts[1].first == "Q", let number = Int(parts[1].dropFirst()), (1...4).contains(number) else { return nil }
        self.year = year
        self.number = number
    }

    public var firstDay: LocalDate { LocalDate(year: year, month: number * 3 - 2, day: 1)! }
    public var lastDay: LocalDate {
        let month = number * 3
        return LocalDate(year: year, month: month, day: LocalDate.daysIn(month: month, year: year))!
    }
    public var description: String { "\(year)-Q\(number)" }
}

/// The records a commune files, written outside the published site (`ho-so/` by default, never
/// deployed): for each notice the opening posting record (biên bản niêm yết) and, once its
/// posting has ended, the closing record (biên bản kết thúc niêm yết) with the dates the journal
/// shows it was really online; and on request the quarterly list of what was disclosed
/// (Law 10/2022 Art. 13.2) as printable HTML and CSV.
///
/// Records are built from the content and the journal only, so the same inputs and clock give
/// the same bytes; each file is written to a temporary name and renamed.
public struct RecordsWriter {
    public let root: URL
    public let folder: URL
    public static let defaultFolder = "ho-so"

    public init(root: URL, folder: URL) {
        self.root = root
        self.folder = folder
    }

    public enum Failure: Error, Equatable {
        /// The records folder is, or is inside, a folder that is published or holds sources.
        case unsafeFolder(String)
        case theme([Diagnostic])
        case io(String)
    }

    public static let openingFile = "bien-ban-niem-yet.html"
    public static let closingFile = "bien-ban-ket-thuc-niem-yet.html"

    /// Refuses a records folder inside the published output, `content/` or `theme/` (records
    /// would be deployed, or read back as sources), or one that contains them.
    public static func check(folder: URL, root: URL, output: URL) throws(Failure) {
        let records = folder.standardizedFileURL.resolvingSymlinksInPath().path
        let protected = [output, root.appendingPathComponent("content"), root.appendingPathComponent("theme")]
            .map { $0.standardizedFileURL.resolvingSymlinksInPath().path }
        for path in protected {
            if records == path || records.hasPrefix(path + "/") || path.hasPrefix(records + "/") {
                throw .unsafeFolder(folder.path)
            }
        }
        if records == root.standardizedFileURL.resolvingSymlinksInPath().path { throw .unsafeFolder(folder.path) }
    }

    /// Writes the records of every notice whose posting runs on or after `since` (all when nil),
    /// and the quarterly list when `quarter` is given. Returns the paths written, relative to `folder`.
    public func write(content: SiteContent, entries: [PublicationJournal.Entry], now: Date, since: LocalDate?,
                      quarter: Quarter?) throws(Failure) -> [String] {
        let (loadedTheme, themeDiagnostics) = Theme.load(root: root, language: content.config.language)
        guard let theme = loadedTheme else { throw .theme(themeDiagnostics.filter { $0.severity == .error }) }
        let config = content.config
        let calendar = config.calendar
        let presenter = NoticePresenter(config: config, strings: InterfaceStrings(values: theme.strings), now: now)
        let statuses = content.schedule.statuses(at: now)
        let lastLine = entries.count
        let lastHash = entries.last?.hash
        var written: [String] = []
        let generated = calendar.localDate(of: now)

        let journal = PublicationHistory.index(entries)
        for notice in content.notices where since.map({ notice.lastDay(in: calendar) >= $0 }) ?? true {
            let history = PublicationHistory(id: notice.id, own: journal.byId[notice.id] ?? [], lastBuild: journal.lastBuild,
                                             notice: notice, config: config)
            var context = recordContext(notice, presenter: presenter)
            context["generated"] = generated.formalVietnamese
            if let lastHash {
                context["journal"] = ["lines": String(lastLine), "hash": lastHash]
            }
            try render(theme, "record-open", context, to: "\(notice.id)/\(Self.openingFile)", written: &written)
            let status = statuses[notice.id] ?? .expired
            guard status != .active, status != .scheduled else { continue }
            context["status"] = status.label(in: .vi)
            context["online"] = history.published.map { interval in
                ["from": Self.instantText(interval.from, calendar),
                 "until": interval.until.map { Self.instantText($0, calendar) } ?? "nay"]
            }
            context["hasOnline"] = !history.published.isEmpty
            context["gaps"] = history.gaps.map { gap in
                ["from": Self.instantText(gap.from, calendar), "until": gap.until.map { Self.instantText($0, calendar) } ?? "?"]
            }
            context["hasGaps"] = !history.gaps.isEmpty
            context["verdict"] = history.published.isEmpty ? [] : history.verdict(language: .vi, calendar: calendar)
            try render(theme, "record-close", context, to: "\(notice.id)/\(Self.closingFile)", written: &written)
        }
        if let quarter {
            let rows = quarterRows(quarter, content: content, journal: journal, presenter: presenter)
            var context: TemplateContext = [
                "quarter": String(quarter.number), "year": String(quarter.year),
                "from": quarter.firstDay.short, "to": quarter.lastDay.short,
                "rows": rows.enumerated().map { index, row in row.context(index + 1) },
                "hasRows": !rows.isEmpty, "generated": generated.formalVietnamese,
                "issuer": Self.listIssuer(config: config, rows: rows, notices: content.notices).uppercased(),
                "place": config.communes.count == 1 ? Self.placeName(config.communes[0].name) : "…",
            ]
            if let lastHash { context["journal"] = ["lines": String(lastLine), "hash": lastHash] }
            try render(theme, "record-quarter", context, to: "danh-muc-\(quarter).html", written: &written)
            try save(Data(Self.csv(rows).utf8), to: "danh-muc-\(quarter).csv")
            written.append("danh-muc-\(quarter).csv")
        }
        return written
    }

    /// One line of the quarterly list.
    struct QuarterRow {
        let id: String
        let number: String
        let title: String
        let type: String
        /// "16/11/2026 09:00 – 02/12/2026 00:00", one per interval.
        let periods: [String]
        let places: [String]
        /// `nhật ký` (from the journal) or `kế hoạch` (no journal line: the planned period).
        let source: String

        func context(_ index: Int) -> TemplateContext {
            ["index": String(index), "id": id, "number": number, "title": title, "type": type,
             "periods": periods, "places": places, "source": source]
        }
    }

    /// Everything disclosed in the quarter: each notice the journal shows online at some moment
    /// of it (ended ones included, metadata only), else — for a notice the journal never
    /// recorded — whose planned period meets the quarter, marked as planned.
    func quarterRows(_ quarter: Quarter, content: SiteContent,
                     journal: (byId: [String: [PublicationJournal.Entry]], lastBuild: String?),
                     presenter: NoticePresenter) -> [QuarterRow] {
        let config = content.config
        let calendar = config.calendar
        let start = calendar.startOfDay(quarter.firstDay)
        let end = calendar.endOfDay(quarter.lastDay)
        let lastBuild = journal.lastBuild.flatMap(Timestamp.parseInstantWithOffset)
        let recorded = Set(journal.byId.filter { $0.value.contains { $0.event == "started" } }.keys)
        let notices = Dictionary(content.notices.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var rows: [(start: Date, row: QuarterRow)] = []
        for id in recorded.union(notices.keys).sorted() {
            let notice = notices[id]
            if recorded.contains(id) {
                let history = PublicationHistory(id: id, own: journal.byId[id] ?? [], lastBuild: journal.lastBuild,
                                                 notice: notice, config: config)
                let intervals = history.published.compactMap { interval -> (Date, Date?)? in
                    guard let from = Timestamp.parseInstantWithOffset(interval.from) else { return nil }
                    return (from, interval.until.flatMap(Timestamp.parseInstantWithOffset))
                }
                let meets = intervals.contains { from, until in from < end && (until ?? lastBuild ?? from) >= start }
                guard meets, let first = intervals.first else { continue }
                let periods = intervals.map { from, until in
                    Self.shortInstant(from, calendar) + " – " + (until.map { Self.shortInstant($0, calendar) } ?? "đang đăng")
                }
                rows.append((first.0, row(id: id, notice: notice, periods: periods, source: "nhật ký", presenter: presenter)))
            } else if let notice, notice.withdrawn == nil, notice.period.start < end, notice.period.end > start {
                let period = Self.shortInstant(notice.period.start, calendar) + " – hết ngày " + notice.lastDay(in: calendar).short
                rows.append((notice.period.start, row(id: id, notice: notice, periods: [period], source: "kế hoạch", presenter: presenter)))
            }
        }
        return rows.sorted { $0.start != $1.start ? $0.start < $1.start : $0.row.id < $1.row.id }.map(\.row)
    }

    private func row(id: String, notice: Notice?, periods: [String], source: String, presenter: NoticePresenter) -> QuarterRow {
        guard let notice else {
            return QuarterRow(id: id, number: "", title: "(tệp nguồn không còn trong content/)", type: "",
                              periods: periods, places: [], source: source)
        }
        return QuarterRow(id: id, number: notice.number ?? "", title: notice.title, type: notice.type.name(in: .vi),
                          periods: periods, places: presenter.places(of: notice), source: source)
    }

    /// RFC 4180 CSV with a UTF-8 byte order mark (so spreadsheet programs read the diacritics).
    static func csv(_ rows: [QuarterRow]) -> String {
        func field(_ text: String) -> String {
            text.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }
        var lines = [["STT", "Số, ký hiệu", "Trích yếu", "Loại thông báo", "Mã", "Thời gian đăng thực tế",
                      "Địa điểm niêm yết", "Căn cứ thời gian"].map(field).joined(separator: ",")]
        for (index, row) in rows.enumerated() {
            lines.append([String(index + 1), row.number, row.title, row.type, row.id, row.periods.joined(separator: "; "),
                          row.places.joined(separator: "; "), row.source].map(field).joined(separator: ","))
        }
        return "\u{FEFF}" + lines.joined(separator: "\r\n") + "\r\n"
    }

    static func shortInstant(_ date: Date, _ calendar: SiteCalendar) -> String {
        calendar.localDate(of: date).short + " " + calendar.clockTime(of: date)
    }

    /// "09:00 ngày 16/11/2026" from a journal instant.
    static func instantText(_ text: String, _ calendar: SiteCalendar) -> String {
        guard let date = Timestamp.parseInstantWithOffset(text) else { return text }
        return calendar.clockTime(of: date) + " ngày " + calendar.localDate(of: date).short
    }

    /// The place name of a dated document (Nghị định 30/2020): the commune's name without its
    /// kind ("Xã Bình Thuận" → "Bình Thuận"), except for a numbered one ("Phường 12" stays).
    static func placeName(_ commune: String) -> String {
        for kind in ["Xã ", "Phường ", "Thị trấn ", "Đặc khu "] where commune.hasPrefix(kind) {
            let name = String(commune.dropFirst(kind.count))
            return name.allSatisfy(\.isNumber) ? commune : name
        }
        return commune
    }

    /// Who issues the quarterly list: the People's Committee of the site's only commune; else the
    /// issuer every listed notice shares; else the issuer most notices have (ties by name).
    static func listIssuer(config: SiteConfig, rows: [QuarterRow], notices: [Notice]) -> String {
        if config.communes.count == 1 {
            return "Ủy ban nhân dân " + NoticeScaffold.lowercasingFirst(config.communes[0].name)
        }
        let listed = Set(rows.map(\.id))
        var counts: [String: Int] = [:]
        for notice in notices where listed.contains(notice.id) { counts[notice.issuer, default: 0] += 1 }
        return counts.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key ?? config.title
    }

    private func recordContext(_ notice: Notice, presenter: NoticePresenter) -> TemplateContext {
        let calendar = presenter.calendar
        let config = presenter.config
        let commune = config.communeName(notice.commune)
        var context: TemplateContext = [
            "id": notice.id,
            "title": notice.title,
            "issuerUpper": notice.issuer.uppercased(),
            "issuer": notice.issuer,
            "typeName": NoticeScaffold.lowercasingFirst(notice.type.name(in: .vi)),
            "fromFormal": notice.firstDay(in: calendar).formalVietnamese,
            "toFormal": notice.lastDay(in: calendar).formalVietnamese,
            // The opening record states the period as planned when posting began (before extensions).
            "plannedToFormal": (notice.extensions.first?.previous ?? notice.lastDay(in: calendar)).formalVietnamese,
            "periodText": presenter.periodText(notice),
            "places": presenter.places(of: notice),
            "commune": commune.map(Self.placeName) ?? "",
            "communeUpper": (commune ?? "").uppercased(),
            "url": config.baseURL + SiteURLs.notice(notice.id),
            "extensions": presenter.shownExtensions(notice).map { ["text": presenter.extensionText($0)] },
        ]
        if let number = notice.number { context["number"] = number }
        if let signed = notice.signed { context["signedFormal"] = signed.formalVietnamese }
        if let rule = notice.rule {
            context["basis"] = rule.basis
            if let exact = rule.exact {
                context["required"] = exact.text(in: .vi)
            } else if let minimum = rule.minimum {
                context["required"] = "ít nhất " + minimum.text(in: .vi)
            }
        }
        return context
    }

    private func render(_ theme: Theme, _ template: String, _ context: TemplateContext, to path: String,
                        written: inout [String]) throws(Failure) {
        guard let html = theme.render(template, context) else {
            throw .theme([.error("theme/templates/\(template).mustache", nil, .templateError(name: template, detail: "missing"))])
        }
        try save(Data(html.utf8), to: path)
        written.append(path)
    }

    /// Writes a file only when its bytes differ, through a temporary file and a rename.
    private func save(_ data: Data, to path: String) throws(Failure) {
        let url = folder.appendingPathComponent(path)
        if let existing = try? Data(contentsOf: url), existing == data { return }
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try AtomicFile.replace(url, with: data)
        } catch {
            throw .io("\(path): \(error)")
        }
    }
}
