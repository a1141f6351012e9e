/// The language of the site's interface and of diagnostics.
public enum Language: String, Sendable, CaseIterable, Codable {
    case vi
    case en
}
