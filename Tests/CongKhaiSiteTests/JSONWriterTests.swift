@testable import CongKhaiSite
import CongKhaiCore
import Foundation
import Testing

/// `notices.json` is described by `NoticeListing` (Codable) and must stay exactly what
/// `JSONSerialization` wrote before the type existed; the search index keeps its fast writer,
/// which refuses values it does not know.
@Suite struct JSONWriterTests {
    static let controlCharacters = String(String.UnicodeScalarView((0..<0x20).compactMap(Unicode.Scalar.init)))

    static let listings: [NoticeListing] = [
        NoticeListing(generated: "2026-11-28T09:00:00+07:00", notices: []),
        NoticeListing(generated: "2026-11-28T09:00:00+07:00", notices: [
            .init(id: "a", title: "Thông báo \"thu hồi\" đất \\ / <b> & ' 🏠", type: "general", commune: nil, number: "45/TB-UBND",
                  issuer: "UBND xã", posted: "2026-11-01T00:00:00+07:00", expires: "2026-12-01T23:59:59+07:00", url: "/thong-bao/a/"),
            .init(id: "b", title: controlCharacters, type: "land-price", commune: "xa-a", number: nil,
                  issuer: "Ủy ban nhân dân xã Bình Thuận", posted: "2026-11-02T00:00:00+07:00",
                  expires: "2026-12-02T23:59:59+07:00", url: "/thong-bao/b/"),
        ]),
    ]

    /// What the file was before `NoticeListing`: the same values as dictionaries, `NSNull` for an
    /// absent commune or number, written by `JSONSerialization`.
    static func legacy(_ listing: NoticeListing) throws -> Data {
        let notices: [[String: Any]] = listing.notices.map { entry in
            ["id": entry.id, "title": entry.title, "type": entry.type, "commune": entry.commune ?? NSNull(),
             "number": entry.number ?? NSNull(), "issuer": entry.issuer, "posted": entry.posted,
             "expires": entry.expires, "url": entry.url]
        }
        var data = try JSONSerialization.data(withJSONObject: ["generated": listing.generated, "notices": notices] as [String: Any],
                                              options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
        data.append(UInt8(ascii: "\n"))
        return data
    }

    @Test(arguments: 0..<2)
    func theListingIsByteForByteWhatJSONSerializationWrote(index: Int) throws {
        let listing = Self.listings[index]
        let encoded = try listing.encoded()
        #expect(String(decoding: encoded, as: UTF8.self) == String(decoding: try Self.legacy(listing), as: UTF8.self))
        #expect(try JSONDecoder().decode(NoticeListing.self, from: encoded) == listing)
    }

    @Test func theDemoListingIsByteForByteWhatJSONSerializationWrote() throws {
        let site = try TestSite()
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("content"))
        try FileManager.default.copyItem(at: CongKhaiProcess.repository.appendingPathComponent("content"),
                                         to: site.root.appendingPathComponent("content"))
        try site.build(at: "2026-11-28T09:00:00+07:00")
        let written = try #require(site.snapshot()["notices.json"])
        let listing = try JSONDecoder().decode(NoticeListing.self, from: written)
        #expect(listing.notices.count > 5)
        #expect(written == (try Self.legacy(listing)))
    }

    /// The search index never contains a literal "<" (it could close a <script> if inlined).
    @Test func theSearchIndexEscapesLessThanAndControlCharacters() throws {
        let value: [String: Any] = ["t": "</script><b>\u{8}\u{C}\u{1F}", "n": 3, "f": false, "l": ["a"]]
        #expect(String(decoding: try CompactJSON.encode(value), as: UTF8.self)
                == #"{"f":false,"l":["a"],"n":3,"t":"\u003c/script>\u003cb>\b\f\u001f"}"# + "\n")
    }

    /// A value the fast writer does not know is an error naming its type, not a silent `null`.
    @Test func theSearchIndexWriterRefusesValuesItDoesNotKnow() {
        for value: Any in [["d": 1.5] as [String: Any], [NSNull()], ["x": Date(timeIntervalSince1970: 0)] as [String: Any]] {
            #expect(throws: CompactJSON.UnsupportedValue.self) { _ = try CompactJSON.encode(value) }
        }
    }
}

/// `status --json` is described by `StatusDocument` (Codable) and prints exactly what the
/// `JSONSerialization` of dictionaries printed before.
@Suite struct StatusDocumentTests {
    /// The document as it was written before the type existed.
    static func legacy(_ document: StatusDocument) throws -> Data {
        func orNull(_ value: String?) -> Any { value.map { $0 as Any } ?? NSNull() }
        let notices: [[String: Any]] = document.notices.map { n in
            ["id": n.id, "title": n.title, "type": n.type, "type_name": n.typeName, "number": orNull(n.number),
             "commune": orNull(n.commune), "commune_name": orNull(n.communeName), "issuer": n.issuer,
             "signed": orNull(n.signed), "posted": n.posted, "expires": n.expires, "summary": orNull(n.summary),
             "status": n.status, "draft": n.draft, "days_left": n.daysLeft, "expiring_soon": n.expiringSoon,
             "source": n.source, "version": n.version, "supersedes": n.supersedes, "superseded_by": orNull(n.supersededBy),
             "corrects": n.corrects, "withdrawn": orNull(n.withdrawn), "withdrawn_date": orNull(n.withdrawnDate),
             "extended": n.extended.map { ["date": $0.date, "to": $0.to, "previous": orNull($0.previous), "reason": orNull($0.reason)] },
             "places": n.places, "land_kind": orNull(n.landKind), "personal_data": n.personalData,
             "attachments": n.attachments.map { ["file": $0.file, "title": $0.title, "size": $0.size] as [String: Any] }]
        }
        let object: [String: Any] = ["now": document.now, "next_change": orNull(document.nextChange), "notices": notices,
                                     "errors": document.errors, "left_out": document.leftOut]
        return try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
    }

    @Test func theDemoStatusIsByteForByteWhatJSONSerializationPrinted() throws {
        let root = CongKhaiProcess.repository
        let (loaded, _) = SiteContent.load(root: root, includeDrafts: false)
        let content = try #require(loaded)
        let now = try #require(Timestamp.parseInstantWithOffset("2026-11-28T09:00:00+07:00"))
        let view = StatusView(content: content, now: now, language: .vi, filter: StatusFilter(all: true), drafts: content.drafts)
        let calendar = content.config.calendar
        // The demo, plus one notice with what the demo lacks: extensions (one with nulls), odd characters.
        let extended = StatusDocument.Notice(
            id: "gia-han", title: "Thông báo \"gia hạn\" </script> 🏠", type: "general", typeName: "Thông báo chung",
            number: nil, commune: "xa-a", communeName: nil, issuer: "UBND xã", signed: "2026-11-01",
            posted: "2026-11-02T00:00:00+07:00", expires: "2026-12-15T23:59:59+07:00", summary: nil, status: "active",
            draft: false, daysLeft: 17, expiringSoon: false, source: "content/notices/gia-han.md", version: "last_valid",
            supersedes: ["cu"], supersededBy: nil, corrects: [], withdrawn: nil, withdrawnDate: nil,
            extended: [.init(date: "2026-11-20", to: "2026-12-15", previous: "2026-12-01", reason: "Chưa đủ ý kiến"),
                       .init(date: "2026-11-25", to: "2026-12-15", previous: nil, reason: nil)],
            places: ["Nhà văn hóa"], landKind: "agricultural", personalData: true,
            attachments: [.init(file: "a.pdf", title: "Bản đồ", size: 12_345)])
        let document = StatusDocument(now: calendar.iso8601(now), nextChange: content.nextChange(after: now).map(calendar.iso8601),
                                      notices: view.rows.map { view.json($0) } + [extended], errors: ["a.md:1:1: lỗi: x"],
                                      leftOut: ["b.md"])
        #expect(document.notices.count > 8)
        #expect(document.notices.contains { !$0.extended.isEmpty } && document.notices.contains { !$0.attachments.isEmpty })
        #expect(document.notices.contains { $0.number == nil || $0.signed == nil })
        let encoded = try document.encoded()
        #expect(String(decoding: encoded, as: UTF8.self) == String(decoding: try Self.legacy(document), as: UTF8.self))
        #expect(try JSONDecoder().decode(StatusDocument.self, from: encoded) == document)
    }
}
