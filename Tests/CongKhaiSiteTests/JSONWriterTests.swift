@testable import CongKhaiSite
import Foundation
import Testing

/// `notices.json` is written by `PrettyJSON` (fast) but must stay exactly what
/// `JSONSerialization` writes, which is what the file looked like before.
@Suite struct JSONWriterTests {
    static let controlCharacters = String(String.UnicodeScalarView((0..<0x20).compactMap(Unicode.Scalar.init)))

    static var samples: [Any] { [
        ["generated": "2026-11-28T09:00:00+07:00", "notices": [] as [Any]],
        ["a": [:] as [String: Any], "b": [[:] as [String: Any]]],
        [
            "notices": [
                ["id": "a", "title": "Thông báo \"thu hồi\" đất \\ / <b> & ' 🏠", "commune": NSNull(), "n": 42],
                ["id": "b", "title": controlCharacters, "flag": true, "off": false, "list": ["x", "y", 3]],
            ] as [Any],
            "ý kiến": "Ủy ban nhân dân xã Bình Thuận",
        ],
    ] }

    @Test(arguments: 0..<3)
    func prettyJSONMatchesJSONSerializationByteForByte(sample: Int) throws {
        let value = Self.samples[sample]
        let expected = try JSONSerialization.data(withJSONObject: value,
                                                  options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
        let actual = PrettyJSON.encode(value)
        #expect(String(decoding: actual, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
    }

    /// The search index never contains a literal "<" (it could close a <script> if inlined);
    /// notices.json keeps JSONSerialization's output, which does not escape it.
    @Test func onlyTheSearchIndexEscapesLessThan() {
        let value: [String: Any] = ["t": "</script><b>\u{8}\u{C}\u{1F}"]
        #expect(String(decoding: CompactJSON.encode(value), as: UTF8.self)
                == #"{"t":"\u003c/script>\u003cb>\b\f\u001f"}"# + "\n")
        #expect(String(decoding: PrettyJSON.encode(value), as: UTF8.self)
                == "{\n  \"t\" : \"</script><b>\\b\\f\\u001f\"\n}")
    }
}
