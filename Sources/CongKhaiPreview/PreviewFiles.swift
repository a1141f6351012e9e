import Foundation
import Hummingbird

/// The preview's answers for what the file middleware does not serve: a path that could leave
/// the preview folder (`..`, a NUL, a hidden name) is refused, and a missing page gets the
/// site's `404.html` with status 404 — for a notice the preview leaves out, with a box saying why
/// and how to see it (only the preview says this: the published site gives nothing away).
struct PreviewFiles: Sendable {
    let folder: URL

    /// True when the decoded path may be looked up in the preview folder at all.
    static func isSafe(_ rawPath: String) -> Bool {
        guard let path = rawPath.removingPercentEncoding, !path.contains("\u{0}") else { return false }
        return !path.split(separator: "/").contains { $0 == ".." || $0.hasPrefix(".") }
    }

    func notFound(_ reason: String?) -> Response {
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
        return Response(status: .notFound,
                        headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                        body: .init(byteBuffer: ByteBuffer(data: data)))
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}

/// Outermost middleware of `serve`: hostile paths and everything not found end here.
struct PreviewNotFound<Context: RequestContext>: RouterMiddleware {
    let files: PreviewFiles
    let state: PreviewState

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard PreviewFiles.isSafe(request.uri.path) else { return files.notFound(nil) }
        do {
            let response = try await next(request, context)
            guard response.status == .notFound else { return response }
        } catch let error as any HTTPResponseError where error.status == .notFound {
            // Not a route, not a file: the 404 page below.
        }
        return files.notFound(await state.reason(for: request.uri.path))
    }
}

/// The script the preview adds to every page: polls the build status, reloads on a new build,
/// and shows the errors of a failed rebuild over the page.
enum LiveReloadScript {
    /// Written before `</body>` of every page the preview builds.
    static let tag = "<script src=\"/__congkhai/live.js\"></script>"

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
