import CongKhaiCore
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(FoundationXML)
import FoundationXML
#endif

extension SiteAuditor {
    /// How many requests `audit(url:)` keeps in flight at once: enough to hide a slow link's
    /// latency, few enough not to look like an attack to the commune's web host.
    static let remoteConcurrency = 8

    /// What one address answered.
    enum RemoteAnswer: Sendable {
        case data(Data)
        /// Not served (404, 410, and 401/403: object stores answer 403 for a key that does not exist).
        case absent
        /// An error or a timeout: proves nothing either way.
        case unknown(reason: String)
    }

    /// Audits a deployed site over HTTP: reads `notices.json`, `sitemap.xml`, `feed.xml`, the home
    /// page and every page the sitemap lists, and asks for the page of every notice not being
    /// posted, which must not be served. Requests run `remoteConcurrency` at a time; results are
    /// used in a fixed order, so the report does not depend on which answer came first.
    public func audit(url base: URL) async -> Result {
        let root = base.absoluteString.hasSuffix("/") ? base : base.appendingPathComponent("")
        var answers: [String: RemoteAnswer] = [:]  // each address is asked (and reported) once
        // Only "not found" means absent: an error or a timeout proves nothing, so it is a problem
        // of its own (otherwise a server that is down would pass as one hiding every old notice).
        var unreachable: [Diagnostic] = []
        func fetch(_ paths: [String]) async {
            var seen = Set(answers.keys)
            let missing = paths.filter { seen.insert($0).inserted }
            for (path, answer) in await Self.fetchAll(missing, root: root) {
                answers[path] = answer
                if case .unknown(let reason) = answer {
                    let url = URL(string: path.isEmpty ? "./" : path, relativeTo: root)?.absoluteString ?? path
                    unreachable.append(.error(url, nil, .remoteUnreachable(reason: reason)))
                }
            }
        }
        var order: [String] = []
        func add(_ paths: [String]) async {
            await fetch(paths)
            for path in paths where !order.contains(path) { order.append(path) }
        }
        await add(["notices.json", "sitemap.xml", "feed.xml", ""])
        let basePath = URLComponents(url: root, resolvingAgainstBaseURL: true)?.path ?? "/"
        var next: [String] = []
        if case .data(let sitemap)? = answers["sitemap.xml"] {
            for loc in Self.locations(in: sitemap) {
                guard let components = URLComponents(string: loc), components.path.hasPrefix(basePath) else { continue }
                next.append(String(components.path.dropFirst(basePath.count)))
            }
        }
        let statuses = content.schedule.statuses(at: now)
        for (id, status) in statuses.sorted(by: { $0.key < $1.key }) where status != .active {
            next.append(SiteURLs.notice(id))
        }
        await add(next)
        // The page of every notice being posted, asked now (in parallel) rather than one by one
        // when the audit looks for it.
        await fetch(statuses.filter { $0.value == .active }.keys.sorted().map(SiteURLs.notice))
        var files: [(path: String, data: Data)] = []
        for path in order { if case .data(let data)? = answers[path] { files.append((path, data)) } }
        var listingKnown = true
        if case .unknown? = answers["notices.json"] { listingKnown = false }
        let pages = Set(files.map(\.path))
        let known = answers
        let result = await audit(files: files.map { ($0.path, $0.data) },
                                 label: { URL(string: $0, relativeTo: root)?.absoluteString ?? $0 },
                                 listingKnown: listingKnown,
                                 hasPage: { path in
                                     let folder = String(path.dropLast("index.html".count))
                                     if pages.contains(folder) { return true }
                                     switch known[folder] {
                                     case .data?: return true
                                     case .absent?: return false
                                     case .unknown?, nil: return nil
                                     }
                                 })
        return Result(problems: (unreachable + result.problems).sortedForReport, filesChecked: result.filesChecked,
                      activeNotices: result.activeNotices, hiddenNotices: result.hiddenNotices)
    }

    /// Asks for every path, at most `remoteConcurrency` at a time; answers in the order of `paths`.
    static func fetchAll(_ paths: [String], root: URL) async -> [(String, RemoteAnswer)] {
        var answers = [RemoteAnswer?](repeating: nil, count: paths.count)
        await withTaskGroup(of: (Int, RemoteAnswer).self) { group in
            var started = 0
            func startNext() {
                guard started < paths.count else { return }
                let index = started
                started += 1
                group.addTask { (index, await request(paths[index], root: root)) }
            }
            for _ in 0..<min(remoteConcurrency, paths.count) { startNext() }
            while let (index, answer) = await group.next() {
                answers[index] = answer
                startNext()
            }
        }
        return zip(paths, answers.map { $0 ?? .unknown(reason: "no answer") }).map { ($0, $1) }
    }

    /// One GET, without caches, with a 20-second timeout.
    static func request(_ path: String, root: URL) async -> RemoteAnswer {
        guard let url = URL(string: path.isEmpty ? "./" : path, relativeTo: root) else { return .absent }
        var request = URLRequest(url: url)
        request.timeoutInterval = 20
        request.cachePolicy = .reloadIgnoringLocalCacheData
        do {
            let (data, response) = try await URLSession.shared.data(for: request)
            let status = (response as? HTTPURLResponse)?.statusCode ?? 0
            switch status {
            case 200: return .data(data)
            case 401, 403, 404, 410: return .absent
            default: return .unknown(reason: "HTTP \(status)")
            }
        } catch {
            return .unknown(reason: error.localizedDescription)
        }
    }

    /// `<loc>` values of a sitemap, read with an XML parser (entities, CDATA and whitespace as
    /// XML defines them). A sitemap that is not well-formed XML gives the locations read before
    /// the error: the pages it lists are then simply not fetched, and the audit still reads the
    /// listing, the feed, the home page and every notice page.
    static func locations(in data: Data) -> [String] {
        let reader = SitemapReader()
        let parser = XMLParser(data: data)
        parser.shouldResolveExternalEntities = false
        parser.delegate = reader
        _ = parser.parse()
        return reader.locations
    }
}

/// Collects the text of every `<loc>` element of a sitemap.
private final class SitemapReader: NSObject, XMLParserDelegate {
    var locations: [String] = []
    private var text: String?

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if name == "loc" { text = "" }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        text? += string
    }

    func parser(_ parser: XMLParser, foundCDATA block: Data) {
        text? += String(decoding: block, as: UTF8.self)
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        guard name == "loc", let value = text else { return }
        locations.append(value.trimmingCharacters(in: .whitespacesAndNewlines))
        text = nil
    }
}
