import Foundation

/// The last valid version of every source file (`content/**`, `theme/**`), kept by each build
/// that publishes, so that a later build with errors can still publish a complete site (issue:
/// "Expiry never waits").
///
/// It lives beside the output, like the lock: `.<output>.congkhai-state/`, never inside the
/// published folder and never deployed. `manifest.json` maps each source path to its bytes'
/// SHA-256 and where they are: in a pack (`packs/<name>.pack`, the new or changed files of one
/// save, one after the other) at an offset. One file per save, not one per source: creating
/// 10,000 inodes on the first build cost more than rendering the site. A save writes its pack
/// first, then replaces the manifest with one `rename`, then deletes packs nothing refers to, so a
/// build killed at any moment leaves either the previous manifest or the new one, each complete.
/// When old packs hold mostly bytes nothing refers to, a save copies the live ones into its own
/// pack. Versions before packs stored each file alone under `objects/<sha256>`; those are read
/// and moved into a pack by the next save. Deleting the whole folder is safe: the next
/// successful build recreates it.
struct LastValidSources {
    let folder: URL

    /// The state folder for an output folder.
    init(output: URL) {
        let name = output.lastPathComponent
        folder = output.deletingLastPathComponent().appendingPathComponent(".\(name).congkhai-state")
    }

    private var objects: URL { folder.appendingPathComponent("objects") }
    private var packs: URL { folder.appendingPathComponent("packs") }
    private var manifestURL: URL { folder.appendingPathComponent("manifest.json") }

    /// One stored source file.
    struct Entry: Codable, Equatable {
        let sha256: String
        let size: Int
        /// Modification time (ns) and inode when stored: an unchanged file is not read again.
        let mtime: Int64
        /// Status-change time (ns): any write, rename or `touch` changes it.
        let ctime: Int64
        let inode: UInt64
        /// The pack holding the bytes, and where they start; nil for a file stored alone under
        /// `objects/<sha256>` by an older version.
        var pack: String? = nil
        var offset: Int? = nil

        func stored(in pack: String?, at offset: Int?) -> Entry {
            Entry(sha256: sha256, size: size, mtime: mtime, ctime: ctime, inode: inode, pack: pack, offset: offset)
        }
    }

    struct Manifest: Codable {
        /// When the build that saved it ran (ISO 8601, the site's zone).
        let saved: String
        let files: [String: Entry]
    }

    /// The saved manifest, or nil when there is none (or it cannot be read).
    func manifest() -> Manifest? {
        guard let data = try? Data(contentsOf: manifestURL) else { return nil }
        return try? JSONDecoder().decode(Manifest.self, from: data)
    }

    /// The stored bytes of `entry`, or nil when they are missing or damaged (their SHA-256 differs).
    func contents(_ entry: Entry) -> Data? {
        let data: Data
        if let pack = entry.pack, let offset = entry.offset {
            let fd = open(packs.appendingPathComponent(pack).path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { return nil }
            defer { close(fd) }
            var buffer = [UInt8](repeating: 0, count: entry.size)
            var done = 0
            while done < entry.size {
                let count = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + done, entry.size - done, off_t(offset + done)) }
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { return nil }
                done += count
            }
            data = Data(buffer)
        } else {
            guard let read = try? Data(contentsOf: objects.appendingPathComponent(entry.sha256)) else { return nil }
            data = read
        }
        guard data.count == entry.size, PublicationJournal.sha256(data) == entry.sha256 else { return nil }
        return data
    }

    /// Records every file under `root`'s `content/` and `theme/` as the last valid version.
    /// A file changed at or after `notAfter` (the start of the build; its status-change time
    /// counts, which no tool can set back, unlike the modification time `cp -p` or `rsync -a`
    /// keep) may not be the version that was validated, nor the one published: it is not recorded
    /// at all, so a later build with errors leaves it out rather than bring back an older version.
    /// `fallbacks` (units published from their last valid version) keep their stored entries;
    /// `excluded` units are not recorded.
    func save(from root: URL, fallbacks: [String] = [], excluded: [String] = [], savedAt: String, notAfter: Date) throws {
        let fm = FileManager.default
        try fm.createDirectory(at: packs, withIntermediateDirectories: true)
        let previous = manifest()?.files ?? [:]
        let limit = Int64(notAfter.timeIntervalSince1970 * 1e9)
        // Packs as they are on disk (name → size): an entry is stored when its bytes are inside one.
        var packSizes: [String: Int] = [:]
        for name in (try? fm.contentsOfDirectory(atPath: packs.path)) ?? [] where name.hasSuffix(".pack") {
            var info = stat()
            if stat(packs.appendingPathComponent(name).path, &info) == 0 { packSizes[name] = Int(info.st_size) }
        }
        func isStored(_ entry: Entry) -> Bool {
            guard let pack = entry.pack, let offset = entry.offset else {
                return fm.fileExists(atPath: objects.appendingPathComponent(entry.sha256).path)
            }
            return (packSizes[pack] ?? -1) >= offset + entry.size
        }
        var storedBySHA: [String: Entry] = [:]
        for entry in previous.values where storedBySHA[entry.sha256] == nil && isStored(entry) { storedBySHA[entry.sha256] = entry }

        let name = "\(UUID().uuidString.lowercased()).pack"
        let pack = AtomicFile.Writer(packs.appendingPathComponent(name))
        var inPack: [String: Int] = [:]
        func append(_ data: Data, sha: String) throws -> Int {
            if let offset = inPack[sha] { return offset }
            let offset = try pack.append(data)
            inPack[sha] = offset
            return offset
        }

        var files: [String: Entry] = [:]
        for (path, entry) in previous where fallbacks.contains(where: { SourceResolver.contains($0, path) }) {
            files[path] = entry
        }
        for path in Self.sourceFiles(under: root)
        where !(fallbacks + excluded).contains(where: { SourceResolver.contains($0, path) }) {
            let url = root.appendingPathComponent(path)
            var info = stat()
            guard lstat(url.path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { continue }
            let mtime = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
            let ctime = Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec)
            if max(mtime, ctime) >= limit { continue }
            if let old = previous[path], old.size == Int(info.st_size), old.mtime == mtime, old.ctime == ctime,
               old.inode == UInt64(info.st_ino), isStored(old) {
                files[path] = old
                continue
            }
            let data = try Data(contentsOf: url)
            let entry = Entry(sha256: PublicationJournal.sha256(data), size: data.count, mtime: mtime, ctime: ctime,
                              inode: UInt64(info.st_ino))
            if let stored = storedBySHA[entry.sha256] {
                files[path] = entry.stored(in: stored.pack, at: stored.offset)
            } else {
                files[path] = entry.stored(in: name, at: try append(data, sha: entry.sha256))
            }
        }

        // Compaction: entries of older versions (one file each), too many packs, or packs that
        // hold mostly bytes nothing refers to any more are copied into this save's pack.
        var live: [String: Int] = [:]
        for entry in files.values where entry.pack != name { live[entry.pack ?? "", default: 0] += entry.size }
        let onDisk = live.keys.reduce(0) { $0 + (packSizes[$1] ?? 0) }
        let liveBytes = live.values.reduce(0, +)
        if live[""] != nil || live.count > 16 || onDisk > 2 * liveBytes + 1_048_576 {
            for (path, entry) in files where entry.pack != name {
                // Damaged stored bytes are no last valid version: that unit has none from now on.
                guard let data = contents(entry) else { files[path] = nil; continue }
                files[path] = entry.stored(in: name, at: try append(data, sha: entry.sha256))
            }
        }
        try pack.commit(sync: true)

        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]  // compact: 10,000 entries are read by every build
        try Self.writeDurably(try encoder.encode(Manifest(saved: savedAt, files: files)), to: manifestURL)
        // Packs and objects nothing refers to any more, and leftovers of a killed save.
        let keptPacks = Set(files.values.compactMap(\.pack))
        for file in (try? fm.contentsOfDirectory(atPath: packs.path)) ?? [] where !keptPacks.contains(file) {
            try? fm.removeItem(at: packs.appendingPathComponent(file))
        }
        let keptObjects = Set(files.values.filter { $0.pack == nil }.map(\.sha256))
        if keptObjects.isEmpty {
            if fm.fileExists(atPath: objects.path) { TreeRemoval.remove(objects) }
        } else {
            for file in (try? fm.contentsOfDirectory(atPath: objects.path)) ?? [] where !keptObjects.contains(file) {
                try? fm.removeItem(at: objects.appendingPathComponent(file))
            }
        }
    }

    /// Replaces `target` with `data`, flushed to disk before the rename: readers see the old
    /// file or the whole new one, even after a power cut.
    static func writeDurably(_ data: Data, to target: URL) throws {
        try AtomicFile.replace(target, with: data, sync: true)
    }

    /// Drops the manifest (the stored sources no longer match the published site).
    func forget() {
        unlink(manifestURL.path)
    }

    /// Source files under `root` (`content/…`, `theme/…`), sorted; hidden names and links skipped,
    /// as the loaders skip them.
    static func sourceFiles(under root: URL) -> [String] {
        var result: [String] = []
        for top in ["content", "theme"] { walk(root.appendingPathComponent(top), relative: top, into: &result) }
        return result.sorted()
    }

    private static func walk(_ url: URL, relative: String, into result: inout [String]) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: url.path) else { return }
        for name in names where !name.hasPrefix(".") {
            let path = relative + "/" + name
            var info = stat()
            guard lstat(url.appendingPathComponent(name).path, &info) == 0 else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFDIR: walk(url.appendingPathComponent(name), relative: path, into: &result)
            case S_IFREG: result.append(path)
            default: continue
            }
        }
    }
}

extension LastValidSources {
    /// How many regular files are under `folder` (what a build reports it published).
    static func countFiles(under folder: URL) -> Int {
        var count = 0
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else { return 0 }
        for case let url as URL in walker where (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
            count += 1
        }
        return count
    }
}
