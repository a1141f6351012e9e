import Crypto
import Foundation

/// The last valid version of every source file (`content/**`, `theme/**`), kept by each build
/// that publishes, so that a later build with errors can still publish a complete site (issue:
/// "Expiry never waits").
///
/// It lives beside the output, like the lock: `.<output>.congkhai-state/`, never inside the
/// published folder and never deployed. Files are stored once each under `objects/<sha256>`;
/// `manifest.json` maps each source path to its object. A save writes new objects first, then
/// replaces the manifest with one `rename`, then deletes objects nothing refers to, so a build
/// killed at any moment leaves either the previous manifest or the new one, each complete.
/// Deleting the whole folder is safe: the next successful build recreates it.
struct LastValidSources {
    let folder: URL

    /// The state folder for an output folder.
    init(output: URL) {
        let name = output.lastPathComponent
        folder = output.deletingLastPathComponent().appendingPathComponent(".\(name).congkhai-state")
    }

    private var objects: URL { folder.appendingPathComponent("objects") }
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

    /// Where the stored copy of `entry` is.
    func object(_ entry: Entry) -> URL { objects.appendingPathComponent(entry.sha256) }

    /// Records every file under `root`'s `content/` and `theme/` as the last valid version.
    /// A file changed at or after `notAfter` (the start of the build; its status-change time
    /// counts, which no tool can set back, unlike the modification time `cp -p` or `rsync -a`
    /// keep) may not be the version that was validated, nor the one published: it is not recorded
    /// at all, so a later build with errors leaves it out rather than bring back an older version.
    /// `fallbacks` (units published from their last valid version) keep their stored entries;
    /// `excluded` units are not recorded.
    func save(from root: URL, fallbacks: [String] = [], excluded: [String] = [], savedAt: String, notAfter: Date) throws {
        let fm = FileManager.default
        try fm.createDirectory(at: objects, withIntermediateDirectories: true)
        let previous = manifest()?.files ?? [:]
        let limit = Int64(notAfter.timeIntervalSince1970 * 1e9)
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
               old.inode == UInt64(info.st_ino), fm.fileExists(atPath: object(old).path) {
                files[path] = old
                continue
            }
            let data = try Data(contentsOf: url)
            let entry = Entry(sha256: SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined(),
                              size: data.count, mtime: mtime, ctime: ctime, inode: UInt64(info.st_ino))
            let target = object(entry)
            if !fm.fileExists(atPath: target.path) {
                let temp = objects.appendingPathComponent(".tmp-\(getpid())-\(entry.sha256)")
                try data.write(to: temp)
                guard rename(temp.path, target.path) == 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
            }
            files[path] = entry
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        let temp = folder.appendingPathComponent(".manifest-\(getpid()).json")
        try encoder.encode(Manifest(saved: savedAt, files: files)).write(to: temp)
        guard rename(temp.path, manifestURL.path) == 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        // Objects nothing refers to any more, and leftovers of a killed save.
        let kept = Set(files.values.map(\.sha256))
        for name in (try? fm.contentsOfDirectory(atPath: objects.path)) ?? [] where !kept.contains(name) {
            try? fm.removeItem(at: objects.appendingPathComponent(name))
        }
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
