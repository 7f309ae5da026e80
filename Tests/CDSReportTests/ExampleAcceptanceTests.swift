import Foundation
import Testing
import TestSupport

/// The worked example shared beside the clone (`../shared/example`): a province computed by a
/// separate program. The binary's reports must match it, with the default targets and with the
/// example's own targets file.
@Suite("Acceptance: the worked example")
struct ExampleAcceptanceTests {
    static let example = Repository.sharedExample

    /// Runs `python3 compare.py OUT [--with-targets]` and returns its status and output.
    static func compare(_ out: URL, withTargets: Bool) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", example.appendingPathComponent("compare.py").path, out.path] + (withTargets ? ["--with-targets"] : [])
        let capture = try TemporaryDirectory("cds-compare")
        let log = capture.path("log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        process.waitUntilExit()
        try handle.close()
        return (process.terminationStatus, String(decoding: try Data(contentsOf: log), as: UTF8.self))
    }

    @Test("the example's reports match compare.py", arguments: [false, true])
    func example(_ withTargets: Bool) throws {
        try #require(FileManager.default.fileExists(atPath: Self.example.appendingPathComponent("compare.py").path),
                     "shared/example must sit beside the clone at \(Self.example.path)")
        let period = try String(contentsOf: Self.example.appendingPathComponent("expected/period.txt"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let folder = try TemporaryDirectory("cds-example")
        let out = folder.path("out")
        var arguments = ["run", "--units", Self.example.appendingPathComponent("units.csv").path, "--period", period,
                         "--out", out.path]
        if withTargets { arguments += ["--targets", Self.example.appendingPathComponent("targets.yaml").path] }
        arguments.append(Self.example.appendingPathComponent("inputs").path)
        let run = try CLI.run(arguments)
        #expect(run.status == 0, "\(run)")
        let (status, output) = try Self.compare(out, withTargets: withTargets)
        #expect(status == 0, "compare.py\(withTargets ? " --with-targets" : ""):\n\(output)")
    }
}
