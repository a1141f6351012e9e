@testable import CongKhaiSite
import CongKhaiCore
import Foundation
import Synchronization
import Testing

/// The build as a declared list of steps, the parallel helper, and what the publisher guarantees
/// beyond atomic renames: the new site on disk before the swap, and a marker that says whose
/// folder it is.
@Suite("The build pipeline")
struct PipelineTests {
    static let now = "2026-03-20T09:00:00+07:00"

    @Test func aBuildRunsTheDeclaredStepsInOrder() throws {
        let site = try TestSite(files: ["content/notices/a.md": validNotice()])
        let report = try site.build(at: Self.now)
        // TestSite builds without the journal, as previews do.
        #expect(report.steps.map(\.step) == BuildStep.allCases.filter { $0 != .journal })
        let journaled = try SiteBuilder(root: site.root, now: instant(Self.now), journal: true).build()
        #expect(journaled.steps.map(\.step) == BuildStep.allCases)
    }

    @Test func aFailedBuildNamesTheStepItStoppedAt() throws {
        let broken = try TestSite(files: ["content/notices/a.md": "không có phần đầu\n"])
        do {
            _ = try SiteBuilder(root: broken.root, now: instant(Self.now)).build()
            Issue.record("a broken first build must fail")
        } catch {
            #expect(error.step == .load)
        }
        // A template that shows a notice no longer posted: rendered, then refused by the verifier.
        let leaking = try TestSite(files: [
            "content/notices/a.md": validNotice(),
            "content/notices/old.md": validNotice(posted: "2026-01-01", expires: "2026-02-28"),
            "theme/templates/404.mustache": "<a href=\"{{home}}thong-bao/old/\">cũ</a>\n",
        ])
        do {
            _ = try SiteBuilder(root: leaking.root, now: instant(Self.now)).build()
            Issue.record("a site showing an ended notice must not be published")
        } catch {
            #expect(error.step == .verify, "\(error.diagnostics.map { $0.formatted(in: .en) })")
            #expect(error.published == nil)
        }
    }

    @Test func parallelMapKeepsInputOrderAndThrowsTheLowestIndexError() {
        #expect(Parallel.map(1_000) { $0 * 2 } == (0..<1_000).map { $0 * 2 })
        #expect(Parallel.map(0) { $0 }.isEmpty)
        struct Failure: Error, Equatable { let index: Int }
        let ran = Atomic<Int>(0)
        do throws(Failure) {
            _ = try Parallel.map(1_000) { (index: Int) throws(Failure) -> Int in
                ran.add(1, ordering: .relaxed)
                if index == 700 || index == 300 { throw Failure(index: index) }
                return index
            }
            Issue.record("expected an error")
        } catch {
            #expect(error == Failure(index: 300))
        }
        #expect(ran.load(ordering: .relaxed) == 1_000)
    }

    /// The new site reaches the disk (syncfs) while the old one is still served, before the
    /// swap: a power cut right after the swap cannot leave a site of empty files.
    @Test func theNewSiteIsFlushedBeforeTheSwapAndAFailedFlushKeepsTheOldSite() throws {
        let site = try TestSite()
        try FileManager.default.createDirectory(at: site.output, withIntermediateDirectories: true)
        try OutputPublisher.markerText.write(to: site.output.appendingPathComponent(OutputPublisher.markerName))
        try Data("cũ".utf8).write(to: site.output.appendingPathComponent("index.html"))
        let flushed = Mutex<[(folder: String, servedThen: String, newThen: String)]>([])
        var publisher = OutputPublisher(output: site.output)
        let served = site.output
        publisher.flush = { folder in
            let servedThen = (try? String(contentsOf: served.appendingPathComponent("index.html"), encoding: .utf8)) ?? ""
            let newThen = (try? String(contentsOf: folder.appendingPathComponent("index.html"), encoding: .utf8)) ?? ""
            flushed.withLock { $0.append((folder.path, servedThen, newThen)) }
            try OutputPublisher.flushToDisk(folder)
        }
        let lock = try publisher.lock()
        defer { publisher.unlock(lock) }
        for (round, text) in ["mới", "mới hơn"].enumerated() {
            var filled = ""
            try publisher.publish { folder, _ in
                filled = folder.path
                try Data(text.utf8).write(to: folder.appendingPathComponent("index.html"))
            }
            let calls = flushed.withLock { $0 }
            #expect(calls.count == round + 1)
            #expect(calls.last?.folder == filled)
            #expect(calls.last?.servedThen == (round == 0 ? "cũ" : "mới"))
            #expect(calls.last?.newThen == text)
            #expect(try site.read("index.html") == text)
        }
        // A flush that fails (an I/O error of the disk): nothing is swapped in.
        publisher.flush = { _ in throw OutputPublisher.PublishError.io("syncfs: Input/output error") }
        for reuse in [true, false] {
            #expect(throws: OutputPublisher.PublishError.self) {
                try publisher.publish(reuse: reuse) { folder, _ in
                    try Data("hỏng".utf8).write(to: folder.appendingPathComponent("index.html"))
                }
            }
            #expect(try site.read("index.html") == "mới hơn")
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.root.path).filter { $0.contains("congkhai-tmp") }
        #expect(leftovers.isEmpty)
    }

    /// The last resort takes an ended notice down even when the disk fails to sync: a site that
    /// might not survive a power cut is better than an ended notice online now.
    @Test func theLastResortRemovesAnEndedNoticeEvenWhenTheFlushFails() throws {
        let site = try TestSite(files: [
            "content/notices/a.md": validNotice(),
            "content/notices/b.md": validNotice(title: "\"Sắp hết hạn\"", posted: "2026-03-01", expires: "2026-04-01"),
        ])
        try site.build(at: Self.now)
        #expect(site.exists("thong-bao/b/index.html"))
        let later = "2026-04-02T00:00:00+07:00"
        let (loaded, _) = SiteContent.load(root: site.root)
        let content = try #require(loaded)
        final class Calls: Sendable { let count = Atomic<Int>(0) }
        let calls = Calls()
        var removal = ExpiredNoticeRemoval(output: site.output, displayPrefix: "site/", now: instant(later))
        removal.flush = { _ in
            calls.count.add(1, ordering: .relaxed)
            throw OutputPublisher.PublishError.io("syncfs: Input/output error")
        }
        guard case .removed(let report) = removal.run(content: content) else {
            Issue.record("the ended notice must be removed")
            return
        }
        #expect(report.removedNotices == ["b"])
        #expect(calls.count.load(ordering: .relaxed) == 1)
        #expect(!site.exists("thong-bao/b/index.html"))
        #expect(site.exists("thong-bao/a/index.html"))
        #expect(OutputVerifier(statuses: content.schedule.statuses(at: instant(later)), displayPrefix: "site/")
                    .verify(folder: site.output).isEmpty)
    }

    /// A build recognises a folder it may replace by the marker every CongKhai site carries, not
    /// by how `notices.json` happens to start.
    @Test func anOutputFolderIsRecognisedByItsMarker() throws {
        let site = try TestSite(files: ["content/notices/a.md": validNotice()])
        try site.build(at: Self.now)
        #expect(FileManager.default.contents(atPath: site.output.appendingPathComponent(OutputPublisher.markerName).path)
                == OutputPublisher.markerText)
        let folder = site.root.appendingPathComponent("khac")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("ảnh".utf8).write(to: folder.appendingPathComponent("anh.jpg"))
        #expect(!OutputPublisher.isReplaceable(folder))
        try OutputPublisher.markerText.write(to: folder.appendingPathComponent(OutputPublisher.markerName))
        #expect(OutputPublisher.isReplaceable(folder))
        // A marker that is a folder, not a file, does not count.
        try FileManager.default.removeItem(at: folder.appendingPathComponent(OutputPublisher.markerName))
        try FileManager.default.createDirectory(at: folder.appendingPathComponent(OutputPublisher.markerName),
                                                withIntermediateDirectories: true)
        #expect(!OutputPublisher.isReplaceable(folder))
        // A site built before the marker existed is still recognised by its notices.json.
        let legacy = site.root.appendingPathComponent("cu")
        try FileManager.default.createDirectory(at: legacy, withIntermediateDirectories: true)
        try Data("{\n  \"generated\" : \"2026-03-01T00:00:00+07:00\",\n  \"notices\" : []\n}".utf8)
            .write(to: legacy.appendingPathComponent("notices.json"))
        #expect(OutputPublisher.isReplaceable(legacy))
    }

    /// The page residents are sent to for opinions is the one site.yaml names, not the first
    /// page by path; a name that matches no page is an error at its line.
    @Test func theCommentPageIsTheOneSiteYAMLNames() throws {
        let page = { (title: String) in "---\ntitle: \"\(title)\"\n---\nNội dung.\n" }
        let site = try TestSite(siteYAML: TestSite.siteYAML + "comment_page: gop-y\n", files: [
            "content/notices/a.md": validNotice(),
            "content/pages/a-gioi-thieu.md": page("Giới thiệu"),
            "content/pages/gop-y.md": page("Gửi ý kiến"),
        ])
        try site.build(at: Self.now)
        #expect(try site.read("index.html").contains("<p class=\"comment-link\"><a href=\"/trang/gop-y/\">Gửi ý kiến</a></p>"))
        try site.write("content/site.yaml", TestSite.siteYAML + "comment_page: gopy\n")
        let line = TestSite.siteYAML.split(separator: "\n", omittingEmptySubsequences: false).count
        #expect(site.failingBuild(at: Self.now).filter { $0.severity == .error }.map { $0.formatted(in: .en) } == [
            "content/site.yaml:\(line):15: error: `comment_page`: there is no page `gopy` in content/pages/ (a file `gopy.md`) (did you mean `gop-y`?)",
        ])
        // Without `comment_page`, the home page links to no page.
        try site.write("content/site.yaml", TestSite.siteYAML)
        try site.build(at: Self.now)
        #expect(!(try site.read("index.html")).contains("<p class=\"comment-link\">"))
    }
}

@Suite("check --url reads a sitemap as XML")
struct SitemapLocationTests {
    @Test func locationsAreReadWithEntitiesCDATAAndWhitespace() {
        let sitemap = """
        <?xml version="1.0" encoding="UTF-8"?>
        <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
          <url><loc>https://xa.example.gov.vn/</loc></url>
          <url>
            <loc>
              https://xa.example.gov.vn/thong-bao/a/?x=1&amp;y=2
            </loc>
            <lastmod>2026-03-20</lastmod>
          </url>
          <url><loc><![CDATA[https://xa.example.gov.vn/thong-bao/b/]]></loc></url>
          <!-- <url><loc>https://xa.example.gov.vn/thong-bao/bi-an/</loc></url> -->
        </urlset>
        """
        #expect(SiteAuditor.locations(in: Data(sitemap.utf8)) == [
            "https://xa.example.gov.vn/",
            "https://xa.example.gov.vn/thong-bao/a/?x=1&y=2",
            "https://xa.example.gov.vn/thong-bao/b/",
        ])
        // Not XML (an HTML error page served as sitemap.xml): no location, no crash.
        #expect(SiteAuditor.locations(in: Data("<html><body><p>Lỗi 500<loc>".utf8)).isEmpty)
    }
}
