@testable import CongKhaiSite
import Foundation
import Testing

@Suite("Theme")
struct ThemeTests {
    /// The repository's top-level theme/ folder.
    static let themeFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("theme")

    @Test func embeddedDefaultThemeMatchesTheThemeFolder() throws {
        var onDisk: [String: Data] = [:]
        let base = Self.themeFolder.path
        let walker = try #require(FileManager.default.enumerator(atPath: base))
        while let path = walker.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: base + "/" + path, isDirectory: &isDirectory),
               !isDirectory.boolValue, !(path as NSString).lastPathComponent.hasPrefix(".") {
                onDisk[path] = FileManager.default.contents(atPath: base + "/" + path)
            }
        }
        #expect(!onDisk.isEmpty)
        #expect(DefaultTheme.files == onDisk, "run `make theme` after editing theme/")
    }

    @Test func aSiteThemeOverridesDefaultFilesByName() throws {
        let site = try TestSite(files: [
            "content/notices/a.md": validNotice(),
            "theme/templates/notice.mustache": "<p>{{#notice}}RIÊNG {{title}}{{/notice}}</p>\n",
            "theme/assets/extra.css": "body{}\n",
        ])
        try site.build(at: "2026-03-20T09:00:00+07:00")
        #expect(try site.read("thong-bao/a/index.html") == "<p>RIÊNG Thông báo thử</p>\n")
        #expect(site.exists("assets/extra.css"))
        #expect(try site.read("index.html").contains("Thông báo đang niêm yết"))
    }

    @Test func aBrokenTemplateIsAnErrorNamingIt() throws {
        let site = try TestSite(files: [
            "content/notices/a.md": validNotice(),
            "theme/templates/home.mustache": "{{#notices}}không đóng\n",
        ])
        let diagnostics = site.failingBuild(at: "2026-03-20T09:00:00+07:00")
        #expect(diagnostics.map(\.path) == ["theme/templates/home.mustache"])
    }
}
