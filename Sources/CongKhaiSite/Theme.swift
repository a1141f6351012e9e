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
    /// Interface strings for the site's language, from `strings/<lang>.yaml`.
    let strings: [String: String]

    static let templateFolder = "templates/"
    static let assetFolder = "assets/"

    /// Loads the theme for `root`. Errors name the template or strings file that failed.
    static func load(root: URL, language: Language) -> (Theme?, [Diagnostic]) {
        var files = DefaultTheme.files
        let override = root.appendingPathComponent("theme")
        collect(override, prefix: "", into: &files)

        _ = FastHTMLEscaping.registered
        var diagnostics: [Diagnostic] = []
        var library = MustacheLibrary()
        for (path, data) in files.sorted(by: { $0.key < $1.key })
        where path.hasPrefix(templateFolder) && path.hasSuffix(".mustache") {
            let name = String(path.dropFirst(templateFolder.count).dropLast(".mustache".count))
            guard let text = String(data: data, encoding: .utf8) else {
                diagnostics.append(.error("theme/" + path, nil, .invalidUTF8))
                continue
            }
            do {
                library.register(try MustacheTemplate(string: text), named: name)
            } catch {
                diagnostics.append(.error("theme/" + path, nil, .templateError(name: name, detail: "\(error)")))
            }
        }
        let stringsPath = "strings/\(language.rawValue).yaml"
        var strings: [String: String] = [:]
        if let data = files[stringsPath], let text = String(data: data, encoding: .utf8),
           let node = try? Yams.compose(yaml: text), case .mapping(let mapping) = node {
            for (key, value) in mapping {
                if let k = key.scalar?.string, let v = value.scalar?.string { strings[k] = v }
            }
        } else {
            diagnostics.append(.error("theme/" + stringsPath, nil, .themeStringsMissing(stringsPath)))
        }
        guard !diagnostics.hasErrors else { return (nil, diagnostics) }
        return (Theme(files: files, library: library, strings: strings), diagnostics)
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

    /// Renders `template` with `context`; nil if the theme has no such template.
    func render(_ template: String, _ context: [String: Any]) -> String? {
        library.render(context, withTemplate: template)
    }
}
