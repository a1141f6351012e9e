import Foundation
import Testing

extension ChildProcessSuites {
    @Suite("The congkhai command")
    struct CommandLineTests {
        @Test func buildPrintsOneSummaryLine() throws {
            let site = try SiteBuildTests.mixedSite()
            let result = try CongKhaiProcess.run(["build", "--root", site.root.path, "--now", "2026-03-20T09:00:00+07:00"])
            #expect(result.status == 0)
            // A 2026 compensation plan posted for a month: lawful, but the consultation meeting is due.
            #expect(result.stderr == "content/notices/active-a.md:7:10: cảnh báo: Phương án bồi thường, hỗ trợ, tái định cư "
                    + "niêm yết 10 ngày (Nghị quyết 254/2025/QH15, Điều 3, khoản 9, điểm b), tức đến hết ngày 16/03/2026; "
                    + "niêm yết lâu hơn không trái luật nhưng sau thời hạn này phải tổ chức họp lấy ý kiến ngay\n")
            #expect(result.stdout == "Đã đăng 3 thông báo; ẩn 5 (1 chưa đến ngày niêm yết, 2 hết thời hạn niêm yết, "
                    + "1 đã được thay thế, 1 đã bị hủy bỏ); danh sách sẽ thay đổi lúc 00:00 ngày 21/03/2026; "
                    + "\(site.snapshot().count) tệp trong \(site.output.path)\n")
        }

        @Test func aFailedBuildExitsOneAndPrintsEveryError() throws {
            let site = try TestSite(files: [
                "content/notices/a.md": validNotice(type: "compensation"),
                "content/notices/b.md": validNotice(posted: "2026-13-01"),
            ])
            let result = try CongKhaiProcess.run(["build", "--root", site.root.path, "--now", "2026-03-20T09:00:00+07:00"])
            #expect(result.status == 1)
            let lines = result.stderr.split(separator: "\n").map(String.init)
            #expect(lines.count == 3)
            #expect(lines[0] == "content/notices/a.md:3:7: lỗi: loại thông báo `compensation` không tồn tại (có phải ý bạn là `compensation-plan`?)")
            #expect(lines[1].hasPrefix("content/notices/b.md:6:9: lỗi: `posted`: ngày \"2026-13-01\" không hợp lệ"))
            #expect(lines[2].hasPrefix("Không dựng được trang: 2 lỗi."))
            #expect(!FileManager.default.fileExists(atPath: site.output.path))

            let english = try CongKhaiProcess.run(["build", "--root", site.root.path, "--lang", "en",
                                                   "--now", "2026-03-20T09:00:00+07:00"])
            #expect(english.status == 1)
            #expect(english.stderr.hasPrefix("content/notices/a.md:3:7: error: unknown notice type `compensation`"))
        }

        @Test func nowMustCarryAnOffset() throws {
            let site = try SiteBuildTests.mixedSite()
            let result = try CongKhaiProcess.run(["build", "--root", site.root.path, "--now", "2026-03-20T09:00:00"])
            #expect(result.status != 0)
            #expect(result.stderr.contains("ISO 8601"))
            #expect(!FileManager.default.fileExists(atPath: site.output.path))
        }

        @Test func statusListsEveryNoticeAsJSON() throws {
            let site = try SiteBuildTests.mixedSite()
            let result = try CongKhaiProcess.run(["status", "--root", site.root.path, "--json",
                                                  "--now", "2026-03-20T09:00:00+07:00"])
            #expect(result.status == 0)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            #expect(object["next_change"] as? String == "2026-03-21T00:00:00+07:00")
            let notices = try #require(object["notices"] as? [[String: Any]])
            var statuses: [String: String] = [:]
            for notice in notices { statuses[notice["id"] as! String] = notice["status"] as? String }
            #expect(statuses == ["active-a": "active", "lapsed-q7": "expired", "later-q7": "scheduled",
                                 "older-q7": "superseded", "new-e": "active", "pulled-q7": "withdrawn",
                                 "bundle-g": "active", "lapsed-bundle-q7": "expired"])
            let a = try #require(notices.first { $0["id"] as? String == "active-a" })
            #expect(a["days_left"] as? Int == 17)
            #expect(a["expires"] as? String == "2026-04-06T23:59:59+07:00")

            let text = try CongKhaiProcess.run(["status", "--root", site.root.path, "--now", "2026-03-20T09:00:00+07:00"])
            #expect(text.stdout.contains("  • Phương án bồi thường · Xã A · 05/03/2026 → 06/04/2026 · còn 17 ngày\n    active-a · content/notices/active-a.md\n"))
            #expect(text.stdout.hasSuffix("Danh sách sẽ thay đổi lúc 00:00 ngày 21/03/2026.\n"))
        }

        @Test func theMachineZoneDoesNotMatter() throws {
            let site = try SiteBuildTests.mixedSite()
            var outputs: [[String: Data]] = []
            for zone in ["UTC", "America/New_York", "Asia/Ho_Chi_Minh"] {
                let result = try CongKhaiProcess.run(["build", "--root", site.root.path, "--now", "2026-03-20T09:00:00+07:00"],
                                                     environment: ["TZ": zone])
                #expect(result.status == 0)
                outputs.append(site.snapshot())
            }
            #expect(outputs[0] == outputs[1])
            #expect(outputs[1] == outputs[2])
        }

        @Test func theDemoSiteBuilds() throws {
            let output = FileManager.default.temporaryDirectory.appendingPathComponent("ck-demo-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: output) }
            let result = try CongKhaiProcess.run(["build", "--root", CongKhaiProcess.repository.path, "--output", output.path,
                                                  "--now", "2026-11-28T09:00:00+07:00"])
            #expect(result.status == 0, "\(result.stderr)")
            // The two "expiring soon" warnings for notices that end within 7 days, the two 2026
            // compensation plans posted longer than the fixed 10 days, and the notice that ends in
            // 2027, a year without an official holiday calendar yet.
            #expect(result.stderr.split(separator: "\n").map { $0.split(separator: ":").first.map(String.init) } == [
                "content/notices/2026/2026-10-20-phuong-an-boi-thuong-du-thao-lan-1.md",
                "content/notices/2026/2026-11-10-phuong-an-boi-thuong-duong-ven-bien/index.md",
                "content/notices/2026/2026-11-16-bo-tri-tai-dinh-cu-khu-go-cay-sung.md",
                "content/notices/2026/2026-11-18-quyet-dinh-giai-quyet-khieu-nai.md",
                "content/notices/2026/2026-12-05-lich-tiep-cong-dan-thang-12.md",
            ])
            #expect(result.stderr.contains("cảnh báo: chưa có lịch nghỉ lễ năm 2027"))
            #expect(result.stderr.contains("cảnh báo: thông báo sắp hết hạn niêm yết (còn 3 ngày, đến hết ngày 01/12/2026)"))
            #expect(result.stdout.hasPrefix("Đã đăng 9 thông báo; ẩn 4 (1 chưa đến ngày niêm yết, 1 hết thời hạn niêm yết, 1 đã được thay thế, 1 đã bị hủy bỏ)"))
            #expect(FileManager.default.fileExists(
                atPath: output.appendingPathComponent("thong-bao/2026-11-10-phuong-an-boi-thuong-duong-ven-bien/phuong-an-chi-tiet.pdf").path))
        }
    }
}
