@testable import CongKhaiSite
import CongKhaiCore
import Foundation
import Testing

/// The store of last valid versions beside the output: one pack per save instead of one file per
/// source, older stores read and moved into a pack, damaged bytes never taken for a last valid
/// version, and a bounded number of packs however many builds run.
@Suite("Last valid versions: the packed store", .serialized)
struct LastValidStoreTests {
    static func site(notices: Int) throws -> TestSite {
        var files: [String: String] = [:]
        for index in 0..<notices {
            files["content/notices/thong-bao-\(index).md"] = validNotice(
                title: "\"Thông báo số \(index)\"", posted: "2026-03-05", expires: "2026-06-30",
                body: "Nội dung thông báo số \(index).\n")
        }
        return try TestSite(files: files)
    }

    static func names(in folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    }

    @Test func oneSaveWritesOnePackNotOneFilePerSource() throws {
        let count = 30
        let site = try Self.site(notices: count)
        try site.build(at: "2026-04-01T09:00:00+07:00")
        let state = LastValidSources(output: site.output)
        let manifest = try #require(state.manifest())
        #expect(manifest.files.count == count + 1)  // the notices and site.yaml
        #expect(Self.names(in: state.folder) == ["manifest.json", "packs", "pages.json", "parsed.cache"])
        let packs = Self.names(in: state.folder.appendingPathComponent("packs"))
        #expect(packs.count == 1)
        #expect(Set(manifest.files.values.compactMap(\.pack)) == Set(packs))
        for (path, entry) in manifest.files {
            #expect(state.contents(entry) == FileManager.default.contents(atPath: site.root.appendingPathComponent(path).path))
        }
        // A build with nothing changed writes no pack.
        try site.build(at: "2026-04-01T10:00:00+07:00")
        #expect(Self.names(in: state.folder.appendingPathComponent("packs")) == packs)
        #expect(state.manifest()?.files == manifest.files)
    }

    @Test func aStoreWithOneFilePerSourceIsStillAFallbackAndMovesIntoAPack() throws {
        let site = try Self.site(notices: 3)
        try site.build(at: "2026-04-01T09:00:00+07:00")
        let state = LastValidSources(output: site.output)
        let saved = try #require(state.manifest())
        // Turn the store into what versions before packs left: objects/<sha256>, no pack fields.
        let objects = state.folder.appendingPathComponent("objects")
        try FileManager.default.createDirectory(at: objects, withIntermediateDirectories: true)
        var legacy: [String: LastValidSources.Entry] = [:]
        for (path, entry) in saved.files {
            try #require(state.contents(entry)).write(to: objects.appendingPathComponent(entry.sha256))
            legacy[path] = entry.stored(in: nil, at: nil)
        }
        try FileManager.default.removeItem(at: state.folder.appendingPathComponent("packs"))
        try JSONEncoder().encode(LastValidSources.Manifest(saved: saved.saved, files: legacy))
            .write(to: state.folder.appendingPathComponent("manifest.json"))

        // A broken edit falls back to the version stored the old way.
        try site.write("content/notices/thong-bao-1.md", "---\ntitle: [hỏng\n")
        let failure = site.failingBuildReport(at: "2026-04-02T09:00:00+07:00")
        #expect(try #require(failure.published).fallbacks == ["content/notices/thong-bao-1.md"])
        #expect(try site.read("thong-bao/thong-bao-1/index.html").contains("Thông báo số 1"))
        // That save already moved every stored version into one pack.
        #expect(Self.names(in: state.folder) == ["manifest.json", "packs", "pages.json", "parsed.cache"])
        #expect(Self.names(in: state.folder.appendingPathComponent("packs")).count == 1)

        // The fixed file publishes; its save adds a pack with that one file.
        try site.write("content/notices/thong-bao-1.md", validNotice(title: "\"Đã sửa\"", expires: "2026-06-30"))
        try site.build(at: "2026-04-02T10:00:00+07:00")
        let moved = try #require(state.manifest())
        #expect(moved.files.count == 4)
        #expect(moved.files.values.allSatisfy { $0.pack != nil && state.contents($0) != nil })
        #expect(Self.names(in: state.folder.appendingPathComponent("packs")).count == 2)
    }

    @Test func damagedStoredBytesAreNeverPublishedAsTheLastValidVersion() throws {
        let site = try Self.site(notices: 3)
        try site.build(at: "2026-04-01T09:00:00+07:00")
        let state = LastValidSources(output: site.output)
        let entry = try #require(state.manifest()?.files["content/notices/thong-bao-2.md"])
        // One byte of that file's stored title changes ("số 2" → "số 7").
        let original = try #require(state.contents(entry))
        let digit = try #require(original.firstRange(of: Data("số 2".utf8)))
        let pack = state.folder.appendingPathComponent("packs/\(try #require(entry.pack))")
        var bytes = try Data(contentsOf: pack)
        bytes[try #require(entry.offset) + digit.upperBound - 1] = UInt8(ascii: "7")
        try bytes.write(to: pack)
        #expect(state.contents(entry) == nil)

        try site.write("content/notices/thong-bao-2.md", "---\ntitle: [hỏng\n")
        let failure = site.failingBuildReport(at: "2026-04-02T09:00:00+07:00")
        let published = try #require(failure.published)
        #expect(published.excluded == ["content/notices/thong-bao-2.md"])
        #expect(published.fallbacks.isEmpty)
        #expect(!site.exists("thong-bao/thong-bao-2/index.html"))
        #expect(!(try site.read("index.html")).contains("số 7"))
    }

    @Test func packsStayFewHoweverManyBuildsChangeSomething() throws {
        let site = try Self.site(notices: 24)
        let state = LastValidSources(output: site.output)
        var most = 0
        for round in 0..<40 {
            // Each file changes in turn, so each pack stays referenced until compaction.
            try site.write("content/notices/thong-bao-\(round % 24).md", validNotice(
                title: "\"Thông báo lần \(round)\"", posted: "2026-03-05", expires: "2026-06-30"))
            try site.build(at: "2026-04-01T09:\(FastText.padded(round, 2)):00+07:00")
            let packs = Self.names(in: state.folder.appendingPathComponent("packs"))
            most = max(most, packs.count)
            let manifest = try #require(state.manifest())
            #expect(Set(manifest.files.values.compactMap(\.pack)) == Set(packs), "round \(round)")
            #expect(manifest.files.values.allSatisfy { state.contents($0) != nil }, "round \(round)")
        }
        // Each build that changes a file adds a pack (the first build's, then one per round);
        // with 17 referenced, the next save copies the live bytes into its own.
        #expect(most == 17)
    }
}
