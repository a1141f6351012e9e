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
/// (`<state>/parsed.cache`): a line with the index's length, the index (path → key, offset,
/// length) in JSON, then one JSON entry per file, each repeating its key. A missing, damaged or
/// foreign cache, or an entry whose key differs, means the file is parsed: it only costs time.
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

    private let records: [String: Record]
    /// The cache file as read (mapped), and where its entries start.
    private let file: Data
    private let blobStart: Int
    /// Entries of this build's loads, by path: what the next build reads. A reused entry is a
    /// range of `file` (no copy); a new one, its bytes.
    private enum Bytes { case reused(Range<Int>), new(Data) }
    private let current = Mutex<[String: (key: String, bytes: Bytes)]>([:])
    private let hits = Mutex(0)

    static func file(in state: LastValidSources) -> URL { state.folder.appendingPathComponent("parsed.cache") }

    /// The cache the last build left beside the output, or an empty one.
    init(state: LastValidSources) {
        var records: [String: Record] = [:]
        var file = Data()
        var blobStart = 0
        if let data = try? Data(contentsOf: Self.file(in: state), options: .mappedIfSafe),
           let newline = data.firstIndex(of: UInt8(ascii: "\n")),
           let length = Int(String(decoding: data[data.startIndex..<newline], as: UTF8.self)),
           length >= 0, data.endIndex - (newline + 1) >= length,
           let index = try? JSONDecoder().decode(Index.self, from: data[(newline + 1)..<(newline + 1 + length)]),
           index.format == 1 {
            records = index.records
            file = data
            blobStart = newline + 1 + length - data.startIndex
        }
        self.records = records
        self.file = file
        self.blobStart = blobStart
    }

    var hitCount: Int { hits.withLock { $0 } }

    /// The key of one notice file's parse.
    static func key(configSalt: String, path: String, data: Data, lenient: Bool, bundle: URL?) -> String {
        var parts = [configSalt, path, PublicationJournal.sha256(data), lenient ? "lenient" : "strict"]
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
              blobStart + record.offset + record.length <= file.count else { return nil }
        let range = (blobStart + record.offset)..<(blobStart + record.offset + record.length)
        let bytes = file[(file.startIndex + range.lowerBound)..<(file.startIndex + range.upperBound)]
        guard let entry = try? JSONDecoder().decode(Entry.self, from: bytes), entry.key == key,
              entry.bodyLength >= 0, entry.bodyLength <= text.utf8.count else { return nil }
        var notice = entry.notice
        if notice != nil {
            notice!.body = String(decoding: text.utf8.suffix(entry.bodyLength), as: UTF8.self)
            notice!.bundleDirectory = bundle
            notice!.sourcePath = path
        }
        current.withLock { $0[path] = (key, .reused(range)) }
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
        current.withLock { $0[path] = (key, .new(bytes)) }
    }

    /// Writes this build's entries (after the build published), replacing the previous cache.
    /// Not flushed to disk: after a power cut a damaged cache only costs time.
    func save(in state: LastValidSources) throws {
        let entries = current.withLock { $0 }.sorted { $0.key < $1.key }
        func bytes(_ entry: Bytes) -> Data {
            switch entry {
            case .reused(let range): file[(file.startIndex + range.lowerBound)..<(file.startIndex + range.upperBound)]
            case .new(let data): data
            }
        }
        var records: [String: Record] = [:]
        var offset = 0
        for (path, entry) in entries {
            let length = bytes(entry.bytes).count
            records[path] = Record(key: entry.key, offset: offset, length: length)
            offset += length
        }
        let index = try JSONEncoder().encode(Index(format: 1, records: records))
        let writer = AtomicFile.Writer(Self.file(in: state))
        try writer.append(Data("\(index.count)\n".utf8) + index)
        for (_, entry) in entries { try writer.append(bytes(entry.bytes)) }
        try writer.commit(sync: false)
    }
}
