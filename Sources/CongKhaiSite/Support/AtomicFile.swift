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

    /// A file written piece by piece into a temporary file beside `url`, then renamed over it:
    /// large files (a pack of sources, a cache) never have to be held whole in memory.
    final class Writer {
        let url: URL
        private let temp: URL
        private var fd: Int32 = -1
        /// Bytes written so far.
        private(set) var count = 0

        /// Where the temporary file goes, if not beside `url` (e.g. while `url`'s folder may not exist yet).
        private let tempBeside: URL

        init(_ url: URL, tempBeside: URL? = nil) {
            self.url = url
            self.tempBeside = tempBeside ?? url
            temp = self.tempBeside.deletingLastPathComponent()
                .appendingPathComponent(".\(self.tempBeside.lastPathComponent).tmp-\(getpid())")
        }

        deinit {
            if fd >= 0 {
                close(fd)
                unlink(temp.path)
            }
        }

        /// Appends `data`; returns the offset it starts at.
        @discardableResult
        func append(_ data: Data) throws -> Int {
            if fd < 0 {
                AtomicFile.removeAbandoned(beside: tempBeside)
                fd = open(temp.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
                guard fd >= 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
            }
            let offset = count
            try data.withUnsafeBytes { bytes in
                var done = 0
                while done < bytes.count {
                    let written = write(fd, bytes.baseAddress! + done, bytes.count - done)
                    if written < 0 {
                        if errno == EINTR { continue }
                        throw POSIXError(.init(rawValue: errno) ?? .EIO)
                    }
                    done += written
                }
            }
            count += data.count
            return offset
        }

        /// Renames the file over `url` (flushed to disk first with `sync`). Nothing happens when
        /// nothing was appended.
        func commit(sync: Bool) throws {
            guard fd >= 0 else { return }
            let failed = sync && fsync(fd) != 0
            let code = errno
            close(fd)
            fd = -1
            guard !failed, rename(temp.path, url.path) == 0 else {
                let error = failed ? code : errno
                unlink(temp.path)
                throw POSIXError(.init(rawValue: error) ?? .EIO)
            }
        }
    }
}
