import CongKhaiCore
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

extension SiteAuditor {
    /// Audits a deployed site over HTTP: reads `notices.json`, `sitemap.xml`, `feed.xml`, the home
    /// page and every page the sitemap lists, and asks for the page of every notice not being
    /// posted, which must not be served.
    public func audit(url base: URL) async -> Result {
        let root = base.absoluteString.hasSuffix("/") ? base : base.appendingPathComponent("")
        var files: [(path: String, data: Data)] = []
        var fetched = Set<String>()
        // Only "not found" means absent: an error or a timeout proves nothing, so it is a problem
        // of its own (otherwise a server that is down would pass as one hiding every old notice).
        var unreachable: [Diagnostic] = []
        enum Fetched { case data(Data), absent, unknown }
        var answers: [String: Fetched] = [:]  // each address is asked (and reported) once
        func get(_ path: String) async -> Fetched {
            if let known = answers[path] { return known }
            let answer = await request(path)
            answers[path] = answer
            return answer
        }
        func request(_ path: String) async -> Fetched {
            guard let url = URL(string: path, relativeTo: root) else { return .absent }
            var request = URLRequest(url: url)
            request.timeoutInterval = 20
            request.cachePolicy = .reloadIgnoringLocalCacheData
            let reason: String
            do {
                let (data, response) = try await URLSession.shared.data(for: request)
                let status = (response as? HTTPURLResponse)?.statusCode ?? 0
                switch status {
                case 200: return .data(data)
                // Not served (object stores answer 403 for a key that does not exist).
                case 401, 403, 404, 410: return .absent
                default: reason = "HTTP \(status)"
                }
            } catch {
                reason = error.localizedDescription
            }
            unreachable.append(.error(url.absoluteString, nil, .remoteUnreachable(reason: reason)))
            return .unknown
        }
        var listingKnown = true
        func add(_ path: String) async {
            guard fetched.insert(path).inserted else { return }
            switch await get(path.isEmpty ? "./" : path) {
            case .data(let data): files.append((path, data))
            case .absent: break
            case .unknown: if path == "notices.json" { listingKnown = false }
            }
        }
        for path in ["notices.json", "sitemap.xml", "feed.xml", ""] { await add(path) }
        let basePath = URLComponents(url: root, resolvingAgainstBaseURL: true)?.path ?? "/"
        if let sitemap = files.first(where: { $0.path == "sitemap.xml" })?.data {
            for loc in Self.locations(in: sitemap) {
                guard let components = URLComponents(string: loc), components.path.hasPrefix(basePath) else { continue }
                await add(String(components.path.dropFirst(basePath.count)))
            }
        }
        for (id, status) in content.schedule.statuses(at: now).sorted(by: { $0.key < $1.key }) where status != .active {
            await add(SiteURLs.notice(id))
        }
        let pages = Set(files.map(\.path))
        let result = await audit(files: files.map { ($0.path, $0.data) },
                                 label: { URL(string: $0, relativeTo: root)?.absoluteString ?? $0 },
                                 listingKnown: listingKnown,
                                 hasPage: { path in
                                     let folder = String(path.dropLast("index.html".count))
                                     if pages.contains(folder) { return true }
                                     switch await get(folder) {
                                     case .data: return true
                                     case .absent: return false
                                     case .unknown: return nil
                                     }
                                 })
        return Result(problems: (unreachable + result.problems).sortedForReport, filesChecked: result.filesChecked,
                      activeNotices: result.activeNotices, hiddenNotices: result.hiddenNotices)
    }

    /// `<loc>` values of a sitemap.
    static func locations(in data: Data) -> [String] {
        let text = String(decoding: data, as: UTF8.self)
        var result: [String] = []
        var rest = text[...]
        while let open = rest.range(of: "<loc>"), let close = rest.range(of: "</loc>", range: open.upperBound..<rest.endIndex) {
            result.append(String(rest[open.upperBound..<close.lowerBound])
                .replacingOccurrences(of: "&amp;", with: "&").trimmingCharacters(in: .whitespaces))
            rest = rest[close.upperBound...]
        }
        return result
    }
}
