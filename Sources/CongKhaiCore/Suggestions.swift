/// Finds the known names closest to a misspelt one, for "did you mean" hints.
public enum Suggestions {
    /// Up to `limit` candidates within an edit distance that grows with the word's length.
    public static func closest(to word: String, among candidates: [String], limit: Int = 2) -> [String] {
        let maxDistance = max(2, word.count / 3)
        let lowered = word.lowercased()
        var scored: [(name: String, distance: Int)] = []
        for candidate in candidates {
            let d = distance(lowered, candidate.lowercased())
            if d <= maxDistance || candidate.hasPrefix(word) || word.hasPrefix(candidate) {
                scored.append((candidate, d))
            }
        }
        scored.sort { $0.distance != $1.distance ? $0.distance < $1.distance : $0.name < $1.name }
        return scored.prefix(limit).map(\.name)
    }

    /// Levenshtein distance over Unicode scalars.
    public static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1,
                                 previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
