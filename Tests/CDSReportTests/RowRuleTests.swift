import CDSReport
import Foundation
import Testing
import TestSupport

/// The rules that look at one row (CONTRACT §3): keys, each field, and the rules between fields.
/// Each test changes one cell of an otherwise valid row.
@Suite("Validation: row rules")
struct RowRuleTests {
    /// Validates one row of the TH;THCS school's THCS level (every field applies there) with
    /// `overrides`.
    static func thcs(_ overrides: [String: String]) throws -> ValidationOutcome {
        try TestBench().validate(rows: [ReturnCSV.validRow("0101003", "THCS", overrides)])
    }

    static let integerFields = ["students", "staff", "managers_teachers", "staff_esign", "staff_trained", "classes",
                                "computer_labs", "pcs_teaching", "periods_planned", "periods_online", "fee_payers",
                                "fee_payers_cashless", "sis_modules", "cds_level"]
    static let booleanFields = ["cashless", "fiber", "digital_records", "inspected"]

    @Test("a valid row is accepted with no finding")
    func validRow() throws {
        let outcome = try Self.thcs([:])
        #expect(outcome.findings.isEmpty, "\(outcome.findings.map(\.message))")
        #expect(outcome.accepted.count == 1)
    }

    // MARK: Keys

    @Test("unknown_unit: a code not in the registry rejects the row, naming the code")
    func unknownUnit() throws {
        let outcome = try TestBench().validate(rows: [ReturnCSV.validRow("0101777", "TH")])
        let finding = try #require(outcome.findings.first)
        #expect(outcome.ruleIDs == ["unknown_unit"])
        #expect(finding.column == "unit_code")
        #expect(finding.message.contains("0101777"))
        #expect(outcome.accepted.isEmpty)
    }

    @Test("unknown_unit: a unit code is matched exactly, leading zeros included", arguments: ["101002", "00101002"])
    func unitCodeExact(_ code: String) throws {
        let outcome = try TestBench().validate(rows: [ReturnCSV.validRow(code, "TH")])
        #expect(outcome.ruleIDs == ["unknown_unit"])
    }

    @Test("unknown_unit: an old code names the successor's current code in the message")
    func unknownUnitSuccessor() throws {
        let outcome = try TestBench().validate(rows: [ReturnCSV.validRow("0101099", "TH")])
        let finding = try #require(outcome.findings.first)
        #expect(outcome.ruleIDs == ["unknown_unit"])
        #expect(finding.message.contains("0101099"))
        #expect(finding.message.contains("0101003"), "0101003 lists 0101099 in previous_codes: \(finding.message)")
    }

    @Test("a row with an unknown unit gets no level finding", arguments: ["", "XYZ", "THPT"])
    func unknownUnitNoLevelFinding(_ level: String) throws {
        let outcome = try TestBench().validate(rows: [ReturnCSV.validRow("0109999", level)])
        #expect(outcome.ruleIDs == ["unknown_unit"])
    }

    @Test("level_not_served: a level the unit does not serve rejects the row")
    func levelNotServed() throws {
        let outcome = try TestBench().validate(rows: [ReturnCSV.validRow("0101001", "TH")])
        let finding = try #require(outcome.findings.first)
        #expect(outcome.ruleIDs == ["level_not_served"])
        #expect(finding.column == "level")
        #expect(finding.message.contains("TH"))
        #expect(outcome.accepted.isEmpty)
    }

    @Test("level_not_served: a level code that is not MN/TH/THCS/THPT/GDTX", arguments: ["C1", "THPTX", "Tiểu học"])
    func unknownLevelCode(_ level: String) throws {
        let outcome = try TestBench().validate(rows: [ReturnCSV.validRow("0101002", level)])
        #expect(outcome.ruleIDs == ["level_not_served"])
        #expect(outcome.findings.first?.message.contains(level) == true)
    }

    @Test("level codes match in any case and trimmed", arguments: ["th", "Th", " TH "])
    func levelAnyCase(_ level: String) throws {
        let outcome = try TestBench().validate(rows: [ReturnCSV.validRow("0101002", level)])
        #expect(outcome.findings.isEmpty)
        #expect(outcome.accepted.first?.level == .th)
    }

    @Test("wrong_period: a given period other than the run's rejects the row, naming it",
          arguments: ["2023-2024/HK1", "2024-2025/CN", "2024-2025/DN", "HK1"])
    func wrongPeriod(_ period: String) throws {
        let outcome = try Self.thcs(["period": period])
        let finding = try #require(outcome.findings.first)
        #expect(outcome.ruleIDs == ["wrong_period"])
        #expect(finding.column == "period")
        #expect(finding.message.contains(period))
        #expect(outcome.accepted.isEmpty)
    }

    @Test("the period is compared trimmed and in any case; blank means the run's period",
          arguments: ["", "2024-2025/hk1", " 2024-2025/HK1 ", "2024-2025/Hk1"])
    func rightPeriod(_ period: String) throws {
        let outcome = try Self.thcs(["period": period])
        #expect(outcome.findings.isEmpty, "\(outcome.findings.map(\.message))")
        #expect(outcome.accepted.count == 1)
    }

    @Test("missing_key: a blank unit_code rejects the row, column unit_code")
    func missingUnit() throws {
        let outcome = try TestBench().validate(rows: [ReturnCSV.validRow("", "TH")])
        let finding = try #require(outcome.findings.first)
        #expect(outcome.ruleIDs == ["missing_key"])
        #expect(finding.column == "unit_code")
        #expect(finding.severity == .error)
        #expect(outcome.accepted.isEmpty)
    }

    @Test("missing_key: a blank level rejects the row, column level")
    func missingLevel() throws {
        let outcome = try TestBench().validate(rows: [ReturnCSV.validRow("0101002", "")])
        let finding = try #require(outcome.findings.first)
        #expect(outcome.ruleIDs == ["missing_key"])
        #expect(finding.column == "level")
        #expect(outcome.accepted.isEmpty)
    }

    @Test("missing_key: a blank unit and a blank level give a finding for each")
    func missingBothKeys() throws {
        let outcome = try TestBench().validate(rows: [ReturnCSV.validRow(" ", "")])
        #expect(outcome.findings(.missingKey).map(\.column).sorted() == ["level", "unit_code"])
    }

    @Test("a blank unit_code and an unknown level code give missing_key and level_not_served")
    func blankUnitUnknownLevel() throws {
        let outcome = try TestBench().validate(rows: [ReturnCSV.validRow("", "LOP9")])
        #expect(outcome.ruleIDs.sorted() == ["level_not_served", "missing_key"],
                "a row with several problems gets a finding for each; LOP9 is not a known level: \(outcome.ruleIDs)")
    }

    // MARK: Fields

    @Test("not_a_number: an integer field that is not a whole number rejects the row, naming the value",
          arguments: integerFields)
    func notANumber(_ field: String) throws {
        let outcome = try Self.thcs([field: "12,5"])
        let finding = try #require(outcome.findings.first)
        #expect(outcome.ruleIDs == ["not_a_number"])
        #expect(finding.column == field)
        #expect(finding.severity == .error)
        #expect(finding.message.contains("12,5"))
        #expect(outcome.accepted.isEmpty)
    }

    @Test("not_a_boolean: a yes/no field holding something else rejects the row, naming the value",
          arguments: booleanFields)
    func notABoolean(_ field: String) throws {
        let outcome = try Self.thcs([field: "chưa rõ"])
        let finding = try #require(outcome.findings.first)
        #expect(outcome.ruleIDs == ["not_a_boolean"])
        #expect(finding.column == field)
        #expect(finding.message.contains("chưa rõ"))
        #expect(outcome.accepted.isEmpty)
    }

    @Test("negative: an integer field below 0 is negative (and only that)", arguments: integerFields)
    func negative(_ field: String) throws {
        let outcome = try Self.thcs([field: "-5"])
        let finding = try #require(outcome.findings.first)
        #expect(outcome.ruleIDs == ["negative"], "one finding per rule and field")
        #expect(finding.column == field)
        #expect(finding.message.contains("-5"))
        #expect(outcome.accepted.isEmpty)
    }

    @Test("out_of_range: sis_modules outside 0–5 and cds_level outside 1–3",
          arguments: [("sis_modules", "6"), ("sis_modules", "100"), ("cds_level", "0"), ("cds_level", "4")])
    func outOfRange(_ field: String, _ value: String) throws {
        let outcome = try Self.thcs([field: value])
        let finding = try #require(outcome.findings.first)
        #expect(outcome.ruleIDs == ["out_of_range"])
        #expect(finding.column == field)
        #expect(finding.message.contains(value))
        #expect(outcome.accepted.isEmpty)
    }

    @Test("a negative sis_modules or cds_level is negative only, not out_of_range",
          arguments: [("sis_modules", "-1"), ("cds_level", "-1")])
    func negativeNotOutOfRange(_ field: String, _ value: String) throws {
        let outcome = try Self.thcs([field: value])
        #expect(outcome.ruleIDs == ["negative"])
    }

    @Test("the bounds of the ranges are accepted",
          arguments: [("sis_modules", "0"), ("sis_modules", "5"), ("cds_level", "1"), ("cds_level", "3")])
    func rangeBounds(_ field: String, _ value: String) throws {
        let outcome = try Self.thcs([field: value])
        #expect(outcome.findings.isEmpty)
    }

    // MARK: Between fields

    struct Pair: Sendable, CustomTestStringConvertible {
        let part: String, whole: String, partValue: String
        var testDescription: String { "\(part) > \(whole)" }
    }

    /// The valid figures are staff 10, managers_teachers 8, staff_esign 6, staff_trained 7,
    /// periods 200/20, students 100, fee payers 90/45: each part below gets whole + 1.
    static let pairs = [
        Pair(part: "managers_teachers", whole: "staff", partValue: "11"),
        Pair(part: "staff_esign", whole: "managers_teachers", partValue: "9"),
        Pair(part: "staff_trained", whole: "staff", partValue: "11"),
        Pair(part: "periods_online", whole: "periods_planned", partValue: "201"),
        Pair(part: "fee_payers_cashless", whole: "fee_payers", partValue: "91"),
        Pair(part: "fee_payers", whole: "students", partValue: "101"),
    ]

    @Test("exceeds_total: a part above its whole rejects the row; column is the part", arguments: pairs)
    func exceedsTotal(_ pair: Pair) throws {
        let outcome = try Self.thcs([pair.part: pair.partValue])
        let finding = try #require(outcome.findings.first)
        #expect(outcome.ruleIDs == ["exceeds_total"])
        #expect(finding.column == pair.part)
        #expect(finding.message.contains(pair.partValue))
        #expect(outcome.accepted.isEmpty)
    }

    @Test("exceeds_total: column is the part's header as written (a label)", arguments: pairs)
    func exceedsTotalLabel(_ pair: Pair) throws {
        let bench = try TestBench()
        let header = ReturnCSV.columns.map { ReturnCSV.labels[$0]!.uppercased() }
        let text = ReturnCSV.text([ReturnCSV.validRow("0101003", "THCS", [pair.part: pair.partValue])], header: header)
        let outcome = try bench.validate(text)
        #expect(outcome.ruleIDs == ["exceeds_total"])
        #expect(outcome.findings.first?.column == ReturnCSV.labels[pair.part]!.uppercased())
    }

    @Test("a part equal to its whole is fine", arguments: pairs)
    func partEqualToWhole(_ pair: Pair) throws {
        let whole = ReturnCSV.validFigures[pair.whole]!
        // staff_esign = managers_teachers = 8 needs nothing else; fee_payers = students = 100 too.
        let outcome = try Self.thcs([pair.part: whole])
        #expect(outcome.findings.isEmpty, "\(outcome.findings.map(\.message))")
    }

    @Test("exceeds_total looks only at values that parsed and are in range")
    func exceedsTotalOnlyParsed() throws {
        // fee_payers_cashless 45 against an unreadable fee_payers, and staff_esign 6 against a
        // negative managers_teachers: only the field findings.
        let outcome = try Self.thcs(["fee_payers": "chín mươi", "managers_teachers": "-8"])
        #expect(outcome.ruleIDs.sorted() == ["negative", "not_a_number"])
    }

    @Test("inconsistent: students > 0 with classes = 0 (column classes)")
    func studentsWithoutClasses() throws {
        let outcome = try Self.thcs(["classes": "0"])
        let finding = try #require(outcome.findings.first)
        #expect(outcome.ruleIDs == ["inconsistent"])
        #expect(finding.column == "classes")
        #expect(outcome.accepted.isEmpty)
    }

    @Test("inconsistent: pcs_teaching > 0 with computer_labs = 0 (column computer_labs)")
    func computersWithoutLab() throws {
        let outcome = try Self.thcs(["computer_labs": "0"])
        let finding = try #require(outcome.findings.first)
        #expect(outcome.ruleIDs == ["inconsistent"])
        #expect(finding.column == "computer_labs")
        #expect(outcome.accepted.isEmpty)
    }

    @Test("zero students with zero classes, or zero computers with zero labs, are consistent")
    func zerosAreConsistent() throws {
        let outcome = try Self.thcs(["students": "0", "classes": "0", "fee_payers": "0", "fee_payers_cashless": "0",
                                     "computer_labs": "0", "pcs_teaching": "0"])
        #expect(outcome.findings.isEmpty, "\(outcome.findings.map(\.message))")
    }

    @Test("a row with several problems gets a finding for each")
    func severalProblems() throws {
        let outcome = try Self.thcs(["students": "abc", "sis_modules": "7", "fiber": "có lẽ", "staff_trained": "11"])
        #expect(outcome.ruleIDs.sorted() == ["exceeds_total", "not_a_boolean", "not_a_number", "out_of_range"])
        #expect(Set(outcome.findings.map(\.row)) == [2])
        #expect(outcome.rowsRejected == 1)
    }

    // MARK: Fields that do not apply

    @Test("a field for a level it does not apply to is neither validated nor used")
    func fieldNotApplying() throws {
        let bench = try TestBench()
        // MN: no labs, computers, periods, digital records or CĐS level.
        let outcome = try bench.validate(rows: [ReturnCSV.validRow("0101001", "MN", [
            "periods_online": "abc", "periods_planned": "-3", "computer_labs": "0", "pcs_teaching": "50",
            "digital_records": "có lẽ", "cds_level": "9",
        ])])
        #expect(outcome.findings.isEmpty, "\(outcome.findings.map { "\($0.rule.rawValue) \($0.column)" })")
        let row = try #require(outcome.accepted.first)
        for field in ["periods_online", "periods_planned", "computer_labs", "pcs_teaching", "digital_records", "cds_level"] {
            #expect(row.values[try bench.element(field)] == .blank, "\(field) must not be used on an MN row")
        }
    }

    @Test("a GDTX row's digital_records is ignored; its periods and labs are validated")
    func gdtxFields() throws {
        let bench = try TestBench()
        let ignored = try bench.validate(rows: [ReturnCSV.validRow("0199002", "GDTX", ["digital_records": "???"])])
        #expect(ignored.findings.isEmpty)
        let checked = try bench.validate(rows: [ReturnCSV.validRow("0199002", "GDTX", ["periods_online": "???"])])
        #expect(checked.ruleIDs == ["not_a_number"])
    }
}
