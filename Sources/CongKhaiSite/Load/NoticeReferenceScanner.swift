import CongKhaiCore
import Foundation

/// Finds references to given notice ids in text, in one pass over the bytes.
///
/// A reference is a maximal run of `[a-z0-9-]` equal to an id that is either
/// - in a notice URL (`thong-bao/<id>`, which also covers attachment paths),
/// - in a relative link (`../<id>`), only when scanning a notice page or a notice's Markdown
///   (from `thong-bao/<x>/`, `../` is the folder of all notices; from a page it is not),
/// - a whole quoted value or element text (`"<id>"`, `>id<`: attributes, JSON, XML), or
/// - anywhere, when the id is distinctive (contains a digit and is at least 10 characters,
///   like the usual `2026-03-05-…` ids), so short ids such as `gop-y` never match ordinary words.
struct NoticeReferenceScanner {
    /// Ids to look for, with what they are (status).
    let targets: [String: NoticeStatus]

    struct Match: Equatable {
        let id: String
        /// Byte offset of the id in the scanned data.
        let offset: Int
        /// What was found: the URL or the quoted id.
        let found: String
    }

    private static let urlPrefix = Array("thong-bao/".utf8)
    private static let relativePrefix = Array("../".utf8)

    /// Lengths of the ids looked for: most words in a page are shorter or longer than any id,
    /// so they are skipped without building a string.
    private let lengths: Set<Int>

    init(targets: [String: NoticeStatus]) {
        self.targets = targets
        lengths = Set(targets.keys.map(\.utf8.count))
    }

    private static func isIdByte(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == 0x2D
    }

    static func isDistinctive(_ id: String) -> Bool {
        id.utf8.count >= 10 && id.utf8.contains { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// `everywhere`: any whole run equal to an id counts, short ids included (a cheap test of
    /// whether a text may need rewriting at all).
    /// `json`: the data is a JSON file the build wrote, whose object keys are field names.
    func scan(_ data: Data, relativeLinksLeadToNotices: Bool = false, everywhere: Bool = false, json: Bool = false) -> [Match] {
        guard !targets.isEmpty else { return [] }
        return data.withUnsafeBytes { raw -> [Match] in
            let bytes = raw.bindMemory(to: UInt8.self)
            var matches: [Match] = []
            var i = 0
            let n = bytes.count
            while i < n {
                guard Self.isIdByte(bytes[i]) else {
                    i += 1
                    continue
                }
                let start = i
                while i < n, Self.isIdByte(bytes[i]) { i += 1 }
                // Ids are at most 200 bytes; longer runs cannot be one.
                guard lengths.contains(i - start) else { continue }
                let id = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
                guard targets[id] != nil else { continue }
                let before: UInt8? = start > 0 ? bytes[start - 1] : nil
                let after: UInt8? = i < n ? bytes[i] : nil
                let prefixLength = Self.urlPrefix.count
                let inURL = start >= prefixLength
                    && Array(UnsafeBufferPointer(rebasing: bytes[(start - prefixLength)..<start])) == Self.urlPrefix
                    && (start == prefixLength || !Self.isIdByte(bytes[start - prefixLength - 1]))
                let relative = relativeLinksLeadToNotices && start >= Self.relativePrefix.count
                    && Array(UnsafeBufferPointer(rebasing: bytes[(start - Self.relativePrefix.count)..<start])) == Self.relativePrefix
                // A JSON key (`"cu": …`) names a field, never a notice.
                // In a JSON file the build wrote, `"cu":` is a field name (text inside a JSON string
                // has its quotes escaped, so it never looks like this); in text a clerk wrote,
                // `"cu":` mentions a notice like any quoted id.
                let jsonKey = json && after == UInt8(ascii: "\"") && i + 1 < n && bytes[i + 1] == UInt8(ascii: ":")
                let quoted = (before == UInt8(ascii: "\"") && after == UInt8(ascii: "\"") && !jsonKey)
                    || (before == UInt8(ascii: "'") && after == UInt8(ascii: "'"))
                    || (before == UInt8(ascii: ">") && after == UInt8(ascii: "<"))
                if inURL {
                    matches.append(Match(id: id, offset: start, found: "thong-bao/\(id)"))
                } else if relative {
                    matches.append(Match(id: id, offset: start, found: "../\(id)"))
                } else if quoted || everywhere || Self.isDistinctive(id) {
                    matches.append(Match(id: id, offset: start, found: id))
                }
            }
            return matches
        }
    }

    /// Every notice URL (`thong-bao/<id>`) in `data`, whatever the id: for finding pages of
    /// notices the content no longer knows (a deleted source). With `siteURL`, an absolute URL
    /// counts only under it (a link to another commune's site is not this site's notice).
    static func noticeURLs(in data: Data, siteURL: String? = nil) -> [Match] {
        let found = allNoticeURLs(in: data)
        guard let siteURL else { return found }
        let bytes = [UInt8](data)
        let site = Array(siteURL.utf8)
        return found.filter { match in
            // The URL around the match: back to a quote, space, bracket or parenthesis.
            var start = match.offset
            while start > 0, ![0x22, 0x27, 0x20, 0x0A, 0x09, 0x3C, 0x3E, 0x28].contains(bytes[start - 1]) { start -= 1 }
            let prefix = bytes[start..<match.offset]
            guard prefix.contains(0x3A) else { return true }  // relative or root-relative: this site's
            return prefix.starts(with: site)
        }
    }

    private static func allNoticeURLs(in data: Data) -> [Match] {
        data.withUnsafeBytes { raw -> [Match] in
            let bytes = raw.bindMemory(to: UInt8.self)
            var matches: [Match] = []
            let prefix = urlPrefix
            var i = 0
            let n = bytes.count
            while i + prefix.count < n {
                guard bytes[i] == prefix[0], i == 0 || !isIdByte(bytes[i - 1]),
                      Array(UnsafeBufferPointer(rebasing: bytes[i..<(i + prefix.count)])) == prefix else {
                    i += 1
                    continue
                }
                let start = i + prefix.count
                var end = start
                while end < n, isIdByte(bytes[end]) { end += 1 }
                let id = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
                if NoticeLoader.isValidId(id) { matches.append(Match(id: id, offset: start, found: "thong-bao/\(id)")) }
                i = max(end, i + 1)
            }
            return matches
        }
    }

    /// 1-based line and column (in Unicode scalars) of a byte offset.
    static func position(of offset: Int, in data: Data) -> SourcePosition {
        let prefix = data.prefix(offset)
        var line = 1
        var lineStart = prefix.startIndex
        for index in prefix.indices where prefix[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        let column = String(decoding: prefix[lineStart...], as: UTF8.self).unicodeScalars.count + 1
        return SourcePosition(line: line, column: column)
    }
}
