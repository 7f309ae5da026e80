import CDSReport
import Foundation
import Testing
import TestSupport

/// The workspace's promises (CONTRACT §6, issue 5), through the real binary: `report` writes what
/// `run` writes for the same rows; the same bytes twice change nothing; a later return supersedes
/// an earlier one per unit and level; two `ingest` processes at once lose nothing; lateness shows
/// in the submission return.
@Suite("The workspace")
struct WorkspaceTests {
    static let example = Repository.sharedExample
    static let period = "2024-2025/HK1"

    static func initialise(_ folder: TemporaryDirectory) throws -> String {
        let workspace = folder.path("ws").path
        let result = try CLI.run(["init", workspace, "--units", example.appendingPathComponent("units.csv").path])
        #expect(result.status == 0, "\(result)")
        return workspace
    }

    static func ingest(_ workspace: String, received: String, _ inputs: [String]) throws -> CommandResult {
        try CLI.run(["ingest", "-w", workspace, "--period", period, "--received", received] + inputs)
    }

    @Test("report writes exactly what run writes for the same rows (results.csv and rejections.csv byte for byte)")
    func reportEqualsRun() throws {
        let folder = try TemporaryDirectory()
        let workspace = try Self.initialise(folder)
        let inputs = Self.example.appendingPathComponent("inputs").path
        #expect(try Self.ingest(workspace, received: "2025-01-15", [inputs]).status == 0)
        let run = try CLI.run(["run", "--units", Self.example.appendingPathComponent("units.csv").path, "--period", Self.period,
                               "--out", folder.path("run").path, "--report-date", "2025-01-20", inputs])
        #expect(run.status == 0, "\(run)")
        let report = try CLI.run(["report", "-w", workspace, "--period", Self.period, "--out", folder.path("report").path,
                                  "--report-date", "2025-01-20"])
        #expect(report.status == 0, "\(report)")
        for file in ["results.csv", "rejections.csv"] {
            #expect(try folder.data("run/\(file)") == folder.data("report/\(file)"), "\(file)")
        }
    }

    @Test("the same bytes ingested again change nothing; a later return supersedes the earlier rows of its unit and level")
    func resendAndSupersede() throws {
        let folder = try TemporaryDirectory()
        let workspace = try Self.initialise(folder)
        let header = "unit_code,level,students,staff,managers_teachers,staff_esign\n"
        let first = try folder.write(header + "0101001,MN,100,10,10,5\n0101002,MN,100,10,10,5\n", to: "dot1/a.csv")
        #expect(try Self.ingest(workspace, received: "2025-01-10", [first.path]).status == 0)
        let again = try Self.ingest(workspace, received: "2025-01-11", [first.path])
        #expect(again.status == 0)
        #expect(again.standardOutput.contains("Bỏ qua"), "the same bytes are a no-op and say so: \(again)")
        let later = try folder.write(header + "0101001,MN,100,10,10,10\n", to: "dot2/b.csv")
        #expect(try Self.ingest(workspace, received: "2025-01-12", [later.path]).status == 0)
        let report = try CLI.run(["report", "-w", workspace, "--period", Self.period, "--out", folder.path("out").path])
        #expect(report.status == 0, "\(report)")
        let rows = CSVRecords.table(try folder.text("out/results.csv")).rows
        let esign = { (code: String) in rows.first { $0["scope"] == "unit" && $0["scope_code"] == code && $0["level"] == "MN" && $0["indicator"] == "esign_coverage" } }
        #expect(esign("0101001")?["value"] == "1", "the later return (10 of 10) supersedes the earlier (5 of 10)")
        #expect(esign("0101002")?["value"] == "0.5", "a unit the later return does not give keeps its rows")
    }

    @Test("two ingest processes at once neither corrupt the store nor lose a file")
    func concurrentIngest() throws {
        let folder = try TemporaryDirectory()
        let workspace = try Self.initialise(folder)
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.example.appendingPathComponent("inputs").path).sorted()
        let halves = [Array(files.prefix(files.count / 2)), Array(files.dropFirst(files.count / 2))]
        let results = Mutex<[CommandResult?]>([nil, nil])
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            let paths = halves[index].map { Self.example.appendingPathComponent("inputs/\($0)").path }
            let result = try? Self.ingest(workspace, received: "2025-01-1\(index + 5)", paths)
            results.withLock { $0[index] = result }
        }
        for result in results.withLock({ $0 }) { #expect(result?.status == 0, "\(String(describing: result))") }
        // Every file is in the store: the report equals run over all the files.
        let report = try CLI.run(["report", "-w", workspace, "--period", Self.period, "--out", folder.path("report").path,
                                  "--report-date", "2025-01-20"])
        #expect(report.status == 0, "\(report)")
        let run = try CLI.run(["run", "--units", Self.example.appendingPathComponent("units.csv").path, "--period", Self.period,
                               "--out", folder.path("run").path, "--report-date", "2025-01-20",
                               Self.example.appendingPathComponent("inputs").path])
        #expect(run.status == 0)
        #expect(try folder.data("run/results.csv") == folder.data("report/results.csv"))
        let integrity = try CLI.run(["status", "-w", workspace, "--period", Self.period])
        #expect(integrity.status == 0)
    }

    @Test("a return received after the deadline shows as late, by its days, in status and in the submission return")
    func lateness() throws {
        let folder = try TemporaryDirectory()
        let workspace = try Self.initialise(folder)
        let file = Self.example.appendingPathComponent("inputs/nop_0101.csv").path
        #expect(try Self.ingest(workspace, received: "2025-01-25", [file]).status == 0)
        let status = try CLI.run(["status", "-w", workspace, "--period", Self.period])
        #expect(status.standardOutput.contains("muộn 5 ngày"), "\(status)")
        let report = try CLI.run(["report", "-w", workspace, "--period", Self.period, "--out", folder.path("out").path,
                                  "--report-date", "2025-01-26"])
        #expect(report.status == 0, "\(report)")
        let texts = try XLSXInspection.openpyxl("""
        import sys, openpyxl
        ws = openpyxl.load_workbook(sys.argv[1])["Tình hình nộp báo cáo"]
        print("\\n".join(str(c.value) for row in ws.iter_rows() for c in row if c.value is not None))
        """, file: folder.path("out/bao-cao-cds-2024-2025-HK1.xlsx"))
        #expect(texts.contains("Số đơn vị nộp đúng hạn"))
        #expect(texts.contains("III. Đơn vị nộp muộn"))
        #expect(texts.contains("muộn 5 ngày"))
    }
}

import Synchronization
