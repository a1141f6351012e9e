import Foundation

/// What a posting rule says about one notice's dates.
public struct PostingFinding: Hashable, Sendable {
    public let severity: Diagnostic.Severity
    /// The front matter key the finding is reported at (`expires`, `posted`, `signed`).
    public let key: String
    public let message: DiagnosticMessage
}

/// Applies a `PostingRule` to a notice's dates.
public struct PostingRuleCheck: Sendable {
    public let workdays: WorkingCalendar
    public let calendar: SiteCalendar

    public init(workdays: WorkingCalendar, calendar: SiteCalendar) {
        self.workdays = workdays
        self.calendar = calendar
    }

    /// The earliest lawful last day of posting under `rule` for posting that starts on `posted`.
    public func earliestLastDay(_ rule: PostingRule, posted: LocalDate) -> LocalDate? {
        rule.shortest.map { workdays.lastDay(of: $0, from: posted) }
    }

    /// Every finding for a notice of `type` posted from `start` through `lastInstant` (inclusive).
    public func findings(type: NoticeType, rule: PostingRule, signed: LocalDate?, start: Date,
                         lastInstant: Date) -> [PostingFinding] {
        let posted = calendar.localDate(of: start)
        let lastDay = calendar.localDate(of: lastInstant)
        var result: [PostingFinding] = []
        if rule.requiresSigned, signed == nil {
            result.append(PostingFinding(severity: .error, key: "signed",
                                         message: .signedRequired(type: type, basis: rule.basis)))
        }
        if let shortest = rule.shortest {
            let earliest = workdays.lastDay(of: shortest, from: posted)
            // A period ends at 24:00 of its last day (Civil Code Art. 148): ending earlier that
            // day is ending a day short.
            if lastInstant < calendar.endOfDay(earliest) {
                result.append(PostingFinding(severity: .error, key: "expires", message: .periodTooShort(
                    type: type, length: shortest, basis: rule.basis, earliest: earliest)))
            } else if rule.exact != nil, lastDay > earliest {
                result.append(PostingFinding(severity: .warning, key: "expires", message: .periodLongerThanFixed(
                    type: type, length: shortest, basis: rule.basis, end: earliest)))
            }
            // Years before the first known one are history; a later year without data is a
            // period that may be counted short.
            let year = max(earliest.year, lastDay.year)
            if let first = workdays.knownYears.min(), year > first, !workdays.knownYears.contains(year) {
                result.append(PostingFinding(severity: .warning, key: "expires", message: .calendarMissing(year: year)))
            }
        }
        // Residents' opinions are collected during the posting: it must last the opinion period.
        if let days = rule.opinionDays, lastDay < posted.adding(days: days), rule.shortest.map({ $0.value < days }) ?? true {
            result.append(PostingFinding(severity: .error, key: "expires", message: .periodTooShort(
                type: type, length: RuleDuration(days), basis: rule.basis, earliest: posted.adding(days: days))))
        }
        if let maximum = rule.maximum {
            let latest = maximum.unit == .days ? posted.adding(days: maximum.value) : workdays.lastDay(of: maximum, from: posted)
            if lastDay > latest {
                result.append(PostingFinding(severity: .error, key: "expires", message: .periodTooLong(
                    type: type, length: maximum, basis: rule.basis, latest: latest)))
            }
        }
        if let months = rule.validMonths, let signed {
            let latest = WorkingCalendar.adding(months: months, to: signed)
            if lastDay > latest {
                result.append(PostingFinding(severity: .error, key: "expires", message: .validityExceeded(
                    type: type, months: months, basis: rule.basis, latest: latest)))
            }
        }
        if let within = rule.startWithin, let signed {
            let deadline = workdays.lastDay(of: within, from: signed)
            if posted > deadline {
                result.append(PostingFinding(severity: .warning, key: "posted", message: .postingStartsLate(
                    length: within, basis: rule.basis, deadline: deadline)))
            }
        }
        return result
    }

    /// The earliest day a decision may follow the notice, by kind (`leadDays`): the notice must
    /// reach people at least that many days before.
    public func earliestDecision(_ rule: PostingRule, posted: LocalDate) -> [(kind: String, days: Int, date: LocalDate)] {
        rule.leadDays.sorted { $0.key < $1.key }.map { ($0.key, $0.value, posted.adding(days: $0.value)) }
    }
}
