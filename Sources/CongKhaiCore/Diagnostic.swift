/// A problem found in content, theme or configuration, with where it is.
public struct Diagnostic: Sendable, Hashable, Codable {
    public enum Severity: String, Sendable, Codable {
        case error
        case warning
    }

    public let severity: Severity
    /// Path relative to the site root, or nil for problems with no file.
    public let path: String?
    public let position: SourcePosition?
    public let message: DiagnosticMessage

    public init(_ severity: Severity = .error, path: String?, position: SourcePosition? = nil,
                _ message: DiagnosticMessage) {
        self.severity = severity
        self.path = path
        self.position = position
        self.message = message
    }

    public static func error(_ path: String?, _ position: SourcePosition? = nil,
                             _ message: DiagnosticMessage) -> Diagnostic {
        Diagnostic(.error, path: path, position: position, message)
    }

    public static func warning(_ path: String?, _ position: SourcePosition? = nil,
                               _ message: DiagnosticMessage) -> Diagnostic {
        Diagnostic(.warning, path: path, position: position, message)
    }

    /// `path:line:col: lỗi: message` — the form editors and terminals understand.
    public func formatted(in language: Language) -> String {
        var prefix = ""
        if let path {
            prefix = path
            if let position { prefix += ":\(position.line):\(position.column)" }
            prefix += ": "
        }
        let label: String
        switch (severity, language) {
        case (.error, .vi): label = "lỗi"
        case (.warning, .vi): label = "cảnh báo"
        case (.error, .en): label = "error"
        case (.warning, .en): label = "warning"
        }
        return "\(prefix)\(label): \(message.text(in: language))"
    }
}

extension Array where Element == Diagnostic {
    public var hasErrors: Bool { contains { $0.severity == .error } }

    /// Sorted by path, line and column so reports are stable; a diagnostic found twice (by two
    /// steps that check the same thing) is reported once.
    public var sortedForReport: [Diagnostic] {
        var seen = Set<Diagnostic>()
        return filter { seen.insert($0).inserted }.enumerated().sorted { a, b in
            let l = (a.element.path ?? "", a.element.position?.line ?? 0, a.element.position?.column ?? 0)
            let r = (b.element.path ?? "", b.element.position?.line ?? 0, b.element.position?.column ?? 0)
            return l != r ? l < r : a.offset < b.offset
        }.map(\.element)
    }
}
