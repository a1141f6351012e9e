import Foundation

/// Decides, for any instant, which status each notice has and when the published set changes.
///
/// Precedence: withdrawn; then superseded (listed in `supersedes` by a notice that is itself
/// being posted by date and not withdrawn); then by date: scheduled, active or expired.
public struct PublicationSchedule: Sendable {
    private struct Entry: Sendable {
        let id: String
        let period: PostingPeriod
        let withdrawn: Bool
        let supersedes: [String]
    }

    private let entries: [Entry]

    public init(notices: [Notice]) {
        entries = notices.map {
            Entry(id: $0.id, period: $0.period, withdrawn: $0.withdrawn != nil, supersedes: $0.supersedes)
        }
    }

    /// The status of every notice at `now`, by id.
    public func statuses(at now: Date) -> [String: NoticeStatus] {
        var superseded = Set<String>()
        for entry in entries where !entry.withdrawn && entry.period.contains(now) {
            superseded.formUnion(entry.supersedes)
        }
        var result: [String: NoticeStatus] = [:]
        for entry in entries {
            if entry.withdrawn {
                result[entry.id] = .withdrawn
            } else if superseded.contains(entry.id) {
                result[entry.id] = .superseded
            } else if now < entry.period.start {
                result[entry.id] = .scheduled
            } else if now < entry.period.end {
                result[entry.id] = .active
            } else {
                result[entry.id] = .expired
            }
        }
        return result
    }

    /// The ids published at `now`.
    public func published(at now: Date) -> Set<String> {
        Set(statuses(at: now).compactMap { $0.value == .active ? $0.key : nil })
    }

    /// The first instant after `now` at which the set of published notices differs from now's,
    /// or nil if it never changes again.
    public func nextChange(after now: Date) -> Date? {
        let candidates = Set(entries.filter { !$0.withdrawn }.flatMap { [$0.period.start, $0.period.end] })
            .filter { $0 > now }
            .sorted()
        let current = published(at: now)
        return candidates.first { published(at: $0) != current }
    }
}
