import Foundation

/// A folder being filled with a new site. Remembers every file written, for verification.
final class OutputFolder {
    let url: URL
    private(set) var writtenPaths: [String] = []
    private var createdDirectories: Set<String> = [""]

    init(url: URL) {
        self.url = url
    }

    private func prepare(_ path: String) throws -> URL {
        let target = url.appendingPathComponent(path)
        let directory = (path as NSString).deletingLastPathComponent
        if !createdDirectories.contains(directory) {
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(),
                                                    withIntermediateDirectories: true)
            createdDirectories.insert(directory)
        }
        writtenPaths.append(path)
        return target
    }

    func write(_ path: String, _ text: String) throws {
        try write(path, Data(text.utf8))
    }

    func write(_ path: String, _ data: Data) throws {
        let target = try prepare(path)
        guard FileManager.default.createFile(atPath: target.path, contents: data) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target.path])
        }
    }

    /// Copies a file byte for byte (attachments).
    func copy(_ source: URL, to path: String) throws {
        let target = try prepare(path)
        try FileManager.default.copyItem(at: source, to: target)
    }
}
