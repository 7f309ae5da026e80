import CDSReport
import Foundation
import Testing
import TestSupport

/// `cds-report run` end to end (CONTRACT §1): the binary's exit status, what it writes and what
/// it says on stderr.
@Suite("The cds-report command")
struct CLITests {
    static let province = Repository.fixtures.appendingPathComponent("province")
    static let units = province.appendingPathComponent("units.csv").path
    static let inbox = province.appendingPathComponent("inbox").path

    static func run(units: String = units, period: String = "2024-2025/HK1", out: URL, _ extra: [String] = [],
                    inputs: [String] = [inbox]) throws -> CommandResult {
        try CLI.run(["run", "--units", units, "--period", period, "--out", out.path] + extra + inputs)
    }

    /// The integers of the summary line, with the output path taken out.
    static func summaryNumbers(_ line: String, out: URL) -> [Int] {
        line.replacingOccurrences(of: out.path, with: "")
            .split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
    }

    // MARK: Success

    @Test("a run writes results.csv and rejections.csv and ends with one summary line on stderr")
    func success() throws {
        let folder = try TemporaryDirectory()
        let out = folder.path("bao-cao/hk1") // created if missing
        let result = try Self.run(out: out)
        #expect(result.status == 0, "\(result)")
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("results.csv").path))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("rejections.csv").path))
        let line = try #require(result.errorLines.last)
        #expect(result.errorLines.count == 1, "one summary line: \(result.errorLines)")
        #expect(line.contains(out.path), "the line says where the files are: \(line)")
        // 6 schools; 6 rows accepted, 0 rejected, 0 left out.
        #expect(Array(Self.summaryNumbers(line, out: out).prefix(4)) == [6, 6, 0, 0], "\(line)")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty, "no temporary file left: \(leftovers)")
    }

    @Test("results.csv from the binary has the hand-computed figures")
    func resultsFromBinary() throws {
        let folder = try TemporaryDirectory()
        let result = try Self.run(out: folder.url)
        #expect(result.status == 0, "\(result)")
        let (header, rows) = CSVRecords.table(try folder.text("results.csv"))
        #expect(header == ReportCSV.resultsHeader)
        let row = try #require(rows.first { $0["scope"] == "province" && $0["indicator"] == "esign_coverage" && $0["level"] == "ALL" })
        // (15+20+10+4+30+36)/(15+25+10+8+30+40) = 115/128 = 0.8984375 exactly.
        #expect(row["value"] == "0.8984375")
        #expect(row["numerator"] == "115" && row["denominator"] == "128")
        #expect(row["target"] == ">=1" && row["met"] == "false")
        #expect(row["units_reporting"] == "5" && row["units_meeting"] == "2" && row["shortfall"] == "13")
        let (rejHeader, rejRows) = CSVRecords.table(try folder.text("rejections.csv"))
        #expect(rejHeader == ReportCSV.rejectionsHeader)
        #expect(rejRows.isEmpty)
    }

    @Test("rejected rows are normal: exit 0 and rejections.csv lists them with the file's relative path")
    func rejectedRowsExitZero() throws {
        let folder = try TemporaryDirectory()
        try folder.write(ReturnCSV.text([ReturnCSV.validRow("0101002", "TH"), ReturnCSV.validRow("0101001", "MN", ["staff": "-2"])]),
                         to: "inbox/phong 0101/nop.csv")
        let out = folder.path("out")
        let result = try Self.run(out: out, inputs: [folder.path("inbox").path])
        #expect(result.status == 0, "\(result)")
        let (_, rows) = CSVRecords.table(try folder.text("out/rejections.csv"))
        #expect(rows.count == 1)
        #expect(rows.first?["file"] == "phong 0101/nop.csv")
        #expect(rows.first?["row"] == "3")
        #expect(rows.first?["rule"] == "negative")
        #expect(Array(Self.summaryNumbers(result.errorLines.last ?? "", out: out).prefix(4)) == [6, 1, 1, 0])
    }

    @Test("the same inputs give byte-identical results.csv and rejections.csv")
    func byteIdentical() throws {
        let folder = try TemporaryDirectory()
        try folder.write(ReturnCSV.text([ReturnCSV.validRow("0101002", "TH", ["fiber": "?"])]), to: "extra/bad.csv")
        let inputs = [Self.inbox, folder.path("extra").path]
        let first = try Self.run(out: folder.path("a"), inputs: inputs)
        let second = try Self.run(out: folder.path("b"), inputs: inputs)
        #expect(first.status == 0 && second.status == 0)
        #expect(try folder.data("a/results.csv") == folder.data("b/results.csv"))
        #expect(try folder.data("a/rejections.csv") == folder.data("b/rejections.csv"))
        #expect(try !folder.data("a/rejections.csv").isEmpty)
    }

    // MARK: --strict

    @Test("--strict: a rejected row makes the status 65, and the reports are still written")
    func strictWithRejection() throws {
        let folder = try TemporaryDirectory()
        try folder.write(ReturnCSV.text([ReturnCSV.validRow("0101002", "TH", ["students": "nhiều"])]), to: "in/a.csv")
        let result = try Self.run(out: folder.path("out"), ["--strict"], inputs: [folder.path("in").path])
        #expect(result.status == 65, "\(result)")
        #expect(folder.exists("out/results.csv"))
        #expect(try folder.text("out/rejections.csv").contains("not_a_number"))
    }

    @Test("--strict: a clean run exits 0")
    func strictClean() throws {
        let folder = try TemporaryDirectory()
        let result = try Self.run(out: folder.url, ["--strict"])
        #expect(result.status == 0, "\(result)")
    }

    // MARK: Bad usage (64)

    @Test("a bad period is bad usage (64)", arguments: ["2024-2026/HK1", "2024-2025/HK3", "2024/HK1", "2024-2025", "2024-2025/HK2"])
    func badPeriod(_ period: String) throws {
        let folder = try TemporaryDirectory()
        let result = try Self.run(period: period, out: folder.path("out"))
        #expect(result.status == 64, "\(result)")
        #expect(result.standardError.contains(period))
        #expect(!folder.exists("out/results.csv"))
    }

    @Test("no INPUT is bad usage (64)")
    func noInput() throws {
        let folder = try TemporaryDirectory()
        let result = try Self.run(out: folder.path("out"), inputs: [])
        #expect(result.status == 64, "\(result)")
    }

    @Test("--managing-unit with a school's code or an unknown code is bad usage (64)", arguments: ["0101001", "0999", "1"])
    func badManagingUnit(_ code: String) throws {
        let folder = try TemporaryDirectory()
        let result = try Self.run(out: folder.path("out"), ["--managing-unit", code])
        #expect(result.status == 64, "\(result)")
        #expect(result.standardError.contains(code))
    }

    // MARK: Nothing could be reported (1)

    @Test("an unreadable registry exits 1 with one clear line on stderr naming the file",
          arguments: ["missing", "binary"])
    func unreadableRegistry(_ kind: String) throws {
        let folder = try TemporaryDirectory()
        let units = folder.path("danh-muc.csv")
        if kind == "binary" { try folder.write(Data([0x00, 0x01, 0xFF, 0xFE, 0x00, 0x9C]), to: "danh-muc.csv") }
        let result = try Self.run(units: units.path, out: folder.path("out"))
        #expect(result.status == 1, "\(result)")
        #expect(result.errorLines.count == 1, "\(result.errorLines)")
        #expect(result.standardError.contains("danh-muc.csv"))
        #expect(!folder.exists("out/results.csv"))
    }

    @Test("an unreadable registry exits 1 and names the file", arguments: ["missing", "binary"])
    func unreadableRegistryStatus(_ kind: String) throws {
        let folder = try TemporaryDirectory()
        let units = folder.path("danh-muc.csv")
        if kind == "binary" { try folder.write(Data([0x00, 0x01, 0xFF, 0xFE, 0x00, 0x9C]), to: "danh-muc.csv") }
        let result = try Self.run(units: units.path, out: folder.path("out"))
        #expect(result.status == 1, "\(result)")
        #expect(result.standardError.contains("danh-muc.csv"))
        #expect(!folder.exists("out/results.csv"))
    }

    @Test("a registry that breaks §2 exits 1 listing its problems")
    func invalidRegistry() throws {
        let folder = try TemporaryDirectory()
        let units = try folder.write("unit_code,name,kind,levels,parent_code\n01,Sở,SO,,\n02,Sở hai,SO,,\n0101,Trường,TRUONG,TH,0199\n", to: "u.csv")
        let result = try Self.run(units: units.path, out: folder.path("out"))
        #expect(result.status == 1, "\(result)")
        #expect(result.standardError.contains("02") && result.standardError.contains("0199"))
    }

    @Test("no readable input exits 1 with one line on stderr", arguments: ["not-utf8", "missing", "empty-folder"])
    func noReadableInput(_ kind: String) throws {
        let folder = try TemporaryDirectory()
        let input: String
        switch kind {
        case "not-utf8": input = try folder.write(Data([0x4D, 0xE3, 0x20, 0xF0, 0x0A]), to: "in/a.csv").path
        case "missing": input = folder.path("khong-co.csv").path
        default:
            try FileManager.default.createDirectory(at: folder.path("in"), withIntermediateDirectories: true)
            try folder.write("x", to: "in/readme.txt")
            input = folder.path("in").path
        }
        let result = try Self.run(out: folder.path("out"), inputs: [input])
        #expect(result.status == 1, "\(result)")
        #expect(result.errorLines.count == 1, "\(result.errorLines)")
    }

    @Test("an unreadable file among readable ones is reported and the run exits 0")
    func oneUnreadableAmongOthers() throws {
        let folder = try TemporaryDirectory()
        try folder.write(Data([0x4D, 0xE3, 0x0A]), to: "in/hong.csv")
        let result = try Self.run(out: folder.path("out"), inputs: [Self.inbox, folder.path("in").path])
        #expect(result.status == 0, "\(result)")
        let (_, rows) = CSVRecords.table(try folder.text("out/rejections.csv"))
        #expect(rows.map { $0["rule"] ?? "" } == ["unreadable_file"])
        #expect(rows.first?["file"] == "hong.csv")
    }

    @Test("an output folder that cannot be created exits 1 with one line on stderr")
    func unwritableOutput() throws {
        let folder = try TemporaryDirectory()
        try folder.write("not a folder", to: "file")
        let result = try Self.run(out: folder.path("file/out"))
        #expect(result.status == 1, "\(result)")
        #expect(result.errorLines.count == 1, "\(result.errorLines)")
        #expect(result.standardError.contains(folder.path("file/out").path))
    }

    // MARK: --targets

    @Test("--targets with a bad file exits 1 with file:line: in the one-line message")
    func badTargets() throws {
        let folder = try TemporaryDirectory()
        let targets = try folder.write("plan: \"P\"\ntargets:\n  - indicator: esign_coverage\n    target: \">= 1\"\n    colour: red\n",
                                       to: "plan.yaml")
        let result = try Self.run(out: folder.path("out"), ["--targets", targets.path])
        #expect(result.status == 1, "\(result)")
        #expect(result.standardError.contains("\(targets.path):5:"), "\(result.standardError)")
        #expect(result.errorLines.count == 1, "\(result.errorLines)")
        #expect(!folder.exists("out/results.csv"))
    }

    @Test("--targets with a school_year other than the run's exits 1 naming the line")
    func targetsOtherYear() throws {
        let folder = try TemporaryDirectory()
        let targets = try folder.write("plan: \"P\"\nschool_year: 2023-2024\ntargets: []\n", to: "plan.yaml")
        let result = try Self.run(out: folder.path("out"), ["--targets", targets.path])
        #expect(result.status == 1, "\(result)")
        #expect(result.standardError.contains("\(targets.path):2:"), "\(result.standardError)")
    }

    @Test("--targets replaces the default targets")
    func goodTargets() throws {
        let folder = try TemporaryDirectory()
        let targets = try folder.write("""
            plan: "Kế hoạch thử"
            school_year: 2024-2025
            targets:
              - indicator: cashless_payers
                target: ">= 0.95"
                basis: average

            """, to: "plan.yaml")
        let result = try Self.run(out: folder.path("out"), ["--targets", targets.path])
        #expect(result.status == 0, "\(result)")
        let (_, rows) = CSVRecords.table(try folder.text("out/results.csv"))
        let payers = try #require(rows.first { $0["scope"] == "unit" && $0["scope_code"] == "0101001" && $0["indicator"] == "cashless_payers" && $0["level"] == "MN" })
        // 100 payers, none cashless: ⌈0.95 · 100 − 0⌉ = 95.
        #expect(payers["target"] == ">=0.95" && payers["met"] == "false" && payers["shortfall"] == "95")
        let withTargets = Set(rows.filter { !($0["target"] ?? "").isEmpty }.map { $0["indicator"] ?? "" })
        #expect(withTargets == ["cashless_payers"], "the defaults are replaced entirely")
    }

    // MARK: --managing-unit

    @Test("--managing-unit restricts the rows to its units; province rows keep the SO's code; left-out rows are counted")
    func managingUnit() throws {
        let folder = try TemporaryDirectory()
        let out = folder.path("out")
        let result = try Self.run(out: out, ["--managing-unit", "0101"])
        #expect(result.status == 0, "\(result)")
        let (_, rows) = CSVRecords.table(try folder.text("out/results.csv"))
        #expect(Set(rows.filter { $0["scope"] == "unit" }.map { $0["scope_code"] ?? "" }) == ["0101001", "0101002", "0101003"])
        #expect(Set(rows.filter { $0["scope"] == "managing_unit" }.map { $0["scope_code"] ?? "" }) == ["0101"])
        #expect(Set(rows.filter { $0["scope"] == "province" }.map { $0["scope_code"] ?? "" }) == ["01"])
        let (_, rejections) = CSVRecords.table(try folder.text("out/rejections.csv"))
        #expect(rejections.isEmpty, "rows of other units give no finding")
        // 3 units; 4 rows accepted, 0 rejected, 2 left out (0102001 and 0199001).
        #expect(Array(Self.summaryNumbers(result.errorLines.last ?? "", out: out).prefix(4)) == [3, 4, 0, 2], "\(result.errorLines)")
    }

    @Test("--managing-unit with the SO's code covers the schools it manages directly")
    func managingUnitSO() throws {
        let folder = try TemporaryDirectory()
        let result = try Self.run(out: folder.url, ["--managing-unit", "01"])
        #expect(result.status == 0, "\(result)")
        let (_, rows) = CSVRecords.table(try folder.text("results.csv"))
        #expect(Set(rows.filter { $0["scope"] == "unit" }.map { $0["scope_code"] ?? "" }) == ["0199001"])
        #expect(Set(rows.filter { $0["scope"] == "managing_unit" }.map { $0["scope_code"] ?? "" }) == ["01"])
    }

    // MARK: Help

    @Test("run --help documents every option and exits 0")
    func help() throws {
        let result = try CLI.run(["run", "--help"])
        #expect(result.status == 0)
        let text = result.standardOutput + result.standardError
        for option in ["--units", "--period", "--out", "--targets", "--managing-unit", "--strict"] {
            #expect(text.contains(option), "\(option)")
        }
    }
}
