import CongKhaiCore
import Foundation

/// The posting rules written out for people: `congkhai rules` and the README's table (which a test
/// checks against this output, so the README never disagrees with the data file).
public struct RulesReport: Sendable {
    public let config: SiteConfig

    public init(config: SiteConfig) {
        self.config = config
    }

    /// Names of the places a rule requires, in the site's language.
    public static func placeName(_ code: String, language: Language) -> String {
        switch (code, language) {
        case ("office", .vi): return "trụ sở UBND xã"
        case ("meeting_place", .vi): return "nhà văn hóa, điểm sinh hoạt cộng đồng của khu dân cư"
        case ("website", .vi): return "cổng thông tin điện tử của xã"
        case ("resettlement_site", .vi): return "khu tái định cư"
        case ("office", .en): return "the commune office"
        case ("meeting_place", .en): return "the village meeting places"
        case ("website", .en): return "the commune's website"
        case ("resettlement_site", .en): return "the resettlement site"
        default: return code
        }
    }

    /// "ít nhất 30 ngày", "đúng 10 ngày (dài hơn: cảnh báo)", "hiệu lực 12 tháng từ ngày ký; …".
    public static func periodText(_ rule: PostingRule, language: Language) -> String {
        let vi = language == .vi
        var parts: [String] = []
        if let exact = rule.exact { parts.append(vi ? "\(exact.text(in: .vi)) (dài hơn: cảnh báo)" : "\(exact.text(in: .en)) (longer: a warning)") }
        if let minimum = rule.minimum { parts.append(vi ? "ít nhất \(minimum.text(in: .vi))" : "at least \(minimum.text(in: .en))") }
        if let maximum = rule.maximum { parts.append(vi ? "tối đa \(maximum.text(in: .vi))" : "at most \(maximum.text(in: .en))") }
        if let months = rule.validMonths { parts.append(vi ? "hiệu lực \(months) tháng từ ngày ký" : "valid \(months) months from signing") }
        if !rule.leadDays.isEmpty {
            let leads = rule.leadDays.sorted { $0.key < $1.key }.map { "\(landKindName($0.key, language: language)) \($0.value)" }
            parts.append((vi ? "báo trước quyết định (ngày): " : "lead time before the decision (days): ") + leads.joined(separator: ", "))
        }
        return parts.isEmpty ? "—" : parts.joined(separator: "; ")
    }

    public static func landKindName(_ kind: String, language: Language) -> String {
        switch (kind, language) {
        case ("nong-nghiep", .vi): return "đất nông nghiệp"
        case ("phi-nong-nghiep", .vi): return "đất phi nông nghiệp"
        case ("nong-nghiep", .en): return "agricultural land"
        case ("phi-nong-nghiep", .en): return "non-agricultural land"
        default: return kind
        }
    }

    private func validity(_ rule: PostingRule) -> String {
        switch (rule.from, rule.until) {
        case let (from?, until?): return "\(from.short)–\(until.short)"
        case let (from?, nil): return (config.language == .vi ? "từ " : "from ") + from.short
        case let (nil, until?): return (config.language == .vi ? "đến " : "until ") + until.short
        case (nil, nil): return config.language == .vi ? "mọi thời điểm" : "always"
        }
    }

    private func typeName(_ id: String) -> String { config.types[id]?.name(in: config.language) ?? id }

    /// The rules in force on `date` (every type, or `type`), for a clerk.
    public func text(on date: LocalDate, type: String?) -> String {
        let vi = config.language == .vi
        let rules = config.rules.inForce(on: date, typeOrder: type.map { [$0] } ?? config.typeOrder)
        var lines = [vi ? "Quy tắc niêm yết có hiệu lực ngày \(date.short):" : "Posting rules in force on \(date.short):", ""]
        for rule in rules {
            lines.append("\(typeName(rule.type)) (`\(rule.type)`)" + (rule.fromSite ? (vi ? " — theo site.yaml" : " — from site.yaml") : ""))
            lines.append((vi ? "  Thời hạn: " : "  Period: ") + Self.periodText(rule, language: config.language))
            if let within = rule.startWithin {
                lines.append(vi ? "  Bắt đầu niêm yết: chậm nhất \(within.text(in: .vi)) sau ngày ký"
                    : "  Start: within \(within.text(in: .en)) of signing")
            }
            if let days = rule.opinionDays {
                lines.append(vi ? "  Lấy ý kiến người dân: ít nhất \(days) ngày" : "  Residents' opinions: at least \(days) days")
            }
            if !rule.places.isEmpty {
                lines.append((vi ? "  Nơi niêm yết: " : "  Places: ")
                    + rule.places.map { Self.placeName($0, language: config.language) }.joined(separator: "; "))
            }
            lines.append((vi ? "  Căn cứ: " : "  Basis: ") + rule.basis + " (" + validity(rule) + ")")
            if !rule.note.isEmpty, vi { lines.append("  " + rule.note) }
            lines.append("")
        }
        if rules.isEmpty { lines.append(vi ? "Không có quy tắc nào." : "No rule.") }
        return lines.joined(separator: "\n")
    }

    /// Every shipped rule as a Markdown table (the README's).
    public static func markdownTable() -> String {
        let config = SiteConfig(title: "", baseURL: "https://example.org/")
        var lines = ["| loại (`type`) | hiệu lực | thời hạn | bắt đầu chậm nhất | nơi niêm yết | căn cứ |",
                     "|---|---|---|---|---|---|"]
        let report = RulesReport(config: config)
        for id in config.typeOrder {
            for rule in config.rules.rules where rule.type == id {
                let start = rule.startWithin.map { $0.text(in: .vi) + " sau ngày ký" } ?? "—"
                let places = rule.places.map { placeName($0, language: .vi) }.joined(separator: "; ")
                lines.append("| `\(id)` | \(report.validity(rule)) | \(periodText(rule, language: .vi)) | \(start) | \(places) | \(rule.basis) |")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
