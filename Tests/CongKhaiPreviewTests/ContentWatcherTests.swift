@testable import CongKhaiPreview
import Foundation
import Synchronization
import Testing

/// The preview's watcher, on kernel notifications: a save is seen, a burst of saves makes few
/// rebuilds, and folders that appear later (a bundle, a whole `theme/`) are watched too.
@Suite("Content watcher (inotify)", .serialized)
struct ContentWatcherTests {
    /// Polls `condition` every 20 ms for at most 60 s: a wait for a slow machine, not a speed
    /// requirement.
    func eventually(_ condition: () -> Bool) async -> Bool {
        for _ in 0..<3000 {
            if condition() { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return condition()
    }

    @Test func changesNewFoldersAndALaterThemeFolderAreSeen() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("ck-watch-\(UUID().uuidString)")
        let content = root.appendingPathComponent("content"), theme = root.appendingPathComponent("theme")
        try FileManager.default.createDirectory(at: content.appendingPathComponent("notices"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(InotifyEvents(folders: [content, theme]) != nil, "inotify is available on Linux")

        final class Counter: Sendable { let value = Atomic<Int>(0) }
        let changes = Counter()
        let watcher = ContentWatcher(folders: [content, theme])
        let task = Task { await watcher.watch { changes.value.add(1, ordering: .relaxed) } }
        defer { task.cancel() }
        // Give the watcher's thread its watches before the first change (it sets them up in init,
        // synchronously, but the task may not have started yet).
        try await Task.sleep(for: .milliseconds(300))
        func count() -> Int { changes.value.load(ordering: .relaxed) }

        try Data("a".utf8).write(to: content.appendingPathComponent("notices/a.md"))
        #expect(await eventually { count() >= 1 })

        // A burst of saves: debounced into far fewer rebuilds than saves.
        try await Task.sleep(for: .milliseconds(500))
        let before = count()
        for index in 0..<50 { try Data("\(index)".utf8).write(to: content.appendingPathComponent("notices/a.md")) }
        #expect(await eventually { count() > before })
        try await Task.sleep(for: .milliseconds(500))
        #expect(count() - before < 50)


        // A new bundle folder, then a file inside it.
        let bundle = content.appendingPathComponent("notices/moi")
        try FileManager.default.createDirectory(at: bundle, withIntermediateDirectories: true)
        try await Task.sleep(for: .milliseconds(300))
        var seen = count()
        try Data("b".utf8).write(to: bundle.appendingPathComponent("index.md"))
        #expect(await eventually { count() > seen })

        // theme/ did not exist when watching started.
        try FileManager.default.createDirectory(at: theme.appendingPathComponent("templates"), withIntermediateDirectories: true)
        try await Task.sleep(for: .milliseconds(300))
        seen = count()
        try Data("x".utf8).write(to: theme.appendingPathComponent("templates/home.mustache"))
        #expect(await eventually { count() > seen })

        // Files beside content/ and theme/ (the site output, .git…) are not watched.
        try await Task.sleep(for: .milliseconds(300))
        seen = count()
        try Data("x".utf8).write(to: root.appendingPathComponent("journal.tsv"))
        try FileManager.default.createDirectory(at: root.appendingPathComponent("site"), withIntermediateDirectories: true)
        try await Task.sleep(for: .milliseconds(600))
        #expect(count() == seen)
    }
}
