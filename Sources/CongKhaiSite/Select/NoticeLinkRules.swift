import CongKhaiCore
import CongKhaiMarkdown
import Foundation

/// What a build knows about every notice id, to decide which links to notices may stay.
///
/// A link (or a mention by URL or by distinctive id) to a notice that is not published at the
/// build's clock is rendered without its target: the text stays, as plain text, and a warning
/// names the Markdown file, line and column. That happens because time passed, never because
/// the clerk did something wrong, so it is never an error. A link to an id that exists nowhere
/// is an error (a typo or a deleted notice), and its target is dropped too.
struct NoticeLinkRules: Sendable {
    /// Every notice in the content, by id.
    let statuses: [String: NoticeStatus]
    /// Titles, which replace mentions of notices that are no longer posted.
    let titles: [String: String]
    /// Active notices that end within `expiring_soon_days`, with the instant their posting ends.
    let endingSoon: [String: String]
    let baseURL: String
    let basePath: String
    private let scanner: NoticeReferenceScanner

    init(notices: [Notice], statuses: [String: NoticeStatus], config: SiteConfig, now: Date) {
        self.statuses = statuses
        var titles: [String: String] = [:]
        var endingSoon: [String: String] = [:]
        let calendar = config.calendar
        let today = calendar.localDate(of: now)
        for notice in notices {
            titles[notice.id] = notice.title
            if statuses[notice.id] == .active, today.days(until: notice.lastDay(in: calendar)) < config.expiringSoonDays {
                endingSoon[notice.id] = calendar.iso8601(notice.period.lastInstant)
            }
        }
        self.titles = titles
        self.endingSoon = endingSoon
        baseURL = config.baseURL
        basePath = config.basePath
        var targets = statuses.filter { $0.value != .active }
        for id in endingSoon.keys { targets[id] = .active }
        scanner = NoticeReferenceScanner(targets: targets)
    }

    /// The notice id a link destination leads to on this site, if it leads to a notice page
    /// or attachment: `thong-bao/<id>/…` (relative, root-relative or under `base_url`), or
    /// `../<id>/…` from a notice page. Links to other sites are not this site's notices.
    func noticeId(inDestination destination: String, fromNotice: Bool) -> String? {
        var path = Substring(destination)
        if let end = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = path[..<end] }
        if path.contains(":") {
            guard path.hasPrefix(baseURL) else { return nil }
            path = path.dropFirst(baseURL.count)
        } else if path.hasPrefix("/") {
            guard path.hasPrefix(basePath) else { return nil }
            path = path.dropFirst(basePath.count)
        } else if fromNotice, path.hasPrefix("../"), !path.hasPrefix("../../") {
            return Self.firstSegment(path.dropFirst(3))
        }
        while path.hasPrefix("../") || path.hasPrefix("./") || path.hasPrefix("/") {
            path = path.drop { $0 == "." }.dropFirst()
        }
        guard path.hasPrefix("thong-bao/") else { return nil }
        return Self.firstSegment(path.dropFirst("thong-bao/".count))
    }

    private static func firstSegment(_ rest: Substring) -> String? {
        let segment = String(rest.prefix { $0 != "/" })
        return segment.isEmpty || segment == ".." || segment == "." ? nil : segment
    }

    /// True when `markdown` may hold a link or mention the rules act on: a notice URL, a relative
    /// link from a notice, or any id of a notice not posted or ending soon as a whole word. Most
    /// bodies have none and are rendered without the hooks (which run inside the Markdown lock).
    func mayReference(_ markdown: String, fromNotice: Bool) -> Bool {
        if FastText.contains("thong-bao/", in: markdown) || (fromNotice && FastText.contains("../", in: markdown)) { return true }
        return !scanner.scan(Data(markdown.utf8), relativeLinksLeadToNotices: fromNotice, everywhere: true).isEmpty
    }

    /// References to notices that are no longer posted (or that end soon) in `text`.
    func mentions(in text: String, fromNotice: Bool) -> [NoticeReferenceScanner.Match] {
        scanner.scan(Data(text.utf8), relativeLinksLeadToNotices: fromNotice)
    }

    /// Replaces each mention of a notice that is not published by its title in quotes; a
    /// mention inside a URL takes the whole URL with it (`https://…/thong-bao/<id>/`).
    func rewrite(_ text: String, fromNotice: Bool) -> String? {
        // A text that is nothing but an id (a table cell) renders as `>id<`, which the output
        // verifier counts as a mention even for short ids.
        // Ids are at most 200 bytes: longer texts (whole bodies) are not trimmed for nothing.
        if text.utf8.count <= 256 {
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if let status = statuses[trimmed], status != .active {
                return text.replacingOccurrences(of: trimmed, with: "“\(titles[trimmed] ?? trimmed)”")
            }
        }
        let matches = mentions(in: text, fromNotice: fromNotice).filter { statuses[$0.id] != .active }
        guard !matches.isEmpty else { return nil }
        let bytes = Array(text.utf8)
        var result: [UInt8] = []
        var cursor = 0
        for match in matches where match.offset >= cursor {
            var start = match.offset, end = match.offset + match.id.utf8.count
            if match.found != match.id {
                // The whole token around a URL: back and forward to white space.
                while start > cursor, !Self.isSpace(bytes[start - 1]) { start -= 1 }
                while end < bytes.count, !Self.isSpace(bytes[end]) { end += 1 }
            }
            result += bytes[cursor..<start]
            result += Array("“\(titles[match.id] ?? match.id)”".utf8)
            cursor = end
        }
        result += bytes[cursor...]
        return String(decoding: result, as: UTF8.self)
    }

    /// The notice with every text field a page, feed or index shows rewritten like a body (a
    /// summary saying "tiếp theo thông báo 2026-11-16-…" must not keep the site from building once
    /// that notice ends), with a warning at each field that changed.
    /// The text of every field `rewriteFields` may change, one per line.
    static func fieldsText(of notice: Notice) -> String {
        ([notice.title, notice.summary ?? "", notice.number ?? "", notice.issuer] + notice.places
            + notice.attachments.map(\.title)
            + [notice.action.meetingPlace ?? "", notice.action.sendTo ?? ""]
            + notice.action.contact.sorted { $0.key < $1.key }.map(\.value)).joined(separator: "\n")
    }

    func rewriteFields(of notice: Notice) -> (Notice, [Diagnostic]) {
        var result = notice
        var warnings: [Diagnostic] = []
        func fix(_ text: String, key: String) -> String {
            guard let rewritten = rewrite(text, fromNotice: true) else { return text }
            for match in mentions(in: text, fromNotice: true) where statuses[match.id] != .active {
                warnings.append(.warning(notice.sourcePath, notice.positions[key],
                                         .linkRemoved(noticeId: match.id, status: statuses[match.id] ?? .expired)))
            }
            if warnings.isEmpty, let status = statuses[text.trimmingCharacters(in: .whitespaces)] {
                warnings.append(.warning(notice.sourcePath, notice.positions[key],
                                         .linkRemoved(noticeId: text.trimmingCharacters(in: .whitespaces), status: status)))
            }
            return rewritten
        }
        result.title = fix(notice.title, key: "title")
        result.summary = notice.summary.map { fix($0, key: "summary") }
        result.number = notice.number.map { fix($0, key: "number") }
        result.issuer = fix(notice.issuer, key: "issuer")
        result.places = notice.places.map { fix($0, key: "places") }
        result.attachments = notice.attachments.map {
            Attachment(file: $0.file, title: fix($0.title, key: "attachments"), size: $0.size)
        }
        // What residents must do is shown on the page, in listings and in the search index too.
        result.action.meetingPlace = notice.action.meetingPlace.map { fix($0, key: "meeting") }
        result.action.sendTo = notice.action.sendTo.map { fix($0, key: "send_to") }
        result.action.contact = notice.action.contact.mapValues { fix($0, key: "contact") }
        return (result, warnings)
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}

/// Applies `NoticeLinkRules` to one Markdown document while it renders, and collects what it did
/// as diagnostics at the document's lines and columns.
final class NoticeLinkEditor {
    private let rules: NoticeLinkRules
    private let path: String
    private let firstLine: Int
    private let markdown: String
    private let fromNotice: Bool
    private(set) var diagnostics: [Diagnostic] = []
    private var reported = Set<String>()

    init(rules: NoticeLinkRules, path: String, firstLine: Int, markdown: String, fromNotice: Bool) {
        self.rules = rules
        self.path = path
        self.firstLine = firstLine
        self.markdown = markdown
        self.fromNotice = fromNotice
    }

    /// The hooks, or nil when the document cannot reference a notice (rendered as before).
    var hooksIfNeeded: MarkdownReferenceHooks? {
        rules.mayReference(markdown, fromNotice: fromNotice) ? hooks : nil
    }

    var hooks: MarkdownReferenceHooks {
        MarkdownReferenceHooks(
            keepLink: { [self] destination, title, line, column in keepLink(destination, title, line, column) },
            rewriteText: { [self] literal, line, column, isBlock in rewriteText(literal, line, column, isBlock) })
    }

    private func keepLink(_ destination: String, _ title: String, _ line: Int, _ column: Int) -> Bool {
        var keep = true
        if let id = rules.noticeId(inDestination: destination, fromNotice: fromNotice) {
            switch rules.statuses[id] {
            case nil:
                // Suggestions are added once per id after rendering, outside the Markdown lock.
                report(id, line, column, .error, .linkToUnknownNotice(id, suggestions: []))
                keep = false
            case .active?:
                if let end = rules.endingSoon[id] { report(id, line, column, .warning, .linkWillBeRemoved(noticeId: id, end: end)) }
            case let status?:
                report(id, line, column, .warning, .linkRemoved(noticeId: id, status: status))
                keep = false
            }
        }
        // A title or a destination elsewhere that names a notice no longer posted goes too.
        for match in rules.mentions(in: destination + " " + title, fromNotice: fromNotice) {
            if let status = rules.statuses[match.id], status != .active {
                report(match.id, line, column, .warning, .linkRemoved(noticeId: match.id, status: status))
                keep = false
            }
        }
        return keep
    }

    private func rewriteText(_ literal: String, _ line: Int, _ column: Int, _ isBlock: Bool) -> String? {
        for match in rules.mentions(in: literal, fromNotice: fromNotice) {
            guard let status = rules.statuses[match.id] else { continue }
            // The match's own place: lines and columns inside the literal (a code block's first
            // line is the one after its fence).
            let prefix = Array(literal.utf8.prefix(match.offset))
            let newlines = prefix.filter { $0 == 0x0A }.count
            let lastLine = prefix.split(separator: 0x0A, omittingEmptySubsequences: false).last ?? []
            let at = (line: line + newlines + (isBlock ? 1 : 0),
                      column: isBlock || newlines > 0 ? lastLine.count + 1 : column + lastLine.count)
            if status == .active, let end = rules.endingSoon[match.id] {
                report(match.id, at.line, at.column, .warning, .linkWillBeRemoved(noticeId: match.id, end: end))
            } else if status != .active {
                report(match.id, at.line, at.column, .warning, .linkRemoved(noticeId: match.id, status: status))
            }
        }
        let trimmed = literal.trimmingCharacters(in: .whitespaces)
        if let status = rules.statuses[trimmed], status != .active {
            report(trimmed, line, column, .warning, .linkRemoved(noticeId: trimmed, status: status))
        }
        return rules.rewrite(literal, fromNotice: fromNotice)
    }

    /// One diagnostic per notice and place (a link and its own text are one place); the column is turned from cmark's bytes into characters.
    private func report(_ id: String, _ line: Int, _ byteColumn: Int, _ severity: Diagnostic.Severity,
                        _ message: DiagnosticMessage) {
        guard reported.insert("\(id)@\(line):\(byteColumn)").inserted else { return }
        var column = byteColumn
        let lines = markdown.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        if line >= 1, line <= lines.count {
            let text = lines[line - 1]
            let prefix = text.prefix(max(0, byteColumn - 1))
            column = String(decoding: prefix, as: UTF8.self).unicodeScalars.count + 1
        }
        diagnostics.append(Diagnostic(severity, path: path,
                                      position: SourcePosition(line: firstLine + line - 1, column: column), message))
    }
}
