/// Legal posting periods, counted as the Civil Code 2015 counts them (Art. 147–148):
/// the first day is not counted, and a period whose last day is a Saturday, Sunday or public
/// holiday ends at the end of the next working day.
public struct PostingRules: Sendable {
    /// Public holidays from `site.yaml` (they change every year, so they are data, not a formula).
    public let holidays: Set<LocalDate>

    public init(holidays: Set<LocalDate>) {
        self.holidays = holidays
    }

    public func isWorkingDay(_ date: LocalDate) -> Bool {
        !date.isWeekend && !holidays.contains(date)
    }

    /// The first working day on or after `date`.
    public func nextWorkingDay(onOrAfter date: LocalDate) -> LocalDate {
        var day = date
        // Bounded: no year has more than a few weeks of consecutive days off.
        for _ in 0..<366 where !isWorkingDay(day) { day = day.adding(days: 1) }
        return day
    }

    /// The last day of a period of `days` days that starts with posting on `posted`:
    /// posting on 05/03/2026 for 30 days ends at the end of 04/04/2026, a Saturday, so on
    /// Monday 06/04/2026.
    public func lastDay(postedOn posted: LocalDate, days: Int) -> LocalDate {
        nextWorkingDay(onOrAfter: posted.adding(days: days))
    }

    /// The earliest lawful `expires` for a notice of `type` posted on `posted`, if the type has a minimum.
    public func earliestEnd(of type: NoticeType, postedOn posted: LocalDate) -> LocalDate? {
        type.minDays.map { lastDay(postedOn: posted, days: $0) }
    }

    /// The latest lawful `expires`, if the type has a maximum (no weekend extension: it is a cap).
    public func latestEnd(of type: NoticeType, postedOn posted: LocalDate) -> LocalDate? {
        type.maxDays.map { posted.adding(days: $0) }
    }

    /// Errors for a posting period shorter than the minimum or longer than the maximum.
    public func violations(type: NoticeType, posted: LocalDate, lastDay: LocalDate) -> [DiagnosticMessage] {
        var result: [DiagnosticMessage] = []
        if let earliest = earliestEnd(of: type, postedOn: posted), lastDay < earliest {
            result.append(.periodTooShort(type: type, earliest: earliest))
        }
        if let latest = latestEnd(of: type, postedOn: posted), lastDay > latest {
            result.append(.periodTooLong(type: type, latest: latest))
        }
        return result
    }
}
