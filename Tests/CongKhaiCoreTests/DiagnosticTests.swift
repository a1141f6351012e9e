import CongKhaiCore
import Testing

@Suite("Diagnostics")
struct DiagnosticTests {
    @Test func formatsAsPathLineColumnInBothLanguages() {
        let d = Diagnostic.error("content/notices/a.md", SourcePosition(line: 4, column: 7),
                                 .unknownType("compensation", suggestions: ["compensation-plan"]))
        #expect(d.formatted(in: .vi)
                == "content/notices/a.md:4:7: lỗi: loại thông báo `compensation` không tồn tại (có phải ý bạn là `compensation-plan`?)")
        #expect(d.formatted(in: .en)
                == "content/notices/a.md:4:7: error: unknown notice type `compensation` (did you mean `compensation-plan`?)")
        let w = Diagnostic.warning("content/notices/a.md", SourcePosition(line: 9, column: 1), .emptyBody)
        #expect(w.formatted(in: .vi) == "content/notices/a.md:9:1: cảnh báo: nội dung thông báo đang trống")
    }

    @Test func sortsByPathThenPosition() {
        let list: [Diagnostic] = [
            .error("b.md", SourcePosition(line: 1, column: 1), .emptyBody),
            .error("a.md", SourcePosition(line: 9, column: 1), .emptyBody),
            .error("a.md", SourcePosition(line: 2, column: 5), .emptyBody),
        ]
        #expect(list.sortedForReport.map { "\($0.path!):\($0.position!.line)" } == ["a.md:2", "a.md:9", "b.md:1"])
        #expect(list.hasErrors)
    }

    @Test func suggestionsFindCloseIds() {
        let ids = NoticeType.builtIn.map(\.id)
        #expect(Suggestions.closest(to: "compensation-plans", among: ids) == ["compensation-plan"])
        #expect(Suggestions.closest(to: "land-recovery", among: ids) == ["land-recovery-notice"])
        #expect(Suggestions.closest(to: "zzzz", among: ids).isEmpty)
        #expect(Suggestions.distance("kitten", "sitting") == 3)
    }
}

@Suite("Slugs from Vietnamese titles")
struct SlugTests {
    @Test(arguments: [
        ("Niêm yết công khai phương án bồi thường, hỗ trợ", "niem-yet-cong-khai-phuong-an-boi-thuong-ho-tro"),
        ("Đường ven biển Dung Quất – Sa Huỳnh (đoạn 2)", "duong-ven-bien-dung-quat-sa-huynh-doan-2"),
        ("  THÔNG BÁO số 45/TB-UBND!! ", "thong-bao-so-45-tb-ubnd"),
        ("Lấy ý kiến về dự thảo hương ước", "lay-y-kien-ve-du-thao-huong-uoc"),
        ("bo\u{0302}\u{0300}i thu\u{031B}o\u{031B}\u{0300}ng", "boi-thuong"),
        ("中文", ""),
    ])
    func slug(title: String, expected: String) {
        #expect(Slug.make(from: title) == expected)
    }

    @Test func longTitlesAreCutAtAWord() {
        let slug = Slug.make(from: "Thông báo thu hồi đất để thực hiện dự án Đường ven biển Dung Quất Sa Huỳnh đoạn qua thôn An Điềm")
        #expect(slug == "thong-bao-thu-hoi-dat-de-thuc-hien-du-an-duong-ven-bien-dung")
        #expect(slug.count <= 60)
    }
}

@Suite("Message catalogue")
struct MessageCatalogueTests {
    static let plan = NoticeType.builtIn[1]
    static let day = LocalDate(iso: "2026-04-06")!

    /// One of every message.
    static let all: [DiagnosticMessage] = [
        .invalidUTF8, .nulCharacter, .frontMatterMissing, .frontMatterUnterminated, .yamlSyntax("x"),
        .frontMatterNotMapping, .missingField("title"), .wrongType(key: "title", expected: .text),
        .wrongType(key: "a", expected: .list),
        .wrongType(key: "a", expected: .mapping), .wrongType(key: "a", expected: .listOfText),
        .wrongType(key: "a", expected: .attachmentList), .invalidDate(key: "posted", value: "x"),
        .expiresBeforePosted(posted: "a", expires: "b"), .unknownType("x", suggestions: ["general"]),
        .unknownCommune("x", suggestions: []), .communeRequired(["xa-a"]), .invalidId("X"),
        .duplicateId("a", otherPath: "b"), .attachmentNeedsBundle, .attachmentMissing("a.pdf"), .attachmentSymbolicLink("a.pdf"), .attachmentNotAFile("a"),
        .attachmentOutsideBundle("../a"), .unknownSupersedes("a", suggestions: []), .supersedesItself,
        .unknownKey("x", suggestions: []), .emptyBody, .emptyValue("title"), .siteConfigMissing,
        .invalidTimeZone("x"), .invalidLanguage("fr"), .invalidBaseURL("x"), .invalidNumber(key: "a", value: "b", lowest: 1, highest: 9),
        .templateError(name: "a", detail: "b"), .themeStringsMissing("a"), .fileUnreadable("a"), .outputFailure("a"),
        .buildInProgress("a"), .unsafeOutput("a"), .staleReference(noticeId: "a", status: .expired, found: "b"),
        .linkRemoved(noticeId: "a", status: .superseded), .linkWillBeRemoved(noticeId: "a", end: "b"),
        .linkToUnknownNotice("a", suggestions: ["b"]), .lastValidVersionUsed(savedAt: "a"), .brokenNotPublished, .lastValidVersionRejected, .stateNotSaved("x"),
        .outputFileUnreadable("a"), .unknownNoticeInSite(noticeId: "a"), .staleInSite(noticeId: "a", status: .withdrawn),
        .scheduledPublished(noticeId: "a", start: "b"), .remoteUnreachable(reason: "HTTP 500"), .outputNotASite("x"), .outputDiskFull, .outputNotWritable("x"), .templateCycle("a → a"), .missingFromSite(noticeId: "a", start: "b"),
        .siteUnreadable("a"), .fileExists("a"), .periodTooShort(type: plan, length: RuleDuration(30), basis: "b", earliest: day),
        .periodLongerThanFixed(type: plan, length: RuleDuration(10), basis: "b", end: day),
        .validityExceeded(type: plan, months: 12, basis: "b", latest: day), .signedRequired(type: plan, basis: "b"),
        .postingStartsLate(length: RuleDuration(5, .workingDays), basis: "b", deadline: day), .calendarMissing(year: 2027),
        .invalidRule("x"), .personalData(.citizenID), .personalData(.oldID), .personalData(.phone),
        .periodTooLong(type: plan, length: RuleDuration(30), basis: "b", latest: day), .expiringSoon(daysLeft: 3, lastDay: day),
        .expiringSoon(daysLeft: 0, lastDay: day), .yamlAliasesNotAllowed, .symbolicLink, .notARegularFile, .attachmentNameTaken("a"), .attachmentActiveContent("a.html"),
        .utf16, .yamlSyntax("mapping values are not allowed in this context"), .yamlTabIndent, .yamlColonInValue("title"),
        .yamlNeedsQuotes("title", "@"), .yamlDuplicateKey("expires", firstLine: 7, secondLine: 8), .yamlUnclosedQuote(line: 2),
        .yamlTextAfterQuote("title"), .yamlMissingColon("title"), .yamlSpaceAfterColon("expires"), .yamlUnclosedBracket("[", line: 9), .yamlNotKeyValue, .yamlUnexpectedIndent("type"),
        .yamlCurlyQuotes("title"), .invisibleCharacter(.nonBreakingSpace), .invisibleCharacter(.zeroWidth), .fileEmpty,
        .blankFirstLine, .misspelledKey("expire", suggestion: "expires"), .placeholderLeft("dự án …"), .draftNotPublished,
        .invalidDraftFlag("x"), .idIsBareDate("2026-12-01"), .titleHasNoWords("!!!"), .notANoticeFile(.rename(to: "a.md")),
        .notANoticeFile(.attachmentOutsideBundle), .notANoticeFile(.other), .pageTooLarge(kilobytes: 900, budget: 500),
        .searchIndexTooLarge(kilobytes: 3000, budget: 2000), .communeOptionRequired(["xa-a"]), .opinionsOutsidePeriod(until: day, first: day, last: day), .invalidDate(key: "posted", value: "27/11/2026"),
        .unknownCorrects("a", suggestions: ["b"]), .correctsItself, .extensionDisagrees(to: day, expires: "2026-04-30"),
        .extensionOutOfOrder, .bodyNotRendered("x"), .zoneDataMissing("Asia/Ho_Chi_Minh"),
        .themeStringMissing(key: "search"), .unknownPage("gop-y", suggestions: ["gopy"]),
    ]

    /// One name per message. `kind(of:)` switches over every message without a `default`, so a new
    /// message does not compile until it is named here, and then `everyMessageHasAnExample` fails
    /// until `all` holds an example of it, whose two texts the test below checks.
    enum Kind: CaseIterable {
        case invalidUTF8, nulCharacter, utf16, frontMatterMissing, frontMatterUnterminated, yamlSyntax
        case frontMatterNotMapping, missingField, wrongType, invalidDate, expiresBeforePosted, unknownType
        case unknownCommune, communeRequired, communeOptionRequired, invalidId, duplicateId, attachmentNeedsBundle
        case attachmentMissing, attachmentSymbolicLink, attachmentNotAFile, attachmentOutsideBundle, unknownSupersedes, supersedesItself
        case unknownCorrects, unknownPage, correctsItself, extensionDisagrees, extensionOutOfOrder, unknownKey, emptyBody
        case emptyValue, siteConfigMissing, invalidTimeZone, zoneDataMissing, invalidLanguage, invalidBaseURL, invalidNumber
        case templateError, templateCycle, themeStringsMissing, themeStringMissing, fileUnreadable, bodyNotRendered, outputFailure, outputDiskFull
        case outputNotWritable, buildInProgress, unsafeOutput, outputNotASite, staleReference, linkRemoved
        case linkWillBeRemoved, linkToUnknownNotice, lastValidVersionUsed, brokenNotPublished, lastValidVersionRejected, stateNotSaved
        case outputFileUnreadable, unknownNoticeInSite, staleInSite, scheduledPublished, remoteUnreachable, missingFromSite
        case siteUnreadable, fileExists, yamlAliasesNotAllowed, symbolicLink, notARegularFile, attachmentNameTaken
        case attachmentActiveContent, periodTooShort, periodTooLong, periodLongerThanFixed, validityExceeded, signedRequired
        case postingStartsLate, calendarMissing, invalidRule, personalData, expiringSoon, yamlTabIndent
        case yamlColonInValue, yamlNeedsQuotes, yamlDuplicateKey, yamlUnclosedQuote, yamlTextAfterQuote, yamlMissingColon
        case yamlSpaceAfterColon, yamlUnclosedBracket, yamlNotKeyValue, yamlUnexpectedIndent, yamlCurlyQuotes, invisibleCharacter
        case fileEmpty, blankFirstLine, misspelledKey, placeholderLeft, draftNotPublished, invalidDraftFlag
        case idIsBareDate, titleHasNoWords, opinionsOutsidePeriod, notANoticeFile, pageTooLarge, searchIndexTooLarge
    }

    static func kind(of message: DiagnosticMessage) -> Kind {
        switch message {
        case .invalidUTF8: .invalidUTF8
        case .nulCharacter: .nulCharacter
        case .utf16: .utf16
        case .frontMatterMissing: .frontMatterMissing
        case .frontMatterUnterminated: .frontMatterUnterminated
        case .yamlSyntax: .yamlSyntax
        case .frontMatterNotMapping: .frontMatterNotMapping
        case .missingField: .missingField
        case .wrongType: .wrongType
        case .invalidDate: .invalidDate
        case .expiresBeforePosted: .expiresBeforePosted
        case .unknownType: .unknownType
        case .unknownCommune: .unknownCommune
        case .communeRequired: .communeRequired
        case .communeOptionRequired: .communeOptionRequired
        case .invalidId: .invalidId
        case .duplicateId: .duplicateId
        case .attachmentNeedsBundle: .attachmentNeedsBundle
        case .attachmentMissing: .attachmentMissing
        case .attachmentSymbolicLink: .attachmentSymbolicLink
        case .attachmentNotAFile: .attachmentNotAFile
        case .attachmentOutsideBundle: .attachmentOutsideBundle
        case .unknownSupersedes: .unknownSupersedes
        case .supersedesItself: .supersedesItself
        case .unknownCorrects: .unknownCorrects
        case .unknownPage: .unknownPage
        case .correctsItself: .correctsItself
        case .extensionDisagrees: .extensionDisagrees
        case .extensionOutOfOrder: .extensionOutOfOrder
        case .unknownKey: .unknownKey
        case .emptyBody: .emptyBody
        case .emptyValue: .emptyValue
        case .siteConfigMissing: .siteConfigMissing
        case .invalidTimeZone: .invalidTimeZone
        case .zoneDataMissing: .zoneDataMissing
        case .invalidLanguage: .invalidLanguage
        case .invalidBaseURL: .invalidBaseURL
        case .invalidNumber: .invalidNumber
        case .templateError: .templateError
        case .templateCycle: .templateCycle
        case .themeStringsMissing: .themeStringsMissing
        case .themeStringMissing: .themeStringMissing
        case .fileUnreadable: .fileUnreadable
        case .bodyNotRendered: .bodyNotRendered
        case .outputFailure: .outputFailure
        case .outputDiskFull: .outputDiskFull
        case .outputNotWritable: .outputNotWritable
        case .buildInProgress: .buildInProgress
        case .unsafeOutput: .unsafeOutput
        case .outputNotASite: .outputNotASite
        case .staleReference: .staleReference
        case .linkRemoved: .linkRemoved
        case .linkWillBeRemoved: .linkWillBeRemoved
        case .linkToUnknownNotice: .linkToUnknownNotice
        case .lastValidVersionUsed: .lastValidVersionUsed
        case .brokenNotPublished: .brokenNotPublished
        case .lastValidVersionRejected: .lastValidVersionRejected
        case .stateNotSaved: .stateNotSaved
        case .outputFileUnreadable: .outputFileUnreadable
        case .unknownNoticeInSite: .unknownNoticeInSite
        case .staleInSite: .staleInSite
        case .scheduledPublished: .scheduledPublished
        case .remoteUnreachable: .remoteUnreachable
        case .missingFromSite: .missingFromSite
        case .siteUnreadable: .siteUnreadable
        case .fileExists: .fileExists
        case .yamlAliasesNotAllowed: .yamlAliasesNotAllowed
        case .symbolicLink: .symbolicLink
        case .notARegularFile: .notARegularFile
        case .attachmentNameTaken: .attachmentNameTaken
        case .attachmentActiveContent: .attachmentActiveContent
        case .periodTooShort: .periodTooShort
        case .periodTooLong: .periodTooLong
        case .periodLongerThanFixed: .periodLongerThanFixed
        case .validityExceeded: .validityExceeded
        case .signedRequired: .signedRequired
        case .postingStartsLate: .postingStartsLate
        case .calendarMissing: .calendarMissing
        case .invalidRule: .invalidRule
        case .personalData: .personalData
        case .expiringSoon: .expiringSoon
        case .yamlTabIndent: .yamlTabIndent
        case .yamlColonInValue: .yamlColonInValue
        case .yamlNeedsQuotes: .yamlNeedsQuotes
        case .yamlDuplicateKey: .yamlDuplicateKey
        case .yamlUnclosedQuote: .yamlUnclosedQuote
        case .yamlTextAfterQuote: .yamlTextAfterQuote
        case .yamlMissingColon: .yamlMissingColon
        case .yamlSpaceAfterColon: .yamlSpaceAfterColon
        case .yamlUnclosedBracket: .yamlUnclosedBracket
        case .yamlNotKeyValue: .yamlNotKeyValue
        case .yamlUnexpectedIndent: .yamlUnexpectedIndent
        case .yamlCurlyQuotes: .yamlCurlyQuotes
        case .invisibleCharacter: .invisibleCharacter
        case .fileEmpty: .fileEmpty
        case .blankFirstLine: .blankFirstLine
        case .misspelledKey: .misspelledKey
        case .placeholderLeft: .placeholderLeft
        case .draftNotPublished: .draftNotPublished
        case .invalidDraftFlag: .invalidDraftFlag
        case .idIsBareDate: .idIsBareDate
        case .titleHasNoWords: .titleHasNoWords
        case .opinionsOutsidePeriod: .opinionsOutsidePeriod
        case .notANoticeFile: .notANoticeFile
        case .pageTooLarge: .pageTooLarge
        case .searchIndexTooLarge: .searchIndexTooLarge
        }
    }

    @Test func everyMessageHasAnExample() {
        let missing = Set(Kind.allCases).subtracting(Self.all.map(Self.kind(of:)))
        #expect(missing.isEmpty, "messages without an example in `all`: \(missing)")
    }

    @Test func everyMessageExistsInBothLanguages() {
        let vietnameseLetters = Set("ăâđêôơưàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ")
        for message in Self.all {
            let vi = message.text(in: .vi), en = message.text(in: .en)
            #expect(!vi.isEmpty && !en.isEmpty)
            #expect(vi != en, "\(message)")
            #expect(vi.lowercased().contains { vietnameseLetters.contains($0) }, "Vietnamese text lacks diacritics: \(vi)")
        }
    }
}
