import Foundation

/// The interval during which a notice is posted: from `start` (inclusive) through
/// `lastInstant` (inclusive, to the second).
///
/// A date-only `posted` starts at 00:00:00 local; a date-only `expires` lasts through
/// 23:59:59 local of that day. The notice disappears at `end` = `lastInstant` + 1 s.
public struct PostingPeriod: Hashable, Sendable, Codable {
    public let start: Date
    public let lastInstant: Date

    public init(start: Date, lastInstant: Date) {
        self.start = start
        self.lastInstant = lastInstant
    }

    public init(posted: Timestamp, expires: Timestamp, calendar: SiteCalendar) {
        switch posted {
        case .day(let d): start = calendar.startOfDay(d)
        case .instant(let i): start = i
        }
        switch expires {
        case .day(let d): lastInstant = calendar.endOfDay(d)
        case .instant(let i): lastInstant = i
        }
    }

    /// The first instant at which the notice is no longer posted.
    public var end: Date { lastInstant.addingTimeInterval(1) }

    public func contains(_ now: Date) -> Bool { start <= now && now < end }
}
