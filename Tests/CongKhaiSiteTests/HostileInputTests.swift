@testable import CongKhaiSite
import CongKhaiCore
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

// Issue 7: a corpus of broken and hostile content. Every case starts from a good site that has
// already been built, adds the hostile input, and runs the real `congkhai build` in a child
// process (so a crash or a hang fails one case instead of killing the test runner), with a CPU-time
// limit and its peak memory measured. A rejected input must fail the build with an error naming
// its file (and line where there is one), exit 1, and leave the output byte-identical with no
// temporary folder left behind. Inputs that are hostile but legitimately valid (deep nesting in a
// body, long lines, date-times with offsets…) must build, and the output must be sane. When the
// child behaved, the same build is repeated in-process to check the structured diagnostics.

/// One hostile input and the decision taken for it.
struct HostileCase: Sendable, CustomTestStringConvertible {
    enum Outcome: Sendable {
        /// The build must fail with an error whose path starts with `path` (at `line` when given).
        case rejected(path: String, line: Int?)
        /// The input is legitimately valid: the build succeeds and `check` inspects the output.
        case accepted(check: @Sendable (TestSite) throws -> Void)
    }

    let name: String
    let outcome: Outcome
    /// Wall-clock limit for the child build.
    var seconds: Double = 5
    /// Peak resident memory limit for the child build, in MiB.
    var peakMiB = 256
    /// Repeat the build in-process (skipped for the slowest inputs: the child run covers them).
    var inProcess = true
    let setUp: @Sendable (TestSite) throws -> Void

    var testDescription: String {
        switch outcome {
        case .rejected: return "rejected: \(name)"
        case .accepted: return "accepted: \(name)"
        }
    }
}

extension ChildProcessSuites {
    @Suite("Hostile input: broken notices and site.yaml fail cleanly", .serialized)
    struct HostileInputTests {
        static let now = "2026-03-20T09:00:00+07:00"
        static let notice = "content/notices/hong.md"
        static let bundle = "content/notices/goi/index.md"
        static let config = "content/site.yaml"
        static let page = "content/pages/hong.md"

        /// A good site: a notice, a bundle with an attachment and a page.
        static func goodSite() throws -> TestSite {
            let site = try TestSite(files: [
                "content/notices/2026/dang-niem-yet.md": validNotice(title: "\"Thông báo đang niêm yết\""),
                "content/notices/co-dinh-kem/index.md": validNotice(title: "\"Có đính kèm\"",
                                                                    extra: [("attachments", "[{ file: ban-do.pdf, title: \"Bản đồ\" }]")]),
                "content/pages/gop-y.md": "---\ntitle: \"Cách gửi ý kiến\"\n---\nGửi về UBND xã.\n",
            ])
            try site.write("content/notices/co-dinh-kem/ban-do.pdf", Data("%PDF-1.4 bản đồ\n".utf8))
            return site
        }

        /// The bound is real: a child that spins is killed once it has used its CPU budget, long
        /// before the safety net for a blocked child.
        @Test func aSpinningChildIsKilledAtItsCPUBudget() throws {
            let child = try ChildProcess("sh", ["-c", "while :; do :; done"])
            let (status, killed, usage) = BoundedRun.reap(child.pid, limit: 0.5)
            #expect(killed == .cpuBudget, "killed by the safety net, not by its CPU budget")
            #expect(status == 128 + SIGKILL)
            #expect(Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6 >= 1)
        }

        @Test(arguments: HostileInputTests.corpus)
        func hostileInput(_ hostile: HostileCase) throws {
            let site = try Self.goodSite()
            try site.build(at: Self.now)
            let before = site.snapshot()
            #expect(before.count > 10)
            #expect(site.rootEntries == ["content", "site"])
            try hostile.setUp(site)
            let entries = site.rootEntries

            let run = try BoundedRun.congkhai(["build", "--root", site.root.path, "--now", Self.now], limit: hostile.seconds)
            // Bounded time, no crash: otherwise one issue, and the output must still be untouched.
            if run.timedOut || run.crashed {
                let why: String = run.killed == .cpuBudget ? "used more than \(hostile.seconds * 2) CPU seconds"
                    : "made no CPU progress for the length of the safety net (blocked)"
                Issue.record(run.timedOut ? "\(why) (killed; peak \(run.peakKiB / 1024) MiB)"
                                          : "crashed, exit status \(run.status):\n\(run.stderrHead)")
                #expect(site.snapshot() == before, "the output changed")
                return
            }
            #expect(!run.stderr.contains("Fatal error"), "\(run.stderrHead)")
            // Bounded memory, and no error without a file.
            #expect(run.peakKiB < hostile.peakMiB * 1024, "peak memory \(run.peakKiB / 1024) MiB ≥ \(hostile.peakMiB) MiB")
            for line in run.stderr.split(separator: "\n") where line.hasPrefix("lỗi:") {
                Issue.record("an error without a file: \(line)")
            }

            switch hostile.outcome {
            case .rejected(let path, let line):
                guard run.status != 0 else {
                    Issue.record("the build succeeded; expected an error naming \(path). stdout: \(run.stdout)")
                    return
                }
                let prefix = line.map { "\(path):\($0):" } ?? path
                let named = run.stderr.split(separator: "\n").contains { $0.hasPrefix(prefix) && $0.contains(": lỗi: ") }
                #expect(run.status == 1, "exit status \(run.status); stderr:\n\(run.stderrHead)")
                #expect(named, "no error at \(prefix) in:\n\(run.stderrHead)")
                // Either nothing could be built (the previous site stays), or the site was built from the
                // last valid version of each broken file — at the same clock, the same bytes.
                #expect(run.stderr.contains("Không dựng được trang:") || run.stderr.contains("nhưng vẫn được dựng"), "\(run.stderrHead)")
                #expect(site.snapshot() == before, "the output changed after a failed build")
                #expect(site.rootEntries == entries, "leftovers beside the output")
                // The same failure in-process, with structured diagnostics (only when the child behaved).
                guard hostile.inProcess, run.status == 1, named else { return }
                let diagnostics = site.failingBuild(at: Self.now)
                let errors = diagnostics.filter { $0.severity == .error }
                #expect(errors.contains { ($0.path ?? "").hasPrefix(path) && (line == nil || $0.position?.line == line) },
                        "\(errors.map { $0.formatted(in: .en) })")
                #expect(errors.allSatisfy { $0.path != nil }, "\(errors.map { $0.formatted(in: .en) })")
                #expect(site.snapshot() == before)
                #expect(site.rootEntries == entries)

            case .accepted(let check):
                #expect(run.status == 0, "exit status \(run.status); stderr:\n\(run.stderrHead)")
                #expect(!run.stderr.contains(": lỗi: "), "\(run.stderrHead)")
                guard run.status == 0 else { return }
                #expect(run.stdout.hasPrefix("Đã đăng "))
                // The rest of the site is still there, and nothing is left beside it.
                #expect(site.exists("thong-bao/dang-niem-yet/index.html"))
                #expect(site.exists("thong-bao/co-dinh-kem/ban-do.pdf"))
                #expect(site.exists("trang/gop-y/index.html"))
                #expect(site.rootEntries == entries)
                try check(site)
                guard hostile.inProcess else { return }
                // The library builds the same bytes as the command.
                let fromCommand = site.snapshot()
                try site.build(at: Self.now)
                #expect(site.snapshot() == fromCommand)
            }
        }

        /// One mistake, one error: a key that is not text is reported once, at the key.
        @Test func aNonTextKeyIsReportedOnce() throws {
            let site = try Self.goodSite()
            let text = Self.noticeFile().replacingOccurrences(of: "expires: 2026-04-06\n", with: "expires: 2026-04-06\n? [a, b]\n: c\n")
            try site.write(Self.notice, text)
            let errors = site.failingBuild(at: Self.now).filter { $0.severity == .error }
            #expect(errors.map { $0.formatted(in: .en) } == ["content/notices/hong.md:8:3: error: front matter must be `key: value` lines"])
        }

        /// A linked attachment is one mistake: one error, at the line that lists it, naming the link.
        @Test(arguments: [("mat-khau.txt", "mat-khau.txt"), ("he-thong/passwd", "he-thong")])
        func aSymlinkedAttachmentIsReportedOnce(file: String, link: String) throws {
            let site = try Self.goodSite()
            try site.write(Self.bundle, Self.noticeFile(extra: [("attachments", "[{ file: \(file), title: \"Tệp\" }]")]))
            try Self.symlink(site, "content/notices/goi/" + link, to: link.hasSuffix(".txt") ? "/etc/passwd" : "/etc")
            let errors = site.failingBuild(at: Self.now).filter { $0.severity == .error }
            #expect(errors.map { $0.formatted(in: .en) } == [
                "\(Self.bundle):8:23: error: attachment `\(file)` is a symbolic link; copy the real file into the notice's folder",
            ])
        }

        /// A build replaces the whole output folder, so a mistyped `--output` must never empty a folder
        /// of other files, nor write inside the sources. An empty folder is fine.
        @Test func anOutputFolderThatIsNotASiteIsNeverReplaced() throws {
            let site = try Self.goodSite()
            try site.write("Tai lieu/bao-cao.docx", "báo cáo quan trọng\n")
            let documents = site.root.appendingPathComponent("Tai lieu")
            let refused = try CongKhaiProcess.run(["build", "--root", site.root.path, "--output", documents.path, "--now", Self.now])
            #expect(refused.status == 1)
            #expect(refused.stderr.contains("thư mục \(documents.path) đã có các tệp khác, không phải trang do CongKhai dựng"),
                    "\(refused.stderr)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: documents.path) == ["bao-cao.docx"])
            #expect(try FileManager.default.contentsOfDirectory(atPath: site.root.path).sorted() == ["Tai lieu", "content"])

            for inside in ["content/site", "content/notices/site", "theme/site"] {
                let run = try CongKhaiProcess.run(["build", "--root", site.root.path, "--output", site.root.appendingPathComponent(inside).path,
                                                   "--now", Self.now])
                #expect(run.status == 1, "\(inside)")
                #expect(run.stderr.contains("không thể dùng"), "\(inside): \(run.stderr)")
                #expect(!FileManager.default.fileExists(atPath: site.root.appendingPathComponent(inside).path))
            }

            let empty = site.root.appendingPathComponent("trong")
            try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
            let built = try CongKhaiProcess.run(["build", "--root", site.root.path, "--output", empty.path, "--now", Self.now])
            #expect(built.status == 0, "\(built.stderr)")
            #expect(FileManager.default.fileExists(atPath: empty.appendingPathComponent("notices.json").path))
            // …and once built, it is a site CongKhai recognises and replaces.
            let again = try CongKhaiProcess.run(["build", "--root", site.root.path, "--output", empty.path, "--now", Self.now])
            #expect(again.status == 0, "\(again.stderr)")
        }

        /// An output that is a symbolic link to a site elsewhere (`site -> /var/www/congkhai`): the
        /// build replaces the link with the new site and removes only the link, never the files of
        /// the folder it pointed to.
        @Test func anOutputThatIsALinkLosesOnlyTheLink() throws {
            let site = try Self.goodSite()
            // Enough pages for the old site to be deleted by several threads (`TreeRemoval`).
            for index in 0..<80 {
                try site.write("content/notices/nhieu/tb-\(index).md", validNotice(title: "\"Thông báo số \(index)\""))
            }
            let elsewhere = site.root.appendingPathComponent("www/congkhai")
            let first = try CongKhaiProcess.run(["build", "--root", site.root.path, "--output", elsewhere.path, "--now", Self.now])
            #expect(first.status == 0, "\(first.stderr)")
            let before = try FileManager.default.subpathsOfDirectory(atPath: elsewhere.path).sorted()
            #expect(before.count > 10)
            try FileManager.default.createSymbolicLink(at: site.output, withDestinationURL: elsewhere)
            let second = try CongKhaiProcess.run(["build", "--root", site.root.path, "--now", Self.now])
            #expect(second.status == 0, "\(second.stderr)")
            #expect(try FileManager.default.subpathsOfDirectory(atPath: elsewhere.path).sorted() == before,
                    "the folder the link pointed to was changed")
            let attributes = try FileManager.default.attributesOfItem(atPath: site.output.path)
            #expect(attributes[.type] as? FileAttributeType == .typeDirectory)
            #expect(site.exists("thong-bao/dang-niem-yet/index.html"))
            #expect(try FileManager.default.contentsOfDirectory(atPath: site.root.path).sorted() == [".site.congkhai-state", "content", "journal.tsv", "site", "www"])
        }

        // MARK: - The corpus

        /// A notice with every required field, `overrides` replacing values by key (lines: title 2,
        /// type 3, commune 4, issuer 5, posted 6, expires 7, then `extra` from line 8).
        static func noticeFile(_ overrides: [String: String] = [:], extra: [(String, String)] = [],
                               body: String = "Nội dung thông báo.\n") -> String {
            let fields = [("title", "\"Thông báo thử\""), ("type", "general"), ("commune", "xa-a"),
                          ("issuer", "\"UBND xã A\""), ("posted", "2026-03-05"), ("expires", "2026-04-06")]
            return noticeText(fields.map { ($0.0, overrides[$0.0] ?? $0.1) } + extra, body: body)
        }

        static func rejected(_ name: String, _ path: String, line: Int?, seconds: Double = 5, peakMiB: Int = 256,
                             inProcess: Bool = true, _ setUp: @escaping @Sendable (TestSite) throws -> Void) -> HostileCase {
            HostileCase(name: name, outcome: .rejected(path: path, line: line), seconds: seconds, peakMiB: peakMiB,
                        inProcess: inProcess, setUp: setUp)
        }

        static func accepted(_ name: String, seconds: Double = 5, peakMiB: Int = 256, inProcess: Bool = true,
                             _ setUp: @escaping @Sendable (TestSite) throws -> Void,
                             check: @escaping @Sendable (TestSite) throws -> Void) -> HostileCase {
            HostileCase(name: name, outcome: .accepted(check: check), seconds: seconds, peakMiB: peakMiB,
                        inProcess: inProcess, setUp: setUp)
        }

        /// A wrong value for one field of a single-file notice: rejected at that value's line.
        static func wrongType(_ key: String, _ value: String, line: Int) -> HostileCase {
            let base = ["title", "type", "commune", "issuer", "posted", "expires"]
            let shown = value.count > 40 ? "\(value.prefix(20))… (\(value.count) characters)" : value
            return rejected("`\(key)` is \(shown)", notice, line: line) { site in
                try site.write(notice, base.contains(key) ? Self.noticeFile([key: value]) : Self.noticeFile(extra: [(key, value)]))
            }
        }

        /// A bundle whose `attachments` (line 8) names `file`.
        static func attachment(_ name: String, _ file: String,
                               extra: @escaping @Sendable (TestSite) throws -> Void = { _ in }) -> HostileCase {
            rejected(name, bundle, line: 8) { site in
                try site.write(bundle, Self.noticeFile(extra: [("attachments", "[{ file: \(file), title: \"Tệp\" }]")]))
                try site.write("content/notices/goi/ban-do.pdf", Data("%PDF-1.4\n".utf8))
                try extra(site)
            }
        }

        /// site.yaml replaced by `text`.
        static func siteYAML(_ name: String, line: Int?, _ text: String) -> HostileCase {
            rejected("site.yaml: \(name)", config, line: line) { site in try site.write(config, text) }
        }

        static func symlink(_ site: TestSite, _ path: String, to target: String) throws {
            let url = site.root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: target)
        }

        /// "Billion laughs": nine anchors, each a list of nine aliases to the previous one.
        static func laughs(levels: Int = 9) -> String {
            var lines = ["l0: &l0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]"]
            for level in 1..<levels {
                lines.append("l\(level): &l\(level) [" + Array(repeating: "*l\(level - 1)", count: 9).joined(separator: ", ") + "]")
            }
            return lines.joined(separator: "\n")
        }

        static let corpus: [HostileCase] = frontMatter + bombs + wrongTypes + dates + encodings + sizes + nesting
            + ids + attachments + symlinks + pages + siteConfig

        static let frontMatter: [HostileCase] = [
            rejected("no front matter at all", notice, line: 1) { try $0.write(notice, "Chỉ có thân bài, không có phần đầu.\n") },
            rejected("front matter never closed", notice, line: 1) {
                try $0.write(notice, "---\ntitle: \"Thông báo\"\ntype: general\nNội dung thông báo.\n")
            },
            rejected("only an opening delimiter, no newline", notice, line: 1) { try $0.write(notice, "---") },
            rejected("front matter closed by `----` (not a delimiter)", notice, line: 1) {
                try $0.write(notice, "---\ntitle: \"Thông báo\"\n----\nNội dung.\n")
            },
            rejected("front matter is a YAML list", notice, line: 2) { try $0.write(notice, "---\n- a\n- b\n---\nNội dung.\n") },
            rejected("front matter is a bare scalar", notice, line: 2) { try $0.write(notice, "---\nchỉ là một câu\n---\nNội dung.\n") },
            rejected("YAML syntax error: unclosed flow list (at its bracket)", notice, line: 2) {
                try $0.write(notice, "---\ntype: [general\n---\nNội dung.\n")
            },
            rejected("YAML syntax error: tab indentation", notice, line: 9) {
                try $0.write(notice, Self.noticeFile(extra: [("summary", "\n\t- x")]))
            },
            // The error belongs on the repeated key (line 8), not on the first line of the front matter.
            rejected("duplicate key `title` on line 8", notice, line: 8) {
                try $0.write(notice, Self.noticeFile(extra: [("title", "\"Tiêu đề lặp lại\"")]))
            },
            rejected("a flow list used as a key", notice, line: 2) { try $0.write(notice, Self.noticeFile(extra: []).replacingOccurrences(of: "---\ntitle", with: "---\n? [a, b]\n: c\ntitle")) },
        ]

        static let bombs: [HostileCase] = [
            rejected("billion laughs (9 levels × 9 aliases) as the title", notice, line: nil) { site in
                try site.write(notice, "---\n" + laughs() + "\n" + Self.noticeFile(["title": "*l8"]).dropFirst(4))
            },
            rejected("billion laughs used as a mapping key", notice, line: nil) { site in
                try site.write(notice, "---\n" + laughs() + "\n? *l8\n: x\n" + Self.noticeFile().dropFirst(4))
            },
            rejected("merge-key (<<) bomb, 20 levels, as the title", notice, line: nil) { site in
                var lines = ["m0: &m0 {a: lol, b: lol}"]
                for level in 1..<20 {
                    lines.append("m\(level): &m\(level) {<<: *m\(level - 1), " + (0..<9).map { "k\($0): *m\(level - 1)" }.joined(separator: ", ") + "}")
                }
                try site.write(notice, "---\n" + lines.joined(separator: "\n") + "\n" + Self.noticeFile(["title": "*m19"]).dropFirst(4))
            },
            rejected("alias to an undefined anchor", notice, line: 2) { try $0.write(notice, Self.noticeFile(["title": "*khong-co"])) },
            rejected("anchor that refers to itself", notice, line: 2) { try $0.write(notice, Self.noticeFile(["title": "&a [*a]"])) },
        ]

        static let wrongTypes: [HostileCase] = [
            wrongType("title", "[a, b]", line: 2),
            wrongType("title", "{ a: 1 }", line: 2),
            wrongType("title", "\"\"", line: 2),
            wrongType("title", "~", line: 2),
            wrongType("type", "[general]", line: 3),
            wrongType("commune", "[xa-a]", line: 4),
            wrongType("issuer", "[UBND]", line: 5),
            wrongType("number", "{ so: 45 }", line: 8),
            wrongType("signed", "[2026-03-02]", line: 8),
            wrongType("signed", "mùng 2 tháng 3", line: 8),
            wrongType("posted", "{ ngay: 5 }", line: 6),
            wrongType("expires", "[2026-04-06]", line: 7),
            wrongType("summary", "{ a: b }", line: 8),
            wrongType("attachments", "ban-do.pdf", line: 8),
            wrongType("attachments", "{ file: ban-do.pdf }", line: 8),
            wrongType("attachments", "[[ban-do.pdf]]", line: 8),
            wrongType("supersedes", "{ a: 1 }", line: 8),
            wrongType("supersedes", "[[dang-niem-yet]]", line: 8),
            wrongType("withdrawn", "[x]", line: 8),
            wrongType("slug", "[x]", line: 8),
        ]

        static let dates: [HostileCase] = [
            wrongType("posted", "2026-02-30", line: 6),
            wrongType("expires", "2026-02-29", line: 7),
            wrongType("expires", "2026-13-01", line: 7),
            wrongType("posted", "2026-03-05T24:00:00+07:00", line: 6),
            wrongType("posted", "2026-03-05T08:00:00+15:00", line: 6),
            wrongType("posted", "05/03/2026", line: 6),
            wrongType("posted", "0000-01-01", line: 6),
            wrongType("expires", "2026-03-04", line: 7),
            // The last instant lies in year 10000 in the site's zone.
            wrongType("expires", "9999-12-31T23:00:00-12:00", line: 7),
            accepted("date-times with +07:00 offsets", { try $0.write(notice, Self.noticeFile(["posted": "2026-03-05T08:00:00+07:00",
                                                                                            "expires": "2026-04-07T17:00:00+07:00"])) }) { site in
                let text = try site.read("thong-bao/hong/index.html")
                #expect(text.contains("Niêm yết từ 08:00 ngày 05/03/2026 đến 17:00 ngày 07/04/2026"))
            },
            accepted("a date-time without offset is read in the site's zone",
                     { try $0.write(notice, Self.noticeFile(["expires": "2026-04-07T17:00:00"])) }) { site in
                let text = try site.read("notices.json")
                #expect(text.contains("\"expires\" : \"2026-04-07T17:00:00+07:00\""))
            },
            accepted("a date-time in UTC (Z)", { try $0.write(notice, Self.noticeFile(["expires": "2026-04-07T10:00:00Z"])) }) { site in
                let text = try site.read("notices.json")
                #expect(text.contains("\"expires\" : \"2026-04-07T17:00:00+07:00\""))
            },
            accepted("a date-time with a negative offset", { try $0.write(notice, Self.noticeFile(["expires": "2026-04-07T05:00:00-05:00"])) }) { site in
                let text = try site.read("notices.json")
                #expect(text.contains("\"expires\" : \"2026-04-07T17:00:00+07:00\""))
            },
            accepted("year 9999 dates: scheduled, so not published",
                     { try $0.write(notice, Self.noticeFile(["posted": "9999-11-01", "expires": "9999-12-31"])) }) { site in
                #expect(!site.exists("thong-bao/hong"))
                let home = try site.read("index.html")
                #expect(!home.contains("Thông báo thử"))
            },
        ]

        static let encodings: [HostileCase] = [
            rejected("invalid UTF-8 byte in the body", notice, line: 1) {
                try $0.write(notice, Data(Self.noticeFile().utf8) + Data([0xFF, 0xFE, 0x0A]))
            },
            rejected("overlong UTF-8 for `<` (C0 BC)", notice, line: 1) {
                try $0.write(notice, Data(Self.noticeFile().utf8) + Data([0xC0, 0xBC]) + Data("script>\n".utf8))
            },
            rejected("UTF-8-encoded surrogate (ED A0 80)", notice, line: 1) {
                try $0.write(notice, Data(Self.noticeFile().utf8) + Data([0xED, 0xA0, 0x80, 0x0A]))
            },
            rejected("UTF-16LE with BOM", notice, line: 1) {
                try $0.write(notice, Data([0xFF, 0xFE]) + Self.noticeFile().data(using: .utf16LittleEndian)!)
            },
            rejected("NUL byte in the body", notice, line: 1) { try $0.write(notice, Self.noticeFile(body: "Nội\u{0}dung.\n")) },
            rejected("NUL byte in the title", notice, line: 1) { try $0.write(notice, Self.noticeFile(["title": "\"Thông\u{0}báo\""])) },
            rejected("a 0-byte file", notice, line: 1) { try $0.write(notice, Data()) },
        ]

        static let sizes: [HostileCase] = [
            rejected("a 20 MB file without front matter", notice, line: 1, seconds: 20, peakMiB: 768, inProcess: false) {
                try $0.write(notice, Data(repeating: UInt8(ascii: "x"), count: 20 * 1024 * 1024))
            },
            accepted("a 20 MB notice body", seconds: 90, peakMiB: 768, inProcess: false, { site in
                let line = String(repeating: "Dòng nội dung thông báo rất dài để kiểm tra. ", count: 20) + "\n"
                let body = String(repeating: line, count: 20 * 1024 * 1024 / line.utf8.count) + "Hết hai mươi MB.\n"
                try site.write(notice, Self.noticeFile(body: body))
            }) { site in
                let page = try site.read("thong-bao/hong/index.html")
                #expect(page.utf8.count > 20_000_000)
                #expect(page.contains("Hết hai mươi MB."))
            },
            accepted("a 2 MB line in the body", seconds: 10, { site in
                try site.write(notice, Self.noticeFile(body: String(repeating: "ư", count: 1_000_000) + "cuối\n"))
            }) { site in
                let text = try site.read("thong-bao/hong/index.html")
                #expect(text.contains(String(repeating: "ư", count: 1000) + "cuối"))
            },
            accepted("a 1 MB title", seconds: 10, { site in
                try site.write(notice, Self.noticeFile(["title": "\"" + String(repeating: "Tiêu đề ", count: 100_000) + "hết\""]))
            }) { site in
                let text = try site.read("thong-bao/hong/index.html")
                #expect(text.contains("Tiêu đề Tiêu đề hết</h1>"))
            },
        ]

        static let nesting: [HostileCase] = [
            accepted("10,000 nested block quotes in the body", seconds: 20, {
                try $0.write(notice, Self.noticeFile(body: String(repeating: "> ", count: 10_000) + "sâu nhất\n"))
            }) { site in
                let page = try site.read("thong-bao/hong/index.html")
                #expect(page.contains("sâu nhất"))
                #expect(page.components(separatedBy: "<blockquote>").count > 1_000)
            },
            accepted("10,000 nested lists in the body", seconds: 20, {
                try $0.write(notice, Self.noticeFile(body: String(repeating: "- ", count: 10_000) + "sâu nhất\n"))
            }) { site in
                let text = try site.read("thong-bao/hong/index.html")
                #expect(text.contains("sâu nhất"))
            },
            accepted("10,000 nested brackets and emphasis in the body", seconds: 20, {
                try $0.write(notice, Self.noticeFile(body: String(repeating: "[", count: 10_000) + "x" + String(repeating: "](y)", count: 10_000)
                                                 + "\n\n" + String(repeating: "*", count: 10_000) + "nhấn" + String(repeating: "*", count: 10_000) + "\n"))
            }) { site in
                let text = try site.read("thong-bao/hong/index.html")
                #expect(text.contains("nhấn"))
            },
            accepted("a notice 1,500 folders deep", seconds: 20, { site in
                try site.write("content/notices/" + String(repeating: "a/", count: 1_500) + "rat-sau.md",
                               Self.noticeFile(["title": "\"Rất sâu\""]))
            }) { site in
                #expect(site.exists("thong-bao/rat-sau/index.html"))
            },
            rejected("10,000-deep flow lists as the title", notice, line: 2, seconds: 20) {
                try $0.write(notice, Self.noticeFile(["title": String(repeating: "[", count: 10_000) + "x" + String(repeating: "]", count: 10_000)]))
            },
            rejected("10,000-deep flow mappings as the title", notice, line: 2, seconds: 20) {
                try $0.write(notice, Self.noticeFile(["title": String(repeating: "{a: ", count: 10_000) + "x" + String(repeating: "}", count: 10_000)]))
            },
            rejected("10,000-deep block lists as the summary", notice, line: 9, seconds: 20) {
                try $0.write(notice, Self.noticeFile(extra: [("summary", "\n" + String(repeating: "- ", count: 10_000) + "x")]))
            },
        ]

        static let ids: [HostileCase] = [
            rejected("uppercase file name", "content/notices/Thong-Bao.md", line: 1) { try $0.write("content/notices/Thong-Bao.md", Self.noticeFile()) },
            rejected("space in the file name", "content/notices/thong bao.md", line: 1) { try $0.write("content/notices/thong bao.md", Self.noticeFile()) },
            rejected("Vietnamese letters in the file name", "content/notices/thông-báo.md", line: 1) {
                try $0.write("content/notices/thông-báo.md", Self.noticeFile())
            },
            rejected("a 255-byte file name (an id longer than 200)", "content/notices/" + String(repeating: "a", count: 252) + ".md",
                     line: 1) { try $0.write("content/notices/" + String(repeating: "a", count: 252) + ".md", Self.noticeFile()) },
            rejected("uppercase bundle folder", "content/notices/Goi-A/index.md", line: 1) { try $0.write("content/notices/Goi-A/index.md", Self.noticeFile()) },
            wrongType("slug", "../../etc/passwd", line: 8),
            wrongType("slug", "a/b", line: 8),
            wrongType("slug", "..", line: 8),
            wrongType("slug", "Viet Hoa Co Dau Cach", line: 8),
            wrongType("slug", String(repeating: "a", count: 201), line: 8),
            rejected("duplicate id in another folder", "content/notices/2027/dang-niem-yet.md", line: 1) {
                try $0.write("content/notices/2027/dang-niem-yet.md", Self.noticeFile())
            },
            rejected("duplicate id through `slug`", notice, line: 1) { try $0.write(notice, Self.noticeFile(extra: [("slug", "dang-niem-yet")])) },
            rejected("duplicate id between a bundle and a file", "content/notices/dang-niem-yet/index.md", line: 1) {
                try $0.write("content/notices/dang-niem-yet/index.md", Self.noticeFile())
            },
            rejected("duplicate page id in a subfolder", "content/pages/khac/gop-y.md", line: 1) {
                try $0.write("content/pages/khac/gop-y.md", "---\ntitle: \"Trùng\"\n---\nNội dung.\n")
            },
        ]

        static let attachments: [HostileCase] = [
            attachment("attachment `../../etc/passwd`", "../../etc/passwd"),
            attachment("attachment `/etc/passwd`", "/etc/passwd"),
            attachment("attachment `a/../../../ngoai.pdf` (the file exists)", "a/../../../ngoai.pdf") { site in
                try site.write("content/ngoai.pdf", Data("%PDF-1.4 bí mật\n".utf8))
            },
            attachment("attachment with backslashes `..\\..\\site.yaml`", "'..\\..\\site.yaml'"),
            attachment("attachment with a NUL byte", "\"ban-do.pdf\\0.exe\""),
            attachment("attachment `index.md` (the notice itself)", "index.md"),
            attachment("attachment `.` (the bundle folder)", "."),
            attachment("attachment that is a folder", "thu-muc") { site in
                try site.write("content/notices/goi/thu-muc/a.pdf", Data("%PDF-1.4\n".utf8))
            },
            attachment("attachment that is a symlink to /etc/passwd", "mat-khau.txt") { site in
                try symlink(site, "content/notices/goi/mat-khau.txt", to: "/etc/passwd")
            },
            attachment("attachment that is a symlink to a file outside content/", "bi-mat.pdf") { site in
                try site.write("ngoai/bi-mat.pdf", Data("%PDF-1.4 bí mật\n".utf8))
                try symlink(site, "content/notices/goi/bi-mat.pdf", to: site.root.appendingPathComponent("ngoai/bi-mat.pdf").path)
            },
            attachment("attachment in a folder that is a symlink to /etc", "he-thong/passwd") { site in
                try symlink(site, "content/notices/goi/he-thong", to: "/etc")
            },
            attachment("empty attachment name", "\"\""),
            // Attachments are copied beside the notice page: their names must not collide with it.
            attachment("attachment `index.html` (the notice page's own file)", "index.html") { site in
                try site.write("content/notices/goi/index.html", "<script>alert(1)</script>\n")
            },
            attachment("attachment `bien-ban/index.html` (the posting record page)", "bien-ban/index.html") { site in
                try site.write("content/notices/goi/bien-ban/index.html", "<script>alert(1)</script>\n")
            },
            attachment("attachment `bien-ban.html` (the posting record page)", "bien-ban.html") { site in
                try site.write("content/notices/goi/bien-ban.html", "<p>Biên bản giả</p>\n")
            },
            attachment("attachment `bien-ban` (a reserved name)", "bien-ban") { site in
                try site.write("content/notices/goi/bien-ban", Data("%PDF-1.4\n".utf8))
            },
            rejected("the same attachment listed twice", bundle, line: 8) { site in
                try site.write(bundle, Self.noticeFile(extra: [("attachments", "[{ file: ban-do.pdf }, { file: ban-do.pdf }]")]))
                try site.write("content/notices/goi/ban-do.pdf", Data("%PDF-1.4\n".utf8))
            },
            rejected("attachments on a single-file notice", notice, line: 8) {
                try $0.write(notice, Self.noticeFile(extra: [("attachments", "[{ file: ban-do.pdf }]")]))
            },
        ]

        static let symlinks: [HostileCase] = [
            rejected("notice file that is a symlink to /etc/passwd", notice, line: nil) { try symlink($0, notice, to: "/etc/passwd") },
            rejected("notice file that is a symlink to a valid notice outside content/", notice, line: nil) { site in
                try site.write("ngoai/thong-bao.md", Self.noticeFile(["title": "\"Không thuộc content\""]))
                try symlink(site, notice, to: "../../ngoai/thong-bao.md")
            },
            rejected("notice folder that is a symlink to a folder outside content/", "content/notices/thu-muc", line: nil) { site in
                try site.write("ngoai/thu-muc/ngoai-thu.md", Self.noticeFile(["title": "\"Không thuộc content\""]))
                try symlink(site, "content/notices/thu-muc", to: site.root.appendingPathComponent("ngoai/thu-muc").path)
            },
            rejected("symlink loop: a folder linking to its parent", "content/notices/vong", line: nil) {
                try symlink($0, "content/notices/vong", to: ".")
            },
            rejected("two symlink loops (exponential walk)", "content/notices/vong", line: nil) {
                try symlink($0, "content/notices/vong", to: ".")
                try symlink($0, "content/notices/vong2", to: ".")
            },
            rejected("dangling symlink named like a notice", notice, line: nil) { try symlink($0, notice, to: "/khong/ton/tai.md") },
            rejected("notice file that is a symlink to /dev/zero", notice, line: nil) { try symlink($0, notice, to: "/dev/zero") },
            rejected("notice file that is a FIFO", notice, line: nil) { site in
                #expect(mkfifo(site.root.appendingPathComponent(notice).path, 0o644) == 0)
            },
            rejected("site.yaml that is a symlink to /etc/passwd", config, line: nil) { site in
                try site.remove(config)
                try symlink(site, config, to: "/etc/passwd")
            },
            rejected("page that is a symlink to /etc/passwd", "content/pages/ngoai.md", line: nil) {
                try symlink($0, "content/pages/ngoai.md", to: "/etc/passwd")
            },
        ]

        static let pages: [HostileCase] = [
            rejected("page with invalid UTF-8", page, line: 1) { try $0.write(page, Data("---\ntitle: x\n---\n".utf8) + Data([0xFF, 0x0A])) },
            rejected("page with slug `../../x`", page, line: nil) { try $0.write(page, "---\ntitle: x\nslug: ../../x\n---\nNội dung.\n") },
            rejected("page whose title is a list", page, line: 2) { try $0.write(page, "---\ntitle: [a, b]\n---\nNội dung.\n") },
            rejected("page with a billion laughs title", page, line: nil) {
                try $0.write(page, "---\n" + laughs() + "\ntitle: *l8\n---\nNội dung.\n")
            },
        ]

        static let siteConfig: [HostileCase] = [
            siteYAML("0 bytes", line: 1, ""),
            siteYAML("a YAML list", line: 1, "- title\n- base_url\n"),
            rejected("site.yaml: invalid UTF-8", config, line: 1) { try $0.write(config, Data(TestSite.siteYAML.utf8) + Data([0xC3, 0x28, 0x0A])) },
            siteYAML("NUL byte", line: 1, TestSite.siteYAML + "description: \"a\u{0}b\"\n"),
            siteYAML("YAML syntax error", line: nil, "title: [T\nbase_url: \"https://x.example/\"\n"),
            siteYAML("billion laughs as the title", line: nil, laughs() + "\ntitle: *l8\nbase_url: \"https://x.example/\"\n"),
            siteYAML("10,000-deep nesting as the description", line: 6,
                     TestSite.siteYAML + "description: " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "\n"),
            siteYAML("`communes` is a list", line: 3, "title: T\nbase_url: \"https://x.example/\"\ncommunes: [xa-a, xa-b]\n"),
            siteYAML("uppercase commune id", line: 4, "title: T\nbase_url: \"https://x.example/\"\ncommunes:\n  Xa-A: \"Xã A\"\n"),
            siteYAML("commune name is a list", line: 4, "title: T\nbase_url: \"https://x.example/\"\ncommunes:\n  xa-a: [Xã A]\n"),
            siteYAML("a type that is not a mapping", line: 7, TestSite.siteYAML + "types:\n  general: 5\n"),
            siteYAML("a new type without a name", line: 7, TestSite.siteYAML + "types:\n  tin-rieng: { min_days: 3 }\n"),
            siteYAML("type id `../x`", line: 7, TestSite.siteYAML + "types:\n  ../x: { name: X }\n"),
            siteYAML("negative min_days", line: 7, TestSite.siteYAML + "types:\n  general: { min_days: -5 }\n"),
            // Int.max days from the posting date overflows the day arithmetic.
            siteYAML("min_days = Int.max", line: 7, TestSite.siteYAML + "types:\n  general: { min_days: 9223372036854775807 }\n"),
            siteYAML("time_zone is a path out of the zone database", line: 6, TestSite.siteYAML + "time_zone: ../../../../etc/passwd\n"),
            siteYAML("language is a list", line: 6, TestSite.siteYAML + "language: [vi]\n"),
            siteYAML("expiring_soon_days beyond Int", line: 6, TestSite.siteYAML + "expiring_soon_days: 99999999999999999999\n"),
            siteYAML("page_size 0 (a listing page with no notices)", line: 6, TestSite.siteYAML + "page_size: 0\n"),
            siteYAML("page_size 1,000,001", line: 6, TestSite.siteYAML + "page_size: 1000001\n"),
            siteYAML("holidays is a mapping", line: 6, TestSite.siteYAML + "holidays: { tet: 2026-02-17 }\n"),
            siteYAML("base_url is javascript:", line: 2, "title: T\nbase_url: \"javascript:alert(1)//x.example/\"\n"),
        ]
    }
}
