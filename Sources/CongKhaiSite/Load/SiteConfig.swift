import CongKhaiCore
import Foundation

/// `content/site.yaml`, validated.
public struct SiteConfig: Sendable {
    public var title: String
    /// Always ends with `/`.
    public var baseURL: String
    public var description: String?
    public var language: Language
    public var calendar: SiteCalendar
    /// Commune id → display name, in the order written.
    public var communes: [(id: String, name: String)]
    /// Built-in types with the site's overrides and additions, by id.
    public var types: [String: NoticeType]
    /// Display order of types: built-ins first, then the site's own.
    public var typeOrder: [String]
    /// Working days for counting periods: the shipped official calendar plus the site's
    /// `holidays:` and `workdays:`.
    public var workdays: WorkingCalendar
    /// The posting rules: the site's `rules:` (and `types:` periods) first, then the shipped ones.
    public var rules: RuleBook
    /// Site-wide places of posting per type (`places:` in site.yaml), used when a notice has none.
    public var places: [String: [String]]
    /// How residents send opinions (`contact:` in site.yaml): address, phone, e-mail.
    public var contact: [String: String]
    public var expiringSoonDays: Int
    /// Notices per listing page (home, type and commune lists).
    public var pageSize: Int
    /// The page under `content/pages/` where residents learn how to send opinions
    /// (`comment_page:` in site.yaml), linked from the home page; with where it was written.
    public var commentPage: (id: String, position: SourcePosition?)?

    public init(title: String, baseURL: String, description: String? = nil, language: Language = .vi,
                calendar: SiteCalendar = SiteCalendar.default,
                communes: [(id: String, name: String)] = [], types: [NoticeType] = NoticeType.builtIn,
                workdays: WorkingCalendar? = nil, rules: RuleBook? = nil,
                places: [String: [String]] = [:], contact: [String: String] = [:],
                expiringSoonDays: Int = 7, pageSize: Int = 50) {
        self.title = title
        self.baseURL = baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
        self.description = description
        self.language = language
        self.calendar = calendar
        self.communes = communes
        self.types = Dictionary(types.map { ($0.id, $0) }, uniquingKeysWith: { _, b in b })
        self.typeOrder = types.map(\.id)
        self.workdays = workdays ?? ShippedRules.loaded.calendar
        self.rules = rules ?? RuleBook(shipped: ShippedRules.loaded.rules)
        self.places = places
        self.contact = contact
        self.expiringSoonDays = expiringSoonDays
        self.pageSize = pageSize
    }

    /// The path part of `base_url` (`/` or `/cong-khai/`), prefixed to every link.
    public var basePath: String {
        guard let components = URLComponents(string: baseURL), !components.path.isEmpty else { return "/" }
        return components.path.hasSuffix("/") ? components.path : components.path + "/"
    }

    public func communeName(_ id: String?) -> String? {
        guard let id else { return nil }
        return communes.first { $0.id == id }?.name ?? id
    }

    /// The rule that applies to a notice of `type` signed (or posted) on `date`.
    public func rule(for type: String, on date: LocalDate) -> PostingRule? {
        rules.rule(for: type, on: date)
    }

    /// Checks dates against the rules with this site's calendar.
    public var ruleCheck: PostingRuleCheck { PostingRuleCheck(workdays: workdays, calendar: calendar) }

    /// Types in display order.
    public var orderedTypes: [NoticeType] { typeOrder.compactMap { types[$0] } }
}
