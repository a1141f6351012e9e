import CongKhaiCore
import Foundation

/// Reads and validates `content/site.yaml`.
enum SiteConfigLoader {
    static let path = "content/site.yaml"

    static let knownKeys = ["title", "base_url", "description", "language", "time_zone", "communes", "types",
                            "holidays", "workdays", "rules", "places", "contact", "expiring_soon_days", "page_size",
                            "comment_page"]
    static let typeKeys = ["name", "name_en", "min_days", "max_days", "legal_basis"]

    static func load(root: URL) -> (SiteConfig?, [Diagnostic]) {
        let url = root.appendingPathComponent(path)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            return (nil, [.error(path, nil, .siteConfigMissing)])
        }
        let text: String
        do {
            text = try SourceText.decode(data)
        } catch {
            return (nil, [.error(path, SourcePosition(line: 1, column: 1), error.message)])
        }
        return parse(text)
    }

    static func parse(_ text: String) -> (SiteConfig?, [Diagnostic]) {
        let (parsed, parseDiagnostics) = YAMLMapping.parse(text, path: path, firstLine: 1)
        guard var yaml = parsed else { return (nil, parseDiagnostics) }
        yaml.warnUnknownKeys(known: knownKeys)
        let title = yaml.text("title", required: true)
        let baseURL = yaml.text("base_url", required: true)
        if let baseURL, !(baseURL.hasPrefix("https://") || baseURL.hasPrefix("http://"))
            || URLComponents(string: baseURL)?.host?.isEmpty != false {
            yaml.report(.error(path, yaml.valuePosition("base_url"), .invalidBaseURL(baseURL)))
        }
        var language = Language.vi
        if let raw = yaml.text("language") {
            if let value = Language(rawValue: raw) {
                language = value
            } else {
                yaml.report(.error(path, yaml.valuePosition("language"), .invalidLanguage(raw)))
            }
        }
        var calendar = SiteCalendar.default
        let zone = yaml.text("time_zone")
        if let zone, zone != SiteCalendar.defaultZoneIdentifier {
            if let value = SiteCalendar(zoneIdentifier: zone) {
                calendar = value
            } else {
                yaml.report(.error(path, yaml.valuePosition("time_zone"), .invalidTimeZone(zone)))
            }
        } else if !SiteCalendar.defaultZoneInDatabase {
            yaml.report(.warning(path, zone == nil ? nil : yaml.valuePosition("time_zone"), .zoneDataMissing(SiteCalendar.defaultZoneIdentifier)))
        }
        var communes: [(id: String, name: String)] = []
        if var map = yaml.mapping("communes") {
            for key in map.keys {
                if !NoticeLoader.isValidId(key) {
                    map.report(.error(path, map.keyPosition(key), .invalidId(key)))
                }
                communes.append((key, map.text(key, required: true) ?? key))
            }
            yaml.absorb(map)
        }
        var types = NoticeType.builtIn
        var siteRules: [PostingRule] = []
        if var map = yaml.mapping("types") {
            for key in map.keys {
                guard let node = map.value(key), var entry = map.nested(node, key: key) else { continue }
                entry.warnUnknownKeys(known: typeKeys)
                let base = types.first { $0.id == key }
                let name = entry.text("name", required: base == nil) ?? base?.name ?? key
                let type = NoticeType(id: key, name: name, nameEnglish: entry.text("name_en") ?? base?.nameEnglish ?? name)
                // A period set on the type is a site rule in force at all dates.
                let minimum = entry.count("min_days"), maximum = entry.count("max_days")
                let basis = entry.text("legal_basis")
                if minimum != nil || maximum != nil {
                    siteRules.append(PostingRule(type: key, minimum: minimum.map { RuleDuration($0) },
                                                 maximum: maximum.map { RuleDuration($0) },
                                                 startWithin: RuleDuration(5, .workingDays),
                                                 places: ["office", "meeting_place"],
                                                 basis: basis ?? "content/site.yaml", fromSite: true))
                }
                if !NoticeLoader.isValidId(key) {
                    entry.report(.error(path, map.keyPosition(key), .invalidId(key)))
                }
                map.absorb(entry)
                if let index = types.firstIndex(where: { $0.id == key }) {
                    types[index] = type
                } else {
                    types.append(type)
                }
            }
            yaml.absorb(map)
        }
        // A site's own rules come first, so they win over the shipped ones.
        siteRules = ShippedRules.readRules(&yaml, key: "rules", fromSite: true) + siteRules
        let shipped = ShippedRules.loaded
        var holidays = shipped.calendar.holidays, workdays = shipped.calendar.workdays
        var years = shipped.calendar.knownYears
        for key in ["holidays", "workdays"] {
            for (raw, position) in yaml.textList(key) {
                if let date = LocalDate(iso: raw) {
                    if key == "holidays" { holidays.insert(date) } else { workdays.insert(date) }
                    years.insert(date.year)
                } else {
                    yaml.report(.error(path, position, .invalidDate(key: key, value: raw)))
                }
            }
        }
        var places: [String: [String]] = [:]
        if var map = yaml.mapping("places") {
            for key in map.keys { places[key] = map.textList(key).map(\.0) }
            yaml.absorb(map)
        }
        var contact: [String: String] = [:]
        if var map = yaml.mapping("contact") {
            map.warnUnknownKeys(known: ["address", "phone", "email", "office_hours"])
            for key in map.keys { contact[key] = map.text(key) }
            yaml.absorb(map)
        }
        let soon = yaml.count("expiring_soon_days") ?? 7
        let description = yaml.text("description")
        let pageSize = yaml.count("page_size", in: 1...1_000) ?? 50
        let commentPage = yaml.text("comment_page")
        let commentPagePosition = commentPage == nil ? nil : yaml.valuePosition("comment_page")
        let diagnostics = parseDiagnostics + yaml.diagnostics
        guard let title, let baseURL, !diagnostics.hasErrors else { return (nil, diagnostics) }
        let config = SiteConfig(title: title, baseURL: baseURL, description: description,
                                language: language, calendar: calendar, communes: communes, types: types,
                                workdays: WorkingCalendar(holidays: holidays, workdays: workdays, knownYears: years),
                                rules: RuleBook(shipped: shipped.rules, site: siteRules),
                                places: places, contact: contact, expiringSoonDays: soon, pageSize: pageSize)
        var named = config
        named.commentPage = commentPage.map { ($0, commentPagePosition) }
        return (named, diagnostics)
    }
}

extension SourceText.DecodeError {
    var message: DiagnosticMessage {
        switch self {
        case .invalidUTF8: return .invalidUTF8
        case .containsNUL: return .nulCharacter
        case .utf16: return .utf16
        }
    }
}
