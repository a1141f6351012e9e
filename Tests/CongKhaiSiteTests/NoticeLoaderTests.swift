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
            "6:9 error: `posted`: \"2026-02-30\" is not a valid date; use YYYY-MM-DD, e.g. 2026-04-26, or an ISO 8601 date-time, e.g. 2026-04-26T17:00:00+07:00",
            "7:10 error: `expires`: \"06/04/2026\" is not in the form YYYY-MM-DD; did you mean 2026-04-06?",
            "8:1 warning: CongKhai does not know the key `expire`; this line is ignored (did you mean `expires`?)",
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

    @Test func sameDayPostingIsAllowedForATypeWithoutARule() throws {
        let config = SiteConfig(title: "T", baseURL: "https://x.example/", communes: [("xa-a", "Xã A")],
                                types: NoticeType.builtIn + [NoticeType(id: "tin-nhanh", name: "Tin nhanh")])
        let (notice, diagnostics) = parse(validNotice(type: "tin-nhanh", posted: "2026-04-06", expires: "2026-04-06"),
                                          config: config)
        #expect(diagnostics.isEmpty)
        #expect(try #require(notice).period.contains(instant("2026-04-06T12:00:00+07:00")))
    }

    @Test func aPostingShorterThanTheLawRequiresIsAnErrorNamingTheRule() {
        let text = validNotice(type: "general", posted: "2026-03-05", expires: "2026-04-03")
        let (notice, diagnostics) = parse(text)
        #expect(notice == nil)
        #expect(diagnostics.map { $0.formatted(in: .vi) } == [
            "content/notices/thong-bao.md:7:10: lỗi: Thông báo chung phải được niêm yết ít nhất 30 ngày "
                + "(Luật Thực hiện dân chủ ở cơ sở 2022, Điều 12, khoản 3; Điều 13, khoản 2): `expires` sớm nhất là hết ngày 06/04/2026 "
                + "(không tính ngày đầu; thời hạn kết thúc lúc 24 giờ ngày cuối; nếu ngày cuối là ngày nghỉ thì lùi sang ngày làm việc tiếp theo)",
        ])
        // The earliest lawful date itself is accepted, and so is its last second.
        #expect(parse(validNotice(posted: "2026-03-05", expires: "2026-04-06")).1.isEmpty)
        #expect(parse(validNotice(posted: "2026-03-05T08:00:00+07:00", expires: "2026-04-06T23:59:59+07:00")).1.isEmpty)
        // A date-time earlier that day is a day short (Civil Code Art. 148).
        #expect(parse(validNotice(posted: "2026-03-05T08:00:00+07:00", expires: "2026-04-06T17:00:00+07:00")).1.count == 1)
        // A withdrawn notice is not held to its planned period.
        #expect(parse(validNotice(posted: "2026-03-05", expires: "2026-03-10",
                                  extra: [("withdrawn", "\"Sai số liệu\"")])).1.isEmpty)
    }

    /// The 2026 compensation plan: 10 days, exactly (NQ 254/2025/QH15 Art. 3.9.b).
    @Test(arguments: [
        ("2026-03-12", nil),  // 10 days from 02/03/2026: accepted
        ("2026-03-11", "error"),  // 9 days: refused
        ("2026-04-01", "warning"),  // 30 days: accepted with a warning (the meeting is due)
    ] as [(String, String?)])
    func aCompensationPlanFrom2026IsPostedTenDays(expires: String, outcome: String?) {
        let (notice, diagnostics) = parse(validNotice(type: "compensation-plan", posted: "2026-03-02", expires: expires,
                                                      extra: [("signed", "2026-03-02")]))
        #expect(diagnostics.map(\.severity.rawValue) == (outcome.map { [$0] } ?? []))
        #expect((notice != nil) == (outcome != "error"))
        #expect(diagnostics.allSatisfy { $0.formatted(in: .vi).contains("Nghị quyết 254/2025/QH15, Điều 3, khoản 9, điểm b") })
    }

    @Test func aCompensationPlanSignedIn2025NeedsThirtyDays() {
        let (_, diagnostics) = parse(validNotice(type: "compensation-plan", posted: "2025-12-01", expires: "2025-12-11",
                                                 extra: [("signed", "2025-12-01")]))
        #expect(diagnostics.map(\.message) == [.periodTooShort(
            type: NoticeLoaderTests.config.types["compensation-plan"]!, length: RuleDuration(30),
            basis: "Luật Đất đai 2024, Điều 87, khoản 3, điểm a", earliest: LocalDate(iso: "2025-12-31")!)])
        #expect(parse(validNotice(type: "compensation-plan", posted: "2025-12-01", expires: "2025-12-31",
                                  extra: [("signed", "2025-12-01")])).1.isEmpty)
    }

    @Test func aLandRecoveryNoticeIsValidTwelveMonthsFromSigning() {
        let recovery = { (expires: String, signed: String?) in
            self.parse(validNotice(type: "land-recovery-notice", posted: "2026-03-05", expires: expires,
                                   extra: signed.map { [("signed", $0)] } ?? [])).1
        }
        #expect(recovery("2027-03-02", "2026-03-02").isEmpty)
        #expect(recovery("2027-03-03", "2026-03-02").map { $0.formatted(in: .vi) } == [
            "content/notices/thong-bao.md:7:10: lỗi: Thông báo thu hồi đất chỉ có hiệu lực 12 tháng kể từ ngày ký "
                + "(Luật Đất đai 2024, Điều 85, khoản 5; Nghị quyết 254/2025/QH15, Điều 3, khoản 9, điểm a): `expires` muộn nhất là 02/03/2027",
        ])
        #expect(recovery("2026-06-30", nil).map(\.message) == [.signedRequired(
            type: NoticeLoaderTests.config.types["land-recovery-notice"]!,
            basis: "Luật Đất đai 2024, Điều 85, khoản 5; Nghị quyết 254/2025/QH15, Điều 3, khoản 9, điểm a")])
    }

    @Test func postingEightWorkingDaysAfterSigningWarns() {
        // Signed Monday 02/03/2026; 5 working days → Monday 09/03; posted Thursday 12/03 (8 working days).
        let (notice, diagnostics) = parse(validNotice(posted: "2026-03-12", expires: "2026-04-13", extra: [("signed", "2026-03-02")]))
        #expect(notice != nil)
        #expect(describe(diagnostics) == [
            "6:9 warning: posting starts late: it must start within 5 working days of signing "
                + "(Luật Thực hiện dân chủ ở cơ sở 2022, Điều 12, khoản 3; Điều 13, khoản 2), that is by 09/03/2026",
        ])
        #expect(parse(validNotice(posted: "2026-03-09", expires: "2026-04-09", extra: [("signed", "2026-03-02")])).1.isEmpty)
    }

    @Test func aPeriodEndingIn2028WarnsThatTheCalendarIsMissing() {
        let (_, diagnostics) = parse(validNotice(posted: "2027-12-20", expires: "2028-01-31"))
        #expect(diagnostics.map { $0.formatted(in: .vi) } == [
            "content/notices/thong-bao.md:7:10: cảnh báo: chưa có lịch nghỉ lễ năm 2028; thời hạn có thể bị tính thiếu "
                + "(thêm `holidays:` và `workdays:` của năm 2028 vào site.yaml)",
        ])
    }

    @Test func identifiersAndPhoneNumbersInABodyWarnAtTheirPosition() {
        let body = """
        Hộ ông Nguyễn Văn A, CCCD 051203004567, diện tích 120 m².
        Bà Trần Thị B (CMND 212345678) — liên hệ 0912 345 678 hoặc +84 905.123.456.
        Tổng kinh phí: 11.482.500.000 đồng; mã dự án 2026-03-05; số 45/TB-UBND.

        """
        let (notice, diagnostics) = parse(validNotice(body: body))
        #expect(notice != nil)
        #expect(describe(diagnostics) == [
            "9:27 warning: this looks like a citizen ID number (12 digits); do not publish residents' identifiers or phone numbers (Law 91/2025/QH15 on personal data): names are enough. Ignore this if it is an office's number",
            "10:21 warning: this looks like an old ID card number (9 digits); do not publish residents' identifiers or phone numbers (Law 91/2025/QH15 on personal data): names are enough. Ignore this if it is an office's number",
            "10:42 warning: this looks like a phone number; do not publish residents' identifiers or phone numbers (Law 91/2025/QH15 on personal data): names are enough. Ignore this if it is an office's number",
            "10:60 warning: this looks like a phone number; do not publish residents' identifiers or phone numbers (Law 91/2025/QH15 on personal data): names are enough. Ignore this if it is an office's number",
        ])
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
        // Reported at the bracket left open, not at the `---` where libyaml gave up.
        let d = try #require(diagnostics.first)
        #expect(d.position?.line == 3 && d.position?.column == 7)
        #expect(d.message.text(in: .en) == "the `[` opened on line 3 is not closed; add `]` at the end of the list")
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
