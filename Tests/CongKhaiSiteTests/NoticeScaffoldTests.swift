@testable import CongKhaiSite
import CongKhaiCore
import Foundation
import Testing

extension ChildProcessSuites {
    @Suite("congkhai new")
    struct NoticeScaffoldTests {
        static let siteYAML = TestSite.siteYAML + """
        types:
          land-price: { name: "Công khai giá đất cụ thể", min_days: 30 }
        holidays: [2026-04-30, 2026-05-01]

        """

        @Test("every type gives a notice that builds", arguments: NoticeType.builtIn.map(\.id) + ["land-price"])
        func everyTypeBuilds(type: String) throws {
            let site = try TestSite(siteYAML: Self.siteYAML)
            let (content, _) = SiteContent.load(root: site.root)
            let posted = try #require(LocalDate(iso: "2026-03-31"))
            let path = try NoticeScaffold(content: try #require(content))
                .create(type: type, title: "Thông báo \"thử\" về đất đai", commune: "xa-a", posted: posted, bundle: false)
            #expect(path == "content/notices/2026/2026-03-31-thong-bao-thu-ve-dat-dai.md")
            // `new` writes a draft: built at once, it publishes nothing.
            let draft = try site.build(at: "2026-03-31T08:00:00+07:00")
            #expect(draft.published == 0)
            #expect(draft.warnings.contains { $0.message == .draftNotPublished })
            // Without `draft` but with the skeleton's blanks, the build refuses it, at their lines.
            let skeleton = try String(contentsOf: site.root.appendingPathComponent(path), encoding: .utf8)
            try site.write(path, skeleton.replacingOccurrences(of: "draft: true ", with: "# draft: true "))
            let blanks = site.failingBuild(at: "2026-03-31T08:00:00+07:00")
            #expect(blanks.contains { $0.message == .emptyValue("number") && $0.position?.line == 6 })
            #expect(blanks.contains { if case .placeholderLeft = $0.message { $0.path == path } else { false } })
            // Filled in, it is published.
            let filled = skeleton.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("draft:") }
                .joined(separator: "\n").replacingOccurrences(of: "number: \"\"", with: "number: \"7/TB-UBND\"")
                .replacingOccurrences(of: "…", with: "Khu dân cư số 3")
            try site.write(path, filled)
            let report = try site.build(at: "2026-03-31T08:00:00+07:00")
            #expect(report.published == 1)
            let (reloaded, diagnostics) = SiteContent.load(root: site.root)
            #expect(diagnostics.filter { $0.severity == .error }.isEmpty)
            let notice = try #require(reloaded?.notices.first)
            #expect(notice.title == "Thông báo \"thử\" về đất đai")
            #expect(notice.issuer == "Ủy ban nhân dân xã A")
            // The earliest lawful end under the rule in force on that date, counted like the Civil
            // Code with the site's calendar; a land recovery notice runs to the end of its validity.
            let config = reloaded!.config
            let rule = try #require(config.rule(for: type, on: posted))
            let months = rule.validMonths ?? 0
            let expected = config.ruleCheck.earliestLastDay(rule, posted: posted)
                ?? WorkingCalendar.adding(months: months, to: posted)
            #expect(notice.lastDay(in: config.calendar) == expected)
            #expect(notice.rule == rule)
            // No error, and no warning that the scaffold itself causes about the period.
            #expect(!diagnostics.contains { if case .periodLongerThanFixed = $0.message { true } else { false } })
        }

        @Test func aTitleWithoutWordsGivesNoBareDateId() throws {
            let site = try TestSite(siteYAML: Self.siteYAML)
            let content = try #require(SiteContent.load(root: site.root).0)
            let posted = try #require(LocalDate(iso: "2026-12-01"))
            #expect(throws: NoticeScaffold.ScaffoldError.self) {
                try NoticeScaffold(content: content).create(type: "general", title: "!!!", commune: "xa-a", posted: posted, bundle: false)
            }
            #expect(!FileManager.default.fileExists(atPath: site.root.appendingPathComponent("content/notices/2026/2026-12-01.md").path))
        }

        @Test func landRecoveryNoticesListTheSixRequiredContents() throws {
            let body = NoticeScaffold.body(for: "land-recovery-notice")
            for heading in ["## 1. Lý do thu hồi đất", "## 2. Diện tích, vị trí khu đất thu hồi", "## 3. Tiến độ thu hồi đất",
                            "## 4. Kế hoạch điều tra, khảo sát, đo đạc, kiểm đếm",
                            "## 5. Dự kiến kế hoạch di chuyển và bố trí tái định cư",
                            "## 6. Dự kiến phương án bồi thường, hỗ trợ, tái định cư"] {
                #expect(body.contains(heading))
            }
        }

        @Test func fromTheCommandLineNeverOverwriting() throws {
            let site = try TestSite(siteYAML: Self.siteYAML)
            let arguments = ["new", "compensation-plan", "--root", site.root.path, "--title", "Phương án bồi thường Đường ven biển",
                             "--commune", "xa-b", "--bundle", "--now", "2026-03-05T10:00:00+07:00"]
            let first = try CongKhaiProcess.run(arguments)
            #expect(first.status == 0, "\(first.stderr)")
            let path = "content/notices/2026/2026-03-05-phuong-an-boi-thuong-duong-ven-bien/index.md"
            #expect(first.stdout == path + "\n")
            let text = try String(contentsOf: site.root.appendingPathComponent(path), encoding: .utf8)
            #expect(text.contains("posted: 2026-03-05\n"))
            // The 2026 rule: 10 days from 05/03 is Sunday 15/03 → Monday 16/03, with its basis.
            #expect(text.contains("expires: 2026-03-16           # ngày sớm nhất được phép: niêm yết ít nhất 10 ngày, không tính ngày đầu — Nghị quyết 254/2025/QH15, Điều 3, khoản 9, điểm b\n"))
            #expect(text.hasPrefix("---\ndraft: true "))
            #expect(text.contains("commune: xa-b\n"))
            try site.write("content/notices/2026/2026-03-05-phuong-an-boi-thuong-duong-ven-bien/index.md", text + "Sửa tay.\n")
            let second = try CongKhaiProcess.run(arguments)
            #expect(second.status == 1)
            #expect(second.stderr.contains("mã thông báo `2026-03-05-phuong-an-boi-thuong-duong-ven-bien` bị trùng"))
            #expect(try String(contentsOf: site.root.appendingPathComponent(path), encoding: .utf8).hasSuffix("Sửa tay.\n"))

            let noCommune = try CongKhaiProcess.run(["new", "general", "--root", site.root.path, "--title", "Tin", "--posted", "2026-03-05"])
            #expect(noCommune.status == 1)
            #expect(noCommune.stderr.hasSuffix("lỗi: hãy thêm --commune xa-a (site.yaml có các xã: `xa-a`, `xa-b`)\n"))
            let badType = try CongKhaiProcess.run(["new", "compensation", "--root", site.root.path, "--title", "Tin", "--commune", "xa-a"])
            #expect(badType.stderr.hasSuffix("lỗi: loại thông báo `compensation` không tồn tại (có phải ý bạn là `compensation-plan`?)\n"))
            let badDate = try CongKhaiProcess.run(["new", "general", "--root", site.root.path, "--title", "Tin", "--commune", "xa-a",
                                                   "--posted", "2026-02-30"])
            #expect(badDate.status == 1)
            #expect(badDate.stderr.contains("lỗi: `--posted`: ngày \"2026-02-30\" không hợp lệ"))
        }
    }
}
