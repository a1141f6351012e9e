import CongKhaiCore
import Testing

@Suite("LocalDate")
struct LocalDateTests {
    @Test("parses real dates and rejects impossible ones",
          arguments: [("2026-04-06", true), ("2024-02-29", true), ("2026-02-29", false), ("2026-02-30", false),
                      ("2026-13-01", false), ("2026-4-6", false), ("06/04/2026", false), ("2026-04-06x", false),
                      ("", false), ("２０２６-04-06", false)])
    func parse(text: String, valid: Bool) {
        #expect((LocalDate(iso: text) != nil) == valid)
    }

    @Test func dayNumberRoundTripsAcrossCenturies() throws {
        for text in ["1970-01-01", "1969-12-31", "2000-02-29", "2026-12-31", "2100-03-01"] {
            let date = try #require(LocalDate(iso: text))
            #expect(LocalDate(dayNumber: date.dayNumber) == date)
            #expect(date.iso == text)
        }
        #expect(LocalDate(iso: "1970-01-01")?.dayNumber == 0)
        #expect(LocalDate(iso: "2026-03-05")!.adding(days: 30) == LocalDate(iso: "2026-04-04"))
        #expect(LocalDate(iso: "2026-02-28")!.adding(days: 1) == LocalDate(iso: "2026-03-01"))
        #expect(LocalDate(iso: "2026-03-05")!.days(until: LocalDate(iso: "2026-04-06")!) == 32)
    }

    @Test func weekdays() throws {
        #expect(try #require(LocalDate(iso: "2026-11-28")).isoWeekday == 6)  // Saturday
        #expect(try #require(LocalDate(iso: "2026-11-29")).isWeekend)
        #expect(try #require(LocalDate(iso: "2026-11-30")).isoWeekday == 1)  // Monday
        #expect(try #require(LocalDate(iso: "1970-01-01")).isoWeekday == 4)  // Thursday
    }

    @Test func vietnameseStyles() throws {
        #expect(try #require(LocalDate(iso: "2024-03-05")).formalVietnamese == "ngày 05 tháng 3 năm 2024")
        #expect(try #require(LocalDate(iso: "2026-01-15")).formalVietnamese == "ngày 15 tháng 01 năm 2026")
        #expect(try #require(LocalDate(iso: "2026-02-02")).formalVietnamese == "ngày 02 tháng 02 năm 2026")
        #expect(try #require(LocalDate(iso: "2026-12-10")).formalVietnamese == "ngày 10 tháng 12 năm 2026")
        #expect(try #require(LocalDate(iso: "2026-04-06")).short == "06/04/2026")
        #expect(try #require(LocalDate(iso: "2024-03-05")).formalEnglish == "5 March 2024")
    }
}
