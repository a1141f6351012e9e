import CongKhaiCore
import Foundation
import Synchronization

/// Notices parsed by earlier builds, so a rebuild does not parse again a file whose bytes are
/// unchanged (issue: "Performance: rebuilds cost what changed").
///
/// A parse is a function of the notice file's bytes and path, the site configuration
/// (`content/site.yaml`, whose bytes are in the key), the program (the shipped rules are in it:
/// `RenderCache.toolIdentity`), whether the file is read leniently, and, for a bundle, the files
/// beside it (names, sizes, times). The key holds all of these; the value is the parsed notice
/// (or none) with every diagnostic, without the body, which is the end of the file and is taken
/// from the bytes just read. Everything lives in one file beside the last valid versions
/// (`<state>/parsed.cache`): one JSON entry per file, each repeating its key, then the index
/// (path → key, offset, length) in JSON, then a last line with the index's offset. A build that
/// publishes writes the next cache while it loads (entries are never all held in memory) and
/// puts it in place after it published. A missing, damaged or foreign cache, or an entry whose
/// key differs, means the file is parsed: it only costs time.
final class ParseCache: Sendable {
    private struct Entry: Codable {
        let key: String
        let notice: Notice?
        let diagnostics: [Diagnostic]
        /// UTF-8 length of the body (the text after the front matter).
        let bodyLength: Int
    }

    private struct Record: Codable {
        let key: String
        let offset: Int
        let length: Int
    }

    private struct Index: Codable {
        let format: Int
        let records: [String: Record]
    }

    /// The last line: the index's offset, 20 digits, and a line break.
    private static let trailerLength = 21

    private let records: [String: Record]
    /// The cache file as read (mapped).
    private let file: Data
    /// The next cache, written while loading (nil for commands that only read).
    private struct Next {
        var writer: AtomicFile.Writer?
        var records: [String: Record] = [:]
    }
    private let next: Mutex<Next>
    private let hits = Mutex(0)

    static func file(in state: LastValidSources) -> URL { state.folder.appendingPathComponent("parsed.cache") }

    /// The cache the last build left beside the output, or an empty one. With `writing` (a
    /// build), the next cache is written as files load; `save` puts it in place.
    init(state: LastValidSources, writing: Bool) {
        var records: [String: Record] = [:]
        var file = Data()
        if let data = try? Data(contentsOf: Self.file(in: state), options: .mappedIfSafe), data.count >= Self.trailerLength,
           let start = Int(String(decoding: data.suffix(Self.trailerLength).dropLast(), as: UTF8.self)),
           start >= 0, start <= data.count - Self.trailerLength,
           let index = try? JSONDecoder().decode(Index.self, from: data[(data.startIndex + start)..<(data.endIndex - Self.trailerLength)]),
           index.format == 2 {
            records = index.records
            file = data
        }
        self.records = records
        self.file = file
        // The state folder may not exist yet (a first build): the file is written beside it.
        let target = Self.file(in: state)
        let beside = state.folder.deletingLastPathComponent().appendingPathComponent(state.folder.lastPathComponent + ".parsed-cache")
        next = Mutex(Next(writer: writing ? AtomicFile.Writer(target, tempBeside: beside) : nil))
    }

    /// Adds one entry to the next cache; after a write error the next cache is abandoned.
    private func keep(_ path: String, key: String, bytes: Data) {
        next.withLock { next in
            guard let writer = next.writer else { return }
            do {
                let offset = try writer.append(bytes)
                next.records[path] = Record(key: key, offset: offset, length: bytes.count)
            } catch {
                next.writer = nil
            }
        }
    }

    var hitCount: Int { hits.withLock { $0 } }

    /// The key of one notice file's parse.
    static func key(configSalt: String, path: String, digest: String, lenient: Bool, bundle: URL?) -> String {
        var parts = [configSalt, path, digest, lenient ? "lenient" : "strict"]
        if let bundle { parts.append(listing(of: bundle)) }
        return RenderCache.key(parts)
    }

    /// What a configuration contributes to every key: the program and `site.yaml`'s bytes.
    static func configSalt(root: URL) -> String {
        let bytes = FileManager.default.contents(atPath: root.appendingPathComponent(SiteConfigLoader.path).path) ?? Data()
        return RenderCache.key([RenderCache.toolIdentity, PublicationJournal.sha256(bytes)])
    }

    /// Every file in a bundle folder with its size and times: attachments are checked at load.
    private static func listing(of bundle: URL) -> String {
        var lines: [String] = []
        let base = bundle.path
        guard let walker = FileManager.default.enumerator(atPath: base) else { return "" }
        while let relative = walker.nextObject() as? String {
            var info = stat()
            guard lstat(base + "/" + relative, &info) == 0 else { continue }
            lines.append("\(relative)\u{0}\(info.st_mode)\u{0}\(info.st_size)\u{0}\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
                         + "\u{0}\(info.st_ctim.tv_sec).\(info.st_ctim.tv_nsec)\u{0}\(info.st_ino)")
        }
        return lines.sorted().joined(separator: "\n")
    }

    /// The parse of `path` stored under `key`, with its body taken from `text`; nil on any doubt.
    func lookup(_ path: String, key: String, text: String, bundle: URL?) -> (Notice?, [Diagnostic])? {
        guard let record = records[path], record.key == key, record.offset >= 0, record.length >= 0,
              record.offset + record.length <= file.count - Self.trailerLength else { return nil }
        let bytes = file[(file.startIndex + record.offset)..<(file.startIndex + record.offset + record.length)]
        guard let entry = try? JSONDecoder().decode(Entry.self, from: bytes), entry.key == key,
              entry.bodyLength >= 0, entry.bodyLength <= text.utf8.count else { return nil }
        var notice = entry.notice
        if notice != nil {
            notice!.body = String(decoding: text.utf8.suffix(entry.bodyLength), as: UTF8.self)
            notice!.bundleDirectory = bundle
            notice!.sourcePath = path
        }
        keep(path, key: key, bytes: Data(bytes))
        hits.withLock { $0 += 1 }
        return (notice, entry.diagnostics)
    }

    /// Keeps a parse for the next build. A body that is not the end of the text is not kept.
    func store(_ path: String, key: String, result: (Notice?, [Diagnostic]), text: String) {
        var notice = result.0
        let body = notice?.body ?? ""
        guard text.utf8.count >= body.utf8.count, text.utf8.suffix(body.utf8.count).elementsEqual(body.utf8) else { return }
        notice?.body = ""
        guard let bytes = try? JSONEncoder().encode(Entry(key: key, notice: notice, diagnostics: result.1,
                                                          bodyLength: body.utf8.count)) else { return }
        keep(path, key: key, bytes: bytes)
    }

    /// Puts the cache written while loading in place (after the build published). Not flushed
    /// to disk: after a power cut a damaged cache only costs time.
    func save(in state: LastValidSources) throws {
        try next.withLock { next in
            guard let writer = next.writer else { return }
            next.writer = nil
            let index = try JSONEncoder().encode(Index(format: 2, records: next.records))
            let start = try writer.append(index)
            try writer.append(Data((FastText.padded(start, 20) + "\n").utf8))
            try writer.commit(sync: false)
        }
    }
}
