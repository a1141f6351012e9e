import CongKhaiCore
import Testing

@Suite("Civil Code counting of posting periods")
struct PostingRulesTests {
    func day(_ text: String) -> LocalDate { LocalDate(iso: text)! }

    /// Tết Bính Ngọ 2026 as a run of holidays (illustrative data; the commune maintains the real list).
    let rules = PostingRules(holidays: Set(["2026-01-01", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19",
                                            "2026-02-20", "2026-04-30", "2026-05-01", "2026-09-02"]
        .map { LocalDate(iso: $0)! }))

    @Test("the first day is not counted, and a weekend or holiday end moves to the next working day",
          arguments: [
              ("2026-03-05", 30, "2026-04-06"),  // 04/04 is a Saturday → Monday 06/04 (the law's example)
              ("2026-01-10", 30, "2026-02-09"),  // across a month end, a Monday: no move
              ("2026-01-31", 30, "2026-03-02"),  // 2026-03-02 (Mon): February has 28 days
              ("2026-01-18", 30, "2026-02-23"),  // 17/02 is Tết → 18, 19, 20 Tết, 21–22 weekend → Monday 23/02
              ("2026-03-31", 30, "2026-05-04"),  // 30/04 and 01/05 holidays, then a weekend → 04/05
              ("2026-11-16", 15, "2026-12-01"),  // Tuesday: no move
              ("2026-11-05", 30, "2026-12-07"),  // Saturday 05/12 → Monday 07/12
              ("2026-08-03", 30, "2026-09-03"),  // 02/09 National Day (Wed) → Thursday 03/09
              ("2024-02-10", 19, "2024-02-29"),  // leap day
          ])
    func lastDay(posted: String, days: Int, expected: String) {
        #expect(rules.lastDay(postedOn: day(posted), days: days) == day(expected))
    }

    @Test func workingDays() {
        #expect(rules.isWorkingDay(day("2026-11-30")))
        #expect(!rules.isWorkingDay(day("2026-11-29")))
        #expect(!rules.isWorkingDay(day("2026-04-30")))
        #expect(rules.nextWorkingDay(onOrAfter: day("2026-02-14")) == day("2026-02-23"))
    }

    @Test func minimumAndMaximum() {
        let plan = NoticeType.builtIn.first { $0.id == "compensation-plan" }!
        #expect(rules.earliestEnd(of: plan, postedOn: day("2026-03-05")) == day("2026-04-06"))
        #expect(rules.violations(type: plan, posted: day("2026-03-05"), lastDay: day("2026-04-06")).isEmpty)
        #expect(rules.violations(type: plan, posted: day("2026-03-05"), lastDay: day("2026-04-05"))
                == [.periodTooShort(type: plan, earliest: day("2026-04-06"))])
        let recovery = NoticeType.builtIn.first { $0.id == "land-recovery-notice" }!
        #expect(rules.latestEnd(of: recovery, postedOn: day("2026-03-05")) == day("2027-03-05"))
        #expect(rules.violations(type: recovery, posted: day("2026-03-05"), lastDay: day("2027-03-08"))
                == [.periodTooLong(type: recovery, latest: day("2027-03-05"))])
        #expect(rules.violations(type: recovery, posted: day("2026-03-05"), lastDay: day("2026-05-01"))
                == [.periodTooShort(type: recovery, earliest: day("2026-06-03"))])
    }
}
