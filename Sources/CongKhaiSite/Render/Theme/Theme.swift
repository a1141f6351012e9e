import CongKhaiCore
import Foundation
import Mustache
import Yams

/// The default theme, compiled into the binary so a site needs no `theme/` folder.
public enum DefaultTheme {
    /// Path inside the theme → bytes.
    public static var files: [String: Data] {
        encodedFiles.compactMapValues { Data(base64Encoded: $0) }
    }
}

/// Templates, assets and interface strings: the default theme with a site's `theme/` files
/// overriding it by path.
struct Theme {
    /// Path inside the theme → bytes.
    let files: [String: Data]
    let library: MustacheLibrary
    /// Template name → source text, for `library(constants:)`.
    let templateTexts: [String: String]
    /// Interface strings for the site's language, from `strings/<lang>.yaml`.
    let strings: [String: String]

    /// SHA-256 of every file of the theme (path and bytes), for cache keys.
    var fingerprint: String {
        RenderCache.key(files.keys.sorted().flatMap { [$0, PublicationJournal.sha256(files[$0]!)] })
    }

    static let templateFolder = "templates/"
    static let assetFolder = "assets/"

    /// Loads the theme for `root`. Errors name the template or strings file that failed.
    static func load(root: URL, language: Language) -> (Theme?, [Diagnostic]) {
        var files = DefaultTheme.files
        var overrides: [String: Data] = [:]
        collect(root.appendingPathComponent("theme"), prefix: "", into: &overrides)
        files.merge(overrides) { $1 }

        _ = FastHTMLEscaping.registered
        var diagnostics: [Diagnostic] = []
        var library = MustacheLibrary()
        var templateTexts: [String: String] = [:]
        for (path, data) in files.sorted(by: { $0.key < $1.key })
        where path.hasPrefix(templateFolder) && path.hasSuffix(".mustache") {
            let name = String(path.dropFirst(templateFolder.count).dropLast(".mustache".count))
            guard let text = String(data: data, encoding: .utf8) else {
                diagnostics.append(.error("theme/" + path, nil, .invalidUTF8))
                continue
            }
            do {
                library.register(try MustacheTemplate(string: text), named: name)
                templateTexts[name] = text
            } catch {
                diagnostics.append(.error("theme/" + path, nil, .templateError(name: name, detail: "\(error)")))
            }
        }
        diagnostics += cycles(in: templateTexts)
        let stringsPath = "strings/\(language.rawValue).yaml"
        // A site's strings file overrides the default one key by key: a key it lacks keeps the
        // default text, with a warning (a theme written before that key existed still builds).
        let defaults = DefaultTheme.files[stringsPath].flatMap(Self.strings(in:)) ?? [:]
        var strings = defaults
        if let data = overrides[stringsPath] {
            if let own = Self.strings(in: data) {
                strings.merge(own) { $1 }
                for key in defaults.keys.sorted() where own[key] == nil {
                    diagnostics.append(.warning("theme/" + stringsPath, nil, .themeStringMissing(key: key)))
                }
            } else {
                diagnostics.append(.error("theme/" + stringsPath, nil, .themeStringsMissing(stringsPath)))
            }
        } else if defaults.isEmpty {
            diagnostics.append(.error("theme/" + stringsPath, nil, .themeStringsMissing(stringsPath)))
        }
        diagnostics += SearchSynonyms.diagnostics(in: files)
        guard !diagnostics.hasErrors else { return (nil, diagnostics) }
        return (Theme(files: files, library: library, templateTexts: templateTexts, strings: strings), diagnostics)
    }

    /// Partials (`{{>name}}`) and parents (`{{<name}}`) that lead back to their own template would
    /// recurse until the stack overflows: each loop is an error at the tag that closes it.
    static func cycles(in templates: [String: String]) -> [Diagnostic] {
        // Template → the templates it names, with the line of each tag.
        var edges: [String: [(target: String, line: Int)]] = [:]
        for (name, text) in templates {
            var line = 1
            var rest = Substring(text)
            // Mustache lets a template change its delimiters (`{{=<% %>=}}`); the scan follows,
            // so an include written `<%> page %>` cannot hide a loop.
            var (opening, closing) = ("{{", "}}")
            while let open = rest.range(of: opening) {
                line += rest[..<open.lowerBound].reduce(0) { $1 == "\n" ? $0 + 1 : $0 }
                // `{{{name}}}` (unescaped) ends with one more brace than the closing delimiter.
                guard let close = rest[open.upperBound...].range(of: closing) else { break }
                var tag = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
                if tag.first == "=", tag.last == "=" {
                    let parts = tag.dropFirst().dropLast().split(separator: " ", omittingEmptySubsequences: true)
                    if parts.count == 2 { (opening, closing) = (String(parts[0]), String(parts[1])) }
                    tag = ""
                }
                if let sigil = tag.first, sigil == ">" || sigil == "<" {
                    let target = tag.dropFirst().trimmingCharacters(in: .whitespaces)
                    if templates[target] != nil { edges[name, default: []].append((target, line)) }
                }
                line += rest[open.lowerBound..<close.upperBound].reduce(0) { $1 == "\n" ? $0 + 1 : $0 }
                rest = rest[close.upperBound...]
            }
        }
        // Depth-first search with the usual three colours (linear, whatever the theme): an edge to
        // a template still on the stack closes a loop. Name order keeps reports deterministic.
        var diagnostics: [Diagnostic] = []
        var finished = Set<String>()
        var stack: [String] = []
        func visit(_ name: String) {
            stack.append(name)
            for (target, line) in edges[name] ?? [] {
                if let start = stack.firstIndex(of: target) {
                    let loop = stack[start...] + [target]
                    diagnostics.append(.error("theme/templates/\(name).mustache", SourcePosition(line: line, column: 1),
                                              .templateCycle(loop.joined(separator: " → "))))
                } else if !finished.contains(target) {
                    visit(target)
                }
            }
            stack.removeLast()
            finished.insert(name)
        }
        for name in templates.keys.sorted() where !finished.contains(name) { visit(name) }
        return diagnostics
    }

    /// The `key: text` pairs of a strings file; nil when it is not a YAML mapping.
    static func strings(in data: Data) -> [String: String]? {
        guard let text = String(data: data, encoding: .utf8), let node = try? Yams.compose(yaml: text),
              case .mapping(let mapping) = node else { return nil }
        var strings: [String: String] = [:]
        for (key, value) in mapping {
            if let k = key.scalar?.string, let v = value.scalar?.string { strings[k] = v }
        }
        return strings
    }

    private static func collect(_ url: URL, prefix: String, into files: inout [String: Data]) {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: url.path) else { return }
        for name in names.sorted() where !name.hasPrefix(".") {
            let child = url.appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: child.path, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                collect(child, prefix: prefix + name + "/", into: &files)
            } else if let data = fm.contents(atPath: child.path) {
                files[prefix + name] = data
            }
        }
    }

    /// Asset files (`assets/…`) to copy into the output, sorted.
    var assets: [(path: String, data: Data)] {
        files.filter { $0.key.hasPrefix(Self.assetFolder) }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// The templates with values that are the same on every page of a build written in ahead of
    /// time: `constants` maps a tag's name (`t.search`, `site.title`, `home`) to its value.
    ///
    /// Only plain escaped tags (`{{name}}`) in templates that declare the `CONGKHAI_HTML` content
    /// type are replaced, with the value escaped exactly as that content type would, so the
    /// output is byte-identical (a test compares both); a value containing a brace, a template
    /// that changes delimiters, or anything else is left to the renderer. Rendering a notice page
    /// then looks up a quarter fewer names.
    func library(constants: [String: String]) -> MustacheLibrary {
        let pragma = "{{% CONTENT_TYPE: \(FastHTMLEscaping.name)}}"
        let escaping = FastHTMLEscaping()
        var tags: [String: String] = [:]
        for (name, value) in constants {
            // Left to the renderer: a value with braces (it would become template text), and an
            // empty or blank one (it decides whether a line is "standalone" and so removed).
            guard !value.contains("{"), !value.contains("}"), !value.allSatisfy(\.isWhitespace) else { continue }
            tags["{{" + name + "}}"] = escaping.escapeText(value)
        }
        var prepared = MustacheLibrary()
        for (name, text) in templateTexts.sorted(by: { $0.key < $1.key }) {
            var source = text
            if text.hasPrefix(pragma), !text.contains("{{=") {
                source = Self.substitute(tags, in: text)
            }
            if let template = try? MustacheTemplate(string: source) {
                prepared.register(template, named: name)
            } else if let template = try? MustacheTemplate(string: text) {
                prepared.register(template, named: name)
            }
        }
        return prepared
    }

    /// Sections whose context could hold a key named like a constant (`{{#t}}{{home}}{{/t}}` means
    /// `t.home`): nothing inside them is replaced.
    static let shadowingSections: Set<String> = ["t", "site"]

    /// Replaces every `{{name}}` found in `tags` in one pass over `text`, outside sections that
    /// could shadow the names.
    static func substitute(_ tags: [String: String], in text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        var rest = Substring(text)
        var shadowing: [String] = []
        while let open = rest.range(of: "{{") {
            output += rest[..<open.lowerBound]
            // Triple mustaches (`{{{x}}}`) and tags with spaces or sigils are not in `tags`.
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                rest = rest[open.lowerBound...]
                break
            }
            let tag = String(rest[open.lowerBound..<close.upperBound])
            let inner = tag.dropFirst(2).dropLast(2).trimmingCharacters(in: .whitespaces)
            if let sigil = inner.first, sigil == "#" || sigil == "^" || sigil == "/" {
                let section = inner.dropFirst().trimmingCharacters(in: .whitespaces)
                if shadowingSections.contains(section) {
                    if sigil == "/" { shadowing.removeLast(shadowing.isEmpty ? 0 : 1) } else { shadowing.append(section) }
                }
            }
            if shadowing.isEmpty, let value = tags[tag], !rest[close.upperBound...].hasPrefix("}") {
                output += value
            } else {
                output += tag
            }
            rest = rest[close.upperBound...]
        }
        output += rest
        return output
    }

    /// Renders `template` with `context`; nil if the theme has no such template.
    func render(_ template: String, _ context: TemplateContext) -> String? {
        library.render(context, withTemplate: template)
    }
}
