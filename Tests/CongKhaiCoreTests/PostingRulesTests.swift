import CongKhaiCore
import Foundation
import Testing

@Suite("Civil Code counting of posting periods")
struct PostingRulesTests {
    func day(_ text: String) -> LocalDate { LocalDate(iso: text)! }

    /// Viet Nam's official 2026 calendar (as shipped in rules/posting-rules.yaml).
    let calendar = WorkingCalendar(
        holidays: Set(["2026-01-01", "2026-01-02", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19",
                       "2026-02-20", "2026-04-27", "2026-04-30", "2026-05-01", "2026-09-01", "2026-09-02"]
            .map { LocalDate(iso: $0)! }),
        workdays: [LocalDate(iso: "2026-01-10")!])

    @Test("the first day is not counted, and a day-off end moves to the next working day",
          arguments: [
              ("2026-03-05", 30, "2026-04-06"),  // 04/04 is a Saturday → Monday 06/04 (the law's example)
              ("2026-01-10", 30, "2026-02-09"),  // across a month end, a Monday: no move
              ("2026-01-31", 30, "2026-03-02"),  // 2026-03-02 (Mon): February has 28 days
              ("2026-01-18", 30, "2026-02-23"),  // 17/02 is Tết → 18, 19, 20 Tết, 21–22 weekend → Monday 23/02
              ("2026-02-09", 10, "2026-02-23"),  // 19/02 is Tết → Monday 23/02 (the example)
              ("2026-03-31", 30, "2026-05-04"),  // 30/04 and 01/05 holidays, then a weekend → 04/05
              ("2026-03-28", 30, "2026-04-28"),  // 27/04 off in lieu of Giỗ Tổ → Tuesday 28/04
              ("2026-11-16", 15, "2026-12-01"),  // Tuesday: no move
              ("2026-11-05", 30, "2026-12-07"),  // Saturday 05/12 → Monday 07/12
              ("2026-08-03", 30, "2026-09-03"),  // 02/09 National Day (Wed) → Thursday 03/09
              ("2025-12-31", 10, "2026-01-10"),  // 31/12 + 10 = Saturday 10/01, the make-up working day: no move
              ("2024-02-10", 19, "2024-02-29"),  // leap day
          ])
    func lastDay(posted: String, days: Int, expected: String) {
        #expect(calendar.lastDay(of: RuleDuration(days), from: day(posted)) == day(expected))
    }

    @Test func workingDaysIncludeTheMakeUpSaturday() {
        #expect(calendar.isWorkingDay(day("2026-11-30")))
        #expect(!calendar.isWorkingDay(day("2026-11-29")))
        #expect(!calendar.isWorkingDay(day("2026-04-30")))
        #expect(!calendar.isWorkingDay(day("2026-01-02")))
        #expect(calendar.isWorkingDay(day("2026-01-10")))  // Saturday, worked in exchange for 02/01
        #expect(calendar.nextWorkingDay(onOrAfter: day("2026-02-14")) == day("2026-02-23"))
        // 5 working days after Wednesday 31/12/2025: 01 and 02/01 off, Saturday 10/01 worked.
        #expect(calendar.lastDay(of: RuleDuration(5, .workingDays), from: day("2025-12-31")) == day("2026-01-09"))
        #expect(calendar.lastDay(of: RuleDuration(6, .workingDays), from: day("2025-12-31")) == day("2026-01-10"))
    }

    @Test(arguments: [
        ("2026-03-02", 12, "2027-03-02"), ("2026-01-31", 1, "2026-02-28"), ("2024-02-29", 12, "2025-02-28"),
        ("2026-12-15", 3, "2027-03-15"),
    ])
    func addingMonths(from: String, months: Int, expected: String) {
        #expect(WorkingCalendar.adding(months: months, to: day(from)) == day(expected))
    }

    let plan = NoticeType.builtIn.first { $0.id == "compensation-plan" }!
    let zone = SiteCalendar(zoneIdentifier: "Asia/Ho_Chi_Minh")!

    func findings(_ rule: PostingRule, signed: String? = nil, posted: String, expires: String) -> [DiagnosticMessage] {
        let check = PostingRuleCheck(workdays: calendar, calendar: zone)
        let start = zone.startOfDay(day(posted))
        let last = expires.count == 10 ? zone.endOfDay(day(expires)) : Timestamp.parseInstantWithOffset(expires)!
        return check.findings(type: plan, rule: rule, signed: signed.map(day), start: start, lastInstant: last).map(\.message)
    }

    @Test func aMinimumIsAnErrorBelowAndNothingAbove() {
        let rule = PostingRule(type: "compensation-plan", minimum: RuleDuration(30), basis: "Điều 87")
        #expect(findings(rule, posted: "2026-03-05", expires: "2026-04-06") == [])
        #expect(findings(rule, posted: "2026-03-05", expires: "2026-04-05")
                == [.periodTooShort(type: plan, length: RuleDuration(30), basis: "Điều 87", earliest: day("2026-04-06"))])
    }

    @Test func aPeriodEndsAtMidnightOfItsLastDay() {
        // Posted 27/11/2026 16:30 for 30 days: the earliest last day is Monday 28/12, through 24:00.
        let rule = PostingRule(type: "general", minimum: RuleDuration(30), basis: "Luật 10/2022, Điều 13")
        #expect(findings(rule, posted: "2026-11-27", expires: "2026-12-28T00:00:01+07:00").count == 1)
        #expect(findings(rule, posted: "2026-11-27", expires: "2026-12-28T23:59:58+07:00").count == 1)
        #expect(findings(rule, posted: "2026-11-27", expires: "2026-12-28T23:59:59+07:00") == [])
    }

    @Test func aFixedPeriodWarnsWhenLonger() {
        let rule = PostingRule(type: "compensation-plan", exact: RuleDuration(10), basis: "NQ 254/2025/QH15, Điều 3.9.b")
        #expect(findings(rule, posted: "2026-03-02", expires: "2026-03-12") == [])
        #expect(findings(rule, posted: "2026-03-02", expires: "2026-03-11")
                == [.periodTooShort(type: plan, length: RuleDuration(10), basis: "NQ 254/2025/QH15, Điều 3.9.b",
                                    earliest: day("2026-03-12"))])
        #expect(findings(rule, posted: "2026-03-02", expires: "2026-04-01")
                == [.periodLongerThanFixed(type: plan, length: RuleDuration(10), basis: "NQ 254/2025/QH15, Điều 3.9.b",
                                           end: day("2026-03-12"))])
    }

    @Test func validityInMonthsFromSigning() {
        let rule = PostingRule(type: "land-recovery-notice", validMonths: 12, requiresSigned: true, basis: "Điều 85.5")
        #expect(findings(rule, signed: "2026-03-02", posted: "2026-03-05", expires: "2027-03-02") == [])
        #expect(findings(rule, signed: "2026-03-02", posted: "2026-03-05", expires: "2027-03-03")
                == [.validityExceeded(type: plan, months: 12, basis: "Điều 85.5", latest: day("2027-03-02"))])
        #expect(findings(rule, posted: "2026-03-05", expires: "2026-06-05") == [.signedRequired(type: plan, basis: "Điều 85.5")])
    }

    @Test func aLateStartWarns() {
        let rule = PostingRule(type: "general", startWithin: RuleDuration(5, .workingDays), basis: "Điều 12.3")
        // Signed Monday 02/03/2026: 5 working days → Monday 09/03.
        #expect(findings(rule, signed: "2026-03-02", posted: "2026-03-09", expires: "2026-04-30") == [])
        #expect(findings(rule, signed: "2026-03-02", posted: "2026-03-12", expires: "2026-04-30")
                == [.postingStartsLate(length: RuleDuration(5, .workingDays), basis: "Điều 12.3", deadline: day("2026-03-09"))])
    }

    @Test func aPeriodEndingInAYearWithoutCalendarWarns() {
        let rule = PostingRule(type: "general", minimum: RuleDuration(30), basis: "b")
        #expect(findings(rule, posted: "2027-12-10", expires: "2028-01-31").contains(.calendarMissing(year: 2028)))
        #expect(!findings(rule, posted: "2026-03-05", expires: "2026-04-06").contains(.calendarMissing(year: 2026)))
    }

    @Test func theRuleInForceOnADateIsChosenAndSiteRulesWin() {
        let old = PostingRule(type: "compensation-plan", until: day("2025-12-31"), minimum: RuleDuration(30), basis: "old")
        let new = PostingRule(type: "compensation-plan", from: day("2026-01-01"), exact: RuleDuration(10), basis: "new")
        let book = RuleBook(shipped: [old, new])
        #expect(book.rule(for: "compensation-plan", on: day("2025-12-01"))?.basis == "old")
        #expect(book.rule(for: "compensation-plan", on: day("2025-12-31"))?.basis == "old")
        #expect(book.rule(for: "compensation-plan", on: day("2026-01-01"))?.basis == "new")
        let site = PostingRule(type: "compensation-plan", from: day("2026-06-01"), minimum: RuleDuration(20), basis: "tỉnh", fromSite: true)
        let overridden = RuleBook(shipped: [old, new], site: [site])
        #expect(overridden.rule(for: "compensation-plan", on: day("2026-05-31"))?.basis == "new")
        #expect(overridden.rule(for: "compensation-plan", on: day("2026-06-01"))?.basis == "tỉnh")
    }
}
