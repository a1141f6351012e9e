import CongKhaiCore
import Foundation
import Testing

let vietnam = SiteCalendar(zoneIdentifier: "Asia/Ho_Chi_Minh")!
let utc = SiteCalendar(zoneIdentifier: "UTC")!

/// `2026-04-06T17:00:00Z` and friends as Dates.
func instant(_ text: String) -> Date {
    guard let date = Timestamp.parseInstantWithOffset(text) else { fatalError("bad instant \(text)") }
    return date
}

@Suite("Timestamp")
struct TimestampTests {
    @Test func dateOnly() {
        #expect(Timestamp.parse("2026-04-06", in: vietnam) == .day(LocalDate(iso: "2026-04-06")!))
        #expect(Timestamp.parse(" 2026-04-06 ", in: vietnam) == .day(LocalDate(iso: "2026-04-06")!))
        #expect(Timestamp.parse("2026-02-30", in: vietnam) == nil)
    }

    @Test("date-times with offsets are exact instants",
          arguments: [("2026-04-06T17:00:00+07:00", 1_775_469_600.0), ("2026-04-06T10:00:00Z", 1_775_469_600.0),
                      ("2026-04-06T10:00:00z", 1_775_469_600.0), ("2026-04-06 17:00+07:00", 1_775_469_600.0),
                      ("2026-04-06T17:00:00+0700", 1_775_469_600.0), ("2026-04-06T05:00:00-05:00", 1_775_469_600.0),
                      ("2026-04-06T10:00:00.5Z", 1_775_469_600.5)])
    func withOffset(text: String, epoch: Double) {
        #expect(Timestamp.parse(text, in: utc) == .instant(Date(timeIntervalSince1970: epoch)))
        #expect(Timestamp.parseInstantWithOffset(text) == Date(timeIntervalSince1970: epoch))
    }

    @Test func withoutOffsetUsesTheSiteZone() {
        #expect(Timestamp.parse("2026-04-06T17:00:00", in: vietnam) == .instant(instant("2026-04-06T10:00:00Z")))
        #expect(Timestamp.parse("2026-04-06T17:00:00", in: utc) == .instant(instant("2026-04-06T17:00:00Z")))
        #expect(Timestamp.parseInstantWithOffset("2026-04-06T17:00:00") == nil)
    }

    @Test("malformed date-times are rejected",
          arguments: ["2026-04-06T24:00:00Z", "2026-04-06T17:60Z", "2026-04-06T17", "2026-04-06T17:00:00+25:00",
                      "2026-04-06T17:00:00 +07:00", "2026-04-06X17:00", "2026-04-31T10:00Z", "tomorrow",
                      "2026-04-06T17:00:00+07:00junk"])
    func malformed(text: String) {
        #expect(Timestamp.parse(text, in: vietnam) == nil)
    }

    @Test func formatting() {
        let date = instant("2026-04-06T16:59:59Z")
        #expect(vietnam.iso8601(date) == "2026-04-06T23:59:59+07:00")
        #expect(utc.iso8601(date) == "2026-04-06T16:59:59Z")
        #expect(Timestamp.format(date, offsetSeconds: -18_000) == "2026-04-06T11:59:59-05:00")
        #expect(vietnam.localDate(of: instant("2026-04-06T17:00:00Z")) == LocalDate(iso: "2026-04-07"))
        #expect(utc.localDate(of: instant("2026-04-06T17:00:00Z")) == LocalDate(iso: "2026-04-06"))
    }
}
