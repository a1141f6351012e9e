import CongKhaiCore
import Foundation

/// `congkhai extend ID --to DATE [--reason "…"]`: moves a notice's `expires` to a later day and
/// records the extension in its front matter (`extended:`), so the page says so in the open.
///
/// The file is edited as text (comments, order and quoting of every other line stay as the clerk
/// wrote them), written to a temporary file and renamed, then loaded again: if the edited file
/// does not validate, the original is put back and the errors are reported.
public struct NoticeExtender {
    public let root: URL

    public init(root: URL) {
        self.root = root
    }

    public enum Failure: Error, Equatable {
        /// Errors in site.yaml or in the notice's own file (fix them first).
        case diagnostics([Diagnostic])
        case unknownNotice(String, suggestions: [String])
        /// The new last day is not after the current one.
        case notLater(current: LocalDate, requested: LocalDate)
        /// The new last day is already over: an extension cannot be backdated.
        case inThePast(today: LocalDate, requested: LocalDate)
        /// The front matter cannot be edited safely (e.g. `extended:` written in flow style).
        case cannotEdit(path: String, detail: String)
        case io(String)
    }

    public struct Outcome: Equatable, Sendable {
        public let id: String
        public let path: String
        public let previous: LocalDate
        public let to: LocalDate
        public let date: LocalDate
        /// Warnings of the edited file (a period longer than the rule allows, …).
        public let warnings: [Diagnostic]
    }

    public func extend(id: String, to: LocalDate, reason: String?, now: Date) throws(Failure) -> Outcome {
        let (loadedConfig, configDiagnostics) = SiteConfigLoader.load(root: root)
        guard let config = loadedConfig else { throw .diagnostics(configDiagnostics.filter { $0.severity == .error }) }
        let loader = NoticeLoader(root: root, config: config)
        var found: (NoticeLoader.SourceFile, Notice?, [Diagnostic])?
        var ids: [String] = []
        for file in loader.discover().files {
            let (notice, diagnostics) = loader.load(file)
            if let notice { ids.append(notice.id) }
            if notice?.id == id || (notice == nil && file.defaultId == id) {
                found = (file, notice, diagnostics)
                break
            }
        }
        guard let (file, loaded, diagnostics) = found else {
            throw .unknownNotice(id, suggestions: Suggestions.closest(to: id, among: ids, limit: 1))
        }
        guard let notice = loaded else { throw .diagnostics(diagnostics.filter { $0.severity == .error }) }
        let calendar = config.calendar
        let current = notice.lastDay(in: calendar)
        guard to > current else { throw .notLater(current: current, requested: to) }
        let today = calendar.localDate(of: now)
        guard to >= today else { throw .inThePast(today: today, requested: to) }

        guard let original = try? Data(contentsOf: file.url) else { throw .io(file.path) }
        let text = String(decoding: original, as: UTF8.self)
        let edited = try Self.edit(text, path: file.path, to: to,
                                   item: PeriodExtension(date: today, to: to, previous: current, reason: reason))
        do {
            try AtomicFile.replace(file.url, with: Data(edited.utf8))
        } catch {
            throw .io("\(file.path): \(error)")
        }
        let (again, after) = loader.load(file)
        guard let extended = again, !after.hasErrors, extended.extensions.last?.to == to else {
            try? AtomicFile.replace(file.url, with: original)
            throw .diagnostics(after.filter { $0.severity == .error })
        }
        return Outcome(id: id, path: file.path, previous: current, to: to, date: today,
                       warnings: after.filter { $0.severity == .warning })
    }

    /// The file with `expires:` set to `to` and `item` appended to `extended:`. Works on lines
    /// split at LF only (a CRLF file keeps its CR at the end of every line, and new lines get one).
    static func edit(_ text: String, path: String, to: LocalDate, item: PeriodExtension) throws(Failure) -> String {
        // Split on the LF scalar: in Swift "\r\n" is one Character, which `split` on "\n" would miss.
        var lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
            .map { String(String.UnicodeScalarView($0)) }
        let bare = { (line: String) in line.trimmingCharacters(in: .whitespacesAndNewlines) }
        guard lines.first.map({ bare($0) == "---" }) == true,
              let close = lines.indices.dropFirst().first(where: { bare(lines[$0]) == "---" || bare(lines[$0]) == "..." }) else {
            throw .cannotEdit(path: path, detail: "---")
        }
        let newline = lines[0].unicodeScalars.last == "\r" ? "\r" : ""
        /// A top-level key's line in the front matter.
        func keyLine(_ key: String) -> Int? {
            (1..<close).first { lines[$0].hasPrefix(key + ":") }
        }
        guard let expiresLine = keyLine("expires") else { throw .cannotEdit(path: path, detail: "expires") }
        let comment = lines[expiresLine].range(of: " #").map { String(lines[expiresLine][$0.lowerBound...]) } ?? ""
        lines[expiresLine] = "expires: \(to.iso)" + comment.replacingOccurrences(of: "\r", with: "") + newline

        /// The new list item, indented like the list's existing items (`indent` spaces before `-`).
        func entry(indent: Int) -> [String] {
            let dash = String(repeating: " ", count: indent) + "- "
            let more = String(repeating: " ", count: indent + 2)
            var result = [dash + "date: \(item.date.iso)"]
            if let previous = item.previous { result.append(more + "previous: \(previous.iso)") }
            result.append(more + "to: \(item.to.iso)")
            if let reason = item.reason?.trimmingCharacters(in: .whitespacesAndNewlines), !reason.isEmpty {
                result.append(more + "reason: " + Self.quoted(reason))
            }
            return result.map { $0 + newline }
        }
        if let listLine = keyLine("extended") {
            let value = bare(String(lines[listLine].dropFirst("extended:".count)))
            guard value.isEmpty || value.hasPrefix("#") else {
                throw .cannotEdit(path: path, detail: "extended")
            }
            // The block: the lines after `extended:` that are indented, list items, comments, or
            // blank lines followed by more of them; it ends at the next top-level key.
            let belongs = { (line: String) in line.first.map { $0 == " " || $0 == "-" || $0 == "#" } ?? false }
            var end = listLine + 1
            while end < close {
                if belongs(lines[end]) {
                    end += 1
                } else if bare(lines[end]).isEmpty, let next = (end + 1..<close).first(where: { !bare(lines[$0]).isEmpty }),
                          belongs(lines[next]) {
                    end = next
                } else {
                    break
                }
            }
            let firstItem = (listLine + 1..<end).first { bare(lines[$0]).hasPrefix("- ") }
            let indent = firstItem.map { lines[$0].prefix { $0 == " " }.count } ?? 2
            lines.insert(contentsOf: entry(indent: indent), at: end)
        } else {
            lines.insert(contentsOf: ["extended:" + newline] + entry(indent: 2), at: expiresLine + 1)
        }
        return lines.joined(separator: "\n")
    }

    /// A YAML double-quoted scalar.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 { result += String(format: "\\x%02X", scalar.value) } else { result.unicodeScalars.append(scalar) }
            }
        }
        return result + "\""
    }
}
