@testable import CongKhaiSite
import CongKhaiCore
import Foundation
import Synchronization
import Testing

extension ChildProcessSuites {
    /// "Expiry never waits": time alone never breaks a build, and no content problem keeps an ended
    /// notice online. Each scenario builds into temporary folders with an explicit clock.
    @Suite("Expiry never waits", .serialized)
    struct ExpiryNeverWaitsTests {
        static let compensation = "2026-11-10-phuong-an-boi-thuong-duong-ven-bien"
        static let schedule = "2026-11-25-lich-tiep-cong-dan-thang-11"

        /// A copy of the demo site (content and theme) in a temporary folder.
        static func demo() throws -> TestSite {
            let site = try TestSite()
            try FileManager.default.removeItem(at: site.root.appendingPathComponent("content"))
            for folder in ["content", "theme"] {
                try FileManager.default.copyItem(at: CongKhaiProcess.repository.appendingPathComponent(folder),
                                                 to: site.root.appendingPathComponent(folder))
            }
            return site
        }

        /// Every output file whose path or bytes mention `id`.
        static func traces(of id: String, in site: TestSite) -> [String] {
            site.snapshot().filter { path, data in
                path.contains(id) || String(decoding: data, as: UTF8.self).contains(id)
            }.keys.sorted()
        }

        // 1. Time alone: the demo schedule links to the compensation plan, which ends on 10/12.

        @Test func aLinkThatAgesOutIsRemovedWithAWarningNotAnError() throws {
            let site = try Self.demo()
            try site.build(at: "2026-12-10T09:00:00+07:00")
            #expect(site.exists("thong-bao/\(Self.compensation)/index.html"))

            let report = try site.build(at: "2026-12-11T00:01:00+07:00")
            #expect(Self.traces(of: Self.compensation, in: site) == [])
            let page = try site.read("thong-bao/\(Self.schedule)/index.html")
            #expect(page.contains("Xem dự thảo phương án bồi thường, hỗ trợ (lần 2)."))
            let warning = try #require(report.warnings.first { if case .linkRemoved = $0.message { true } else { false } })
            #expect(warning.formatted(in: .vi) == "content/notices/2026/\(Self.schedule).md:18:5: cảnh báo: thông báo `\(Self.compensation)` "
                    + "đang ở trạng thái \"hết thời hạn niêm yết\" nên liên kết tới nó đã được gỡ: chữ vẫn hiển thị nhưng không còn dẫn tới thông báo; nên sửa lại câu này")
        }

        @Test func buildsWarnInAdvanceWhenALinkWillBeRemoved() throws {
            let site = try Self.demo()
            let report = try site.build(at: "2026-12-05T09:00:00+07:00")
            let warning = try #require(report.warnings.first { if case .linkWillBeRemoved = $0.message { true } else { false } })
            #expect(warning.path == "content/notices/2026/\(Self.schedule).md")
            #expect(warning.position == SourcePosition(line: 18, column: 5))
            #expect(warning.message == .linkWillBeRemoved(noticeId: Self.compensation, end: "2026-12-10T23:59:59+07:00"))
            #expect(try site.read("thong-bao/\(Self.schedule)/index.html").contains("href=\"/thong-bao/\(Self.compensation)/\""))
        }

        @Test func mentionsByURLAndByIdAreReplacedByTheTitle() throws {
            let site = try TestSite(files: [
                "content/notices/cu-2026-03-01.md": validNotice(title: "\"Thông báo cũ\"", posted: "2026-03-01", expires: "2026-03-31"),
                "content/notices/moi.md": validNotice(expires: "2026-04-30", body: """
                Xem https://thunghiem.example.gov.vn/thong-bao/cu-2026-03-01/ và mã cu-2026-03-01.

                ![ảnh](/thong-bao/cu-2026-03-01/anh.png) `cu-2026-03-01`

                """),
            ])
            let report = try site.build(at: "2026-04-02T09:00:00+07:00")
            #expect(Self.traces(of: "cu-2026-03-01", in: site) == [])
            let page = try site.read("thong-bao/moi/index.html")
            #expect(page.contains("Xem “Thông báo cũ” và mã “Thông báo cũ”."))
            #expect(page.contains("ảnh <code>“Thông báo cũ”</code>"))
            let removed = report.warnings.filter { if case .linkRemoved = $0.message { true } else { false } }
            #expect(Set(removed.compactMap(\.position?.line)) == [9, 11])
            // GFM's autolinks carry no position of their own: the paragraph's is reported.
            #expect(removed.contains { $0.position == SourcePosition(line: 9, column: 1) })
            #expect(removed.contains { $0.position == SourcePosition(line: 11, column: 1) })
        }

        @Test func aLinkToAnIdThatExistsNowhereIsAnErrorButTheSiteIsStillPublished() throws {
            let site = try TestSite(files: [
                "content/notices/a.md": validNotice(body: "Xem [bản cũ](../khong-co/) và [trang](/thong-bao/khong-co-2/).\n\nKhác: [ngoài](https://khac.example.org/thong-bao/x/)\n"),
            ])
            let failure = site.failingBuildReport(at: "2026-03-20T09:00:00+07:00")
            #expect(failure.diagnostics.filter { $0.severity == .error }.map { $0.formatted(in: .vi) } == [
                "content/notices/a.md:9:5: lỗi: liên kết tới thông báo `khong-co` nhưng không có thông báo nào mang mã này; liên kết đã được gỡ",
                "content/notices/a.md:9:31: lỗi: liên kết tới thông báo `khong-co-2` nhưng không có thông báo nào mang mã này; liên kết đã được gỡ",
            ])
            #expect(failure.published != nil)
            let page = try site.read("thong-bao/a/index.html")
            #expect(page.contains("Xem bản cũ và trang."))
            #expect(page.contains("href=\"https://khac.example.org/thong-bao/x/\""))
        }

        // 2. One broken file never freezes expiry.

        static func twoNotices() throws -> TestSite {
            try TestSite(files: [
                "content/notices/sap-het.md": validNotice(title: "\"Sắp hết\"", posted: "2026-03-05", expires: "2026-04-06"),
                "content/notices/con-lau.md": validNotice(title: "\"Còn lâu\"", posted: "2026-03-05", expires: "2026-06-30"),
            ])
        }

        @Test func aBrokenNewFileDoesNotKeepAnEndedNoticeOnline() throws {
            let site = try Self.twoNotices()
            try site.build(at: "2026-04-01T09:00:00+07:00")
            try site.write("content/notices/moi.md", validNotice(posted: "27-11-2026", expires: "2026-06-30"))

            let failure = site.failingBuildReport(at: "2026-04-07T00:00:01+07:00")
            #expect(failure.diagnostics.contains { $0.severity == .error && $0.path == "content/notices/moi.md" })
            #expect(failure.diagnostics.contains { $0.path == "content/notices/moi.md" && $0.message == .brokenNotPublished })
            let published = try #require(failure.published)
            #expect(published.excluded == ["content/notices/moi.md"])
            #expect(Self.traces(of: "sap-het", in: site) == [])
            #expect(site.exists("thong-bao/con-lau/index.html"))
            #expect(!site.exists("thong-bao/moi/index.html"))
        }

        @Test func aLiveNoticeBrokenMidPostingStaysFromItsLastValidVersionUntilItsEnd() throws {
            let site = try Self.twoNotices()
            try site.build(at: "2026-04-01T09:00:00+07:00")
            // The clerk breaks the front matter of a notice being posted.
            try site.write("content/notices/con-lau.md", validNotice(title: "\"Còn lâu (sửa)\"", posted: "2026-03-05",
                                                                      expires: "30/06/2026"))
            let failure = site.failingBuildReport(at: "2026-04-10T09:00:00+07:00")
            let published = try #require(failure.published)
            #expect(published.fallbacks == ["content/notices/con-lau.md"])
            #expect(failure.diagnostics.contains { $0.path == "content/notices/con-lau.md" && $0.severity == .error })
            #expect(try site.read("thong-bao/con-lau/index.html").contains("Còn lâu"))
            #expect(try !site.read("thong-bao/con-lau/index.html").contains("(sửa)"))
            #expect(Self.traces(of: "sap-het", in: site) == [])

            // Still broken at its end: gone like any ended notice.
            let after = site.failingBuildReport(at: "2026-07-01T00:00:00+07:00")
            #expect(after.published != nil)
            #expect(Self.traces(of: "con-lau", in: site) == [])

            // Fixed: published from the current version again, and the build succeeds.
            try site.write("content/notices/con-lau.md", validNotice(title: "\"Còn lâu (sửa)\"", expires: "2026-06-30"))
            try site.build(at: "2026-04-11T09:00:00+07:00")
            #expect(try site.read("thong-bao/con-lau/index.html").contains("Còn lâu (sửa)"))
        }

        @Test func aBrokenSiteConfigurationFallsBackToItsLastValidVersion() throws {
            let site = try Self.twoNotices()
            try site.build(at: "2026-04-01T09:00:00+07:00")
            try site.write("content/site.yaml", TestSite.siteYAML.replacingOccurrences(of: "Thử Nghiệm", with: "Mới")
                           + "time_zone: Sao/Hoa\n")
            let failure = site.failingBuildReport(at: "2026-04-07T09:00:00+07:00")
            let published = try #require(failure.published)
            #expect(published.fallbacks == ["content/site.yaml"])
            #expect(try site.read("index.html").contains("xã Thử Nghiệm"))
            #expect(Self.traces(of: "sap-het", in: site) == [])
            #expect(site.exists("thong-bao/con-lau/index.html"))
        }

        @Test func aBrokenThemeFallsBackToItsLastValidVersion() throws {
            let site = try Self.twoNotices()
            try site.write("theme/templates/404.mustache", "<p>Không tìm thấy trang riêng</p>\n")
            try site.build(at: "2026-04-01T09:00:00+07:00")
            try site.write("theme/templates/404.mustache", "<p>{{#a}}chưa đóng</p>\n")
            let failure = site.failingBuildReport(at: "2026-04-07T09:00:00+07:00")
            #expect(try #require(failure.published).fallbacks == ["theme"])
            #expect(try site.read("404.html") == "<p>Không tìm thấy trang riêng</p>\n")
            #expect(Self.traces(of: "sap-het", in: site) == [])
        }

        @Test func withNoPreviousBuildABrokenSiteCreatesNothing() throws {
            let site = try Self.twoNotices()
            try site.write("content/notices/moi.md", validNotice(posted: "27-11-2026"))
            let failure = site.failingBuildReport(at: "2026-04-01T09:00:00+07:00")
            #expect(failure.published == nil)
            #expect(!FileManager.default.fileExists(atPath: site.output.path))
            #expect(site.rootEntries == ["content"])
        }

        // The last resort: no complete site can be built, yet the ended notice still goes.

        @Test func withoutLastValidVersionsTheEndedNoticesAreTakenOutOfThePreviousSite() throws {
            let site = try Self.twoNotices()
            try site.build(at: "2026-04-01T09:00:00+07:00")
            // A fresh checkout of a repository that commits site/: no state beside it.
            try FileManager.default.removeItem(at: site.root.appendingPathComponent(".site.congkhai-state"))
            try site.write("content/site.yaml", "title: [chưa đóng\n")
            let failure = site.failingBuildReport(at: "2026-04-07T00:00:00+07:00")
            let published = try #require(failure.published)
            #expect(published.removedNotices == ["sap-het"])
            #expect(Self.traces(of: "sap-het", in: site) == [])
            #expect(site.exists("thong-bao/con-lau/index.html"))
            #expect(try site.read("index.html").contains("href=\"/thong-bao/con-lau/\""))
            #expect(try site.read("notices.json").contains("\"con-lau\""))
            // Nothing more to take out: the next failing build leaves the folder as it is.
            let before = site.snapshot()
            _ = site.failingBuildReport(at: "2026-04-08T00:00:00+07:00")
            #expect(site.snapshot() == before)
        }

        @Test func aFallbackThatFailsVerificationStillRemovesTheEndedNotice() throws {
            // A theme page that names a notice outright passes while the notice is posted.
            let site = try Self.twoNotices()
            try site.write("theme/templates/404.mustache", "<a href=\"/thong-bao/sap-het/\">Xem</a>\n")
            try site.build(at: "2026-04-01T09:00:00+07:00")
            let failure = site.failingBuildReport(at: "2026-04-07T00:00:00+07:00")
            #expect(failure.diagnostics.contains { $0.path == "site/404.html" && $0.severity == .error })
            let published = try #require(failure.published)
            #expect(published.removedNotices == ["sap-het"])
            #expect(Self.traces(of: "sap-het", in: site) == [])
            #expect(site.exists("thong-bao/con-lau/index.html"))
            #expect(try site.read("404.html").contains("Trang đang được cập nhật"))
        }

        // 4. The clock moves during a build.

        @Test func aPostingThatEndsDuringTheBuildIsNotPublished() throws {
            let site = try Self.twoNotices()
            let reads = Mutex(0)
            let clock: @Sendable () -> Date = {
                reads.withLock { $0 += 1 }
                return instant("2026-04-07T00:00:00+07:00")  // the build started at 23:59:59 on 06/04
            }
            let report = try SiteBuilder(root: site.root, now: instant("2026-04-06T23:59:59+07:00"), clock: clock).build()
            #expect(reads.withLock { $0 } >= 1)
            #expect(report.now == instant("2026-04-07T00:00:00+07:00"))
            #expect(Self.traces(of: "sap-het", in: site) == [])
            // Same clock, no posting change: rendered once, at the instant given.
            let stable = try SiteBuilder(root: site.root, now: instant("2026-04-08T09:00:00+07:00"), clock: {
                instant("2026-04-08T09:00:05+07:00")
            }).build()
            #expect(stable.now == instant("2026-04-08T09:00:00+07:00"))
        }

        // 5. The verification reads what is in the folder.

        @Test func anUnreadableOutputFileFailsVerification() throws {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ck-verify-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder.appendingPathComponent("thong-bao"), withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            try Data("ok".utf8).write(to: folder.appendingPathComponent("index.html"))
            #expect(mkfifo(folder.appendingPathComponent("thong-bao/ong").path, 0o644) == 0)
            let verifier = OutputVerifier(statuses: ["cu": .expired], displayPrefix: "site/")
            let found = verifier.verify(folder: folder)
            #expect(found.count == 1)
            #expect(found.first?.path == "site/thong-bao/ong")
            if case .outputFileUnreadable = found.first?.message {} else { Issue.record("expected an unreadable file, got \(found)") }
            // A file nobody listed is still scanned.
            try Data("<a href=\"/thong-bao/cu/\">".utf8).write(to: folder.appendingPathComponent("extra.html"))
            #expect(verifier.verify(folder: folder).contains { $0.path == "site/extra.html" })
        }

        // 2 and 3, from the command line: every command answers despite a broken file.

        @Test func statusNextChangeAndCheckAnswerDespiteABrokenFile() throws {
            let site = try Self.twoNotices()
            try site.build(at: "2026-04-01T09:00:00+07:00")
            try site.write("content/notices/con-lau.md", validNotice(title: "\"Còn lâu\"", expires: "30/06/2026"))
            try site.write("content/notices/moi.md", validNotice(posted: "27-11-2026"))
            let root = site.root.path, now = "2026-04-01T09:00:00+07:00"

            let status = try CongKhaiProcess.run(["status", "--root", root, "--now", now])
            #expect(status.status == 1)
            #expect(status.stderr.contains("content/notices/con-lau.md:7:10: lỗi:"), "\(status.stderr)")
            #expect(status.stdout.contains("  • Còn lâu · Xã A · 05/03/2026 → 30/06/2026 · còn 90 ngày\n    con-lau · content/notices/con-lau.md · [tệp đang lỗi: theo bản hợp lệ gần nhất]\n"), "\(status.stdout)")
            #expect(status.stdout.contains("  • Sắp hết · Xã A · 05/03/2026 → 06/04/2026 · còn 5 ngày\n    sap-het · content/notices/sap-het.md\n"), "\(status.stdout)")
            #expect(status.stdout.contains("Không đưa lên trang (lỗi, chưa có bản hợp lệ): content/notices/moi.md"))
            let json = try CongKhaiProcess.run(["status", "--root", root, "--now", now, "--json"])
            #expect(json.status == 1)
            #expect(json.stdout.contains("\"version\" : \"last_valid\""))

            let next = try CongKhaiProcess.run(["next-change", "--root", root, "--now", now])
            #expect(next.status == 1)
            #expect(next.stdout == "2026-04-07T00:00:00+07:00\n")
            #expect(next.stderr.contains("content/notices/moi.md:"))

            // The site is audited; it is right, but the content errors still make it exit 1.
            let check = try CongKhaiProcess.run(["check", "--root", root, "--now", now])
            #expect(check.status == 1)
            #expect(check.stdout.contains("đúng vào 09:00 ngày 01/04/2026: đủ 2 thông báo đang niêm yết"), "\(check.stdout)\(check.stderr)")
            let late = try CongKhaiProcess.run(["check", "--root", root, "--now", "2026-04-07T00:00:00+07:00"])
            #expect(late.status == 1)
            #expect(late.stderr.contains("site/thong-bao/sap-het/index.html: lỗi: thông báo `sap-het` (hết thời hạn niêm yết) vẫn còn trên trang"), "\(late.stderr)")

            // The README's recovery, `check || build`, really removes the ended notice now.
            let build = try CongKhaiProcess.run(["build", "--root", root, "--now", "2026-04-07T00:00:00+07:00"])
            #expect(build.status == 1)
            #expect(build.stderr.contains("nhưng vẫn được dựng"), "\(build.stderr)")
            #expect(build.stdout.hasPrefix("Đã đăng 1 thông báo"), "\(build.stdout)")
            #expect(Self.traces(of: "sap-het", in: site) == [])
        }

        @Test func checkFlagsThePageOfANoticeWhoseSourceWasDeleted() throws {
            let site = try Self.twoNotices()
            try site.build(at: "2026-04-01T09:00:00+07:00")
            try site.remove("content/notices/con-lau.md")
            let check = try CongKhaiProcess.run(["check", "--root", site.root.path, "--now", "2026-04-01T09:00:00+07:00"])
            #expect(check.status == 1)
            #expect(check.stderr.contains("site/feed.xml:"), "\(check.stderr)")
            #expect(check.stderr.contains("site/notices.json:"))
            #expect(check.stderr.contains("site/thong-bao/con-lau/index.html: lỗi: trang có thông báo `con-lau` nhưng trong content/ không còn thông báo nào mang mã này"))
            // A build takes it out.
            try site.build(at: "2026-04-01T09:00:00+07:00")
            #expect(Self.traces(of: "con-lau", in: site) == [])
            #expect(try CongKhaiProcess.run(["check", "--root", site.root.path, "--now", "2026-04-01T09:00:00+07:00"]).status == 0)
        }

        // Found by review: what a clash blames, mentions outside bodies, other sites' links.

        @Test func aNewFileClashingWithALiveNoticeIsLeftOutNotTheLiveNotice() throws {
            let site = try Self.twoNotices()
            try site.build(at: "2026-04-01T09:00:00+07:00")
            // A draft copied from a template keeps the live notice's slug; it sorts first by path.
            try site.write("content/notices/a-ban-nhap.md", validNotice(title: "\"BẢN NHÁP\"", expires: "2026-04-30",
                                                                         extra: [("slug", "con-lau")]))
            let failure = site.failingBuildReport(at: "2026-04-02T09:00:00+07:00")
            let published = try #require(failure.published)
            #expect(published.excluded == ["content/notices/a-ban-nhap.md"])
            #expect(published.fallbacks == [])
            #expect(try site.read("thong-bao/con-lau/index.html").contains("Còn lâu"))
            #expect(try !site.read("thong-bao/con-lau/index.html").contains("BẢN NHÁP"))
            // The live notice's last valid version is still kept.
            let manifest = try #require(LastValidSources(output: site.output).manifest())
            #expect(manifest.files["content/notices/con-lau.md"] != nil)
            #expect(manifest.files["content/notices/a-ban-nhap.md"] == nil)
        }

        @Test func aTitleOrSummaryCitingANoticeThatEndsDoesNotBreakTheBuild() throws {
            let site = try TestSite(files: [
                "content/notices/2026-03-05-sap-het.md": validNotice(title: "\"Sắp hết\"", posted: "2026-03-05", expires: "2026-04-06"),
                "content/notices/con-lau.md": validNotice(title: "\"Tiếp theo 2026-03-05-sap-het\"", posted: "2026-03-05", expires: "2026-06-30",
                                                          extra: [("summary", "\"Thay cho 2026-03-05-sap-het.\"")]),
            ])
            try site.build(at: "2026-04-01T09:00:00+07:00")
            let report = try site.build(at: "2026-04-07T00:00:00+07:00")
            #expect(Self.traces(of: "2026-03-05-sap-het", in: site) == [])
            #expect(try site.read("thong-bao/con-lau/index.html").contains("Tiếp theo “Sắp hết”"))
            #expect(try !site.read("index.html").contains("Trang đang được cập nhật"))
            #expect(report.warnings.filter { if case .linkRemoved = $0.message { true } else { false } }
                        .map { $0.position?.line } == [2, 8])
        }

        @Test func theLastResortDropsListEntriesThatCiteAnEndedNotice() throws {
            let site = try TestSite(files: [
                "content/notices/2026-03-05-sap-het.md": validNotice(title: "\"Sắp hết\"", posted: "2026-03-05", expires: "2026-04-06"),
                "content/notices/con-lau.md": validNotice(title: "\"Tiếp theo 2026-03-05-sap-het\"", posted: "2026-03-05", expires: "2026-06-30"),
            ])
            try site.build(at: "2026-04-01T09:00:00+07:00")
            try FileManager.default.removeItem(at: site.root.appendingPathComponent(".site.congkhai-state"))
            try site.write("content/site.yaml", "title: [chưa đóng\n")
            let failure = site.failingBuildReport(at: "2026-04-07T00:00:00+07:00")
            #expect(try #require(failure.published).removedNotices == ["2026-03-05-sap-het"])
            #expect(Self.traces(of: "2026-03-05-sap-het", in: site) == [])
        }

        @Test func checkIgnoresNoticeLinksToOtherSites() throws {
            let site = try TestSite(files: [
                "content/notices/a.md": validNotice(expires: "2026-04-30",
                                                    body: "Xem [xã bên](https://xa-ben.example.gov.vn/thong-bao/2026-03-01-phuong-an/).\n"),
            ])
            try site.build(at: "2026-04-01T09:00:00+07:00")
            let check = try CongKhaiProcess.run(["check", "--root", site.root.path, "--now", "2026-04-01T09:00:00+07:00"])
            #expect(check.status == 0, "\(check.stderr)")
        }

        @Test func aFileReplacedDuringTheBuildIsNotRecordedAsValid() throws {
            let site = try Self.twoNotices()
            try site.build(at: "2026-04-01T09:00:00+07:00")
            let path = site.root.appendingPathComponent("content/notices/con-lau.md").path
            // While the build runs (its clock is read just before the swap), the file is replaced
            // by a broken copy carrying an old modification time, as `cp -p` or `rsync -a` would.
            _ = try SiteBuilder(root: site.root, now: instant("2026-04-02T09:00:00+07:00"), clock: {
                try? Data("---\ntitle: [hỏng\n".utf8).write(to: URL(fileURLWithPath: path))
                var times = [timespec(tv_sec: 1_767_225_600, tv_nsec: 0), timespec(tv_sec: 1_767_225_600, tv_nsec: 0)]
                _ = utimensat(AT_FDCWD, path, &times, 0)
                return instant("2026-04-02T09:00:00+07:00")
            }).build()
            let manifest = try #require(LastValidSources(output: site.output).manifest())
            #expect(manifest.files["content/notices/con-lau.md"] == nil)
            #expect(manifest.files["content/notices/sap-het.md"] != nil)
            // The next build does not bring the broken bytes back as "valid": the file is left out.
            let failure = site.failingBuildReport(at: "2026-04-03T09:00:00+07:00")
            #expect(try #require(failure.published).excluded == ["content/notices/con-lau.md"])
        }

        @Test func sourcesThatCannotBeKeptAreForgottenAndTheBuildSaysSo() throws {
            let site = try Self.twoNotices()
            try site.build(at: "2026-04-01T09:00:00+07:00")
            let packs = site.root.appendingPathComponent(".site.congkhai-state/packs")
            try FileManager.default.removeItem(at: packs)
            try Data("not a folder".utf8).write(to: packs)
            try site.write("content/notices/con-lau.md", validNotice(title: "\"Còn lâu (sửa)\"", expires: "2026-06-30"))
            let failure = site.failingBuildReport(at: "2026-04-02T09:00:00+07:00")
            #expect(failure.published != nil)
            #expect(failure.diagnostics.contains { if case .stateNotSaved = $0.message { true } else { false } })
            #expect(LastValidSources(output: site.output).manifest() == nil)
            #expect(try site.read("thong-bao/con-lau/index.html").contains("Còn lâu (sửa)"))
        }

        // The state beside the output.

        @Test func theLastValidVersionsAreKeptBesideTheOutputAndDeletingThemIsSafe() throws {
            let site = try Self.twoNotices()
            try site.build(at: "2026-04-01T09:00:00+07:00")
            let state = LastValidSources(output: site.output)
            let manifest = try #require(state.manifest())
            #expect(manifest.files.keys.sorted() == ["content/notices/con-lau.md", "content/notices/sap-het.md", "content/site.yaml"])
            for entry in manifest.files.values {
                #expect(state.contents(entry) != nil)
            }
            try FileManager.default.removeItem(at: state.folder)
            try site.build(at: "2026-04-01T09:00:00+07:00")
            #expect(state.manifest()?.files.count == 3)
            // Beside the output: the state, and the previous generation as the spare buffer.
            #expect(try FileManager.default.contentsOfDirectory(atPath: site.root.path).sorted()
                    == [".site.congkhai-spare", ".site.congkhai-state", "content", "site"])
        }
    }
}

extension TestSite {
    /// A build that must end in `BuildFailure` (published or not).
    func failingBuildReport(at now: String) -> BuildFailure {
        do {
            _ = try SiteBuilder(root: root, now: instant(now)).build()
            Issue.record("build was expected to fail")
            return BuildFailure(diagnostics: [])
        } catch {
            return error
        }
    }
}
