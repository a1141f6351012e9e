@testable import CongKhaiSite
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

extension ChildProcessSuites {
    /// A disk that fills up in the middle of a rebuild: the build fails with a clear message, the
    /// previous site stays byte-identical and nothing is left beside it. Needs a small tmpfs, so it
    /// runs where the tests may mount one (root, as on the CI machine).
    @Suite struct DiskFullTests {
        static func mount(_ arguments: [String]) -> Int32 {
            guard let child = try? ChildProcess("/usr/bin/env", arguments) else { return -1 }
            return child.wait()
        }

        /// Whether a tmpfs can be mounted here (tried once, on a scratch folder).
        static let canMountTmpfs: Bool = {
            guard getuid() == 0 else { return false }
            let probe = FileManager.default.temporaryDirectory.appendingPathComponent("congkhai-mount-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: probe) }
            guard (try? FileManager.default.createDirectory(at: probe, withIntermediateDirectories: true)) != nil,
                  mount(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", probe.path]) == 0 else { return false }
            return mount(["umount", probe.path]) == 0
        }()

        /// In CI (`CONGKHAI_NO_SKIPS`, set by .ci/run) the test runs even where it cannot mount,
        /// and fails at the mount: a skip there would hide that this case went untested.
        @Test(.enabled(if: DiskFullTests.canMountTmpfs || ProcessInfo.processInfo.environment["CONGKHAI_NO_SKIPS"] != nil,
                       "needs permission to mount a tmpfs"))
        func aDiskThatFillsUpMidBuildLeavesThePreviousSiteUntouched() throws {
            let site = try HostileInputTests.goodSite()
            let now = HostileInputTests.now
            try site.build(at: now)
            // tmpfs charges whole 4 KiB pages: room for one copy of the site and half of another.
            let pages = site.snapshot().values.reduce(0) { $0 + max(1, ($1.count + 4095) / 4096) }
            let disk = site.root.appendingPathComponent("o-dia-nho")
            try FileManager.default.createDirectory(at: disk, withIntermediateDirectories: true)
            try #require(Self.mount(["mount", "-t", "tmpfs", "-o", "size=\(pages * 4096 * 3 / 2)", "tmpfs", disk.path]) == 0)
            // Unmounted before the site folder is deleted (the defer keeps `site` alive until then).
            defer {
                _ = Self.mount(["umount", disk.path])
                withExtendedLifetime(site) {}
            }
            let output = disk.appendingPathComponent("site")

            let first = try CongKhaiProcess.run(["build", "--root", site.root.path, "--output", output.path, "--now", now])
            #expect(first.status == 0, "\(first.stderr)")
            let before = TestSite.snapshot(of: output)
            #expect(before.count > 10)

            let second = try CongKhaiProcess.run(["build", "--root", site.root.path, "--output", output.path, "--now", now])
            #expect(second.status == 1)
            #expect(second.stderr.contains("\(output.path): lỗi: ổ đĩa đã đầy"), "\(second.stderr)")
            #expect(second.stderr.contains("vẫn giữ nguyên bản cũ"))
            #expect(TestSite.snapshot(of: output) == before, "the previous site changed")
            #expect(try FileManager.default.contentsOfDirectory(atPath: disk.path).filter { !$0.hasSuffix(".lock") && !$0.hasSuffix(".congkhai-state") } == ["site"])
        }
    }
}
