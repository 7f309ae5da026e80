import CDSReport
import Foundation
import Testing
import TestSupport

/// Faults (the part 4): a `run` or an `ingest` killed at any point never leaves a
/// half-written file under its final name nor a damaged store; a full disk or a read-only
/// output folder is one clear error and exit 1; inputs are never modified.
///
/// The processes are the real binary (`CDS_REPORT_BIN`, as `make test` sets it), killed with
/// SIGKILL after a seeded random delay. `HARDENING_KILLS` sets the iterations of each kill test
/// (default 150, so 300 kills in all, about two minutes).
@Suite("Hardening: faults", .serialized)
struct HardeningFaultTests {
    static let iterations = Int(ProcessInfo.processInfo.environment["HARDENING_KILLS"] ?? "") ?? 150

    /// The worked example when it is beside the clone (as CI lays it out), else the province
    /// fixture.
    static var example: (units: URL, inputs: URL) {
        let shared = Repository.sharedExample
        if FileManager.default.fileExists(atPath: shared.appendingPathComponent("inputs").path) {
            return (shared.appendingPathComponent("units.csv"), shared.appendingPathComponent("inputs"))
        }
        let province = Repository.fixtures.appendingPathComponent("province")
        return (province.appendingPathComponent("units.csv"), province.appendingPathComponent("inbox"))
    }

    /// A seeded generator, so that a failing delay can be replayed.
    struct Seeded: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Starts the binary, kills it after `delay` unless it ended first; returns whether it was killed.
    static func runAndKill(_ arguments: [String], after delay: TimeInterval) throws -> Bool {
        guard let binary = CLI.binary else { throw TestSetupError("no cds-report binary (CDS_REPORT_BIN)") }
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["CDS_REPORT_INDICATORS"] = Repository.indicators.path
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(delay)
        while process.isRunning, Date() < deadline { usleep(2_000) }
        var killed = false
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            killed = true
        }
        process.waitUntilExit()
        return killed && process.terminationReason == .uncaughtSignal
    }

    /// How long a command takes when left alone, to spread the kills over all of it.
    static func duration(_ arguments: [String]) throws -> TimeInterval {
        let start = Date()
        let result = try CLI.run(arguments)
        #expect(result.status == 0, "\(result)")
        return Date().timeIntervalSince(start)
    }

    // MARK: Kill tests

    @Test("run killed at random points: every file under its final name is complete (csv byte-identical, xlsx a whole zip)")
    func killRun() throws {
        let (units, inputs) = Self.example
        let folder = try TemporaryDirectory("cds-kill-run")
        let before = try Hardening.fingerprints(inputs)
        func arguments(_ out: URL) -> [String] {
            ["run", "--units", units.path, "--period", "2024-2025/HK1", "--report-date", "2025-01-15", "--out", out.path, inputs.path]
        }
        let clean = folder.path("clean")
        let span = max(0.3, try Self.duration(arguments(clean)))
        let expected = Dictionary(uniqueKeysWithValues: try FileManager.default.contentsOfDirectory(atPath: clean.path).map {
            ($0, try Data(contentsOf: clean.appendingPathComponent($0)))
        })
        #expect(expected.keys.contains("results.csv") && expected.keys.contains { $0.hasSuffix(".xlsx") })
        var generator = Seeded(state: 20_250_115)
        var killed = 0, partial = 0
        let out = folder.path("out")
        for iteration in 0..<Self.iterations {
            // Half the time into a fresh folder, half over the complete files of an earlier run.
            if iteration % 2 == 0 { try? FileManager.default.removeItem(at: out) }
            let delay = Double.random(in: 0...span, using: &generator)
            if try Self.runAndKill(arguments(out), after: delay) { killed += 1 }
            let names = (try? FileManager.default.contentsOfDirectory(atPath: out.path)) ?? []
            for name in names where !name.hasPrefix(".") {
                let data = try Data(contentsOf: out.appendingPathComponent(name))
                #expect(data == expected[name], "iteration \(iteration), delay \(delay): \(name) is not the complete file (\(data.count) bytes)")
                if name.hasSuffix(".xlsx") {
                    let test = try Hardening.shell("/usr/bin/unzip", ["-tqq", out.appendingPathComponent(name).path])
                    #expect(test.status == 0, "iteration \(iteration): \(name) is not a whole zip: \(test.output)")
                }
            }
            if names.contains(where: { $0.hasPrefix(".") }) { partial += 1 }
        }
        #expect(killed > Self.iterations / 4, "the kills landed while the command ran: \(killed) of \(Self.iterations)")
        #expect(try Hardening.fingerprints(inputs) == before, "inputs are never modified")
        // A later run over what a kill left writes the complete files.
        #expect(try CLI.run(arguments(out)).status == 0)
        for (name, data) in expected { #expect(try Data(contentsOf: out.appendingPathComponent(name)) == data, "\(name) after recovery") }
        print("kill test (run): \(Self.iterations) iterations, \(killed) killed mid-run, \(partial) left a hidden temporary file")
    }

    @Test("ingest killed at random points: the store opens, passes integrity_check, and holds no partly ingested file")
    func killIngest() throws {
        let (units, inputs) = Self.example
        let folder = try TemporaryDirectory("cds-kill-ingest")
        let workspace = folder.path("ws")
        let created = try CLI.run(["init", workspace.path, "--units", units.path])
        #expect(created.status == 0, "\(created)")
        let before = try Hardening.fingerprints(inputs)
        let store = workspace.appendingPathComponent("store.sqlite")
        let sqlite = FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3") ? "/usr/bin/sqlite3" : nil
        // Each iteration ingests into its own period, so that none is a no-op (same bytes twice).
        let periods = (2000..<2100).flatMap { year in ["DN", "HK1", "CN"].map { "\(year)-\(year + 1)/\($0)" } }
        func arguments(_ period: String) -> [String] {
            ["ingest", "-w", workspace.path, "--period", period, "--received", "2025-01-15", inputs.path]
        }
        let span = max(0.3, try Self.duration(arguments(periods[0])))
        let fileCount = InputCollection.collect([inputs.path]).files.count
        var generator = Seeded(state: 6_011_115)
        var killed = 0
        for iteration in 1...Self.iterations {
            let period = periods[iteration % periods.count]
            let delay = Double.random(in: 0...span, using: &generator)
            if try Self.runAndKill(arguments(period), after: delay) { killed += 1 }
            let status = try CLI.run(["status", "-w", workspace.path, "--period", period])
            #expect(status.status == 0, "iteration \(iteration), delay \(delay): the store opens: \(status)")
            guard let sqlite else { continue }
            let check = try Hardening.shell(sqlite, [store.path, """
                PRAGMA integrity_check;
                SELECT COUNT(*) FROM return_file f LEFT JOIN blob b ON b.hash = f.hash WHERE b.hash IS NULL;
                SELECT COUNT(*) FROM return r WHERE NOT EXISTS (SELECT 1 FROM return_file f WHERE f.return_id = r.id);
                SELECT COUNT(*), COALESCE(MAX(position), -1) FROM return_file WHERE period = '\(period)';
                """])
            let lines = check.output.split(separator: "\n").map(String.init)
            #expect(check.status == 0 && lines.first == "ok", "iteration \(iteration): integrity_check: \(check.output)")
            #expect(lines.count == 4 && lines[1] == "0" && lines[2] == "0", "iteration \(iteration): every file has its bytes, every return its files: \(lines)")
            if lines.count == 4 {
                // One transaction per file, in order: what a kill keeps is a prefix of the files.
                let parts = lines[3].split(separator: "|").compactMap { Int($0) }
                #expect(parts.count == 2 && parts[1] == parts[0] - 1 && parts[0] <= fileCount, "iteration \(iteration): \(lines[3])")
            }
        }
        #expect(killed > Self.iterations / 4, "the kills landed while ingest ran: \(killed) of \(Self.iterations)")
        #expect(try Hardening.fingerprints(inputs) == before, "inputs are never modified")
        // A killed period ingested again completes, and its report can be written.
        let period = periods[1]
        #expect(try CLI.run(arguments(period)).status == 0)
        let report = try CLI.run(["report", "-w", workspace.path, "--period", period, "--out", folder.path("report").path])
        #expect(report.status == 0, "\(report)")
        print("kill test (ingest): \(Self.iterations) iterations, \(killed) killed mid-ingest")
    }

    // MARK: Full disk and read-only output

    /// A tmpfs of `kilobytes` at a fresh mount point (kept by the returned folder), or `nil`
    /// where mounting is not allowed (not root, a container without CAP_SYS_ADMIN).
    static func mountTmpfs(kilobytes: Int, readOnly: Bool = false) -> (TemporaryDirectory, URL)? {
        guard geteuid() == 0, let folder = try? TemporaryDirectory("cds-tmpfs") else { return nil }
        let point = folder.url.appendingPathComponent("mnt")
        try? FileManager.default.createDirectory(at: point, withIntermediateDirectories: true)
        let options = "size=\(kilobytes)k" + (readOnly ? ",ro" : "")
        guard let mounted = try? Hardening.shell("/bin/mount", ["-t", "tmpfs", "-o", options, "tmpfs", point.path]), mounted.status == 0 else {
            return nil
        }
        return (folder, point)
    }

    static func unmount(_ point: URL) {
        _ = try? Hardening.shell("/bin/umount", [point.path])
    }

    /// `run` into `out`: must fail with exit 1 and one line.
    static func expectOneClearError(out: URL, _ why: String) throws {
        let (units, inputs) = Self.example
        let before = try Hardening.fingerprints(inputs)
        let result = try CLI.run(["run", "--units", units.path, "--period", "2024-2025/HK1", "--report-date", "2025-01-15",
                                  "--out", out.path, inputs.path])
        #expect(result.status == 1, "\(why): \(result)")
        #expect(result.errorLines.count == 1, "\(why): one line: \(result.errorLines)")
        #expect(result.errorLines.first?.contains("Không ghi được") == true, "\(why): \(result.errorLines)")
        #expect(try Hardening.fingerprints(inputs) == before)
    }

    /// How full the disk gets: room for half of results.csv, or for both CSV files and a little more.
    enum FillPoint: String, CaseIterable, Sendable { case firstFile, workbook }

    @Test("a full disk is one clear error and exit 1; no partial file under a final name, no temporary file left",
          arguments: FillPoint.allCases)
    func fullDisk(at point: FillPoint) throws {
        let (units, inputs) = Self.example
        let reference = try TemporaryDirectory("cds-full-disk-reference")
        let clean = try CLI.run(["run", "--units", units.path, "--period", "2024-2025/HK1", "--report-date", "2025-01-15",
                                 "--out", reference.path("out").path, inputs.path])
        #expect(clean.status == 0)
        let results = try reference.data("out/results.csv").count, rejections = try reference.data("out/rejections.csv").count
        let bytes = point == .firstFile ? results / 2 : results + rejections + 16 << 10
        guard let (keeper, mount) = Self.mountTmpfs(kilobytes: max(16, bytes >> 10)) else { return }  // mounting not allowed here
        defer { Self.unmount(mount); _ = keeper }
        let out = mount.appendingPathComponent("out")
        try Self.expectOneClearError(out: out, "disk full at \(point.rawValue)")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: out.path)) ?? []
        #expect(!names.contains { $0.hasPrefix(".") }, "temporary files are removed: \(names)")
        for name in names {
            #expect(try Data(contentsOf: out.appendingPathComponent(name)) == (try reference.data("out/\(name)")), "\(name) is complete")
        }
        // The CSV files and the workbook are written side by side: which of them fitted varies,
        // but whatever is there under its final name is whole, and something did not fit.
        #expect(names.count < (try FileManager.default.contentsOfDirectory(atPath: reference.path("out").path)).count, "\(names)")
    }

    @Test("a read-only output folder is one clear error and exit 1")
    func readOnlyFolder() throws {
        if let (keeper, point) = Self.mountTmpfs(kilobytes: 256, readOnly: true) {
            defer { Self.unmount(point); _ = keeper }
            try Self.expectOneClearError(out: point.appendingPathComponent("out"), "read-only file system")
        }
        if geteuid() != 0 {  // permissions do not bind root
            let folder = try TemporaryDirectory("cds-read-only")
            try FileManager.default.createDirectory(at: folder.path("ro"), withIntermediateDirectories: true)
            chmod(folder.path("ro").path, 0o555)
            defer { chmod(folder.path("ro").path, 0o755) }
            try Self.expectOneClearError(out: folder.path("ro"), "chmod 555")
        }
    }

    @Test("an output path under a regular file is one clear error and exit 1")
    func outputUnderAFile() throws {
        let folder = try TemporaryDirectory("cds-under-file")
        try folder.write("not a folder", to: "file")
        try Self.expectOneClearError(out: folder.path("file/out"), "a path under a file")
    }
}

/// What a killed run leaves behind is cleared by the next run into the same folder.
@Suite("Stale temporary files")
struct StaleTemporaryTests {
    @Test("a hidden .NAME.PID.tmp of a process that is gone is removed; one of a live process is kept")
    func staleTemporariesAreRemoved() throws {
        let folder = try TemporaryDirectory()
        // PID 2^22 + 12345 is above Linux's default pid_max, so no process has it.
        let stale = try folder.write("partial", to: ".results.csv.4206649.tmp")
        let live = try folder.write("partial", to: ".results.csv.\(ProcessInfo.processInfo.processIdentifier).tmp")
        let other = try folder.write("keep", to: ".notes.tmp")
        try AtomicFile.prepareFolder(folder.url)
        #expect(!FileManager.default.fileExists(atPath: stale.path))
        #expect(FileManager.default.fileExists(atPath: live.path))
        #expect(FileManager.default.fileExists(atPath: other.path))
    }
}
