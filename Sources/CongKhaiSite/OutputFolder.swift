import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A folder being filled with a new site. Remembers every file written, for verification.
///
/// Safe to use from several threads at once: pages are rendered in parallel.
final class OutputFolder: Sendable {
    let url: URL
    private struct State {
        var writtenPaths: [String] = []
        var createdDirectories: Set<String> = [""]
    }
    private let state = Mutex(State())

    init(url: URL) {
        self.url = url
    }

    /// Every path written, sorted (the order pages were written in varies between runs).
    var writtenPaths: [String] { state.withLock { $0.writtenPaths.sorted() } }

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

    /// `mkdir -p` with plain system calls (Foundation's version stats every component).
    private func makeDirectories(_ relative: String) throws {
        var current = url.path
        for part in relative.split(separator: "/") {
            current += "/" + part
            if mkdir(current, 0o755) != 0 && errno != EEXIST {
                throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
            }
        }
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
        let target = try prepare(path)
        try FileManager.default.copyItem(at: source, to: target)
    }
}
