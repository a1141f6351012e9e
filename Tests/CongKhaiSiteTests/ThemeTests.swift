@testable import CongKhaiSite
import Foundation
import Mustache
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

    /// A template that includes itself, directly or through others, would recurse until the stack
    /// overflows (the build crashed with SIGSEGV): it is an error at the tag that closes the loop.
    @Test(arguments: [
        (["page": "<p>\n{{>page}}\n"], ["theme/templates/page.mustache:2:1: error: templates include each other in a loop (page → page) that would never end; remove the `{{>…}}` or `{{<…}}` that closes it"]),
        (["page": "{{> vong-a }}", "vong-a": "{{>vong-b}}", "vong-b": "x\n\n{{>vong-a}}"],
         ["theme/templates/vong-b.mustache:3:1: error: templates include each other in a loop (vong-a → vong-b → vong-a) that would never end; remove the `{{>…}}` or `{{<…}}` that closes it"]),
        (["base": "{{<notice}}{{/notice}}"],
         ["theme/templates/notice.mustache:1:1: error: templates include each other in a loop (base → notice → base) that would never end; remove the `{{>…}}` or `{{<…}}` that closes it"]),
        // New delimiters cannot hide the include: `<%> page %>` is `{{> page}}`.
        (["page": "{{=<% %>=}}\n<p><%title%></p>\n<%> page %>\n"],
         ["theme/templates/page.mustache:3:1: error: templates include each other in a loop (page → page) that would never end; remove the `{{>…}}` or `{{<…}}` that closes it"]),
        // Delimiters changed twice, the loop behind the second change.
        (["page": "{{=<% %>=}}<%={{ }}=%>\n{{> vong}}", "vong": "{{=[[ ]]=}}\n\n[[> page]]"],
         ["theme/templates/vong.mustache:3:1: error: templates include each other in a loop (page → vong → page) that would never end; remove the `{{>…}}` or `{{<…}}` that closes it"]),
    ])
    func aTemplateLoopIsAnErrorNotACrash(templates: [String: String], expected: [String]) throws {
        let site = try TestSite(files: ["content/notices/a.md": validNotice()])
        for (name, text) in templates { try site.write("theme/templates/\(name).mustache", text) }
        let diagnostics = site.failingBuild(at: "2026-03-20T09:00:00+07:00")
        #expect(diagnostics.map { $0.formatted(in: .en) } == expected)
        #expect(!FileManager.default.fileExists(atPath: site.output.path))
    }

    /// Forty templates that all include one another: the check stays linear (no path explosion).
    @Test func aDenseWebOfPartialsIsCheckedQuickly() {
        var templates: [String: String] = [:]
        for index in 0..<40 {
            templates["t\(index)"] = (0..<40).map { "{{>t\($0)}}" }.joined(separator: "\n")
        }
        // CPU time of this thread, which runs the check: another job on the machine slows the
        // wall clock, not the work done. A path explosion over 40 × 40 includes would take years
        // of CPU; a linear check takes milliseconds.
        func threadCPUSeconds() -> Double {
            var time = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
            return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
        }
        let start = threadCPUSeconds()
        let loops = Theme.cycles(in: templates)
        #expect(threadCPUSeconds() - start < 60)
        #expect(!loops.isEmpty && loops.count <= 40 * 40)
        #expect(Theme.cycles(in: ["a": "{{>b}}{{>b}}", "b": "{{#x}}{{/x}}", "c": "{{>a}}{{>b}}"]).isEmpty)
    }

    /// A site's strings file overrides the default one key by key: a key it lacks keeps the
    /// default text and is named in a warning, instead of leaving an empty hole in every page.
    @Test func aSiteStringsFileMissingKeysKeepsTheDefaultsWithAWarning() throws {
        let defaultFile = try #require(DefaultTheme.files["strings/vi.yaml"])
        let defaults = try #require(Theme.strings(in: defaultFile))
        let site = try TestSite(files: [
            "content/notices/a.md": validNotice(),
            "theme/strings/vi.yaml": "search: \"Tra cứu thông báo\"\n",
        ])
        let report = try site.build(at: "2026-03-20T09:00:00+07:00")
        let missing = report.warnings.compactMap { warning -> String? in
            guard case .themeStringMissing(let key) = warning.message else { return nil }
            #expect(warning.path == "theme/strings/vi.yaml")
            return key
        }
        #expect(missing == defaults.keys.sorted().filter { $0 != "search" })
        let home = try site.read("index.html")
        #expect(home.contains("Tra cứu thông báo"))
        #expect(home.contains(try #require(defaults["skip_to_content"])))
        // A strings file that is not a mapping is still an error.
        try site.write("theme/strings/vi.yaml", "- một danh sách\n")
        #expect(site.failingBuild(at: "2026-03-20T09:00:00+07:00").filter { $0.severity == .error }.map(\.message)
                == [.themeStringsMissing("strings/vi.yaml")])
    }
}

extension ChildProcessSuites {
    /// Constant values written into the templates ahead of time (`Theme.library(constants:)`) must not
    /// change a byte: the demo site, with a site title full of characters to escape, is rendered both
    /// ways and compared file by file.
    @Suite struct TemplateConstantsTests {
        @Test func theDemoSiteRendersIdenticallyWithAndWithoutConstantsWrittenIn() throws {
            let site = try TestSite()
            let demo = CongKhaiProcess.repository.appendingPathComponent("content")
            try FileManager.default.removeItem(at: site.root.appendingPathComponent("content"))
            try FileManager.default.copyItem(at: demo, to: site.root.appendingPathComponent("content"))
            // Escaping and the brace rule: the title is escaped in one path, left to the renderer in the other.
            let yaml = try String(contentsOf: demo.appendingPathComponent("site.yaml"), encoding: .utf8)
                .replacingOccurrences(of: #"title: "Cổng thông tin công khai xã Bình Thuận""#,
                                      with: #"title: "Xã <Bình> & \"Thuận\" 'mới'""#)
                .replacingOccurrences(of: #"description: ""#, with: #"description: "{{site.title}} {x} "#)
            try site.write("content/site.yaml", yaml)

            let (loaded, diagnostics) = SiteContent.load(root: site.root)
            let content = try #require(loaded, "\(diagnostics.map { $0.formatted(in: .en) })")
            #expect(content.config.title.contains("<Bình>"))
            let (loadedTheme, _) = Theme.load(root: site.root, language: content.config.language)
            let theme = try #require(loadedTheme)
            let now = try #require(ISO8601DateFormatter().date(from: "2026-11-28T02:00:00Z"))
            let statuses = content.schedule.statuses(at: now)
            let published = PublishedSite(config: content.config, theme: theme, notices: content.published(at: now),
                                          pages: content.pages, now: now,
                                          links: NoticeLinkRules(notices: content.notices, statuses: statuses,
                                                                 config: content.config, now: now))
            #expect(published.notices.count > 5)

            var outputs: [[String: Data]] = []
            for constants in [true, false] {
                let folderURL = site.root.appendingPathComponent(constants ? "with" : "without")
                try FileManager.default.createDirectory(at: folderURL, withIntermediateDirectories: true)
                let folder = OutputFolder(url: folderURL)
                try SiteRenderer(site: published, constantsInTemplates: constants).renderAll(into: folder)
                var files: [String: Data] = [:]
                for path in folder.writtenPaths {
                    files[path] = FileManager.default.contents(atPath: folderURL.appendingPathComponent(path).path)
                }
                outputs.append(files)
            }
            #expect(outputs[0].count == outputs[1].count && outputs[0].count > 40)
            for (path, data) in outputs[1].sorted(by: { $0.key < $1.key }) where outputs[0][path] != data {
                Issue.record("\(path) differs")
            }
            let home = String(decoding: outputs[0]["index.html"] ?? Data(), as: UTF8.self)
            #expect(home.contains("Xã &lt;Bình&gt; &amp; &quot;Thuận&quot; &#39;mới&#39;"))
            #expect(!home.contains("<Bình>"))
        }

        @Test func onlyPlainTagsAreReplaced() {
            let tags = ["{{t.a}}": "A&amp;", "{{home}}": "/"]
            let text = "{{t.a}} {{{t.a}}} {{#t.a}}x{{/t.a}} {{ t.a }} {{home}}{{home}} {{t.b}} {{t.a"
            #expect(Theme.substitute(tags, in: text) == "A&amp; {{{t.a}}} {{#t.a}}x{{/t.a}} {{ t.a }} // {{t.b}} {{t.a")
            // Inside a section over `t` or `site`, `{{home}}` may mean `t.home`: left alone there.
            #expect(Theme.substitute(tags, in: "{{#t}}{{home}}{{/t}}{{home}}{{^site}}{{home}}{{/site}}")
                    == "{{#t}}{{home}}{{/t}}/{{^site}}{{home}}{{/site}}")
        }

        /// Cases where writing a value in would change the output, rendered both ways through Mustache.
        static var risky: [(String, TemplateContext)] { [
            ("{{#x}}{{site.description}}\nB\n{{/x}}", ["site": ["description": ""], "x": true]),   // blank value: standalone line
            ("  {{site.description}}{{>p}}\n", ["site": ["description": "  "]]),                      // whitespace before a partial
            ("{{#t}}{{home}}{{/t}}|{{home}}", ["t": ["home": "Trang chủ"], "home": "/"]),            // shadowing section
            ("{{t.a.b}}|{{t.c}}", ["t": ["a.b": "dotted", "c": "<c>"]]),                             // dotted key
        ] }

        @Test(arguments: 0..<4)
        func writingConstantsInNeverChangesTheOutput(index: Int) throws {
            let (template, context) = Self.risky[index]
            let source = "{{% CONTENT_TYPE: CONGKHAI_HTML}}" + template
            _ = FastHTMLEscaping.registered
            var plain = MustacheLibrary()
            plain.register(try MustacheTemplate(string: source), named: "x")
            plain.register(try MustacheTemplate(string: "P"), named: "p")
            let theme = Theme(files: [:], library: plain, templateTexts: ["x": source, "p": "P"], strings: [:])
            let constants = SiteRenderer.constants(in: context)
            let prepared = theme.library(constants: constants)
            #expect(prepared.render(context, withTemplate: "x") == plain.render(context, withTemplate: "x"))
        }
    }
}
