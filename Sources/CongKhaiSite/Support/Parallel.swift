import Foundation
import Synchronization

/// Work spread over every core, results in input order (so output stays deterministic).
///
/// The one place the build goes parallel. `DispatchQueue.concurrentPerform`'s closure is not
/// `@Sendable` on Linux, so code handed to it directly is not checked for data races; the body
/// given here is `@Sendable`, so the compiler checks everything each call site shares.
enum Parallel {
    /// `transform(index)` for every index in `0..<count`, in chunks on all cores. Every index is
    /// run even when one throws; the error thrown is the one of the lowest index, whichever
    /// thread met it first, so a failing build reports the same error on every run.
    static func map<T: Sendable, E: Error>(_ count: Int, chunksPerCore: Int = 8,
                                           _ transform: @Sendable (Int) throws(E) -> T) throws(E) -> [T] {
        guard count > 1 else {
            var results: [T] = []
            for index in 0..<count { results.append(try transform(index)) }
            return results
        }
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))
        let chunk = max(1, (count + workers * chunksPerCore - 1) / (workers * chunksPerCore))
        let chunks = (count + chunk - 1) / chunk
        let results = Mutex([Result<T, E>?](repeating: nil, count: count))
        DispatchQueue.concurrentPerform(iterations: chunks) { index in
            let range = (index * chunk)..<min(count, (index + 1) * chunk)
            let part = range.map { position in Result { () throws(E) -> T in try transform(position) } }
            results.withLock { results in
                for (offset, value) in zip(range, part) { results[offset] = value }
            }
        }
        return try results.withLock { $0 }.map { slot throws(E) -> T in try slot!.get() }
    }

    /// `body(index)` for every index, on all cores; the error of the lowest failing index.
    static func forEach<E: Error>(_ count: Int, chunksPerCore: Int = 8,
                                  _ body: @Sendable (Int) throws(E) -> Void) throws(E) {
        _ = try map(count, chunksPerCore: chunksPerCore, body)
    }
}
