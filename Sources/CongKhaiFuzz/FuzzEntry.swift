import CongKhaiCore
import CongKhaiMarkdown
// The fuzz build is a debug build, so the library's internal loading path is reachable here; the
// shipped library carries no fuzzing entry and no `fatalError` oracle.
@testable import CongKhaiSite
import CongKhaiTestSupport
import Foundation

/// The loading path of one notice file, as a single call for the fuzzer (`scripts/fuzz`):
/// decode → split front matter → parse YAML and every field → render the Markdown body.
/// Any input must return normally; a crash or hang is a bug, and so is rendered HTML that
/// `HTMLSafetyCheck` finds able to run script (the entry traps, so libFuzzer keeps the input).
enum FuzzEntry {
    static let config = SiteConfig(title: "Fuzz", baseURL: "https://fuzz.example/",
                                   communes: [(id: "xa-a", name: "Xã A")])

    /// Returns the number of diagnostics (so the work cannot be optimised away).
    @discardableResult
    static func loadNotice(_ data: Data) -> Int {
        let text: String
        do {
            text = try SourceText.decode(data)
        } catch {
            return 1
        }
        let loader = NoticeLoader(root: URL(fileURLWithPath: "/nonexistent"), config: config)
        let file = NoticeLoader.SourceFile(url: URL(fileURLWithPath: "/nonexistent/fuzz.md"),
                                           path: "content/notices/fuzz.md", bundle: nil, defaultId: "fuzz")
        let (notice, diagnostics) = loader.parse(text, file: file)
        if let notice {
            if let html = try? BodyRenderer.html(notice.body) {
                let violations = HTMLSafetyCheck.violations(in: html)
                if !violations.isEmpty {
                    fatalError("unsafe HTML from Markdown: \(violations.prefix(3)) in \(html.prefix(2000))")
                }
            }
            _ = SearchFolding.words(notice.title)
        }
        _ = diagnostics.map { $0.formatted(in: .vi) }
        return diagnostics.count
    }

    /// The loading path of `content/site.yaml`: decode → YAML → every setting (types, communes,
    /// holidays, zone). Any input must return normally.
    @discardableResult
    static func loadSiteConfig(_ data: Data) -> Int {
        guard let text = try? SourceText.decode(data) else { return 1 }
        let (config, diagnostics) = SiteConfigLoader.parse(text)
        if let config {
            // Exercise what the settings feed: the calendar and the posting rules of every type.
            let today = config.calendar.localDate(of: Date(timeIntervalSince1970: 1_795_000_000))
            let check = config.ruleCheck
            for type in config.types.values {
                if let rule = config.rule(for: type.id, on: today) {
                    _ = check.findings(type: type, rule: rule, signed: today, start: config.calendar.startOfDay(today),
                                       lastInstant: config.calendar.endOfDay(today.adding(days: 30)))
                }
            }
        }
        _ = diagnostics.map { $0.formatted(in: .vi) }
        return diagnostics.count
    }
}
