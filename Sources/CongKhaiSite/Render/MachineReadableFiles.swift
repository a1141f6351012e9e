import CongKhaiCore
import Foundation

/// `notices.json`, `feed.xml` (Atom), `sitemap.xml` and `robots.txt` for the published notices.
struct MachineReadableFiles {
    let site: PublishedSite
    let presenter: NoticePresenter

    private var config: SiteConfig { site.config }
    private var calendar: SiteCalendar { config.calendar }

    /// `{"generated": …, "notices": [{"id","title","type","commune","number","issuer","posted","expires","url"}]}`
    /// with `posted`/`expires` as the first and last instant of posting.
    func noticesJSON() throws -> Data {
        let notices: [[String: Any]] = site.notices.map { notice in
            [
                "id": notice.id,
                "title": notice.title,
                "type": notice.type.id,
                "commune": notice.commune ?? NSNull(),
                "number": notice.number ?? NSNull(),
                "issuer": notice.issuer,
                "posted": calendar.iso8601(notice.period.start),
                "expires": calendar.iso8601(notice.period.lastInstant),
                "url": config.basePath + SiteURLs.notice(notice.id),
            ]
        }
        let root: [String: Any] = ["generated": calendar.iso8601(site.now), "notices": notices]
        var data = PrettyJSON.encode(root)
        data.append(UInt8(ascii: "\n"))
        return data
    }

    /// An Atom feed of `notices` (all published ones by default) for the page at `path`.
    ///
    /// Opened in a browser it reads as a page (the theme's `assets/feed.css`, through
    /// `<?xml-stylesheet type="text/css"?>`, not XSLT, which browsers are dropping): the feed's
    /// `subtitle` explains what a feed is and how to follow it, and each entry's `content` (XHTML,
    /// plain Atom) links to the notice. Feed readers ignore the stylesheet and show the same text;
    /// the XHTML `meta` viewport (an extension element, RFC 4287 §6.4.2) sizes the page on phones.
    func atomFeed(_ notices: [Notice]? = nil, title: String? = nil, path: String = "") -> String {
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

    func sitemap() -> String {
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

    func robots() -> String {
        "User-agent: *\nAllow: /\nSitemap: \(config.baseURL)sitemap.xml\n"
    }
}

/// XML text and attribute escaping.
enum XML {
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            default:
                // Control characters other than tab/newline are not allowed in XML 1.0.
                if scalar.value < 0x20, scalar != "\t", scalar != "\n", scalar != "\r" { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
