import CongKhaiCore
import Foundation

/// `notices.json` for the published notices, and what the theme's `feed.xml`, `sitemap.xml` and
/// `robots.txt` templates show (a site may override them like any template).
struct MachineReadableFiles {
    let site: PublishedSite
    let presenter: NoticePresenter

    var config: SiteConfig { site.config }
    var calendar: SiteCalendar { config.calendar }

    /// `notices.json`: every published notice, with `posted`/`expires` as the first and last
    /// instant of posting.
    func noticesJSON() throws -> Data {
        try NoticeListing(generated: calendar.iso8601(site.now), notices: site.notices.map { notice in
            NoticeListing.Entry(id: notice.id, title: notice.title, type: notice.type.id, commune: notice.commune,
                                number: notice.number, issuer: notice.issuer,
                                posted: calendar.iso8601(notice.period.start),
                                expires: calendar.iso8601(notice.period.lastInstant),
                                url: config.basePath + SiteURLs.notice(notice.id))
        }).encoded()
    }

    /// What `templates/feed.xml.mustache` shows: an Atom feed of `notices` (all published ones
    /// by default) for the page at `path`.
    ///
    /// Opened in a browser it reads as a page (the theme's `assets/feed.css`, through
    /// `<?xml-stylesheet type="text/css"?>`, not XSLT, which browsers are dropping): the feed's
    /// `subtitle` explains what a feed is and how to follow it, and each entry's `content` (XHTML,
    /// plain Atom) links to the notice. Feed readers ignore the stylesheet and show the same text;
    /// the XHTML `meta` viewport (an extension element, RFC 4287 §6.4.2) sizes the page on phones.
    func feedContext(_ notices: [Notice]? = nil, title: String? = nil, path: String = "") -> TemplateContext {
        let notices = notices ?? site.notices
        let strings = presenter.strings
        let feedTitle = title.map { "\($0) · \(config.title)" } ?? config.title
        let entries: [TemplateContext] = notices.map { notice in
            let period = presenter.periodText(notice)
            var entry: TemplateContext = [
                "title": notice.title,
                "url": config.baseURL + SiteURLs.notice(notice.id),
                "start": calendar.iso8601(notice.period.start),
                "issuer": notice.issuer,
                "type": notice.type.id,
                "typeName": notice.type.name(in: config.language),
                "summaryText": notice.summary ?? period,
                "about": [notice.type.name(in: config.language), notice.number, notice.issuer].compactMap { $0 }
                    .joined(separator: " · "),
                "period": period,
                "hasSummary": notice.summary != nil,
            ]
            if let summary = notice.summary { entry["summary"] = summary }
            return entry
        }
        return [
            "t": strings.values,
            "language": config.language.rawValue,
            "stylesheet": presenter.link("assets/feed.css"),
            "title": feedTitle,
            "about": strings.format("feed_about", ["title": feedTitle]),
            "pageURL": config.baseURL + path,
            "feedURL": config.baseURL + path + "feed.xml",
            "updated": notices.map(\.period.start).max().map(calendar.iso8601) ?? calendar.iso8601(site.now),
            "entries": entries,
        ]
    }

    /// What `templates/sitemap.xml.mustache` lists: the home page, lists with notices, every
    /// notice page (except those with personal data), pages and search.
    func sitemapContext() -> TemplateContext {
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
        return ["urls": urls.map { path, lastmod -> TemplateContext in
            var url: TemplateContext = ["loc": config.baseURL + path]
            if let lastmod { url["lastmod"] = lastmod }
            return url
        }]
    }

    /// What `templates/robots.txt.mustache` names.
    func robotsContext() -> TemplateContext {
        ["sitemap": config.baseURL + "sitemap.xml", "baseURL": config.baseURL]
    }
}

/// `notices.json`, the site's machine-readable list: its schema is this type. Written with
/// `JSONEncoder` (sorted keys, two-space indentation, `/` unescaped, a final newline): byte for
/// byte what `JSONSerialization` wrote before the type existed. An absent `commune` or `number` is
/// `null`, never a missing key, so a reader sees every field of every entry.
struct NoticeListing: Codable, Sendable, Equatable {
    struct Entry: Codable, Sendable, Equatable {
        let id: String
        let title: String
        let type: String
        let commune: String?
        let number: String?
        let issuer: String
        /// The first instant of posting, ISO 8601 with the site's offset.
        let posted: String
        /// The last instant of posting (23:59:59 of the last day for a date-only `expires`).
        let expires: String
        /// The notice's page, from the site's root (`/thong-bao/<id>/`).
        let url: String

        enum CodingKeys: String, CodingKey {
            case id, title, type, commune, number, issuer, posted, expires, url
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(title, forKey: .title)
            try container.encode(type, forKey: .type)
            try container.encode(commune, forKey: .commune)  // `null` when absent, not omitted
            try container.encode(number, forKey: .number)
            try container.encode(issuer, forKey: .issuer)
            try container.encode(posted, forKey: .posted)
            try container.encode(expires, forKey: .expires)
            try container.encode(url, forKey: .url)
        }
    }

    /// When the site was built, ISO 8601 with the site's offset.
    let generated: String
    let notices: [Entry]

    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        var data = try encoder.encode(self)
        data.append(UInt8(ascii: "\n"))
        return data
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
