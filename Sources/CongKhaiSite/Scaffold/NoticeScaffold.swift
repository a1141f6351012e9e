import CongKhaiCore
import Foundation

/// Writes a new notice for a clerk: id from the date and title, dates computed from the law,
/// and a body skeleton for the type. Never overwrites a file.
public struct NoticeScaffold: Sendable {
    public let content: SiteContent

    public init(content: SiteContent) {
        self.content = content
    }

    public enum ScaffoldError: Error, Sendable {
        case diagnostics([Diagnostic])
    }

    /// Creates the notice file and returns its path relative to the root.
    public func create(type typeId: String, title: String, commune: String?, posted: LocalDate,
                       bundle: Bool) throws(ScaffoldError) -> String {
        let config = content.config
        guard let type = config.types[typeId] else {
            throw .diagnostics([.error(nil, nil, .unknownType(typeId, suggestions: Suggestions.closest(to: typeId, among: config.typeOrder)))])
        }
        let cleanTitle = title.precomposedStringWithCanonicalMapping.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !cleanTitle.isEmpty else { throw .diagnostics([.error(nil, nil, .emptyValue("--title"))]) }
        let known = config.communes.map(\.id)
        var communeId = commune
        if let commune, !known.contains(commune) {
            throw .diagnostics([.error(nil, nil, .unknownCommune(commune, suggestions: Suggestions.closest(to: commune, among: known)))])
        }
        if communeId == nil, known.count == 1 { communeId = known[0] }
        if communeId == nil, known.count > 1 { throw .diagnostics([.error(nil, nil, .communeOptionRequired(known))]) }

        // The rule in force on the date written (signed = posted in the skeleton) decides `expires`:
        // the earliest lawful end, or for a land recovery notice the end of its 12-month validity.
        let rule = config.rule(for: type.id, on: posted)
        let check = config.ruleCheck
        let expires = rule.flatMap { check.earliestLastDay($0, posted: posted) }
            ?? rule?.validMonths.map { WorkingCalendar.adding(months: $0, to: posted) }
            ?? config.workdays.lastDay(of: RuleDuration(30), from: posted)
        let expiresNote = rule?.shortest != nil ? "ngày sớm nhất được phép: niêm yết ít nhất \(rule!.shortest!.text(in: .vi)), không tính ngày đầu"
            : rule?.validMonths != nil ? "muộn nhất (hiệu lực \(rule!.validMonths!) tháng kể từ ngày ký): \(expires.short)"
            : expires.short
        let slug = Slug.make(from: cleanTitle)
        // An id that is only a date reads as one everywhere it is mentioned: ids carry words.
        guard !slug.isEmpty else { throw .diagnostics([.error(nil, nil, .titleHasNoWords(cleanTitle))]) }
        let id = posted.iso + "-" + slug
        let folder = "content/notices/\(posted.year)"
        let path = bundle ? "\(folder)/\(id)/index.md" : "\(folder)/\(id).md"
        if let other = (content.notices + content.drafts).first(where: { $0.id == id })?.sourcePath {
            throw .diagnostics([.error(path, nil, .duplicateId(id, otherPath: other))])
        }
        let issuer = communeId.flatMap { config.communeName($0) }.map { "Ủy ban nhân dân " + Self.lowercasingFirst($0) }
            ?? "Ủy ban nhân dân xã (…)"
        var lines = ["---", "draft: true                      # bản nháp: chưa đăng; xóa dòng này khi thông báo đã xong",
                     "title: \(Self.quoted(cleanTitle))", "type: \(type.id)"]
        if let communeId { lines.append("commune: \(communeId)") }
        lines += [
            "number: \"\"                      # số hiệu văn bản, ví dụ \"45/TB-UBND\"",
            "issuer: \(Self.quoted(issuer))",
            "signed: \(posted.iso)",
            "posted: \(posted.iso)",
            "expires: \(expires.iso)           # \(expiresNote)" + (rule.map { " — \($0.basis)" } ?? ""),
            "summary: \"\"",
        ]
        if bundle {
            // A bundle exists for its attachments: show how to list them (and where it is posted).
            lines += [
                "# attachments:                   # tệp đặt cùng thư mục với index.md",
                "#   - { file: to-trinh.pdf, title: \"Tờ trình phương án\" }",
                "# places: [\"Trụ sở Ủy ban nhân dân xã\", \"Nhà văn hóa thôn (…)\"]   # nơi niêm yết",
            ]
        }
        lines.append("---")
        let place = communeId.flatMap { config.communeName($0) }.map { "Ủy ban nhân dân " + Self.lowercasingFirst($0) }
            ?? "Ủy ban nhân dân xã (…)"
        let text = lines.joined(separator: "\n") + "\n"
            + Self.body(for: type.id).replacingOccurrences(of: "Ủy ban nhân dân xã", with: place) + "\n"
        let url = content.root.appendingPathComponent(path)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw .diagnostics([.error(path, nil, .outputFailure("\(error)"))])
        }
        // O_EXCL: never overwrite, even if the file appeared since the content was loaded.
        let fd = open(url.path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else {
            throw .diagnostics([.error(path, nil, .fileExists(path))])
        }
        defer { close(fd) }
        let bytes = Array(text.utf8)
        guard write(fd, bytes, bytes.count) == bytes.count else {
            throw .diagnostics([.error(path, nil, .outputFailure(String(cString: strerror(errno))))])
        }
        return path
    }

    static func lowercasingFirst(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.lowercased() + text.dropFirst()
    }

    /// A YAML double-quoted string.
    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// The body skeleton for a type; land recovery notices get the six contents required by
    /// Land Law 2024, Art. 85.1.
    static func body(for type: String) -> String {
        switch type {
        case "land-recovery-notice":
            return """
            Ủy ban nhân dân xã thông báo thu hồi đất để thực hiện dự án (…), như sau:

            ## 1. Lý do thu hồi đất

            (… ghi rõ mục đích, căn cứ …)

            ## 2. Diện tích, vị trí khu đất thu hồi

            (… diện tích, loại đất, tờ bản đồ, thửa đất …)

            ## 3. Tiến độ thu hồi đất

            …

            ## 4. Kế hoạch điều tra, khảo sát, đo đạc, kiểm đếm

            …

            ## 5. Dự kiến kế hoạch di chuyển và bố trí tái định cư

            …

            ## 6. Dự kiến phương án bồi thường, hỗ trợ, tái định cư

            …
            """
        case "compensation-plan":
            return """
            Thực hiện Điều 87 Luật Đất đai năm 2024, Ủy ban nhân dân xã niêm yết công khai dự thảo phương án bồi thường, hỗ trợ, tái định cư.

            **Địa điểm niêm yết:** trụ sở Ủy ban nhân dân xã và nơi sinh hoạt chung của khu dân cư.

            ## Tổng hợp kinh phí bồi thường, hỗ trợ

            | STT | Hạng mục | Diện tích (m²) | Đơn giá (đồng/m²) | Thành tiền (đồng) |
            |---:|---|---:|---:|---:|
            | 1 | … | | | |

            ## Thời hạn góp ý

            Người có đất bị thu hồi góp ý bằng văn bản hoặc trực tiếp tại Ủy ban nhân dân xã trong thời gian niêm yết.
            """
        case "resettlement-plan":
            return """
            Ủy ban nhân dân xã niêm yết công khai dự thảo phương án bố trí tái định cư tại khu tái định cư (…)

            ## Nguyên tắc bố trí

            …

            ## Danh sách lô đất

            | Lô | Diện tích (m²) | Vị trí | Giá đất (đồng/m²) |
            |---|---:|---|---:|
            | … | | | |
            """
        case "investment-consultation":
            return """
            Ủy ban nhân dân xã lấy ý kiến cộng đồng dân cư về chủ trương đầu tư dự án (…)

            ## Nội dung xin ý kiến

            …

            ## Thời gian, địa điểm, cách gửi ý kiến

            …
            """
        case "village-rules-draft":
            return """
            Dự thảo hương ước, quy ước thôn (…) được niêm yết để Nhân dân góp ý.

            ## Nội dung chính của dự thảo

            …

            ## Cách góp ý

            …
            """
        case "complaint-decision":
            return """
            Ủy ban nhân dân xã công khai Quyết định giải quyết khiếu nại số (…) ngày (…)

            ## Nội dung khiếu nại

            …

            ## Kết luận

            …
            """
        default:
            return """
            (… nội dung thông báo …)
            """
        }
    }
}
