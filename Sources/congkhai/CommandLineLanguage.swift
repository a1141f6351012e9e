import ArgumentParser
import CongKhaiCore
import CongKhaiSite
import Foundation

/// The language of help and argument errors, decided before parsing: `--lang` on the command
/// line, else the `language:` of the site's content/site.yaml (`--root`, default the working
/// directory), else Vietnamese.
let interfaceLanguage: Language = CommandLineLanguage.detect(Array(CommandLine.arguments.dropFirst()))

/// Vietnamese or English text, in the interface language.
func tr(_ vi: String, _ en: String) -> String { interfaceLanguage == .vi ? vi : en }

extension ArgumentHelp {
    /// Help text in the interface language (one language per line, never both).
    static func text(_ vi: String, _ en: String) -> ArgumentHelp { ArgumentHelp(tr(vi, en)) }
}

/// A mistake in the command's arguments found after parsing (a bad `--now`, `--to`, …): printed
/// as one `lỗi: …` line, without an unrelated usage text, exit code 64 like the parser's errors.
struct CommandLineProblem: Error {
    let message: String

    init(_ vi: String, _ en: String, language: Language) {
        message = language == .vi ? vi : en
    }
}

@main
enum CongKhaiMain {
    static func main() async {
        do {
            var command = try CongKhaiCommand.parseAsRoot(Array(CommandLine.arguments.dropFirst()))
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            CommandLineLanguage.exit(withError: error)
        }
    }
}

enum CommandLineLanguage {
    static func detect(_ arguments: [String]) -> Language {
        var root = "."
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--" { break }
            if argument == "--lang", index + 1 < arguments.count {
                if let language = Language(rawValue: arguments[index + 1]) { return language }
            } else if argument.hasPrefix("--lang=") {
                if let language = Language(rawValue: String(argument.dropFirst("--lang=".count))) { return language }
            } else if argument == "--root", index + 1 < arguments.count {
                root = arguments[index + 1]
            } else if argument.hasPrefix("--root=") {
                root = String(argument.dropFirst("--root=".count))
            }
            index += 1
        }
        return SiteContent.language(root: SiteOptions.resolve(root))
    }

    /// Prints the message for `error` in the interface language and exits: help on stdout (0),
    /// argument errors on stderr (64), `ExitCode`s silently.
    static func exit(withError error: any Error) -> Never {
        if let problem = error as? CommandLineProblem {
            let label = interfaceLanguage == .vi ? "lỗi" : "error"
            FileHandle.standardError.write(Data("\(label): \(problem.message)\n".utf8))
            Foundation.exit(ExitCode.validationFailure.rawValue)
        }
        let code = CongKhaiCommand.exitCode(for: error)
        var text = CongKhaiCommand.fullMessage(for: error)
        if interfaceLanguage == .vi {
            text = code == .success ? translateHelp(text) : translateError(text)
        }
        if !text.isEmpty {
            if code == .success {
                print(text)
            } else {
                FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
            }
        }
        Foundation.exit(code.rawValue)
    }

    /// ArgumentParser's help, its fixed English words in Vietnamese.
    static func translateHelp(_ text: String) -> String {
        let words: [(String, String)] = [
            ("OVERVIEW: ", "TỔNG QUAN: "),
            ("USAGE: ", "CÁCH DÙNG: "),
            ("ARGUMENTS:", "ĐỐI SỐ:"),
            ("OPTIONS:", "TÙY CHỌN:"),
            ("SUBCOMMANDS:", "LỆNH:"),
            ("Show help information.", "Xem hướng dẫn này."),
            ("Show the version.", "Xem phiên bản."),
            ("(default:", "(mặc định:"),
            ("; default:", "; mặc định:"),
            ("(values:", "(giá trị:"),
            ("<subcommand>' for detailed help.", "<lệnh>' để xem hướng dẫn chi tiết."),
            ("  See '", "  Xem '"),
            ("<subcommand>", "<lệnh>"),
        ]
        var result = text
        for (english, vietnamese) in words { result = result.replacingOccurrences(of: english, with: vietnamese) }
        return result
    }

    /// ArgumentParser's error text ("Error: …", "Help: …", "Usage: …", "See … for more
    /// information.") with the message translated by the table below.
    static func translateError(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            var line = String(line)
            if line.hasPrefix("Error: ") {
                line = "Lỗi: " + translateMessage(String(line.dropFirst("Error: ".count)))
            } else if line.hasPrefix("Help:  ") {
                line = "Ý nghĩa: " + line.dropFirst("Help:  ".count)
            } else if line.hasPrefix("Usage: ") {
                line = "Cách dùng: " + line.dropFirst("Usage: ".count).replacingOccurrences(of: "<subcommand>", with: "<lệnh>")
            } else if line.hasPrefix("  See '"), line.hasSuffix("' for more information.") {
                let command = line.dropFirst("  See '".count).dropLast("' for more information.".count)
                line = "  Xem '\(command)' để biết cách dùng."
            } else if line.hasPrefix("   or: ") {
                line = "  hoặc: " + translateMessage(String(line.dropFirst("   or: ".count)))
            }
            return line
        }.joined(separator: "\n")
    }

    /// The messages ArgumentParser 1.x produces for the mistakes people make, `{}` standing
    /// for the parts kept as they are. The first pattern that matches wins.
    static let messages: [(english: String, vietnamese: String)] = [
        ("Missing expected argument '{}'", "Thiếu đối số bắt buộc '{}'"),
        ("Missing one of: {}", "Thiếu một trong các đối số: {}"),
        ("Missing value for '{}' in '{}'", "Thiếu giá trị sau '{}' trong '{}'"),
        ("Missing value for '{}'", "Thiếu giá trị sau '{}'"),
        ("Unknown option '{}'. Did you mean '{}'?", "Không có tùy chọn '{}'. Có phải ý bạn là '{}'?"),
        ("Unknown option '{}'", "Không có tùy chọn '{}'"),
        ("Unexpected argument '{}'", "Không hiểu đối số '{}'"),
        ("{} unexpected arguments: {}", "Không hiểu {} đối số: {}"),
        ("The value '{}' is invalid for '{}'. Please provide one of {}.", "Giá trị '{}' không hợp lệ cho '{}'. Hãy dùng {}."),
        ("The value '{}' is invalid for '{}'. Please provide one of the following:", "Giá trị '{}' không hợp lệ cho '{}'. Hãy dùng một trong các giá trị sau:"),
        ("The value '{}' is invalid for '{}': {}", "Giá trị '{}' không hợp lệ cho '{}': {}"),
        ("The value '{}' is invalid for '{}'", "Giá trị '{}' không hợp lệ cho '{}'"),
        ("The value '{}' is invalid.{}", "Giá trị '{}' không hợp lệ.{}"),
        ("The option '{}' does not take any value, but '{}' was specified.", "Tùy chọn '{}' không nhận giá trị, nhưng lại có '{}'."),
        ("Missing required subcommand.", "Thiếu lệnh con."),
        ("Invalid option: {}", "Tùy chọn không hợp lệ: {}"),
        ("Value to be set with {} had already been set with {}", "Giá trị đặt bởi {} đã được đặt trước đó bởi {}"),
    ]

    static func translateMessage(_ message: String) -> String {
        for (english, vietnamese) in messages {
            guard let parts = match(message, english) else { continue }
            var result = ""
            var rest = Substring(vietnamese)
            for part in parts {
                guard let range = rest.range(of: "{}") else { break }
                result += rest[..<range.lowerBound] + listInVietnamese(part)
                rest = rest[range.upperBound...]
            }
            // An unknown word where a command is expected: name the closest command.
            if english == "Unexpected argument '{}'", let word = parts.first,
               CommandLine.arguments.dropFirst().first == word, !commandNames.contains(word) {
                let hint = Suggestions.closest(to: word, among: commandNames).first.map { " (có phải ý bạn là `\($0)`?)" } ?? ""
                return "Không có lệnh '\(word)'\(hint)"
            }
            return result + rest
        }
        return message
    }

    static let commandNames: [String] = CongKhaiCommand.configuration.subcommands.map { $0._commandName }

    /// "'vi' and 'en'", "'a', 'b' or 'c'" → "'vi' hoặc 'en'", "'a', 'b' hoặc 'c'".
    private static func listInVietnamese(_ text: String) -> String {
        text.replacingOccurrences(of: "' and '", with: "' hoặc '").replacingOccurrences(of: "' or '", with: "' hoặc '")
    }

    /// The parts of `text` standing for `{}` in `pattern`, or nil when it does not match.
    static func match(_ text: String, _ pattern: String) -> [String]? {
        let pieces = pattern.components(separatedBy: "{}")
        guard text.hasPrefix(pieces[0]) else { return nil }
        var rest = Substring(text.dropFirst(pieces[0].count))
        var captured: [String] = []
        for (index, piece) in pieces.enumerated().dropFirst() {
            if index == pieces.count - 1 {
                guard rest.hasSuffix(piece), rest.count >= piece.count else { return nil }
                captured.append(String(rest.dropLast(piece.count)))
                rest = ""
            } else {
                guard let range = rest.range(of: piece) else { return nil }
                captured.append(String(rest[..<range.lowerBound]))
                rest = rest[range.upperBound...]
            }
        }
        if pieces.count == 1 { return rest.isEmpty ? [] : nil }
        return captured
    }
}
