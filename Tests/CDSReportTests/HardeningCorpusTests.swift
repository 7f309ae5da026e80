import CDSReport
import Foundation
import Testing
import TestSupport
import XLSX

/// One case of the corpus of bad inputs and the finding it must give.
struct BadInput: CustomTestStringConvertible, Sendable {
    /// The file's name in the inbox (its extension decides how it is read).
    let name: String
    /// The rule of the finding the file must give.
    let rule: Rule
    /// Words the Vietnamese message must contain: what is wrong and what to do.
    let says: [String]
    /// The bytes: a committed fixture of the same name, or made by the test.
    let bytes: @Sendable () throws -> Data

    init(_ name: String, _ rule: Rule, says: [String], bytes: (@Sendable () throws -> Data)? = nil) {
        self.name = name
        self.rule = rule
        self.says = says
        self.bytes = bytes ?? { try Hardening.fixture(name) }
    }

    var testDescription: String { "\(name) → \(rule.rawValue)" }

    /// Every case. Whole-file findings (`unreadable_file`, `no_header`, `empty_file`) leave
    /// `row` and `column` blank; row findings name the row.
    static let all: [BadInput] = [
        BadInput("empty.csv", .emptyFile, says: ["Tệp trống"]),
        BadInput("header-only.csv", .emptyFile, says: ["chỉ có dòng tiêu đề"]),
        BadInput("no-header.csv", .noHeader, says: ["unit_code", "mẫu báo cáo"]),
        BadInput("binary-garbage.csv", .unreadableFile, says: ["CSV UTF-8"]) {
            Data(Hardening.randomBytes(4096, seed: 1258))
        },
        BadInput("binary-garbage.xlsx", .unreadableFile, says: ["không phải tệp Excel", "lưu lại"]) {
            Data(Hardening.randomBytes(4096, seed: 7))
        },
        BadInput("windows-1258.csv", .unreadableFile, says: ["Windows-1258", "CSV UTF-8"]),
        BadInput("nul-bytes.csv", .unreadableFile, says: ["byte 0", "CSV UTF-8"]) { Hardening.nulBytes },
        BadInput("long-line.csv", .unreadableFile, says: ["Dòng 2", "dài quá"]) { Hardening.longLine(megabytes: 10) },
        BadInput("duplicate-headers.csv", .duplicateColumn, says: ["Số học sinh", "bỏ qua"]),
        BadInput("two-header-rows.csv", .unknownUnit, says: ["unit_code"]),
        BadInput("numbers-with-letters.csv", .notANumber, says: ["3OO"]),
        BadInput("dates-as-numbers.csv", .notANumber, says: ["2024-09-30"]),
        BadInput("formulas-no-cached-values.xlsx", .formulaNotCalculated, says: ["Ô C2", "công thức", "lưu lại"]),
        BadInput("no-sheets.xlsx", .unreadableFile, says: ["không có trang tính"]),
        BadInput("truncated.xlsx", .unreadableFile, says: ["cắt cụt", "gửi lại"]),
        BadInput("zip-bomb.xlsx", .unreadableFile, says: ["quá lớn"]) { Hardening.zipBomb(megabytes: 600) },
        BadInput("entity-expansion.xlsx", .unreadableFile, says: ["DOCTYPE", "lưu lại"]),
        BadInput("path-traversal.xlsx", .unreadableFile, says: ["trang tính"]),
        BadInput("encrypted.xlsx", .unreadableFile, says: ["mật khẩu"]) { Hardening.compoundFile(stream: "EncryptedPackage") },
        BadInput("excel-97.xlsx", .unreadableFile, says: [".xls", ".xlsx"]) { Hardening.compoundFile(stream: "Workbook") },
    ]
}

/// CONTRACT §3 on hostile and broken inputs (the issue's corpus): every bad file gives its
/// finding, with a Vietnamese message that says what to do, and the run goes on with the others.
@Suite("Hardening: the corpus of bad inputs")
struct HardeningCorpusTests {
    static let period = Period("2024-2025/HK1")!

    /// Runs the pipeline on a folder holding the bad file and a good return.
    static func run(_ bad: BadInput) throws -> (RunProducts, TimeInterval) {
        let folder = try TemporaryDirectory("cds-bad-input")
        try folder.write(try bad.bytes(), to: "inbox/\(bad.name)")
        try folder.write(Hardening.goodReturn, to: "inbox/zz-good.csv")
        let options = RunOptions(units: Hardening.units, period: period, output: folder.path("out"),
                                 inputs: [folder.path("inbox").path], indicators: Repository.indicatorsFolder)
        let start = Date()
        let products = try RunPipeline.compute(options)
        return (products, Date().timeIntervalSince(start))
    }

    @Test("each bad input gives its finding with a message saying what to do; the run goes on", arguments: BadInput.all)
    func givesItsFinding(_ bad: BadInput) throws {
        let (products, seconds) = try Self.run(bad)
        let findings = products.validation.findings.filter { $0.file == bad.name }
        let finding = try #require(findings.first { $0.rule == bad.rule }, "\(bad.name): \(findings.map { "\($0.rule.rawValue): \($0.message)" })")
        for word in bad.says {
            #expect(finding.message.localizedCaseInsensitiveContains(word), "\(bad.name): the message names \(word): \(finding.message)")
        }
        #expect(!finding.message.contains("\n"), "one sentence: \(finding.message)")
        if [.unreadableFile, .noHeader, .emptyFile].contains(bad.rule) {
            #expect(finding.row == nil && finding.column.isEmpty && finding.unitCode.isEmpty, "a whole-file finding has no row or column")
            #expect(findings.allSatisfy { [.unreadableFile, .noHeader, .emptyFile].contains($0.rule) }, "nothing else about that file: \(findings)")
        } else {
            #expect(finding.row != nil, "a row or header finding names its row")
        }
        // The good return beside it is read and accepted.
        #expect(products.validation.acceptedKeys(in: products.registry).contains("0102001/THCS"), "the run went on with the other files")
        #expect(seconds < 60, "no hang: \(seconds) s")
    }

    @Test("a formula without a cached value is never a number: the cell counts as not reported")
    func formulaWithoutCachedValue() throws {
        let (products, _) = try Self.run(BadInput.all.first { $0.name == "formulas-no-cached-values.xlsx" }!)
        let students = try #require(products.catalogue.element(id: "students"))
        let row = try #require(products.validation.accepted.first { products.registry.units[$0.unit].code == "0199001" })
        #expect(row.values[students] == .blank, "=150*2 stored without its result is blank, not 0 nor 300")
        let indicator = try #require(products.catalogue.indicator(id: "students_per_pc"))
        let unit = try #require(products.results.rows.first { $0.scope == .unit && $0.scopeCode == "0199001" && $0.indicator == indicator && $0.level == .thpt })
        #expect(unit.value == nil, "no figure is computed from a formula Excel never calculated")
        // Each such cell is named, so the clerk knows why the figure is missing.
        let warnings = products.validation.findings.filter { $0.rule == .formulaNotCalculated }
        #expect(warnings.map(\.column) == ["students", "classes", "pcs_teaching"])
        #expect(warnings.map(\.cell) == ["C2", "D2", "F2"])
        #expect(warnings.allSatisfy { $0.severity == .warning && $0.row == 2 && $0.unitCode == "0199001" })
        #expect(products.validation.findings.contains { $0.rule == .incompleteInputs }, "the indicator is still incomplete")
    }

    /// A return written by a program (here libxlsxwriter, as XlsxWriter does) with formulas and
    /// no results: a cached 0 is a placeholder, never a figure.
    @Test("formula_not_calculated: on the keys and the fields of the row's level; the key is then blank; other cells say nothing")
    func formulaPlaceholders() throws {
        let folder = try TemporaryDirectory("cds-formula-return")
        let url = folder.path("return.xlsx")
        var workbook = try Workbook(path: url.path, properties: DocumentProperties(created: Date()))
        // Three valid rows, then formulas in place of one cell each: students on a secondary
        // row; periods_planned on a primary row (the field does not apply there); the unit code.
        let columns = ReturnCSV.columns
        let rows = [("0101003", "THCS", "students"), ("0101002", "TH", "periods_planned"), ("0101003", "TH", "unit_code")]
        try workbook.addWorksheet("Báo cáo") { sheet in
            try sheet.writeRow(columns.map { CellValue.string($0) }, row: 0)
            for (index, (unit, level, formulaField)) in rows.enumerated() {
                let values = ReturnCSV.validRow(unit, level)
                for (column, field) in columns.enumerated() {
                    if field == formulaField {
                        try sheet.writeFormula(field == "unit_code" ? "=\"\(unit)\"" : "=150*2", row: index + 1, column: column)
                    } else if let value = values[field] {
                        let number = ["unit_code", "period", "level"].contains(field) ? nil : Int(value)
                        try sheet.write(number.map(CellValue.integer) ?? .string(value), row: index + 1, column: column)
                    }
                }
            }
        }
        try workbook.close()
        let bench = try TestBench()
        let outcome = bench.validate([try bench.input(try Data(contentsOf: url), named: "return.xlsx")])
        let found = outcome.findings.filter { $0.rule != .incompleteInputs }.map { "\($0.row ?? 0) \($0.column) \($0.rule.rawValue)" }
        #expect(found == ["2 students formula_not_calculated", "4 unit_code missing_key", "4 unit_code formula_not_calculated"],
                "\(outcome.findings.map(\.message))")
        let first = try #require(outcome.findings.first)
        let studentsColumn = try #require(columns.firstIndex(of: "students"))
        #expect(first.message.hasPrefix("Ô \(CellAddress.columnName(studentsColumn))2: Số học sinh là một công thức nhưng tệp không lưu kết quả"), "\(first.message)")
        let students = try bench.element("students")
        let secondary = try #require(outcome.accepted.first { $0.level == .thcs })
        #expect(secondary.values[students] == .blank, "the placeholder 0 is not a figure")
        #expect(outcome.accepted.count == 2 && outcome.rowsRejected == 1)
    }

    @Test("a path-traversal entry name is never looked for outside the package, and nothing is written there")
    func pathTraversal() throws {
        let outside = URL(fileURLWithPath: "/tmp/cds-path-traversal")
        try? FileManager.default.removeItem(at: outside)
        _ = try Self.run(BadInput.all.first { $0.name == "path-traversal.xlsx" }!)
        #expect(!FileManager.default.fileExists(atPath: outside.path))
    }

    @Test("the whole corpus through the binary: exit 0, each file's finding in rejections.csv, inputs untouched, memory bounded")
    func wholeCorpusThroughTheBinary() throws {
        let folder = try TemporaryDirectory("cds-bad-corpus")
        for bad in BadInput.all { try folder.write(try bad.bytes(), to: "inbox/\(bad.name)") }
        try folder.write(Hardening.goodReturn, to: "inbox/zz-good.csv")
        let before = try Hardening.fingerprints(folder.path("inbox"))
        let out = folder.path("out")
        let arguments = ["run", "--units", Hardening.units.path, "--period", "2024-2025/HK1", "--out", out.path, folder.path("inbox").path]
        let start = Date()
        let result = try CLI.run(arguments)
        let seconds = Date().timeIntervalSince(start)
        #expect(result.status == 0, "bad files are findings, not failures: \(result)")
        #expect(result.errorLines.count == 1 && result.errorLines.last?.hasPrefix("Xong:") == true, "one summary line: \(result.errorLines)")
        #expect(seconds < 120, "\(seconds) s")
        let (_, rows) = CSVRecords.table(try folder.text("out/rejections.csv"))
        for bad in BadInput.all {
            #expect(rows.contains { $0["file"] == bad.name && $0["rule"] == bad.rule.rawValue }, "\(bad.name) → \(bad.rule.rawValue)")
        }
        #expect(try Hardening.fingerprints(folder.path("inbox")) == before, "inputs are never modified")
        // Memory: the 600 MB bomb and the 10 MB line are refused while streaming, never held.
        if let (status, megabytes) = try Hardening.peakMemory(arguments.map { $0 == out.path ? folder.path("out2").path : $0 }) {
            #expect(status == 0)
            #expect(megabytes < 512, "peak memory \(megabytes) MB")
        }
    }

    @Test("a 2 GB file in the inbox is refused by its size, never read into memory")
    func hugeFile() throws {
        let folder = try TemporaryDirectory("cds-huge-file")
        for name in ["huge.csv", "huge.xlsx"] {
            let url = try folder.write(Data(), to: "inbox/\(name)")
            let handle = try FileHandle(forWritingTo: url)
            try handle.truncate(atOffset: 2 << 30)  // sparse: costs no disk
            try handle.close()
        }
        try folder.write(Hardening.goodReturn, to: "inbox/zz-good.csv")
        let arguments = ["run", "--units", Hardening.units.path, "--period", "2024-2025/HK1", "--out", folder.path("out").path,
                         folder.path("inbox").path]
        let result = try CLI.run(arguments)
        #expect(result.status == 0, "\(result)")
        let (_, rows) = CSVRecords.table(try folder.text("out/rejections.csv"))
        for name in ["huge.csv", "huge.xlsx"] {
            #expect(rows.contains { $0["file"] == name && $0["rule"] == "unreadable_file" && $0["message"]?.contains("quá lớn") == true }, "\(rows)")
        }
        if let (status, megabytes) = try Hardening.peakMemory(arguments) {
            #expect(status == 0 && megabytes < 256, "peak memory \(megabytes) MB")
        }
    }

    /// Found by fuzz-xlsx: a `<mergeCell ref>` with a hundred column letters overflowed the
    /// column number and trapped, stopping the whole run on one file.
    @Test("fuzz regression: an overlong merged-cell reference is ignored and the return is read")
    func overlongMergeReference() throws {
        let folder = try TemporaryDirectory("cds-merge-overflow")
        try folder.write(try Hardening.fixture("merge-cell-overflow.xlsx"), to: "inbox/merge-cell-overflow.xlsx")
        let options = RunOptions(units: Hardening.units, period: Self.period, output: folder.path("out"),
                                 inputs: [folder.path("inbox").path], indicators: Repository.indicatorsFolder)
        let products = try RunPipeline.compute(options)
        #expect(products.validation.filesUnreadable == 0, "\(products.validation.findings)")
        #expect(products.validation.acceptedKeys(in: products.registry) == ["0101002/TH"])
        #expect(CellRange("A\(String(repeating: "j", count: 100))1:B1") == nil)
        #expect(CellRange("XFD1048576") != nil && CellRange("AAAA1") == nil)
    }

    // MARK: Registry and configuration

    @Test("a registry with a cycle or a missing parent stops the run: exit 1, one line naming the problem",
          arguments: [("registry-cycle.csv", "phải trực thuộc Sở"), ("registry-missing-parent.csv", "không có trong danh mục")])
    func brokenRegistry(_ file: String, _ problem: String) throws {
        let folder = try TemporaryDirectory("cds-bad-registry")
        try folder.write(Hardening.goodReturn, to: "inbox/good.csv")
        let result = try CLI.run(["run", "--units", Hardening.corpus.appendingPathComponent(file).path, "--period", "2024-2025/HK1",
                                  "--out", folder.path("out").path, folder.path("inbox").path])
        #expect(result.status == 1, "\(result)")
        #expect(result.errorLines.count == 1, "one line: \(result.errorLines)")
        let line = try #require(result.errorLines.first)
        #expect(line.contains(file) && line.contains(problem), "\(line)")
        #expect(!folder.exists("out/results.csv"), "nothing is reported on a broken registry")
    }

    /// Found by fuzz-indicators: Yams' description of a duplicate key quotes the whole document,
    /// and a quoted value may span lines; both made the run's one line many.
    @Test("fuzz regression: a targets file's error is one line naming the file and the line",
          arguments: [("targets-duplicate-key.yaml", 4, "target"), ("targets-multiline-value.yaml", 4, "target")])
    func targetsErrorIsOneLine(_ file: String, _ line: Int, _ word: String) throws {
        let catalogue = try Repository.catalogue()
        let url = Hardening.corpus.appendingPathComponent(file)
        #expect(throws: ConfigurationError.self) {
            _ = try TargetSet.load(from: url, displayName: file, catalogue: catalogue, expectedYear: Self.period.schoolYear)
        }
        do {
            _ = try TargetSet.load(from: url, displayName: file, catalogue: catalogue, expectedYear: Self.period.schoolYear)
        } catch {
            #expect(!error.description.contains("\n"), "one line: \(error.description)")
            #expect(error.description.hasPrefix("\(file):\(line):"), "\(error.description)")
            #expect(error.description.contains(word), "\(error.description)")
        }
        let folder = try TemporaryDirectory("cds-bad-targets")
        try folder.write(Hardening.goodReturn, to: "inbox/good.csv")
        let result = try CLI.run(["run", "--units", Hardening.units.path, "--period", "2024-2025/HK1", "--targets", url.path,
                                  "--out", folder.path("out").path, folder.path("inbox").path])
        #expect(result.status == 1 && result.errorLines.count == 1, "\(result)")
    }
}
