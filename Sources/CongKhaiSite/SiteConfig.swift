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
    public var holidays: Set<LocalDate>
    public var expiringSoonDays: Int
    /// Notices per listing page (home, type and commune lists).
    public var pageSize: Int

    public init(title: String, baseURL: String, description: String? = nil, language: Language = .vi,
                calendar: SiteCalendar = SiteCalendar(zoneIdentifier: SiteCalendar.defaultZoneIdentifier)!,
                communes: [(id: String, name: String)] = [], types: [NoticeType] = NoticeType.builtIn,
                holidays: Set<LocalDate> = [], expiringSoonDays: Int = 7, pageSize: Int = 50) {
        self.title = title
        self.baseURL = baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
        self.description = description
        self.language = language
        self.calendar = calendar
        self.communes = communes
        self.types = Dictionary(types.map { ($0.id, $0) }, uniquingKeysWith: { _, b in b })
        self.typeOrder = types.map(\.id)
        self.holidays = holidays
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

    /// Types in display order.
    public var orderedTypes: [NoticeType] { typeOrder.compactMap { types[$0] } }
}
