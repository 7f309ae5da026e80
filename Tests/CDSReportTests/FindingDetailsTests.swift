import CDSReport
import Foundation
import Testing
import TestSupport

/// What a finding carries (CONTRACT §3, §5): file, row, column as written, unit and level as
/// written, severity, and a Vietnamese message naming the value; and what `--managing-unit`
/// leaves out.
@Suite("Validation: what findings say")
struct FindingDetailsTests {
    /// Letters only Vietnamese uses among Latin scripts: a message with none is not Vietnamese.
    static let vietnameseLetters = Set("ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ")

    static func isVietnamese(_ text: String) -> Bool {
        text.lowercased().contains { vietnameseLetters.contains($0) }
    }

    @Test("file is the path relative to the folder given, or the base name of a file given directly")
    func fileIsRelativePath() throws {
        let bench = try TestBench()
        let folder = try TemporaryDirectory()
        let text = ReturnCSV.text([ReturnCSV.validRow("0101002", "TH", ["students": "abc"])])
        try folder.write(text, to: "inbox/phong-1/truong a.csv")
        // Another unit, so that the two rows are not copies of each other.
        let other = ReturnCSV.text([ReturnCSV.validRow("0101001", "MN", ["students": "abc"])])
        let direct = try folder.write(other, to: "elsewhere/nop.csv")
        let (files, missing) = InputCollection.collect([folder.path("inbox").path, direct.path])
        #expect(missing.isEmpty)
        #expect(files.map(\.displayName) == ["phong-1/truong a.csv", "nop.csv"])
        let outcome = bench.validate(files.map { SubmissionReader.read($0, catalogue: bench.catalogue) })
        #expect(outcome.findings(.notANumber).map(\.file) == ["phong-1/truong a.csv", "nop.csv"])
    }

    @Test("folders are read recursively in name order; names starting with . or ~$ and other extensions are skipped")
    func folderCollection() throws {
        let folder = try TemporaryDirectory()
        for name in ["b.csv", "a/z.csv", "a/b.CSV", ".hidden.csv", "~$lock.csv", "notes.txt", "c.xlsx"] {
            try folder.write("unit_code\n", to: "in/\(name)")
        }
        let (files, _) = InputCollection.collect([folder.path("in").path])
        #expect(files.map(\.displayName) == ["a/b.CSV", "a/z.csv", "b.csv", "c.xlsx"])
    }

    @Test("unit_code and level are given as written, trimmed; column is the header as written")
    func asWritten() throws {
        let bench = try TestBench()
        let text = ReturnCSV.text([ReturnCSV.validRow("  0101002 ", " th ", ["students": "abc"])],
                                  header: ReturnCSV.columns.map { $0 == "students" ? " Số Học Sinh " : $0 })
        let outcome = try bench.validate(text, named: "nop.csv")
        let finding = try #require(outcome.findings.first)
        #expect(finding.file == "nop.csv")
        #expect(finding.sheet == "")
        #expect(finding.row == 2)
        #expect(finding.column == "Số Học Sinh")
        #expect(finding.unitCode == "0101002")
        #expect(finding.level == "th")
        #expect(finding.severity == .error)
    }

    @Test("findings are errors for rejected rows and warnings for kept rows")
    func severities() {
        let warnings: Set<Rule> = [.duplicateCopy, .unknownColumn, .incompleteInputs, .emptyFile]
        let contractRules: [Rule] = [.unknownUnit, .levelNotServed, .wrongPeriod, .missingKey, .notANumber, .notABoolean,
                                     .negative, .outOfRange, .exceedsTotal, .inconsistent, .conflictingUnitValues,
                                     .duplicateConflict, .duplicateCopy, .unknownColumn, .incompleteInputs, .unreadableFile,
                                     .noHeader, .emptyFile]
        for rule in contractRules {
            #expect(rule.severity == (warnings.contains(rule) ? .warning : .error), "\(rule.rawValue)")
        }
    }

    struct MessageCase: Sendable, CustomTestStringConvertible {
        let rule: Rule, unit: String, level: String, overrides: [String: String], value: String
        var testDescription: String { rule.rawValue }
    }

    static let messageCases = [
        MessageCase(rule: .unknownUnit, unit: "0108888", level: "TH", overrides: [:], value: "0108888"),
        MessageCase(rule: .levelNotServed, unit: "0101001", level: "THPT", overrides: [:], value: "THPT"),
        MessageCase(rule: .wrongPeriod, unit: "0101002", level: "TH", overrides: ["period": "2023-2024/CN"], value: "2023-2024/CN"),
        MessageCase(rule: .notANumber, unit: "0101002", level: "TH", overrides: ["staff": "mười"], value: "mười"),
        MessageCase(rule: .notABoolean, unit: "0101002", level: "TH", overrides: ["fiber": "đang lắp"], value: "đang lắp"),
        MessageCase(rule: .negative, unit: "0101002", level: "TH", overrides: ["classes": "-4"], value: "-4"),
        MessageCase(rule: .outOfRange, unit: "0101002", level: "TH", overrides: ["cds_level": "7"], value: "7"),
        MessageCase(rule: .exceedsTotal, unit: "0101002", level: "TH", overrides: ["staff_esign": "9"], value: "9"),
        MessageCase(rule: .inconsistent, unit: "0101002", level: "TH", overrides: ["computer_labs": "0", "pcs_teaching": "17"], value: "17"),
    ]

    @Test("each message is one Vietnamese sentence naming the offending value", arguments: messageCases)
    func messages(_ c: MessageCase) throws {
        let outcome = try TestBench().validate(rows: [ReturnCSV.validRow(c.unit, c.level, c.overrides)])
        let finding = try #require(outcome.findings(c.rule).first, "\(outcome.ruleIDs)")
        #expect(finding.message.contains(c.value), "\(finding.message)")
        #expect(Self.isVietnamese(finding.message), "\(finding.message)")
        #expect(!finding.message.contains("\n"))
    }

    @Test("messages of file and cross-row findings are Vietnamese too")
    func otherMessages() throws {
        let bench = try TestBench()
        let row = ReturnCSV.validRow("0101002", "TH")
        let outcomes = [
            try bench.validate(rows: [row, row]),
            try bench.validate(rows: [row, ReturnCSV.validRow("0101002", "TH", ["staff": "9"])]),
            try bench.validate(""),
            try bench.validate("abc\n"),
            bench.validate([try bench.input(Data([0xC3, 0x28, 0x0A]))]),
        ]
        for finding in outcomes.flatMap(\.findings) {
            #expect(Self.isVietnamese(finding.message), "\(finding.rule.rawValue): \(finding.message)")
        }
    }

    // MARK: --managing-unit

    @Test("with a managing unit, rows of other registry units are left out without a finding, and counted")
    func managingUnitLeavesOut() throws {
        let bench = try TestBench()
        let outcome = try bench.validate(rows: [
            ReturnCSV.validRow("0101001", "MN"),
            ReturnCSV.validRow("0102001", "THCS", ["students": "abc"]),
            ReturnCSV.validRow("0199001", "THPT"),
            ReturnCSV.validRow("0101003", "TH"),
        ], managingUnit: "0101")
        #expect(outcome.findings.isEmpty, "rows outside 0101 give no finding, even a bad one: \(outcome.ruleIDs)")
        #expect(outcome.rowsLeftOut == 2)
        #expect(outcome.acceptedKeys(in: bench.registry) == ["0101001/MN", "0101003/TH"])
    }

    @Test("the SO's code as managing unit keeps the schools it manages directly")
    func managingUnitSO() throws {
        let bench = try TestBench()
        let outcome = try bench.validate(rows: [
            ReturnCSV.validRow("0101001", "MN"), ReturnCSV.validRow("0199001", "THPT"), ReturnCSV.validRow("0199002", "GDTX"),
        ], managingUnit: "01")
        #expect(outcome.rowsLeftOut == 1)
        #expect(outcome.acceptedKeys(in: bench.registry) == ["0199001/THPT", "0199002/GDTX"])
    }

    @Test("with a managing unit, a code not in the registry is still unknown_unit")
    func managingUnitUnknownUnit() throws {
        let outcome = try TestBench().validate(rows: [ReturnCSV.validRow("0105001", "MN")], managingUnit: "0101")
        #expect(outcome.ruleIDs == ["unknown_unit"])
        #expect(outcome.rowsLeftOut == 0)
    }
}
