@testable import CongKhaiSite
import CongKhaiCore
import Foundation
import Testing

extension ChildProcessSuites {
    /// The posting rules are data: the shipped file parses cleanly, every rule has its basis, the
    /// README's table is the file's, a site's rule wins, and notice pages show what the rules require.
    @Suite("Posting rules as data")
    struct PostingRulesDataTests {
        @Test func theShippedRulesParseAndEveryRuleHasABasis() {
            let shipped = ShippedRules.loaded
            #expect(shipped.diagnostics.isEmpty, "\(shipped.diagnostics.map { $0.formatted(in: .en) })")
            #expect(shipped.rules.count >= NoticeType.builtIn.count)
            for rule in shipped.rules {
                #expect(!rule.basis.isEmpty && !rule.note.isEmpty, "\(rule.type)")
                #expect(rule.shortest != nil || rule.validMonths != nil, "\(rule.type) sets no period")
                #expect(NoticeType.builtIn.contains { $0.id == rule.type })
            }
            // Every built-in type has a rule in force today and on the eve of the 2026 changes.
            for type in NoticeType.builtIn {
                #expect(RuleBook(shipped: shipped.rules).rule(for: type.id, on: LocalDate(iso: "2025-12-31")!) != nil, "\(type.id)")
                #expect(RuleBook(shipped: shipped.rules).rule(for: type.id, on: LocalDate(iso: "2026-12-01")!) != nil, "\(type.id)")
            }
            #expect(shipped.calendar.knownYears == [2026])
            #expect(shipped.calendar.workdays == [LocalDate(iso: "2026-01-10")!])
        }

        @Test func theReadmeTableIsTheShippedRules() throws {
            let readme = try String(contentsOf: CongKhaiProcess.repository.appendingPathComponent("README.md"), encoding: .utf8)
            let begin = try #require(readme.range(of: "<!-- rules:begin -->\n"))
            let end = try #require(readme.range(of: "<!-- rules:end -->"))
            #expect(String(readme[begin.upperBound..<end.lowerBound]) == RulesReport.markdownTable(),
                    "README.md's rules table differs from rules/posting-rules.yaml: paste `congkhai rules --markdown` between the markers")
        }

        static let siteWithRules = TestSite.siteYAML + """
        rules:
          - { type: general, from: 2026-06-01, min: 45, basis: "Quyết định 99/2026/QĐ-UBND tỉnh Quảng Ngãi, Điều 2" }
        contact:
          address: "Thôn A, xã A"
          phone: "0255 3 123 456"
          email: "ubnd@xa-a.example.gov.vn"

        """

        @Test func aSiteRuleWinsAndCongkhaiRulesShowsIt() throws {
            let site = try TestSite(siteYAML: Self.siteWithRules, files: [
                "content/notices/a.md": validNotice(posted: "2026-06-02", expires: "2026-07-03"),
            ])
            let failure = site.failingBuildReport(at: "2026-06-10T09:00:00+07:00")
            #expect(failure.diagnostics.map { $0.formatted(in: .vi) }.contains {
                $0.hasPrefix("content/notices/a.md:7:10: lỗi: Thông báo chung phải được niêm yết ít nhất 45 ngày (Quyết định 99/2026/QĐ-UBND tỉnh Quảng Ngãi, Điều 2)")
            })
            let rules = try CongKhaiProcess.run(["rules", "--root", site.root.path, "--type", "general", "--on", "2026-06-01"])
            #expect(rules.status == 0)
            #expect(rules.stdout.contains("Thông báo chung (`general`) — theo site.yaml"), "\(rules.stdout)")
            #expect(rules.stdout.contains("Thời hạn: ít nhất 45 ngày"))
            let before = try CongKhaiProcess.run(["rules", "--root", site.root.path, "--type", "general", "--on", "2026-05-31"])
            #expect(before.stdout.contains("Căn cứ: Luật Thực hiện dân chủ ở cơ sở 2022, Điều 12, khoản 3; Điều 13, khoản 2"))
            let compensation = try CongKhaiProcess.run(["rules", "--root", site.root.path, "--type", "compensation-plan", "--on", "2025-12-31"])
            #expect(compensation.stdout.contains("ít nhất 30 ngày"))
            #expect(compensation.stdout.contains("Luật Đất đai 2024, Điều 87, khoản 3, điểm a"))
        }

        @Test func noticePagesCarryRobotsPlacesDecisionsAndHowToSendOpinions() throws {
            let site = try TestSite(siteYAML: Self.siteWithRules, files: [
                "content/notices/phuong-an.md": validNotice(type: "compensation-plan", posted: "2026-03-02", expires: "2026-03-12",
                                                            extra: [("signed", "2026-03-02"), ("number", "\"45/TB-UBND\"")]),
                "content/notices/thu-hoi.md": validNotice(type: "land-recovery-notice", posted: "2026-03-02", expires: "2026-12-31",
                                                          extra: [("signed", "2026-03-02"), ("land_kind", "nong-nghiep")]),
                "content/notices/chung.md": validNotice(posted: "2026-03-02", expires: "2026-04-06"),
            ])
            try site.build(at: "2026-03-05T09:00:00+07:00")
            let plan = try site.read("thong-bao/phuong-an/index.html")
            #expect(plan.contains("<meta name=\"robots\" content=\"noindex, noarchive, unavailable_after: 2026-03-13T00:00:00+07:00\">"))
            #expect(plan.contains("<li>Trụ sở Ủy ban nhân dân xã A</li>"))
            #expect(plan.contains("<li>Cổng thông tin điện tử của xã A</li>"))
            #expect(plan.contains("Ý kiến góp ý gửi đến hết ngày 12/03/2026"))
            #expect(plan.contains("href=\"mailto:ubnd@xa-a.example.gov.vn?subject=G%C3%B3p%20%C3%BD%20v%E1%BB%81%2045%2FTB%2DUBND\""))
            #expect(plan.contains("<a href=\"tel:02553123456\">0255 3 123 456</a>"))
            let general = try site.read("thong-bao/chung/index.html")
            #expect(general.contains("<meta name=\"robots\" content=\"unavailable_after: 2026-04-07T00:00:00+07:00\">"))
            #expect(!general.contains("opinions-heading"))
            let recovery = try site.read("thong-bao/thu-hoi/index.html")
            #expect(recovery.contains("<li>đất nông nghiệp: từ ngày 01/05/2026 (60 ngày sau khi thông báo)</li>"))
            #expect(!recovery.contains("phi nông nghiệp"))
            // Personal data stays out of the sitemap; the other notices are in it.
            let sitemap = try site.read("sitemap.xml")
            #expect(!sitemap.contains("thong-bao/phuong-an/"))
            #expect(sitemap.contains("thong-bao/chung/"))
            #expect(sitemap.contains("thong-bao/thu-hoi/"))
            // The posting record (an office document, written outside the site) lists the same places.
            let (content, _) = SiteContent.load(root: site.root)
            let records = site.root.appendingPathComponent("ho-so")
            _ = try RecordsWriter(root: site.root, folder: records).write(
                content: try #require(content), entries: [], now: instant("2026-03-05T09:00:00+07:00"), since: nil, quarter: nil)
            #expect(try String(contentsOf: records.appendingPathComponent("phuong-an/bien-ban-niem-yet.html"), encoding: .utf8)
                .contains("<li>Cổng thông tin điện tử của xã A</li>"))
            #expect(!site.exists("thong-bao/phuong-an/bien-ban.html"))
        }

        @Test func aLandRecoveryNoticeWithoutItsKindShowsBothLeadTimes() throws {
            let site = try TestSite(files: [
                "content/notices/thu-hoi.md": validNotice(type: "land-recovery-notice", posted: "2026-03-02", expires: "2026-12-31",
                                                          extra: [("signed", "2026-03-02")]),
            ])
            try site.build(at: "2026-03-05T09:00:00+07:00")
            let page = try site.read("thong-bao/thu-hoi/index.html")
            #expect(page.contains("đất nông nghiệp: từ ngày 01/05/2026 (60 ngày sau khi thông báo)"))
            #expect(page.contains("đất phi nông nghiệp: từ ngày 30/06/2026 (120 ngày sau khi thông báo)"))
        }
    }
}
