@testable import CongKhaiSite
import CongKhaiCore
import Foundation
import Testing

@Suite("Notice front matter: every field and its errors")
struct NoticeLoaderTests {
    static let config = SiteConfig(title: "T", baseURL: "https://x.example/", communes: [("xa-a", "Xã A"), ("xa-b", "Xã B")])

    func parse(_ text: String, id: String = "thong-bao", bundle: URL? = nil,
               config: SiteConfig = NoticeLoaderTests.config) -> (Notice?, [Diagnostic]) {
        let loader = NoticeLoader(root: URL(fileURLWithPath: "/nonexistent"), config: config)
        let file = NoticeLoader.SourceFile(url: URL(fileURLWithPath: "/nonexistent/x.md"),
                                           path: "content/notices/\(id).md", bundle: bundle, defaultId: id)
        return loader.parse(text, file: file)
    }

    /// "line:col message(en)" for each diagnostic, for exact comparisons.
    func describe(_ diagnostics: [Diagnostic]) -> [String] {
        diagnostics.sortedForReport.map {
            "\($0.position.map { "\($0.line):\($0.column)" } ?? "-") \($0.severity.rawValue): \($0.message.text(in: .en))"
        }
    }

    @Test func readsEveryField() throws {
        let text = """
        ---
        title: "Niêm yết phương án bồi thường"
        type: compensation-plan
        commune: xa-a
        number: "45/TB-UBND"
        issuer: "UBND xã A"
        signed: 2026-03-02
        posted: 2026-03-05
        expires: 2026-04-06T17:00:00+07:00
        summary: "Tóm tắt"
        supersedes: [cu-1, cu-2]
        withdrawn: "Đính chính theo 50/TB-UBND"
        slug: phuong-an-moi
        ---
        Thân **bài**

        """
        let (notice, diagnostics) = parse(text)
        #expect(diagnostics.isEmpty)
        let n = try #require(notice)
        #expect(n.id == "phuong-an-moi")
        #expect(n.title == "Niêm yết phương án bồi thường")
        #expect(n.type.id == "compensation-plan")
        #expect(n.commune == "xa-a")
        #expect(n.number == "45/TB-UBND")
        #expect(n.issuer == "UBND xã A")
        #expect(n.signed == LocalDate(iso: "2026-03-02"))
        #expect(n.posted == .day(LocalDate(iso: "2026-03-05")!))
        #expect(n.period.start == instant("2026-03-05T00:00:00+07:00"))
        #expect(n.period.lastInstant == instant("2026-04-06T17:00:00+07:00"))
        #expect(n.summary == "Tóm tắt")
        #expect(n.supersedes == ["cu-1", "cu-2"])
        #expect(n.withdrawn == "Đính chính theo 50/TB-UBND")
        #expect(n.body == "Thân **bài**\n")
        #expect(n.bodyLine == 15)
        #expect(n.positions["supersedes.1"] == SourcePosition(line: 11, column: 20))
    }

    @Test func yamlImplicitTypesDoNotChangeWhatWasWritten() throws {
        let (notice, diagnostics) = parse(validNotice(title: "2026", extra: [("number", "45"), ("supersedes", "cu")]))
        #expect(diagnostics.isEmpty)
        let n = try #require(notice)
        #expect(n.title == "2026")
        #expect(n.number == "45")
        #expect(n.supersedes == ["cu"])
    }

    @Test func missingRequiredFieldsAllReported() {
        let (notice, diagnostics) = parse("---\nnumber: \"1/TB\"\n---\nThân\n")
        #expect(notice == nil)
        #expect(describe(diagnostics) == [
            "1:1 error: required field `title` is missing",
            "1:1 error: required field `type` is missing",
            "1:1 error: `commune` is required (site.yaml lists: `xa-a`, `xa-b`)",
            "1:1 error: required field `issuer` is missing",
            "1:1 error: required field `posted` is missing",
            "1:1 error: required field `expires` is missing",
        ])
    }

    @Test func severalMistakesInOneFileEachAtItsValue() {
        let text = """
        ---
        title: ""
        type: compensation-plans
        commune: xa-c
        issuer: UBND
        posted: 2026-02-30
        expires: 06/04/2026
        expire: 2026-04-06
        ---

        """
        let (notice, diagnostics) = parse(text)
        #expect(notice == nil)
        #expect(describe(diagnostics) == [
            "2:8 error: `title` must not be empty",
            "3:7 error: unknown notice type `compensation-plans` (did you mean `compensation-plan`?)",
            "4:10 error: commune `xa-c` is not listed in site.yaml `communes` (did you mean `xa-a` or `xa-b`?)",
            "6:9 error: `posted`: \"2026-02-30\" is not a valid date; use YYYY-MM-DD, e.g. 2026-04-06, or an ISO 8601 date-time, e.g. 2026-04-06T17:00:00+07:00",
            "7:10 error: `expires`: \"06/04/2026\" is not a valid date; use YYYY-MM-DD, e.g. 2026-04-06, or an ISO 8601 date-time, e.g. 2026-04-06T17:00:00+07:00",
            "8:1 warning: unknown key `expire` is ignored (did you mean `expires`?)",
            "10:1 warning: the notice body is empty",
        ])
    }

    @Test func vietnameseMessages() {
        let (_, diagnostics) = parse(validNotice(type: "compensation"))
        #expect(diagnostics.map { $0.formatted(in: .vi) } == [
            "content/notices/thong-bao.md:3:7: lỗi: loại thông báo `compensation` không tồn tại (có phải ý bạn là `compensation-plan`?)",
        ])
    }

    @Test func expiresBeforePosted() {
        let (notice, diagnostics) = parse(validNotice(posted: "2026-04-06", expires: "2026-04-05"))
        #expect(notice == nil)
        #expect(describe(diagnostics) == ["7:10 error: `expires` (05/04/2026) is before `posted` (06/04/2026)"])
    }

    @Test func sameDayPostingIsAllowedForATypeWithoutMinimum() throws {
        let config = SiteConfig(title: "T", baseURL: "https://x.example/", communes: [("xa-a", "Xã A")],
                                types: NoticeType.builtIn + [NoticeType(id: "tin-nhanh", name: "Tin nhanh", minDays: nil)])
        let (notice, diagnostics) = parse(validNotice(type: "tin-nhanh", posted: "2026-04-06", expires: "2026-04-06"),
                                          config: config)
        #expect(diagnostics.isEmpty)
        #expect(try #require(notice).period.contains(instant("2026-04-06T12:00:00+07:00")))
    }

    @Test func aPostingShorterThanTheLawRequiresIsAnError() {
        let text = validNotice(type: "compensation-plan", posted: "2026-03-05", expires: "2026-04-03")
        let (notice, diagnostics) = parse(text)
        #expect(notice == nil)
        #expect(diagnostics.map { $0.formatted(in: .vi) } == [
            "content/notices/thong-bao.md:7:10: lỗi: Phương án bồi thường, hỗ trợ, tái định cư phải niêm yết ít nhất 30 ngày "
                + "(Luật Đất đai 2024, Điều 87): ngày hết hạn sớm nhất là 06/04/2026 (không tính ngày đầu; nếu ngày cuối là "
                + "thứ Bảy, Chủ nhật hoặc ngày lễ thì lùi sang ngày làm việc tiếp theo)",
        ])
        #expect(diagnostics.map { $0.formatted(in: .en) } == [
            "content/notices/thong-bao.md:7:10: error: Compensation, support and resettlement plan must be posted for at "
                + "least 30 days (Luật Đất đai 2024, Điều 87): the earliest end date is 06/04/2026 (the first day is not "
                + "counted; a last day on a weekend or holiday moves to the next working day)",
        ])
        // The earliest lawful date itself is accepted, and so is a date-time on that day.
        #expect(parse(validNotice(type: "compensation-plan", posted: "2026-03-05", expires: "2026-04-06")).1.isEmpty)
        #expect(parse(validNotice(type: "compensation-plan", posted: "2026-03-05T08:00:00+07:00",
                                  expires: "2026-04-06T17:00:00+07:00")).1.isEmpty)
        // A withdrawn notice is not held to its planned period.
        #expect(parse(validNotice(type: "compensation-plan", posted: "2026-03-05", expires: "2026-03-10",
                                  extra: [("withdrawn", "\"Sai số liệu\"")])).1.isEmpty)
    }

    @Test func aLandRecoveryNoticeIsValidTwelveMonthsAtMost() {
        let (_, diagnostics) = parse(validNotice(type: "land-recovery-notice", posted: "2026-03-05", expires: "2027-03-06"))
        #expect(diagnostics.map { $0.formatted(in: .vi) } == [
            "content/notices/thong-bao.md:7:10: lỗi: Thông báo thu hồi đất chỉ có hiệu lực tối đa 365 ngày "
                + "(Luật Đất đai 2024, Điều 85): ngày hết hạn muộn nhất là 05/03/2027",
        ])
        #expect(parse(validNotice(type: "land-recovery-notice", posted: "2026-03-05", expires: "2027-03-05")).1.isEmpty)
    }

    @Test func holidaysFromSiteYAMLMoveTheEarliestEnd() {
        // Posted 2026-03-31 + 30 days = 2026-04-30 (holiday), 2026-05-01 (holiday), then a weekend:
        // the earliest end is Monday 2026-05-04.
        let config = SiteConfig(title: "T", baseURL: "https://x.example/", communes: [("xa-a", "Xã A")],
                                holidays: [LocalDate(iso: "2026-04-30")!, LocalDate(iso: "2026-05-01")!])
        let (_, diagnostics) = parse(validNotice(posted: "2026-03-31", expires: "2026-04-30"), config: config)
        #expect(diagnostics.map { $0.message } == [.periodTooShort(type: config.types["general"]!,
                                                                    earliest: LocalDate(iso: "2026-05-04")!)])
        #expect(parse(validNotice(posted: "2026-03-31", expires: "2026-05-04"), config: config).1.isEmpty)
    }

    @Test func wrongValueTypes() {
        let text = validNotice(title: "[a, b]", extra: [("supersedes", "{a: 1}"), ("summary", "[x]")])
        let (_, diagnostics) = parse(text)
        #expect(describe(diagnostics) == [
            "2:8 error: `title` must be a text value",
            "8:13 error: `supersedes` must be a list of strings, e.g. [a, b]",
            "9:10 error: `summary` must be a text value",
        ])
    }

    @Test func yamlSyntaxErrorHasFileLine() throws {
        let (notice, diagnostics) = parse("---\ntitle: \"x\"\ntype: [general\n---\nThân\n")
        #expect(notice == nil)
        let d = try #require(diagnostics.first)
        #expect(diagnostics.count == 1)
        #expect(d.position?.line == 4)
        #expect(d.message.text(in: .en).hasPrefix("YAML syntax error:"))
    }

    @Test func frontMatterMustBeAMapping() {
        #expect(describe(parse("---\n- a\n- b\n---\nThân\n").1) == ["2:1 error: front matter must be `key: value` lines"])
        #expect(describe(parse("Thân không có phần đầu\n").1) == ["1:1 error: missing front matter: the first line must be `---`"])
        #expect(describe(parse("---\ntitle: x\n").1) == ["1:1 error: front matter is not closed: add a `---` line after the last key"])
    }

    @Test("ids must be lowercase ASCII, digits and dashes",
          arguments: [("thong-bao-1", true), ("Thong-bao", false), ("thong bao", false), ("thông-báo", false),
                      ("-a", false), ("a--b", false), ("..", false), ("a/b", false), ("", false)])
    func idRules(id: String, valid: Bool) {
        #expect(NoticeLoader.isValidId(id) == valid)
    }

    @Test func invalidFileNameOrSlugIsReported() {
        #expect(describe(parse(validNotice(), id: "Thong Bao").1) == ["1:1 error: invalid id `Thong Bao`: use lowercase a-z, digits and `-` only"])
        #expect(describe(parse(validNotice(extra: [("slug", "Mới")])).1) == ["8:7 error: invalid id `Mới`: use lowercase a-z, digits and `-` only"])
    }

    @Test func communeOptionalWhenSiteListsNone() throws {
        let config = SiteConfig(title: "T", baseURL: "https://x.example/")
        let text = noticeText([("title", "x"), ("type", "general"), ("issuer", "UBND"), ("posted", "2026-03-05"),
                               ("expires", "2026-04-06")])
        let (notice, diagnostics) = parse(text, config: config)
        #expect(diagnostics.isEmpty)
        #expect(try #require(notice).commune == nil)
    }

    @Test func attachmentsNeedABundleAndMustStayInside() throws {
        let single = parse(validNotice(extra: [("attachments", "[{ file: a.pdf }]")]))
        #expect(describe(single.1) == ["8:14 error: only a bundle notice (`<id>/index.md`) can have attachments"])

        let bundle = FileManager.default.temporaryDirectory.appendingPathComponent("ck-bundle-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: bundle, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: bundle) }
        try Data("%PDF-1.4\n".utf8).write(to: bundle.appendingPathComponent("a.pdf"))
        let text = validNotice(extra: [("attachments", """

          - { file: a.pdf, title: "Phương án" }
          - { file: thieu.pdf }
          - { file: ../../etc/passwd }
          - { file: /etc/passwd }
          - chỉ-là-chuỗi
        """)])
        let (notice, diagnostics) = parse(text, bundle: bundle)
        #expect(notice == nil)
        #expect(describe(diagnostics) == [
            "10:13 error: attachment `thieu.pdf` not found in the notice's folder",
            "11:13 error: attachment `../../etc/passwd` must be inside the notice's folder",
            "12:13 error: attachment `/etc/passwd` must be inside the notice's folder",
            "13:5 error: `attachments` must be a list like - { file: name.pdf, title: \"Title\" }",
        ])
        let ok = parse(validNotice(extra: [("attachments", "[{ file: a.pdf, title: \"Phương án\" }]")]), bundle: bundle)
        #expect(ok.1.isEmpty)
        #expect(try #require(ok.0).attachments == [Attachment(file: "a.pdf", title: "Phương án", size: 9)])
    }
}
