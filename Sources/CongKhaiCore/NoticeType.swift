/// A kind of notice (`compensation-plan`, …): its id and display names. How long it is posted is
/// not here but in the dated posting rules (`PostingRule`, `rules/posting-rules.yaml`).
public struct NoticeType: Hashable, Sendable, Codable {
    public let id: String
    /// Vietnamese display name.
    public let name: String
    /// English display name.
    public let nameEnglish: String

    public init(id: String, name: String, nameEnglish: String? = nil) {
        self.id = id
        self.name = name
        self.nameEnglish = nameEnglish ?? name
    }

    public func name(in language: Language) -> String {
        language == .vi ? name : nameEnglish
    }

    /// The built-in types, in display order.
    public static let builtIn: [NoticeType] = [
        NoticeType(id: "land-recovery-notice", name: "Thông báo thu hồi đất", nameEnglish: "Land recovery notice"),
        NoticeType(id: "compensation-plan", name: "Phương án bồi thường, hỗ trợ, tái định cư",
                   nameEnglish: "Compensation, support and resettlement plan"),
        NoticeType(id: "resettlement-plan", name: "Phương án bố trí tái định cư",
                   nameEnglish: "Resettlement arrangement plan"),
        NoticeType(id: "investment-consultation", name: "Lấy ý kiến cộng đồng về chủ trương đầu tư",
                   nameEnglish: "Community consultation on an investment policy"),
        NoticeType(id: "village-rules-draft", name: "Dự thảo hương ước, quy ước", nameEnglish: "Draft village rules"),
        NoticeType(id: "complaint-decision", name: "Quyết định giải quyết khiếu nại",
                   nameEnglish: "Complaint settlement decision"),
        NoticeType(id: "general", name: "Thông báo chung", nameEnglish: "General notice"),
    ]
}
