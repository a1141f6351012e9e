@testable import CongKhaiSite
import CongKhaiCore
import Foundation
import Testing

/// Whole sites built into temporary folders.
@Suite("Whole-site builds")
struct SiteBuildTests {
    static let now = "2026-03-20T09:00:00+07:00"

    /// One notice of every status at `now`, plus a bundle with an attachment and a static page.
    static func mixedSite() throws -> TestSite {
        let site = try TestSite(files: [
            "content/notices/active-a.md": validNotice(title: "\"Phương án bồi thường\"", type: "compensation-plan",
                                                       posted: "2026-03-05", expires: "2026-04-06"),
            "content/notices/2026/lapsed-q7.md": validNotice(title: "\"Hết hạn\"", commune: "xa-b",
                                                             posted: "2026-01-05", expires: "2026-02-06"),
            "content/notices/later-q7.md": validNotice(title: "\"Chưa đến ngày\"", type: "village-rules-draft",
                                                          posted: "2026-03-21", expires: "2026-04-30"),
            "content/notices/older-q7.md": validNotice(title: "\"Bản cũ\"", posted: "2026-03-01", expires: "2026-04-30"),
            "content/notices/new-e.md": validNotice(title: "\"Bản mới\"", posted: "2026-03-10", expires: "2026-04-30",
                                                    extra: [("supersedes", "[older-q7]")]),
            "content/notices/pulled-q7.md": validNotice(title: "\"Đã thu hồi\"", posted: "2026-03-01",
                                                          expires: "2026-04-30", extra: [("withdrawn", "\"Đính chính\"")]),
            "content/notices/bundle-g/index.md": validNotice(title: "\"Có đính kèm\"", posted: "2026-03-02", expires: "2026-04-02",
                                                             extra: [("attachments", "[{ file: ban-do.pdf, title: \"Bản đồ\" }]")]),
            "content/notices/lapsed-bundle-q7/index.md": validNotice(title: "\"Đính kèm hết hạn\"", posted: "2026-01-02",
                                                                     expires: "2026-02-02",
                                                                     extra: [("attachments", "[{ file: cu.pdf }]")]),
            "content/pages/gop-y.md": "---\ntitle: \"Cách gửi ý kiến\"\n---\nGửi về UBND xã. <script>alert(1)</script>\n",
        ])
        try site.write("content/notices/bundle-g/ban-do.pdf", Data("%PDF-1.4 bản đồ\n".utf8))
        try site.write("content/notices/lapsed-bundle-q7/cu.pdf", Data("%PDF-1.4 cũ\n".utf8))
        return site
    }

    @Test func publishesOnlyActiveNotices() throws {
        let site = try Self.mixedSite()
        let report = try site.build(at: Self.now)
        #expect(report.published == 3)
        #expect(report.hidden == [.expired: 2, .scheduled: 1, .superseded: 1, .withdrawn: 1])
        #expect(report.nextChange == instant("2026-03-21T00:00:00+07:00"))

        for id in ["active-a", "new-e", "bundle-g"] {
            #expect(site.exists("thong-bao/\(id)/index.html"), "\(id) should be published")
        }
        for id in ["lapsed-q7", "later-q7", "older-q7", "pulled-q7", "lapsed-bundle-q7"] {
            #expect(!site.exists("thong-bao/\(id)"), "\(id) must produce no file")
        }
        #expect(site.exists("thong-bao/bundle-g/ban-do.pdf"))
        #expect(!site.exists("thong-bao/lapsed-bundle-q7/cu.pdf"))
        for path in ["index.html", "404.html", "notices.json", "feed.xml", "sitemap.xml", "robots.txt",
                     "assets/style.css", "assets/expiry.js", "trang/gop-y/index.html",
                     "loai/compensation-plan/index.html", "loai/general/index.html", "xa/xa-a/index.html"] {
            #expect(site.exists(path), "\(path) missing")
        }
        // Lists only where there is an active notice.
        #expect(!site.exists("loai/village-rules-draft"))
        #expect(!site.exists("xa/xa-b"))

        // No hidden notice is mentioned in any file.
        for (path, data) in site.snapshot() {
            let text = String(decoding: data, as: UTF8.self)
            for id in ["lapsed-q7", "later-q7", "older-q7", "pulled-q7", "lapsed-bundle-q7"] {
                #expect(!text.contains(id), "\(path) mentions \(id)")
            }
        }
        let home = try site.read("index.html")
        #expect(home.contains("Phương án bồi thường"))
        #expect(home.contains("Niêm yết từ 05/03/2026 đến hết ngày 06/04/2026"))
        #expect(home.contains("còn 17 ngày"))
        let page = try site.read("trang/gop-y/index.html")
        #expect(page.contains("Gửi về UBND xã."))
        #expect(!page.contains("<script>alert"))
        let notice = try site.read("thong-bao/bundle-g/index.html")
        #expect(notice.contains("href=\"/thong-bao/bundle-g/ban-do.pdf\""))
        #expect(notice.contains("Bản đồ"))
        #expect(notice.contains("(PDF, 21 byte)"))
    }

    @Test func noticesJSONListsPublishedNoticesWithInstants() throws {
        let site = try Self.mixedSite()
        try site.build(at: Self.now)
        let json = try JSONSerialization.jsonObject(with: Data(try site.read("notices.json").utf8)) as? [String: Any]
        let root = try #require(json)
        #expect(root["generated"] as? String == "2026-03-20T09:00:00+07:00")
        let notices = try #require(root["notices"] as? [[String: Any]])
        #expect(notices.compactMap { $0["id"] as? String } == ["new-e", "active-a", "bundle-g"])
        let a = try #require(notices.first { $0["id"] as? String == "active-a" })
        #expect(a["posted"] as? String == "2026-03-05T00:00:00+07:00")
        #expect(a["expires"] as? String == "2026-04-06T23:59:59+07:00")
        #expect(a["url"] as? String == "/thong-bao/active-a/")
        #expect(a["type"] as? String == "compensation-plan")
        #expect(a["commune"] as? String == "xa-a")
        #expect(a["number"] is NSNull)
        #expect(a["issuer"] as? String == "UBND xã A")
        #expect(Set(a.keys) == ["id", "title", "type", "commune", "number", "issuer", "posted", "expires", "url"])
    }

    @Test func feedAndSitemapCoverPublishedNoticesOnly() throws {
        let site = try Self.mixedSite()
        try site.build(at: Self.now)
        let feed = try site.read("feed.xml")
        #expect(feed.components(separatedBy: "<entry>").count - 1 == 3)
        #expect(feed.contains("<id>https://thunghiem.example.gov.vn/thong-bao/active-a/</id>"))
        let sitemap = try site.read("sitemap.xml")
        #expect(sitemap.contains("<loc>https://thunghiem.example.gov.vn/thong-bao/new-e/</loc><lastmod>2026-03-10</lastmod>"))
        #expect(sitemap.contains("<loc>https://thunghiem.example.gov.vn/trang/gop-y/</loc>"))
        #expect(!sitemap.contains("older-q7"))
    }

    @Test func aLaterBuildKeepsNoFileFromAnEarlierOne() throws {
        let site = try Self.mixedSite()
        try site.build(at: Self.now)
        #expect(site.exists("thong-bao/bundle-g/ban-do.pdf"))
        // bundle-g ends on 2026-04-02; one second after its last instant it is gone with its attachment.
        try site.build(at: "2026-04-03T00:00:00+07:00")
        #expect(!site.exists("thong-bao/bundle-g"))
        #expect(site.exists("thong-bao/active-a/index.html"))
        #expect(site.exists("thong-bao/later-q7/index.html"))
        #expect(site.rootEntries == ["content", "site"])
    }

    @Test func aFailingBuildPublishesWhatTheValidFilesAloneWouldAtTheSameClock() throws {
        let site = try Self.mixedSite()
        try site.build(at: Self.now)
        #expect(site.snapshot().count > 10)
        try site.write("content/notices/hong-1.md", validNotice(type: "khong-co"))
        try site.write("content/notices/2026/hong-2.md", "---\ntitle: x\n")
        let diagnostics = site.failingBuild(at: "2026-04-03T00:00:00+07:00")
        #expect(diagnostics.filter { $0.severity == .error }.map(\.path) == [
            "content/notices/2026/hong-2.md", "content/notices/hong-1.md",
        ])
        let degraded = site.snapshot()
        #expect(site.rootEntries == ["content", "site"])
        // Byte for byte what a build without the broken files makes at that clock.
        try site.remove("content/notices/hong-1.md")
        try site.remove("content/notices/2026/hong-2.md")
        try site.build(at: "2026-04-03T00:00:00+07:00")
        #expect(site.snapshot() == degraded)
    }

    @Test func aFailingFirstBuildCreatesNothing() throws {
        let site = try Self.mixedSite()
        try site.write("content/notices/2026/hong-2.md", "---\ntitle: x\n")
        #expect(site.failingBuild(at: Self.now).contains { $0.path == "content/notices/2026/hong-2.md" })
        #expect(site.rootEntries == ["content"])
        #expect(!FileManager.default.fileExists(atPath: site.root.appendingPathComponent(".site.congkhai-state").path))
    }

    @Test func twoBuildsWithTheSameClockAreByteIdentical() throws {
        let site = try Self.mixedSite()
        try site.build(at: Self.now)
        let first = site.snapshot()
        try site.build(at: Self.now)
        #expect(site.snapshot() == first)
        let other = try Self.mixedSite()
        try other.build(at: Self.now)
        #expect(other.snapshot() == first)
    }

    @Test func titlesAndMetadataAreEscapedEverywhere() throws {
        let evil = "<script>alert(\"x\")</script> & 'q'"
        let site = try TestSite(files: [
            "content/notices/evil.md": noticeText([
                ("title", "'\(evil)'".replacingOccurrences(of: "'q'", with: "''q''")),
                ("type", "general"), ("commune", "xa-a"), ("issuer", "\"<img src=x onerror=alert(1)>\""),
                ("number", "\"<b>1</b>\""), ("summary", "\"<svg onload=alert(1)>\""),
                ("posted", "2026-03-05"), ("expires", "2026-04-06"),
            ], body: "[bấm](javascript:alert(1)) <script>alert(2)</script>\n"),
        ])
        try site.build(at: Self.now)
        // JSON files carry the title as data (parsed below; the search script inserts it as text), not markup.
        for (path, data) in site.snapshot() where !path.hasPrefix("assets/") && !path.hasSuffix(".json") {
            let text = String(decoding: data, as: UTF8.self)
            #expect(!text.contains("<script>alert"), "\(path)")
            #expect(!text.contains("<img src=x"), "\(path)")
            #expect(!text.contains("<svg onload"), "\(path)")
            #expect(!text.contains("<b>1</b>"), "\(path)")
            #expect(!text.contains("href=\"javascript:"), "\(path)")
        }
        let page = try site.read("thong-bao/evil/index.html")
        #expect(page.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;"))
        #expect(try site.read("feed.xml").contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &apos;q&apos;"))
        let json = try JSONSerialization.jsonObject(with: Data(try site.read("notices.json").utf8)) as? [String: Any]
        let first = try #require((json?["notices"] as? [[String: Any]])?.first)
        #expect(first["title"] as? String == evil)
    }

    @Test func basePathPrefixesEveryLink() throws {
        let site = try TestSite(siteYAML: "title: T\nbase_url: https://tinh.example.gov.vn/xa-a\n",
                                files: ["content/notices/a.md": noticeText([
                                    ("title", "A"), ("type", "general"), ("issuer", "UBND"),
                                    ("posted", "2026-03-05"), ("expires", "2026-04-06")])])
        try site.build(at: Self.now)
        let home = try site.read("index.html")
        #expect(home.contains("href=\"/xa-a/thong-bao/a/\""))
        #expect(home.contains("href=\"/xa-a/assets/style.css\""))
        #expect(home.contains("<link rel=\"canonical\" href=\"https://tinh.example.gov.vn/xa-a/\">"))
        #expect(try site.read("notices.json").contains("\"url\" : \"/xa-a/thong-bao/a/\""))
    }

    @Test func contentErrorsAcrossFilesAreAllReported() throws {
        let site = try TestSite(files: [
            "content/notices/a/trung.md": validNotice(),
            "content/notices/b/trung.md": validNotice(),
            "content/notices/c.md": validNotice(extra: [("supersedes", "[trung, khong-ton-tai]")]),
            "content/pages/bad.md": "không có phần đầu\n",
        ])
        let diagnostics = site.failingBuild(at: Self.now)
        #expect(diagnostics.map { $0.formatted(in: .vi) } == [
            "content/notices/b/trung.md:1:1: lỗi: mã thông báo `trung` bị trùng với content/notices/a/trung.md",
            "content/notices/c.md:8:21: lỗi: `supersedes`: không có thông báo nào mang mã `khong-ton-tai`",
            "content/pages/bad.md:1:1: lỗi: thiếu phần thông tin đầu tệp: dòng đầu tiên phải là `---`",
        ])
        #expect(!FileManager.default.fileExists(atPath: site.output.path))
    }

    @Test func siteConfigErrors() throws {
        let site = try TestSite(siteYAML: """
        title: T
        base_url: binhthuan.example.gov.vn
        time_zone: Asia/Hanoi
        language: fr
        expiring_soon_days: -1
        holidays: [2026-02-30]
        tittle: x

        """)
        let diagnostics = site.failingBuild(at: Self.now)
        #expect(diagnostics.map { $0.formatted(in: .en) } == [
            "content/site.yaml:2:11: error: `base_url` \"binhthuan.example.gov.vn\" must be a full http(s) address, e.g. https://commune.example.gov.vn/",
            "content/site.yaml:3:12: error: unknown time zone `Asia/Hanoi`; e.g. Asia/Ho_Chi_Minh",
            "content/site.yaml:4:11: error: language `fr` is not supported; use `vi` or `en`",
            "content/site.yaml:5:21: error: `expiring_soon_days`: \"-1\" must be a whole number from 0 to 36500",
            "content/site.yaml:6:12: error: `holidays`: \"2026-02-30\" is not a valid date; use YYYY-MM-DD, e.g. 2026-04-26, or an ISO 8601 date-time, e.g. 2026-04-26T17:00:00+07:00",
            "content/site.yaml:7:1: warning: CongKhai does not know the key `tittle`; this line is ignored (did you mean `title`?)",
        ])
        try site.remove("content/site.yaml")
        #expect(site.failingBuild(at: Self.now).map { $0.formatted(in: .vi) } == ["content/site.yaml: lỗi: không tìm thấy content/site.yaml; hãy chạy lệnh trong thư mục của trang, hoặc chỉ rõ thư mục đó bằng --root"])
    }

    @Test func siteTypesOverrideAndExtendTheBuiltIns() throws {
        let site = try TestSite(siteYAML: TestSite.siteYAML + """
        types:
          land-price: { name: "Công khai giá đất cụ thể", min_days: 30 }
          general: { min_days: 20 }

        """, files: ["content/notices/gia-dat.md": validNotice(type: "land-price")])
        try site.build(at: Self.now)
        #expect(try site.read("loai/land-price/index.html").contains("Công khai giá đất cụ thể"))
        let (content, _) = SiteContent.load(root: site.root)
        // A period on a type is a site rule at all dates, and it wins over the shipped one.
        let rule = content?.config.rule(for: "general", on: LocalDate(iso: "2026-03-20")!)
        #expect(rule?.minimum == RuleDuration(20))
        #expect(rule?.fromSite == true)
        #expect(content?.config.types["general"]?.name == "Thông báo chung")
    }

    @Test func refusesAnOutputFolderThatWouldReplaceTheSources() throws {
        let site = try Self.mixedSite()
        for output in ["content", ".", "theme"] {
            do {
                _ = try SiteBuilder(root: site.root, output: site.root.appendingPathComponent(output),
                                    now: instant(Self.now)).build()
                Issue.record("--output \(output) must be refused")
            } catch {
                #expect(error.diagnostics.filter { $0.severity == .error }.count == 1)
                #expect(error.published == nil)
            }
        }
        #expect(FileManager.default.fileExists(atPath: site.root.appendingPathComponent("content/site.yaml").path))
    }

    @Test func englishInterface() throws {
        let site = try TestSite(siteYAML: TestSite.siteYAML + "language: en\n",
                                files: ["content/notices/a.md": validNotice()])
        try site.build(at: Self.now)
        let page = try site.read("thong-bao/a/index.html")
        #expect(page.contains("<html lang=\"en\">"))
        #expect(page.contains("Posted from 05/03/2026 to the end of 06/04/2026"))
        #expect(page.contains("data-left=\"{n} days left\""))
        #expect(try site.read("index.html").contains("17 days left"))
    }
}

@Suite("Residents' pages: search index, feeds, sharing, print")
struct ResidentPagesTests {
    @Test func searchIndexFoldsDiacriticsAndHoldsPublishedNoticesOnly() throws {
        let site = try SiteBuildTests.mixedSite()
        try site.build(at: SiteBuildTests.now)
        let data = Data(try site.read("search.json").utf8)
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let docs = try #require(root["notices"] as? [[String: Any]])
        #expect(docs.compactMap { $0["u"] as? String } == ["/thong-bao/new-e/", "/thong-bao/active-a/", "/thong-bao/bundle-g/"])
        let a = try #require(docs.first { $0["u"] as? String == "/thong-bao/active-a/" })
        #expect(a["t"] as? String == "Phương án bồi thường")
        #expect(a["kt"] as? String == "phuong an boi thuong")
        // Words in order, so phrases stay phrases; " . " separates number, type, commune, issuer.
        #expect(a["km"] as? String == "phuong an boi thuong ho tro tai dinh cu . xa a . ubnd xa a")
        #expect(a["kb"] as? String == "noi dung thong bao")
        #expect(a["e"] as? String == "2026-04-07T00:00:00+07:00")
        #expect(site.exists("tim-kiem/index.html"))
        #expect(try site.read("tim-kiem/index.html").contains("data-index=\"/search.json\""))
        #expect(SearchFolding.fold("Đường ĐÊ Bồi THƯỜNG") == "duong de boi thuong")
        #expect(SearchFolding.words("Bồi thường, bồi thường 45/TB-UBND") == ["boi", "thuong", "45", "tb", "ubnd"])
    }

    @Test func feedsPerTypeAndCommune() throws {
        let site = try SiteBuildTests.mixedSite()
        try site.build(at: SiteBuildTests.now)
        let type = try site.read("loai/compensation-plan/feed.xml")
        #expect(type.components(separatedBy: "<entry>").count - 1 == 1)
        #expect(type.contains("<link rel=\"self\" href=\"https://thunghiem.example.gov.vn/loai/compensation-plan/feed.xml\"/>"))
        #expect(type.contains("<title>Phương án bồi thường, hỗ trợ, tái định cư · Cổng thông tin công khai xã Thử Nghiệm</title>"))
        let commune = try site.read("xa/xa-a/feed.xml")
        #expect(commune.components(separatedBy: "<entry>").count - 1 == 3)
        #expect(try site.read("loai/compensation-plan/index.html")
                .contains("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Theo dõi thông báo mới (Atom): Phương án bồi thường, hỗ trợ, tái định cư\" href=\"/loai/compensation-plan/feed.xml\">"))
    }

    @Test func noticePagesShareWellAndPrintWithAQRCode() throws {
        let site = try SiteBuildTests.mixedSite()
        try site.build(at: SiteBuildTests.now)
        let page = try site.read("thong-bao/active-a/index.html")
        #expect(page.contains("<meta property=\"og:title\" content=\"Phương án bồi thường\">"))
        #expect(page.contains("<meta property=\"og:type\" content=\"article\">"))
        #expect(page.contains("<meta property=\"og:url\" content=\"https://thunghiem.example.gov.vn/thong-bao/active-a/\">"))
        // A compensation plan lists households: no line of its body goes into link previews.
        #expect(page.contains("<meta property=\"og:description\" content=\"Niêm yết từ 05/03/2026 đến hết ngày 06/04/2026\">"))
        #expect(page.contains("<meta property=\"og:image\" content=\"https://thunghiem.example.gov.vn/assets/og-image.png\">"))
        #expect(site.exists("assets/og-image.png"))
        #expect(page.contains("<svg class=\"qr\""))
        // The posting record is an office document (`congkhai records`), not a public page.
        #expect(!page.contains("bien-ban"))
        #expect(!site.exists("thong-bao/active-a/bien-ban.html"))
        // Hidden notices have no folder.
        #expect(!site.exists("thong-bao/older-q7"))
    }

    @Test func qrCodesAreDrawnByLibqrencode() throws {
        let svg = try #require(QRCodeSVG.svg(for: "https://binhthuan.example.gov.vn/thong-bao/a/", label: "QR"))
        #expect(svg.hasPrefix("<svg class=\"qr\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 41 41\""))
        // Version 4 (33 modules, plus 4-module quiet zones). The three finder patterns: a 7-module dark run at the top-left, top-right and bottom-left corners.
        #expect(svg.contains("M4 4h7v1h-7z"))
        #expect(svg.contains("M30 4h7v1h-7z"))
        #expect(svg.contains("M4 30h7v1h-7z"))
    }
}

@Suite("Paginated listings")
struct PaginationTests {
    @Test func listsAreSplitIntoPagesOfPageSize() throws {
        var files: [String: String] = [:]
        for index in 0..<7 {
            files["content/notices/n-\(index).md"] = validNotice(title: "\"Thông báo số \(index)\"",
                                                                  posted: "2026-03-0\(index + 1)", expires: "2026-04-30")
        }
        let site = try TestSite(siteYAML: TestSite.siteYAML + "page_size: 3\n", files: files)
        try site.build(at: SiteBuildTests.now)
        #expect(site.exists("index.html") && site.exists("trang-2/index.html") && site.exists("trang-3/index.html"))
        #expect(!site.exists("trang-4"))
        let first = try site.read("index.html"), second = try site.read("trang-2/index.html"), third = try site.read("trang-3/index.html")
        // Newest posting first: n-6, n-5, n-4 | n-3, n-2, n-1 | n-0.
        #expect(first.contains("Thông báo số 6") && first.contains("Thông báo số 4") && !first.contains("Thông báo số 3"))
        #expect(second.contains("Thông báo số 3") && second.contains("Thông báo số 1") && !second.contains("Thông báo số 0"))
        #expect(third.contains("Thông báo số 0"))
        #expect(first.contains("<a rel=\"next\" href=\"/trang-2/\">"))
        #expect(second.contains("<a rel=\"prev\" href=\"/\">") && second.contains("<a rel=\"next\" href=\"/trang-3/\">"))
        #expect(third.contains("<a rel=\"prev\" href=\"/trang-2/\">") && !third.contains("rel=\"next\""))
        #expect(third.contains("Trang 3/3"))
        #expect(site.exists("loai/general/trang-3/index.html"))
        #expect(site.exists("xa/xa-a/trang-2/index.html"))
        #expect(try site.read("xa/xa-a/trang-2/index.html").contains("<title>Xã A · 2/3 · "))
    }
}
