@testable import CongKhaiSite
import Testing

@Suite("Front matter is split on delimiter lines")
struct FrontMatterTests {
    @Test func splitsOnLinesOnly() throws {
        let text = "---\ntitle: \"a---b\"\n---\nĐoạn một\n\n---\n\nĐoạn sau dấu kẻ ngang\n"
        let document = try FrontMatterDocument.split(text)
        #expect(document.yaml == "title: \"a---b\"")
        #expect(document.yamlFirstLine == 2)
        #expect(document.bodyFirstLine == 4)
        #expect(document.body == "Đoạn một\n\n---\n\nĐoạn sau dấu kẻ ngang\n")
    }

    @Test func delimiterMayHaveTrailingSpacesButNotMoreDashes() throws {
        let document = try FrontMatterDocument.split("---  \na: 1\n----\nb: 2\n---\t\nthân\n")
        #expect(document.yaml == "a: 1\n----\nb: 2")
        #expect(document.body == "thân\n")
        #expect(document.bodyFirstLine == 6)
    }

    @Test func yamlDocumentEndMarkerCloses() throws {
        let document = try FrontMatterDocument.split("---\na: 1\n...\nthân\n")
        #expect(document.yaml == "a: 1")
        #expect(document.body == "thân\n")
    }

    @Test func missingAndUnterminated() {
        #expect(throws: FrontMatterDocument.SplitError.missing) { try FrontMatterDocument.split("title: x\n") }
        #expect(throws: FrontMatterDocument.SplitError.missing) { try FrontMatterDocument.split("") }
        #expect(throws: FrontMatterDocument.SplitError.missing) { try FrontMatterDocument.split(" ---\na: 1\n---\n") }
        #expect(throws: FrontMatterDocument.SplitError.unterminated) {
            try FrontMatterDocument.split("---\ntitle: x\nnội dung\n")
        }
        #expect(throws: FrontMatterDocument.SplitError.unterminated) { try FrontMatterDocument.split("---") }
    }

    @Test func emptyBody() throws {
        let document = try FrontMatterDocument.split("---\na: 1\n---\n")
        #expect(document.body == "")
        #expect(document.bodyFirstLine == 4)
    }
}

@Suite("Source text decoding")
struct SourceTextTests {
    @Test func stripsBOMAndNormalisesLineEndings() throws {
        var data = Data([0xEF, 0xBB, 0xBF])
        data.append(Data("---\r\ntitle: x\r\n---\r\nthân\r\n".utf8))
        #expect(try SourceText.decode(data) == "---\ntitle: x\n---\nthân\n")
    }

    @Test func normalisesDecomposedVietnameseToNFC() throws {
        let decomposed = "bo\u{0302}\u{0300}i thu\u{031B}o\u{031B}\u{0300}ng"  // "bồi thường" typed as NFD
        let decoded = try SourceText.decode(Data(decomposed.utf8))
        #expect(decoded.unicodeScalars.count == "bồi thường".unicodeScalars.count)
        #expect(Array(decoded.utf8) == Array("bồi thường".utf8))
    }

    @Test func rejectsInvalidUTF8AndNUL() {
        #expect(throws: SourceText.DecodeError.invalidUTF8) { try SourceText.decode(Data([0x2D, 0xC3, 0x28])) }
        #expect(throws: SourceText.DecodeError.containsNUL) { try SourceText.decode(Data("a\0b".utf8)) }
    }
}

import Foundation
