import Foundation

/// Converts between instants and the site's local calendar days.
///
/// The site's zone decides (default `Asia/Ho_Chi_Minh`), never the machine's.
public struct SiteCalendar: Sendable {
    public let timeZone: TimeZone
    /// Built once: creating a `Calendar` per call dominated date formatting in profiles.
    private let calendar: Calendar

    public static let defaultZoneIdentifier = "Asia/Ho_Chi_Minh"

    /// Whether this machine's zone database has `Asia/Ho_Chi_Minh` (a container without tzdata
    /// may not).
    public static let defaultZoneInDatabase = TimeZone(identifier: defaultZoneIdentifier) != nil

    /// The default zone: `Asia/Ho_Chi_Minh` from the zone database, or, where the database lacks
    /// it, the fixed offset +07:00. Vietnam has kept +07:00 without daylight saving since 1975,
    /// so every posting period falls the same either way; `SiteConfigLoader` warns in that case.
    public static let `default` = SiteCalendar(timeZone: TimeZone(identifier: defaultZoneIdentifier)
                                                 ?? TimeZone(secondsFromGMT: 7 * 3600) ?? .gmt)

    public init(timeZone: TimeZone) {
        self.timeZone = timeZone
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
    }

    public init?(zoneIdentifier: String) {
        guard let zone = TimeZone(identifier: zoneIdentifier) else { return nil }
        self.init(timeZone: zone)
    }

    /// The first instant of `date` in the site's zone (00:00:00 local).
    public func startOfDay(_ date: LocalDate) -> Date {
        var parts = DateComponents()
        parts.year = date.year
        parts.month = date.month
        parts.day = date.day
        parts.hour = 0
        // Zones without midnight on a DST change day get the first existing instant.
        return calendar.date(from: parts) ?? Date(timeIntervalSince1970: Double(date.dayNumber) * 86_400)
    }

    /// The last whole second of `date` in the site's zone (23:59:59 local).
    public func endOfDay(_ date: LocalDate) -> Date {
        startOfDay(date.adding(days: 1)).addingTimeInterval(-1)
    }

    /// The local calendar day that contains `instant`.
    /// Day arithmetic on the zone's offset at that instant: total for any instant, and much
    /// cheaper than `Calendar.dateComponents`.
    public func localDate(of instant: Date) -> LocalDate {
        let local = instant.timeIntervalSince1970 + Double(offsetSeconds(at: instant))
        return LocalDate(dayNumber: Int(floor(local / 86_400)))
    }

    /// The zone's offset from UTC at `instant`, in seconds.
    public func offsetSeconds(at instant: Date) -> Int {
        timeZone.secondsFromGMT(for: instant)
    }

    /// ISO 8601 with the site's offset at that instant: `2026-04-06T23:59:59+07:00`.
    public func iso8601(_ instant: Date) -> String {
        Timestamp.format(instant, offsetSeconds: offsetSeconds(at: instant))
    }

    /// `HH:mm` local time.
    public func clockTime(of instant: Date) -> String {
        let parts = calendar.dateComponents([.hour, .minute], from: instant)
        return FastText.padded(parts.hour!, 2) + ":" + FastText.padded(parts.minute!, 2)
    }
}
