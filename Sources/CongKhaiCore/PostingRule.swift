/// A length of time in a posting rule: calendar days counted as the Civil Code counts them, or
/// working days.
public struct RuleDuration: Hashable, Sendable, Codable {
    public enum Unit: String, Sendable, CaseIterable, Codable {
        /// Calendar days; the first day is not counted, and a period whose last day is a day off
        /// ends at the end of the next working day (Civil Code 2015, Art. 147–148).
        case days
        /// Working days (Monday–Friday, minus public holidays, plus make-up working days).
        case workingDays = "working_days"
    }

    public let value: Int
    public let unit: Unit

    public init(_ value: Int, _ unit: Unit = .days) {
        self.value = value
        self.unit = unit
    }

    /// "30 ngày", "5 ngày làm việc".
    public func text(in language: Language) -> String {
        switch (unit, language) {
        case (.days, .vi): return "\(value) ngày"
        case (.workingDays, .vi): return "\(value) ngày làm việc"
        case (.days, .en): return "\(value) days"
        case (.workingDays, .en): return "\(value) working days"
        }
    }
}

/// One legal posting rule for one notice type, valid between two dates, with its legal basis.
///
/// The rules are data (`rules/posting-rules.yaml`, embedded in the tool; a site may override or
/// add rules in `site.yaml`), never code: the law changed on 01/01/2026 and will change again.
public struct PostingRule: Hashable, Sendable, Codable {
    public let type: String
    /// First and last day on which the rule is in force (inclusive); nil: open-ended.
    public let from: LocalDate?
    public let until: LocalDate?
    /// Posting at least this long (shorter is an error).
    public let minimum: RuleDuration?
    /// Posting at most this long (longer is an error).
    public let maximum: RuleDuration?
    /// A fixed period: shorter is an error, longer a warning (the next step of the procedure is due).
    public let exact: RuleDuration?
    /// `expires` at most this many months after `signed` (a land recovery notice is valid 12 months).
    public let validMonths: Int?
    /// Lead time before a later decision, by kind (`nong-nghiep` → 60 days before the recovery decision).
    public let leadDays: [String: Int]
    /// Posting must start within this time after `signed` (a warning when later).
    public let startWithin: RuleDuration?
    /// Residents' opinions are collected for at least this many days.
    public let opinionDays: Int?
    /// Where the notice must be posted: `office`, `meeting_place`, `website`, `resettlement_site`.
    public let places: [String]
    /// True when `signed` is required (the rule counts from it).
    public let requiresSigned: Bool
    /// The legal basis, named in every message: "Nghị quyết 254/2025/QH15, Điều 3, khoản 9, điểm b".
    public let basis: String
    /// A short explanation in Vietnamese for the clerk.
    public let note: String
    /// True for a rule from the site's `site.yaml` (overrides the shipped ones).
    public let fromSite: Bool

    public init(type: String, from: LocalDate? = nil, until: LocalDate? = nil, minimum: RuleDuration? = nil,
                maximum: RuleDuration? = nil, exact: RuleDuration? = nil, validMonths: Int? = nil,
                leadDays: [String: Int] = [:], startWithin: RuleDuration? = nil, opinionDays: Int? = nil,
                places: [String] = [], requiresSigned: Bool = false, basis: String, note: String = "",
                fromSite: Bool = false) {
        self.type = type
        self.from = from
        self.until = until
        self.minimum = minimum
        self.maximum = maximum
        self.exact = exact
        self.validMonths = validMonths
        self.leadDays = leadDays
        self.startWithin = startWithin
        self.opinionDays = opinionDays
        self.places = places
        self.requiresSigned = requiresSigned
        self.basis = basis
        self.note = note
        self.fromSite = fromSite
    }

    /// True when the rule is in force on `date`.
    public func isInForce(on date: LocalDate) -> Bool {
        (from.map { $0 <= date } ?? true) && (until.map { date <= $0 } ?? true)
    }

    /// The shortest lawful posting, if the rule has one.
    public var shortest: RuleDuration? { exact ?? minimum }
}

/// Every posting rule: the site's first (they win), then the shipped ones.
public struct RuleBook: Hashable, Sendable {
    public let rules: [PostingRule]

    public init(shipped: [PostingRule], site: [PostingRule] = []) {
        rules = site + shipped
    }

    /// The rule that applies to a notice of `type` dated `date` (its `signed`, else its `posted`).
    public func rule(for type: String, on date: LocalDate) -> PostingRule? {
        rules.first { $0.type == type && $0.isInForce(on: date) }
    }

    /// The rules in force on `date`, one per type, in `typeOrder`.
    public func inForce(on date: LocalDate, typeOrder: [String]) -> [PostingRule] {
        typeOrder.compactMap { rule(for: $0, on: date) }
    }
}
