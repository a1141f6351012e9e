import CongKhaiCore
import Foundation

/// The last resort of a build that cannot publish a new site (no valid version of a broken
/// `site.yaml` or theme, nothing built before, or a site that fails its own verification): the
/// previous site is published again with every notice that is no longer posted taken out.
///
/// Its folder under `thong-bao/` (page and attachments) goes. Every other file that
/// still mentions such a notice is replaced: `notices.json` by the same list without it, an HTML
/// page (a listing, the search page) by a short page listing the notices still posted, anything
/// else (feeds, sitemap, search index) is removed. Which notices stay is decided by the content
/// when it loads (with the last valid versions), otherwise by the end instants in the previous
/// site's own `notices.json`. The result goes through the same verification and the same atomic
/// swap as any build.
struct ExpiredNoticeRemoval {
    let output: URL
    let displayPrefix: String
    let now: Date
    /// How the new folder is flushed to disk; its failure is ignored (see `run`). Tests replace it.
    var flush: @Sendable (URL) throws -> Void = OutputPublisher.flushToDisk

    enum Outcome {
        /// No previous site, or nothing in it to take out.
        case nothingToRemove
        case removed(BuildReport)
        case failed([Diagnostic])
    }

    /// One notice listed in the previous site's `notices.json`.
    private struct Listed {
        let id: String
        let entry: [String: Any]
        let lastInstant: Date?
    }

    /// The previous listing is read and rewritten as plain JSON objects, not as `NoticeListing`:
    /// it may come from an older CongKhai with other fields, and the last resort must remove
    /// ended notices from whatever is published, never give up because a field is unknown.
    static func json(_ object: [String: Any]) -> Data {
        var data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]))
            ?? Data("{}".utf8)
        data.append(UInt8(ascii: "\n"))
        return data
    }

    func run(content: SiteContent?) -> Outcome {
        let fm = FileManager.default
        let listingURL = output.appendingPathComponent("notices.json")
        guard OutputPublisher.isReplaceable(output), let data = fm.contents(atPath: listingURL.path),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let entries = object["notices"] as? [[String: Any]] else { return .nothingToRemove }
        let listed = entries.compactMap { entry -> Listed? in
            guard let id = entry["id"] as? String else { return nil }
            return Listed(id: id, entry: entry, lastInstant: (entry["expires"] as? String).flatMap(Timestamp.parseInstantWithOffset))
        }
        let pages = (try? fm.contentsOfDirectory(atPath: output.appendingPathComponent("thong-bao").path)) ?? []
        let statuses: [String: NoticeStatus]
        if let content {
            statuses = content.schedule.statuses(at: now)
        } else {
            statuses = Dictionary(listed.map { ($0.id, ($0.lastInstant.map { now <= $0 } ?? false) ? .active : .expired) },
                                  uniquingKeysWith: { a, _ in a })
        }
        var hidden: [String: NoticeStatus] = [:]
        for id in Set(listed.map(\.id)).union(pages) where statuses[id] != .active {
            hidden[id] = statuses[id] ?? .expired
        }
        // Ids that are not posted but also not in this site need not be looked for.
        for (id, status) in statuses where status != .active { hidden[id] = status }
        let found = OutputVerifier(statuses: hidden, displayPrefix: "").verify(folder: output)
        guard !found.isEmpty || pages.contains(where: { hidden[$0] != nil }) else { return .nothingToRemove }

        // An entry whose own text (a title citing an ended notice) mentions a hidden notice
        // cannot be listed either: it is dropped from the lists, its page stays.
        let scanner = NoticeReferenceScanner(targets: hidden)
        let kept = listed.filter { notice in
            hidden[notice.id] == nil && scanner.scan(Self.json(notice.entry)).isEmpty
        }
        let calendar = content?.config.calendar ?? SiteCalendar.default
        let language = content?.config.language ?? .vi
        var fileCount = 0
        do {
            // A fresh folder of hard links to the published files (never the spare: it may be older).
            // Flushed at best: on a disk that fails to sync, a site without the ended notice that
            // may not survive a power cut is still better than the ended notice online now.
            var publisher = OutputPublisher(output: output)
            publisher.flush = { [flush] folder in try? flush(folder) }
            try publisher.publish(reuse: false) { temp, _ in
                try Self.linkTree(from: output, to: temp)
                for id in hidden.keys { TreeRemoval.remove(temp.appendingPathComponent("thong-bao/\(id)")) }
                let verifier = OutputVerifier(statuses: hidden, displayPrefix: "")
                for path in Set(verifier.verify(folder: temp).compactMap(\.path)) {
                    let url = temp.appendingPathComponent(path)
                    guard !path.hasSuffix("/") else {
                        TreeRemoval.remove(url)
                        continue
                    }
                    unlink(url.path)
                    if path == "notices.json" {
                        var root = object
                        root["notices"] = kept.map(\.entry)
                        try Self.json(root).write(to: url)
                    } else if path.hasSuffix(".html") {
                        try Data(Self.placeholderPage(kept, language: language).utf8).write(to: url)
                    }
                }
                // Whatever still mentions a hidden notice goes, until the verification passes: the
                // site may lose a page, never keep an ended notice.
                for _ in 0..<3 {
                    let stale = verifier.verify(folder: temp)
                    if stale.isEmpty { break }
                    for path in Set(stale.compactMap(\.path)) { TreeRemoval.remove(temp.appendingPathComponent(path)) }
                }
                let stale = verifier.verify(folder: temp)
                guard stale.isEmpty else { throw BuildFailure(diagnostics: stale) }
                fileCount = LastValidSources.countFiles(under: temp)
            }
        } catch let failure as BuildFailure {
            return .failed(failure.diagnostics.map { Diagnostic($0.severity, path: $0.path.map { displayPrefix + $0 },
                                                                position: $0.position, $0.message) })
        } catch {
            return .failed([.error(output.path, nil, SiteBuilder.message(for: error))])
        }
        var counts: [NoticeStatus: Int] = [:]
        for status in hidden.values { counts[status, default: 0] += 1 }
        var report = BuildReport(published: kept.count, hidden: counts, nextChange: content?.nextChange(after: now),
                                 warnings: [], errors: [], fileCount: fileCount, calendar: calendar, now: now, steps: [])
        report.removedNotices = hidden.keys.filter { id in listed.contains { $0.id == id } || pages.contains(id) }.sorted()
        return .removed(report)
    }

    /// A copy of `source` in `target` made of hard links (files are never rewritten in place:
    /// a replaced file is unlinked first), or copies where links are not possible.
    static func linkTree(from source: URL, to target: URL) throws {
        let fm = FileManager.default
        for name in try fm.contentsOfDirectory(atPath: source.path).sorted() {
            let from = source.appendingPathComponent(name), to = target.appendingPathComponent(name)
            var info = stat()
            guard lstat(from.path, &info) == 0 else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                try fm.createDirectory(at: to, withIntermediateDirectories: false)
                try linkTree(from: from, to: to)
            case S_IFREG:
                if link(from.path, to.path) != 0 { try fm.copyItem(at: from, to: to) }
            default:
                continue
            }
        }
    }

    /// A plain page that replaces a listing while the site cannot be rebuilt.
    private static func placeholderPage(_ kept: [Listed], language: Language) -> String {
        let escape = FastHTMLEscaping()
        let items = kept.map { notice -> String in
            let title = escape.escapeText(notice.entry["title"] as? String ?? notice.id)
            let url = escape.escapeText(notice.entry["url"] as? String ?? "")
            return "<li><a href=\"\(url)\">\(title)</a></li>"
        }.joined(separator: "\n")
        let vi = language == .vi
        let heading = vi ? "Trang đang được cập nhật" : "This page is being updated"
        let text = vi ? "Trang này tạm thời không hiển thị được đầy đủ. Các thông báo đang niêm yết:"
            : "This page cannot be shown in full for now. Notices being posted:"
        let none = vi ? "Hiện không có thông báo nào đang niêm yết." : "No notice is being posted now."
        return """
        <!DOCTYPE html>
        <html lang="\(vi ? "vi" : "en")">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>\(heading)</title></head>
        <body>
        <main>
        <h1>\(heading)</h1>
        <p>\(kept.isEmpty ? none : text)</p>
        \(kept.isEmpty ? "" : "<ul>\n\(items)\n</ul>")
        </main>
        </body>
        </html>

        """
    }
}
