@testable import CongKhaiSite
import CongKhaiCore
import Foundation
import Testing

/// A site folder in a fresh temporary directory, filled from inline strings.
final class TestSite {
    let root: URL

    static let siteYAML = """
    title: "Cổng thông tin công khai xã Thử Nghiệm"
    base_url: "https://thunghiem.example.gov.vn/"
    communes:
      xa-a: "Xã A"
      xa-b: "Xã B"

    """

    init(siteYAML: String = TestSite.siteYAML, files: [String: String] = [:]) throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("congkhai-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try write("content/site.yaml", siteYAML)
        for (path, text) in files { try write(path, text) }
    }

    deinit {
        try? FileManager.default.removeItem(at: root)
    }

    func write(_ path: String, _ text: String) throws {
        try write(path, Data(text.utf8))
    }

    func write(_ path: String, _ data: Data) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    func remove(_ path: String) throws {
        try FileManager.default.removeItem(at: root.appendingPathComponent(path))
    }

    var output: URL { root.appendingPathComponent("site") }

    @discardableResult
    func build(at now: String) throws -> BuildReport {
        try SiteBuilder(root: root, now: instant(now)).build()
    }

    /// Builds and returns the diagnostics of a build that must fail.
    func failingBuild(at now: String) -> [Diagnostic] {
        do {
            _ = try SiteBuilder(root: root, now: instant(now)).build()
            Issue.record("build was expected to fail")
            return []
        } catch {
            return error.diagnostics
        }
    }

    /// A build of the same sources at `now` into a new output folder (so with no spare, no last
    /// valid versions and no caches), removed afterwards: its files and report.
    func buildIntoNewFolder(at now: String) throws -> (files: [String: Data], report: BuildReport) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("congkhai-fresh-\(UUID().uuidString)")
        defer {
            try? FileManager.default.removeItem(at: folder)
            try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()
                .appendingPathComponent(".\(folder.lastPathComponent).congkhai-state"))
        }
        let report = try SiteBuilder(root: root, output: folder, now: instant(now)).build()
        return (Self.snapshot(of: folder), report)
    }

    func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: output.appendingPathComponent(path).path)
    }

    func read(_ path: String) throws -> String {
        try String(contentsOf: output.appendingPathComponent(path), encoding: .utf8)
    }

    /// Every file in the output with its bytes, relative path → data.
    func snapshot() -> [String: Data] { Self.snapshot(of: output) }

    /// Every file under `folder` with its bytes, relative path → data.
    static func snapshot(of folder: URL) -> [String: Data] {
        var result: [String: Data] = [:]
        let base = folder.standardizedFileURL.path
        guard let walker = FileManager.default.enumerator(atPath: base) else { return [:] }
        while let path = walker.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let full = base + "/" + path
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue {
                result[path] = FileManager.default.contents(atPath: full)
            }
        }
        return result
    }

    /// Names in the root's parent-level folder, to find leftovers of the publisher. The folder of
    /// last valid versions beside the output (`.site.congkhai-state`) and the publication journal
    /// (`journal.tsv`) are meant to be there, and so is the previous generation kept as the spare
    /// buffer (`.site.congkhai-spare`).
    var rootEntries: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? [])
            .filter { $0 != ".site.congkhai-state" && $0 != ".site.congkhai-spare" && $0 != PublicationJournal.fileName }.sorted()
    }
}

func instant(_ text: String) -> Date {
    guard let date = Timestamp.parseInstantWithOffset(text) else { fatalError("bad instant \(text)") }
    return date
}

/// A notice file's text with front matter from `fields` (in order) and a body.
func noticeText(_ fields: [(String, String)], body: String = "Nội dung thông báo.\n") -> String {
    "---\n" + fields.map { "\($0.0): \($0.1)" }.joined(separator: "\n") + "\n---\n" + body
}

/// A valid notice with overridable fields.
func validNotice(title: String = "\"Thông báo thử\"", type: String = "general", commune: String = "xa-a",
                 posted: String = "2026-03-05", expires: String = "2026-04-06",
                 extra: [(String, String)] = [], body: String = "Nội dung thông báo.\n") -> String {
    noticeText([("title", title), ("type", type), ("commune", commune), ("issuer", "\"UBND xã A\""),
                ("posted", posted), ("expires", expires)] + extra, body: body)
}

/// A small seedable generator, so a failing sequence (kill delays, generated documents)
/// can be replayed from its seed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
