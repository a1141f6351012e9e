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
        let config = site.config
        let documents: [[String: Any]] = site.notices.map { notice in
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
                "kb": SearchFolding.words((notice.summary ?? "") + " " + MarkdownText.plain(notice.body)).joined(separator: " "),
            ]
        }
        return CompactJSON.encode(["notices": documents])
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
