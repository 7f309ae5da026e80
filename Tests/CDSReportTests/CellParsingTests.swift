import CDSReport
import Foundation
import Testing
import TestSupport

/// How a cell of a return is read (CONTRACT §3, "Details"): integers with thousands grouping,
/// yes/no in every accepted spelling.
@Suite("Reading cells")
struct CellParsingTests {
    // MARK: Integers

    struct IntegerCase: CustomTestStringConvertible, Sendable {
        let text: String
        let expected: CellParsing.IntegerResult
        var testDescription: String { "\(text.debugDescription) → \(expected)" }
    }

    @Test("an integer is an optional sign then digits, or 1–3 digits then groups of exactly 3 with one separator",
          arguments: [
              IntegerCase(text: "0", expected: .value(0)),
              IntegerCase(text: "1234", expected: .value(1234)),
              IntegerCase(text: "1.234", expected: .value(1234)),
              IntegerCase(text: "1,234", expected: .value(1234)),
              IntegerCase(text: "1 234", expected: .value(1234)),
              IntegerCase(text: "1\u{00A0}234", expected: .value(1234)),
              IntegerCase(text: "12.345.678", expected: .value(12_345_678)),
              IntegerCase(text: "1,234,567", expected: .value(1_234_567)),
              IntegerCase(text: "123 456", expected: .value(123_456)),
              IntegerCase(text: "-5", expected: .value(-5)),
              IntegerCase(text: "+5", expected: .value(5)),
              IntegerCase(text: "+1.234", expected: .value(1234)),
              IntegerCase(text: "-1.234", expected: .value(-1234)),
              IntegerCase(text: "  42  ", expected: .value(42)),
              IntegerCase(text: "\u{00A0}42\u{00A0}", expected: .value(42)),
              IntegerCase(text: "007", expected: .value(7)),
          ])
    func integerForms(_ c: IntegerCase) {
        #expect(CellParsing.integer(c.text) == c.expected)
    }

    @Test("anything else that is not a whole number is not a number",
          arguments: ["12,5", "1234.0", "1.23", "12.3456", "1.2345", "1234,567", "1.234,567", "1,234.567", "12 34",
                      ".123", "1.", "1..234", "abc", "1e3", "5 học sinh", "-", "+", "--5", "1 234.567", "0x10",
                      "99999999999999999999999"])
    func notNumbers(_ text: String) {
        #expect(CellParsing.integer(text) == .notANumber, "\(text.debugDescription) must not read as an integer")
    }

    @Test("a blank or white-space cell is not reported", arguments: ["", " ", "\t", "\u{00A0}"])
    func blankInteger(_ text: String) {
        #expect(CellParsing.integer(text) == .blank)
    }

    // MARK: Yes / no

    @Test("every yes spelling in any case reads as yes",
          arguments: ["Có", "có", "CÓ", "Co", "co", "CO", "x", "X", "1", "true", "TRUE", "True", "yes", "Yes", "YES", " Có "])
    func yesForms(_ text: String) {
        #expect(CellParsing.boolean(text) == .value(true))
    }

    @Test("every no spelling in any case reads as no",
          arguments: ["Không", "không", "KHÔNG", "Khong", "khong", "KHONG", "0", "false", "FALSE", "False", "no", "No", "NO"])
    func noForms(_ text: String) {
        #expect(CellParsing.boolean(text) == .value(false))
    }

    @Test("yes/no words in decomposed Unicode (NFD) read as in NFC",
          arguments: [("Có", true), ("CÓ", true), ("Không", false), ("KHÔNG", false)])
    func decomposedBooleans(_ word: String, _ expected: Bool) {
        let decomposed = word.decomposedStringWithCanonicalMapping
        #expect(decomposed.unicodeScalars.count > word.unicodeScalars.count, "the test word must really be decomposed")
        #expect(CellParsing.boolean(decomposed) == .value(expected))
    }

    @Test("anything else in a yes/no cell is not a boolean", arguments: ["y", "n", "2", "có thể", "ok", "-", "vâng", "10"])
    func notBooleans(_ text: String) {
        #expect(CellParsing.boolean(text) == .notABoolean)
    }

    @Test("a blank yes/no cell is not reported", arguments: ["", "  "])
    func blankBoolean(_ text: String) {
        #expect(CellParsing.boolean(text) == .blank)
    }

    // MARK: Through a return

    @Test("grouped integers in a return are accepted as their value",
          arguments: [("1.234", 1234), ("1,234", 1234), ("1 234", 1234), ("1\u{00A0}234", 1234), ("+300", 300)])
    func groupedIntegerInReturn(_ text: String, _ value: Int) throws {
        let bench = try TestBench()
        // students must stay ≥ fee_payers (90) and classes > 0: any of these values does.
        let outcome = try bench.validate(rows: [ReturnCSV.validRow("0101002", "TH", ["students": text])])
        #expect(outcome.findings.isEmpty, "\(outcome.findings.map(\.message))")
        let row = try #require(outcome.accepted.first)
        #expect(row.values[try bench.element("students")] == .int(value))
    }

    @Test("yes/no spellings in a return, NFC or decomposed, are accepted",
          arguments: ["Có", "KHÔNG", "x", "X", "1", "0", "true", "No", "co", "Khong",
                      "Có".decomposedStringWithCanonicalMapping, "KHÔNG".decomposedStringWithCanonicalMapping])
    func booleanInReturn(_ text: String) throws {
        let bench = try TestBench()
        let outcome = try bench.validate(rows: [ReturnCSV.validRow("0101002", "TH", ["fiber": text])])
        #expect(outcome.findings.isEmpty, "\(outcome.findings.map(\.message))")
        #expect(outcome.accepted.count == 1)
    }
}
