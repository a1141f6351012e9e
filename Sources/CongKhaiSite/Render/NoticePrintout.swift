import CongKhaiCore
import Foundation

/// The printed notice in the layout of Nghị định 30/2020/NĐ-CP: the issuing body (in capitals)
/// and number on the left, national name and motto on the right, a place-and-date line, and a
/// signature block naming who signs: never a person's name the notice does not give.
extension NoticePresenter {
    /// Collective bodies: "TM. ỦY BAN NHÂN DÂN" signs for them; their name is split after the kind
    /// in the heading ("ỦY BAN NHÂN DÂN" / "XÃ BÌNH THUẬN").
    static let collectiveBodies = ["Ủy ban nhân dân", "Hội đồng nhân dân", "Ủy ban Mặt trận Tổ quốc Việt Nam",
                                   "Ban công tác Mặt trận", "Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam"]
    /// Abbreviated names at the start of an issuer, written in full on paper.
    static let abbreviations = [("UBND", "Ủy ban nhân dân"), ("HĐND", "Hội đồng nhân dân"),
                                ("UBMTTQVN", "Ủy ban Mặt trận Tổ quốc Việt Nam")]
    /// Bodies with a seal: the space to sign asks for the seal too.
    static let sealedBodies = ["Ủy ban nhân dân", "Hội đồng nhân dân"]
    /// Positions that sign in their own right; the rest of the issuer is their body
    /// ("Chủ tịch Ủy ban nhân dân xã Bình Thuận" → body "Ủy ban nhân dân xã Bình Thuận", signs "CHỦ TỊCH").
    static let signingPositions: [(prefix: String, lines: [String])] = [
        ("Phó Chủ tịch ", ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]),
        ("Chủ tịch ", ["CHỦ TỊCH"]),
    ]

    /// `print.issuerLines`, `print.placeDate`, `print.signerLines`, `print.sealed` for `notice.mustache`.
    func printout(_ notice: Notice) -> TemplateContext {
        var body = FastText.trimmed(notice.issuer)
        // Nghị định 30 writes the body's name in full: "UBND xã A" → "Ủy ban nhân dân xã A".
        for (short, full) in Self.abbreviations where body.hasPrefix(short + " ") {
            body = full + body.dropFirst(short.count)
        }
        var signer: [String]? = nil
        for position in Self.signingPositions where Self.hasPrefix(body, position.prefix) {
            let rest = FastText.trimmed(String(body.dropFirst(position.prefix.count)))
            // "Chủ tịch Ủy ban …": a body follows (capitalised); "Chủ tịch xã" alone is kept whole.
            if let first = rest.first, first.isUppercase {
                body = rest
                signer = position.lines
            }
            break
        }
        var issuerLines = [body.uppercased()]
        // People's Committees and Councils (and their chairs) seal what they sign; a village's
        // Front committee and others only sign.
        let sealed = Self.sealedBodies.contains { Self.hasPrefix(body, $0) }
        if let kind = Self.collectiveBodies.first(where: { Self.hasPrefix(body, $0) }) {
            let rest = FastText.trimmed(String(body.dropFirst(kind.count)))
            if !rest.isEmpty { issuerLines = [kind.uppercased(), rest.uppercased()] }
            if signer == nil { signer = ["TM. " + kind.uppercased()] }
        }
        let day = notice.signed ?? notice.firstDay(in: calendar)
        var date = formalDate(day)
        let commune = config.communeName(notice.commune)
            ?? (config.communes.count == 1 ? config.communes[0].name : nil)
        if let commune {
            date = RecordsWriter.placeName(commune) + ", " + date
        } else if let first = date.first {
            date = first.uppercased() + date.dropFirst()
        }
        return [
            "issuerLines": issuerLines,
            "placeDate": date,
            "signerLines": signer ?? [body.uppercased()],
            "sealed": sealed,
        ]
    }

    /// Case-insensitive prefix, with both spellings of "ủy"/"uỷ".
    static func hasPrefix(_ text: String, _ prefix: String) -> Bool {
        func folded(_ value: String) -> String {
            value.precomposedStringWithCanonicalMapping.lowercased().replacingOccurrences(of: "uỷ", with: "ủy")
        }
        return folded(text).hasPrefix(folded(prefix))
    }

    /// What a shared link says about a notice (`og:description`): its summary, else the first
    /// paragraph of its body as plain text (cut at a word near 200 characters; not for notices
    /// with personal data), else its period.
    func shareDescription(_ notice: Notice, links: NoticeLinkRules) -> String {
        if let summary = notice.summary.map(FastText.trimmed), !summary.isEmpty { return summary }
        // Lists of households and amounts: no line of them travels in link previews.
        let paragraph = notice.personalData ? "" : Self.firstParagraph(of: notice.body)
        if !paragraph.isEmpty {
            let plain = MarkdownText.plain(paragraph)
            let text = (links.rewrite(plain, fromNotice: true) ?? plain)
                .split(whereSeparator: \.isWhitespace).joined(separator: " ")
            if !text.isEmpty { return Self.shortened(text, limit: 200) }
        }
        return periodText(notice)
    }

    /// The first block of running text of a Markdown body: not a heading, table, list, quote,
    /// rule, code or HTML line.
    static func firstParagraph(of markdown: String) -> String {
        var lines: [Substring] = []
        var fenced = false
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            let text = line.drop(while: { $0 == " " || $0 == "\t" })
            if text.hasPrefix("```") || text.hasPrefix("~~~") { fenced.toggle(); continue }
            if fenced { continue }
            if text.isEmpty {
                if !lines.isEmpty { break }
                continue
            }
            if isBlockStart(text) {
                if !lines.isEmpty { break }
                continue
            }
            lines.append(text)
        }
        return lines.joined(separator: " ")
    }

    /// A line that starts a heading, table, quote, HTML block, rule or list item.
    private static func isBlockStart(_ line: Substring) -> Bool {
        guard let first = line.first else { return false }
        if "#|><".contains(first) { return true }
        let second = line.dropFirst().first
        if "-*+".contains(first), second == nil || second == " " || second == "\t" { return true }
        if line.allSatisfy({ "-*_= \t".contains($0) }) { return true }
        let digits = line.prefix(while: \.isASCII).prefix(while: \.isNumber)
        if !digits.isEmpty, let mark = line.dropFirst(digits.count).first, mark == "." || mark == ")" {
            return line.dropFirst(digits.count + 1).first.map { $0 == " " } ?? true
        }
        return false
    }

    /// `text` cut at the last space before `limit` characters, with "…".
    static func shortened(_ text: String, limit: Int) -> String {
        guard text.count > limit else { return text }
        let head = text.prefix(limit)
        let cut = head.lastIndex(of: " ").map { head[..<$0] } ?? head
        return cut.trimmingCharacters(in: CharacterSet(charactersIn: " ,;:.-–")) + "…"
    }
}
