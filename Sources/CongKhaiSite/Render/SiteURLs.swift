/// Where each kind of page lives in the output, relative to the site root.
///
/// Every page is a folder with `index.html`, so URLs end with `/` and work on any web server.
enum SiteURLs {
    static func notice(_ id: String) -> String { "thong-bao/\(id)/" }
    static func type(_ id: String) -> String { "loai/\(id)/" }
    static func commune(_ id: String) -> String { "xa/\(id)/" }
    static func page(_ id: String) -> String { "trang/\(id)/" }
    static let search = "tim-kiem/"
    static func attachment(notice id: String, file: String) -> String { notice(id) + file }
    static func file(forPage url: String) -> String {
        url.hasSuffix(".html") ? url : url + "index.html"
    }
}
