import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Replacing a file so that a SIGKILL at any moment leaves the old file or the new one, never
/// half of one: the bytes go to a temporary file beside it, which is renamed over it. Used for
/// the publication journal, the notices `extend` edits and the records a commune files.
enum AtomicFile {
    /// Writes `data` over `url`. The file keeps its permissions; with `sync`, the bytes reach
    /// the disk before the rename (the journal: evidence must survive a power cut too).
    static func replace(_ url: URL, with data: Data, sync: Bool = false) throws {
        removeAbandoned(beside: url)
        let temp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
        try data.write(to: temp)
        if let mode = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.posixPermissions] {
            try? FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: temp.path)
        }
        if sync {
            let handle = try FileHandle(forWritingTo: temp)
            try handle.synchronize()
            try handle.close()
        }
        guard rename(temp.path, url.path) == 0 else {
            unlink(temp.path)
            throw POSIXError(.init(rawValue: errno) ?? .EIO)
        }
    }

    /// Temporary files a killed process left beside `url` (`.<name>.tmp-<pid>` whose process no
    /// longer runs): removed, so a SIGKILL leaves nothing behind for good.
    static func removeAbandoned(beside url: URL) {
        let folder = url.deletingLastPathComponent()
        let prefix = ".\(url.lastPathComponent).tmp-"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] where name.hasPrefix(prefix) {
            guard let pid = Int32(name.dropFirst(prefix.count)), pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { continue }
            unlink(folder.appendingPathComponent(name).path)
        }
    }
}
