import Foundation
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#endif

extension ChildProcessSuites {
    /// `congkhai serve`, driven from a test: a random port, a rebuild after a change, a broken file
    /// reported while the last good site is still served, and a clean stop on Ctrl-C (SIGINT).
    @Suite("Live preview")
    struct PreviewServerTests {
        func get(_ url: String) async throws -> (Int, String) {
            var request = URLRequest(url: try #require(URL(string: url)))
            request.cachePolicy = .reloadIgnoringLocalCacheData
            let (data, response) = try await URLSession.shared.data(for: request)
            return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
        }

        /// Sends one request exactly as written (no URL normalisation) and returns the whole response.
        func rawGet(port: Int, path: String) throws -> String {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            try #require(fd >= 0)
            defer { close(fd) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            try #require(connected == 0)
            let request = Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8)
            _ = request.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
            var response: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while true {
                let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                if count <= 0 { break }
                response += buffer[0..<count]
            }
            return String(decoding: response, as: UTF8.self)
        }

        /// Polls `condition` every 100 ms for at most `seconds`: a wait, not a speed requirement, so
        /// generous enough for a debug build on a 2-core machine busy with other test processes.
        func eventually(_ seconds: Double = 120, _ condition: () async throws -> Bool) async throws -> Bool {
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline {
                if try await condition() { return true }
                try await Task.sleep(for: .milliseconds(100))
            }
            return false
        }

        @Test func rebuildsOnChangeAndReportsABrokenFile() async throws {
            let site = try TestSite(files: [
                "content/notices/a.md": validNotice(title: "\"Bản đầu tiên\""),
                "content/notices/sau.md": validNotice(title: "\"Sắp niêm yết\"", posted: "2026-03-25", expires: "2026-04-28"),
                "content/notices/nhap.md": validNotice(title: "\"Bản nháp xem trước\"", extra: [("draft", "true")]),
            ])
            let binary = try #require(CongKhaiProcess.binary)
            let server = try ChildProcess(binary.path, ["serve", "--root", site.root.path, "--port", "0",
                                                        "--now", "2026-03-20T09:00:00+07:00"])
            defer {
                server.kill(SIGKILL)
                _ = server.wait()
            }
            var port = 0
            #expect(try await eventually {
                let log = server.stderr
                guard let range = log.range(of: "http://127.0.0.1:") else { return false }
                port = Int(log[range.upperBound...].prefix { $0.isNumber }) ?? 0
                return port > 0
            })
            let base = "http://127.0.0.1:\(port)/"
            let (status, home) = try await get(base)
            #expect(status == 200)
            #expect(home.contains("Bản đầu tiên"))
            #expect(home.contains("<script src=\"/__congkhai/live.js\"></script></body>"))
            #expect(try await get(base + "__congkhai/status").1 == "{\"errors\":[],\"version\":1}")
            #expect(try await get(base + "khong-co/").0 == 404)
            // A draft is previewed; a notice that has not started says when it will and how to see it.
            #expect(try await get(base + "thong-bao/nhap/").1.contains("Bản nháp xem trước"))
            let (scheduledStatus, scheduled) = try await get(base + "thong-bao/sau/")
            #expect(scheduledStatus == 404)
            #expect(scheduled.contains("chưa đến ngày niêm yết; trang sẽ được đăng từ 00:00 ngày 25/03/2026"), "\(scheduled)")
            #expect(scheduled.contains("congkhai serve --now 2026-03-25"))
            // Hostile paths never leave the preview folder (a file outside it holds a marker).
            try site.write("bi-mat.txt", "BÍ MẬT NGOÀI THƯ MỤC XEM TRƯỚC\n")
            for path in ["/../../../../etc/passwd", "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2f..%2f..%2fetc%2fpasswd",
                         "/thong-bao/../../../../../etc/passwd", "/%252e%252e/%252e%252e/etc/passwd", "//etc/passwd",
                         "/" + site.root.path + "/bi-mat.txt", "/.%2e/.%2e/.%2e/.%2e/etc/passwd", "/%00/etc/passwd"] {
                let response = try rawGet(port: port, path: path)
                #expect(response.hasPrefix("HTTP/1.1 4"), "\(path): \(response.prefix(80))")
                #expect(!response.contains("root:x:0:0") && !response.contains("BÍ MẬT"), "\(path) leaked a file")
            }

            try site.write("content/notices/a.md", validNotice(title: "\"Bản sửa lần hai\""))
            #expect(try await eventually { try await get(base + "__congkhai/status").1 == "{\"errors\":[],\"version\":2}" })
            #expect(try await get(base + "thong-bao/a/").1.contains("Bản sửa lần hai"))

            try site.write("content/notices/a.md", validNotice(title: "\"Bản hỏng\"", type: "compensation"))
            #expect(try await eventually { try await get(base + "__congkhai/status").1.contains("compensation") })
            let broken = try await get(base + "__congkhai/status").1
            #expect(broken.contains("content/notices/a.md:3:7: lỗi: loại thông báo `compensation` không tồn tại"))
            #expect(broken.contains("\"version\":2"))
            // The last good site is still served, and the terminal shows the error too.
            #expect(try await get(base + "thong-bao/a/").1.contains("Bản sửa lần hai"))
            #expect(server.stderr.contains("content/notices/a.md:3:7: lỗi: loại thông báo `compensation`"))
            #expect(server.stderr.contains("Không dựng lại được; vẫn hiển thị bản đúng gần nhất."))

            server.kill(SIGINT)
            #expect(server.wait() == 0)
            #expect(server.stderr.hasSuffix("Đã dừng xem trước.\n"))
            // The preview never touches the site's own output folder.
            #expect(!FileManager.default.fileExists(atPath: site.output.path))
        }
    }
}
