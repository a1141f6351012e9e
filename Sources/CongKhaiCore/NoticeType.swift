/// A kind of notice (`compensation-plan`, …) with its legal minimum and maximum posting period.
///
/// Defaults come from `shared/domain/posting-rules.md`; a site may override or add types in
/// `site.yaml`, since several of these rules are not settled law.
public struct NoticeType: Hashable, Sendable {
    public let id: String
    /// Vietnamese display name.
    public let name: String
    /// English display name.
    public let nameEnglish: String
    /// Minimum posting period in days, counted as the Civil Code counts (first day not counted).
    public let minDays: Int?
    /// Maximum posting period in days, if any.
    public let maxDays: Int?
    /// The legal basis quoted in diagnostics, e.g. "Luật Đất đai 2024, Điều 87".
    public let legalBasis: String?

    public init(id: String, name: String, nameEnglish: String? = nil, minDays: Int?, maxDays: Int? = nil,
                legalBasis: String? = nil) {
        self.id = id
        self.name = name
        self.nameEnglish = nameEnglish ?? name
        self.minDays = minDays
        self.maxDays = maxDays
        self.legalBasis = legalBasis
    }

    public func name(in language: Language) -> String {
        language == .vi ? name : nameEnglish
    }

    /// The built-in types, in display order.
    public static let builtIn: [NoticeType] = [
        NoticeType(id: "land-recovery-notice", name: "Thông báo thu hồi đất",
                   nameEnglish: "Land recovery notice", minDays: 90, maxDays: 365,
                   legalBasis: "Luật Đất đai 2024, Điều 85"),
        NoticeType(id: "compensation-plan", name: "Phương án bồi thường, hỗ trợ, tái định cư",
                   nameEnglish: "Compensation, support and resettlement plan", minDays: 30,
                   legalBasis: "Luật Đất đai 2024, Điều 87"),
        NoticeType(id: "resettlement-plan", name: "Phương án bố trí tái định cư",
                   nameEnglish: "Resettlement arrangement plan", minDays: 15,
                   legalBasis: "Luật Đất đai 2024, Điều 111"),
        NoticeType(id: "investment-consultation", name: "Lấy ý kiến cộng đồng về chủ trương đầu tư",
                   nameEnglish: "Community consultation on an investment policy", minDays: 30,
                   legalBasis: "Luật Tiếp cận thông tin 2016, Điều 21 (mặc định)"),
        NoticeType(id: "village-rules-draft", name: "Dự thảo hương ước, quy ước",
                   nameEnglish: "Draft village rules", minDays: 30,
                   legalBasis: "Nghị định 61/2023/NĐ-CP, Điều 9"),
        NoticeType(id: "complaint-decision", name: "Quyết định giải quyết khiếu nại",
                   nameEnglish: "Complaint settlement decision", minDays: 15,
                   legalBasis: "Nghị định 124/2020/NĐ-CP"),
        NoticeType(id: "general", name: "Thông báo chung", nameEnglish: "General notice", minDays: 30,
                   legalBasis: "Luật Tiếp cận thông tin 2016, Điều 21"),
    ]
}
