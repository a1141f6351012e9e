@testable import CongKhaiSite
import CongKhaiCore
import Foundation
import Testing

extension ChildProcessSuites {
    /// The publication journal as evidence: a sequence of builds at controlled clocks, and what
    /// `history` concludes for each notice; the hash chain catches edited, deleted and moved lines.
    @Suite("Publication journal and history", .serialized)
    struct PublicationJournalTests {
        static func build(_ site: TestSite, at now: String) {
            do {
                _ = try SiteBuilder(root: site.root, now: instant(now), journal: true).build()
            } catch {
                // Builds with errors still publish (and journal); the scenario decides what it expects.
                #expect(error.published != nil, "\(error.diagnostics.map { $0.formatted(in: .en) })")
            }
        }

        static func history(_ site: TestSite, _ id: String) throws -> PublicationHistory {
            let (content, _) = SiteContent.load(root: site.root)
            let config = try #require(content?.config)
            return PublicationHistory(id: id, entries: PublicationJournal(root: site.root).entries(),
                                      notice: content?.notices.first { $0.id == id }, config: config)
        }

        /// Two general notices posted 02/03/2026 for 30 days (earliest end: Wednesday 01/04/2026);
        /// the scenarios build them at chosen clocks and interrupt the second one.
        static func site() throws -> TestSite {
            try TestSite(files: [
                "content/notices/du.md": validNotice(title: "\"Đủ\"", posted: "2026-03-02", expires: "2026-04-01"),
                "content/notices/ngat.md": validNotice(title: "\"Ngắt quãng\"", posted: "2026-03-02", expires: "2026-04-01"),
            ])
        }

        @Test func continuousPostingIsCompleteAndAGapIsReportedWithItsDates() throws {
            let site = try Self.site()
            Self.build(site, at: "2026-03-02T00:01:00+07:00")
            Self.build(site, at: "2026-03-10T00:01:00+07:00")
            // A clerk withdraws `ngat` by mistake for two days, then puts it back.
            let original = try String(contentsOf: site.root.appendingPathComponent("content/notices/ngat.md"), encoding: .utf8)
            try site.write("content/notices/ngat.md", original.replacingOccurrences(of: "---\nNội dung", with: "withdrawn: \"nhầm\"\n---\nNội dung"))
            Self.build(site, at: "2026-03-11T00:01:00+07:00")
            try site.write("content/notices/ngat.md", original)
            Self.build(site, at: "2026-03-13T00:01:00+07:00")
            Self.build(site, at: "2026-04-02T00:01:00+07:00")

            let full = try Self.history(site, "du")
            #expect(full.published == [.init(from: "2026-03-02T00:01:00+07:00", until: "2026-04-02T00:01:00+07:00")])
            #expect(full.gaps.isEmpty)
            #expect(full.continuous && full.complete)
            #expect(full.requiredDays == 30)
            #expect(!full.postedBeforeFirstPublication)
            #expect(full.verdict(language: .vi, calendar: SiteCalendar(zoneIdentifier: "Asia/Ho_Chi_Minh")!).last
                    == "Kết luận: đã niêm yết đủ 30 ngày liên tục (đến hết ngày 01/04/2026; Luật Thực hiện dân chủ ở cơ sở 2022, Điều 12, khoản 3; Điều 13, khoản 2).")

            let broken = try Self.history(site, "ngat")
            #expect(broken.published == [.init(from: "2026-03-02T00:01:00+07:00", until: "2026-03-11T00:01:00+07:00"),
                                         .init(from: "2026-03-13T00:01:00+07:00", until: "2026-04-02T00:01:00+07:00")])
            #expect(broken.gaps == [.init(from: "2026-03-11T00:01:00+07:00", until: "2026-03-13T00:01:00+07:00")])
            #expect(!broken.continuous && !broken.complete)
            let lines = broken.verdict(language: .vi, calendar: SiteCalendar(zoneIdentifier: "Asia/Ho_Chi_Minh")!)
            #expect(lines.contains("Gián đoạn từ 00:01 ngày 11/03/2026 đến 00:01 ngày 13/03/2026."))

            // The journal says why: withdrawn, then published again; and the final stops are "ended".
            let entries = PublicationJournal(root: site.root).entries()
            #expect(entries.filter { $0.id == "ngat" }.map { "\($0.event):\($0.value("reason") ?? "")" }
                    == ["started:started", "stopped:withdrawn", "started:started", "stopped:ended"])
            #expect(entries.filter { $0.event == "build" }.count == 5)
            #expect(entries.allSatisfy { $0.event == "build" || $0.value("reason") != nil })
        }

        @Test func anExtensionAfterAGapAndABackdatedPostingAreVisible() throws {
            let site = try TestSite(files: [
                "content/notices/gia-han.md": validNotice(posted: "2026-03-02", expires: "2026-04-01"),
            ])
            // First published a week after its `posted` date.
            Self.build(site, at: "2026-03-09T00:01:00+07:00")
            Self.build(site, at: "2026-04-02T00:01:00+07:00")
            try site.write("content/notices/gia-han.md", validNotice(posted: "2026-03-02", expires: "2026-05-04"))
            Self.build(site, at: "2026-04-03T00:01:00+07:00")
            let history = try Self.history(site, "gia-han")
            #expect(history.postedBeforeFirstPublication)
            #expect(history.gaps == [.init(from: "2026-04-02T00:01:00+07:00", until: "2026-04-03T00:01:00+07:00")])
            #expect(!history.complete)
            #expect(PublicationJournal(root: site.root).entries().filter { $0.id == "gia-han" }.map { $0.value("reason") ?? "" }
                    == ["started", "ended", "extended"])
            let json = history.json
            #expect(json["continuous"] as? Bool == false)
            #expect(json["posted_before_first_publication"] as? Bool == true)
            #expect((json["required"] as? [String: Any])?["days"] as? Int == 30)
        }

        @Test func aContentChangeWhilePostedIsJournaledWithTheNewHashes() throws {
            let site = try TestSite(files: ["content/notices/a.md": validNotice(expires: "2026-04-30")])
            Self.build(site, at: "2026-03-10T00:01:00+07:00")
            Self.build(site, at: "2026-03-11T00:01:00+07:00")
            try site.write("content/notices/a.md", validNotice(expires: "2026-04-30", body: "Nội dung đã sửa.\n"))
            Self.build(site, at: "2026-03-12T00:01:00+07:00")
            let entries = PublicationJournal(root: site.root).entries().filter { $0.id == "a" }
            #expect(entries.map(\.event) == ["started", "changed"])
            #expect(entries[1].value("reason") == "content-changed")
            #expect(entries[0].value("source") != entries[1].value("source"))
            let page = try Data(contentsOf: site.output.appendingPathComponent("thong-bao/a/index.html"))
            #expect(entries[1].value("page") == PublicationJournal.sha256(page))
            // Only ids, hashes and dates: no body text.
            let text = try String(contentsOf: site.root.appendingPathComponent(PublicationJournal.fileName), encoding: .utf8)
            #expect(!text.contains("Nội dung"))
        }

        @Test(arguments: ["edit", "delete", "reorder"])
        func verifyFailsAtTheFirstAlteredLine(alteration: String) throws {
            let site = try Self.site()
            Self.build(site, at: "2026-03-02T00:01:00+07:00")
            Self.build(site, at: "2026-03-03T00:01:00+07:00")
            Self.build(site, at: "2026-04-02T00:01:00+07:00")
            let journal = PublicationJournal(root: site.root)
            let lines = journal.lines()
            #expect(journal.verify() == .valid(lines: lines.count))
            #expect(lines.count == 7)
            var altered = lines
            switch alteration {
            case "edit": altered[3] = altered[3].replacingOccurrences(of: "2026-03-03T00:01", with: "2026-03-01T00:01")
            case "delete": altered.remove(at: 3)
            default: altered.swapAt(3, 4)
            }
            try Data((altered.joined(separator: "\n") + "\n").utf8).write(to: journal.url)
            #expect(journal.verify() == .broken(line: 4, reason: "hash"))
            let result = try CongKhaiProcess.run(["journal", "verify", "--root", site.root.path])
            #expect(result.status == 1)
            #expect(result.stderr.hasPrefix("journal.tsv:4: lỗi:"), "\(result.stderr)")
        }

        @Test func historyFromTheCommandLine() throws {
            let site = try Self.site()
            for now in ["2026-03-02T00:01:00+07:00", "2026-04-02T00:01:00+07:00"] {
                let run = try CongKhaiProcess.run(["build", "--root", site.root.path, "--now", now])
                #expect(run.status == 0, "\(run.stderr)")
            }
            let text = try CongKhaiProcess.run(["history", "du", "--root", site.root.path])
            #expect(text.status == 0)
            #expect(text.stdout == "Đã đăng từ 00:01 ngày 02/03/2026 đến 00:01 ngày 02/04/2026.\n"
                    + "Kết luận: đã niêm yết đủ 30 ngày liên tục (đến hết ngày 01/04/2026; Luật Thực hiện dân chủ ở cơ sở 2022, Điều 12, khoản 3; Điều 13, khoản 2).\n")
            let json = try CongKhaiProcess.run(["history", "du", "--root", site.root.path, "--json"])
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
            #expect(object["complete"] as? Bool == true)
            #expect((object["published"] as? [[String: Any]])?.first?["from"] as? String == "2026-03-02T00:01:00+07:00")
            #expect(try CongKhaiProcess.run(["journal", "verify", "--root", site.root.path]).stdout == "journal.tsv: nhật ký nguyên vẹn, 6 dòng.\n")
        }

        @Test func temporaryFilesOfAKilledBuildAreRemovedByTheNext() throws {
            let site = try TestSite(files: ["content/notices/mot.md": validNotice()])
            // A process that has ended: its pid names the leftovers a SIGKILL would leave.
            let ended = try ChildProcess("/bin/true", [])
            _ = ended.wait()
            let state = LastValidSources(output: site.output)
            try FileManager.default.createDirectory(at: state.folder, withIntermediateDirectories: true)
            let leftovers = [site.root.appendingPathComponent(".journal.tsv.tmp-\(ended.pid)"),
                             state.folder.appendingPathComponent(".manifest.json.tmp-\(ended.pid)"),
                             state.folder.appendingPathComponent(".pages.json.tmp-\(ended.pid)"),
                             // The parse cache is written beside the state folder while loading.
                             site.root.appendingPathComponent("..site.congkhai-state.parsed-cache.tmp-\(ended.pid)")]
            for file in leftovers { try Data("half".utf8).write(to: file) }
            Self.build(site, at: "2026-03-10T09:00:00+07:00")
            for file in leftovers { #expect(!FileManager.default.fileExists(atPath: file.path), "\(file.lastPathComponent)") }
            #expect(site.rootEntries == ["content", "site"])
        }
    }
}
