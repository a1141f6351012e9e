import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The real binary run with a bound on its work; its exit status and peak memory come from `wait4`.
///
/// The bound is CPU time, not wall time: `limit` seconds of a 2-core machine, i.e. `2 × limit`
/// CPU seconds summed over the child's threads. Another job keeping both cores busy slows the
/// child's wall clock but barely changes the work it does, so a loaded machine cannot break the
/// bound, while a hang or a blow-up still exceeds it. A safety net stops a child whose CPU time
/// has not moved at all for ten times the limit (at least two minutes): blocked, not slowed.
struct BoundedRun {
    /// Exit status, or 128 + signal number when it was killed (also by the time limit).
    let status: Int32
    /// Why the child was killed with SIGKILL, if it was.
    let killed: Kill?
    var timedOut: Bool { killed != nil }

    enum Kill: Sendable {
        /// It used its CPU budget: work, whatever the machine's load.
        case cpuBudget
        /// Its CPU time did not move for the safety net's length (blocked, not working).
        case safetyNet
    }
    let stdout: String
    let stderr: String
    let seconds: Double
    /// Peak resident memory of the child (`ru_maxrss`), in KiB.
    let peakKiB: Int

    /// A crash: a signal the test did not send (SIGILL from a Swift trap, SIGSEGV, SIGABRT…).
    var crashed: Bool { !timedOut && status >= 128 }

    static func congkhai(_ arguments: [String], limit: Double, environment: [String: String] = [:]) throws -> BoundedRun {
        let binary = try #require(CongKhaiProcess.binary, "build the congkhai tool first: swift build --product congkhai")
        // No symbolicated backtrace on a crash (it takes a second); the fatal error line stays.
        var env = ["SWIFT_BACKTRACE": "enable=no"]
        env.merge(environment) { $1 }
        let start = ContinuousClock.now
        let child = try ChildProcess(binary.path, arguments, environment: env)
        let (status, killed, usage) = reap(child.pid, limit: limit)
        let elapsed = ContinuousClock.now - start
        return BoundedRun(status: status, killed: killed, stdout: child.stdout, stderr: child.stderr,
                          seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
                          peakKiB: Int(usage.ru_maxrss))
    }

    /// CPU seconds (user + system, all threads) `pid` has used so far, from `/proc/<pid>/stat`.
    static func cpuSeconds(_ pid: pid_t) -> Double? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = text.lastIndex(of: ")") else { return nil }
        // After "pid (comm)": state is field 3; utime and stime are fields 14 and 15.
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// Waits for `pid`, killing it with SIGKILL once it has used `2 × limit` CPU seconds, or once
    /// it has made no progress at all (not one clock tick of CPU) for the safety net's length.
    /// A child that a loaded machine merely slows keeps gaining CPU time, so only a child that is
    /// blocked (waiting on a lock, a pipe, a sleep) trips the net, however busy the machine is.
    static func reap(_ pid: pid_t, limit: Double) -> (Int32, Kill?, rusage) {
        var status: Int32 = 0
        var usage = rusage()
        let stall = Duration.milliseconds(Int(max(limit * 10, 120) * 1000))
        let budget = limit * 2
        var killed: Kill?
        var lastCPU = -1.0
        var lastProgress = ContinuousClock.now
        while true {
            let result = wait4(pid, &status, WNOHANG, &usage)
            if result == pid { break }
            if result == -1 && errno != EINTR { break }
            if killed == nil {
                let cpu = cpuSeconds(pid) ?? 0
                let now = ContinuousClock.now
                if cpu > lastCPU {
                    lastCPU = cpu
                    lastProgress = now
                }
                if cpu > budget {
                    killed = .cpuBudget
                } else if now - lastProgress >= stall {
                    killed = .safetyNet
                }
                if killed != nil { _ = Glibc.kill(pid, SIGKILL) }
            }
            usleep(2_000)
        }
        let code = status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return (code, killed, usage)
    }

    /// The first lines of stderr, for failure messages.
    var stderrHead: String {
        stderr.split(separator: "\n", omittingEmptySubsequences: false).prefix(6).joined(separator: "\n")
    }
}
