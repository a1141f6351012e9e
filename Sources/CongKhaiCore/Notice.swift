import Foundation

/// A position in a source file, 1-based, columns counted in Unicode scalars.
public struct SourcePosition: Hashable, Sendable, Codable {
    public let line: Int
    public let column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
}

/// A file attached to a notice bundle.
public struct Attachment: Hashable, Sendable, Codable {
    /// File name relative to the bundle folder.
    public let file: String
    public let title: String
    /// Size in bytes, known once the loader has checked the file.
    public var size: Int

    public init(file: String, title: String, size: Int = 0) {
        self.file = file
        self.title = title
        self.size = size
    }
}

/// One extension of a notice's posting period, as `congkhai extend` records it in front matter.
public struct PeriodExtension: Hashable, Sendable, Codable {
    /// The day the extension was decided.
    public let date: LocalDate
    /// The new last day of posting.
    public let to: LocalDate
    /// The last day before this extension, when recorded.
    public let previous: LocalDate?
    public let reason: String?

    public init(date: LocalDate, to: LocalDate, previous: LocalDate?, reason: String?) {
        self.date = date
        self.to = to
        self.previous = previous
        self.reason = reason
    }
}

/// One notice as the clerk wrote it, validated.
public struct Notice: Sendable, Codable {
    /// The notice's id: file or bundle name, or front matter `slug`.
    public var id: String
    /// Path of the Markdown file relative to the site root (`content/notices/…`).
    public var sourcePath: String
    /// Absolute folder of a bundle (`…/<id>/`), nil for a single-file notice.
    public var bundleDirectory: URL?
    public var title: String
    public var type: NoticeType
    public var commune: String?
    public var number: String?
    public var issuer: String
    public var signed: LocalDate?
    public var posted: Timestamp
    public var expires: Timestamp
    public var period: PostingPeriod
    public var summary: String?
    public var attachments: [Attachment]
    public var supersedes: [String]
    /// Why the notice was withdrawn (`withdrawn:`); non-nil means withdrawn.
    public var withdrawn: String?
    /// The day it was withdrawn (`withdrawn: {date, reason}`), when given.
    public var withdrawnOn: LocalDate?
    /// Notices this one corrects (`corrects:`): published beside them, not instead of them.
    public var corrects: [String] = []
    /// Extensions of the posting period, oldest first (`extended:`).
    public var extensions: [PeriodExtension] = []
    /// Markdown body (after the front matter).
    public var body: String
    /// Line in the source file where the body starts.
    public var bodyLine: Int
    /// Where the paper notice is posted (for the posting record); empty means the theme's defaults.
    public var places: [String]
    /// The posting rule applied (in force on `signed`, else on `posted`), if the type has one.
    public var rule: PostingRule?
    /// For land recovery notices: `nong-nghiep` or `phi-nong-nghiep` (which lead time applies).
    public var landKind: String?
    /// Lists of households, parcels or amounts: kept out of search engines and the sitemap.
    public var personalData: Bool = false
    /// `draft: true`: validated and previewed, never published.
    public var draft: Bool = false
    /// What residents must do, and by when (`opinions_until`, `meeting`, `send_to`, `contact`).
    public var action = NoticeAction()
    /// `project:` — notices of one project link to each other while they are posted.
    public var project: String?
    /// SHA-256 of the source file's bytes as loaded ("" when not loaded from a file): part of
    /// the page cache's key, so the file is not read again to render.
    public var sourceSHA256 = ""
    /// Where each front matter key's value is, for diagnostics that come later (supersedes, …).
    public var positions: [String: SourcePosition]

    public init(id: String, sourcePath: String, bundleDirectory: URL?, title: String, type: NoticeType,
                commune: String?, number: String?, issuer: String, signed: LocalDate?, posted: Timestamp,
                expires: Timestamp, period: PostingPeriod, summary: String?, attachments: [Attachment],
                supersedes: [String], withdrawn: String?, body: String, bodyLine: Int,
                positions: [String: SourcePosition], places: [String] = []) {
        self.id = id
        self.sourcePath = sourcePath
        self.bundleDirectory = bundleDirectory
        self.title = title
        self.type = type
        self.commune = commune
        self.number = number
        self.issuer = issuer
        self.signed = signed
        self.posted = posted
        self.expires = expires
        self.period = period
        self.summary = summary
        self.attachments = attachments
        self.supersedes = supersedes
        self.withdrawn = withdrawn
        self.body = body
        self.bodyLine = bodyLine
        self.positions = positions
        self.places = places
    }

    /// The local day on which posting ends.
    public func lastDay(in calendar: SiteCalendar) -> LocalDate {
        calendar.localDate(of: period.lastInstant)
    }

    /// The local day on which posting starts.
    public func firstDay(in calendar: SiteCalendar) -> LocalDate {
        calendar.localDate(of: period.start)
    }
}

/// What a notice asks of residents: the last day for opinions, a meeting, where to send
/// opinions and whom to ask. Every part is optional; the site's `contact:` fills the gaps.
public struct NoticeAction: Sendable, Hashable, Codable {
    public var opinionsUntil: LocalDate?
    public var meetingTime: Timestamp?
    public var meetingPlace: String?
    public var sendTo: String?
    /// `name`, `phone`, `email`, `address`, `office_hours`.
    public var contact: [String: String] = [:]

    public init() {}

    public var isEmpty: Bool {
        opinionsUntil == nil && meetingTime == nil && meetingPlace == nil && sendTo == nil && contact.isEmpty
    }
}
