import Foundation

/// A date or date-time written in content, kept as written so that a date-only value can
/// mean "the whole local day" in the site's zone.
public enum Timestamp: Hashable, Sendable, Codable {
    /// `2026-03-05`: a local calendar day.
    case day(LocalDate)
    /// `2026-03-05T08:00:00+07:00`: an exact instant. Without an offset the site's zone applies.
    case instant(Date)

    /// Parses `YYYY-MM-DD` or `YYYY-MM-DD[T ]HH:MM[:SS[.fff]][Z|±HH:MM|±HHMM]`.
    /// A date-time without an offset is read in `calendar`'s zone.
    public static func parse(_ raw: String, in calendar: SiteCalendar) -> Timestamp? {
        let text = FastText.trimmed(raw)
        if text.count == 10 {
            return LocalDate(iso: text).map(Timestamp.day)
        }
        guard let parsed = parseDateTime(text) else { return nil }
        let instant: Date
        if let offset = parsed.offset {
            let base = Double(parsed.date.dayNumber) * 86_400 + Double(parsed.secondsOfDay)
            instant = Date(timeIntervalSince1970: base - Double(offset))
        } else {
            instant = calendar.startOfDay(parsed.date).addingTimeInterval(Double(parsed.secondsOfDay))
        }
        // Keep instants whose local date stays a four-digit year everywhere.
        guard (Self.earliest...Self.latest).contains(instant) else { return nil }
        return .instant(instant)
    }

    static let earliest = Date(timeIntervalSince1970: -2_208_988_800)  // 1900-01-01T00:00:00Z
    static let latest = Date(timeIntervalSince1970: 253_370_764_800)  // 9999-01-01T00:00:00Z

    /// Parses an ISO 8601 date-time that must carry an offset (`Z` or `±HH:MM`), as `--now` takes.
    public static func parseInstantWithOffset(_ raw: String) -> Date? {
        guard let parsed = parseDateTime(FastText.trimmed(raw)),
              let offset = parsed.offset else { return nil }
        let base = Double(parsed.date.dayNumber) * 86_400 + Double(parsed.secondsOfDay)
        return Date(timeIntervalSince1970: base - Double(offset))
    }

    private struct Parsed {
        var date: LocalDate
        var secondsOfDay: Double
        var offset: Int?
    }

    private static func parseDateTime(_ text: String) -> Parsed? {
        let chars = Array(text)
        guard chars.count >= 16, let date = LocalDate(iso: String(chars[0..<10])),
              chars[10] == "T" || chars[10] == " " || chars[10] == "t" else { return nil }
        var i = 11
        func number(_ width: Int) -> Int? {
            guard i + width <= chars.count else { return nil }
            let slice = chars[i..<(i + width)]
            guard slice.allSatisfy(\.isASCIIDigit) else { return nil }
            i += width
            return Int(String(slice))
        }
        guard let hour = number(2), hour < 24, i < chars.count, chars[i] == ":" else { return nil }
        i += 1
        guard let minute = number(2), minute < 60 else { return nil }
        var second = 0.0
        if i < chars.count, chars[i] == ":" {
            i += 1
            guard let s = number(2), s < 60 else { return nil }
            second = Double(s)
            if i < chars.count, chars[i] == "." || chars[i] == "," {
                i += 1
                let start = i
                while i < chars.count, chars[i].isASCIIDigit { i += 1 }
                guard i > start, let fraction = Double("0." + String(chars[start..<i])) else { return nil }
                second += fraction
            }
        }
        var offset: Int?
        if i < chars.count {
            let sign = chars[i]
            if sign == "Z" || sign == "z" {
                offset = 0
                i += 1
            } else if sign == "+" || sign == "-" {
                i += 1
                guard let oh = number(2), oh <= 14 else { return nil }
                if i < chars.count, chars[i] == ":" { i += 1 }
                guard let om = number(2), om < 60 else { return nil }
                offset = (sign == "-" ? -1 : 1) * (oh * 3600 + om * 60)
            } else {
                return nil
            }
        }
        guard i == chars.count else { return nil }
        return Parsed(date: date, secondsOfDay: Double(hour * 3600 + minute * 60) + second, offset: offset)
    }

    /// Formats an instant as ISO 8601 with the given offset, to the second.
    public static func format(_ instant: Date, offsetSeconds: Int) -> String {
        let local = Int(floor(instant.timeIntervalSince1970)) + offsetSeconds
        let days = Int(floor(Double(local) / 86_400))
        let secs = local - days * 86_400
        let date = LocalDate(dayNumber: days)
        let time = FastText.padded(secs / 3600, 2) + ":" + FastText.padded((secs % 3600) / 60, 2) + ":" + FastText.padded(secs % 60, 2)
        let zone: String
        if offsetSeconds == 0 {
            zone = "Z"
        } else {
            let a = abs(offsetSeconds)
            zone = (offsetSeconds < 0 ? "-" : "+") + FastText.padded(a / 3600, 2) + ":" + FastText.padded((a % 3600) / 60, 2)
        }
        return "\(date.iso)T\(time)\(zone)"
    }
}
