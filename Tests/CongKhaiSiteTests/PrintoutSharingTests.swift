@testable import CongKhaiSite
import CongKhaiCore
import Foundation
import Testing

/// The printed notice (Nghị định 30/2020 layout), link previews and feeds a browser can read.
@Suite("Official printout and sharing")
struct PrintoutSharingTests {
    static func page(_ notice: String, id: String = "n", siteYAML: String = TestSite.siteYAML) throws -> String {
        let site = try TestSite(siteYAML: siteYAML, files: ["content/notices/\(id).md": notice])
        try site.build(at: SiteBuildTests.now)
        return try site.read("thong-bao/\(id)/index.html")
    }

    @Test func theHeadingNamesTheIssuingBodyInCapitalsNumberPlaceAndSigningDate() throws {
        let page = try Self.page(noticeText([
            ("title", "\"Thông báo thu hồi đất\""), ("type", "general"), ("commune", "xa-a"),
            ("number", "\"45/TB-UBND\""), ("issuer", "\"Ủy ban nhân dân xã A\""), ("signed", "2026-03-04"),
            ("posted", "2026-03-05"), ("expires", "2026-04-06"),
        ], body: "Nội dung.\n"))
        #expect(page.contains("<div class=\"official-body\"><p>ỦY BAN NHÂN DÂN</p><p>XÃ A</p></div><p class=\"official-number\">Số: 45/TB-UBND</p>"))
        #expect(page.contains("<p class=\"official-country\">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</p><p class=\"official-motto\">Độc lập - Tự do - Hạnh phúc</p>"))
        // "Xã A" → the place is "A" (Nghị định 30: the name of the commune, without "xã").
        #expect(page.contains("<p class=\"official-date\">A, ngày 04 tháng 3 năm 2026</p>"))
        #expect(page.contains("<span>TM. ỦY BAN NHÂN DÂN</span>"))
        #expect(page.contains("(Ký, ghi rõ họ tên, đóng dấu)"))
    }

    @Test func aChairmanSignsInPersonAndThePostingDateStandsInForAMissingSigningDate() throws {
        let page = try Self.page(noticeText([
            ("title", "\"Quyết định\""), ("type", "general"), ("commune", "xa-b"),
            ("issuer", "\"Chủ tịch Ủy ban nhân dân xã B\""), ("posted", "2026-03-05"), ("expires", "2026-04-06"),
        ], body: "Nội dung.\n"))
        #expect(page.contains("<div class=\"official-body\"><p>ỦY BAN NHÂN DÂN</p><p>XÃ B</p></div>"))
        #expect(!page.contains("official-number"))
        #expect(page.contains("<p class=\"official-date\">B, ngày 05 tháng 3 năm 2026</p>"))
        #expect(page.contains("<span>CHỦ TỊCH</span>"))
        #expect(!page.contains("<span>TM. "))
    }

    @Test func otherIssuersAreWrittenWholeAndSignWithoutASeal() throws {
        let page = try Self.page(noticeText([
            ("title", "\"Họp thôn\""), ("type", "general"), ("issuer", "\"Trưởng thôn An Điềm\""),
            ("signed", "2026-03-05"), ("posted", "2026-03-05"), ("expires", "2026-04-06"),
        ], body: "Nội dung.\n"), siteYAML: "title: \"Thôn An Điềm\"\nbase_url: \"https://andiem.example.vn/\"\n")
        #expect(page.contains("<div class=\"official-body\"><p>TRƯỞNG THÔN AN ĐIỀM</p></div>"))
        #expect(page.contains("<span>TRƯỞNG THÔN AN ĐIỀM</span>"))
        #expect(page.contains("(Ký, ghi rõ họ tên)</p>"))
        // A site without communes: no place, and the date line starts with a capital.
        #expect(page.contains("<p class=\"official-date\">Ngày 05 tháng 3 năm 2026</p>"))
        // "Uỷ" (the older placement of the tone mark) is the same body as "Ủy".
        let old = try Self.page(noticeText([
            ("title", "\"T\""), ("type", "general"), ("commune", "xa-a"), ("issuer", "\"Uỷ ban nhân dân xã A\""),
            ("posted", "2026-03-05"), ("expires", "2026-04-06"),
        ], body: "Nội dung.\n"))
        #expect(old.contains("<span>TM. ỦY BAN NHÂN DÂN</span>"))
        #expect(old.contains("(Ký, ghi rõ họ tên, đóng dấu)"))
    }

    @Test func anAbbreviatedIssuerIsWrittenInFull() throws {
        let page = try Self.page(validNotice())  // issuer "UBND xã A"
        #expect(page.contains("<div class=\"official-body\"><p>ỦY BAN NHÂN DÂN</p><p>XÃ A</p></div>"))
        #expect(page.contains("<span>TM. ỦY BAN NHÂN DÂN</span>"))
    }

    @Test func theShareDescriptionIsTheSummaryElseTheFirstParagraphAsPlainText() {
        #expect(NoticePresenter.firstParagraph(of: "## Căn cứ\n\n| a | b |\n|---|---|\n\n**Ủy ban** thông báo [việc](https://x/) *này*\ntiếp tục.\n\nĐoạn hai.")
                == "**Ủy ban** thông báo [việc](https://x/) *này* tiếp tục.")
        #expect(NoticePresenter.firstParagraph(of: "- mục một\n- mục hai\n\n1. Một\n\nĐoạn đầu.") == "Đoạn đầu.")
        #expect(NoticePresenter.firstParagraph(of: "```\ncode\n```\n\n---\n\n> trích\n\nVăn bản.") == "Văn bản.")
        #expect(NoticePresenter.firstParagraph(of: "*Nhấn mạnh* mở đầu.") == "*Nhấn mạnh* mở đầu.")
        let long = String(repeating: "thu hồi đất ", count: 40)
        let short = NoticePresenter.shortened(long, limit: 200)
        #expect(short.count <= 201 && short.hasSuffix("…") && !short.hasSuffix(" …"))
    }

    @Test func bodiesWithPersonalDataShareOnlyTheirPeriod() throws {
        let site = try TestSite(files: [
            "content/notices/plain.md": validNotice(body: "Ủy ban nhân dân xã A thông báo *lịch* họp.\n\nChi tiết.\n"),
            "content/notices/households.md": validNotice(extra: [("personal_data", "true")],
                                                         body: "Danh sách hộ: ông Nguyễn Văn A.\n"),
        ])
        try site.build(at: SiteBuildTests.now)
        #expect(try site.read("thong-bao/plain/index.html")
                .contains("<meta property=\"og:description\" content=\"Ủy ban nhân dân xã A thông báo lịch họp.\">"))
        let households = try site.read("thong-bao/households/index.html")
        #expect(households.contains("<meta property=\"og:description\" content=\"Niêm yết từ 05/03/2026 đến hết ngày 06/04/2026\">"))
        #expect(!households.contains("content=\"Danh sách hộ"))
    }

    @Test func feedsCarryAStylesheetAnExplanationAndLinksAndStayAtom() throws {
        let site = try SiteBuildTests.mixedSite()
        try site.build(at: SiteBuildTests.now)
        let feed = try site.read("feed.xml")
        let lines = feed.split(separator: "\n")
        #expect(lines[0] == "<?xml version=\"1.0\" encoding=\"utf-8\"?>")
        #expect(lines[1] == "<?xml-stylesheet type=\"text/css\" href=\"/assets/feed.css\"?>")
        #expect(feed.contains("<subtitle type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Đây là nguồn tin (Atom)"))
        #expect(feed.contains("<code>https://thunghiem.example.gov.vn/feed.xml</code>"))
        #expect(feed.contains("<a href=\"https://thunghiem.example.gov.vn/thong-bao/active-a/\">Xem toàn văn thông báo</a>"))
        #expect(site.exists("assets/feed.css"))
        // One subtitle and one content per entry (the browser test checks the XML itself).
        for path in ["feed.xml", "loai/compensation-plan/feed.xml", "xa/xa-a/feed.xml"] {
            let text = try site.read(path)
            #expect(text.components(separatedBy: "<subtitle type=\"xhtml\">").count == 2, "\(path)")
            #expect(text.components(separatedBy: "<content type=\"xhtml\">").count
                    == text.components(separatedBy: "<entry>").count, "\(path)")
        }
        #expect(try site.read("loai/compensation-plan/feed.xml")
                .contains("<code>https://thunghiem.example.gov.vn/loai/compensation-plan/feed.xml</code>"))
    }

    @Test func theNotFoundPageOffersSearch() throws {
        let site = try SiteBuildTests.mixedSite()
        try site.build(at: SiteBuildTests.now)
        let page = try site.read("404.html")
        #expect(page.contains("<form class=\"search-form not-found-search\" action=\"/tim-kiem/\" method=\"get\" role=\"search\">"))
        #expect(page.contains("<input id=\"not-found-q\" name=\"q\" type=\"search\""))
        #expect(page.contains("<a href=\"/\">Về trang chủ</a>"))
    }
}
