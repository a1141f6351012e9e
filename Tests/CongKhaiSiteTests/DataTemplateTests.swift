@testable import CongKhaiSite
import CongKhaiCore
import Foundation
import Testing

/// `feed.xml`, `sitemap.xml` and `robots.txt` come from theme templates a site can override.
/// The default templates must give, byte for byte, what the Swift code wrote before: that code
/// is kept here, as the reference.
@Suite("Feeds, sitemap and robots.txt from templates")
struct DataTemplateTests {
    static func demo(siteTitle: String? = nil) throws -> TestSite {
        let site = try TestSite()
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("content"))
        try FileManager.default.copyItem(at: CongKhaiProcess.repository.appendingPathComponent("content"),
                                         to: site.root.appendingPathComponent("content"))
        if let siteTitle {
            let url = site.root.appendingPathComponent("content/site.yaml")
            let yaml = try String(contentsOf: url, encoding: .utf8)
                .replacingOccurrences(of: #"title: "Cổng thông tin công khai xã Bình Thuận""#, with: "title: \(siteTitle)")
            try yaml.write(to: url, atomically: true, encoding: .utf8)
        }
        return site
    }

    /// Every feed, the sitemap and robots.txt of a built site, against the reference code on the
    /// same content and clock.
    static func compare(_ site: TestSite, at now: String) throws -> Int {
        try site.build(at: now)
        let built = site.snapshot()
        let (loaded, _) = SiteContent.load(root: site.root)
        let content = try #require(loaded)
        let (theme, _) = Theme.load(root: site.root, language: content.config.language)
        let instant = try #require(Timestamp.parseInstantWithOffset(now))
        let statuses = content.schedule.statuses(at: instant)
        let published = PublishedSite(config: content.config, theme: try #require(theme), notices: content.published(at: instant),
                                      pages: content.pages, now: instant,
                                      links: NoticeLinkRules(notices: content.notices, statuses: statuses,
                                                             config: content.config, now: instant))
        let presenter = NoticePresenter(config: content.config, strings: InterfaceStrings(values: published.theme.strings), now: instant)
        let machine = MachineReadableFiles(site: published, presenter: presenter)
        var expected: [String: String] = ["feed.xml": machine.legacyAtomFeed(), "sitemap.xml": machine.legacySitemap(),
                                          "robots.txt": "User-agent: *\nAllow: /\nSitemap: \(content.config.baseURL)sitemap.xml\n"]
        for type in content.config.orderedTypes {
            let notices = published.notices.filter { $0.type.id == type.id }
            guard !notices.isEmpty else { continue }
            expected[SiteURLs.type(type.id) + "feed.xml"] = machine.legacyAtomFeed(
                notices, title: type.name(in: content.config.language), path: SiteURLs.type(type.id))
        }
        for commune in content.config.communes {
            let notices = published.notices.filter { $0.commune == commune.id }
            guard !notices.isEmpty else { continue }
            expected[SiteURLs.commune(commune.id) + "feed.xml"] = machine.legacyAtomFeed(
                notices, title: commune.name, path: SiteURLs.commune(commune.id))
        }
        #expect(Set(built.keys.filter { $0.hasSuffix("feed.xml") || $0 == "sitemap.xml" || $0 == "robots.txt" })
                == Set(expected.keys))
        for (path, text) in expected.sorted(by: { $0.key < $1.key }) {
            #expect(String(decoding: built[path] ?? Data(), as: UTF8.self) == text, "\(path)")
        }
        return expected.count
    }

    @Test func theDefaultTemplatesWriteWhatTheCodeWrote() throws {
        let site = try Self.demo()
        #expect(try Self.compare(site, at: "2026-11-28T09:00:00+07:00") > 5)
        // Later: other notices, some lists empty.
        #expect(try Self.compare(site, at: "2026-12-20T09:00:00+07:00") >= 3)
        // Characters XML must escape, and one it must drop (a control character), in the title.
        let odd = try Self.demo(siteTitle: #""Xã <Bình> & \"Thuận\" 'mới' \u0001""#)
        #expect(try Self.compare(odd, at: "2026-11-28T09:00:00+07:00") > 5)
    }

    @Test func anEmptySiteHasAFeedSayingSo() throws {
        let site = try TestSite(files: [:])
        #expect(try Self.compare(site, at: "2026-03-20T09:00:00+07:00") == 3)
        #expect(try site.read("feed.xml").contains("<entry>") == false)
    }

    @Test func aSiteCanOverrideTheFeedTemplate() throws {
        let site = try TestSite(files: [
            "content/notices/a.md": validNotice(),
            "theme/templates/robots.txt.mustache": "{{% CONTENT_TYPE: TEXT}}\nUser-agent: *\nDisallow: /tim-kiem/\nSitemap: {{sitemap}}\n",
            "theme/templates/feed.xml.mustache": "{{% CONTENT_TYPE: CONGKHAI_XML}}\n<feed>{{#entries}}<t>{{title}}</t>{{/entries}}</feed>\n",
        ])
        try site.build(at: "2026-03-20T09:00:00+07:00")
        #expect(try site.read("robots.txt") == "User-agent: *\nDisallow: /tim-kiem/\nSitemap: https://thunghiem.example.gov.vn/sitemap.xml\n")
        #expect(try site.read("feed.xml") == "<feed><t>Thông báo thử</t></feed>\n")
    }
}

/// The Swift code that wrote the feeds and the sitemap before they became templates.
extension MachineReadableFiles {
    /// An Atom feed of `notices` (all published ones by default) for the page at `path`.
    ///
    /// Opened in a browser it reads as a page (the theme's `assets/feed.css`, through
    /// `<?xml-stylesheet type="text/css"?>`, not XSLT, which browsers are dropping): the feed's
    /// `subtitle` explains what a feed is and how to follow it, and each entry's `content` (XHTML,
    /// plain Atom) links to the notice. Feed readers ignore the stylesheet and show the same text;
    /// the XHTML `meta` viewport (an extension element, RFC 4287 §6.4.2) sizes the page on phones.
    func legacyAtomFeed(_ notices: [Notice]? = nil, title: String? = nil, path: String = "") -> String {
        let notices = notices ?? site.notices
        let strings = presenter.strings
        let feedTitle = title.map { "\($0) · \(config.title)" } ?? config.title
        let updated = notices.map(\.period.start).max().map(calendar.iso8601) ?? calendar.iso8601(site.now)
        let feedURL = config.baseURL + path + "feed.xml"
        var help = "<p>\(XML.escape(strings.format("feed_about", ["title": feedTitle])))</p>"
            + "<p>\(XML.escape(strings["feed_how"]))</p>"
            + "<p>\(XML.escape(strings["feed_address"])): <code>\(XML.escape(feedURL))</code></p>"
            + "<p><a href=\"\(XML.escape(config.baseURL + path))\">\(XML.escape(strings["feed_back"]))</a></p>"
        if notices.isEmpty { help += "<p>\(XML.escape(strings["no_notices"]))</p>" }
        var xml = """
        <?xml version="1.0" encoding="utf-8"?>
        <?xml-stylesheet type="text/css" href="\(XML.escape(presenter.link("assets/feed.css")))"?>
        <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\(config.language.rawValue)">
          <meta xmlns="http://www.w3.org/1999/xhtml" name="viewport" content="width=device-width, initial-scale=1"/>
          <title>\(XML.escape(feedTitle))</title>
          <subtitle type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">\(help)</div></subtitle>
          <id>\(XML.escape(config.baseURL + path))</id>
          <link href="\(XML.escape(config.baseURL + path))"/>
          <link rel="self" href="\(XML.escape(feedURL))"/>
          <updated>\(updated)</updated>

        """
        for notice in notices {
            let url = config.baseURL + SiteURLs.notice(notice.id)
            let start = calendar.iso8601(notice.period.start)
            let period = presenter.periodText(notice)
            let about = [notice.type.name(in: config.language), notice.number, notice.issuer].compactMap { $0 }
                .joined(separator: " · ")
            var content = "<p class=\"about\">\(XML.escape(about))</p>"
            if let summary = notice.summary { content += "<p>\(XML.escape(summary))</p>" }
            content += "<p class=\"period\">\(XML.escape(period))</p>"
                + "<p><a href=\"\(XML.escape(url))\">\(XML.escape(strings["feed_open"]))</a></p>"
            xml += """
              <entry>
                <title>\(XML.escape(notice.title))</title>
                <id>\(XML.escape(url))</id>
                <link href="\(XML.escape(url))"/>
                <published>\(start)</published>
                <updated>\(start)</updated>
                <author><name>\(XML.escape(notice.issuer))</name></author>
                <category term="\(XML.escape(notice.type.id))" label="\(XML.escape(notice.type.name(in: config.language)))"/>
                <summary>\(XML.escape(notice.summary ?? period))</summary>
                <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">\(content)</div></content>
              </entry>

            """
        }
        xml += "</feed>\n"
        return xml
    }

    func legacySitemap() -> String {
        var urls: [(String, String?)] = [("", nil)]
        for type in config.orderedTypes where site.notices.contains(where: { $0.type.id == type.id }) {
            urls.append((SiteURLs.type(type.id), nil))
        }
        for commune in config.communes where site.notices.contains(where: { $0.commune == commune.id }) {
            urls.append((SiteURLs.commune(commune.id), nil))
        }
        // Lists of households and amounts are not offered to search engines.
        for notice in site.notices where !notice.personalData {
            urls.append((SiteURLs.notice(notice.id), notice.firstDay(in: calendar).iso))
        }
        for page in site.pages { urls.append((SiteURLs.page(page.id), nil)) }
        urls.append((SiteURLs.search, nil))
        var xml = """
        <?xml version="1.0" encoding="utf-8"?>
        <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">

        """
        for (path, lastmod) in urls {
            xml += "  <url><loc>\(XML.escape(config.baseURL + path))</loc>"
            if let lastmod { xml += "<lastmod>\(lastmod)</lastmod>" }
            xml += "</url>\n"
        }
        xml += "</urlset>\n"
        return xml
    }

}
