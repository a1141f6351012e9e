import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Tells `serve` when files under the watched folders change, from the kernel's notifications
/// (inotify): a save is seen at once, and nothing is read while nothing changes. Editors save in
/// bursts (a temporary file, a rename, a change of mode), so changes are debounced: `onChange`
/// runs once the folders have been quiet for `quiet`. Folders created later (a new notice bundle)
/// are watched as they appear. Where inotify is unavailable (its limits reached, another
/// system), it falls back to comparing file lists, sizes and times twice a second.
struct ContentWatcher: Sendable {
    let folders: [URL]
    /// How long the folders must stay quiet before a rebuild.
    var quiet: Duration = .milliseconds(150)

    /// Calls `onChange` after each burst of changes, until the task is cancelled.
    func watch(onChange: @Sendable () async -> Void) async {
        guard let events = InotifyEvents(folders: folders) else {
            await poll(onChange: onChange)
            return
        }
        defer { events.stop() }
        var iterator = events.stream.makeAsyncIterator()
        while !Task.isCancelled, await iterator.next() != nil {
            // A wake-up whose events the last debounce already took: nothing new to build.
            guard events.takePending() else { continue }
            // Debounce: wait until a whole `quiet` interval passes without a new event.
            while !Task.isCancelled {
                try? await Task.sleep(for: quiet)
                guard events.takePending() else { break }
            }
            guard !Task.isCancelled else { break }
            await onChange()
        }
    }

    /// A fingerprint that changes when any file is added, removed, resized or modified.
    func fingerprint() -> [String: String] {
        var result: [String: String] = [:]
        let fm = FileManager.default
        for folder in folders {
            guard let walker = fm.enumerator(at: folder, includingPropertiesForKeys: [.contentModificationDateKey, .fileSizeKey])
            else { continue }
            for case let url as URL in walker {
                let values = try? url.resourceValues(forKeys: [.contentModificationDateKey, .fileSizeKey])
                let stamp = values?.contentModificationDate?.timeIntervalSince1970 ?? 0
                result[url.path] = "\(stamp)/\(values?.fileSize ?? -1)"
            }
        }
        return result
    }

    /// The fallback: compares fingerprints every `interval`.
    func poll(every interval: Duration = .milliseconds(500), onChange: @Sendable () async -> Void) async {
        var last = fingerprint()
        while !Task.isCancelled {
            try? await Task.sleep(for: interval)
            let current = fingerprint()
            if current != last {
                last = current
                await onChange()
            }
        }
    }
}

/// An inotify descriptor watching folders recursively, read on a thread of its own (a blocking
/// `poll`, never on Swift's cooperative pool). Each batch of events yields one element.
final class InotifyEvents: Sendable {
    let stream: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation
    private let descriptor: Int32
    private let stopped = Atomic<Bool>(false)
    private let pending = Atomic<Bool>(false)

    private static let mask = UInt32(IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO
                                     | IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF)

    init?(folders: [URL]) {
        let fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard fd >= 0 else { return nil }
        descriptor = fd
        (stream, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        var watched: [Int32: String] = [:]
        for folder in folders { Self.add(folder.path, to: fd, watched: &watched) }
        // The folders' parents, not recursively: a `theme/` created after `serve` started (or a
        // `content/` put back) is noticed and watched from then on.
        var parents: [Int32: (path: String, names: Set<String>)] = [:]
        for folder in folders {
            let parent = folder.deletingLastPathComponent().path
            let wd = inotify_add_watch(fd, parent, UInt32(IN_CREATE | IN_MOVED_TO | IN_ONLYDIR))
            if wd >= 0 { parents[wd, default: (parent, [])].names.insert(folder.lastPathComponent) }
        }
        guard !watched.isEmpty || !parents.isEmpty else {
            close(fd)
            return nil
        }
        let thread = Thread { [self, watched, parents] in self.read(watched: watched, parents: parents) }
        thread.name = "congkhai-watch"
        thread.start()
    }

    /// True if events arrived since the last call (and clears the mark).
    func takePending() -> Bool {
        pending.exchange(false, ordering: .acquiringAndReleasing)
    }

    func stop() {
        stopped.store(true, ordering: .releasing)
    }

    /// Watches `path` and every folder below it.
    private static func add(_ path: String, to fd: Int32, watched: inout [Int32: String]) {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else { return }
        let wd = inotify_add_watch(fd, path, mask | UInt32(IN_ONLYDIR))
        guard wd >= 0 else { return }
        watched[wd] = path
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return }
        for name in names.sorted() { add(path + "/" + name, to: fd, watched: &watched) }
    }

    private func read(watched: [Int32: String], parents: [Int32: (path: String, names: Set<String>)]) {
        var watched = watched
        let size = 64 * 1024
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: MemoryLayout<inotify_event>.alignment)
        defer {
            buffer.deallocate()
            close(descriptor)
            continuation.finish()
        }
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        while !stopped.load(ordering: .acquiring) {
            // Wakes at least every 200 ms to notice `stop()`.
            guard poll(&poller, 1, 200) > 0 else { continue }
            let count = Glibc.read(descriptor, buffer, size)
            guard count > 0 else { continue }
            var offset = 0
            var relevant = false
            while offset + MemoryLayout<inotify_event>.size <= count {
                let event = buffer.load(fromByteOffset: offset, as: inotify_event.self)
                let nameStart = offset + MemoryLayout<inotify_event>.size
                let name = event.len > 0
                    ? String(cString: buffer.advanced(by: nameStart).assumingMemoryBound(to: CChar.self)) : ""
                offset = nameStart + Int(event.len)
                let created = event.mask & UInt32(IN_ISDIR) != 0 && event.mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0
                if let parent = parents[event.wd] {
                    // In a parent folder only the watched folders themselves count.
                    guard created, parent.names.contains(name) else { continue }
                    Self.add(parent.path + "/" + name, to: descriptor, watched: &watched)
                    relevant = true
                    continue
                }
                relevant = true
                if created, !name.isEmpty, let folder = watched[event.wd] {
                    // A folder created or moved in (a new bundle): watch it and what it holds.
                    Self.add(folder + "/" + name, to: descriptor, watched: &watched)
                }
                if event.mask & UInt32(IN_IGNORED) != 0 { watched[event.wd] = nil }
            }
            guard relevant else { continue }
            pending.store(true, ordering: .releasing)
            continuation.yield()
        }
    }
}
