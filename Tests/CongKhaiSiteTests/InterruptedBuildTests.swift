@testable import CongKhaiSite
import CongKhaiCore
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

// Issue 7: builds killed at random moments and builds started together never leave a mixed or
// missing site, and leftovers of a killed build do not accumulate; the site's zone, never the
// machine's, decides at the boundary of a day.

extension ChildProcessSuites {
    @Suite("Interrupted and concurrent builds", .serialized)
    struct InterruptedBuildTests {
        /// At `earlier` all 600 notices are posted; at `later` the 300 ending on 06/04/2026 are not.
        static let earlier = "2026-03-20T09:00:00+07:00"
        static let later = "2026-04-10T09:00:00+07:00"
        static let busy = "một lần dựng trang khác đang chạy"

        /// 600 notices with unique ids: a debug build takes about a second or two (1,249 files).
        static func bigSite() throws -> TestSite {
            var files: [String: String] = [:]
            for i in 0..<600 {
                let body = "Ủy ban nhân dân xã thông báo công khai để người dân được biết, theo dõi và góp ý."
                // `general` needs 30 days counted by the Civil Code: posted 05/03 → at least 06/04/2026.
                files["content/notices/nhom-\(i / 100)/thong-bao-\(i).md"] = validNotice(
                    title: "\"Thông báo công khai số \(i)\"", commune: i % 3 == 0 ? "xa-b" : "xa-a",
                    expires: i % 2 == 0 ? "2026-04-06" : "2026-05-06",
                    extra: [("number", "\"\(i)/TB-UBND\""), ("summary", "\"Tóm tắt thông báo \(i)\"")], body: body + "\n")
            }
            return try TestSite(files: files)
        }

        static func temporaryFolders(_ site: TestSite) -> [String] {
            site.rootEntries.filter { $0.hasPrefix(".site.congkhai-tmp-") }
        }

        /// How far a snapshot is from the two complete sites, for failure messages.
        static func describe(_ snapshot: [String: Data], _ a: [String: Data], _ b: [String: Data]) -> String {
            let likeA = snapshot.filter { a[$0.key] == $0.value }.count
            let likeB = snapshot.filter { b[$0.key] == $0.value }.count
            return "\(snapshot.count) files: \(likeA) as in the earlier site (\(a.count) files), "
                + "\(likeB) as in the later site (\(b.count) files)"
        }

        @Test func aBuildKilledAtAnyMomentLeavesOneCompleteSite() throws {
            let site = try Self.bigSite()
            let binary = try #require(CongKhaiProcess.binary, "build the congkhai tool first")
            let root = site.root.path

            let first = try BoundedRun.congkhai(["build", "--root", root, "--now", Self.earlier], limit: 60)
            try #require(first.status == 0, "\(first.stderrHead)")
            let earlierSite = site.snapshot()
            let second = try BoundedRun.congkhai(["build", "--root", root, "--now", Self.later], limit: 60)
            try #require(second.status == 0, "\(second.stderrHead)")
            let laterSite = site.snapshot()
            #expect(earlierSite.count > 600)
            #expect(earlierSite != laterSite)
            #expect(site.rootEntries == ["content", "site"])

            // Delays cover the whole build, including its last moments and a little after.
            let duration = max(first.seconds, second.seconds)
            let maxDelay = Int(duration * 1.3 * 1000)
            let seed = UInt64(Date().timeIntervalSince1970 * 1000)
            var random = SplitMix64(state: seed)
            var showsLater = true
            var interrupted = 0
            var completed = 0
            var leftBehind = 0
            var history: [String] = []
            for kill in 1...30 {
                let clock = showsLater ? Self.earlier : Self.later
                let delay = Int.random(in: 0...maxDelay, using: &random)
                // Odd kills: no spare buffer, the build renders into a fresh temporary folder. Even
                // kills: a damaged spare (what an earlier killed build may leave), updated in place.
                let spareURL = OutputPublisher(output: site.output).spare
                if kill % 2 == 1 {
                    TreeRemoval.remove(spareURL)
                } else {
                    for path in TestSite.snapshot(of: spareURL).keys.sorted().prefix(40) {
                        try Data("x".utf8).write(to: spareURL.appendingPathComponent(path))
                    }
                }
                let child = try ChildProcess(binary.path, ["build", "--root", root, "--now", clock],
                                             environment: ["SWIFT_BACKTRACE": "enable=no"])
                usleep(useconds_t(delay * 1000))
                child.kill(SIGKILL)
                let status = child.wait()
                history.append("#\(kill) \(delay) ms → \(status)")
                let context = "seed \(seed), build \(String(format: "%.2f", duration)) s, \(history.joined(separator: ", "))"

                let now = site.snapshot()
                if now == earlierSite || now == laterSite {
                    let changed = (now == laterSite) != showsLater
                    if changed { completed += 1 } else { interrupted += 1 }
                    showsLater = now == laterSite
                } else {
                    let mix = Self.describe(now, earlierSite, laterSite)
                    Issue.record("after kill #\(kill) (\(delay) ms) the output is neither complete site: \(mix); \(context)")
                    return
                }
                // A killed build leaves at most its own temporary folder: the next one removes it.
                let leftovers = Self.temporaryFolders(site)
                #expect(leftovers.count <= 1, "\(leftovers); \(context)")
                if !leftovers.isEmpty { leftBehind += 1 }
                // A damaged or half-updated spare is never served; the next build repairs it, which
                // the snapshot above (after every kill) and the full builds below check byte for byte.
                // The last valid versions beside the output are always one complete manifest whose
                // every stored file is there: a later build with errors can rely on them.
                let state = LastValidSources(output: site.output)
                let manifest = state.manifest()
                #expect(manifest?.files.count == 601, "\(context)")
                #expect(manifest?.files.values.allSatisfy { state.contents($0) != nil } == true,
                        "\(context)")
                // The journal is never left with a half-written line.
                if case .broken(let line, let reason) = PublicationJournal(root: site.root).verify() {
                    Issue.record("journal broken at line \(line) (\(reason)) after kill #\(kill); \(context)")
                }

                if kill % 10 == 0 {
                    // A successful build cleans everything a killed one left.
                    let target = showsLater ? Self.earlier : Self.later
                    let full = try BoundedRun.congkhai(["build", "--root", root, "--now", target], limit: 60)
                    #expect(full.status == 0, "\(full.stderrHead)")
                    showsLater = target == Self.later
                    #expect(site.snapshot() == (showsLater ? laterSite : earlierSite))
                    #expect(site.rootEntries == ["content", "site"], "\(context)")
                }
            }
            print("Interrupted builds: \(interrupted) kills interrupted a build, \(completed) came after it ended, "
                  + "\(leftBehind) left a temporary folder; seed \(seed); \(history.joined(separator: ", "))")
            // The kills really landed inside builds, not only before or after them.
            #expect(interrupted >= 3, "only \(interrupted) kills interrupted a build; \(history)")
            #expect(leftBehind >= 1, "no kill ever hit the rendering; \(history)")
            #expect(completed + interrupted == 30)
        }

        @Test func buildsStartedTogetherNeverCorruptTheOutput() throws {
            let site = try Self.bigSite()
            let binary = try #require(CongKhaiProcess.binary, "build the congkhai tool first")
            let root = site.root.path
            try #require(try BoundedRun.congkhai(["build", "--root", root, "--now", Self.earlier], limit: 60).status == 0)
            let earlierSite = site.snapshot()
            try #require(try BoundedRun.congkhai(["build", "--root", root, "--now", Self.later], limit: 60).status == 0)
            let laterSite = site.snapshot()

            var refused = 0
            for round in 0..<8 {
                let clocks = round % 2 == 0 ? [Self.earlier, Self.later] : [Self.later, Self.earlier, Self.earlier]
                let children = try clocks.map {
                    try ChildProcess(binary.path, ["build", "--root", root, "--now", $0], environment: ["SWIFT_BACKTRACE": "enable=no"])
                }
                let statuses = children.map { $0.wait() }
                #expect(statuses.contains(0), "round \(round): \(statuses) \(children.map(\.stderr))")
                for (child, status) in zip(children, statuses) where status != 0 {
                    #expect(status == 1, "round \(round): \(child.stderr)")
                    #expect(child.stderr.contains(Self.busy), "round \(round): \(child.stderr)")
                    refused += 1
                }
                let now = site.snapshot()
                let winners = Set(zip(clocks, statuses).filter { $0.1 == 0 }.map(\.0))
                if winners == [Self.earlier] {
                    #expect(now == earlierSite, "round \(round): \(Self.describe(now, earlierSite, laterSite))")
                } else if winners == [Self.later] {
                    #expect(now == laterSite, "round \(round): \(Self.describe(now, earlierSite, laterSite))")
                } else {
                    #expect(now == earlierSite || now == laterSite, "round \(round): \(Self.describe(now, earlierSite, laterSite))")
                }
                #expect(site.rootEntries == ["content", "site"], "round \(round)")
            }
            // The builds really overlapped at least once.
            #expect(refused >= 1)
        }
    }
}

extension ChildProcessSuites {
    @Suite("The site's zone decides at the boundary of a day")
    struct ZoneBoundaryTests {
        static let lastSecond = "2026-04-06T23:59:59+07:00"
        static let nextDay = "2026-04-07T00:00:00+07:00"

        static func site() throws -> TestSite {
            try TestSite(files: [
                // Ends at the end of 06/04/2026 in Asia/Ho_Chi_Minh (16:59:59 UTC, 12:59:59 in New York).
                "content/notices/het-han-cuoi-ngay.md": validNotice(title: "\"Hết hạn cuối ngày\"", posted: "2026-03-05",
                                                                    expires: "2026-04-06"),
                // Starts at 00:00 on 07/04/2026 in the site's zone.
                "content/notices/bat-dau-ngay-moi.md": validNotice(title: "\"Bắt đầu ngày mới\"", posted: "2026-04-07",
                                                                   expires: "2026-05-07"),
                "content/notices/van-dang-niem-yet.md": validNotice(title: "\"Vẫn đang niêm yết\"", posted: "2026-03-05",
                                                                    expires: "2026-05-06"),
            ])
        }

        @Test func aNoticeEndingAtMidnightUnderAnotherMachineZone() throws {
            let site = try Self.site()
            var before: [String: [String: Data]] = [:]
            var after: [String: [String: Data]] = [:]
            for zone in ["America/New_York", "UTC"] {
                let last = try CongKhaiProcess.run(["build", "--root", site.root.path, "--now", Self.lastSecond],
                                                   environment: ["TZ": zone])
                #expect(last.status == 0, "\(last.stderr)")
                #expect(site.exists("thong-bao/het-han-cuoi-ngay/index.html"), "\(zone): still posted at 23:59:59+07:00")
                #expect(!site.exists("thong-bao/bat-dau-ngay-moi"), "\(zone): not yet posted at 23:59:59+07:00")
                #expect(last.stdout.contains("danh sách sẽ thay đổi lúc 00:00 ngày 07/04/2026"), "\(last.stdout)")
                before[zone] = site.snapshot()

                let next = try CongKhaiProcess.run(["build", "--root", site.root.path, "--now", Self.nextDay],
                                                   environment: ["TZ": zone])
                #expect(next.status == 0, "\(next.stderr)")
                #expect(!site.exists("thong-bao/het-han-cuoi-ngay"), "\(zone): ended at 00:00:00+07:00")
                #expect(site.exists("thong-bao/bat-dau-ngay-moi/index.html"), "\(zone): posted from 00:00:00+07:00")
                #expect(site.exists("thong-bao/van-dang-niem-yet/index.html"))
                after[zone] = site.snapshot()
            }
            #expect(before["America/New_York"] == before["UTC"])
            #expect(after["America/New_York"] == after["UTC"])

            // The same instants written in New York's offset give the same sites.
            let newYorkLast = try CongKhaiProcess.run(["build", "--root", site.root.path, "--now", "2026-04-06T12:59:59-04:00"],
                                                      environment: ["TZ": "America/New_York"])
            #expect(newYorkLast.status == 0)
            #expect(site.snapshot() == before["UTC"])
            let newYorkNext = try CongKhaiProcess.run(["build", "--root", site.root.path, "--now", "2026-04-06T13:00:00-04:00"],
                                                      environment: ["TZ": "America/New_York"])
            #expect(newYorkNext.status == 0)
            #expect(site.snapshot() == after["UTC"])
            #expect(site.rootEntries == ["content", "site"])
        }

        @Test func statusAtTheBoundaryUnderAnotherMachineZone() throws {
            let site = try Self.site()
            for (now, expected) in [(Self.lastSecond, "active"), (Self.nextDay, "expired")] {
                let result = try CongKhaiProcess.run(["status", "--root", site.root.path, "--json", "--now", now],
                                                     environment: ["TZ": "America/New_York"])
                #expect(result.status == 0)
                let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
                let notices = try #require(object["notices"] as? [[String: Any]])
                let notice = try #require(notices.first { $0["id"] as? String == "het-han-cuoi-ngay" })
                #expect(notice["status"] as? String == expected, "at \(now)")
                #expect(notice["expires"] as? String == "2026-04-06T23:59:59+07:00")
            }
        }
    }
}
