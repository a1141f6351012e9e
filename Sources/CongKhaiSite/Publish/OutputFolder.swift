import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A folder being filled with a new site. Remembers every file written, for verification.
///
/// With `reusing`, the folder already holds an earlier generation of the site (the spare buffer,
/// see `OutputPublisher`): a file whose bytes are already right is left alone, a file that differs
/// is unlinked and created anew (never rewritten in place: its inode may be shared, by hard link,
/// with a published file), and `prune()` removes whatever this build did not write.
///
/// Safe to use from several threads at once: pages are rendered in parallel.
final class OutputFolder: Sendable {
    let url: URL
    let reusing: Bool
    private struct State {
        var writtenPaths: [String] = []
        var createdDirectories: Set<String> = [""]
        var changed = 0
    }
    private let state = Mutex(State())

    init(url: URL, reusing: Bool = false) {
        self.url = url
        self.reusing = reusing
    }

    /// Every path written, sorted (the order pages were written in varies between runs).
    var writtenPaths: [String] { state.withLock { $0.writtenPaths.sorted() } }

    /// How many files were actually (re)written; the others already had the right bytes.
    var changedCount: Int { state.withLock { $0.changed } }

    private func prepare(_ path: String) throws -> URL {
        let target = url.appendingPathComponent(path)
        let directory = (path as NSString).deletingLastPathComponent
        let needsDirectory = state.withLock { state -> Bool in
            state.writtenPaths.append(path)
            return !state.createdDirectories.contains(directory)
        }
        if needsDirectory {
            try makeDirectories(directory)
            _ = state.withLock { $0.createdDirectories.insert(directory) }
        }
        return target
    }

    /// `mkdir -p` with plain system calls (Foundation's version stats every component). In a
    /// reused folder, a file or link where a folder belongs is removed first.
    private func makeDirectories(_ relative: String) throws {
        var current = url.path
        for part in relative.split(separator: "/") {
            current += "/" + part
            if mkdir(current, 0o755) != 0 {
                guard errno == EEXIST else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
                var info = stat()
                if reusing, lstat(current, &info) == 0, info.st_mode & S_IFMT != S_IFDIR {
                    unlink(current)
                    if mkdir(current, 0o755) != 0 { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
                }
            }
        }
    }

    /// In a reused folder: true when `target` is a regular file holding exactly `bytes`. Anything
    /// else in its place (another file, a folder, a link) is removed, so the caller creates it anew.
    private func alreadyHolds(_ target: URL, _ bytes: UnsafeRawBufferPointer) -> Bool {
        guard reusing else { return false }
        var info = stat()
        guard lstat(target.path, &info) == 0 else { return false }
        if info.st_mode & S_IFMT == S_IFREG {
            if Int(info.st_size) == bytes.count, let existing = FileManager.default.contents(atPath: target.path),
               existing.withUnsafeBytes({ $0.elementsEqual(bytes) }) {
                return true
            }
            unlink(target.path)
        } else {
            TreeRemoval.remove(target, threads: 1)
        }
        return false
    }

    /// Removes from a reused folder every file this build did not write and every folder that
    /// holds none of them, so the folder is exactly the new site. Returns how many entries went.
    @discardableResult
    func prune() -> Int {
        guard reusing else { return 0 }
        let written = Set(writtenPaths)
        var needed: Set<String> = []
        for path in written {
            var folder = (path as NSString).deletingLastPathComponent
            while !folder.isEmpty, needed.insert(folder).inserted {
                folder = (folder as NSString).deletingLastPathComponent
            }
        }
        var removed = 0
        func walk(_ relative: String) {
            let base = relative.isEmpty ? url.path : url.path + "/" + relative
            for name in (try? FileManager.default.contentsOfDirectory(atPath: base)) ?? [] {
                let path = relative.isEmpty ? name : relative + "/" + name
                var info = stat()
                guard lstat(base + "/" + name, &info) == 0 else { continue }
                if info.st_mode & S_IFMT == S_IFDIR, needed.contains(path) {
                    walk(path)
                } else if info.st_mode & S_IFMT == S_IFREG, written.contains(path) {
                    continue
                } else {
                    TreeRemoval.remove(URL(fileURLWithPath: base + "/" + name), threads: 1)
                    removed += 1
                }
            }
        }
        walk("")
        return removed
    }

    func write(_ path: String, _ text: String) throws {
        var text = text
        try text.withUTF8 { try write(path, bytes: UnsafeRawBufferPointer($0)) }
    }

    func write(_ path: String, _ data: Data) throws {
        try data.withUnsafeBytes { try write(path, bytes: $0) }
    }

    /// Plain open/write/close: Foundation's `createFile` costs several extra system calls per file.
    private func write(_ path: String, bytes: UnsafeRawBufferPointer) throws {
        let target = try prepare(path)
        if alreadyHolds(target, bytes) { return }
        state.withLock { $0.changed += 1 }
        let fd = open(target.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(fd) }
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
            }
            offset += written
        }
    }

    /// Copies a file byte for byte (attachments).
    func copy(_ source: URL, to path: String) throws {
        guard reusing else {
            let target = try prepare(path)
            state.withLock { $0.changed += 1 }
            try FileManager.default.copyItem(at: source, to: target)
            return
        }
        try write(path, try Data(contentsOf: source, options: .mappedIfSafe))
    }
}
