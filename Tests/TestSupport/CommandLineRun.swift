import Foundation

/// What a run of the `cds-report` binary did.
public struct CommandResult: Sendable, CustomStringConvertible {
    /// The exit status (128 + the signal for a process killed by a signal).
    public let status: Int32
    public let standardOutput: String
    public let standardError: String

    /// The non-empty lines written to standard error.
    public var errorLines: [String] {
        standardError.split(whereSeparator: \.isNewline).map(String.init).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
    }

    public var description: String {
        "exit \(status)\n--- stdout\n\(standardOutput)\n--- stderr\n\(standardError)"
    }
}

/// Runs the `cds-report` executable.
public enum CLI {
    /// The binary under test: `$CDS_REPORT_BIN` (the Makefile sets it to the release build), else
    /// the debug build, else the release build of the clone.
    public static var binary: URL? {
        if let path = ProcessInfo.processInfo.environment["CDS_REPORT_BIN"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        for candidate in [".build/debug/cds-report", ".build/release/cds-report"] {
            let url = Repository.root.appendingPathComponent(candidate)
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return nil
    }

    /// Runs the binary with arguments and waits for it.
    ///
    /// The indicators folder is the clone's (`CDS_REPORT_INDICATORS`), so that the binary's
    /// location does not matter.
    /// - Throws: ``TestSetupError`` when no binary is found; errors of `Process`.
    public static func run(_ arguments: [String], currentDirectory: URL? = nil,
                           environment: [String: String] = [:]) throws -> CommandResult {
        guard let binary else {
            throw TestSetupError("no cds-report binary: set CDS_REPORT_BIN or build it (swift build --product cds-report)")
        }
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            throw TestSetupError("\(binary.path) is not an executable file")
        }
        let capture = try TemporaryDirectory("cds-cli-capture")
        let outURL = capture.path("stdout"), errURL = capture.path("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["CDS_REPORT_INDICATORS"] = Repository.indicators.path
        for (key, value) in environment { env[key] = value }
        process.environment = env
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        let status = process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
        return CommandResult(status: status,
                             standardOutput: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
                             standardError: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }
}
