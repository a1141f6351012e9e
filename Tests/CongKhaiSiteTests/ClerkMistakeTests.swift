@testable import CongKhaiSite
import CongKhaiCore
import Foundation
import Testing

/// The mistakes a commune clerk makes in a notice file, each with the Vietnamese message, the
/// line and column, and the severity the clerk must see. Every case starts from one valid
/// notice and changes it; the expected list is the whole report for the file.
@Suite("Clerk mistakes: each explained in Vietnamese at its line and column")
struct ClerkMistakeTests {
    /// Lines 1–10 of a valid notice (line 10 is the body).
    static let base = [
        "---",                                  // 1
        "title: \"Thông báo họp dân\"",         // 2
        "type: general",                        // 3
        "commune: xa-a",                        // 4
        "number: \"12/TB-UBND\"",               // 5
        "issuer: \"UBND xã A\"",                // 6
        "posted: 2026-03-05",                   // 7
        "expires: 2026-04-06",                  // 8
        "---",                                  // 9
        "Nội dung thông báo.",                  // 10
    ]

    enum Edit: Sendable {
        case replace(Int, String)
        case insert(before: Int, String)
        case delete(Int)
        case whole(String)
    }

    struct Expected: CustomStringConvertible, Sendable {
        let severity: Diagnostic.Severity
        let line: Int
        let column: Int
        let fragment: String
        var description: String { "\(line):\(column) \(severity.rawValue): …\(fragment)…" }
    }

    struct Mistake: CustomStringConvertible, Sendable {
        let name: String
        let edits: [Edit]
        let expected: [Expected]
        var description: String { name }
    }

    static func E(_ line: Int, _ column: Int, _ fragment: String) -> Expected { Expected(severity: .error, line: line, column: column, fragment: fragment) }
    static func W(_ line: Int, _ column: Int, _ fragment: String) -> Expected { Expected(severity: .warning, line: line, column: column, fragment: fragment) }

    static let mistakes: [Mistake] = [
        // YAML syntax, each at the line with the mistake.
        Mistake(name: "colon inside an unquoted title", edits: [.replace(2, "title: Thông báo: họp dân")],
                expected: [E(2, 17, "giá trị có dấu `:`; hãy đặt cả giá trị trong ngoặc kép: `title: \"…\"`")]),
        Mistake(name: "title ending with a colon", edits: [.replace(2, "title: Kính gửi:")],
                expected: [E(2, 16, "giá trị có dấu `:`")]),
        Mistake(name: "tab before a key", edits: [.replace(3, "\ttype: general")],
                expected: [E(3, 1, "dòng này thụt lề bằng phím Tab; chỉ dùng dấu cách")]),
        Mistake(name: "tab inside a list", edits: [.insert(before: 9, "places:"), .insert(before: 10, "\t- \"Nhà văn hóa thôn\"")],
                expected: [E(10, 1, "thụt lề bằng phím Tab")]),
        Mistake(name: "the same key twice", edits: [.insert(before: 9, "expires: 2026-04-07")],
                expected: [E(9, 1, "khóa `expires` có ở dòng 8 và dòng 9; xóa một dòng")]),
        Mistake(name: "quote opened and never closed", edits: [.replace(2, "title: \"Thông báo họp dân")],
                expected: [E(2, 8, "dấu ngoặc kép mở ở dòng 2 chưa được đóng")]),
        Mistake(name: "single quote never closed", edits: [.replace(6, "issuer: 'UBND xã A")],
                expected: [E(6, 9, "dấu ngoặc kép mở ở dòng 6 chưa được đóng")]),
        Mistake(name: "missing colon after a key", edits: [.replace(2, "title \"Thông báo họp dân\"")],
                expected: [E(2, 6, "thiếu dấu `:` sau khóa `title`; viết `title: giá trị`")]),
        Mistake(name: "text after the closing quote", edits: [.replace(2, "title: \"Thông báo\" họp dân")],
                expected: [E(2, 20, "có chữ nằm sau dấu ngoặc kép đóng")]),
        Mistake(name: "a line that is not key: value", edits: [.insert(before: 9, "Ghi chú cho văn thư")],
                expected: [E(9, 1, "dòng này không có dạng `khóa: giá trị`")]),
        Mistake(name: "a key indented under a plain value", edits: [.replace(3, "  type: general")],
                expected: [E(3, 1, "dòng `type:` bị thụt lề nhưng dòng trên không mở danh sách hay nhóm khóa")]),
        Mistake(name: "value starting with @", edits: [.replace(5, "number: @12/TB-UBND")],
                expected: [E(5, 9, "giá trị không được bắt đầu bằng `@`")]),
        Mistake(name: "value starting with a dash", edits: [.replace(2, "title: - Thông báo họp dân")],
                expected: [E(2, 8, "giá trị không được bắt đầu bằng `-`")]),
        Mistake(name: "unclosed list bracket", edits: [.insert(before: 9, "supersedes: [cu-1, cu-2")],
                expected: [E(9, 13, "dấu ngoặc `[` mở ở dòng 9 chưa được đóng")]),
        Mistake(name: "no space after the colon", edits: [.replace(8, "expires:2026-04-06")],
                expected: [E(8, 9, "thiếu dấu cách sau dấu `:` của khóa `expires`")]),
        Mistake(name: "no space after the colon of a quoted title", edits: [.replace(2, "title:\"Thông báo họp dân\"")],
                expected: [E(2, 7, "thiếu dấu cách sau dấu `:` của khóa `title`")]),
        // Characters pasted from Word: accepted, normalised, with a warning at their position.
        Mistake(name: "curly quotes around the title", edits: [.replace(2, "title: “Thông báo họp dân”")],
                expected: [W(2, 8, "ngoặc kép cong “ ”")]),
        Mistake(name: "non-breaking space after expires:", edits: [.replace(8, "expires:\u{00A0}2026-04-06")],
                expected: [W(8, 9, "dấu cách không ngắt")]),
        Mistake(name: "zero-width space in the title", edits: [.replace(2, "title: \"Thông báo\u{200B} họp dân\"")],
                expected: [W(2, 18, "ký tự vô hình")]),
        // The file as a whole.
        Mistake(name: "front matter never closed", edits: [.delete(9)],
                expected: [E(1, 1, "phần thông tin đầu tệp chưa được đóng")]),
        Mistake(name: "empty file", edits: [.whole("")], expected: [E(1, 1, "tệp trống")]),
        Mistake(name: "blank first line", edits: [.insert(before: 1, "")],
                expected: [E(1, 1, "dòng 1 đang trống; xóa dòng trống ở đầu tệp")]),
        Mistake(name: "no front matter at all", edits: [.whole("Thông báo họp dân\n\nNội dung.\n")],
                expected: [E(1, 1, "thiếu phần thông tin đầu tệp: dòng đầu tiên phải là `---`")]),
        // Keys.
        Mistake(name: "attachment instead of attachments", edits: [.insert(before: 9, "attachment: to-trinh.pdf")],
                expected: [E(9, 1, "CongKhai không biết khóa `attachment`; có phải ý bạn là `attachments`?")]),
        Mistake(name: "expire instead of expires", edits: [.replace(8, "expire: 2026-04-06")],
                expected: [E(1, 1, "thiếu trường bắt buộc `expires`"), E(8, 1, "có phải ý bạn là `expires`?")]),
        Mistake(name: "Vietnamese key tieu_de", edits: [.replace(2, "tieu_de: \"Thông báo họp dân\"")],
                expected: [E(1, 1, "thiếu trường bắt buộc `title`"), E(2, 1, "có phải ý bạn là `title`?")]),
        Mistake(name: "Vietnamese key with diacritics", edits: [.replace(7, "ngày đăng: 2026-03-05")],
                expected: [E(1, 1, "thiếu trường bắt buộc `posted`"), E(7, 1, "có phải ý bạn là `posted`?")]),
        Mistake(name: "an unknown key", edits: [.insert(before: 9, "ghi_chu: \"gửi thôn trưởng\"")],
                expected: [W(9, 1, "CongKhai không biết khóa `ghi_chu`; dòng này bị bỏ qua")]),
        // Dates.
        Mistake(name: "date written day first", edits: [.replace(7, "posted: 05/03/2026")],
                expected: [E(7, 9, "ngày \"05/03/2026\" không đúng dạng YYYY-MM-DD; có phải ý bạn là 2026-03-05?")]),
        Mistake(name: "date without leading zeros", edits: [.replace(8, "expires: 2026-4-6")],
                expected: [E(8, 10, "có phải ý bạn là 2026-04-06?")]),
        Mistake(name: "a day that does not exist", edits: [.replace(8, "expires: 2026-02-30")],
                expected: [E(8, 10, "ngày \"2026-02-30\" không hợp lệ; dùng dạng năm-tháng-ngày YYYY-MM-DD, ví dụ 2026-04-26")]),
        Mistake(name: "expires before posted", edits: [.replace(8, "expires: 2026-03-01")],
                expected: [E(8, 10, "trước ngày bắt đầu niêm yết")]),
        Mistake(name: "posting shorter than the law", edits: [.replace(8, "expires: 2026-03-20")],
                expected: [E(8, 10, "phải được niêm yết ít nhất 30 ngày")]),
        // Values.
        Mistake(name: "unknown type", edits: [.replace(3, "type: compensation")],
                expected: [E(3, 7, "loại thông báo `compensation` không tồn tại (có phải ý bạn là `compensation-plan`")]),
        Mistake(name: "unknown commune", edits: [.replace(4, "commune: xa-c")],
                expected: [E(4, 10, "xã `xa-c` không có trong danh sách `communes`")]),
        Mistake(name: "issuer missing", edits: [.delete(6)], expected: [E(1, 1, "thiếu trường bắt buộc `issuer`")]),
        Mistake(name: "empty title", edits: [.replace(2, "title: \"\"")], expected: [E(2, 8, "`title` không được để trống")]),
        // Skeleton left in a notice that is not a draft.
        Mistake(name: "empty number from the skeleton", edits: [.replace(5, "number: \"\"")],
                expected: [E(5, 9, "`number` không được để trống")]),
        Mistake(name: "placeholder in the title", edits: [.replace(2, "title: \"Thu hồi đất dự án (…)\"")],
                expected: [E(2, 8, "còn chỗ trống của mẫu (`Thu hồi đất dự án (…)`) chưa điền")]),
        Mistake(name: "placeholder in the body", edits: [.replace(10, "Thực hiện dự án (…), như sau:")],
                expected: [E(10, 18, "còn chỗ trống của mẫu")]),
        Mistake(name: "a blank table cell from the skeleton", edits: [.replace(10, "| 1 | … | | |")],
                expected: [E(10, 7, "còn chỗ trống của mẫu")]),
        Mistake(name: "an ellipsis meaning \"and so on\" is text", edits: [.replace(10, "Hồ sơ gồm: đơn, bản sao giấy chứng nhận, …")],
                expected: []),
        Mistake(name: "placeholder paragraph in the body", edits: [.replace(10, "(… nội dung thông báo …)")],
                expected: [E(10, 2, "hãy điền nội dung, hoặc thêm dòng `draft: true`")]),
        Mistake(name: "an ellipsis ending a word is text, not a placeholder", edits: [.replace(10, "Các hộ dân, tổ chức v.v… có liên quan.")],
                expected: []),
        Mistake(name: "a draft with placeholders", edits: [.insert(before: 2, "draft: true"), .replace(6, "number: \"\""),
                                                             .replace(11, "(… nội dung thông báo …)")],
                expected: [W(2, 1, "đây là bản nháp (`draft: true`) nên chưa được đăng")]),
        Mistake(name: "draft flag neither true nor false", edits: [.insert(before: 9, "draft: chưa")],
                expected: [E(9, 8, "`draft`: \"chưa\" phải là `true` (bản nháp) hoặc `false`")]),
        // What residents must do.
        Mistake(name: "an opinion deadline after posting ends", edits: [.insert(before: 9, "opinions_until: 2026-05-01")],
                expected: [E(9, 17, "hạn góp ý `opinions_until` (01/05/2026) phải nằm trong thời gian niêm yết, từ 05/03/2026 đến hết ngày 06/04/2026")]),
        Mistake(name: "a meeting without its place", edits: [.insert(before: 9, "meeting: { time: 2026-03-20T08:00:00+07:00 }")],
                expected: [E(9, 10, "thiếu trường bắt buộc `place`")]),
        Mistake(name: "a contact with a misspelt key", edits: [.insert(before: 9, "contact: { name: \"Cán bộ địa chính\", phon: \"0255 3 123 457\" }")],
                expected: [E(9, 38, "CongKhai không biết khóa `phon`; có phải ý bạn là `phone`?")]),
        // Ids.
        Mistake(name: "an id that is only a date", edits: [.insert(before: 9, "slug: 2026-12-01")],
                expected: [E(9, 7, "mã thông báo `2026-12-01` chỉ có ngày")]),
        Mistake(name: "an id with capitals", edits: [.insert(before: 9, "slug: Thong_Bao")],
                expected: [E(9, 7, "mã thông báo `Thong_Bao` không hợp lệ")]),
    ]

    static func text(for mistake: Mistake) -> String {
        var lines = base
        for edit in mistake.edits {
            switch edit {
            case .replace(let line, let text): lines[line - 1] = text
            case .insert(let before, let text): lines.insert(text, at: before - 1)
            case .delete(let line): lines.remove(at: line - 1)
            case .whole(let text): return text
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func parse(_ text: String, id: String = "thong-bao-hop-dan") -> (Notice?, [Diagnostic]) {
        let loader = NoticeLoader(root: URL(fileURLWithPath: "/nonexistent"), config: NoticeLoaderTests.config)
        let file = NoticeLoader.SourceFile(url: URL(fileURLWithPath: "/nonexistent/x.md"),
                                           path: "content/notices/\(id).md", bundle: nil, defaultId: id)
        return loader.parse(text, file: file)
    }

    static func check(_ diagnostics: [Diagnostic], _ expected: [Expected], _ name: String) {
        let got = diagnostics.sortedForReport
        let shown = got.map { $0.formatted(in: .vi) }.joined(separator: "\n")
        #expect(got.count == expected.count, "\(name): expected \(expected), got:\n\(shown)")
        for (diagnostic, want) in zip(got, expected) {
            #expect(diagnostic.severity == want.severity, "\(name): \(shown)")
            #expect(diagnostic.position?.line == want.line && diagnostic.position?.column == want.column,
                    "\(name): expected at \(want.line):\(want.column): \(shown)")
            #expect(diagnostic.message.text(in: .vi).contains(want.fragment), "\(name): expected …\(want.fragment)…, got \(shown)")
        }
    }

    @Test(arguments: mistakes)
    func mistake(_ mistake: Mistake) {
        let (notice, diagnostics) = Self.parse(Self.text(for: mistake))
        Self.check(diagnostics, mistake.expected, mistake.name)
        // A file with an error is never published; warnings alone leave a usable notice.
        #expect((notice == nil) == mistake.expected.contains { $0.severity == .error }, "\(mistake.name)")
    }

    @Test func theTableIsLarge() {
        #expect(Self.mistakes.count >= 40)
    }

    @Test func pastedCharactersAreNormalised() throws {
        let curly = try #require(Self.parse(Self.text(for: Self.mistakes.first { $0.name.hasPrefix("curly") }!)).0)
        #expect(curly.title == "Thông báo họp dân")
        let hidden = try #require(Self.parse(Self.text(for: Self.mistakes.first { $0.name.hasPrefix("zero-width") }!)).0)
        #expect(hidden.title == "Thông báo họp dân")
        let nbsp = try #require(Self.parse(Self.text(for: Self.mistakes.first { $0.name.hasPrefix("non-breaking") }!)).0)
        #expect(nbsp.expires == .day(LocalDate(iso: "2026-04-06")!))
    }

    /// Five different YAML mistakes in one file: all five reported, each at its own line, in one pass.
    static let fiveMistakes = """
    ---
    title: Thông báo: họp dân thôn An Điềm
    \ttype: general
    commune: xa-a
    number: "12/TB-UBND
    issuer "UBND xã A"
    posted: 2026-03-05
    expires: 2026-04-06
    expires: 2026-04-07
    ---
    Nội dung thông báo.

    """

    @Test func fiveYAMLMistakesInOneFileAreReportedTogether() {
        let (notice, diagnostics) = Self.parse(Self.fiveMistakes)
        #expect(notice == nil)
        Self.check(diagnostics, [
            Self.E(2, 17, "giá trị có dấu `:`"),
            Self.E(3, 1, "thụt lề bằng phím Tab"),
            Self.E(5, 9, "dấu ngoặc kép mở ở dòng 5 chưa được đóng"),
            Self.E(6, 7, "thiếu dấu `:` sau khóa `issuer`"),
            Self.E(9, 1, "khóa `expires` có ở dòng 8 và dòng 9"),
        ], "five mistakes")
    }

    @Test func validMultiLineQuotedValueIsNotAnUnclosedQuote() {
        let text = Self.text(for: Mistake(name: "", edits: [.replace(2, "title: \"Thông báo họp dân"),
                                                             .insert(before: 3, "  thôn An Điềm\"")], expected: []))
        let (notice, diagnostics) = Self.parse(text)
        #expect(diagnostics.isEmpty, "\(diagnostics.map { $0.formatted(in: .vi) })")
        #expect(notice?.title == "Thông báo họp dân thôn An Điềm")
    }

    // Files under content/notices/ that are not notices.
    @Test(arguments: [
        ("2026-11-27-chu-hoa.MD", "đổi tên thành `2026-11-27-chu-hoa.md`"),
        ("thong-bao.md.txt", "đổi tên thành `thong-bao.md`"),
        ("thong-bao-hop.markdown", "đổi tên thành `thong-bao-hop.md`"),
        ("to-trinh.docx", "tệp đính kèm phải nằm trong thư mục của thông báo"),
        ("ban-do.pdf", "tệp đính kèm phải nằm trong thư mục của thông báo"),
    ])
    func fileThatIsNotANotice(name: String, fragment: String) throws {
        let site = try TestSite(files: ["content/notices/\(name)": "x", "content/notices/hop.md": validNotice()])
        let (content, diagnostics) = SiteContent.load(root: site.root)
        #expect(content != nil)
        let warning = diagnostics.first { $0.path == "content/notices/\(name)" }
        #expect(warning?.severity == .warning)
        #expect(warning?.message.text(in: .vi).contains(fragment) == true, "\(diagnostics.map { $0.formatted(in: .vi) })")
    }

    /// Mistakes of four kinds in four files (syntax, a date, a reference, a link): one build
    /// reports them all, not one kind per build.
    @Test func threeKindsInThreeFilesInOneBuild() throws {
        let site = try TestSite(files: [
            "content/notices/a.md": validNotice(title: "Thông báo: họp dân"),
            "content/notices/b.md": validNotice(expires: "06/04/2026"),
            "content/notices/c.md": validNotice(extra: [("supersedes", "khong-co")]),
            "content/notices/d.md": validNotice(body: "Xem [thông báo trước](/thong-bao/thong-bao-cu/).\n"),
        ])
        let diagnostics = site.failingBuild(at: "2026-03-10T09:00:00+07:00").filter { $0.severity == .error }
        let shown = diagnostics.map { $0.formatted(in: .vi) }
        #expect(diagnostics.count == 4, "\(shown)")
        #expect(shown.contains { $0.hasPrefix("content/notices/a.md:2:") && $0.contains("giá trị có dấu `:`") }, "\(shown)")
        #expect(shown.contains { $0.hasPrefix("content/notices/b.md:7:") && $0.contains("có phải ý bạn là 2026-04-06?") }, "\(shown)")
        #expect(shown.contains { $0.hasPrefix("content/notices/c.md:8:") && $0.contains("`supersedes`: không có thông báo nào mang mã `khong-co`") }, "\(shown)")
        #expect(shown.contains { $0.hasPrefix("content/notices/d.md:9:34:") && $0.contains("không có thông báo nào mang mã này") }, "\(shown)")
        #expect(!site.exists("index.html"))
    }

    /// A very long notice builds, but the clerk is told its page and the search index every
    /// visitor downloads have passed their budgets.
    @Test func oversizedPagesAndSearchIndexAreWarnedAbout() throws {
        let long = (0..<90_000).map { "tu\($0)" }.joined(separator: " ") + "\n"
        let site = try TestSite(files: [
            "content/notices/dai-1.md": validNotice(body: long),
            "content/notices/dai-2.md": validNotice(body: long.replacingOccurrences(of: "tu", with: "chu")),
            "content/notices/ngan.md": validNotice(),
        ])
        let report = try site.build(at: "2026-03-10T09:00:00+07:00")
        #expect(report.published == 3)
        let pages = report.warnings.filter { if case .pageTooLarge = $0.message { true } else { false } }
        #expect(pages.map(\.path) == ["content/notices/dai-1.md", "content/notices/dai-2.md"])
        #expect(pages.first?.message.text(in: .vi).contains("quá 512 KB") == true)
        let search = report.warnings.filter { if case .searchIndexTooLarge = $0.message { true } else { false } }
        #expect(search.count == 1)
        #expect(search.first?.message.text(in: .vi).contains("quá 1024 KB") == true)
        #expect(try site.read("search.json").utf8.count > SiteRenderer.searchIndexBudget)
    }

    @Test func whatResidentsMustDoIsRead() throws {
        let text = Self.text(for: Mistake(name: "", edits: [
            .insert(before: 9, "opinions_until: 2026-03-30"),
            .insert(before: 9, "meeting: { time: 2026-03-25T08:00:00+07:00, place: \"Nhà văn hóa thôn An Điềm\" }"),
            .insert(before: 9, "send_to: \"Bộ phận Một cửa\""),
            .insert(before: 9, "contact: { name: \"Cán bộ địa chính\", phone: \"0255 3 123 457\" }"),
            .insert(before: 9, "project: duong-ven-bien"),
        ], expected: []))
        let (notice, diagnostics) = Self.parse(text)
        #expect(diagnostics.isEmpty, "\(diagnostics.map { $0.formatted(in: .vi) })")
        let action = try #require(notice?.action)
        #expect(action.opinionsUntil == LocalDate(iso: "2026-03-30"))
        #expect(action.meetingTime == Timestamp.parse("2026-03-25T08:00:00+07:00", in: NoticeLoaderTests.config.calendar))
        #expect(action.meetingPlace == "Nhà văn hóa thôn An Điềm")
        #expect(action.sendTo == "Bộ phận Một cửa")
        #expect(action.contact == ["name": "Cán bộ địa chính", "phone": "0255 3 123 457"])
        #expect(notice?.project == "duong-ven-bien")
    }

    /// A notice an earlier CongKhai published, unchanged since, is not taken offline by checks
    /// this version added: they only warn there. Edited, the same file is held to them.
    @Test func upgradingNeverTakesAPublishedNoticeOffline() throws {
        let old = validNotice(title: "\"Thông báo cũ\"", extra: [("number", "\"\""), ("attachment", "to-trinh.pdf")],
                              body: "Thu hồi đất dự án (…).\n")
        let site = try TestSite(files: ["content/notices/cu.md": validNotice(), "content/notices/khac.md": validNotice(title: "\"Khác\"")])
        try site.build(at: "2026-03-10T09:00:00+07:00")
        // As an older version would have kept it: this exact file is the last valid version.
        try site.write("content/notices/cu.md", old)
        try LastValidSources(output: site.output).save(from: site.root, savedAt: "2026-03-10T09:00:00+07:00",
                                                       notAfter: Date().addingTimeInterval(3600))
        let report = try site.build(at: "2026-03-11T09:00:00+07:00")
        #expect(report.published == 2)
        #expect(site.snapshot().keys.filter { $0.hasPrefix("thong-bao/") }.sorted() == ["thong-bao/cu/index.html", "thong-bao/khac/index.html"])
        #expect(try site.read("thong-bao/cu/index.html").contains("Thông báo cũ"))
        let kinds = Set(report.warnings.filter { $0.path == "content/notices/cu.md" }.map { "\($0.message)".prefix(12) })
        #expect(kinds.contains { $0.hasPrefix("placeholder") } && kinds.contains { $0.hasPrefix("misspelled") }, "\(kinds)")
        // Edited, it is held to every check (and falls back to the version that was published).
        try site.write("content/notices/cu.md", old + "Sửa thêm.\n")
        let errors = site.failingBuild(at: "2026-03-11T10:00:00+07:00").filter { $0.severity == .error }
        #expect(errors.contains { $0.path == "content/notices/cu.md" && $0.message == .emptyValue("number") }, "\(errors)")
        #expect(try site.read("thong-bao/cu/index.html").contains("Thông báo cũ"))
    }

    /// Text in what-to-do fields that names another notice is rewritten like a title when that
    /// notice ends: the build stays clean and the page stays online (it never needs the last resort).
    @Test func whatToDoFieldsNamingAnEndedNoticeAreRewritten() throws {
        let meeting = "{ time: 2026-04-20T08:00:00+07:00, place: \"Hội trường xã, theo Thông báo 2026-03-05-lich-doi-thoai\" }"
        let site = try TestSite(files: [
            "content/notices/2026-03-05-lich-doi-thoai.md": validNotice(title: "\"Lịch đối thoại\""),
            "content/notices/phuong-an.md": validNotice(title: "\"Phương án\"", expires: "2026-05-06",
                                                        extra: [("meeting", meeting), ("send_to", "\"Như 2026-03-05-lich-doi-thoai\"")]),
        ])
        let report = try site.build(at: "2026-04-10T09:00:00+07:00")
        #expect(report.published == 1)
        let page = try site.read("thong-bao/phuong-an/index.html")
        #expect(page.contains("Hội trường xã, theo Thông báo “Lịch đối thoại”"))
        #expect(!page.contains("2026-03-05-lich-doi-thoai"))
        #expect(!(try site.read("search.json")).contains("2026-03-05-lich-doi-thoai"))
        #expect(report.warnings.contains { if case .linkRemoved = $0.message { $0.path == "content/notices/phuong-an.md" } else { false } })
    }
}
