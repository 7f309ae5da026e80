import Foundation

/// A fresh folder under the system's temporary directory, removed when the value goes away.
///
/// Each test makes its own, so that tests running in parallel never share files.
public final class TemporaryDirectory: Sendable {
    /// The folder.
    public let url: URL

    /// Creates an empty folder named after `label` and a random suffix.
    /// - Throws: when the folder cannot be created.
    public init(_ label: String = "cds-report-tests") throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(label)-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    /// The URL of a path inside the folder (the file need not exist).
    public func path(_ relative: String) -> URL {
        url.appendingPathComponent(relative)
    }

    /// Writes bytes to a path inside the folder, creating intermediate folders.
    /// - Returns: the file's URL.
    @discardableResult
    public func write(_ data: Data, to relative: String) throws -> URL {
        let file = path(relative)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: file)
        return file
    }

    /// Writes text as UTF-8 (no byte-order mark) to a path inside the folder.
    /// - Returns: the file's URL.
    @discardableResult
    public func write(_ text: String, to relative: String) throws -> URL {
        try write(Data(text.utf8), to: relative)
    }

    /// The bytes of a file inside the folder.
    public func data(_ relative: String) throws -> Data {
        try Data(contentsOf: path(relative))
    }

    /// The text of a file inside the folder, read as UTF-8.
    public func text(_ relative: String) throws -> String {
        String(decoding: try data(relative), as: UTF8.self)
    }

    /// Whether a file or folder exists inside the folder.
    public func exists(_ relative: String) -> Bool {
        FileManager.default.fileExists(atPath: path(relative).path)
    }
}
