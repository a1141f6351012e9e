import CAtomicRename
import CongKhaiCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Builds a new site beside the output folder and swaps it in atomically, so the published
/// folder is always either the previous complete site or the new complete site.
struct OutputPublisher {
    let output: URL

    enum PublishError: Error, CustomStringConvertible {
        case busy(String)
        case unsafeOutput(String)
        case notASite(String)
        case io(String)

        var description: String {
            switch self {
            case .busy(let s), .unsafeOutput(let s), .notASite(let s), .io(let s): return s
            }
        }
    }

    private var parent: URL { output.deletingLastPathComponent() }
    private var name: String { output.lastPathComponent }
    private var lockURL: URL { parent.appendingPathComponent(".\(name).congkhai.lock") }
    private var tempPrefix: String { ".\(name).congkhai-tmp-" }

    /// Refuses output folders that would replace the sources (`--output content`, the root, …).
    func checkSafe(root: URL) throws(PublishError) {
        let out = output.standardizedFileURL.resolvingSymlinksInPath().path
        let protected = [root, root.appendingPathComponent("content"), root.appendingPathComponent("theme")]
            .map { $0.standardizedFileURL.resolvingSymlinksInPath().path }
        // Neither a folder holding the sources, nor one inside content/ or theme/.
        for path in protected where path == out || path.hasPrefix(out + "/") {
            throw .unsafeOutput(path)
        }
        for path in protected.dropFirst() where out.hasPrefix(path + "/") {
            throw .unsafeOutput(out)
        }
        // A build replaces the whole folder: never a folder of other files (`--output ~/Desktop`).
        guard Self.isReplaceable(output) else { throw .notASite(output.path) }
    }

    /// True when `folder` does not exist, is empty, or holds a site CongKhai built (its
    /// `notices.json` starts the way CongKhai writes it).
    static func isReplaceable(_ folder: URL) -> Bool {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: folder.path, isDirectory: &isDirectory) else { return true }
        guard isDirectory.boolValue else { return true }  // refused later, with its own message
        // A folder that cannot be listed may hold anything: not replaceable.
        guard let names = try? fm.contentsOfDirectory(atPath: folder.path) else { return false }
        guard !names.isEmpty else { return true }
        guard let handle = FileHandle(forReadingAtPath: folder.appendingPathComponent("notices.json").path) else {
            return false
        }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 32)) ?? Data()
        return head.starts(with: Data("{\n  \"generated\" : \"".utf8))
    }

    /// Takes the output's lock for a whole build (sources kept, journal written, site swapped):
    /// call `unlock` with the result when done.
    func lock() throws(PublishError) -> Int32 {
        do {
            try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw PublishError.io("\(parent.path): \(error.localizedDescription)")
        }
        return try acquireLock()
    }

    func unlock(_ fd: Int32) { releaseLock(fd) }

    /// Runs `fill` on a fresh temporary folder and, if it succeeds, makes that folder the output.
    /// On any error the output folder is untouched and the temporary folder removed. The caller
    /// holds the lock (`lock()`).
    func publish(_ fill: (URL) throws -> Void) throws {
        let fm = FileManager.default
        removeStaleTemporaryFolders()

        let temp = parent.appendingPathComponent(tempPrefix + "\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        do {
            try fm.createDirectory(at: temp, withIntermediateDirectories: false)
        } catch {
            throw PublishError.io("\(temp.path): \(error.localizedDescription)")
        }
        do {
            try fill(temp)
        } catch {
            TreeRemoval.remove(temp)
            throw error
        }
        try swapIn(temp)
    }

    private func swapIn(_ temp: URL) throws(PublishError) {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: output.path, isDirectory: &isDirectory) else {
            guard rename(temp.path, output.path) == 0 else {
                try? fm.removeItem(at: temp)
                throw .io("rename \(temp.path) → \(output.path): \(String(cString: strerror(errno)))")
            }
            return
        }
        guard isDirectory.boolValue else {
            try? fm.removeItem(at: temp)
            throw .unsafeOutput(output.path)
        }
        // One system call swaps both names: there is no instant without a complete site.
        if congkhai_exchange_paths(temp.path, output.path) == 0 {
            TreeRemoval.remove(temp)  // now holds the previous site
            return
        }
        // File systems without RENAME_EXCHANGE: two renames, a short window without `site/`.
        let old = parent.appendingPathComponent(tempPrefix + "old-\(getpid())")
        guard rename(output.path, old.path) == 0 else {
            try? fm.removeItem(at: temp)
            throw .io("rename \(output.path): \(String(cString: strerror(errno)))")
        }
        guard rename(temp.path, output.path) == 0 else {
            _ = rename(old.path, output.path)
            try? fm.removeItem(at: temp)
            throw .io("rename \(temp.path): \(String(cString: strerror(errno)))")
        }
        TreeRemoval.remove(old)
    }

    /// An exclusive, non-blocking `flock` on a lock file beside the output: a second build on the
    /// same output stops with a clear message instead of interleaving writes. The lock file is
    /// removed on release; a holder re-checks that the path still names the inode it locked, so a
    /// build that opened the file just before its removal cannot believe it holds the lock.
    private func acquireLock() throws(PublishError) -> Int32 {
        for _ in 0..<10 {
            let fd = open(lockURL.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw .io("\(lockURL.path): \(String(cString: strerror(errno)))") }
            guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
                close(fd)
                throw .busy(lockURL.path)
            }
            var held = stat()
            var named = stat()
            if fstat(fd, &held) == 0, stat(lockURL.path, &named) == 0, held.st_ino == named.st_ino,
               held.st_dev == named.st_dev {
                return fd
            }
            close(fd)
        }
        throw .busy(lockURL.path)
    }

    private func releaseLock(_ fd: Int32) {
        unlink(lockURL.path)
        close(fd)
    }

    /// Temporary folders left by a build that was killed; safe to delete while holding the lock.
    private func removeStaleTemporaryFolders() {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: parent.path) else { return }
        for name in names where name.hasPrefix(tempPrefix) {
            TreeRemoval.remove(parent.appendingPathComponent(name))
        }
    }
}
