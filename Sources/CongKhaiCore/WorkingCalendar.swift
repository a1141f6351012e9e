/// Which days are working days, for counting periods: Monday–Friday, minus public holidays, plus
/// make-up working days (a Saturday the Government declares a working day). Holidays are data,
/// fixed each year by the Prime Minister, never a formula.
public struct WorkingCalendar: Hashable, Sendable {
    public let holidays: Set<LocalDate>
    /// Make-up working days (10/01/2026, a Saturday).
    public let workdays: Set<LocalDate>
    /// Years whose days off are known; a period ending in another year may be counted short.
    public let knownYears: Set<Int>

    public init(holidays: Set<LocalDate> = [], workdays: Set<LocalDate> = [], knownYears: Set<Int>? = nil) {
        self.holidays = holidays
        self.workdays = workdays
        self.knownYears = knownYears ?? Set(holidays.map(\.year)).union(workdays.map(\.year))
    }

    public func isWorkingDay(_ date: LocalDate) -> Bool {
        workdays.contains(date) || (!date.isWeekend && !holidays.contains(date))
    }

    /// The first working day on or after `date`.
    public func nextWorkingDay(onOrAfter date: LocalDate) -> LocalDate {
        var day = date
        // Bounded: no year has more than a few weeks of consecutive days off.
        for _ in 0..<366 where !isWorkingDay(day) { day = day.adding(days: 1) }
        return day
    }

    /// The last day of a period of `duration` that starts with posting on `start`. The first day
    /// is not counted: posting on 05/03/2026 for 30 days ends at the end of 04/04/2026, a Saturday,
    /// so on Monday 06/04/2026; posting on 09/02/2026 for 10 days would end on 19/02 (Tết), so on
    /// Monday 23/02/2026.
    public func lastDay(of duration: RuleDuration, from start: LocalDate) -> LocalDate {
        switch duration.unit {
        case .days:
            return nextWorkingDay(onOrAfter: start.adding(days: duration.value))
        case .workingDays:
            var day = start
            for _ in 0..<max(0, duration.value) { day = nextWorkingDay(onOrAfter: day.adding(days: 1)) }
            return day
        }
    }

    /// The day `months` months after `date`: the same day of the month, or the month's last day
    /// (Civil Code Art. 147: a period in months ends on the corresponding day of the last month).
    public static func adding(months: Int, to date: LocalDate) -> LocalDate {
        let total = date.year * 12 + (date.month - 1) + months
        let year = total / 12, month = total % 12 + 1
        let day = min(date.day, LocalDate.daysIn(month: month, year: year))
        return LocalDate(year: year, month: month, day: day) ?? date
    }
}
