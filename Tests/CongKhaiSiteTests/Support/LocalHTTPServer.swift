import Foundation

/// `python3 -m http.server` on 127.0.0.1 and a port the system picks, for `check --url`.
final class LocalHTTPServer {
    let child: ChildProcess
    let port: Int

    /// Serves `directory`; paths in `failing` answer 500 and paths in `forbidden` 403 instead.
    init(directory: URL, failing: [String] = [], forbidden: [String] = []) throws {
        let program = """
        import functools, http.server, sys
        failing, forbidden = set(sys.argv[2].split(",")), set(sys.argv[3].split(","))
        class Handler(http.server.SimpleHTTPRequestHandler):
            def do_GET(self):
                if self.path in failing: return self.send_error(500)
                if self.path in forbidden: return self.send_error(403)
                return super().do_GET()
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=sys.argv[1]))
        print(f"Serving HTTP on 127.0.0.1 port {server.server_address[1]} ...", flush=True)
        server.serve_forever()
        """
        child = try ChildProcess("python3", ["-u", "-c", program, directory.path,
                                             failing.joined(separator: ","), forbidden.joined(separator: ",")])
        // Waits for "Serving HTTP on 127.0.0.1 port 43817 (http://127.0.0.1:43817/) ...": at most
        // 60 s, a wait for a slow start on a loaded machine, not a speed requirement.
        for _ in 0..<2400 {
            let text = child.stdout
            if let range = text.range(of: " port "), let value = Int(text[range.upperBound...].prefix { $0.isNumber }) {
                port = value
                return
            }
            Thread.sleep(forTimeInterval: 0.025)
        }
        child.kill()
        _ = child.wait()
        throw CocoaError(.fileReadUnknown)
    }

    /// Stops the server (`ChildProcess` never signals a child it has already reaped).
    func stop() {
        child.kill()
        _ = child.wait()
    }
}
