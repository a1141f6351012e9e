import CongKhaiCore
import Foundation

/// The sources a command works from when some files have errors: each broken file replaced by
/// its last valid version (`LastValidSources`), or left out when it never had one.
///
/// The unit that falls back is what can be published on its own: a notice file, a bundle folder
/// (its `index.md` with its attachments), a page, `content/site.yaml`, or the whole `theme/`
/// (templates depend on each other). Because a replaced file can clash with the others (an id
/// used twice, a type the old `site.yaml` lacked), the result is loaded again, and any unit
/// still in error moves on: current → last valid version → left out, until the whole loads.
public struct SourceResolver: Sendable {
    let root: URL
    /// Where last valid versions are kept; nil when there is no output folder to keep them beside.
    let state: LastValidSources?
    /// True for a preview: drafts are shown as notices.
    var includeDrafts = false

    init(root: URL, state: LastValidSources?, includeDrafts: Bool = false) {
        self.root = root
        self.state = state
        self.includeDrafts = includeDrafts
    }

    /// The sources of the site at `root`, with the last valid versions kept beside `output`
    /// (default `ROOT/site`) by the builds that published there.
    public init(root: URL, output: URL? = nil) {
        self.root = root.standardizedFileURL
        state = LastValidSources(output: (output ?? root.appendingPathComponent("site")).standardizedFileURL)
    }

    /// Resolves the content only (no theme), for commands that render nothing. Remove what it
    /// composed with `cleanUp()` when done.
    public func resolveContent() -> Resolution { resolve(withTheme: false) }


    /// What the resolver settled on.
    public struct Resolution {
        /// Where to read the sources from: the site root, or a folder composed from current files
        /// and last valid versions (remove it with `cleanUp()` once the build has read it).
        public let root: URL
        public let content: SiteContent?
        let theme: Theme?
        /// Every diagnostic: the current files' errors and warnings, and errors found once files
        /// were replaced (an id used twice, …).
        public let problems: [Diagnostic]
        /// One warning per unit that fell back or was left out.
        public let notes: [Diagnostic]
        /// Everything to print: problems, then notes.
        public var diagnostics: [Diagnostic] { (problems + notes).sortedForReport }
        /// Units taken from their last valid version, and units left out.
        public let fallbacks: [String]
        public let excluded: [String]
        /// When the last valid versions were saved, if any exist.
        public let savedAt: String?
        /// True when the current sources have errors (the command must exit 1).
        public var hasErrors: Bool { diagnostics.hasErrors }
        var isDegraded: Bool { root != originalRoot }
        let originalRoot: URL
        /// Parses of this resolution's notice files, for the next build (`SiteBuilder` saves it).
        var parseCache: ParseCache?

        /// True when the notice or page at `sourcePath` comes from its last valid version.
        public func isFallback(_ sourcePath: String) -> Bool {
            fallbacks.contains { SourceResolver.contains($0, sourcePath) }
        }

        public func cleanUp() {
            if isDegraded { TreeRemoval.remove(root) }
        }
    }

    private enum Choice { case fallback, excluded }

    /// Loads the current sources and, if they have errors, composes the best site it can.
    /// `withTheme: false` skips the theme (commands that render nothing).
    /// `publishing: true` (a build) composes nothing when no last valid versions exist.
    func resolve(withTheme: Bool, publishing: Bool = false) -> Resolution {
        let cache = state.map { ParseCache(state: $0, writing: publishing) }
        var resolution = resolve(withTheme: withTheme, publishing: publishing, cache: cache)
        resolution.parseCache = cache
        return resolution
    }

    private func resolve(withTheme: Bool, publishing: Bool, cache: ParseCache?) -> Resolution {
        var (content, diagnostics) = SiteContent.load(root: root, includeDrafts: includeDrafts, cache: cache)
        let manifest = state?.manifest()
        // Files exactly as a previous build published them are not held to checks this version
        // added: a stricter CongKhai must not take a notice offline in its posting period.
        var lenient: Set<String> = []
        if content == nil, let manifest {
            let units = Set(diagnostics.filter { $0.severity == .error && NoticeLoader.isStricterCheck($0) }.compactMap { Self.unit(for: $0.path) })
            lenient = Set(units.filter { !isChanged($0, manifest) }.flatMap { unit in [unit, unit + "/index.md"] })
            if !lenient.isEmpty { (content, diagnostics) = SiteContent.load(root: root, includeDrafts: includeDrafts, lenient: lenient, cache: cache) }
        }
        var (theme, themeDiagnostics): (Theme?, [Diagnostic]) = (nil, [])
        if let content, withTheme { (theme, themeDiagnostics) = Theme.load(root: root, language: content.config.language) }
        let current = diagnostics + themeDiagnostics
        if content != nil, !withTheme || theme != nil {
            return Resolution(root: root, content: content, theme: theme, problems: current, notes: [], fallbacks: [],
                              excluded: [], savedAt: manifest?.saved, originalRoot: root)
        }
        // A build publishes a site with errors only from the last valid versions of an earlier
        // build; without them there is nothing to compose.
        if publishing, manifest == nil {
            return Resolution(root: root, content: nil, theme: nil, problems: current, notes: [], fallbacks: [],
                              excluded: [], savedAt: nil, originalRoot: root)
        }
        var choices: [String: Choice] = [:]
        var reported = Set(current)
        var extra: [Diagnostic] = []
        var errors = current.filter { $0.severity == .error && !$0.isNonBlocking }
        for _ in 0..<64 {
            guard mark(errors, in: &choices, manifest: manifest) else { break }
            guard let composed = try? compose(choices, manifest: manifest) else { break }
            // A unit's last valid version is what a build published: lenient like an unchanged file.
            let fallbacks = choices.filter { $0.value == .fallback }.keys.flatMap { [$0, $0 + "/index.md"] }
            let (loaded, found) = SiteContent.load(root: composed, includeDrafts: includeDrafts, lenient: lenient.union(fallbacks),
                                                   cache: cache)
            var (composedTheme, themeFound): (Theme?, [Diagnostic]) = (nil, [])
            if let loaded, withTheme {
                (composedTheme, themeFound) = Theme.load(root: composed, language: loaded.config.language)
            }
            errors = (found + themeFound).filter { $0.severity == .error && !$0.isNonBlocking }
            if let loaded, !withTheme || composedTheme != nil {
                return Resolution(root: composed, content: loaded, theme: composedTheme,
                                  problems: current + extra, notes: notes(choices, savedAt: manifest?.saved, manifest: manifest),
                                  fallbacks: choices.filter { $0.value == .fallback }.map(\.key).sorted(),
                                  excluded: choices.filter { $0.value == .excluded }.map(\.key).sorted(),
                                  savedAt: manifest?.saved, originalRoot: root)
            }
            TreeRemoval.remove(composed)
            for error in errors where reported.insert(error).inserted { extra.append(error) }
        }
        return Resolution(root: root, content: nil, theme: nil, problems: current + extra, notes: [], fallbacks: [],
                          excluded: [], savedAt: manifest?.saved, originalRoot: root)
    }

    /// One warning per unit that fell back or was left out, at the unit's path.
    private func notes(_ choices: [String: Choice], savedAt: String?, manifest: LastValidSources.Manifest?) -> [Diagnostic] {
        choices.sorted { $0.key < $1.key }.map { unit, choice in
            if choice == .fallback { return .warning(unit, nil, .lastValidVersionUsed(savedAt: savedAt ?? "")) }
            return hasFallback(unit, manifest) ? .warning(unit, nil, .lastValidVersionRejected)
                : .warning(unit, nil, .brokenNotPublished)
        }
    }

    /// True when the unit has a last valid version whose every stored file is intact.
    private func hasFallback(_ unit: String, _ manifest: LastValidSources.Manifest?) -> Bool {
        guard let manifest, let state else { return false }
        let entries = manifest.files.filter { Self.contains(unit, $0.key) }.values
        return !entries.isEmpty && entries.allSatisfy { state.contents($0) != nil }
    }

    /// True when the unit's current files are not exactly its last valid version (new or edited).
    private func isChanged(_ unit: String, _ manifest: LastValidSources.Manifest?) -> Bool {
        guard let manifest else { return true }
        let current = LastValidSources.sourceFiles(under: root).filter { Self.contains(unit, $0) }
        let saved = manifest.files.filter { Self.contains(unit, $0.key) }
        guard Set(current) == Set(saved.keys) else { return true }
        return current.contains { path in
            let data = (try? Data(contentsOf: root.appendingPathComponent(path))) ?? Data()
            return PublicationJournal.sha256(data) != saved[path]?.sha256
        }
    }

    /// The units to blame for `errors`. A clash between files (an id used twice) blames the file
    /// that changed, not the live notice it clashes with; errors in files that did not change,
    /// while `site.yaml` did, blame `site.yaml` first (a removed commune or type must not take
    /// every unchanged notice offline).
    private func blamed(_ errors: [Diagnostic], choices: [String: Choice], manifest: LastValidSources.Manifest?) -> [String?] {
        var units: [String?] = []
        for error in errors {
            let unit = Self.unit(for: error.path)
            if case .duplicateId(_, let other) = error.message, let unit, let otherUnit = Self.unit(for: other),
               choices[unit] == nil, choices[otherUnit] == nil,
               !isChanged(unit, manifest), isChanged(otherUnit, manifest) {
                units.append(otherUnit)
            } else {
                units.append(unit)
            }
        }
        let config = SiteConfigLoader.path
        if choices[config] == nil, !units.contains(config), hasFallback(config, manifest), isChanged(config, manifest),
           units.contains(where: { $0 != nil && !isChanged($0!, manifest) }) {
            return [config]
        }
        return units
    }

    /// Moves every unit with an error one step on. False when an error cannot be attributed to a
    /// unit that can fall back (no path, `site.yaml` with no valid version, …).
    private func mark(_ errors: [Diagnostic], in choices: inout [String: Choice], manifest: LastValidSources.Manifest?) -> Bool {
        guard !errors.isEmpty else { return false }
        for unit in Set(blamed(errors, choices: choices, manifest: manifest)) {
            guard let unit else { return false }
            let hasFallback = hasFallback(unit, manifest)
            switch choices[unit] {
            case nil: choices[unit] = hasFallback ? .fallback : .excluded
            case .fallback?: choices[unit] = .excluded
            case .excluded?: return false
            }
            // The site cannot be built without its configuration.
            if unit == SiteConfigLoader.path, choices[unit] == .excluded { return false }
        }
        return true
    }

    /// The unit a diagnostic's file belongs to.
    static func unit(for path: String?) -> String? {
        guard let path else { return nil }
        if path.hasPrefix("theme/") { return "theme" }
        guard path.hasPrefix("content/") else { return nil }
        if path.hasPrefix("content/notices/"), path.hasSuffix("/index.md") {
            return String(path.dropLast("/index.md".count))
        }
        return path
    }

    static func contains(_ unit: String, _ path: String) -> Bool {
        path == unit || path.hasPrefix(unit + "/")
    }

    /// A folder with the current files of every unit not chosen (copies), and the last valid
    /// version of every unit that falls back (written from the stored bytes, checked against
    /// their SHA-256).
    private func compose(_ choices: [String: Choice], manifest: LastValidSources.Manifest?) throws -> URL {
        let fm = FileManager.default
        let parent = state?.folder ?? fm.temporaryDirectory.appendingPathComponent("congkhai-compose")
        try fm.createDirectory(at: parent, withIntermediateDirectories: true)
        Self.removeAbandonedCompositions(in: parent)
        let folder = parent.appendingPathComponent("compose-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try fm.createDirectory(at: folder, withIntermediateDirectories: false)
        // Current files are copied, not linked: a link would change their status-change time,
        // which `LastValidSources.save` reads to tell a file edited during the build.
        func target(_ path: String) throws -> URL {
            let target = folder.appendingPathComponent(path)
            try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            return target
        }
        let chosen = Array(choices.keys)
        for path in LastValidSources.sourceFiles(under: root) where !chosen.contains(where: { Self.contains($0, path) }) {
            try fm.copyItem(at: root.appendingPathComponent(path), to: try target(path))
        }
        if let manifest, let state {
            for (path, entry) in manifest.files.sorted(by: { $0.key < $1.key }) {
                guard let unit = chosen.first(where: { Self.contains($0, path) }), choices[unit] == .fallback else { continue }
                // Stored bytes another process just deleted, or damaged: that unit has no
                // fallback, the others still do (its load fails and it is left out on the next round).
                guard let data = state.contents(entry) else { continue }
                try data.write(to: try target(path))
            }
        }
        return folder
    }

    /// Compositions left by a process that was killed (its pid no longer runs).
    private static func removeAbandonedCompositions(in parent: URL) {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? [] where name.hasPrefix("compose-") {
            let parts = name.split(separator: "-")
            guard parts.count == 3, let pid = Int32(parts[1]), pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { continue }
            TreeRemoval.remove(parent.appendingPathComponent(name))
        }
    }
}
