import Foundation

/// Reads `.xlsx` files back with readers that are not ours: Info-ZIP's `unzip` for the raw
/// package parts, and Python's openpyxl where it is installed.
///
/// Tests use it so that a bug in the writer cannot hide behind a matching bug in a reader
/// of our own.
public enum XLSXInspection {
    /// Why a reader could not be run, with what it printed.
    public struct Failure: Error, CustomStringConvertible {
        /// The command that failed.
        public let command: String
        /// Its exit status.
        public let status: Int32
        /// What it wrote to standard error.
        public let standardError: String

        /// The command, its status and its error output.
        public var description: String { "\(command) exited with \(status): \(standardError)" }
    }

    /// The text of one part of the package, e.g. `xl/styles.xml`, via `unzip -p`.
    ///
    /// - Parameters:
    ///   - part: The part's path inside the zip.
    ///   - file: The workbook.
    /// - Returns: The part as UTF-8 text.
    /// - Throws: ``Failure`` if `unzip` fails (e.g. the part does not exist).
    public static func part(_ part: String, of file: URL) throws -> String {
        try run("/usr/bin/unzip", ["-p", file.path, part])
    }

    /// The names of all parts in the package, via `unzip -Z1`.
    ///
    /// - Parameter file: The workbook.
    /// - Returns: The part names in zip order.
    /// - Throws: ``Failure`` if `unzip` fails.
    public static func partNames(of file: URL) throws -> [String] {
        try run("/usr/bin/unzip", ["-Z1", file.path]).split(separator: "\n").map(String.init)
    }

    /// Whether `python3 -c 'import openpyxl'` succeeds on this machine.
    public static let openpyxlAvailable: Bool = {
        (try? run("/usr/bin/env", ["python3", "-c", "import openpyxl"])) != nil
    }()

    /// Runs a Python script with openpyxl available, passing the workbook's path as
    /// `sys.argv[1]`, and returns what it printed.
    ///
    /// - Parameters:
    ///   - script: Python source; it should print what the test compares.
    ///   - file: The workbook.
    /// - Returns: The script's standard output.
    /// - Throws: ``Failure`` if Python exits with a non-zero status (an `assert` failed).
    public static func openpyxl(_ script: String, file: URL) throws -> String {
        try run("/usr/bin/env", ["python3", "-c", script, file.path])
    }

    /// All values of an XML attribute in a text, e.g. every `val` of `<name val="…"/>`.
    ///
    /// - Parameters:
    ///   - attribute: The attribute's name.
    ///   - element: The element's name, with its namespace prefix if it has one.
    ///   - xml: The XML text.
    /// - Returns: The values in document order, XML entities left as they are.
    public static func attributeValues(_ attribute: String, of element: String, in xml: String) -> [String] {
        var values: [String] = []
        var rest = xml[...]
        while let start = rest.range(of: "<\(element) ") ?? rest.range(of: "<\(element)>") {
            let tail = rest[start.upperBound...]
            guard let end = tail.firstIndex(of: ">") else { break }
            let tag = tail[..<end]
            if let key = tag.range(of: " \(attribute)=\"") ?? (tag.hasPrefix("\(attribute)=\"") ? tag.range(of: "\(attribute)=\"") : nil),
               let close = tag[key.upperBound...].firstIndex(of: "\"")
            {
                values.append(String(tag[key.upperBound..<close]))
            }
            rest = tail[end...]
        }
        return values
    }

    /// A fresh empty folder under the system's temporary directory.
    ///
    /// - Parameter label: Part of the folder's name, to tell test runs apart.
    /// - Returns: The folder's URL.
    /// - Throws: If the folder cannot be created.
    public static func temporaryFolder(_ label: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(label)-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    private static func run(_ executable: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // Read before waiting: a part larger than the pipe's buffer would otherwise block.
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(command: ([executable] + arguments).joined(separator: " "),
                          status: process.terminationStatus,
                          standardError: String(decoding: errorData, as: UTF8.self))
        }
        return String(decoding: data, as: UTF8.self)
    }
}
