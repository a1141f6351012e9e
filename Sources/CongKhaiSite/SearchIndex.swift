import CongKhaiCore
import Foundation

/// `search.json`: what the search page needs to find published notices offline, diacritics folded.
///
/// One entry per published notice: its URL, title and a line of metadata to show, the end of its
/// posting (results past their end are dropped by the script), and the folded words of the title,
/// of the metadata (number, type, commune, issuer) and of the body (each word once). The script
/// ranks title matches first. Only published notices are included, and the expiry verification
/// scans this file like every other.
struct SearchIndex {
    let site: PublishedSite
    let presenter: NoticePresenter

    func json() -> Data {
        // Folding every body is the costly part: entries are built on all cores, then joined in order.
        let notices = site.notices
        let config = site.config
        let presenter = presenter
        let links = site.links
        let entries = Parallel.map(notices.count) { index in
            CompactJSON.fragment(Self.entry(notices[index], config: config, presenter: presenter, links: links))
        }
        var out = Array("{\"notices\":[".utf8)
        out.reserveCapacity(entries.reduce(16) { $0 + $1.count + 1 })
        for (index, entry) in entries.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: entry)
        }
        out.append(contentsOf: "]}\n".utf8)
        return Data(out)
    }

    private static func entry(_ notice: Notice, config: SiteConfig, presenter: NoticePresenter,
                              links: NoticeLinkRules) -> [String: Any] {
        let typeName = notice.type.name(in: config.language)
        let commune = config.communeName(notice.commune) ?? ""
        let meta = [typeName, commune, notice.number ?? ""].filter { !$0.isEmpty }.joined(separator: " · ")
        let metaWords = SearchFolding.words([notice.number ?? "", typeName, commune, notice.issuer].joined(separator: " "))
        return [
            "u": presenter.link(SiteURLs.notice(notice.id)),
            "t": notice.title,
            "m": meta,
            "p": presenter.periodText(notice),
            "y": notice.type.id,
            "c": notice.commune ?? "",
            "e": config.calendar.iso8601(notice.period.end),
            "s": config.calendar.iso8601(notice.period.start),
            "kt": SearchFolding.words(notice.title).joined(separator: " "),
            "km": metaWords.joined(separator: " "),
            "kb": SearchFolding.words((notice.summary ?? "") + " " + plainBody(notice, links: links)).joined(separator: " "),
        ]
    }
}

extension SearchIndex {
    /// The body's words as the page shows them: mentions of notices no longer posted replaced.
    static func plainBody(_ notice: Notice, links: NoticeLinkRules) -> String {
        let plain = MarkdownText.plain(notice.body)
        return links.rewrite(plain, fromNotice: true) ?? plain
    }
}

/// Rough plain text of Markdown for indexing: link targets and markup characters dropped.
enum MarkdownText {
    static func plain(_ markdown: String) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(markdown.utf8.count)
        var inTarget = false
        var previous: UInt8 = 0x20
        for byte in markdown.utf8 {
            if inTarget {
                if byte == UInt8(ascii: ")") { inTarget = false }
            } else if byte == UInt8(ascii: "(") && previous == UInt8(ascii: "]") {
                inTarget = true
            } else {
                switch byte {
                case UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "`"), UInt8(ascii: "#"),
                     UInt8(ascii: "|"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "<"), UInt8(ascii: ">"),
                     UInt8(ascii: "!"):
                    output.append(0x20)
                default:
                    output.append(byte)
                }
            }
            previous = byte
        }
        return String(decoding: output, as: UTF8.self)
    }
}
