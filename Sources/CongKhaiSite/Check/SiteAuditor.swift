import CongKhaiCore
import Foundation

/// Audits an already-built site against the content and a clock, without rebuilding:
/// every notice not being posted must be absent, every notice being posted present.
public struct SiteAuditor: Sendable {
    public let content: SiteContent
    public let now: Date

    public init(content: SiteContent, now: Date) {
        self.content = content
        self.now = now
    }

    /// What an audit looked at and found.
    public struct Result: Sendable {
        public let problems: [Diagnostic]
        public let filesChecked: Int
        public let activeNotices: Int
        public let hiddenNotices: Int
    }

    /// Audits `files` (path shown in messages → bytes) and asks `hasPage` whether a notice's page
    /// is there (nil: it could not be told, already reported). `label` turns a site path into what
    /// messages show (a folder path or a URL). `listingKnown: false` means `notices.json` could not
    /// be fetched, so no notice is called missing from it.
    public func audit(files: [(path: String, data: Data)], label: (String) -> String, listingKnown: Bool = true,
                      hasPage: (String) async -> Bool?) async -> Result {
        let statuses = content.schedule.statuses(at: now)
        let hidden = statuses.filter { $0.value != .active }
        let scanner = NoticeReferenceScanner(targets: hidden)
        let calendar = content.config.calendar
        let starts = Dictionary(content.notices.map { ($0.id, calendar.iso8601($0.period.start)) },
                                uniquingKeysWith: { a, _ in a })
        var problems: [Diagnostic] = []
        for (path, data) in files.sorted(by: { $0.path < $1.path }) {
            var seen = Set<String>()
            let inPath = scanner.scan(Data(path.utf8)).map { ($0, SourcePosition?.none) }
            // Positions only for what is reported (a listing links to thousands of live notices:
            // computing each one's line and column would scan the file once per link).
            let inData = scanner.scan(data, relativeLinksLeadToNotices: path.hasPrefix("thong-bao/"), json: path == "search.json" || path == "notices.json").map { ($0, Optional(NoticeReferenceScanner.position(of: $0.offset, in: data))) }
            // Pages of notices the content does not know at all (a deleted source file).
            let unknown = NoticeReferenceScanner.noticeURLs(in: Data(path.utf8)).filter { statuses[$0.id] == nil }
                .map { ($0, SourcePosition?.none) }
                + NoticeReferenceScanner.noticeURLs(in: data, siteURL: content.config.baseURL).filter { statuses[$0.id] == nil }
                    .map { ($0, Optional(NoticeReferenceScanner.position(of: $0.offset, in: data))) }
            for (match, position) in unknown where seen.insert(match.id).inserted {
                problems.append(.error(label(path), position, .unknownNoticeInSite(noticeId: match.id)))
            }
            if path == "notices.json" {
                for id in Self.listedIds(in: data).sorted() where statuses[id] == nil && seen.insert(id).inserted {
                    problems.append(.error(label(path), nil, .unknownNoticeInSite(noticeId: id)))
                }
            }
            for (match, position) in inPath + inData where seen.insert(match.id).inserted {
                let status = hidden[match.id]!
                let message: DiagnosticMessage = status == .scheduled
                    ? .scheduledPublished(noticeId: match.id, start: starts[match.id] ?? "")
                    : .staleInSite(noticeId: match.id, status: status)
                problems.append(.error(label(path), position, message))
            }
        }
        let active = content.notices.filter { statuses[$0.id] == .active }.sorted { $0.id < $1.id }
        let listed = Self.listedIds(in: files.first { $0.path == "notices.json" }?.data)
        for notice in active {
            let pagePath = SiteURLs.file(forPage: SiteURLs.notice(notice.id))
            guard let present = await hasPage(pagePath) else { continue }
            if !present || (listingKnown && !listed.contains(notice.id)) {
                problems.append(.error(label(present ? "notices.json" : pagePath), nil,
                                       .missingFromSite(noticeId: notice.id, start: starts[notice.id] ?? "")))
            }
        }
        return Result(problems: problems, filesChecked: files.filter { !($0.path.hasSuffix("/") && $0.data.isEmpty) }.count, activeNotices: active.count,
                      hiddenNotices: hidden.count)
    }

    private static func listedIds(in data: Data?) -> Set<String> {
        guard let data, let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let notices = object["notices"] as? [[String: Any]] else { return [] }
        return Set(notices.compactMap { $0["id"] as? String })
    }

    /// Audits a site folder on disk.
    public func audit(folder: URL, displayPrefix: String) async -> Result {
        var files: [(path: String, data: Data)] = []
        let base = folder.standardizedFileURL.path
        if let walker = FileManager.default.enumerator(atPath: base) {
            while let path = walker.nextObject() as? String {
                var isDirectory: ObjCBool = false
                let full = base + "/" + path
                guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory) else { continue }
                if !isDirectory.boolValue, let data = FileManager.default.contents(atPath: full) {
                    files.append((path, data))
                } else if isDirectory.boolValue,
                          (try? FileManager.default.contentsOfDirectory(atPath: full))?.isEmpty == true {
                    files.append((path + "/", Data()))  // an empty notice folder still counts
                }
            }
        }
        return await audit(files: files, label: { displayPrefix + $0 }, hasPage: { path in
            FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path)
        })
    }
}
