import Foundation
import Testing

/// Runs the real `congkhai` binary (built by `swift build` / `make test` before the tests).
struct CongKhaiProcess {
    /// The repository: this file is Tests/CongKhaiSiteTests/Support/CongKhaiProcess.swift.
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var binary: URL? {
        let candidates = [Bundle.main.bundleURL.appendingPathComponent("congkhai"),
                          Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("congkhai"),
                          repository.appendingPathComponent(".build/debug/congkhai")]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        let binary = try #require(binary, "build the congkhai tool first: swift build --product congkhai")
        let child = try ChildProcess(binary.path, arguments, environment: environment)
        let status = child.wait()
        return Result(status: status, stdout: child.stdout, stderr: child.stderr)
    }
}
