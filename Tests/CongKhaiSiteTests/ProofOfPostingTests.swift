@testable import CongKhaiSite
import CongKhaiCore
import Foundation
import Testing

extension ChildProcessSuites {
    /// "Proof of posting": a season of builds at controlled clocks — daily rebuilds, a failing build,
    /// a withdrawal, a supersession, a correction, an extension after a gap — and the exact answer
    /// `history --json` gives for every notice; extensions, corrections and withdrawals in the open;
    /// the records a commune files, outside the published site.
    @Suite("Proof of posting: history, extensions, corrections, records", .serialized)
    struct ProofOfPostingTests {
        static let calendar = SiteCalendar(zoneIdentifier: "Asia/Ho_Chi_Minh")!

        static func build(_ site: TestSite, at now: String) {
            PublicationJournalTests.build(site, at: now)
        }

        /// `history --json` as the command prints it (sorted keys), compact.
        static func historyJSON(_ site: TestSite, _ id: String) throws -> String {
            let history = try PublicationJournalTests.history(site, id)
            let data = try JSONSerialization.data(withJSONObject: history.json, options: [.sortedKeys, .withoutEscapingSlashes])
            return String(decoding: data, as: UTF8.self)
        }

        static func json(_ id: String, days: Int?, basis: String?, published: [(String, String?)], complete: Bool,
                         backdated: Bool = false) -> String {
            func interval(_ item: (String, String?)) -> String {
                "{\"from\":\"\(item.0)\",\"until\":\(item.1.map { "\"\($0)\"" } ?? "null")}"
            }
            let gaps = zip(published, published.dropFirst()).map { a, b in interval((a.1!, b.0)) }
            let required = "{\"basis\":\(basis.map { "\"\($0)\"" } ?? "null"),\"days\":\(days.map(String.init) ?? "null")}"
            return "{\"complete\":\(complete),\"continuous\":\(published.count == 1),\"gaps\":[\(gaps.joined(separator: ","))],"
                + "\"id\":\"\(id)\",\"posted_before_first_publication\":\(backdated),"
                + "\"published\":[\(published.map(interval).joined(separator: ","))],\"required\":\(required)}"
        }

        static let general = "Luật Thực hiện dân chủ ở cơ sở 2022, Điều 12, khoản 3; Điều 13, khoản 2"

        /// The season: six general notices (30 days from Monday 02/03/2026: earliest end 01/04/2026).
        @Test func aSeasonOfBuildsGivesTheExactHistoryOfEveryNotice() throws {
            let site = try TestSite(files: [
                "content/notices/du.md": validNotice(title: "\"Đủ\"", posted: "2026-03-02", expires: "2026-04-01",
                                                     extra: [("number", "\"10/TB-UBND\"")]),
                "content/notices/gia-han.md": validNotice(title: "\"Gia hạn\"", posted: "2026-03-02", expires: "2026-04-01"),
                "content/notices/cu.md": validNotice(title: "\"Cũ\"", posted: "2026-03-02", expires: "2026-04-01"),
                "content/notices/huy.md": validNotice(title: "\"Hủy\"", posted: "2026-03-02", expires: "2026-04-01",
                                                      extra: [("number", "\"13/TB-UBND\"")],
                                                      body: "Danh sách hộ: Nguyễn Văn A.\n"),
            ])
            // Start, then daily rebuilds.
            Self.build(site, at: "2026-03-02T07:00:00+07:00")
            Self.build(site, at: "2026-03-03T00:05:00+07:00")
            Self.build(site, at: "2026-03-04T00:05:00+07:00")
            // A failing build: a new broken file is left out, everything else stays online.
            try site.write("content/notices/hong.md", "---\ntitle: [\n---\nx\n")
            Self.build(site, at: "2026-03-05T00:05:00+07:00")
            #expect(PublicationJournal(root: site.root).entries().last { $0.event == "build" }?.value("errors") == "yes")
            try site.remove("content/notices/hong.md")
            // A withdrawal: gone from the site, a short public line on the home page while its period runs.
            let huy = try String(contentsOf: site.root.appendingPathComponent("content/notices/huy.md"), encoding: .utf8)
            try site.write("content/notices/huy.md", huy.replacingOccurrences(
                of: "---\nDanh", with: "withdrawn:\n  date: 2026-03-11\n  reason: \"sai số liệu\"\n---\nDanh"))
            Self.build(site, at: "2026-03-11T00:05:00+07:00")
            let home = try site.read("index.html")
            #expect(home.contains("<li data-ends=\"2026-04-02T00:00:00+07:00\">Thông báo số 13/TB-UBND đã bị hủy bỏ ngày 11/03/2026: sai số liệu</li>"))
            #expect(!home.contains("Nguyễn Văn A") && !site.exists("thong-bao/huy/index.html"))
            // A supersession.
            try site.write("content/notices/moi.md", validNotice(title: "\"Mới\"", posted: "2026-03-16", expires: "2026-04-15",
                                                                 extra: [("supersedes", "[cu]")]))
            Self.build(site, at: "2026-03-16T00:05:00+07:00")
            // A correction: published beside the corrected notice, which says so.
            try site.write("content/notices/dinh-chinh.md", validNotice(
                title: "\"Đính chính\"", posted: "2026-03-20", expires: "2026-04-20",
                extra: [("number", "\"20/TB-UBND\""), ("corrects", "[du]")]))
            Self.build(site, at: "2026-03-20T00:05:00+07:00")
            let corrected = try site.read("thong-bao/du/index.html")
            #expect(corrected.contains("<p class=\"correction-note\" role=\"note\">Đã được đính chính bởi <a href=\"/thong-bao/dinh-chinh/\">20/TB-UBND: Đính chính</a></p>"))
            #expect(try site.read("thong-bao/dinh-chinh/index.html")
                .contains("Đính chính cho <a href=\"/thong-bao/du/\">10/TB-UBND: Đủ</a>"))
            // The period ends; `gia-han` is extended the next day, after a gap.
            Self.build(site, at: "2026-04-02T00:05:00+07:00")
            #expect(!(try site.read("index.html")).contains("đã bị hủy bỏ ngày"))
            let extendedOutcome = try NoticeExtender(root: site.root).extend(id: "gia-han", to: LocalDate(iso: "2026-04-15")!,
                                                                       reason: "nhận thêm ý kiến", now: instant("2026-04-03T08:00:00+07:00"))
            #expect(extendedOutcome.previous == LocalDate(iso: "2026-04-01")! && extendedOutcome.date == LocalDate(iso: "2026-04-03")!)
            Self.build(site, at: "2026-04-03T09:00:00+07:00")
            #expect(try site.read("thong-bao/gia-han/index.html")
                .contains("<ul class=\"extensions\"><li>Gia hạn niêm yết đến hết ngày 15/04/2026 (ngày 03/04/2026: nhận thêm ý kiến)</li></ul>"))
            #expect(PublicationJournal(root: site.root).verify() == .valid(lines: PublicationJournal(root: site.root).lines().count))

            // The exact history of every notice.
            let start = "2026-03-02T07:00:00+07:00"
            #expect(try Self.historyJSON(site, "du") == Self.json("du", days: 30, basis: Self.general,
                                                                 published: [(start, "2026-04-02T00:05:00+07:00")], complete: true))
            #expect(try Self.historyJSON(site, "gia-han") == Self.json(
                "gia-han", days: 30, basis: Self.general,
                published: [(start, "2026-04-02T00:05:00+07:00"), ("2026-04-03T09:00:00+07:00", nil)], complete: false))
            #expect(try Self.historyJSON(site, "cu") == Self.json("cu", days: 30, basis: Self.general,
                                                                 published: [(start, "2026-03-16T00:05:00+07:00")], complete: false))
            #expect(try Self.historyJSON(site, "huy") == Self.json("huy", days: 30, basis: Self.general,
                                                                  published: [(start, "2026-03-11T00:05:00+07:00")], complete: false))
            #expect(try Self.historyJSON(site, "moi") == Self.json(
                "moi", days: 30, basis: Self.general, published: [("2026-03-16T00:05:00+07:00", nil)], complete: false))
            #expect(try Self.historyJSON(site, "dinh-chinh") == Self.json(
                "dinh-chinh", days: 30, basis: Self.general, published: [("2026-03-20T00:05:00+07:00", nil)], complete: false))

            // Why each stopped or changed, in the journal.
            let reasons = { (id: String) in
                PublicationJournal(root: site.root).entries().filter { $0.id == id }.map { "\($0.event):\($0.value("reason") ?? "")" }
            }
            #expect(reasons("du") == ["started:started", "changed:corrected", "stopped:ended"])
            #expect(reasons("gia-han") == ["started:started", "stopped:ended", "started:extended"])
            #expect(reasons("cu") == ["started:started", "stopped:superseded"])
            #expect(reasons("huy") == ["started:started", "stopped:withdrawn"])
            #expect(reasons("hong").isEmpty)
            let changed = PublicationJournal(root: site.root).entries().first { $0.id == "du" && $0.event == "changed" }
            #expect(changed?.details.filter { $0.key == "corrected-by" }.map(\.value) == ["dinh-chinh"])

            // The verdict of the extended notice names the gap.
            let lines = try PublicationJournalTests.history(site, "gia-han").verdict(language: .vi, calendar: Self.calendar)
            #expect(lines.contains("Gián đoạn từ 00:05 ngày 02/04/2026 đến 09:00 ngày 03/04/2026."))
        }

        @Test func aBackdatedPostingIsFlaggedInTheExactJSON() throws {
            let site = try TestSite(files: ["content/notices/lui.md": validNotice(posted: "2026-03-02", expires: "2026-04-01")])
            Self.build(site, at: "2026-03-04T10:00:00+07:00")
            #expect(try Self.historyJSON(site, "lui") == Self.json(
                "lui", days: 30, basis: Self.general, published: [("2026-03-04T10:00:00+07:00", nil)], complete: false,
                backdated: true))
        }

        @Test func theLastResortIsJournaledWithWhatItTookDown() throws {
            let site = try TestSite(files: [
                "content/notices/het-han.md": validNotice(posted: "2026-03-02", expires: "2026-04-01"),
                "content/notices/con-lau.md": validNotice(posted: "2026-03-02", expires: "2026-05-29"),
            ])
            Self.build(site, at: "2026-03-02T08:00:00+07:00")
            // No stored sources and a broken site.yaml: no new site can be built, only the old one cleaned.
            try FileManager.default.removeItem(at: site.root.appendingPathComponent(".site.congkhai-state"))
            try site.write("content/site.yaml", "title: [\n")
            Self.build(site, at: "2026-04-02T08:00:00+07:00")
            #expect(!site.exists("thong-bao/het-han/index.html") && site.exists("thong-bao/con-lau/index.html"))
            let journal = PublicationJournal(root: site.root)
            let last = journal.entries().filter { $0.instant == "2026-04-02T08:00:00+07:00" }
            #expect(last.map { "\($0.event):\($0.id):\($0.value("reason") ?? "")" } == ["build:-:", "stopped:het-han:ended"])
            #expect(last.first?.value("errors") == "yes" && last.first?.value("published") == "1")
            #expect(journal.verify() == .valid(lines: journal.lines().count))
            // `con-lau` stays online, unbroken.
            #expect(journal.entries().filter { $0.id == "con-lau" }.map(\.event) == ["started"])
        }

        // MARK: extend

        @Test func extendEditsOnlyExpiresAndAppendsToExtended() throws {
            let original = """
            ---
            title: "Gia hạn"   # tiêu đề
            type: general
            commune: xa-a
            issuer: "UBND xã A"
            posted: 2026-03-02
            expires: 2026-04-01 # ngày cuối
            extended:
              - date: 2026-03-20
                to: 2026-04-01
                reason: "lần đầu"
            places: [Nhà văn hóa]
            ---
            Nội dung.

            """
            let site = try TestSite(files: ["content/notices/g.md": original])
            let outcome = try NoticeExtender(root: site.root).extend(
                id: "g", to: LocalDate(iso: "2026-04-20")!, reason: "theo \"đề nghị\" của thôn", now: instant("2026-03-28T10:00:00+07:00"))
            #expect(outcome.previous == LocalDate(iso: "2026-04-01")!)
            let text = try String(contentsOf: site.root.appendingPathComponent("content/notices/g.md"), encoding: .utf8)
            #expect(text == original
                .replacingOccurrences(of: "expires: 2026-04-01 # ngày cuối", with: "expires: 2026-04-20 # ngày cuối")
                .replacingOccurrences(of: "    reason: \"lần đầu\"\n", with: """
                    reason: "lần đầu"
                  - date: 2026-03-28
                    previous: 2026-04-01
                    to: 2026-04-20
                    reason: "theo \\"đề nghị\\" của thôn"

                """))
            let (content, diagnostics) = SiteContent.load(root: site.root)
            #expect(!diagnostics.hasErrors)
            let notice = try #require(content?.notices.first)
            #expect(notice.extensions.map(\.to) == [LocalDate(iso: "2026-04-01")!, LocalDate(iso: "2026-04-20")!])
            #expect(notice.extensions.last?.reason == "theo \"đề nghị\" của thôn")
        }

        @Test func extendRefusesAnEarlierDayAnUnknownIdAndABrokenFile() throws {
            let site = try TestSite(files: [
                "content/notices/g.md": validNotice(posted: "2026-03-02", expires: "2026-04-01"),
                "content/notices/hong.md": "---\ntitle: \"x\"\n---\n",
            ])
            let extender = NoticeExtender(root: site.root)
            let now = instant("2026-03-28T10:00:00+07:00")
            let before = try Data(contentsOf: site.root.appendingPathComponent("content/notices/g.md"))
            #expect(throws: NoticeExtender.Failure.notLater(current: LocalDate(iso: "2026-04-01")!, requested: LocalDate(iso: "2026-04-01")!)) {
                try extender.extend(id: "g", to: LocalDate(iso: "2026-04-01")!, reason: nil, now: now)
            }
            #expect(throws: NoticeExtender.Failure.unknownNotice("gg", suggestions: ["g"])) {
                try extender.extend(id: "gg", to: LocalDate(iso: "2026-04-20")!, reason: nil, now: now)
            }
            do {
                _ = try extender.extend(id: "hong", to: LocalDate(iso: "2026-04-20")!, reason: nil, now: now)
                Issue.record("a broken file was extended")
            } catch {
                guard case .diagnostics(let found) = error else { Issue.record("\(error)"); return }
                #expect(found.contains { $0.path == "content/notices/hong.md" && $0.severity == .error })
            }
            #expect(try Data(contentsOf: site.root.appendingPathComponent("content/notices/g.md")) == before)
            // Without a reason, and with no `extended:` yet: the list is added after `expires`.
            _ = try extender.extend(id: "g", to: LocalDate(iso: "2026-04-20")!, reason: nil, now: now)
            let text = try String(contentsOf: site.root.appendingPathComponent("content/notices/g.md"), encoding: .utf8)
            #expect(text.contains("expires: 2026-04-20\nextended:\n  - date: 2026-03-28\n    previous: 2026-04-01\n    to: 2026-04-20\n---\n"))
        }

        @Test func anExtensionThatDisagreesWithExpiresWarnsAndOneOutOfOrderIsAnError() throws {
            let site = try TestSite(files: [
                "content/notices/a.md": validNotice(expires: "2026-04-30", extra: [("extended", "[{date: 2026-03-20, to: 2026-04-20}]")]),
                "content/notices/b.md": validNotice(expires: "2026-04-30", extra: [
                    ("extended", "[{date: 2026-03-20, to: 2026-04-30}, {date: 2026-03-21, to: 2026-04-10}]")]),
            ])
            let (_, diagnostics) = SiteContent.load(root: site.root)
            #expect(diagnostics.contains { $0.path == "content/notices/a.md" && $0.severity == .warning
                && $0.message == .extensionDisagrees(to: LocalDate(iso: "2026-04-20")!, expires: "30/04/2026") })
            #expect(diagnostics.contains { $0.path == "content/notices/b.md" && $0.severity == .error && $0.message == .extensionOutOfOrder })
        }

        @Test func extendKeepsCRLFLineEndingsAndTheListsOwnIndentation() throws {
            let original = "---\r\ntitle: \"G\"\r\ntype: general\r\ncommune: xa-a\r\nissuer: \"UBND xã A\"\r\n"
                + "posted: 2026-03-02\r\nexpires: 2026-04-01\r\nextended:\r\n- date: 2026-03-20\r\n  to: 2026-04-01\r\n\r\n"
                + "- date: 2026-03-21\r\n  to: 2026-04-01\r\nplaces: [A]\r\n---\r\nNội dung.\r\n"
            // (The second entry repeats the first's end: out of order, an error, so fix it first.)
            let valid = original.replacingOccurrences(of: "- date: 2026-03-20\r\n  to: 2026-04-01", with: "- date: 2026-03-20\r\n  to: 2026-03-31")
            let site = try TestSite(files: ["content/notices/g.md": valid])
            _ = try NoticeExtender(root: site.root).extend(id: "g", to: LocalDate(iso: "2026-04-20")!, reason: "thêm",
                                                           now: instant("2026-03-28T10:00:00+07:00"))
            let text = try String(contentsOf: site.root.appendingPathComponent("content/notices/g.md"), encoding: .utf8)
            #expect(text == valid
                .replacingOccurrences(of: "expires: 2026-04-01\r\n", with: "expires: 2026-04-20\r\n")
                .replacingOccurrences(of: "  to: 2026-04-01\r\nplaces", with: "  to: 2026-04-01\r\n- date: 2026-03-28\r\n  previous: 2026-04-01\r\n  to: 2026-04-20\r\n  reason: \"thêm\"\r\nplaces"))
            let (content, diagnostics) = SiteContent.load(root: site.root)
            #expect(!diagnostics.hasErrors, "\(diagnostics)")
            #expect(content?.notices.first?.extensions.count == 3)
        }

        @Test func anExtensionCannotBeBackdated() throws {
            let site = try TestSite(files: ["content/notices/g.md": validNotice(posted: "2026-03-02", expires: "2026-04-01")])
            #expect(throws: NoticeExtender.Failure.inThePast(today: LocalDate(iso: "2026-04-20")!, requested: LocalDate(iso: "2026-04-15")!)) {
                try NoticeExtender(root: site.root).extend(id: "g", to: LocalDate(iso: "2026-04-15")!, reason: nil,
                                                           now: instant("2026-04-20T10:00:00+07:00"))
            }
        }

        @Test func anExtensionLeftBehindByAHandEditIsNotShown() throws {
            let site = try TestSite(files: [
                "content/notices/g.md": validNotice(posted: "2026-03-02", expires: "2026-04-10",
                                                    extra: [("extended", "[{date: 2026-03-20, previous: 2026-04-01, to: 2026-04-20}]")]),
            ])
            try site.build(at: "2026-03-25T10:00:00+07:00")
            #expect(!(try site.read("thong-bao/g/index.html")).contains("Gia hạn"))
        }

        // MARK: corrections and withdrawals
        // MARK: corrections and withdrawals

        @Test func aCorrectionOfAnUnknownNoticeIsAnErrorWithASuggestion() throws {
            let site = try TestSite(files: [
                "content/notices/goc.md": validNotice(),
                "content/notices/sua.md": validNotice(extra: [("corrects", "[goc-x]")]),
                "content/notices/tu.md": validNotice(extra: [("corrects", "[tu]")]),
            ])
            let (_, diagnostics) = SiteContent.load(root: site.root)
            #expect(diagnostics.contains { $0.path == "content/notices/sua.md" && $0.message == .unknownCorrects("goc-x", suggestions: ["goc"]) })
            #expect(diagnostics.contains { $0.path == "content/notices/tu.md" && $0.message == .correctsItself })
        }

        @Test func aCorrectionOfANoticeNoLongerPostedDoesNotLinkToIt() throws {
            let site = try TestSite(files: [
                "content/notices/goc.md": validNotice(posted: "2026-01-05", expires: "2026-02-20", extra: [("number", "\"1/TB\"")]),
                "content/notices/sua.md": validNotice(posted: "2026-03-02", expires: "2026-04-01", extra: [("corrects", "[goc]")]),
            ])
            try site.build(at: "2026-03-10T10:00:00+07:00")
            let page = try site.read("thong-bao/sua/index.html")
            #expect(!page.contains("correction-note"))
            #expect(!page.contains("thong-bao/goc"))
        }

        @Test func aWithdrawalWithoutADateStillLeavesItsLineAndNothingElse() throws {
            let site = try TestSite(files: [
                "content/notices/ngung-nuoc.md": validNotice(title: "\"Tạm ngừng cấp nước\"", posted: "2026-03-02", expires: "2026-04-01",
                                                    extra: [("withdrawn", "\"nhầm thôn\"")]),
                "content/notices/con-lai.md": validNotice(posted: "2026-03-02", expires: "2026-04-01"),
            ])
            try site.build(at: "2026-03-10T10:00:00+07:00")
            let home = try site.read("index.html")
            #expect(home.contains("<li data-ends=\"2026-04-02T00:00:00+07:00\">Thông báo «Tạm ngừng cấp nước» đã bị hủy bỏ: nhầm thôn</li>"))
            #expect(!site.exists("thong-bao/ngung-nuoc/index.html"))
            #expect(!(try site.read("search.json")).contains("Tạm ngừng"))
            #expect(!(try site.read("notices.json")).contains("ngung-nuoc"))
        }

        @Test func aWithdrawalLineShowsOnlyWithinItsWindowAndTheNextChangeKnowsIt() throws {
            let site = try TestSite(files: [
                "content/notices/chua-dang.md": validNotice(posted: "2026-03-20", expires: "2026-04-30",
                                                            extra: [("number", "\"5/TB\""), ("withdrawn", "\"soạn nhầm\"")]),
                "content/notices/da-dang.md": validNotice(posted: "2026-03-02", expires: "2026-04-01",
                                                          extra: [("number", "\"6/TB\""), ("withdrawn", "{date: 2026-03-12, reason: \"sai\"}")]),
                "content/notices/con-lai.md": validNotice(posted: "2026-03-02", expires: "2026-06-30"),
            ])
            let (loaded, _) = SiteContent.load(root: site.root)
            let content = try #require(loaded)
            // Never announced before its posting would have started, nor before its withdrawal day.
            #expect(content.withdrawals(at: instant("2026-03-11T10:00:00+07:00")).isEmpty)
            #expect(content.nextChange(after: instant("2026-03-11T10:00:00+07:00")) == instant("2026-03-12T00:00:00+07:00"))
            #expect(content.withdrawals(at: instant("2026-03-12T00:00:00+07:00")).map(\.id) == ["da-dang"])
            #expect(content.nextChange(after: instant("2026-03-12T00:00:00+07:00")) == instant("2026-03-20T00:00:00+07:00"))
            #expect(content.withdrawals(at: instant("2026-03-20T00:00:00+07:00")).map(\.id) == ["da-dang", "chua-dang"])
            // Gone at the end of the original period, to the second; the build plans a rebuild then.
            #expect(content.withdrawals(at: instant("2026-04-01T23:59:59+07:00")).map(\.id) == ["da-dang", "chua-dang"])
            #expect(content.withdrawals(at: instant("2026-04-02T00:00:00+07:00")).map(\.id) == ["chua-dang"])
            let report = try site.build(at: "2026-03-25T10:00:00+07:00")
            #expect(report.nextChange == instant("2026-04-02T00:00:00+07:00"))
            // The line carries its end, so a stale copy hides it in the browser (expiry.js).
            #expect(try site.read("index.html").contains("<li data-ends=\"2026-04-02T00:00:00+07:00\">Thông báo số 6/TB đã bị hủy bỏ ngày 12/03/2026: sai</li>"))
        }

        @Test func aCorrectionThatEndsIsJournaledAsSuchAndALastResortPlaceholderStopsThePage() throws {
            let site = try TestSite(files: [
                "content/notices/goc.md": validNotice(posted: "2026-03-02", expires: "2026-05-29"),
                "content/notices/sua.md": validNotice(posted: "2026-03-05", expires: "2026-04-06", extra: [("corrects", "[goc]")]),
            ])
            Self.build(site, at: "2026-03-05T08:00:00+07:00")
            Self.build(site, at: "2026-04-07T08:00:00+07:00")
            let goc = PublicationJournal(root: site.root).entries().filter { $0.id == "goc" }
            #expect(goc.map { $0.value("reason") ?? "" } == ["started", "correction-ended"])
            #expect(goc.first?.value("corrected-by") == "sua" && goc.last?.value("corrected-by") == nil)

            // Again, but the correction ends during a build that can only clean the previous site:
            // the corrected notice's page (which links to the correction) becomes a placeholder.
            let degraded = try TestSite(files: [
                "content/notices/goc.md": validNotice(posted: "2026-03-02", expires: "2026-05-29"),
                "content/notices/sua.md": validNotice(posted: "2026-03-05", expires: "2026-04-06", extra: [("corrects", "[goc]")]),
            ])
            Self.build(degraded, at: "2026-03-05T08:00:00+07:00")
            try FileManager.default.removeItem(at: degraded.root.appendingPathComponent(".site.congkhai-state"))
            try degraded.write("content/site.yaml", "title: [\n")
            Self.build(degraded, at: "2026-04-07T08:00:00+07:00")
            #expect(!(try degraded.read("thong-bao/goc/index.html")).contains("Nội dung thông báo"))
            let lines = PublicationJournal(root: degraded.root).entries().filter { $0.instant == "2026-04-07T08:00:00+07:00" }
            #expect(lines.map { "\($0.event):\($0.id):\($0.value("reason") ?? "")" } == ["build:-:", "stopped:goc:degraded", "stopped:sua:ended"])
        }

        @Test func anIdentifierInATitleSummaryOrWithdrawalReasonIsAWarningAtItsValue() throws {
            let site = try TestSite(files: [
                "content/notices/a.md": validNotice(title: "\"Hộ ông A, CCCD 079123456789\"", extra: [
                    ("summary", "\"Liên hệ 0912345678\""),
                    ("withdrawn", "{date: 2026-03-06, reason: \"nhầm hộ có CCCD 079123456780\"}"),
                ]),
            ])
            let (_, diagnostics) = SiteContent.load(root: site.root)
            let found = diagnostics.filter { if case .personalData = $0.message { return true } else { return false } }
            #expect(found.map { $0.position?.line } == [2, 8, 9], "\(found)")
            #expect(found.allSatisfy { $0.severity == .warning })
        }

        // MARK: records
        // MARK: records

        @Test func theClosingRecordOfAnEndedNoticeIsFiledAndNeverPublished() throws {
            let site = try TestSite(files: [
                "content/notices/xong.md": validNotice(title: "\"Đã xong\"", posted: "2026-03-02", expires: "2026-04-01",
                                                       extra: [("number", "\"7/TB-UBND\""), ("places", "[\"Nhà văn hóa thôn Một\"]")]),
                "content/notices/dang.md": validNotice(title: "\"Đang đăng\"", posted: "2026-03-20", expires: "2026-04-30"),
            ])
            Self.build(site, at: "2026-03-02T08:00:00+07:00")
            Self.build(site, at: "2026-03-20T08:00:00+07:00")
            Self.build(site, at: "2026-04-02T00:05:00+07:00")
            let folder = site.root.appendingPathComponent("ho-so")
            let (content, _) = SiteContent.load(root: site.root)
            let written = try RecordsWriter(root: site.root, folder: folder).write(
                content: try #require(content), entries: PublicationJournal(root: site.root).entries(),
                now: instant("2026-04-02T09:00:00+07:00"), since: nil, quarter: nil)
            #expect(written == ["dang/bien-ban-niem-yet.html", "xong/bien-ban-niem-yet.html", "xong/bien-ban-ket-thuc-niem-yet.html"])
            let closing = try String(contentsOf: folder.appendingPathComponent("xong/bien-ban-ket-thuc-niem-yet.html"), encoding: .utf8)
            #expect(closing.contains("<p class=\"strong\">UBND XÃ A</p>"))
            #expect(closing.contains("Độc lập - Tự do - Hạnh phúc"))
            #expect(closing.contains("<li>từ 08:00 ngày 02/03/2026 đến 00:05 ngày 02/04/2026</li>"))
            #expect(closing.contains("Kết luận: đã niêm yết đủ 30 ngày liên tục"))
            #expect(closing.contains("<li>Nhà văn hóa thôn Một: <span class=\"blank\"></span></li>"))
            #expect(closing.contains("A, ngày … tháng … năm …"))
            let opening = try String(contentsOf: folder.appendingPathComponent("xong/bien-ban-niem-yet.html"), encoding: .utf8)
            #expect(opening.contains("Thời gian niêm yết: từ ngày 02 tháng 3 năm 2026 đến hết ngày 01 tháng 4 năm 2026 (ít nhất 30 ngày, theo "))
            // Nowhere in the published output, which the expiry verification proves free of `xong`.
            let published = TestSite.snapshot(of: site.output)
            #expect(!published.keys.contains { $0.contains("bien-ban") })
            #expect(!published.values.contains { String(decoding: $0, as: UTF8.self).contains("BIÊN BẢN") })
            let statuses = try #require(content).schedule.statuses(at: instant("2026-04-02T09:00:00+07:00"))
            #expect(statuses["xong"] == .expired)
            #expect(OutputVerifier(statuses: statuses, displayPrefix: "").verify(folder: site.output).isEmpty)
            // `--since` leaves out the notices that ended before that day.
            let again = try RecordsWriter(root: site.root, folder: folder).write(
                content: try #require(content), entries: PublicationJournal(root: site.root).entries(),
                now: instant("2026-04-02T09:00:00+07:00"), since: LocalDate(iso: "2026-04-02"), quarter: nil)
            #expect(again == ["dang/bien-ban-niem-yet.html"])
        }

        @Test(arguments: ["site", "site/ho-so", "content/ho-so", "theme", "."])
        func recordsNeverGoIntoThePublishedOrSourceFolders(folder: String) throws {
            let site = try TestSite()
            #expect(throws: RecordsWriter.Failure.unsafeFolder(site.root.appendingPathComponent(folder).path)) {
                try RecordsWriter.check(folder: site.root.appendingPathComponent(folder), root: site.root, output: site.output)
            }
            try RecordsWriter.check(folder: site.root.appendingPathComponent("ho-so"), root: site.root, output: site.output)
        }

        @Test func theQuarterlyListRoundTripsThroughPythonCSVAndListsEndedNotices() throws {
            let site = try TestSite(files: [
                "content/notices/xong.md": validNotice(title: "\"Kế hoạch, \\\"đợt 1\\\"\"", posted: "2026-10-01", expires: "2026-11-02",
                                                       extra: [("number", "\"7/TB-UBND\"")]),
                "content/notices/dang.md": validNotice(title: "\"Đang đăng\"", posted: "2026-11-03", expires: "2026-12-31"),
                "content/notices/nam-sau.md": validNotice(title: "\"Năm sau\"", posted: "2027-01-05", expires: "2027-02-05"),
            ])
            Self.build(site, at: "2026-10-01T08:00:00+07:00")
            Self.build(site, at: "2026-11-03T08:00:00+07:00")
            let folder = site.root.appendingPathComponent("ho-so")
            let (content, _) = SiteContent.load(root: site.root)
            let written = try RecordsWriter(root: site.root, folder: folder).write(
                content: try #require(content), entries: PublicationJournal(root: site.root).entries(),
                now: instant("2026-11-03T09:00:00+07:00"), since: LocalDate(iso: "2026-12-01"), quarter: Quarter("2026-Q4"))
            #expect(written.count == 4)  // `dang` and `nam-sau` run after --since; `xong` ended before it
            #expect(written.suffix(2) == ["danh-muc-2026-Q4.html", "danh-muc-2026-Q4.csv"])
            let script = """
            import csv, json, sys
            with open(sys.argv[1], newline="", encoding="utf-8-sig") as f:
                print(json.dumps(list(csv.reader(f)), ensure_ascii=False))
            """
            let python = try ChildProcess("python3", ["-c", script, folder.appendingPathComponent("danh-muc-2026-Q4.csv").path])
            #expect(python.wait() == 0, "\(python.stderr)")
            let rows = try #require(try JSONSerialization.jsonObject(with: Data(python.stdout.utf8)) as? [[String]])
            #expect(rows.count == 3)
            #expect(rows.first == ["STT", "Số, ký hiệu", "Trích yếu", "Loại thông báo", "Mã", "Thời gian đăng thực tế",
                                   "Địa điểm niêm yết", "Căn cứ thời gian"])
            // The ended notice is listed (metadata only), with the dates the journal shows.
            #expect(rows.dropFirst().first?.prefix(6) == ["1", "7/TB-UBND", "Kế hoạch, \"đợt 1\"", "Thông báo chung", "xong",
                                                          "01/10/2026 08:00 – 03/11/2026 08:00"])
            #expect(rows.last?.prefix(6) == ["2", "", "Đang đăng", "Thông báo chung", "dang", "03/11/2026 08:00 – đang đăng"])
            #expect(rows.last?.last == "nhật ký")
            let html = try String(contentsOf: folder.appendingPathComponent("danh-muc-2026-Q4.html"), encoding: .utf8)
            #expect(html.contains("Kế hoạch, &quot;đợt 1&quot;") && !html.contains("Năm sau"))
        }

        // MARK: the commands

        @Test func theCommandsExtendHistoryAndRecordsWorkEndToEnd() throws {
            let site = try TestSite(files: ["content/notices/gia-han.md": validNotice(posted: "2026-03-02", expires: "2026-04-01")])
            let root = site.root.path
            #expect(try CongKhaiProcess.run(["build", "--root", root, "--now", "2026-03-02T08:00:00+07:00"]).status == 0)
            #expect(try CongKhaiProcess.run(["build", "--root", root, "--now", "2026-04-02T08:00:00+07:00"]).status == 0)
            let refused = try CongKhaiProcess.run(["extend", "gia-han", "--to", "2026-03-30", "--root", root, "--now", "2026-04-03T08:00:00+07:00"])
            #expect(refused.status == 1)
            #expect(refused.stderr.contains("thông báo niêm yết đến hết ngày 01/04/2026; ngày gia hạn 30/03/2026 phải sau ngày đó"))
            let extended = try CongKhaiProcess.run(["extend", "gia-han", "--to", "2026-04-15", "--reason", "thêm ý kiến",
                                                    "--root", root, "--now", "2026-04-03T08:00:00+07:00"])
            #expect(extended.status == 0, "\(extended.stderr)")
            #expect(extended.stdout.contains("đã gia hạn niêm yết `gia-han` đến hết ngày 15/04/2026 (trước đây: hết ngày 01/04/2026)"))
            #expect(try CongKhaiProcess.run(["build", "--root", root, "--now", "2026-04-03T09:00:00+07:00"]).status == 0)
            let history = try CongKhaiProcess.run(["history", "gia-han", "--json", "--root", root])
            #expect(history.status == 0)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(history.stdout.utf8)) as? [String: Any])
            #expect(object["continuous"] as? Bool == false)
            #expect((object["gaps"] as? [[String: Any]])?.first?["from"] as? String == "2026-04-02T08:00:00+07:00")
            let text = try CongKhaiProcess.run(["history", "gia-han", "--root", root])
            #expect(text.stdout.contains("Gián đoạn từ 08:00 ngày 02/04/2026 đến 09:00 ngày 03/04/2026."))
            let unsafe = try CongKhaiProcess.run(["records", "--root", root, "--out", site.output.appendingPathComponent("ho-so").path])
            #expect(unsafe.status == 1 && unsafe.stderr.contains("không ghi hồ sơ vào"))
            let records = try CongKhaiProcess.run(["records", "--root", root, "--quarter", "2026-Q2", "--now", "2026-04-03T10:00:00+07:00"])
            #expect(records.status == 0, "\(records.stderr)")
            #expect(FileManager.default.fileExists(atPath: site.root.appendingPathComponent("ho-so/gia-han/bien-ban-niem-yet.html").path))
            #expect(FileManager.default.fileExists(atPath: site.root.appendingPathComponent("ho-so/danh-muc-2026-Q2.csv").path))
            let badQuarter = try CongKhaiProcess.run(["records", "--root", root, "--quarter", "2026-Q5"])
            #expect(badQuarter.status != 0 && badQuarter.stderr.contains("--quarter \"2026-Q5\" không hợp lệ"))
        }
    }
}
