import CongKhaiMarkdown
import Foundation
import Testing

@Suite("Markdown rendering with libcmark-gfm")
struct MarkdownRendererTests {
    @Test func tablesUseStyleAttributes() throws {
        let html = try MarkdownRenderer.render("| STT | Số tiền |\n|---|---:|\n| 1 | 3.315.000 |\n")
        #expect(html.contains("<table>"))
        #expect(html.contains("<th>STT</th>"))
        #expect(html.contains("<td style=\"text-align: right\">3.315.000</td>"))
        #expect(!html.contains("align=\""))
    }

    @Test func gfmExtensions() throws {
        #expect(try MarkdownRenderer.render("~~78.000~~ 85.000") == "<p><del>78.000</del> 85.000</p>\n")
        #expect(try MarkdownRenderer.render("xem https://example.gov.vn nhé")
                == "<p>xem <a href=\"https://example.gov.vn\">https://example.gov.vn</a> nhé</p>\n")
        let tasks = try MarkdownRenderer.render("- [x] xong\n- [ ] chưa\n")
        #expect(tasks.contains("<input type=\"checkbox\" checked=\"\" disabled=\"\" /> xong"))
        #expect(tasks.contains("<input type=\"checkbox\" disabled=\"\" /> chưa"))
    }

    @Test("raw HTML never passes through", arguments: [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "đoạn <b onclick=\"alert(1)\">đậm</b>",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<svg onload=alert(1)>",
    ])
    func rawHTMLOmitted(markdown: String) throws {
        let html = try MarkdownRenderer.render(markdown)
        #expect(html.contains("raw HTML omitted"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("onerror="))
        #expect(!html.contains("onclick="))
        #expect(!html.contains("<iframe"))
        #expect(!html.contains("<svg"))
    }

    @Test("dangerous link schemes are emptied", arguments: [
        "[bấm vào đây](javascript:alert(1))",
        "[x](JAVASCRIPT:alert(1))",
        "[x](vbscript:msgbox)",
        "![ảnh](javascript:alert(1))",
        "<javascript:alert(1)>",
    ])
    func dangerousLinks(markdown: String) throws {
        let html = try MarkdownRenderer.render(markdown)
        // The text may still read "javascript:…"; no attribute may carry it.
        #expect(!html.lowercased().contains("href=\"javascript:"))
        #expect(!html.lowercased().contains("src=\"javascript:"))
        #expect(!html.lowercased().contains("href=\"vbscript:"))
        #expect(html.contains("href=\"\"") || html.contains("src=\"\""))
    }

    @Test func textIsEscaped() throws {
        #expect(try MarkdownRenderer.render("a < b & \"c\"") == "<p>a &lt; b &amp; &quot;c&quot;</p>\n")
    }

    /// cmark-gfm keeps process-global state; the renderer serialises every call. Rendering the
    /// same documents from many threads at once must give exactly the serial output.
    @Test func parallelRenderingEqualsSerial() async throws {
        let documents = (0..<64).map { i in
            """
            # Thông báo \(i)

            | STT | Hạng mục | Thành tiền |
            |---:|---|---:|
            | \(i) | ~~cũ \(i)~~ mới | \(i * 1000) |

            - [x] mục **\(i)** https://example.gov.vn/\(i)
            - [ ] ~~bỏ~~ <b>raw</b> [x](javascript:alert(\(i)))
            """
        }
        let serial = try documents.map { try MarkdownRenderer.render($0) }
        #expect(serial.allSatisfy { $0.contains("<del>") && $0.contains("<table>") })
        for _ in 0..<4 {
            let parallel = try await withThrowingTaskGroup(of: (Int, String).self) { group in
                for (index, document) in documents.enumerated() {
                    group.addTask { (index, try MarkdownRenderer.render(document)) }
                }
                var results = [String](repeating: "", count: documents.count)
                for try await (index, html) in group { results[index] = html }
                return results
            }
            #expect(parallel == serial)
        }
        // Threads outside Swift concurrency too.
        let results = ResultBox(count: documents.count)
        DispatchQueue.concurrentPerform(iterations: documents.count) { index in
            results.set(index, (try? MarkdownRenderer.render(documents[index])) ?? "")
        }
        #expect(results.values == serial)
    }
}

/// A thread-safe array for `concurrentPerform`.
final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [String]

    init(count: Int) { storage = Array(repeating: "", count: count) }

    func set(_ index: Int, _ value: String) { lock.withLock { storage[index] = value } }

    var values: [String] { lock.withLock { storage } }
}
