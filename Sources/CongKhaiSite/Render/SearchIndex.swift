import CongKhaiCore
import Foundation
import Yams

/// `search.json`: what the search page needs to find published notices offline, diacritics folded.
///
/// One entry per published notice: what a listing shows (URL, title, type and commune with their
/// links, number, posting period, action line, summary), the end of its posting (results past
/// their end are dropped by the script, and the days left are counted from it in the browser), and
/// the folded words, in order, of the title (`kt`), of the metadata (`km`: number, type, commune,
/// issuer) and of the summary and body (`kb`). Words stay in order so the script can rank whole
/// phrases above scattered words; " . " separates parts that do not run on (a phrase never spans
/// it). The theme's synonym groups (`search/synonyms.yaml`) come folded in `synonyms`. Only
/// published notices are included, and the expiry verification scans this file like every other.
struct SearchIndex {
    let site: PublishedSite
    let presenter: NoticePresenter

    func json() throws(CompactJSON.UnsupportedValue) -> Data {
        // Folding every body is the costly part: entries are built on all cores, then joined in order.
        let notices = site.notices
        let config = site.config
        let presenter = presenter
        let links = site.links
        // An entry has the same inputs as the notice's page: where the page may be reused, so may
        // the entry the served search.json has for it (`RenderCache`).
        let cache = site.cache
        let entries = try Parallel.map(notices.count) { index throws(CompactJSON.UnsupportedValue) -> [UInt8] in
            let notice = notices[index]
            if let cache, let key = cache.key(for: notice.id), let bytes = cache.searchEntry(notice.id, key: key) {
                return bytes
            }
            return try CompactJSON.fragment(Self.entry(notice, config: config, presenter: presenter, links: links))
        }
        var out = Array("{\"soon\":\(config.expiringSoonDays),\"synonyms\":".utf8)
        // Each group as one string ("den bu|boi thuong"): a short word alone in quotes could read
        // as the id of a notice that is not posted, which the output verification refuses.
        out += try CompactJSON.fragment(SearchSynonyms.groups(in: site.theme.files).map { $0.joined(separator: "|") as Any })
        out += Array(",\"notices\":[".utf8)
        out.reserveCapacity(out.count + entries.reduce(16) { $0 + $1.count + 1 })
        for (index, entry) in entries.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            if let cache, let key = cache.key(for: notices[index].id) {
                cache.wroteSearchEntry(notices[index].id, key: key, offset: out.count, bytes: entry)
            }
            out.append(contentsOf: entry)
        }
        out.append(contentsOf: "]}\n".utf8)
        return Data(out)
    }

    /// Marks the end of a part in the folded word lists: not a word, so no phrase runs across it.
    static let partBreak = " . "

    private static func entry(_ notice: Notice, config: SiteConfig, presenter: NoticePresenter,
                              links: NoticeLinkRules) -> [String: Any] {
        let listed = presenter.summary(notice)
        let typeName = notice.type.name(in: config.language)
        let commune = config.communeName(notice.commune) ?? ""
        let meta = [notice.number ?? "", typeName, commune, notice.issuer]
        var entry: [String: Any] = [
            "u": presenter.link(SiteURLs.notice(notice.id)),
            "t": notice.title,
            "tn": typeName,
            "tu": presenter.link(SiteURLs.type(notice.type.id)),
            "p": presenter.periodText(notice),
            "y": notice.type.id,
            "c": notice.commune ?? "",
            "e": config.calendar.iso8601(notice.period.end),
            "s": config.calendar.iso8601(notice.period.start),
            "kt": SearchFolding.sequence(notice.title),
            "km": meta.map(SearchFolding.sequence).filter { !$0.isEmpty }.joined(separator: partBreak),
            "kb": [notice.summary ?? "", plainBody(notice, links: links)].map(SearchFolding.sequence)
                .filter { !$0.isEmpty }.joined(separator: partBreak),
        ]
        if let number = notice.number { entry["n"] = number }
        if let summary = notice.summary { entry["sm"] = summary }
        if let id = notice.commune {
            entry["cn"] = commune.isEmpty ? id : commune
            entry["cu"] = presenter.link(SiteURLs.commune(id))
        }
        // The listing's one line of what to do and by when, where the presenter has one.
        if let line = listed["actionLine"] as? String, !line.isEmpty { entry["a"] = line }
        return entry
    }
}

extension SearchFolding {
    /// The folded words of `text` in order, repeats kept, joined by single spaces, so phrases stay
    /// phrases ("Bồi thường đất trồng lúa" → "boi thuong dat trong lua"). A line break, or `.`, `;`,
    /// `:`, `!`, `?` before a space, ends a phrase: it becomes a "." token, which no query word
    /// matches ("39.000" stays "39 000").
    static func sequence(_ text: String) -> String {
        var words: [String] = []
        var current = String.UnicodeScalarView()
        var pendingStop = false
        func flush() {
            guard !current.isEmpty else { return }
            words.append(String(current))
            current = String.UnicodeScalarView()
        }
        func stop() {
            flush()
            if let last = words.last, last != "." { words.append(".") }
        }
        for scalar in fold(text).unicodeScalars {
            if SearchFolding.isWordScalar(scalar) {
                pendingStop = false
                current.append(scalar)
                continue
            }
            flush()
            switch scalar {
            case "\n", "\r": stop(); pendingStop = false
            case ".", ";", ":", "!", "?": pendingStop = true
            case " ", "\t": if pendingStop { stop(); pendingStop = false }
            default: pendingStop = false
            }
        }
        flush()
        if words.last == "." { words.removeLast() }
        return words.joined(separator: " ")
    }
}

/// The theme's synonym groups (`theme/search/synonyms.yaml`, which a site's own theme replaces):
/// a YAML list of lists of words or phrases that mean the same ("đền bù", "bồi thường"). The search
/// script folds a query with them both ways.
enum SearchSynonyms {
    static let path = "search/synonyms.yaml"

    /// Each group's phrases folded ("GPMB" → "gpmb"), without empty or repeated ones; groups of
    /// fewer than two phrases are dropped. An unreadable list gives no groups (see `diagnostics`).
    static func groups(in files: [String: Data]) -> [[String]] {
        parse(files).groups
    }

    /// A warning when the theme's list cannot be read: search still works, without synonyms.
    static func diagnostics(in files: [String: Data]) -> [Diagnostic] {
        parse(files).problem.map { [.warning("theme/" + path, nil, $0)] } ?? []
    }

    private static func parse(_ files: [String: Data]) -> (groups: [[String]], problem: DiagnosticMessage?) {
        guard let data = files[path] else { return ([], nil) }
        guard let text = String(data: data, encoding: .utf8) else { return ([], .invalidUTF8) }
        if YAMLAliasGuard.firstAnchorOrAlias(in: text) != nil { return ([], .yamlAliasesNotAllowed) }
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch {
            return ([], .yamlSyntax("\(error)"))
        }
        guard let node else { return ([], nil) }
        guard case .sequence(let list) = node else { return ([], .wrongType(key: "synonyms", expected: .list)) }
        var groups: [[String]] = []
        for item in list {
            guard case .sequence(let phrases) = item else { return ([], .wrongType(key: "synonyms", expected: .listOfText)) }
            var group: [String] = []
            for phrase in phrases {
                guard let text = phrase.scalar?.string else { return ([], .wrongType(key: "synonyms", expected: .listOfText)) }
                let folded = SearchFolding.sequence(text)
                if !folded.isEmpty && !group.contains(folded) { group.append(folded) }
            }
            if group.count > 1 { groups.append(group) }
        }
        return (groups, nil)
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
