@testable import CongKhaiSite
import CongKhaiCore
import Foundation
import Testing

/// Notice files parsed by an earlier build are not parsed again while their bytes, the site
/// configuration, the program and (for a bundle) the files beside them are unchanged; the build
/// then reports exactly what a build without the cache reports and publishes the same bytes.
@Suite("Incremental builds: parsed notices", .serialized)
struct ParseCacheTests {
    static func site() throws -> TestSite {
        var files: [String: String] = [:]
        for index in 0..<8 {
            // Every third notice has a warning (a phone number), so diagnostics are cached too.
            let body = index % 3 == 0 ? "Liên hệ ông A, điện thoại 0912 345 678.\n" : "Nội dung thông báo số \(index).\n"
            files["content/notices/thong-bao-\(index).md"] = validNotice(
                title: "\"Thông báo số \(index)\"", posted: "2026-03-02", expires: "2026-05-29", body: body)
        }
        files["content/notices/co-dinh-kem/index.md"] = validNotice(
            title: "\"Có đính kèm\"", posted: "2026-03-02", expires: "2026-05-29",
            extra: [("attachments", "[{ file: ban-do.pdf, title: \"Bản đồ\" }]")])
        let site = try TestSite(files: files)
        try site.write("content/notices/co-dinh-kem/ban-do.pdf", Data("%PDF-1.4 bản đồ\n".utf8))
        return site
    }

    /// The same build without any cache, into a new folder: its output and warnings.
    static func uncached(_ site: TestSite, at now: String) throws -> (files: [String: Data], warnings: [Diagnostic]) {
        let (files, report) = try site.buildIntoNewFolder(at: now)
        return (files, report.warnings)
    }

    @Test func anUnchangedFileIsNotParsedAgainAndReportsTheSameWarnings() throws {
        let site = try Self.site()
        let first = try site.build(at: "2026-03-10T09:00:00+07:00")
        #expect(first.parsesReused == 0)
        let second = try site.build(at: "2026-03-11T09:00:00+07:00")
        #expect(second.parsesReused == 9)
        let expected = try Self.uncached(site, at: "2026-03-11T09:00:00+07:00")
        #expect(site.snapshot() == expected.files)
        #expect(second.warnings == expected.warnings)
        #expect(second.warnings.filter { if case .personalData = $0.message { true } else { false } }.count == 3)
        // One file edited: that one alone is parsed.
        try site.write("content/notices/thong-bao-4.md", validNotice(
            title: "\"Thông báo số 4 (sửa)\"", posted: "2026-03-02", expires: "2026-05-29", body: "Gọi 0987 654 321.\n"))
        let third = try site.build(at: "2026-03-11T10:00:00+07:00")
        #expect(third.parsesReused == 8)
        let edited = try Self.uncached(site, at: "2026-03-11T10:00:00+07:00")
        #expect(site.snapshot() == edited.files)
        #expect(third.warnings == edited.warnings)
        #expect(try site.read("thong-bao/thong-bao-4/index.html").contains("Thông báo số 4 (sửa)"))
    }

    @Test func aConfigurationChangeParsesEverythingAgain() throws {
        let site = try Self.site()
        try site.build(at: "2026-03-10T09:00:00+07:00")
        // A commune renamed: every notice's parse may change with it.
        try site.write("content/site.yaml", TestSite.siteYAML.replacingOccurrences(of: "\"Xã A\"", with: "\"Xã An Hòa\""))
        let report = try site.build(at: "2026-03-10T10:00:00+07:00")
        #expect(report.parsesReused == 0)
        #expect(site.snapshot() == (try Self.uncached(site, at: "2026-03-10T10:00:00+07:00")).files)
        #expect(try site.read("thong-bao/thong-bao-1/index.html").contains("Xã An Hòa"))
    }

    @Test func aBundleIsParsedAgainWhenAFileBesideItChanges() throws {
        let site = try Self.site()
        try site.build(at: "2026-03-10T09:00:00+07:00")
        try site.write("content/notices/co-dinh-kem/ban-do.pdf", Data("%PDF-1.4 bản đồ mới, dài hơn\n".utf8))
        let report = try site.build(at: "2026-03-10T10:00:00+07:00")
        #expect(report.parsesReused == 8)
        #expect(site.snapshot() == (try Self.uncached(site, at: "2026-03-10T10:00:00+07:00")).files)
        // The attachment removed: the same bytes of index.md now have an error, found.
        try site.remove("content/notices/co-dinh-kem/ban-do.pdf")
        let failure = site.failingBuildReport(at: "2026-03-10T11:00:00+07:00")
        #expect(failure.diagnostics.contains { if case .attachmentMissing = $0.message { true } else { false } })
    }

    @Test(arguments: ["garbage", "truncated", "no trailer", "entries swapped", "deleted"])
    func aDamagedCacheOnlyCostsTime(_ damage: String) throws {
        let site = try Self.site()
        try site.build(at: "2026-03-10T09:00:00+07:00")
        let file = ParseCache.file(in: LastValidSources(output: site.output))
        let data = try Data(contentsOf: file)
        switch damage {
        case "garbage": try Data("12\n{\"format\":1,".utf8).write(to: file)
        case "truncated": try data.prefix(data.count / 2).write(to: file)
        case "no trailer":
            // The last line says where the index starts; without it nothing can be found.
            try data.dropLast(21).write(to: file)
        case "entries swapped":
            // Two files' index records trade places: each finds the other's entry, whose key differs.
            let text = String(decoding: data, as: UTF8.self)
            let swapped = text.replacingOccurrences(of: "thong-bao-1.md", with: "thong-bao-X.md")
                .replacingOccurrences(of: "thong-bao-2.md", with: "thong-bao-1.md")
                .replacingOccurrences(of: "thong-bao-X.md", with: "thong-bao-2.md")
            #expect(swapped != text)
            try Data(swapped.utf8).write(to: file)
        default: try FileManager.default.removeItem(at: file)
        }
        let report = try site.build(at: "2026-03-11T09:00:00+07:00")
        let expected = try Self.uncached(site, at: "2026-03-11T09:00:00+07:00")
        #expect(site.snapshot() == expected.files)
        #expect(report.warnings == expected.warnings)
        switch damage {
        case "entries swapped": #expect(report.parsesReused == 7)
        case "truncated": #expect(report.parsesReused < 9)  // entries wholly before the cut are still good
        default: #expect(report.parsesReused == 0)
        }
    }
}
