@testable import CongKhaiSite
import CongKhaiCore
import Foundation
import Testing

extension ChildProcessSuites {
    /// `congkhai status` as the clerk reads it in the morning, `congkhai types`, `--now` with a day
    /// alone, and argument errors in the interface language. Every run uses a fixed `--now`.
    @Suite("The clerk's status view")
    struct StatusViewTests {
        static let now = "2026-11-28T09:00:00+07:00"

        static let siteYAML = TestSite.siteYAML + """
        types:
          land-price: { name: "Công khai giá đất cụ thể", name_en: "Specific land prices", min_days: 30 }

        """

        /// At 28/11/2026 09:00: one notice ends today, one in 3 days, two start later, three run on,
        /// one was superseded, one withdrawn, one ended in October and one in July.
        static func site(siteYAML: String = StatusViewTests.siteYAML) throws -> TestSite {
            let site = try TestSite(siteYAML: siteYAML, files: [
                "content/notices/het-hom-nay.md": validNotice(title: "\"Thông báo hết hôm nay\"", posted: "2026-10-20", expires: "2026-11-28",
                                                              extra: [("number", "\"10/TB-UBND\"")]),
                "content/notices/con-ba-ngay.md": validNotice(title: "\"Thông báo còn ba ngày\"", commune: "xa-b",
                                                              posted: "2026-10-25", expires: "2026-12-01"),
                "content/notices/sap-bat-dau.md": validNotice(title: "\"Bắt đầu ngày mai\"", posted: "2026-11-29", expires: "2026-12-31"),
                "content/notices/bat-dau-sau.md": validNotice(title: "\"Quyết định giải quyết khiếu nại\"", type: "complaint-decision",
                                                              posted: "2026-12-03", expires: "2026-12-20"),
                "content/notices/phuong-an/index.md": validNotice(
                    title: "\"Phương án bồi thường\"", type: "compensation-plan", posted: "2026-11-20", expires: "2026-12-15",
                    extra: [("number", "\"15/TB-UBND\""), ("signed", "2026-11-19"), ("summary", "\"Dự án đường ven biển\""),
                            ("attachments", "[{ file: ban-do.pdf, title: \"Bản đồ\" }]")]),
                "content/notices/dai-han.md": validNotice(title: "\"Thông báo dài hạn\"", posted: "2026-11-01", expires: "2026-12-20"),
                "content/notices/ban-cu.md": validNotice(title: "\"Bản cũ\"", posted: "2026-10-01", expires: "2026-12-31"),
                "content/notices/ban-moi.md": validNotice(title: "\"Bản mới\"", posted: "2026-11-25", expires: "2026-12-31",
                                                          extra: [("number", "\"20/TB-UBND\""), ("supersedes", "[ban-cu]")]),
                "content/notices/bi-huy.md": validNotice(title: "\"Thông báo bị hủy\"", posted: "2026-11-10", expires: "2026-12-20",
                                                         extra: [("withdrawn", "{ date: 2026-11-20, reason: \"ghi sai ngày\" }")]),
                "content/notices/da-het.md": validNotice(title: "\"Đã hết tháng mười\"", posted: "2026-09-01", expires: "2026-10-31"),
                "content/notices/cu-lam.md": validNotice(title: "\"Hết từ tháng bảy\"", posted: "2026-06-01", expires: "2026-07-31"),
            ])
            try site.write("content/notices/phuong-an/ban-do.pdf", Data("%PDF-1.4 bản đồ\n".utf8))
            return site
        }

        static func status(_ site: TestSite, _ arguments: [String] = [], now: String = StatusViewTests.now) throws -> CongKhaiProcess.Result {
            try CongKhaiProcess.run(["status", "--root", site.root.path, "--now", now] + arguments)
        }

        /// The non-indented lines: the headings, in order.
        static func headings(_ text: String) -> [String] {
            text.split(separator: "\n").map(String.init).filter { !$0.hasPrefix(" ") }
        }

        @Test func groupsByWhatToDoInVietnamese() throws {
            let site = try Self.site()
            let result = try Self.status(site)
            #expect(result.status == 0, "\(result.stderr)")
            let out = result.stdout
            #expect(Self.headings(out) == [
                "Tình hình lúc 09:00 ngày 28/11/2026: 5 thông báo đang niêm yết, 2 sắp bắt đầu.",
                "Kết thúc hôm nay — 1 thông báo",
                "Kết thúc trong 7 ngày tới, đến hết ngày 04/12/2026 (theo expiring_soon_days: 7) — 1 thông báo",
                "Sắp bắt đầu niêm yết — 2 thông báo",
                "Đang niêm yết — 3 thông báo",
                "Đã kết thúc, đã được thay thế hoặc đã bị hủy bỏ trong 30 ngày qua — 3 thông báo",
                "Danh sách sẽ thay đổi lúc 00:00 ngày 29/11/2026.",
            ])
            // Title, number, commune, first and last day, then the id and the source on the next line.
            #expect(out.contains("""
                  • Thông báo hết hôm nay · số 10/TB-UBND · Xã A · 20/10/2026 → 28/11/2026 · hôm nay là ngày cuối
                    het-hom-nay · content/notices/het-hom-nay.md

                """))
            #expect(!out.contains("còn 0 ngày"))
            #expect(out.contains("  • Thông báo còn ba ngày · Xã B · 25/10/2026 → 01/12/2026 · còn 3 ngày\n"))
            // Scheduled: soonest first.
            let tomorrow = try #require(out.range(of: "  • Bắt đầu ngày mai · Xã A · 29/11/2026 → 31/12/2026 · bắt đầu ngày mai\n"))
            let later = try #require(out.range(of: "· 03/12/2026 → 20/12/2026 · bắt đầu ngày 03/12/2026 (còn 5 ngày)\n"))
            #expect(tomorrow.lowerBound < later.lowerBound)
            // The rest being posted: ending soonest first.
            let order = ["Phương án bồi thường · số 15/TB-UBND", "Thông báo dài hạn ·", "Bản mới · số 20/TB-UBND"]
                .map { out.range(of: $0)?.lowerBound }
            #expect(order.allSatisfy { $0 != nil } && order == order.sorted { $0! < $1! })
            #expect(out.contains("· 20/11/2026 → 15/12/2026 · còn 17 ngày\n"))
            // Ended: most recent first, the July one only with --all.
            let ended = ["Bản cũ ·", "Thông báo bị hủy ·", "Đã hết tháng mười ·"].map { out.range(of: $0)?.lowerBound }
            #expect(ended.allSatisfy { $0 != nil } && ended == ended.sorted { $0! < $1! })
            #expect(out.contains("· đã được thay thế bởi thông báo số 20/TB-UBND (ban-moi)\n"))
            #expect(out.contains("· đã bị hủy bỏ ngày 20/11/2026: ghi sai ngày\n"))
            #expect(out.contains("· đã kết thúc (ngày cuối: 31/10/2026)\n"))
            #expect(!out.contains("Hết từ tháng bảy"))
            #expect(out.contains("  (và 1 thông báo kết thúc trước ngày 29/10/2026; thêm --all để xem)\n"))

            let all = try Self.status(site, ["--all"])
            #expect(all.stdout.contains("  • Hết từ tháng bảy · Xã A · 01/06/2026 → 31/07/2026 · đã kết thúc (ngày cuối: 31/07/2026)\n"))
            #expect(all.stdout.contains("Đã kết thúc, đã được thay thế hoặc đã bị hủy bỏ — 4 thông báo\n"))
        }

        @Test func speaksEnglishWithLangOrTheSiteLanguage() throws {
            let site = try Self.site()
            let english = try Self.status(site, ["--lang", "en"])
            #expect(english.status == 0)
            #expect(Self.headings(english.stdout) == [
                "As of 09:00 on 28/11/2026: 5 notices being posted, 2 starting later.",
                "Ending today — 1 notice",
                "Ending in the next 7 days, through 04/12/2026 (from expiring_soon_days: 7) — 1 notice",
                "Starting soon — 2 notices",
                "Being posted — 3 notices",
                "Ended, superseded or withdrawn in the last 30 days — 3 notices",
                "The list changes at 00:00 on 29/11/2026.",
            ])
            #expect(english.stdout.contains("  • Thông báo hết hôm nay · No. 10/TB-UBND · Xã A · 20/10/2026 → 28/11/2026 · last day today\n"))
            #expect(english.stdout.contains("· 29/11/2026 → 31/12/2026 · starts tomorrow\n"))
            #expect(english.stdout.contains("· starts on 03/12/2026 (in 5 days)\n"))
            #expect(english.stdout.contains("· 3 days left\n"))
            #expect(english.stdout.contains("· withdrawn on 20/11/2026: ghi sai ngày\n"))

            let siteInEnglish = try Self.site(siteYAML: Self.siteYAML + "language: en\n")
            let bySite = try Self.status(siteInEnglish)
            #expect(bySite.status == 0)
            #expect(bySite.stdout == english.stdout.replacingOccurrences(of: site.root.path, with: siteInEnglish.root.path))
        }

        @Test func filtersNarrowTheList() throws {
            let site = try Self.site()
            let today = try Self.status(site, ["--ending-within", "0"])
            #expect(today.status == 0)
            #expect(Self.headings(today.stdout) == [
                "Tình hình lúc 09:00 ngày 28/11/2026: 1 thông báo đang niêm yết.",
                "Chỉ hiện: kết thúc hôm nay.",
                "Kết thúc hôm nay — 1 thông báo",
                "Danh sách sẽ thay đổi lúc 00:00 ngày 29/11/2026.",
            ])

            let three = try Self.status(site, ["--ending-within", "3"])
            #expect(Self.headings(three.stdout) == [
                "Tình hình lúc 09:00 ngày 28/11/2026: 2 thông báo đang niêm yết.",
                "Chỉ hiện: đang niêm yết, kết thúc trong 3 ngày tới (đến hết ngày 01/12/2026).",
                "Kết thúc hôm nay — 1 thông báo",
                "Kết thúc trong 7 ngày tới, đến hết ngày 04/12/2026 (theo expiring_soon_days: 7) — 1 thông báo",
                "Danh sách sẽ thay đổi lúc 00:00 ngày 29/11/2026.",
            ])

            let byType = try Self.status(site, ["--type", "compensation-plan"])
            #expect(byType.stdout.contains("Chỉ hiện: loại «Phương án bồi thường, hỗ trợ, tái định cư» (compensation-plan).\n"))
            #expect(byType.stdout.components(separatedBy: "\n  • ").count == 2)
            #expect(byType.stdout.contains("  • Phương án bồi thường · số 15/TB-UBND"))

            let byCommune = try Self.status(site, ["--commune", "xa-b"])
            #expect(byCommune.stdout.components(separatedBy: "\n  • ").count == 2)
            #expect(byCommune.stdout.contains("  • Thông báo còn ba ngày · Xã B"))

            let none = try Self.status(site, ["--type", "village-rules-draft"])
            #expect(none.status == 0)
            #expect(none.stdout.contains("\nKhông có thông báo nào phù hợp.\n"))

            // The filters apply to --json too.
            let json = try Self.status(site, ["--json", "--ending-within", "3"])
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
            let ids = (object["notices"] as? [[String: Any]])?.compactMap { $0["id"] as? String }
            #expect(ids == ["het-hom-nay", "con-ba-ngay"])
        }

        @Test func unknownTypeOrCommuneIsAVietnameseErrorWithASuggestion() throws {
            let site = try Self.site()
            let type = try Self.status(site, ["--type", "compensaton-plan"])
            #expect(type.status == 1)
            #expect(type.stderr.hasSuffix("lỗi: loại thông báo `compensaton-plan` không tồn tại (có phải ý bạn là `compensation-plan`?)\n"),
                    "\(type.stderr)")
            #expect(type.stdout.isEmpty)

            let commune = try Self.status(site, ["--commune", "xa-c"])
            #expect(commune.status == 1)
            #expect(commune.stderr.contains("lỗi: xã `xa-c` không có trong danh sách `communes` của site.yaml"), "\(commune.stderr)")

            let english = try Self.status(site, ["--type", "compensaton-plan", "--lang", "en"])
            #expect(english.status == 1)
            #expect(english.stderr.contains("error: unknown notice type `compensaton-plan`"))
        }

        @Test func jsonCarriesEveryFieldShownOnTheSite() throws {
            let site = try Self.site()
            let result = try Self.status(site, ["--json"])
            #expect(result.status == 0)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            #expect(object["now"] as? String == "2026-11-28T09:00:00+07:00")
            #expect(object["next_change"] as? String == "2026-11-29T00:00:00+07:00")
            let notices = try #require(object["notices"] as? [[String: Any]])
            #expect(notices.count == 11)
            let plan = try #require(notices.first { $0["id"] as? String == "phuong-an" })
            #expect(plan["number"] as? String == "15/TB-UBND")
            #expect(plan["commune"] as? String == "xa-a")
            #expect(plan["commune_name"] as? String == "Xã A")
            #expect(plan["issuer"] as? String == "UBND xã A")
            #expect(plan["type"] as? String == "compensation-plan")
            #expect(plan["type_name"] as? String == "Phương án bồi thường, hỗ trợ, tái định cư")
            #expect(plan["signed"] as? String == "2026-11-19")
            #expect(plan["posted"] as? String == "2026-11-20T00:00:00+07:00")
            #expect(plan["expires"] as? String == "2026-12-15T23:59:59+07:00")
            #expect(plan["summary"] as? String == "Dự án đường ven biển")
            #expect(plan["status"] as? String == "active")
            #expect(plan["days_left"] as? Int == 17)
            #expect(plan["personal_data"] as? Bool == true)
            #expect(plan["source"] as? String == "content/notices/phuong-an/index.md")
            let attachments = try #require(plan["attachments"] as? [[String: Any]])
            #expect(attachments.count == 1)
            #expect(attachments.first?["file"] as? String == "ban-do.pdf")
            #expect(attachments.first?["title"] as? String == "Bản đồ")
            #expect(attachments.first?["size"] as? Int == Data("%PDF-1.4 bản đồ\n".utf8).count)
            // Absent optional fields are null, never left out.
            let plain = try #require(notices.first { $0["id"] as? String == "dai-han" })
            for key in ["number", "signed", "summary", "withdrawn", "withdrawn_date", "superseded_by", "land_kind"] {
                #expect(plain[key] is NSNull, "\(key)")
            }
            #expect(Set(plain.keys) == Set(plan.keys))
            let withdrawn = try #require(notices.first { $0["id"] as? String == "bi-huy" })
            #expect(withdrawn["status"] as? String == "withdrawn")
            #expect(withdrawn["withdrawn"] as? String == "ghi sai ngày")
            #expect(withdrawn["withdrawn_date"] as? String == "2026-11-20")
            let old = try #require(notices.first { $0["id"] as? String == "ban-cu" })
            #expect(old["superseded_by"] as? String == "ban-moi")
            #expect((notices.first { $0["id"] as? String == "ban-moi" })?["supersedes"] as? [String] == ["ban-cu"])
        }

        @Test func errorsComeLastAndExitOne() throws {
            let site = try Self.site()
            try site.write("content/notices/hong.md", validNotice(type: "compensation"))
            let result = try Self.status(site)
            #expect(result.status == 1)
            #expect(result.stderr.contains("content/notices/hong.md:3:7: lỗi: loại thông báo `compensation` không tồn tại"))
            #expect(result.stdout.contains("""

                Lỗi cần sửa
                  • 1 lỗi trong nội dung (các dòng `lỗi:` in ở trên); mã thoát 1.
                  • Không đưa lên trang (lỗi, chưa có bản hợp lệ): content/notices/hong.md

                Danh sách sẽ thay đổi lúc 00:00 ngày 29/11/2026.

                """), "\(result.stdout)")
        }

        /// A draft (`draft: true`) is never published: it has its own group, after what starts soon,
        /// and is "draft" in JSON.
        @Test func draftsHaveTheirOwnGroup() throws {
            let site = try Self.site()
            try site.write("content/notices/ban-nhap.md", validNotice(title: "\"Bản nháp thông báo\"", posted: "2026-12-01",
                                                                      expires: "2026-12-31", extra: [("draft", "true")]))
            let result = try Self.status(site)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(Self.headings(result.stdout)[3...5] == [
                "Sắp bắt đầu niêm yết — 2 thông báo",
                "Bản nháp (chưa đăng; bỏ dòng `draft: true` để đăng) — 1 thông báo",
                "Đang niêm yết — 3 thông báo",
            ])
            #expect(result.stdout.contains("""
                  • Bản nháp thông báo · Xã A · 01/12/2026 → 31/12/2026 · bản nháp
                    ban-nhap · content/notices/ban-nhap.md

                """))
            let json = try Self.status(site, ["--json"])
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
            let draft = try #require((object["notices"] as? [[String: Any]])?.first { $0["id"] as? String == "ban-nhap" })
            #expect(draft["status"] as? String == "draft")
            #expect(draft["draft"] as? Bool == true)
            // Drafts are not being posted: --ending-within never lists them.
            let ending = try Self.status(site, ["--ending-within", "40"])
            #expect(!ending.stdout.contains("Bản nháp"))
        }

        @Test func typesListsEveryTypeWithTheRuleInForce() throws {
            let site = try Self.site()
            let result = try CongKhaiProcess.run(["types", "--root", site.root.path, "--now", Self.now])
            #expect(result.status == 0, "\(result.stderr)")
            let out = result.stdout
            #expect(out.hasPrefix("Các loại thông báo của trang (quy tắc niêm yết áp dụng ngày 28/11/2026):\n"))
            let ids = ["land-recovery-notice", "compensation-plan", "resettlement-plan", "investment-consultation",
                       "village-rules-draft", "complaint-decision", "general", "land-price"]
            let positions = ids.map { out.range(of: "\n\($0) — ")?.lowerBound }
            #expect(positions.allSatisfy { $0 != nil } && positions == positions.sorted { $0! < $1! }, "\(out)")
            #expect(out.contains("""
                compensation-plan — Phương án bồi thường, hỗ trợ, tái định cư
                  Thời hạn: 10 ngày (dài hơn: cảnh báo)
                  Bắt đầu niêm yết: chậm nhất 5 ngày làm việc sau ngày ký

                """))
            #expect(out.contains("Căn cứ: Nghị quyết 254/2025/QH15, Điều 3, khoản 9, điểm b\n"))
            #expect(out.contains("land-price — Công khai giá đất cụ thể (loại riêng của trang, trong site.yaml)\n  Thời hạn: ít nhất 30 ngày\n"))

            // The rule in force on the day asked: before 2026 a compensation plan ran at least 30 days.
            let before = try CongKhaiProcess.run(["types", "--root", site.root.path, "--now", "2025-06-01"])
            #expect(before.stdout.contains("compensation-plan — Phương án bồi thường, hỗ trợ, tái định cư\n  Thời hạn: ít nhất 30 ngày\n"))

            let english = try CongKhaiProcess.run(["types", "--root", site.root.path, "--now", Self.now, "--lang", "en"])
            #expect(english.stdout.hasPrefix("The site's notice types (posting rules in force on 28/11/2026):\n"))
            #expect(english.stdout.contains("general — General notice\n  Period: at least 30 days\n"))
            #expect(english.stdout.contains("land-price — Specific land prices (the site's own type, in site.yaml)\n"))
        }

        @Test func nowAcceptsADayAlone() throws {
            let site = try Self.site()
            let result = try Self.status(site, ["--json"], now: "2026-11-27")
            #expect(result.status == 0, "\(result.stderr)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            #expect(object["now"] as? String == "2026-11-27T00:00:00+07:00")

            // A site in another zone: the day starts at 00:00 there.
            let tokyo = try TestSite(siteYAML: TestSite.siteYAML + "time_zone: Asia/Tokyo\n")
            let there = try CongKhaiProcess.run(["status", "--root", tokyo.root.path, "--json", "--now", "2026-11-27"])
            let thereObject = try #require(try JSONSerialization.jsonObject(with: Data(there.stdout.utf8)) as? [String: Any])
            #expect(thereObject["now"] as? String == "2026-11-27T00:00:00+09:00")

            let bad = try Self.status(site, [], now: "27/11/2026")
            #expect(bad.status == 64)
            #expect(bad.stdout.isEmpty)
            #expect(bad.stderr == "lỗi: --now \"27/11/2026\" không hợp lệ (có phải ý bạn là 2026-11-27?): ghi một ngày dạng "
                    + "NĂM-THÁNG-NGÀY, ví dụ 2026-11-27 (từ 00:00 ngày 27/11/2026), hoặc ngày giờ ISO 8601 có múi giờ, "
                    + "ví dụ 2026-11-27T09:00:00+07:00\n")
            let noOffset = try Self.status(site, [], now: "2026-11-27T09:00")
            #expect(noOffset.status == 64)
            #expect(noOffset.stderr.contains("thiếu múi giờ"))
            #expect(noOffset.stderr.contains("2026-11-27T09:00:00+07:00"))
            #expect(!noOffset.stderr.contains("Usage") && !noOffset.stderr.contains("Cách dùng"))
        }

        @Test func argumentErrorsAndHelpAreInTheInterfaceLanguage() throws {
            let site = try Self.site()
            let missing = try CongKhaiProcess.run(["new", "--root", site.root.path])
            #expect(missing.status == 64)
            let lines = missing.stderr.split(separator: "\n").map(String.init)
            #expect(lines.first == "Lỗi: Thiếu đối số bắt buộc '<type>'", "\(missing.stderr)")
            #expect(lines.contains { $0.hasPrefix("Cách dùng: congkhai new ") })
            #expect(lines.last == "  Xem 'congkhai new --help' để biết cách dùng.")
            #expect(!missing.stderr.contains("Error") && !missing.stderr.contains("Missing") && !missing.stderr.contains("Usage"))

            let english = try CongKhaiProcess.run(["new", "--root", site.root.path, "--lang", "en"])
            #expect(english.status == 64)
            #expect(english.stderr.hasPrefix("Error: Missing expected argument '<type>'\n"))

            let unknown = try CongKhaiProcess.run(["status", "--root", site.root.path, "--jsn"])
            #expect(unknown.status == 64)
            #expect(unknown.stderr.hasPrefix("Lỗi: Không có tùy chọn '--jsn'. Có phải ý bạn là '--json'?\n"))

            let badValue = try CongKhaiProcess.run(["status", "--root", site.root.path, "--lang", "fr"])
            #expect(badValue.stderr.hasPrefix("Lỗi: Giá trị 'fr' không hợp lệ cho '--lang <lang>'. Hãy dùng 'vi' hoặc 'en'.\n"))

            let noValue = try CongKhaiProcess.run(["new", "general", "--root", site.root.path, "--title"])
            #expect(noValue.stderr.hasPrefix("Lỗi: Thiếu giá trị sau '--title <title>'\n"), "\(noValue.stderr)")

            let command = try CongKhaiProcess.run(["statuss"])
            #expect(command.stderr.hasPrefix("Lỗi: Không có lệnh 'statuss' (có phải ý bạn là `status`?)\n"))

            let help = try CongKhaiProcess.run(["status", "--root", site.root.path, "--help"])
            #expect(help.status == 0)
            #expect(help.stdout.contains("Ngôn ngữ của các dòng báo lỗi: vi hoặc en."))
            #expect(help.stdout.contains("TÙY CHỌN:"))
            #expect(!help.stdout.contains("Language of messages") && !help.stdout.contains("OPTIONS:"))
            let helpEnglish = try CongKhaiProcess.run(["status", "--root", site.root.path, "--help", "--lang", "en"])
            #expect(helpEnglish.stdout.contains("Language of messages: vi or en."))
            #expect(!helpEnglish.stdout.contains("Ngôn ngữ"))
            let siteInEnglish = try TestSite(siteYAML: TestSite.siteYAML + "language: en\n")
            let helpBySite = try CongKhaiProcess.run(["status", "--root", siteInEnglish.root.path, "--help"])
            #expect(helpBySite.stdout.contains("Language of messages: vi or en."))
        }
    }
}
