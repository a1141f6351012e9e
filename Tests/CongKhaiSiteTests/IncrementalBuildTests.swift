@testable import CongKhaiSite
import CongKhaiCore
import Foundation
import Testing

/// Rebuilds cost what changed: notice pages do not change with the day, the previous generation
/// is brought up to date in place (the spare buffer) and only files whose bytes differ are
/// written; whatever state the spare is in, the result is byte for byte a fresh build.
@Suite("Incremental builds: the spare buffer", .serialized)
struct IncrementalBuildTests {
    static func site() throws -> TestSite {
        var files: [String: String] = [:]
        for index in 0..<12 {
            let type = index % 3 == 0 ? "investment-consultation" : "general"
            files["content/notices/thong-bao-\(index).md"] = validNotice(
                title: "\"Thông báo số \(index)\"", type: type, commune: index % 2 == 0 ? "xa-a" : "xa-b",
                posted: "2026-03-02", expires: index < 4 ? "2026-04-10" : "2026-05-29",
                extra: [("number", "\"\(index)/TB-UBND\"")],
                body: "Nội dung thông báo số \(index).\n\n| Hộ | Diện tích |\n|---|---|\n| A | 100 |\n")
        }
        files["content/pages/gop-y.md"] = "---\ntitle: \"Góp ý\"\n---\nGửi góp ý.\n"
        return try TestSite(files: files)
    }

    /// A fresh build of the same sources at `now`, into a new output folder, as a snapshot.
    static func fresh(_ site: TestSite, at now: String) throws -> [String: Data] {
        try site.buildIntoNewFolder(at: now).files
    }

    static func changedPaths(_ before: [String: Data], _ after: [String: Data]) -> [String] {
        Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }.sorted()
    }

    @Test func theNextDaysRebuildWritesOnlyTheListingsAndEqualsAFreshBuild() throws {
        let site = try Self.site()
        try site.build(at: "2026-03-10T00:05:00+07:00")
        try site.build(at: "2026-03-11T00:05:00+07:00")  // from now on the spare exists
        let before = site.snapshot()
        let report = try site.build(at: "2026-03-12T00:05:00+07:00")
        let after = site.snapshot()
        #expect(after == (try Self.fresh(site, at: "2026-03-12T00:05:00+07:00")))
        // Notice pages, static pages, search, 404, feeds and the sitemap do not change with the day.
        let changed = Self.changedPaths(before, after)
        #expect(changed == ["index.html", "loai/general/index.html", "loai/investment-consultation/index.html", "notices.json",
                            "xa/xa-a/index.html", "xa/xa-b/index.html"])
        #expect(report.filesChanged == changed.count)
        #expect(report.fileCount == after.count)
        // Days left are computed in the browser (from `data-ends`), never written into the page.
        let page = String(decoding: try #require(after["thong-bao/thong-bao-5/index.html"]), as: UTF8.self)
        #expect(page.range(of: "còn [0-9]", options: .regularExpression) == nil)
        #expect(page.contains("data-left=\"còn {n} ngày\""))
    }

    @Test func oneEditRewritesOnlyWhatItChangesAndEqualsAFreshBuild() throws {
        let site = try Self.site()
        try site.build(at: "2026-03-10T00:05:00+07:00")
        try site.build(at: "2026-03-10T08:00:00+07:00")
        let before = site.snapshot()
        try site.write("content/notices/thong-bao-7.md", validNotice(
            title: "\"Thông báo số 7\"", type: "general", commune: "xa-b", posted: "2026-03-02", expires: "2026-05-29",
            extra: [("number", "\"7/TB-UBND\"")], body: "Nội dung đã sửa.\n"))
        let report = try site.build(at: "2026-03-10T08:30:00+07:00")
        let after = site.snapshot()
        #expect(after == (try Self.fresh(site, at: "2026-03-10T08:30:00+07:00")))
        // The page itself, the search index (which holds the body's words) and notices.json (which
        // says when it was generated); nothing else.
        #expect(Self.changedPaths(before, after) == ["notices.json", "search.json", "thong-bao/thong-bao-7/index.html"])
        #expect(report.filesChanged == 3)
    }

    @Test func anEndedNoticeLeavesTheSpareAndTheServedSite() throws {
        let site = try Self.site()
        try site.build(at: "2026-04-09T00:05:00+07:00")
        try site.build(at: "2026-04-10T00:05:00+07:00")
        try site.build(at: "2026-04-11T00:05:00+07:00")  // thong-bao-0…3 ended at the end of 10/04
        #expect(!site.exists("thong-bao/thong-bao-0"))
        #expect(site.snapshot() == (try Self.fresh(site, at: "2026-04-11T00:05:00+07:00")))
        // The spare is the previous generation (10/04), never served; the next build updates it.
        let spare = OutputPublisher(output: site.output).spare
        #expect(FileManager.default.fileExists(atPath: spare.appendingPathComponent("thong-bao/thong-bao-0/index.html").path))
        try site.build(at: "2026-04-12T00:05:00+07:00")
        #expect(!FileManager.default.fileExists(atPath: spare.appendingPathComponent("thong-bao/thong-bao-0").path))
        #expect(!site.exists("thong-bao/thong-bao-0"))
    }

    /// What a build killed while updating the spare leaves (and worse): the next build repairs it.
    @Test(arguments: ["truncated", "garbage", "extra", "folder-for-file", "file-for-folder", "symlink", "emptied"])
    func aDamagedSpareIsRepaired(damage: String) throws {
        let site = try Self.site()
        try site.build(at: "2026-03-10T00:05:00+07:00")
        try site.build(at: "2026-03-11T00:05:00+07:00")
        let spare = OutputPublisher(output: site.output).spare
        let fm = FileManager.default
        let page = spare.appendingPathComponent("thong-bao/thong-bao-5/index.html")
        switch damage {
        case "truncated":
            try Data(try Data(contentsOf: page).prefix(100)).write(to: page)
        case "garbage":
            let size = try Data(contentsOf: page).count
            try Data(repeating: 0x41, count: size).write(to: page)  // same size, other bytes
        case "extra":
            try Data("x".utf8).write(to: spare.appendingPathComponent("thong-bao/thong-bao-5/stray.html"))
            try fm.createDirectory(at: spare.appendingPathComponent("thong-bao/khong-co/a/b"), withIntermediateDirectories: true)
        case "folder-for-file":
            try fm.removeItem(at: page)
            try fm.createDirectory(at: page.appendingPathComponent("x"), withIntermediateDirectories: true)
        case "file-for-folder":
            try fm.removeItem(at: spare.appendingPathComponent("loai/general"))
            try Data("x".utf8).write(to: spare.appendingPathComponent("loai/general"))
        case "symlink":
            try fm.removeItem(at: page)
            try fm.createSymbolicLink(atPath: page.path, withDestinationPath: "/etc/hostname")
        default:
            for name in try fm.contentsOfDirectory(atPath: spare.path) {
                try fm.removeItem(at: spare.appendingPathComponent(name))
            }
        }
        try site.build(at: "2026-03-12T00:05:00+07:00")
        #expect(site.snapshot() == (try Self.fresh(site, at: "2026-03-12T00:05:00+07:00")))
        var info = stat()
        #expect(lstat(site.output.appendingPathComponent("thong-bao/thong-bao-5/index.html").path, &info) == 0
                && info.st_mode & S_IFMT == S_IFREG)
    }

    /// The last resort builds its site from hard links to the published files: a later build that
    /// updates the spare in place must never change a published file through a shared inode.
    @Test func updatingTheSpareNeverWritesThroughAHardLinkToThePublishedSite() throws {
        let site = try Self.site()
        try site.build(at: "2026-03-10T00:05:00+07:00")
        try site.build(at: "2026-03-11T00:05:00+07:00")
        let published = site.output.appendingPathComponent("thong-bao/thong-bao-5/index.html")
        let spareCopy = OutputPublisher(output: site.output).spare.appendingPathComponent("thong-bao/thong-bao-5/index.html")
        try FileManager.default.removeItem(at: spareCopy)
        #expect(link(published.path, spareCopy.path) == 0)
        let bytes = try Data(contentsOf: published)
        try site.write("content/notices/thong-bao-5.md", validNotice(
            title: "\"Thông báo số 5\"", type: "general", commune: "xa-b", posted: "2026-03-02", expires: "2026-05-29",
            extra: [("number", "\"5/TB-UBND\"")], body: "Đã sửa.\n"))
        // While the spare is updated (before the swap), the published file keeps its bytes.
        let builder = SiteBuilder(root: site.root, now: instant("2026-03-12T00:05:00+07:00"))
        _ = try builder.build()
        let spareNow = try Data(contentsOf: spareCopy)  // after the swap: the previous published page
        #expect(spareNow == bytes)
        #expect(try site.read("thong-bao/thong-bao-5/index.html").contains("Đã sửa."))
    }

    // The cache of rendered notice pages (`RenderCache`).

    /// Notice pages in a snapshot.
    static func noticePages(_ snapshot: [String: Data]) -> [String] {
        snapshot.keys.filter { $0.hasPrefix("thong-bao/") && $0.hasSuffix("/index.html") }.sorted()
    }

    @Test func unchangedNoticePagesAreReusedNotRenderedAndTheSiteEqualsAFreshBuild() throws {
        let site = try Self.site()
        let first = try site.build(at: "2026-03-10T00:05:00+07:00")
        #expect(first.pagesReused == 0)
        let report = try site.build(at: "2026-03-11T00:05:00+07:00")
        let pages = Self.noticePages(site.snapshot())
        #expect(pages.count == 12)
        #expect(report.pagesReused == pages.count)
        #expect(report.searchEntriesReused == pages.count)
        #expect(site.snapshot() == (try Self.fresh(site, at: "2026-03-11T00:05:00+07:00")))
        // One edit: that page alone is rendered again.
        try site.write("content/notices/thong-bao-7.md", validNotice(
            title: "\"Thông báo số 7\"", type: "general", commune: "xa-b", posted: "2026-03-02", expires: "2026-05-29",
            extra: [("number", "\"7/TB-UBND\"")], body: "Nội dung đã sửa.\n"))
        let edited = try site.build(at: "2026-03-11T08:00:00+07:00")
        #expect(edited.pagesReused == pages.count - 1)
        #expect(edited.searchEntriesReused == pages.count - 1)
        #expect(site.snapshot() == (try Self.fresh(site, at: "2026-03-11T08:00:00+07:00")))
    }

    @Test(arguments: ["garbage", "deleted", "other keys", "page edited by hand", "search index edited by hand"])
    func aDamagedOrMissingCacheOnlyCostsTime(_ damage: String) throws {
        let site = try Self.site()
        try site.build(at: "2026-03-10T00:05:00+07:00")
        let cache = RenderCache.file(in: LastValidSources(output: site.output))
        switch damage {
        case "garbage": try Data("{\"format\": 1, \"pages\": [".utf8).write(to: cache)
        case "deleted": try FileManager.default.removeItem(at: cache)
        case "other keys":
            let text = try String(contentsOf: cache, encoding: .utf8)
            // Paths are JSON strings (`/` may be written `\/`): the two pages trade records.
            let swapped = text.replacingOccurrences(of: "thong-bao-1\\/", with: "thong-bao-X\\/")
                .replacingOccurrences(of: "thong-bao-2\\/", with: "thong-bao-1\\/")
                .replacingOccurrences(of: "thong-bao-X\\/", with: "thong-bao-2\\/")
            #expect(swapped != text)
            try Data(swapped.utf8).write(to: cache)
        case "search index edited by hand":
            let index = site.output.appendingPathComponent("search.json")
            let text = try String(contentsOf: index, encoding: .utf8)
            try #require(text.contains("Thông báo số 5"))
            // Same length: the other entries stay where the cache says they are.
            try Data(text.replacingOccurrences(of: "Thông báo số 5", with: "Thông báo số 0").utf8).write(to: index)
        default:
            let page = site.output.appendingPathComponent("thong-bao/thong-bao-5/index.html")
            let text = try String(contentsOf: page, encoding: .utf8)
            try Data(text.replacingOccurrences(of: "Thông báo số 5", with: "Sửa tay").utf8).write(to: page)
        }
        let report = try site.build(at: "2026-03-11T00:05:00+07:00")
        #expect(site.snapshot() == (try Self.fresh(site, at: "2026-03-11T00:05:00+07:00")))
        let expected = ["garbage": 0, "deleted": 0, "other keys": 10, "page edited by hand": 11, "search index edited by hand": 12][damage]!
        #expect(report.pagesReused == expected)
        // Entries in search.json have the same keys; one edited by hand is made again.
        let entries = ["other keys": 12, "page edited by hand": 12, "search index edited by hand": 11][damage] ?? 0
        #expect(report.searchEntriesReused == entries)
    }

    @Test func aPageThatNamesAnotherNoticeFollowsItsStatusAndProjectsFollowTheirNotices() throws {
        let site = try Self.site()
        // thong-bao-0 (ends 2026-04-10) is linked from 8's body; 1 (ends 2026-04-10) and 9 share a project.
        try site.write("content/notices/thong-bao-8.md", validNotice(
            title: "\"Thông báo số 8\"", commune: "xa-a", posted: "2026-03-02", expires: "2026-05-29",
            body: "Xem [thông báo trước](../thong-bao-0/).\n"))
        for (index, expires) in [(1, "2026-04-10"), (9, "2026-05-29")] {
            try site.write("content/notices/thong-bao-\(index).md", validNotice(
                title: "\"Thông báo số \(index)\"", commune: "xa-b", posted: "2026-03-02", expires: expires,
                extra: [("project", "duong-moi")]))
        }
        try site.build(at: "2026-04-09T00:05:00+07:00")
        try site.build(at: "2026-04-10T00:05:00+07:00")
        #expect(try site.read("thong-bao/thong-bao-8/index.html").contains("href=\"../thong-bao-0/\""))
        #expect(try site.read("thong-bao/thong-bao-9/index.html").contains("Thông báo số 1"))
        // 0 and 1 have ended: 8 loses its link and 9 its related notice, like a fresh build.
        let report = try site.build(at: "2026-04-11T00:05:00+07:00")
        #expect(site.snapshot() == (try Self.fresh(site, at: "2026-04-11T00:05:00+07:00")))
        #expect(!(try site.read("thong-bao/thong-bao-8/index.html")).contains("thong-bao-0/"))
        #expect(!(try site.read("thong-bao/thong-bao-9/index.html")).contains("Thông báo số 1"))
        // Of the 8 pages still posted, 8 (it names a notice) and 9 (its project changed) were rendered.
        #expect(Self.noticePages(site.snapshot()).count == 8)
        #expect(report.pagesReused == 6)
    }

    @Test func aThemeOrConfigurationChangeRendersEveryPageAgain() throws {
        let site = try Self.site()
        try site.build(at: "2026-03-10T00:05:00+07:00")
        try site.write("theme/assets/ghi-chu.txt", "Tệp mới của giao diện.\n")
        let themed = try site.build(at: "2026-03-10T08:00:00+07:00")
        #expect(themed.pagesReused == 0)
        #expect(site.snapshot() == (try Self.fresh(site, at: "2026-03-10T08:00:00+07:00")))
        try site.write("content/site.yaml", TestSite.siteYAML + "description: \"Trang công khai\"\n")
        let configured = try site.build(at: "2026-03-10T09:00:00+07:00")
        #expect(configured.pagesReused == 0)
        #expect(site.snapshot() == (try Self.fresh(site, at: "2026-03-10T09:00:00+07:00")))
    }

    @Test func aReusedPageTheVerifierRefusesMakesTheBuildRenderEverythingAgain() throws {
        let site = try Self.site()
        try site.build(at: "2026-04-10T00:05:00+07:00")
        // A served page that links to thong-bao-0 (ending tonight), with a cache record that
        // matches it: what a key missing an input would look like.
        let path = "thong-bao/thong-bao-5/index.html"
        let page = site.output.appendingPathComponent(path)
        let tampered = try String(contentsOf: page, encoding: .utf8)
            .replacingOccurrences(of: "</main>", with: "<a href=\"../thong-bao-0/\">trước</a></main>")
        try #require(tampered.contains("thong-bao-0"))
        try Data(tampered.utf8).write(to: page)
        let cacheFile = RenderCache.file(in: LastValidSources(output: site.output))
        var stored = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: cacheFile)) as? [String: Any])
        var pages = try #require(stored["pages"] as? [String: [String: String]])
        pages[path]?["sha256"] = PublicationJournal.sha256(Data(tampered.utf8))
        stored["pages"] = pages
        try JSONSerialization.data(withJSONObject: stored).write(to: cacheFile)

        let report = try site.build(at: "2026-04-11T00:05:00+07:00")
        #expect(report.pagesReused == 0)
        #expect(site.snapshot() == (try Self.fresh(site, at: "2026-04-11T00:05:00+07:00")))
        #expect(!(try site.read(path)).contains("thong-bao-0"))
    }
}
