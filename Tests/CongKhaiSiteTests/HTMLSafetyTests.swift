@testable import CongKhaiSite
import CongKhaiTestSupport
import Testing

/// The oracle the fuzzer uses (`HTMLSafetyCheck`), proven able to fail, then applied to thousands of
/// generated hostile Markdown documents rendered the way notice bodies are.
@Suite struct HTMLSafetyTests {
    static let unsafeFragments: [String] = [
        "<script>alert(1)</script>",
        "<p>x</p><SCRIPT src=//evil.example></SCRIPT>",
        "<img src=\"x\" onerror=\"alert(1)\" />",
        "<a href=\"javascript:alert(1)\">a</a>",
        "<a href=\"JaVaScRiPt:alert(1)\">a</a>",
        "<a href=\"&#106;avascript:alert(1)\">a</a>",
        "<a href=\"&#x6A;avascript&colon;alert(1)\">a</a>",
        "<a href=\"java\tscript:alert(1)\">a</a>",
        "<a href=\" vbscript:x\">a</a>",
        "<a href=\"data:text/html;base64,PHNjcmlwdD4=\">a</a>",
        "<img src=\"data:image/svg+xml;base64,PHN2Zz4=\" alt=\"\" />",
        "<svg onload=alert(1)>",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<p style=\"background:url(javascript:alert(1))\">x</p>",
        "<p>1 < 2 <img src=x onerror=alert(1)</p>",
        "<a href=x onmouseover=alert(1)>a</a>",
        "<a href='javascript:alert(1)'>a</a>",
        "<!-- unterminated",
        "<!--><img src=x onerror=alert(1)>-->",
        "<!-- x --!><img src=x onerror=alert(1)>",
        "<a href=\"&#106avascript:alert(1)\">a</a>",
        "<a href=\"javascript&#58alert(1)\">a</a>",
        "<a href=\"&#x000000006A;avascript:alert(1)\">a</a>",
        "<a href=\"&#0000000000000000106;avascript:alert(1)\">a</a>",
        "<p>x</p x=1>",
    ]

    @Test("the oracle finds every unsafe fragment", arguments: unsafeFragments)
    func oracleRejects(fragment: String) {
        #expect(!HTMLSafetyCheck.violations(in: fragment).isEmpty, "\(fragment)")
    }

    @Test func oracleAcceptsEverythingTheRendererProducesForOrdinaryNotices() throws {
        let markdown = """
        # Phương án bồi thường

        Căn cứ Luật Đất đai[^1]; xem [bảng giá](https://vd.gov.vn/bang-gia.pdf "Bảng giá"), \
        [mục 2](#muc-2), <https://xa.vn>, www.xa.vn, thư: ubnd@xa.vn, ~~cũ~~ **mới** *nghiêng* `mã`.

        ![Sơ đồ](so-do.png) ![chấm](data:image/png;base64,iVBORw0KGgo=)

        | Hộ | Diện tích (m²) | Số tiền |
        |:---|:---:|---:|
        | Ông A | 120,5 | 1.200.000 |

        - [x] Đã họp dân
        - [ ] Chưa chi trả
        1. Một
        2. Hai

        > Trích dẫn

        ```text
        <script>không chạy</script>
        ```

        ---
        Dòng cuối\\
        ngắt dòng

        <script>alert(1)</script>

        [^1]: Luật số 31/2024/QH15.
        """
        let html = try BodyRenderer.html(markdown)
        #expect(html.contains("<table>") && html.contains("footnote") && html.contains("type=\"checkbox\""))
        #expect(HTMLSafetyCheck.violations(in: html) == [])
    }

    /// Pieces of Markdown syntax and XSS payloads, joined at random: links, images, autolinks,
    /// reference definitions, footnotes, tables, lists, raw HTML and entity tricks.
    static let pieces: [String] = [
        "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<svg/onload=alert(1)>", "<a href=\"javascript:alert(1)\">",
        "javascript:alert(1)", "JaVaScRiPt:alert(1)", "&#106;avascript:alert(1)", "java&#x09;script:alert(1)",
        "javascript&colon;alert(1)", "vbscript:x", "data:text/html;base64,PHNjcmlwdD4=", "data:image/svg+xml,<svg onload=alert(1)>",
        "data:image/png;base64,AA", "\" onerror=\"alert(1)", "' onmouseover='alert(1)", "\"><script>alert(1)</script>",
        "<iframe srcdoc=x>", "<style>*{}</style>", "<!--", "-->", "<![CDATA[", "]]>", "<?php ?>", "</p>", "<p",
        "[", "]", "(", ")", "![", "](", "<", ">", "\"", "'", "`", "```", "\n", "\n\n", " ", "*", "_", "~~", "#",
        "|", "|---|", "- ", "1. ", "> ", "[^1]", "[^1]: ", "[x]: ", "[x]", "\\", "&amp;", "&", ";", ":",
        "www.example.com", "https://example.com/?q=<x>", "mailto:a@b.vn", "a@b.vn", "- [ ] ", "    ", "\t",
        "tên Việt", "\u{00A0}", "\u{200B}", "\u{FEFF}",
    ]

    @Test func thousandsOfGeneratedHostileDocumentsRenderSafely() throws {
        var random = SplitMix64(state: 20_261_128)
        var documents = 0
        var sawRawHTMLOmitted = false
        for _ in 0..<20_000 {
            var markdown = ""
            for _ in 0..<(4 + Int.random(in: 0..<28, using: &random)) {
                markdown += Self.pieces[Int.random(in: 0..<Self.pieces.count, using: &random)]
            }
            let html = try BodyRenderer.html(markdown)
            sawRawHTMLOmitted = sawRawHTMLOmitted || html.contains("raw HTML omitted")
            let violations = HTMLSafetyCheck.violations(in: html)
            #expect(violations.isEmpty, "\(violations) from Markdown \(markdown.debugDescription) → \(html.debugDescription)")
            if !violations.isEmpty { break }
            documents += 1
        }
        #expect(documents == 20_000)
        #expect(sawRawHTMLOmitted)
    }
}
