import CongKhaiCore
import Crypto
import Foundation
import Synchronization

/// Notice pages rendered by earlier builds, so a rebuild does not render again a page whose
/// inputs are unchanged (issue: "Performance: rebuilds cost what changed").
///
/// A page's inputs are summed up in a key (`SiteRenderer.cacheKey`): the binary, the theme, the
/// site configuration, the notice's source file and attachments, and the other notices the page
/// names. A page whose text may name any notice is never taken from the cache: its links depend
/// on other notices' statuses. The cache holds no page bytes: it records, for each page the
/// served site has, the key it was rendered from and the SHA-256 of its bytes
/// (`<state>/pages.json`, beside the last valid versions), and likewise where each notice's entry
/// is in the served `search.json`, which has the same inputs. A page is reused only when its key is
/// the same and the served file still has exactly those bytes; anything else (no cache, a damaged
/// one, a file changed by hand) renders the page again, so the cache only ever costs time.
final class RenderCache: Sendable {
    struct Record: Codable, Equatable {
        let key: String
        let sha256: String
    }

    /// One notice's entry in the served `search.json`: where it is and its bytes' SHA-256.
    struct SearchEntry: Codable, Equatable {
        let key: String
        let offset: Int
        let length: Int
        let sha256: String
    }

    private struct Stored: Codable {
        let format: Int
        let pages: [String: Record]
        /// By notice id.
        let search: [String: SearchEntry]?
    }

    /// The folder being served (the previous build's output), where reused bytes are read.
    let served: URL
    private let records: [String: Record]
    private let searchEntries: [String: SearchEntry]
    /// The served `search.json`, read once when an entry is first reused.
    private let servedIndex = Mutex<Data?>(nil)
    /// This build's page keys by notice id (only pages that may be reused have one).
    private let keys = Mutex<[String: String]>([:])
    private let currentSearch = Mutex<[String: SearchEntry]>([:])
    /// What this build rendered or reused, by page path: the cache the next build reads.
    private let current = Mutex<[String: Record]>([:])
    /// How many pages were reused rather than rendered.
    private let reused = Mutex(0)
    private let searchReused = Mutex(0)

    static func file(in state: LastValidSources) -> URL { state.folder.appendingPathComponent("pages.json") }

    /// The cache the last build left for `output`, or an empty one.
    init(state: LastValidSources, served: URL) {
        self.served = served
        let data = try? Data(contentsOf: Self.file(in: state))
        let stored = data.flatMap { try? JSONDecoder().decode(Stored.self, from: $0) }
        records = stored?.format == 1 ? stored!.pages : [:]
        searchEntries = stored?.format == 1 ? stored!.search ?? [:] : [:]
    }

    /// What identifies the program rendering: its version and its executable file (a rebuilt
    /// binary may render differently under the same version). Where the executable cannot be
    /// found, a value of this process alone: nothing from an earlier build is reused.
    static let toolIdentity: String = {
        var info = stat()
        guard stat("/proc/self/exe", &info) == 0 else { return CongKhaiVersion.current + "-" + UUID().uuidString }
        return "\(CongKhaiVersion.current)-\(info.st_size)-\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)-\(info.st_ino)"
    }()

    /// An empty cache: every page is rendered (and recorded).
    init(empty served: URL) {
        self.served = served
        records = [:]
        searchEntries = [:]
    }

    /// The served bytes of `path` when they were rendered from `key`, else nil.
    func page(_ path: String, key: String) -> Data? {
        guard let record = records[path], record.key == key,
              let data = FileManager.default.contents(atPath: served.appendingPathComponent(path).path),
              PublicationJournal.sha256(data) == record.sha256 else { return nil }
        current.withLock { $0[path] = record }
        reused.withLock { $0 += 1 }
        return data
    }

    /// Records a page this build rendered from `key`.
    func rendered(_ path: String, key: String, bytes: String) {
        let record = Record(key: key, sha256: PublicationJournal.sha256(Data(bytes.utf8)))
        current.withLock { $0[path] = record }
    }

    var reusedCount: Int { reused.withLock { $0 } }
    var searchReusedCount: Int { searchReused.withLock { $0 } }

    /// Remembers the key of a notice's page: its search entry has the same inputs.
    func remember(key: String, for id: String) { keys.withLock { $0[id] = key } }

    func key(for id: String) -> String? { keys.withLock { $0[id] } }

    /// The served search entry of notice `id` when it was made from `key`, else nil.
    func searchEntry(_ id: String, key: String) -> [UInt8]? {
        guard let entry = searchEntries[id], entry.key == key, entry.offset >= 0, entry.length >= 0 else { return nil }
        let index = servedIndex.withLock { data -> Data in
            if data == nil { data = (try? Data(contentsOf: served.appendingPathComponent("search.json"))) ?? Data() }
            return data!
        }
        guard entry.offset + entry.length <= index.count else { return nil }
        let bytes = [UInt8](index[(index.startIndex + entry.offset)..<(index.startIndex + entry.offset + entry.length)])
        guard PublicationJournal.sha256(Data(bytes)) == entry.sha256 else { return nil }
        searchReused.withLock { $0 += 1 }
        return bytes
    }

    /// Records where this build put notice `id`'s search entry made from `key`.
    func wroteSearchEntry(_ id: String, key: String, offset: Int, bytes: [UInt8]) {
        let entry = SearchEntry(key: key, offset: offset, length: bytes.count, sha256: PublicationJournal.sha256(Data(bytes)))
        currentSearch.withLock { $0[id] = entry }
    }

    /// Writes what this build rendered or reused, for the next build (after the new site is served).
    func save(in state: LastValidSources) throws {
        let pages = current.withLock { $0 }
        let search = currentSearch.withLock { $0 }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try FileManager.default.createDirectory(at: state.folder, withIntermediateDirectories: true)
        // Not flushed to disk: after a power cut a damaged cache only costs time.
        try AtomicFile.replace(Self.file(in: state), with: try encoder.encode(Stored(format: 1, pages: pages, search: search)))
    }

    /// SHA-256 of `parts`, each length-prefixed so that no two lists give the same bytes.
    static func key(_ parts: [String]) -> String {
        var hasher = SHA256()
        for part in parts {
            hasher.update(data: Data("\(part.utf8.count):".utf8))
            hasher.update(data: Data(part.utf8))
        }
        return PublicationJournal.hex(hasher.finalize())
    }

    /// A deterministic text of a template context value (dictionaries by sorted key).
    static func canonical(_ value: any Sendable) -> String {
        switch value {
        case let text as String: return "s" + String(text.utf8.count) + ":" + text
        case let flag as Bool: return flag ? "T" : "F"
        case let number as Int: return "i" + String(number)
        case let dictionary as [String: any Sendable]:
            return "{" + dictionary.keys.sorted().map { canonical($0) + canonical(dictionary[$0]!) }.joined() + "}"
        case let array as [any Sendable]:
            return "[" + array.map(canonical).joined() + "]"
        default:
            return "?" + String(reflecting: value)
        }
    }
}
