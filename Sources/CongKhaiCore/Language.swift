/// The language of the site's interface and of diagnostics.
public enum Language: String, Sendable, CaseIterable {
    case vi
    case en
}
