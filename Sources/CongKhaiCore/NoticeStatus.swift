/// What a notice is at a given instant. Only `active` notices are published.
public enum NoticeStatus: String, Sendable, CaseIterable, Codable {
    case scheduled
    case active
    case expired
    case superseded
    case withdrawn

    /// The label residents and clerks read.
    public func label(in language: Language) -> String {
        switch (self, language) {
        case (.scheduled, .vi): return "chưa đến ngày niêm yết"
        case (.active, .vi): return "đang niêm yết"
        case (.expired, .vi): return "hết thời hạn niêm yết"
        case (.superseded, .vi): return "đã được thay thế"
        case (.withdrawn, .vi): return "đã bị hủy bỏ"
        case (.scheduled, .en): return "scheduled"
        case (.active, .en): return "being posted"
        case (.expired, .en): return "posting period over"
        case (.superseded, .en): return "superseded"
        case (.withdrawn, .en): return "withdrawn"
        }
    }
}
