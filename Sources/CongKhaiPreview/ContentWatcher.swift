import Foundation

/// Notices changes under the watched folders by polling their file list, sizes and modification
/// times. Polling (twice a second) is portable and cheap for a commune's few hundred files.
struct ContentWatcher: Sendable {
    let folders: [URL]

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

    /// Calls `onChange` after each change, until the task is cancelled.
    func watch(every interval: Duration = .milliseconds(500), onChange: @Sendable () async -> Void) async {
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
