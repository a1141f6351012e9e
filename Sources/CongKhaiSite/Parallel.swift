import Foundation
import Synchronization

/// Work spread over every core, results in input order (so output stays deterministic).
enum Parallel {
    /// `transform(index)` for every index in `0..<count`, in chunks on all cores.
    static func map<T: Sendable>(_ count: Int, _ transform: @Sendable (Int) -> T) -> [T] {
        guard count > 1 else { return (0..<count).map(transform) }
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))
        let chunk = max(1, (count + workers * 8 - 1) / (workers * 8))
        let chunks = (count + chunk - 1) / chunk
        let results = Mutex([T?](repeating: nil, count: count))
        DispatchQueue.concurrentPerform(iterations: chunks) { index in
            let range = (index * chunk)..<min(count, (index + 1) * chunk)
            let part = range.map(transform)
            results.withLock { results in
                for (offset, value) in zip(range, part) { results[offset] = value }
            }
        }
        return results.withLock { $0.map { $0! } }
    }
}
