import CongKhaiCore
import Foundation
import Yams

/// Reads posting rules and the working-day calendar from YAML: the file shipped with the tool
/// (`rules/posting-rules.yaml`, embedded by `scripts/embed-theme`) and a site's `rules:`,
/// `holidays:` and `workdays:` in `site.yaml`, which take precedence.
enum ShippedRules {
    static let path = "rules/posting-rules.yaml"

    /// The shipped file's text.
    static var yaml: String {
        String(decoding: Data(base64Encoded: encodedYAML) ?? Data(), as: UTF8.self)
    }

    /// The shipped rules and calendar, parsed once per process.
    static let loaded: (rules: [PostingRule], calendar: WorkingCalendar, diagnostics: [Diagnostic]) = {
        let (parsed, found) = YAMLMapping.parse(yaml, path: path, firstLine: 1)
        guard var map = parsed else { return ([], WorkingCalendar(), found) }
        let rules = readRules(&map, key: "rules", fromSite: false)
        var holidays = Set<LocalDate>(), workdays = Set<LocalDate>(), years = Set<Int>()
        for var year in nestedList(&map, key: "calendar") {
            if let number = year.count("year", in: 2000...2200) { years.insert(number) }
            holidays.formUnion(datedList(&year, key: "holidays"))
            workdays.formUnion(datedList(&year, key: "workdays"))
            map.absorb(year)
        }
        return (rules, WorkingCalendar(holidays: holidays, workdays: workdays, knownYears: years), found + map.diagnostics)
    }()

    static let ruleKeys = ["type", "from", "until", "min", "max", "exact", "unit", "valid_months", "lead_days",
                           "start_within", "start_unit", "opinion_days", "places", "requires_signed", "basis", "note"]
    static let placeCodes = ["office", "meeting_place", "website", "resettlement_site"]

    /// Every mapping in the list at `key`.
    static func nestedList(_ map: inout YAMLMapping, key: String) -> [YAMLMapping] {
        guard let node = map.value(key) else { return [] }
        guard let items = node.sequence else {
            map.report(.error(map.path, map.valuePosition(key), .wrongType(key: key, expected: .list)))
            return []
        }
        return items.compactMap { map.nested($0, key: key) }
    }

    /// Dates of a list of `{ date: …, source: … }` (or of bare dates).
    static func datedList(_ map: inout YAMLMapping, key: String) -> Set<LocalDate> {
        guard let node = map.value(key), let items = node.sequence else { return [] }
        var result = Set<LocalDate>()
        for item in items {
            if let scalar = item.scalar, let date = LocalDate(iso: scalar.string) {
                result.insert(date)
            } else if var entry = map.nested(item, key: key) {
                entry.warnUnknownKeys(known: ["date", "source"])
                if let date = entry.date("date", required: true) { result.insert(date) }
                map.absorb(entry)
            } else {
                map.report(.error(map.path, map.position(of: item) ?? map.valuePosition(key), .invalidDate(key: key, value: "\(item)")))
            }
        }
        return result
    }

    /// The rules in the list at `key`; errors for unknown keys, units, places and missing bases.
    static func readRules(_ map: inout YAMLMapping, key: String, fromSite: Bool) -> [PostingRule] {
        var rules: [PostingRule] = []
        for var entry in nestedList(&map, key: key) {
            entry.warnUnknownKeys(known: ruleKeys)
            let type = entry.text("type", required: true)
            let basis = entry.text("basis", required: true)
            let unit = readUnit(&entry, key: "unit")
            let startUnit = readUnit(&entry, key: "start_unit")
            func duration(_ key: String, _ unit: RuleDuration.Unit) -> RuleDuration? {
                entry.count(key, in: 1...3_650).map { RuleDuration($0, unit) }
            }
            var lead: [String: Int] = [:]
            if var kinds = entry.mapping("lead_days") {
                for kind in kinds.keys { if let days = kinds.count(kind, in: 1...3_650) { lead[kind] = days } }
                entry.absorb(kinds)
            }
            var places: [String] = []
            for (place, position) in entry.textList("places") {
                if placeCodes.contains(place) {
                    places.append(place)
                } else {
                    entry.report(.error(entry.path, position, .invalidRule("`places`: `\(place)` (\(placeCodes.joined(separator: ", ")))")))
                }
            }
            let rule = PostingRule(
                type: type ?? "", from: entry.date("from"), until: entry.date("until"),
                minimum: duration("min", unit), maximum: duration("max", unit), exact: duration("exact", unit),
                validMonths: entry.count("valid_months", in: 1...120), leadDays: lead,
                startWithin: duration("start_within", startUnit), opinionDays: entry.count("opinion_days", in: 1...3_650),
                places: places, requiresSigned: entry.text("requires_signed") == "true",
                basis: basis ?? "", note: entry.text("note") ?? "", fromSite: fromSite)
            map.absorb(entry)
            if type != nil, basis != nil { rules.append(rule) }
        }
        return rules
    }

    private static func readUnit(_ entry: inout YAMLMapping, key: String) -> RuleDuration.Unit {
        guard let raw = entry.text(key) else { return .days }
        guard let unit = RuleDuration.Unit(rawValue: raw) else {
            entry.report(.error(entry.path, entry.valuePosition(key), .invalidRule("`\(key)`: `\(raw)` (days, working_days)")))
            return .days
        }
        return unit
    }
}
