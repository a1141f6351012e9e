import Foundation
import Synchronization

/// Deletes a folder tree with several threads.
///
/// Replacing a site deletes the previous one: 10,000 notices are 11,700 files in 11,500 folders.
/// One by one, each unlink waits on the disk (ext4 mounted with `discard` here); several threads
/// overlap those waits. Measured on the 10,000-notice benchmark site: `rm -rf` 2.66 s, the same
/// tree split over 8 parallel removers 1.38 s.
enum TreeRemoval {
    static func remove(_ url: URL, threads: Int = 8) {
        let fm = FileManager.default
        // A link (or a file) is removed itself, never what it points to: after the swap the old
        // output may be a symbolic link to a folder the build must not empty.
        var root = stat()
        guard lstat(url.path, &root) == 0 else { return }
        guard root.st_mode & S_IFMT == S_IFDIR else {
            unlink(url.path)
            return
        }
        // Work items: every entry two levels down (thong-bao/<id>, loai/<type>, …).
        var items: [String] = []
        for name in (try? fm.contentsOfDirectory(atPath: url.path)) ?? [] {
            let path = url.path + "/" + name
            var info = stat()
            guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else { continue }
            items += ((try? fm.contentsOfDirectory(atPath: path)) ?? []).map { path + "/" + $0 }
        }
        if items.count >= 64 {
            let work = items
            let next = Mutex(0)
            let group = DispatchGroup()
            for _ in 0..<threads {
                group.enter()
                let thread = Thread {
                    while true {
                        let index = next.withLock { value -> Int in
                            defer { value += 1 }
                            return value
                        }
                        guard index < work.count else { break }
                        try? FileManager.default.removeItem(atPath: work[index])
                    }
                    group.leave()
                }
                thread.start()
            }
            group.wait()
        }
        try? fm.removeItem(at: url)
    }
}
