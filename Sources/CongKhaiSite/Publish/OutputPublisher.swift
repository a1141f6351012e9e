import CAtomicRename
import CongKhaiCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Builds a new site beside the output folder and swaps it in atomically, so the published
/// folder is always either the previous complete site or the new complete site.
///
/// Double buffered: after a swap the previous site is kept beside the output as the spare
/// (`.site.congkhai-spare`), and the next build brings the spare up to date in place — writing
/// only the files whose bytes differ, removing what is gone — verifies it, and swaps it in. A
/// daily rebuild then creates a few files instead of re-creating the whole tree (on ext4,
/// creating thousands of inodes right after deleting thousands was most of a build's time). The
/// spare is never served; a build killed while updating it leaves the published site untouched,
/// and the next build repairs the spare, because every file is compared with what it must be.
struct OutputPublisher {
    let output: URL
    /// Makes the new site durable before it is swapped in (`flushToDisk`; tests observe it).
    var flush: @Sendable (URL) throws -> Void = OutputPublisher.flushToDisk

    /// Flushes the file system holding `folder` to disk (syncfs). Without it, a power cut right
    /// after the swap could leave the served folder name pointing at files whose data never
    /// reached the disk: a site of empty files. Atomic renames alone only protect against a
    /// killed process, not against losing the page cache.
    @Sendable static func flushToDisk(_ folder: URL) throws {
        guard congkhai_sync_file_system(folder.path) == 0 else {
            throw PublishError.io("syncfs \(folder.path): \(String(cString: strerror(errno)))")
        }
    }

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
    /// The previous generation of the site, updated in place by the next build.
    var spare: URL { parent.appendingPathComponent(".\(name).congkhai-spare") }

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

    /// The file every site CongKhai builds carries at its root, so a later build knows the
    /// folder is one it may replace. It names no notice (the verifier reads it like every file).
    static let markerName = ".congkhai-site"
    static let markerText = Data("""
        Thư mục này do CongKhai dựng; mỗi lần dựng sẽ thay toàn bộ nội dung.
        This folder is built by CongKhai; every build replaces all of its content.

        """.utf8)

    /// True when `folder` does not exist, is empty, or holds a site CongKhai built: it carries
    /// the marker file, or (a site built before the marker existed) a `notices.json` that
    /// starts the way CongKhai wrote it then.
    static func isReplaceable(_ folder: URL) -> Bool {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: folder.path, isDirectory: &isDirectory) else { return true }
        guard isDirectory.boolValue else { return true }  // refused later, with its own message
        // A folder that cannot be listed may hold anything: not replaceable.
        guard let names = try? fm.contentsOfDirectory(atPath: folder.path) else { return false }
        guard !names.isEmpty else { return true }
        var marker = stat()
        if lstat(folder.appendingPathComponent(markerName).path, &marker) == 0, marker.st_mode & S_IFMT == S_IFREG {
            return true
        }
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

    /// Runs `fill` on a folder to become the new site — the spare when there is one and `reuse`
    /// is true (the second argument of `fill` says so), else a fresh temporary folder — and, if
    /// it succeeds, swaps that folder in as the output; the previous site becomes the spare. On
    /// any error the output folder is untouched. The caller holds the lock (`lock()`).
    func publish(reuse: Bool = true, _ fill: (URL, Bool) throws -> Void) throws {
        let fm = FileManager.default
        removeStaleTemporaryFolders()

        var info = stat()
        let spareIsFolder = lstat(spare.path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
        if reuse, spareIsFolder {
            // A failure leaves the spare half updated: it is not served, and the next build repairs it.
            try fill(spare, true)
            try flush(spare)
            try swapIn(spare)
            syncParent()
            keepAsSpare(spare)
            return
        }
        let temp = parent.appendingPathComponent(tempPrefix + "\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        do {
            try fm.createDirectory(at: temp, withIntermediateDirectories: false)
        } catch {
            throw PublishError.io("\(temp.path): \(error.localizedDescription)")
        }
        do {
            try fill(temp, false)
        } catch {
            TreeRemoval.remove(temp)
            throw error
        }
        do {
            try flush(temp)
        } catch {
            TreeRemoval.remove(temp)
            throw error
        }
        try swapIn(temp)
        syncParent()
        keepAsSpare(temp)
    }

    /// After a swap `folder` names the previous output: kept as the spare when it is a real
    /// folder; a symbolic link (an output that was a link to a site elsewhere) is removed, never
    /// followed, so the folder it pointed to is never updated in place.
    private func keepAsSpare(_ folder: URL) {
        var info = stat()
        guard lstat(folder.path, &info) == 0 else { return }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            TreeRemoval.remove(folder)
            return
        }
        guard folder != spare else { return }
        TreeRemoval.remove(spare)
        if rename(folder.path, spare.path) != 0 { TreeRemoval.remove(folder) }
    }

    /// Makes the swap itself durable (fsync of the folder holding both names). Best effort: if it
    /// fails, a power cut can only bring back the previous complete site, which `check` reports.
    private func syncParent() {
        _ = congkhai_sync_directory(parent.path)
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
        // One system call swaps both names: there is no instant without a complete site. `temp`
        // then names the previous site (kept as the spare by the caller).
        if congkhai_exchange_paths(temp.path, output.path) == 0 {
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
            throw .io("rename \(temp.path): \(String(cString: strerror(errno)))")
        }
        // Like an exchange: the previous site under the name the new one had.
        if rename(old.path, temp.path) != 0 { TreeRemoval.remove(old) }
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
