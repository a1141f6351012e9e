import CongKhaiCore
import Foundation

/// What the preview currently serves: the folder of the last good build, a version that grows
/// with every successful rebuild (open tabs reload when it changes) and the errors of the last
/// failed rebuild (shown as an overlay).
actor PreviewState {
    private(set) var version = 0
    private(set) var errors: [String] = []
    /// Why a notice's page is missing from the preview (not started, ended, withdrawn), by id.
    private(set) var absent: [String: String] = [:]

    func explainAbsent(_ reasons: [String: String]) {
        absent = reasons
    }

    /// The reason for `path` (`/thong-bao/<id>/…`) when it is a notice the preview leaves out.
    func reason(for path: String) -> String? {
        let parts = path.split(separator: "/")
        guard parts.count >= 2, parts[0] == "thong-bao" else { return nil }
        return absent[String(parts[1])]
    }

    func succeeded() {
        version += 1
        errors = []
    }

    func failed(_ messages: [String]) {
        errors = messages
    }

    /// `{"version": 3, "errors": ["content/…:4:7: lỗi: …"]}`
    func statusJSON() -> Data {
        let object: [String: Any] = ["version": version, "errors": errors]
        return (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
    }
}
