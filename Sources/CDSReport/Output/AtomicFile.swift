import Foundation

/// A file that could not be written: the run stops with exit status 1 and this message.
public struct OutputError: Error, CustomStringConvertible, Sendable {
    public let path: String
    public let reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "Không ghi được \(path): \(reason)" }
}

/// Writes files so that a crash never leaves a half-written file under its final name: the bytes
/// go to a temporary file in the same folder, are flushed, and the temporary file is renamed.
public enum AtomicFile {
    /// Writes bytes atomically.
    /// - Throws: ``OutputError``.
    public static func write(_ bytes: [UInt8], to url: URL) throws(OutputError) {
        try write(to: url) { temporary throws(OutputError) in
            guard FileManager.default.createFile(atPath: temporary.path, contents: Data(bytes)) else {
                throw OutputError(path: url.path, reason: Self.reason(for: url.deletingLastPathComponent()))
            }
        }
    }

    /// Lets `produce` write a temporary file, then flushes it and renames it to `url`.
    /// - Throws: ``OutputError``; the temporary file is removed on failure.
    public static func write(to url: URL, _ produce: (URL) throws(OutputError) -> Void) throws(OutputError) {
        let folder = url.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        do throws(OutputError) {
            try produce(temporary)
            try sync(temporary)
            guard rename(temporary.path, url.path) == 0 else {
                throw OutputError(path: url.path, reason: String(cString: strerror(errno)))
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }

    /// Writes the pieces `produce` hands over to a new file (the temporary file of an atomic
    /// write), so that a large file is never held whole in memory.
    /// - Throws: ``OutputError`` naming the folder's problem (read-only, full disk).
    public static func stream(to url: URL, _ produce: ((ArraySlice<UInt8>) throws -> Void) throws -> Void) throws(OutputError) {
        guard FileManager.default.createFile(atPath: url.path, contents: nil), let handle = FileHandle(forWritingAtPath: url.path) else {
            throw OutputError(path: url.path, reason: reason(for: url.deletingLastPathComponent()))
        }
        defer { try? handle.close() }
        do {
            try produce { piece in try handle.write(contentsOf: Data(piece)) }
        } catch {
            throw OutputError(path: url.path, reason: "\(reason(for: url.deletingLastPathComponent())) (\(error.localizedDescription))")
        }
    }

    private static func sync(_ url: URL) throws(OutputError) {
        let descriptor = open(url.path, O_RDONLY)
        guard descriptor >= 0 else { throw OutputError(path: url.path, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw OutputError(path: url.path, reason: String(cString: strerror(errno))) }
    }

    static func reason(for folder: URL) -> String {
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory) { return "thư mục không tồn tại" }
        if !FileManager.default.isWritableFile(atPath: folder.path) { return "không có quyền ghi vào thư mục (read-only)" }
        return "đĩa đầy hoặc lỗi ghi"
    }

    /// Creates the output folder if missing.
    /// - Throws: ``OutputError`` when it cannot be created or written to.
    public static func prepareFolder(_ url: URL) throws(OutputError) {
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw OutputError(path: url.path, reason: "không tạo được thư mục (\(error.localizedDescription))")
        }
        guard FileManager.default.isWritableFile(atPath: url.path) else {
            throw OutputError(path: url.path, reason: "không có quyền ghi vào thư mục (read-only)")
        }
        removeStaleTemporaries(in: url)
    }

    /// Removes the hidden `.NAME.PID.tmp` files a killed run left behind: those whose process is
    /// no longer running. A file of a process still running (another run writing here) is kept.
    static func removeStaleTemporaries(in folder: URL) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for name in names where name.hasPrefix(".") && name.hasSuffix(".tmp") {
            let parts = name.dropLast(4).split(separator: ".")
            guard let last = parts.last, let pid = Int32(last), pid > 0, pid != ProcessInfo.processInfo.processIdentifier else { continue }
            if kill(pid, 0) != 0, errno == ESRCH {
                try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
            }
        }
    }
}
