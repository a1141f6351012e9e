/// Where each kind of page lives in the output, relative to the site root.
///
/// Every page is a folder with `index.html`, so URLs end with `/` and work on any web server.
enum SiteURLs {
    static func notice(_ id: String) -> String { "thong-bao/\(id)/" }
    static func type(_ id: String) -> String { "loai/\(id)/" }
    static func commune(_ id: String) -> String { "xa/\(id)/" }
    static func page(_ id: String) -> String { "trang/\(id)/" }
    static let search = "tim-kiem/"
    /// The printable posting record ("biên bản niêm yết") of a notice: a file beside the notice
    /// page rather than a folder of its own, one folder fewer per notice to create on every build.
    static func record(_ id: String) -> String { notice(id) + "bien-ban.html" }
    static func attachment(notice id: String, file: String) -> String { notice(id) + file }
    static func file(forPage url: String) -> String {
        url.hasSuffix(".html") ? url : url + "index.html"
    }
}
