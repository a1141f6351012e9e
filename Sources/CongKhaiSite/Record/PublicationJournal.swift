import CongKhaiCore
import Crypto
import Foundation

/// The publication journal: what was online when, as evidence (issue "Proof of posting").
///
/// `journal.tsv` at the site root, beside `content/`, meant to be committed to git with the
/// sources. One line per event, tab-separated: instant, event, notice id (`-` for a build),
/// details (`key=value`, space-separated, values percent-encoded), and the SHA-256 of the previous
/// line's hash followed by this line's first four fields — so an edited, deleted or reordered line
/// breaks the chain at that line (`congkhai journal verify`). Events: `build` (every build that
/// publishes: tool version, notices published, whether it had errors), `started`, `stopped` and
/// `changed` (with the SHA-256 of the notice's page, source and each attachment, its end instant,
/// and why). No notice body is ever written, only ids, hashes and dates. The whole file is
/// rewritten to a temporary file and renamed over the old one, so a SIGKILL never leaves a
/// half-written line.
public struct PublicationJournal: Sendable {
    public static let fileName = "journal.tsv"
    public let url: URL

    public init(root: URL) {
        url = root.appendingPathComponent(Self.fileName)
    }

    /// One line of the journal.
    public struct Entry: Sendable, Equatable {
        public let instant: String
        public let event: String
        public let id: String
        public let details: [Detail]
        public let hash: String

        public struct Detail: Sendable, Equatable {
            public let key: String
            public let value: String
        }

        public func value(_ key: String) -> String? { details.first { $0.key == key }?.value }

        var body: String {
            [instant, event, id, details.map { "\($0.key)=\(PublicationJournal.encode($0.value))" }.joined(separator: " ")]
                .joined(separator: "\t")
        }
    }

    static let genesis = String(repeating: "0", count: 64)

    static func chain(_ previous: String, _ body: String) -> String {
        hex(SHA256.hash(data: Data((previous + "\t" + body).utf8)))
    }

    static func sha256(_ data: Data) -> String {
        hex(SHA256.hash(data: data))
    }

    /// Lower-case hexadecimal of a digest (`String(format:)` is slow on Linux: 10,000 files took a second).
    static func hex(_ digest: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var bytes: [UInt8] = []
        for byte in digest {
            bytes.append(digits[Int(byte >> 4)])
            bytes.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static let plain = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._:+/")

    static func encode(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: plain) ?? value
    }

    /// The journal's lines (without their newline); empty when there is no journal.
    func lines() -> [String] {
        guard let data = try? Data(contentsOf: url) else { return [] }
        return String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            .map(String.init).filter { !$0.isEmpty }
    }

    /// What `journal verify` found: every line valid, or the first bad line (1-based) and why.
    public enum Verification: Equatable, Sendable {
        case valid(lines: Int)
        case broken(line: Int, reason: String)
    }

    public func verify() -> Verification {
        var previous = Self.genesis
        let all = lines()
        for (index, line) in all.enumerated() {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 5 else { return .broken(line: index + 1, reason: "fields") }
            let body = fields[0..<4].joined(separator: "\t")
            let expected = Self.chain(previous, body)
            guard fields[4] == expected else { return .broken(line: index + 1, reason: "hash") }
            previous = expected
        }
        return .valid(lines: all.count)
    }

    /// Every entry, parsed (lines that do not parse are skipped: `verify` reports them).
    public func entries() -> [Entry] {
        lines().compactMap { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 5 else { return nil }
            let details = fields[3].split(separator: " ").compactMap { pair -> Entry.Detail? in
                guard let equals = pair.firstIndex(of: "=") else { return nil }
                return Entry.Detail(key: String(pair[..<equals]),
                                    value: String(pair[pair.index(after: equals)...]).removingPercentEncoding ?? "")
            }
            return Entry(instant: fields[0], event: fields[1], id: fields[2], details: details, hash: fields[4])
        }
    }

    /// What the journal says is published after its last line: id → the details of its last
    /// `started` or `changed` line.
    func publishedState(in entries: [Entry]) -> [String: Entry] {
        var state: [String: Entry] = [:]
        for entry in entries {
            switch entry.event {
            case "started", "changed": state[entry.id] = entry
            case "stopped": state[entry.id] = nil
            default: continue
            }
        }
        return state
    }

    enum PageHash {
        case known(String)
        case file(URL)

        var value: String {
            switch self {
            case .known(let hash): return hash
            case .file(let url): return (try? Data(contentsOf: url)).map(PublicationJournal.sha256) ?? "-"
            }
        }
    }

    /// A notice as a build published it.
    struct PublishedNotice {
        let id: String
        let until: String
        /// The SHA-256 of the published page, or how to compute it: hashing every page of a
        /// large site on every build costs seconds, and only started or changed notices need it.
        let page: PageHash
        let source: String
        let attachments: [(file: String, sha: String)]
        /// Published corrections of this notice (`corrects:` in another notice), sorted.
        var correctedBy: [String] = []
    }

    /// Appends the lines of a build that could not publish a new site but took `removed` notices
    /// down from the previous one (the last resort). A notice whose page in `output` is no longer
    /// the page last recorded (the last resort replaced it with a placeholder) is journaled as
    /// stopped (`degraded`): its content is not online. Every other notice stays as last recorded.
    func appendRemoval(instant: String, version: String, removed: Set<String>,
                       statuses: [String: NoticeStatus], output: URL) throws {
        let before = publishedState(in: entries())
        var degraded: [String: String] = [:]
        let remaining = before.filter { !removed.contains($0.key) }.compactMap { id, entry -> PublishedNotice? in
            let page = (try? Data(contentsOf: output.appendingPathComponent(SiteURLs.file(forPage: SiteURLs.notice(id)))))
                .map(Self.sha256)
            guard page != nil, page == entry.value("page") else {
                degraded[id] = "degraded"
                return nil
            }
            return PublishedNotice(id: id, until: entry.value("until") ?? "", page: .known(entry.value("page") ?? "-"),
                                   source: entry.value("source") ?? "-",
                                   attachments: entry.details.filter { $0.key == "attachment" }.compactMap { detail in
                                       guard let colon = detail.value.lastIndex(of: ":") else { return nil }
                                       return (String(detail.value[..<colon]), String(detail.value[detail.value.index(after: colon)...]))
                                   },
                                   correctedBy: entry.details.filter { $0.key == "corrected-by" }.map(\.value))
        }
        try append(instant: instant, version: version, hadErrors: true, published: remaining, statuses: statuses,
                   reasons: degraded)
    }

    /// Appends one build's lines: the build itself, then every notice that started, stopped or
    /// changed since the journal's last line.
    func append(instant: String, version: String, hadErrors: Bool, published: [PublishedNotice],
                statuses: [String: NoticeStatus], reasons: [String: String] = [:]) throws {
        let existing = lines()
        let previousEntries = entries()
        let before = publishedState(in: previousEntries)
        var bodies: [(event: String, id: String, details: [Entry.Detail])] = [
            ("build", "-", [.init(key: "version", value: version), .init(key: "published", value: String(published.count)),
                            .init(key: "errors", value: hadErrors ? "yes" : "no")]),
        ]
        func details(_ notice: PublishedNotice, reason: String) -> [Entry.Detail] {
            [.init(key: "reason", value: reason), .init(key: "until", value: notice.until),
             .init(key: "page", value: notice.page.value), .init(key: "source", value: notice.source)]
                + notice.attachments.map { .init(key: "attachment", value: "\($0.file):\($0.sha)") }
                + notice.correctedBy.map { .init(key: "corrected-by", value: $0) }
        }
        let now = Set(published.map(\.id))
        for notice in published.sorted(by: { $0.id < $1.id }) {
            if let last = before[notice.id] {
                let sameAttachments = last.details.filter { $0.key == "attachment" }.map(\.value)
                    == notice.attachments.map { "\($0.file):\($0.sha)" }
                if last.value("until") != notice.until {
                    bodies.append(("changed", notice.id, details(notice, reason: (last.value("until") ?? "") < notice.until ? "extended" : "shortened")))
                } else if last.value("source") != notice.source || !sameAttachments {
                    bodies.append(("changed", notice.id, details(notice, reason: "content-changed")))
                } else {
                    let before = Set(last.details.filter { $0.key == "corrected-by" }.map(\.value))
                    let now = Set(notice.correctedBy)
                    if !now.subtracting(before).isEmpty {
                        bodies.append(("changed", notice.id, details(notice, reason: "corrected")))
                    } else if now != before {
                        bodies.append(("changed", notice.id, details(notice, reason: "correction-ended")))
                    }
                }
            } else {
                // Published again after a stop, with a later end: an extension after a gap.
                let lastPublished = previousEntries.last { $0.id == notice.id && $0.event != "stopped" }
                let reason = lastPublished.map { ($0.value("until") ?? "") < notice.until ? "extended" : "started" } ?? "started"
                bodies.append(("started", notice.id, details(notice, reason: reason)))
            }
        }
        for id in before.keys.sorted() where !now.contains(id) {
            var reason: String
            switch statuses[id] {
            case .expired?: reason = "ended"
            case .superseded?: reason = "superseded"
            case .withdrawn?: reason = "withdrawn"
            case .scheduled?: reason = "rescheduled"
            case .active?: reason = "not-published"
            case nil: reason = "deleted"
            }
            if let given = reasons[id] { reason = given }
            bodies.append(("stopped", id, [.init(key: "reason", value: reason)]))
        }
        var previous = existing.last.flatMap { $0.split(separator: "\t").last.map(String.init) } ?? Self.genesis
        var text = existing.joined(separator: "\n") + (existing.isEmpty ? "" : "\n")
        for body in bodies {
            let entry = Entry(instant: instant, event: body.event, id: body.id, details: body.details, hash: "")
            let hash = Self.chain(previous, entry.body)
            text += entry.body + "\t" + hash + "\n"
            previous = hash
        }
        // Written whole and renamed: a SIGKILL leaves the old journal or the new one.
        try AtomicFile.replace(url, with: Data(text.utf8), sync: true)
    }
}
