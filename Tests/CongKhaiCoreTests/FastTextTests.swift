import CongKhaiCore
import Testing

/// The byte search that replaced Foundation's `range(of:)` on hot paths agrees with it.
@Suite("FastText byte search")
struct FastTextTests {
    @Test(arguments: [
        ("thong-bao/", "Xem thong-bao/abc/ nhé", 4 as Int?),
        ("…", "Ông (…) bà", 6),
        ("…", "không có dấu ba chấm", nil),
        ("ab", "a", nil),
        ("aab", "aaab", 1),
        ("<table>", "<table>", 0),
        ("x", "", nil),
    ])
    func offsetAgreesWithFoundation(_ needle: String, _ text: String, _ expected: Int?) {
        #expect(FastText.offset(of: needle, in: text) == expected)
        #expect(FastText.contains(needle, in: text) == (expected != nil))
    }

    @Test func searchingFromAnOffsetFindsTheNextOne() {
        #expect(FastText.offset(of: "ab", in: "ab-ab-ab", from: 1) == 3)
        #expect(FastText.offset(of: "ab", in: "ab-ab-ab", from: 6) == 6)
        #expect(FastText.offset(of: "ab", in: "ab-ab-ab", from: 7) == nil)
        #expect(FastText.offset(of: "", in: "ab") == nil)
    }
}
