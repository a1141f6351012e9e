import CongKhaiCore
import Foundation
import Testing

func notice(_ id: String, posted: String, expires: String, supersedes: [String] = [], withdrawn: String? = nil,
            calendar: SiteCalendar = vietnam) -> Notice {
    let p = Timestamp.parse(posted, in: calendar)!
    let e = Timestamp.parse(expires, in: calendar)!
    return Notice(id: id, sourcePath: "content/notices/\(id).md", bundleDirectory: nil, title: id,
                  type: NoticeType.builtIn[0], commune: nil, number: nil, issuer: "UBND", signed: nil,
                  posted: p, expires: e, period: PostingPeriod(posted: p, expires: e, calendar: calendar),
                  summary: nil, attachments: [], supersedes: supersedes, withdrawn: withdrawn, body: "x",
                  bodyLine: 5, positions: [:])
}

@Suite("Statuses at the boundaries, to the second")
struct PublicationScheduleTests {
    let plan = notice("plan", posted: "2026-03-05", expires: "2026-04-06")

    func status(_ notice: Notice, at text: String) -> NoticeStatus? {
        PublicationSchedule(notices: [notice]).statuses(at: instant(text))[notice.id]
    }

    @Test("date-only expires lasts through 23:59:59 local, whichever zone the clock is written in",
          arguments: [("2026-04-06T23:59:59+07:00", NoticeStatus.active), ("2026-04-07T00:00:00+07:00", .expired),
                      ("2026-04-06T16:59:59Z", .active), ("2026-04-06T17:00:00Z", .expired),
                      ("2026-04-06T07:00:00+07:00", .active), ("2026-04-06T00:00:00Z", .active),
                      ("2026-04-06T12:59:59-04:00", .active), ("2026-04-06T13:00:00-04:00", .expired)])
    func expiryBoundary(now: String, expected: NoticeStatus) {
        #expect(status(plan, at: now) == expected)
    }

    @Test("date-only posted starts at 00:00:00 local",
          arguments: [("2026-03-04T23:59:59+07:00", NoticeStatus.scheduled), ("2026-03-05T00:00:00+07:00", .active),
                      ("2026-03-04T16:59:59Z", .scheduled), ("2026-03-04T17:00:00Z", .active)])
    func startBoundary(now: String, expected: NoticeStatus) {
        #expect(status(plan, at: now) == expected)
    }

    @Test func dateTimeBoundsAreInclusiveToTheSecond() {
        let n = notice("n", posted: "2026-03-05T08:00:00+07:00", expires: "2026-03-20T17:00:00+07:00")
        #expect(status(n, at: "2026-03-05T07:59:59+07:00") == .scheduled)
        #expect(status(n, at: "2026-03-05T08:00:00+07:00") == .active)
        #expect(status(n, at: "2026-03-20T17:00:00+07:00") == .active)
        #expect(status(n, at: "2026-03-20T17:00:01+07:00") == .expired)
    }

    @Test func aUTCSiteCountsDaysInUTC() {
        let n = notice("n", posted: "2026-03-05", expires: "2026-04-06", calendar: utc)
        #expect(status(n, at: "2026-04-06T23:59:59Z") == .active)
        #expect(status(n, at: "2026-04-07T00:00:00Z") == .expired)
    }

    @Test func supersededOnlyWhileTheNewNoticeIsActive() {
        let old = notice("old", posted: "2026-03-01", expires: "2026-04-30")
        let new = notice("new", posted: "2026-03-10", expires: "2026-04-10", supersedes: ["old"])
        let schedule = PublicationSchedule(notices: [old, new])
        #expect(schedule.statuses(at: instant("2026-03-09T23:59:59+07:00")) == ["old": .active, "new": .scheduled])
        #expect(schedule.statuses(at: instant("2026-03-10T00:00:00+07:00")) == ["old": .superseded, "new": .active])
        #expect(schedule.statuses(at: instant("2026-04-11T00:00:00+07:00")) == ["old": .active, "new": .expired])
    }

    @Test func withdrawnWinsOverEverything() {
        let w = notice("w", posted: "2026-03-01", expires: "2026-04-30", withdrawn: "Đính chính")
        let s = notice("s", posted: "2026-03-01", expires: "2026-04-30", supersedes: ["w"], withdrawn: "Sai")
        let schedule = PublicationSchedule(notices: [w, s])
        #expect(schedule.statuses(at: instant("2026-03-15T12:00:00+07:00")) == ["w": .withdrawn, "s": .withdrawn])
        #expect(schedule.published(at: instant("2026-03-15T12:00:00+07:00")).isEmpty)
        #expect(schedule.nextChange(after: instant("2026-03-15T12:00:00+07:00")) == nil)
    }

    @Test func nextChangeIsTheFirstInstantThePublishedSetDiffers() {
        let a = notice("a", posted: "2026-03-01", expires: "2026-03-31")
        let b = notice("b", posted: "2026-03-20", expires: "2026-04-30")
        let schedule = PublicationSchedule(notices: [a, b])
        #expect(schedule.nextChange(after: instant("2026-03-10T12:00:00+07:00")) == instant("2026-03-20T00:00:00+07:00"))
        #expect(schedule.nextChange(after: instant("2026-03-20T00:00:00+07:00")) == instant("2026-04-01T00:00:00+07:00"))
        #expect(schedule.nextChange(after: instant("2026-04-01T00:00:00+07:00")) == instant("2026-05-01T00:00:00+07:00"))
        #expect(schedule.nextChange(after: instant("2026-05-01T00:00:00+07:00")) == nil)
    }

    @Test func nextChangeSkipsInstantsThatChangeNothingPublished() {
        // "old" ends while superseded: its end changes no published set, so the next change is new's end.
        let old = notice("old", posted: "2026-03-01", expires: "2026-03-20")
        let new = notice("new", posted: "2026-03-10", expires: "2026-03-31", supersedes: ["old"])
        let schedule = PublicationSchedule(notices: [old, new])
        #expect(schedule.nextChange(after: instant("2026-03-15T00:00:00+07:00")) == instant("2026-04-01T00:00:00+07:00"))
    }
}
