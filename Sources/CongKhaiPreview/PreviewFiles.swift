import Foundation
import Hummingbird

/// Serves the preview folder: `/x/` → `x/index.html`, missing → `404.html` with status 404, and
/// the live-reload script added to every HTML page.
struct PreviewFiles: Sendable {
    let folder: URL

    static let types: [String: String] = [
        "html": "text/html; charset=utf-8", "css": "text/css; charset=utf-8",
        "js": "text/javascript; charset=utf-8", "json": "application/json", "xml": "application/xml",
        "txt": "text/plain; charset=utf-8", "pdf": "application/pdf", "svg": "image/svg+xml",
        "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "webp": "image/webp",
    ]

    func response(for rawPath: String, absentReason: String? = nil) -> Response {
        let path = (rawPath.removingPercentEncoding ?? rawPath)
        let parts = path.split(separator: "/").map(String.init)
        // No way out of the preview folder.
        guard !parts.contains(where: { $0 == ".." || $0.hasPrefix(".") }) else { return notFound(nil) }
        var url = folder
        for part in parts { url.appendPathComponent(part) }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
            guard path.hasSuffix("/") else {
                return Response(status: .movedPermanently, headers: [.location: path + "/"])
            }
            url.appendPathComponent("index.html")
        }
        guard let data = FileManager.default.contents(atPath: url.path) else { return notFound(absentReason) }
        return respond(data, extension: url.pathExtension.lowercased(), status: .ok)
    }

    /// The site's 404 page; for a notice the preview leaves out, with a box saying why and how
    /// to see it (only the preview says this: the published site gives nothing away).
    private func notFound(_ reason: String?) -> Response {
        var data = FileManager.default.contents(atPath: folder.appendingPathComponent("404.html").path)
            ?? Data("404".utf8)
        if let reason {
            let box = "<div role=\"status\" style=\"border:3px solid #b35c00;background:#fff4e5;color:#222;padding:1em;margin:1em\">"
                + Self.escape(reason) + "</div>"
            var html = String(decoding: data, as: UTF8.self)
            if let body = html.range(of: "<body"), let end = html[body.upperBound...].firstIndex(of: ">") {
                html.insert(contentsOf: box, at: html.index(after: end))
            } else {
                html = box + html
            }
            data = Data(html.utf8)
        }
        return respond(data, extension: "html", status: .notFound)
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    private func respond(_ data: Data, extension ext: String, status: HTTPResponse.Status) -> Response {
        var body = data
        if ext == "html" {
            let html = String(decoding: data, as: UTF8.self)
            let tag = "<script src=\"/__congkhai/live.js\"></script>"
            body = Data((html.contains("</body>") ? html.replacingOccurrences(of: "</body>", with: tag + "</body>") : html + tag).utf8)
        }
        return Response(status: status,
                        headers: [.contentType: Self.types[ext] ?? "application/octet-stream", .cacheControl: "no-store"],
                        body: .init(byteBuffer: ByteBuffer(data: body)))
    }
}

/// The script the preview adds to every page: polls the build status, reloads on a new build,
/// and shows the errors of a failed rebuild over the page.
enum LiveReloadScript {
    static let source = """
    (function () {
      "use strict";
      var seen = null;
      function overlay(errors) {
        var box = document.getElementById("congkhai-errors");
        if (!errors.length) { if (box) { box.remove(); } return; }
        if (!box) {
          box = document.createElement("div");
          box.id = "congkhai-errors";
          box.setAttribute("role", "alert");
          box.style.cssText = "position:fixed;inset:0 0 auto 0;max-height:70vh;overflow:auto;z-index:99999;" +
            "background:#7f1d1d;color:#fff;font:14px/1.5 monospace;padding:1rem;white-space:pre-wrap";
          document.body.appendChild(box);
        }
        box.textContent = "CongKhai: dựng lại thất bại, đang hiển thị bản dựng tốt gần nhất.\\n\\n" + errors.join("\\n");
      }
      function poll() {
        fetch("/__congkhai/status", { cache: "no-store" }).then(function (r) { return r.json(); }).then(function (s) {
          if (seen === null) { seen = s.version; } else if (s.version !== seen) { location.reload(); return; }
          overlay(s.errors || []);
        }).catch(function () {}).then(function () { setTimeout(poll, 700); });
      }
      poll();
    })();
    """
}
