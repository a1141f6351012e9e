import Foundation

/// A calendar day with no time and no zone (`2026-04-06`), as clerks write dates.
public struct LocalDate: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Creates a date if it exists in the proleptic Gregorian calendar (no `2026-02-30`).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...LocalDate.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses exactly `YYYY-MM-DD`.
    public init?(iso text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// The date a clerk most likely meant by `text` when it is not ISO: `27/11/2026`,
    /// `27-11-2026`, `27.11.2026` (day first, as Vietnamese write it), `2026/11/27`, `2026-11-7`.
    /// Nil when nothing plausible is found (or the text is already a valid ISO date).
    public static func guess(from text: String) -> LocalDate? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard LocalDate(iso: trimmed) == nil else { return nil }
        let parts = trimmed.split(whereSeparator: { "/-. ".contains($0) }).map(String.init)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && Int($0) != nil }) else { return nil }
        let numbers = parts.map { Int($0)! }
        if parts[0].count == 4 { return LocalDate(year: numbers[0], month: numbers[1], day: numbers[2]) }
        if parts[2].count == 4 { return LocalDate(year: numbers[2], month: numbers[1], day: numbers[0]) }
        return nil
    }

    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (negative before). Civil-from-days algorithm (H. Hinnant).
    public var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The date `dayNumber` days after 1970-01-01.
    public init(dayNumber z0: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.month = m
        self.day = d
    }

    public func adding(days: Int) -> LocalDate { LocalDate(dayNumber: dayNumber + days) }

    /// Whole days from `self` to `other` (positive when `other` is later).
    public func days(until other: LocalDate) -> Int { other.dayNumber - dayNumber }

    /// ISO weekday: 1 = Monday … 7 = Sunday.
    public var isoWeekday: Int {
        let w = (dayNumber + 3) % 7  // 1970-01-01 was a Thursday (ISO 4)
        return (w < 0 ? w + 7 : w) + 1
    }

    public var isWeekend: Bool { isoWeekday >= 6 }

    /// `2026-04-06`
    public var description: String { iso }

    public var iso: String {
        FastText.padded(year, 4) + "-" + FastText.padded(month, 2) + "-" + FastText.padded(day, 2)
    }

    /// Short Vietnamese style: `06/04/2026`.
    public var short: String {
        FastText.padded(day, 2) + "/" + FastText.padded(month, 2) + "/" + FastText.padded(year, 4)
    }

    /// Formal Vietnamese style: `ngày 05 tháng 3 năm 2024` (zero-padded day below 10 and months 1–2 only).
    public var formalVietnamese: String {
        let monthText = month <= 2 ? FastText.padded(month, 2) : String(month)
        return "ngày \(FastText.padded(day, 2)) tháng \(monthText) năm \(year)"
    }

    /// English long style: `5 March 2024`.
    public var formalEnglish: String {
        let names = ["January", "February", "March", "April", "May", "June", "July",
                     "August", "September", "October", "November", "December"]
        return "\(day) \(names[month - 1]) \(year)"
    }

    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
