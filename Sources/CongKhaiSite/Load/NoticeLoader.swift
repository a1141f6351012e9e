import CongKhaiCore
import Foundation

/// Finds and parses every notice under `content/notices/`.
///
/// A notice is `<id>.md`, or a bundle folder `<id>/index.md` whose other files are attachments.
struct NoticeLoader {
    let root: URL
    let config: SiteConfig
    /// Source paths whose file is exactly the version a previous build published: checks this
    /// version added (`isStricterCheck`) only warn there, so upgrading CongKhai never takes a
    /// notice offline in the middle of its posting period.
    var lenient: Set<String> = []

    /// The keys this version added; errors in their values are checks an older file never had.
    static let newKeys: Set<String> = ["draft", "opinions_until", "meeting", "send_to", "contact", "project", "time", "place"]

    /// Errors from checks that files published by earlier versions were never held to.
    static func isStricterCheck(_ diagnostic: Diagnostic) -> Bool {
        switch diagnostic.message {
        // A key meant to end or replace a notice (`withdrawm:`, `expire:`) stays an error: the
        // clerk meant it to come down, and the file was never published with that meaning.
        case .misspelledKey(_, let meant): return !["expires", "posted", "withdrawn", "supersedes", "corrects", "draft"].contains(meant)
        case .placeholderLeft, .idIsBareDate, .invalidDraftFlag, .opinionsOutsidePeriod: return true
        case .emptyValue(let key): return key == "number" || newKeys.contains(key)
        case .wrongType(let key, _), .invalidDate(let key, _), .missingField(let key): return newKeys.contains(key)
        default: return false
        }
    }

    static let knownKeys = ["title", "type", "commune", "number", "issuer", "signed", "posted", "expires",
                            "summary", "attachments", "supersedes", "withdrawn", "slug", "places", "land_kind",
                            "personal_data", "corrects", "extended", "draft",
                            "opinions_until", "meeting", "send_to", "contact", "project"]

    /// Lowercase ASCII letters, digits and single dashes between them.
    static func isValidId(_ id: String) -> Bool {
        guard !id.isEmpty, id.count <= 200, !id.hasPrefix("-"), !id.hasSuffix("-"), !id.contains("--")
        else { return false }
        return id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    struct SourceFile {
        let url: URL
        /// Relative to the site root.
        let path: String
        /// Bundle folder for `index.md` notices.
        let bundle: URL?
        let defaultId: String
    }

    /// Every notice source file, sorted by path, so builds are deterministic, and an error for
    /// every symbolic link found: links could pull files from outside `content/` into the public
    /// site, or loop forever, so content must be plain files and folders.
    func discover(in directory: String = "content/notices") -> (files: [SourceFile], problems: [Diagnostic]) {
        let base = root.appendingPathComponent(directory)
        var result: [SourceFile] = []
        var problems: [Diagnostic] = []
        walk(base, relative: directory, into: &result, problems: &problems)
        return (result.sorted { $0.path < $1.path }, problems.sortedForReport)
    }

    private func walk(_ url: URL, relative: String, into result: inout [SourceFile], problems: inout [Diagnostic]) {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: url.path) else { return }
        let isBundle = names.contains("index.md") && relative != "content/notices" && relative != "content/pages"
        // In a bundle only `index.md` and the listed attachments are ever read; attachments are
        // checked where they are listed (with the line), so other links there are left alone.
        for name in names where !name.hasPrefix(".") && (!isBundle || name == "index.md") {
            let type = (try? fm.attributesOfItem(atPath: url.appendingPathComponent(name).path))?[.type] as? FileAttributeType
            if type == .typeSymbolicLink {
                problems.append(.error(relative + "/" + name, nil, .symbolicLink))
            }
        }
        if isBundle {
            if problems.contains(where: { $0.path == relative + "/index.md" }) { return }
            result.append(SourceFile(url: url.appendingPathComponent("index.md"),
                                     path: relative + "/index.md", bundle: url,
                                     defaultId: url.lastPathComponent))
            return
        }
        for name in names.sorted() where !name.hasPrefix(".") {
            let child = url.appendingPathComponent(name)
            guard let type = (try? fm.attributesOfItem(atPath: child.path))?[.type] as? FileAttributeType else { continue }
            if type == .typeDirectory {
                walk(child, relative: relative + "/" + name, into: &result, problems: &problems)
            } else if name.hasSuffix(".md"), type == .typeRegular {
                result.append(SourceFile(url: child, path: relative + "/" + name, bundle: nil,
                                         defaultId: String(name.dropLast(3))))
            } else if name.hasSuffix(".md"), type != .typeSymbolicLink {
                // A FIFO, socket or device named like a notice: reading it could block forever.
                problems.append(.error(relative + "/" + name, nil, .notARegularFile))
            } else if type == .typeRegular, relative.hasPrefix("content/notices"), let kind = Self.nonNotice(name) {
                // A notice saved under the wrong name, or an attachment outside a bundle, would
                // otherwise never appear without a word.
                problems.append(.warning(relative + "/" + name, nil, .notANoticeFile(kind)))
            }
        }
    }

    /// What a file under `content/notices/` that is not `*.md` probably is.
    static func nonNotice(_ name: String) -> DiagnosticMessage.NonNoticeFile? {
        let lower = name.lowercased()
        for ending in [".md.txt", ".markdown", ".mdown", ".md", ".txt"] where lower.hasSuffix(ending) {
            return .rename(to: String(name.dropLast(ending.count)) + ".md")
        }
        let ext = (lower as NSString).pathExtension
        let documents: Set<String> = ["pdf", "doc", "docx", "odt", "rtf", "xls", "xlsx", "ods", "jpg", "jpeg", "png",
                                      "gif", "webp", "tif", "tiff", "zip", "rar", "7z", "ppt", "pptx", "csv"]
        return documents.contains(ext) ? .attachmentOutsideBundle : .other
    }

    /// Parses one notice file. Returns nil when it has errors (all reported). With a cache (and
    /// the salt of this configuration), a file parsed by an earlier build is not parsed again.
    func load(_ file: SourceFile, cache: ParseCache? = nil, configSalt: String = "") -> (Notice?, [Diagnostic]) {
        guard let data = FileManager.default.contents(atPath: file.url.path) else {
            return (nil, [.error(file.path, nil, .fileUnreadable(file.path))])
        }
        let text: String
        do {
            text = try SourceText.decode(data)
        } catch {
            return (nil, [.error(file.path, SourcePosition(line: 1, column: 1), error.message)])
        }
        let digest = PublicationJournal.sha256(data)
        var result: (Notice?, [Diagnostic])
        if let cache {
            let key = ParseCache.key(configSalt: configSalt, path: file.path, digest: digest,
                                     lenient: lenient.contains(file.path), bundle: file.bundle)
            if let hit = cache.lookup(file.path, key: key, text: text, bundle: file.bundle) {
                result = hit
            } else {
                result = parse(text, file: file)
                cache.store(file.path, key: key, result: result, text: text)
            }
        } else {
            result = parse(text, file: file)
        }
        result.0?.sourceSHA256 = digest
        return result
    }

    func parse(_ text: String, file: SourceFile) -> (Notice?, [Diagnostic]) {
        let path = file.path
        let document: FrontMatterDocument
        do {
            document = try FrontMatterDocument.split(text)
        } catch {
            return (nil, [.error(path, SourcePosition(line: 1, column: 1), Self.splitMessage(error, text: text))])
        }
        let (parsed, parseDiagnostics) = YAMLMapping.parse(document.yaml, path: path,
                                                           firstLine: document.yamlFirstLine, knownKeys: Self.knownKeys)
        guard var yaml = parsed else { return (nil, parseDiagnostics) }
        yaml.warnUnknownKeys(known: Self.knownKeys)
        let draft = readDraft(&yaml)
        let calendar = config.calendar

        let title = yaml.text("title", required: true)
        let type = readType(&yaml)
        let commune = readCommune(&yaml)
        let number = yaml.text("number")
        let issuer = yaml.text("issuer", required: true)
        let signed = yaml.date("signed")
        let posted = yaml.timestamp("posted", required: true, calendar: calendar)
        let expires = yaml.timestamp("expires", required: true, calendar: calendar)
        let summary = yaml.text("summary")
        let (withdrawn, withdrawnOn) = readWithdrawal(&yaml)
        let supersedes = yaml.textList("supersedes")
        let corrects = yaml.textList("corrects")
        let extensions = readExtensions(&yaml)
        let places = yaml.textList("places").map(\.0)
        var positions: [String: SourcePosition] = [:]
        for (index, item) in supersedes.enumerated() { positions["supersedes.\(index)"] = item.1 }
        for (index, item) in corrects.enumerated() { positions["corrects.\(index)"] = item.1 }
        for key in yaml.keys { positions[key] = yaml.valuePosition(key) }

        var id = file.defaultId
        if let slug = yaml.text("slug") {
            id = slug
            if !Self.isValidId(slug) { yaml.report(.error(path, yaml.valuePosition("slug"), .invalidId(slug))) }
        } else if !Self.isValidId(id) {
            yaml.report(.error(path, SourcePosition(line: 1, column: 1), .invalidId(id)))
        }
        if Self.isValidId(id), Self.isBareDate(id) {
            let at = yaml.keys.contains("slug") ? yaml.valuePosition("slug") : SourcePosition(line: 1, column: 1)
            yaml.report(.error(path, at, .idIsBareDate(id)))
        }
        if !draft {
            for problem in Self.placeholders(in: yaml, body: document.body, bodyLine: document.bodyFirstLine) {
                yaml.report(problem)
            }
        }

        var period: PostingPeriod?
        var appliedRule: PostingRule?
        let landKind = yaml.text("land_kind")
        if let landKind, !["nong-nghiep", "phi-nong-nghiep"].contains(landKind) {
            yaml.report(.error(path, yaml.valuePosition("land_kind"), .invalidRule("`land_kind`: `\(landKind)` (nong-nghiep, phi-nong-nghiep)")))
        }
        var personalData = type.map { ["compensation-plan", "resettlement-plan"].contains($0.id) } ?? false
        if let raw = yaml.text("personal_data") {
            if raw == "true" || raw == "false" {
                personalData = raw == "true"
            } else {
                yaml.report(.error(path, yaml.valuePosition("personal_data"), .wrongType(key: "personal_data", expected: .text)))
            }
        }
        if let posted, let expires {
            let value = PostingPeriod(posted: posted, expires: expires, calendar: calendar)
            if value.lastInstant < value.start {
                yaml.report(.error(path, yaml.valuePosition("expires"),
                                   .expiresBeforePosted(posted: display(posted), expires: display(expires))))
            } else {
                period = value
                // The rule in force on the signing date (else the posting date) applies.
                if let type, let rule = config.rule(for: type.id, on: signed ?? calendar.localDate(of: value.start)) {
                    appliedRule = rule
                    // A withdrawn notice is not held to its planned period.
                    let findings = config.ruleCheck.findings(type: type, rule: rule, signed: signed, start: value.start,
                                                             lastInstant: value.lastInstant)
                    for finding in findings where withdrawn == nil || finding.key == "signed" {
                        yaml.report(Diagnostic(finding.severity, path: path, position: yaml.valuePosition(finding.key),
                                               finding.message))
                    }
                }
            }
        }
        let attachments = readAttachments(&yaml, bundle: file.bundle)
        let action = readAction(&yaml, period: period)
        let project = yaml.text("project")
        if let last = extensions.last, let period, last.to != calendar.localDate(of: period.lastInstant),
           let expires {
            yaml.report(.warning(path, yaml.valuePosition("extended"), .extensionDisagrees(to: last.to, expires: display(expires))))
        }

        for warning in PersonalDataScanner.warnings(in: document.body, path: path, firstLine: document.bodyFirstLine) {
            yaml.report(warning)
        }
        // The title and summary are on every listing; a withdrawal's reason stays on the home page.
        for (key, text) in [("title", title), ("summary", summary), ("withdrawn", withdrawn)] {
            guard let text, let finding = PersonalDataScanner.scan(text).first else { continue }
            var at = yaml.valuePosition(key)
            if key == "withdrawn", let node = yaml.value(key), case .mapping = node, let reason = yaml.mapping(key) {
                at = reason.valuePosition("reason")
            }
            yaml.report(.warning(path, at, .personalData(finding.kind.message)))
        }
        if FastText.isBlank(document.body) {
            yaml.report(.warning(path, SourcePosition(line: document.bodyFirstLine, column: 1), .emptyBody))
        }
        var diagnostics = parseDiagnostics + yaml.diagnostics
        if lenient.contains(path) {
            diagnostics = diagnostics.map { d in
                d.severity == .error && Self.isStricterCheck(d) ? Diagnostic(.warning, path: d.path, position: d.position, d.message) : d
            }
        }
        guard !diagnostics.hasErrors, let title, let type, let issuer, let posted, let expires, let period else {
            return (nil, diagnostics)
        }
        let notice = Notice(
            id: id, sourcePath: path, bundleDirectory: file.bundle, title: title, type: type, commune: commune,
            number: number, issuer: issuer, signed: signed, posted: posted, expires: expires, period: period,
            summary: summary, attachments: attachments, supersedes: supersedes.map(\.0), withdrawn: withdrawn,
            body: document.body, bodyLine: document.bodyFirstLine, positions: positions, places: places)
        var result = notice
        result.rule = appliedRule
        result.landKind = landKind
        result.personalData = personalData
        result.withdrawnOn = withdrawnOn
        result.corrects = corrects.map(\.0)
        result.extensions = extensions
        result.draft = draft
        result.action = action
        result.project = project
        return (result, diagnostics)
    }

    /// Why a file could not be split into front matter and body, said as plainly as possible.
    static func splitMessage(_ error: FrontMatterDocument.SplitError, text: String) -> DiagnosticMessage {
        if error == .unterminated { return .frontMatterUnterminated }
        if FastText.isBlank(text) { return .fileEmpty }
        let firstLine = text.prefix { $0 != "\n" }
        if FastText.isBlank(String(firstLine)),
           text.split(separator: "\n", omittingEmptySubsequences: true).first?.trimmingCharacters(in: .whitespaces) == "---" {
            return .blankFirstLine
        }
        return .frontMatterMissing
    }

    /// `draft: true` keeps a notice off the site; `draft: false` (or no `draft`) publishes it.
    private func readDraft(_ yaml: inout YAMLMapping) -> Bool {
        guard let raw = yaml.text("draft") else { return false }
        switch raw.lowercased() {
        case "true", "yes", "có", "co": 
            yaml.report(.warning(yaml.path, yaml.keyPosition("draft"), .draftNotPublished))
            return true
        case "false", "no", "không", "khong": return false
        default:
            yaml.report(.error(yaml.path, yaml.valuePosition("draft"), .invalidDraftFlag(raw)))
            // A file published before `draft` existed stays published (its error only warns).
            return !lenient.contains(yaml.path)
        }
    }

    /// `opinions_until`, `meeting: { time, place }`, `send_to`, `contact: { name, phone, email, … }`.
    /// The last day for opinions must fall within the posting period.
    private func readAction(_ yaml: inout YAMLMapping, period: PostingPeriod?) -> NoticeAction {
        var action = NoticeAction()
        let calendar = config.calendar
        action.opinionsUntil = yaml.date("opinions_until")
        if let until = action.opinionsUntil, let period {
            let first = calendar.localDate(of: period.start), last = calendar.localDate(of: period.lastInstant)
            if until < first || last < until {
                yaml.report(.error(yaml.path, yaml.valuePosition("opinions_until"),
                                   .opinionsOutsidePeriod(until: until, first: first, last: last)))
            }
        }
        if var meeting = yaml.mapping("meeting") {
            meeting.warnUnknownKeys(known: ["time", "place"])
            action.meetingTime = meeting.timestamp("time", required: true, calendar: calendar)
            action.meetingPlace = meeting.text("place", required: true)
            yaml.absorb(meeting)
        }
        action.sendTo = yaml.text("send_to")
        if var contact = yaml.mapping("contact") {
            let keys = ["name", "phone", "email", "address", "office_hours"]
            contact.warnUnknownKeys(known: keys)
            for key in keys { if let value = contact.text(key) { action.contact[key] = value } }
            yaml.absorb(contact)
        }
        return action
    }

    /// `2026-12-01`: an id that is only a date.
    static func isBareDate(_ id: String) -> Bool {
        id.count == 10 && LocalDate(iso: id) != nil
    }

    /// Placeholders left from `congkhai new`'s skeleton in a notice about to be published: an
    /// empty `number`, and the skeleton's blanks — `(…)`, `(… text …)`, `[…]`, or a line, table
    /// cell or value that is only `…`. An ellipsis in a sentence ("đơn, sổ đỏ, …", "v.v…") is
    /// text. At most a few per file, each at its line and column.
    static func placeholders(in yaml: YAMLMapping, body: String, bodyLine: Int) -> [Diagnostic] {
        var found: [Diagnostic] = []
        if let node = yaml.value("number"), let scalar = node.scalar, scalar.style != .plain,
           FastText.trimmed(scalar.string).isEmpty {
            found.append(.error(yaml.path, yaml.valuePosition("number"), .emptyValue("number")))
        }
        for key in yaml.keys {
            guard let scalar = yaml.value(key)?.scalar, let column = placeholderColumn(in: Substring(scalar.string)) else { continue }
            var at = yaml.valuePosition(key)
            if scalar.style == .plain { at = SourcePosition(line: at.line, column: at.column + column - 1) }
            found.append(.error(yaml.path, at, .placeholderLeft(placeholderText(scalar.string))))
        }
        guard FastText.contains("…", in: body) else { return found }
        var lineNumber = bodyLine
        for line in body.split(separator: "\n", omittingEmptySubsequences: false) {
            if found.count >= 5 { break }
            if line.utf8.contains(0xE2), let column = placeholderColumn(in: line) {
                found.append(.error(yaml.path, SourcePosition(line: lineNumber, column: column),
                                    .placeholderLeft(placeholderText(String(line)))))
            }
            lineNumber += 1
        }
        return found
    }

    /// The 1-based column of a skeleton blank in `line`: `…` right inside brackets, or `…`
    /// alone on the line or in a table cell.
    static func placeholderColumn(in line: Substring) -> Int? {
        let scalars = Array(line.unicodeScalars)
        let blank: (Unicode.Scalar) -> Bool = { $0 == " " || $0 == "\t" }
        for (index, scalar) in scalars.enumerated() where scalar == "…" {
            var before = index - 1
            while before >= 0, blank(scalars[before]) { before -= 1 }
            var after = index + 1
            while after < scalars.count, blank(scalars[after]) { after += 1 }
            let left: Unicode.Scalar = before >= 0 ? scalars[before] : "\n"
            let right: Unicode.Scalar = after < scalars.count ? scalars[after] : "\n"
            let bracketed = (index > 0 && (scalars[index - 1] == "(" || scalars[index - 1] == "["))
                || (index + 1 < scalars.count && (scalars[index + 1] == ")" || scalars[index + 1] == "]"))
            let alone = (left == "\n" || left == "|" || left == "\"") && (right == "\n" || right == "|" || right == "\"")
            if bracketed || alone { return index + 1 }
        }
        return nil
    }

    /// The placeholder with a little context, for the message.
    static func placeholderText(_ line: String) -> String {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        return trimmed.count <= 60 ? trimmed : String(trimmed.prefix(57)) + "…"
    }

    /// `withdrawn: "reason"` or `withdrawn: { date: 2026-11-13, reason: "…" }`.
    private func readWithdrawal(_ yaml: inout YAMLMapping) -> (String?, LocalDate?) {
        guard let node = yaml.value("withdrawn") else { return (nil, nil) }
        guard case .mapping = node else { return (yaml.text("withdrawn"), nil) }
        guard var entry = yaml.mapping("withdrawn") else { return (nil, nil) }
        entry.warnUnknownKeys(known: ["date", "reason"])
        let date = entry.date("date", required: true)
        let reason = entry.text("reason", required: true)
        yaml.absorb(entry)
        return (reason ?? "", date)
    }

    /// `extended:` — a list of `{ date, to, previous, reason }`, as `congkhai extend` writes it.
    private func readExtensions(_ yaml: inout YAMLMapping) -> [PeriodExtension] {
        guard let node = yaml.value("extended"), node.scalar?.string.isEmpty != true else { return [] }
        guard let items = node.sequence else {
            yaml.report(.error(yaml.path, yaml.valuePosition("extended"), .wrongType(key: "extended", expected: .list)))
            return []
        }
        var result: [PeriodExtension] = []
        for item in items {
            guard case .mapping = item, var entry = yaml.nested(item, key: "extended") else {
                yaml.report(.error(yaml.path, yaml.position(of: item) ?? yaml.valuePosition("extended"),
                                   .wrongType(key: "extended", expected: .mapping)))
                continue
            }
            entry.warnUnknownKeys(known: ["date", "to", "previous", "reason"])
            let date = entry.date("date", required: true)
            let to = entry.date("to", required: true)
            let previous = entry.date("previous")
            let reason = entry.text("reason")
            if let date, let to {
                if let last = result.last, to <= last.to || date < last.date {
                    entry.report(.error(yaml.path, entry.valuePosition("to"), .extensionOutOfOrder))
                }
                result.append(PeriodExtension(date: date, to: to, previous: previous, reason: reason))
            }
            yaml.absorb(entry)
        }
        return result
    }

    private func display(_ value: Timestamp) -> String {
        switch value {
        case .day(let d): return d.short
        case .instant(let i): return config.calendar.iso8601(i)
        }
    }

    private func readType(_ yaml: inout YAMLMapping) -> NoticeType? {
        guard let raw = yaml.text("type", required: true) else { return nil }
        if let type = config.types[raw] { return type }
        let suggestions = Suggestions.closest(to: raw, among: config.typeOrder)
        yaml.report(.error(yaml.path, yaml.valuePosition("type"), .unknownType(raw, suggestions: suggestions)))
        return nil
    }

    private func readCommune(_ yaml: inout YAMLMapping) -> String? {
        let known = config.communes.map(\.id)
        let node = yaml.value("commune")
        guard let raw = yaml.text("commune") else {
            if !known.isEmpty, node == nil || node?.scalar != nil {
                yaml.report(.error(yaml.path, yaml.position, .communeRequired(known)))
            }
            return nil
        }
        if !known.isEmpty, !known.contains(raw) {
            yaml.report(.error(yaml.path, yaml.valuePosition("commune"),
                               .unknownCommune(raw, suggestions: Suggestions.closest(to: raw, among: known))))
        }
        return raw
    }

    private func readAttachments(_ yaml: inout YAMLMapping, bundle: URL?) -> [Attachment] {
        guard let node = yaml.value("attachments"), node.scalar?.string.isEmpty != true else { return [] }
        guard let items = node.sequence else {
            yaml.report(.error(yaml.path, yaml.valuePosition("attachments"),
                               .wrongType(key: "attachments", expected: .attachmentList)))
            return []
        }
        guard let bundle else {
            yaml.report(.error(yaml.path, yaml.valuePosition("attachments"), .attachmentNeedsBundle))
            return []
        }
        var result: [Attachment] = []
        for item in items {
            let at = yaml.position(of: item) ?? yaml.valuePosition("attachments")
            var entry: YAMLMapping?
            if case .mapping = item { entry = yaml.nested(item, key: "attachments") }
            guard var entry else {
                yaml.report(.error(yaml.path, at, .wrongType(key: "attachments", expected: .attachmentList)))
                continue
            }
            entry.warnUnknownKeys(known: ["file", "title"])
            let file = entry.text("file", required: true)
            let title = entry.text("title")
            yaml.absorb(entry)
            guard let file else { continue }
            if let problem = AttachmentPath.problem(with: file, taken: result.map(\.file)) {
                yaml.report(.error(yaml.path, entry.valuePosition("file"), problem))
                continue
            }
            let size: Int
            switch AttachmentPath.lookup(file, in: bundle) {
            case .file(let bytes): size = bytes
            case let failure:
                let message: DiagnosticMessage = switch failure {
                case .outside: .attachmentOutsideBundle(file)
                case .symbolicLink: .attachmentSymbolicLink(file)
                case .notAFile: .attachmentNotAFile(file)
                case .missing, .file: .attachmentMissing(file)
                }
                yaml.report(.error(yaml.path, entry.valuePosition("file"), message))
                continue
            }
            if let finding = PersonalDataScanner.scan(file).first {
                yaml.report(.warning(yaml.path, entry.valuePosition("file"), .personalData(finding.kind.message)))
            }
            result.append(Attachment(file: file, title: title ?? file, size: size))
        }
        return result
    }
}

/// Rules for attachment file names: relative, inside the bundle, a regular file.
enum AttachmentPath {
    /// True when `file` is a plain relative path that cannot leave the bundle.
    static func isInside(_ file: String) -> Bool {
        guard !file.isEmpty, !file.hasPrefix("/"), !file.contains("\\"), !file.contains("\0") else { return false }
        let parts = file.split(separator: "/", omittingEmptySubsequences: false)
        return parts.allSatisfy { !$0.isEmpty && $0 != ".." && $0 != "." }
            && parts.last.map { $0 != "index.md" } ?? false
    }

    /// File types a browser would run as code on the site's own domain (script in HTML or SVG).
    static let activeExtensions: Set<String> = ["html", "htm", "xhtml", "shtml", "svg", "svgz", "js", "mjs", "xml", "xsl"]

    /// Why `file` cannot be published beside the notice page, if it cannot: it would replace a
    /// generated page (`index.html`, `bien-ban.html`; `bien-ban/` stays reserved), repeat another
    /// attachment, or run script.
    static func problem(with file: String, taken: [String]) -> DiagnosticMessage? {
        let first = file.split(separator: "/").first.map(String.init) ?? file
        if file == "index.html" || file == "bien-ban.html" || first == "bien-ban" || taken.contains(file) {
            return .attachmentNameTaken(file)
        }
        let ext = (file as NSString).pathExtension.lowercased()
        if activeExtensions.contains(ext) { return .attachmentActiveContent(file) }
        return nil
    }

    enum Lookup: Equatable {
        case file(size: Int)
        case outside, missing, symbolicLink, notAFile
    }

    /// What `file` is inside `bundle`. Every component of the path is examined without following
    /// links, so a linked folder (`docs -> /etc`) is refused like a linked file.
    static func lookup(_ file: String, in bundle: URL) -> Lookup {
        guard isInside(file) else { return .outside }
        var url = bundle
        let parts = file.split(separator: "/")
        for (index, part) in parts.enumerated() {
            url = url.appendingPathComponent(String(part))
            var info = stat()
            guard lstat(url.path, &info) == 0 else { return .missing }
            switch info.st_mode & S_IFMT {
            case S_IFLNK: return .symbolicLink
            case S_IFDIR where index < parts.count - 1: continue
            case S_IFREG where index == parts.count - 1: return .file(size: Int(info.st_size))
            default: return .notAFile
            }
        }
        return .missing
    }
}
