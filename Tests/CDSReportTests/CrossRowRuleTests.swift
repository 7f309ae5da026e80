import CDSReport
import Foundation
import Testing
import TestSupport

/// The rules across rows (CONTRACT §3): per-unit fields that must agree, duplicates, and the
/// `incomplete_inputs` warning.
@Suite("Validation: rules across rows")
struct CrossRowRuleTests {
    static let perUnitConflicts: [(field: String, th: String, thcs: String)] = [
        ("cashless", "Có", "Không"), ("fiber", "x", "0"), ("sis_modules", "5", "4"),
        ("digital_records", "true", "false"), ("cds_level", "2", "3"), ("inspected", "Có", "Không"),
    ]

    // MARK: conflicting_unit_values

    @Test("conflicting_unit_values: a unit's level rows that disagree on a per-unit field are all rejected",
          arguments: perUnitConflicts)
    func conflictingUnitValues(_ field: String, _ th: String, _ thcs: String) throws {
        let outcome = try TestBench().validate(rows: [
            ReturnCSV.validRow("0101003", "TH", [field: th]),
            ReturnCSV.validRow("0101003", "THCS", [field: thcs]),
        ])
        let findings = outcome.findings(.conflictingUnitValues)
        #expect(outcome.ruleIDs == ["conflicting_unit_values", "conflicting_unit_values"])
        #expect(findings.map(\.row) == [2, 3], "each of the unit's rows is reported")
        #expect(findings.allSatisfy { $0.column == field && $0.severity == .error })
        #expect(outcome.accepted.isEmpty, "all the unit's rows are rejected")
        #expect(outcome.rowsRejected == 2)
    }

    @Test("a blank per-unit field on one row and a value on another is no conflict")
    func blankIsNoConflict() throws {
        let outcome = try TestBench().validate(rows: [
            ReturnCSV.validRow("0101003", "TH", ["cashless": "Có", "sis_modules": ""]),
            ReturnCSV.validRow("0101003", "THCS", ["cashless": "", "sis_modules": "3"]),
        ])
        #expect(outcome.findings.isEmpty, "\(outcome.ruleIDs)")
        #expect(outcome.accepted.count == 2)
    }

    @Test("per-unit values are compared after parsing: Có equals x, 1 equals true, 05 equals 5",
          arguments: [("cashless", "Có", "x"), ("fiber", "1", "TRUE"), ("inspected", "Không", "khong"), ("sis_modules", "05", "5")])
    func parsedValuesCompared(_ field: String, _ th: String, _ thcs: String) throws {
        let outcome = try TestBench().validate(rows: [
            ReturnCSV.validRow("0101003", "TH", [field: th]),
            ReturnCSV.validRow("0101003", "THCS", [field: thcs]),
        ])
        #expect(outcome.findings.isEmpty, "\(outcome.ruleIDs)")
        #expect(outcome.accepted.count == 2)
    }

    @Test("conflicting_unit_values also covers rows rejected for their values")
    func conflictIncludesRejectedRows() throws {
        let outcome = try TestBench().validate(rows: [
            ReturnCSV.validRow("0101003", "TH", ["cashless": "Có", "students": "abc"]),
            ReturnCSV.validRow("0101003", "THCS", ["cashless": "Không"]),
        ])
        #expect(outcome.findings(.conflictingUnitValues).map(\.row) == [2, 3])
        #expect(outcome.accepted.isEmpty)
    }

    @Test("rows of different units never conflict")
    func differentUnitsDoNotConflict() throws {
        let outcome = try TestBench().validate(rows: [
            ReturnCSV.validRow("0101002", "TH", ["cashless": "Có"]),
            ReturnCSV.validRow("0101003", "TH", ["cashless": "Không"]),
        ])
        #expect(outcome.findings.isEmpty)
    }

    // MARK: Duplicates

    @Test("duplicate_conflict: the same unit and level with different values rejects every copy")
    func duplicateConflict() throws {
        let outcome = try TestBench().validate(rows: [
            ReturnCSV.validRow("0101002", "TH", ["students": "100"]),
            ReturnCSV.validRow("0101001", "MN"),
            ReturnCSV.validRow("0101002", "TH", ["students": "120"]),
        ])
        let findings = outcome.findings(.duplicateConflict)
        #expect(findings.map(\.row) == [2, 4])
        #expect(findings.allSatisfy { $0.severity == .error && $0.unitCode == "0101002" })
        #expect(outcome.acceptedKeys(in: try TestBench().registry) == ["0101001/MN"])
    }

    @Test("duplicate findings concern the whole row: their column is blank")
    func duplicateColumnsBlank() throws {
        let row = ReturnCSV.validRow("0101002", "TH")
        let copies = try TestBench().validate(rows: [row, row])
        #expect(copies.findings(.duplicateCopy).map(\.column) == [""])
        let conflicts = try TestBench().validate(rows: [row, ReturnCSV.validRow("0101002", "TH", ["staff": "12"])])
        #expect(conflicts.findings(.duplicateConflict).map(\.column) == ["", ""])
    }

    @Test("duplicate_conflict: with three rows of which two are equal, all three are rejected")
    func duplicateConflictThree() throws {
        let row = ReturnCSV.validRow("0101002", "TH")
        let outcome = try TestBench().validate(rows: [row, row, ReturnCSV.validRow("0101002", "TH", ["staff": "12"])])
        #expect(outcome.findings(.duplicateConflict).map(\.row) == [2, 3, 4])
        #expect(outcome.accepted.isEmpty)
    }

    @Test("duplicate_conflict across two files")
    func duplicateConflictAcrossFiles() throws {
        let bench = try TestBench()
        let a = try bench.input(ReturnCSV.text([ReturnCSV.validRow("0102001", "THCS")]), named: "a.csv")
        let b = try bench.input(ReturnCSV.text([ReturnCSV.validRow("0102001", "THCS", ["fiber": "Không"])]), named: "b.csv")
        let outcome = bench.validate([a, b])
        #expect(outcome.findings(.duplicateConflict).map(\.file) == ["a.csv", "b.csv"])
        #expect(outcome.accepted.isEmpty)
    }

    @Test("duplicate_copy: a later exact copy is a warning only and counts once")
    func duplicateCopy() throws {
        let row = ReturnCSV.validRow("0101002", "TH")
        let outcome = try TestBench().validate(rows: [row, row])
        let finding = try #require(outcome.findings.first)
        #expect(outcome.ruleIDs == ["duplicate_copy"])
        #expect(finding.row == 3, "the later copy is the one reported")
        #expect(finding.severity == .warning)
        #expect(outcome.accepted.count == 1, "exact copies count once")
        #expect(outcome.rowsRejected == 0)
    }

    @Test("duplicate_copy: values are compared after parsing (Có equals x, blank period equals the run's, 1.234 equals 1234)")
    func duplicateCopyAfterParsing() throws {
        let outcome = try TestBench().validate(rows: [
            ReturnCSV.validRow("0101002", "TH", ["cashless": "Có", "period": "", "students": "1.234", "level": "TH"]),
            ReturnCSV.validRow("0101002", "TH", ["cashless": "x", "period": "2024-2025/hk1", "students": "1234", "level": "th"]),
        ])
        #expect(outcome.ruleIDs == ["duplicate_copy"])
        #expect(outcome.accepted.count == 1)
    }

    @Test("duplicate_copy: fields that do not apply to the level are not compared")
    func duplicateCopyIgnoresFieldsNotApplying() throws {
        let outcome = try TestBench().validate(rows: [
            ReturnCSV.validRow("0101001", "MN", ["periods_online": "5"]),
            ReturnCSV.validRow("0101001", "MN", ["periods_online": "7"]),
        ])
        #expect(outcome.ruleIDs == ["duplicate_copy"])
    }

    @Test("a later exact copy of a rejected row gets duplicate_copy and no other finding")
    func copyOfRejectedRow() throws {
        let row = ReturnCSV.validRow("0101002", "TH", ["students": "abc"])
        let outcome = try TestBench().validate(rows: [row, row])
        let second = outcome.findings.filter { $0.row == 3 }.map(\.rule.rawValue)
        #expect(outcome.findings.filter { $0.row == 2 }.map(\.rule.rawValue) == ["not_a_number"])
        #expect(second == ["duplicate_copy"], "the copy must carry only duplicate_copy, got \(second)")
        #expect(outcome.rowsRejected == 1, "exact copies count once")
    }

    // MARK: incomplete_inputs

    @Test("incomplete_inputs: an indicator with some but not all inputs warns once per row; the row is kept")
    func incompleteRatio() throws {
        let outcome = try TestBench().validate(rows: [ReturnCSV.validRow("0101003", "THCS", ["periods_online": ""])])
        let finding = try #require(outcome.findings.first)
        #expect(outcome.ruleIDs == ["incomplete_inputs"])
        #expect(finding.severity == .warning)
        #expect(finding.row == 2 && finding.unitCode == "0101003" && finding.level == "THCS")
        #expect(outcome.accepted.count == 1)
    }

    @Test("incomplete_inputs: students_per_pc with two of its four inputs warns once")
    func incompleteStudentsPerPC() throws {
        let outcome = try TestBench().validate(rows: [ReturnCSV.validRow("0101002", "TH", ["computer_labs": "", "pcs_teaching": ""])])
        #expect(outcome.ruleIDs == ["incomplete_inputs"])
    }

    @Test("incomplete_inputs: one warning per indicator with partial inputs")
    func incompleteSeveral() throws {
        // online_share (periods) and esign_coverage (staff_esign without managers_teachers), and
        // staff_trained_share has staff and staff_trained: complete.
        let outcome = try TestBench().validate(rows: [ReturnCSV.validRow("0101003", "THCS", [
            "periods_planned": "", "managers_teachers": "",
        ])])
        #expect(outcome.ruleIDs == ["incomplete_inputs", "incomplete_inputs"])
    }

    @Test("no incomplete_inputs for an indicator whose inputs are all blank, or that does not apply to the level")
    func noIncompleteWarning() throws {
        let bench = try TestBench()
        // THCS with no periods at all: online_share has no input, which is not "some but not all".
        let none = try bench.validate(rows: [ReturnCSV.validRow("0101003", "THCS", ["periods_planned": "", "periods_online": ""])])
        #expect(none.findings.isEmpty)
        // GDTX has labs and computers but students_per_pc does not apply to GDTX.
        let gdtx = try bench.validate(rows: [ReturnCSV.validRow("0199002", "GDTX", ["pcs_teaching": "", "computer_labs": ""])])
        #expect(gdtx.findings.isEmpty, "\(gdtx.ruleIDs)")
    }

    @Test("no incomplete_inputs on a rejected row")
    func noIncompleteOnRejected() throws {
        let outcome = try TestBench().validate(rows: [ReturnCSV.validRow("0101003", "THCS", ["periods_online": "", "students": "?"])])
        #expect(outcome.ruleIDs == ["not_a_number"])
    }
}
