@testable import CongKhaiSite
import CongKhaiCore
import Foundation
import Testing

extension ChildProcessSuites {
    /// Stale-site scenarios: the build verifies its own output, `check` audits a built or deployed site.
    @Suite("Expired notices are never listed")
    struct ExpiryGuardTests {
        static let now = SiteBuildTests.now  // 2026-03-20T09:00:00+07:00

        func audit(_ site: TestSite, at now: String) async throws -> SiteAuditor.Result {
            let (content, diagnostics) = SiteContent.load(root: site.root)
            let loaded = try #require(content, "\(diagnostics)")
            return await SiteAuditor(content: loaded, now: instant(now)).audit(folder: site.output, displayPrefix: "site/")
        }

        @Test func checkAtTheBuildInstantPasses() async throws {
            let site = try SiteBuildTests.mixedSite()
            try site.build(at: Self.now)
            let result = try await audit(site, at: Self.now)
            #expect(result.problems.isEmpty)
            #expect(result.activeNotices == 3)
            #expect(result.hiddenNotices == 5)
            // Every file of the built site is checked.
            #expect(result.filesChecked == site.snapshot().count)
            #expect(result.filesChecked > 0)
        }

        @Test func checkOneSecondAfterANoticeEndsFailsNamingIt() async throws {
            let site = try SiteBuildTests.mixedSite()
            try site.build(at: Self.now)
            // bundle-g: expires 2026-04-02, so it ends at 2026-04-03T00:00:00+07:00.
            // Between the build and then, scheduled-c starts (2026-03-21), so audit just before that first.
            let before = try await audit(site, at: "2026-03-20T23:59:59+07:00")
            #expect(before.problems.isEmpty)

            let lateSite = try SiteBuildTests.mixedSite()
            try lateSite.build(at: "2026-04-02T23:59:59+07:00")
            #expect(try await audit(lateSite, at: "2026-04-02T23:59:59+07:00").problems.isEmpty)
            let after = try await audit(lateSite, at: "2026-04-03T00:00:00+07:00")
            let messages = after.problems.map { $0.formatted(in: .vi) }
            #expect(!messages.isEmpty)
            #expect(messages.allSatisfy { $0.contains("`bundle-g` (hết thời hạn niêm yết) vẫn còn trên trang") })
            let paths = Set(after.problems.compactMap(\.path))
            #expect(paths.isSuperset(of: ["site/index.html", "site/notices.json", "site/feed.xml", "site/sitemap.xml",
                                          "site/thong-bao/bundle-g/index.html", "site/thong-bao/bundle-g/ban-do.pdf"]))
            #expect(messages.contains { $0.hasPrefix("site/notices.json:") && $0.contains("chạy lại `congkhai build`") })
        }

        @Test func aScheduledNoticeWhoseStartHasComeIsMissing() async throws {
            let site = try SiteBuildTests.mixedSite()
            try site.build(at: Self.now)
            let result = try await audit(site, at: "2026-03-21T00:00:00+07:00")
            #expect(result.problems.map { $0.formatted(in: .en) } == [
                "site/thong-bao/later-q7/index.html: error: notice `later-q7` must be posted since 00:00 on 21/03/2026 but is missing from the site; run `congkhai build` again",
            ])
        }

        @Test func aScheduledNoticeAlreadyPublishedIsReported() async throws {
            let site = try SiteBuildTests.mixedSite()
            try site.build(at: "2026-03-21T00:00:00+07:00")  // later-q7 published
            let result = try await audit(site, at: "2026-03-20T23:59:59+07:00")
            #expect(!result.problems.isEmpty)
            #expect(result.problems.allSatisfy {
                $0.message == .scheduledPublished(noticeId: "later-q7", start: "2026-03-21T00:00:00+07:00")
            })
        }

        @Test func aTemplateThatListsHiddenNoticesFailsTheBuildAndKeepsTheOutput() throws {
            let site = try SiteBuildTests.mixedSite()
            // An override template that links every notice the commune ever posted, hidden ones included.
            func template(_ linked: String, _ named: String) -> String {
                """
                {{<base}}{{$main}}<ul>
                <li><a href="{{home}}thong-bao/active-a/">A</a></li>
                <li><a href="{{home}}thong-bao/\(linked)/">B</a></li>
                <li data-notice="\(named)">D</li>
                </ul>{{/main}}{{/base}}
                """
            }
            // The same template naming a notice being posted builds; where that notice's id lands in
            // the page is where the errors must point (line and column of the id).
            try site.write("theme/templates/404.mustache", template("active-a", "active-a"))
            try site.build(at: Self.now)
            let page = try #require(String(data: site.snapshot()["404.html"] ?? Data(), encoding: .utf8))
            func position(of needle: String) throws -> String {
                let lines = page.split(separator: "\n", omittingEmptySubsequences: false)
                let index = try #require(lines.firstIndex { $0.contains(needle) }, "\(needle) not in 404.html")
                let line = lines[index]
                let column = line.distance(from: line.startIndex, to: try #require(line.range(of: needle)).lowerBound)
                return "\(index + 1):\(column + 1)"
            }
            let linkAt = try position(of: "active-a/\">B"), nameAt = try position(of: "active-a\">D")
            let before = site.snapshot()
            try site.write("theme/templates/404.mustache", template("lapsed-q7", "older-q7"))
            let diagnostics = site.failingBuild(at: Self.now).filter { $0.severity == .error }
            #expect(diagnostics.map { $0.formatted(in: .en) } == [
                "site/404.html:\(linkAt): error: output refers to notice `lapsed-q7` (posting period over) via `thong-bao/lapsed-q7`; only notices being posted may appear",
                "site/404.html:\(nameAt): error: output refers to notice `older-q7` (superseded) via `older-q7`; only notices being posted may appear",
            ])
            #expect(site.snapshot() == before)
            #expect(site.rootEntries == ["content", "site", "theme"])
        }

        @Test func aLinkToANoticeNoLongerPostedLosesItsTargetWithAWarningAtItsLine() throws {
            let site = try SiteBuildTests.mixedSite()
            try site.write("content/pages/huong-dan.md", """
            ---
            title: "Hướng dẫn"
            ---
            Xem các thông báo:

            - [Phương án](/thong-bao/active-a/)
            - [Kế hoạch cũ](https://thunghiem.example.gov.vn/thong-bao/lapsed-q7/)
            """)
            try site.write("content/notices/new-e.md", validNotice(title: "\"Bản mới\"", posted: "2026-03-10", expires: "2026-04-30",
                                                                   extra: [("supersedes", "[older-q7]")],
                                                                   body: "Thay thế [bản cũ](../older-q7/) — xem /thong-bao/older-q7/\n"))
            let report = try site.build(at: Self.now)
            let removed = report.warnings.filter { if case .linkRemoved = $0.message { true } else { false } }
            #expect(removed.map { "\($0.path ?? ""):\($0.position?.line ?? 0)" } == [
                "content/notices/new-e.md:10", "content/notices/new-e.md:10", "content/pages/huong-dan.md:7",
            ])
            #expect(removed.first?.formatted(in: .vi) == "content/notices/new-e.md:10:10: cảnh báo: thông báo `older-q7` đang ở trạng thái "
                    + "\"đã được thay thế\" nên liên kết tới nó đã được gỡ: chữ vẫn hiển thị nhưng không còn dẫn tới thông báo; nên sửa lại câu này")
            #expect(removed.last?.position == SourcePosition(line: 7, column: 3))
            #expect(try site.read("trang/huong-dan/index.html").contains("<li>Kế hoạch cũ</li>"))
            #expect(try site.read("thong-bao/new-e/index.html").contains("Thay thế bản cũ — xem “"))
            #expect(try site.read("trang/huong-dan/index.html").contains("<a href=\"/thong-bao/active-a/\">Phương án</a>"))
        }

        @Test func shortIdsDoNotMatchOrdinaryWords() {
            let scanner = NoticeReferenceScanner(targets: ["gop-y": .expired, "2026-03-01-ke-hoach": .expired])
            let text = "gop-y là góp ý; <a href=\"/trang/gop-y/\">; 2026-03-01-ke-hoach-moi; x2026-03-01-ke-hoach"
            #expect(scanner.scan(Data(text.utf8)).isEmpty)
            let text2 = "<a href=\"/thong-bao/gop-y/\"> \"gop-y\" >gop-y< (2026-03-01-ke-hoach) [x](../gop-y/)"
            let hits = scanner.scan(Data(text2.utf8), relativeLinksLeadToNotices: true)
            #expect(hits.map(\.found) == ["thong-bao/gop-y", "gop-y", "gop-y", "2026-03-01-ke-hoach", "../gop-y"])
            // From a page (`trang/x/`), `../gop-y/` is the page `trang/gop-y/`, not the notice.
            #expect(scanner.scan(Data(text2.utf8)).map(\.found) == ["thong-bao/gop-y", "gop-y", "gop-y", "2026-03-01-ke-hoach"])
            #expect(NoticeReferenceScanner.position(of: 7, in: Data("ab\ncdđe\nfg".utf8)) == SourcePosition(line: 2, column: 4))
        }

        @Test func nextChangeAndCheckFromTheCommandLine() throws {
            let site = try SiteBuildTests.mixedSite()
            let next = try CongKhaiProcess.run(["next-change", "--root", site.root.path, "--now", Self.now])
            #expect(next.status == 0)
            #expect(next.stdout == "2026-03-21T00:00:00+07:00\n")
            let late = try CongKhaiProcess.run(["next-change", "--root", site.root.path, "--now", "2026-05-01T00:00:00+07:00"])
            #expect(late.stdout == "")

            #expect(try CongKhaiProcess.run(["build", "--root", site.root.path, "--now", Self.now]).status == 0)
            let ok = try CongKhaiProcess.run(["check", "--root", site.root.path, "--now", Self.now])
            #expect(ok.status == 0)
            #expect(ok.stdout.contains("đủ 3 thông báo đang niêm yết; 5 thông báo không niêm yết (đã kết thúc, đã được thay thế, đã bị hủy bỏ hoặc chưa đến ngày) đều không có trên trang; đã kiểm tra \(site.snapshot().count) tệp."))
            let stale = try CongKhaiProcess.run(["check", "--root", site.root.path, "--now", "2026-04-03T00:00:00+07:00"])
            #expect(stale.status == 1)
            #expect(stale.stderr.contains("site/thong-bao/bundle-g/index.html: lỗi: thông báo `bundle-g` (hết thời hạn niêm yết) vẫn còn trên trang"))
            #expect(stale.stderr.contains("site/thong-bao/later-q7/index.html: lỗi: thông báo `later-q7` phải được niêm yết từ 00:00 ngày 21/03/2026"))
        }

        @Test func checkURLAgainstALocalServerWithOneStaleFile() throws {
            let site = try SiteBuildTests.mixedSite()
            try site.build(at: Self.now)
            let server = try LocalHTTPServer(directory: site.output)
            defer { server.stop() }
            let url = "http://127.0.0.1:\(server.port)/"
            let ok = try CongKhaiProcess.run(["check", "--root", site.root.path, "--url", url, "--now", Self.now])
            #expect(ok.status == 0, "\(ok.stderr)")
            #expect(ok.stdout.contains("đủ 3 thông báo đang niêm yết"))

            // One stale file left on the server by a careless deployment: the old notice page.
            try site.write("site/thong-bao/older-q7/index.html", "<h1>Bản cũ</h1>\n")
            let stale = try CongKhaiProcess.run(["check", "--root", site.root.path, "--url", url, "--now", Self.now])
            #expect(stale.status == 1)
            #expect(stale.stderr.split(separator: "\n").first { !$0.contains(": cảnh báo: ") }
                    == "\(url)thong-bao/older-q7/: lỗi: thông báo `older-q7` (đã được thay thế) vẫn còn trên trang; hãy chạy lại `congkhai build` và triển khai lại")

            // A day later than the build: bundle-g is still fine, later-q7 must now be served.
            let missing = try CongKhaiProcess.run(["check", "--root", site.root.path, "--url", url, "--lang", "en",
                                                   "--now", "2026-03-21T00:00:00+07:00"])
            #expect(missing.status == 1)
            #expect(missing.stderr.contains("\(url)thong-bao/later-q7/index.html: error: notice `later-q7` must be posted since 00:00 on 21/03/2026"))

            // A server that is down proves nothing: every address is reported as not checked.
            server.stop()
            let down = try CongKhaiProcess.run(["check", "--root", site.root.path, "--url", url, "--now", Self.now])
            #expect(down.status == 1)
            #expect(down.stderr.contains("\(url)notices.json: lỗi: không tải được ("), "\(down.stderr)")
            #expect(down.stderr.contains("\(url)thong-bao/older-q7/: lỗi: không tải được ("), "\(down.stderr)")
            #expect(!down.stderr.contains("phải được niêm yết"), "no notice is called missing: \(down.stderr)")
            #expect(down.stderr.hasSuffix("địa chỉ không tải được.\n"), "\(down.stderr)")
        }

        /// A server error on `notices.json` or on one notice page is "not checked", never "missing"; an
        /// object store's 403 for a hidden notice's page counts as not served.
        @Test func checkURLTellsServerErrorsFromAbsence() throws {
            let site = try SiteBuildTests.mixedSite()
            try site.build(at: Self.now)
            let server = try LocalHTTPServer(directory: site.output, failing: ["/notices.json", "/thong-bao/active-a/"],
                                             forbidden: ["/thong-bao/older-q7/"])
            defer { server.stop() }
            let url = "http://127.0.0.1:\(server.port)/"
            let run = try CongKhaiProcess.run(["check", "--root", site.root.path, "--url", url, "--now", Self.now])
            #expect(run.status == 1)
            let errors = run.stderr.split(separator: "\n").filter { $0.contains(": lỗi: ") }
            #expect(errors.count == 2, "\(run.stderr)")
            #expect(errors.allSatisfy { $0.contains("không tải được (HTTP 500)") }, "\(run.stderr)")
            #expect(errors.contains { $0.hasPrefix("\(url)notices.json: ") } && errors.contains { $0.hasPrefix("\(url)thong-bao/active-a/: ") })
            #expect(run.stderr.hasSuffix("2 địa chỉ không tải được.\n"), "\(run.stderr)")
        }
    }
}

