import CDSReport
import Foundation
import Testing
import TestSupport

/// `results.csv` (CONTRACT §4) and `rejections.csv` (§5): header, number formatting, quoting and
/// the formula guard, determinism.
@Suite("Output CSV files")
struct OutputCSVTests {
    static func provinceResults() throws -> (TestBench, Results, ValidationOutcome) {
        let bench = try TestBench(fixture: "province")
        let outcome = bench.validate(try bench.inputs(from: [Repository.fixtures.appendingPathComponent("province/inbox")]))
        return (bench, bench.aggregate(outcome), outcome)
    }

    static func resultsText() throws -> String {
        let (bench, results, _) = try provinceResults()
        return String(decoding: ReportCSV.results(results, catalogue: bench.catalogue), as: UTF8.self)
    }

    static func find(_ rows: [[String: String]], _ scope: String, _ code: String, _ indicator: String, _ level: String) throws -> [String: String] {
        try #require(rows.first { $0["scope"] == scope && $0["scope_code"] == code && $0["indicator"] == indicator && $0["level"] == level },
                     "no row \(scope) \(code) \(indicator) \(level)")
    }

    @Test("results.csv has the contract's header")
    func resultsHeader() throws {
        let text = try Self.resultsText()
        #expect(text.hasPrefix("scope,scope_code,scope_name,level,indicator,value,numerator,denominator,target,met,units_reporting,units_meeting,shortfall\n"))
    }

    @Test("results.csv writes plain decimals, true/false, blanks for undefined, targets like >=0.1 and <=2")
    func resultsFormatting() throws {
        let (_, rows) = CSVRecords.table(try Self.resultsText())
        let online = try Self.find(rows, "province", "01", "online_share", "THCS")
        #expect(online["scope_name"] == "Sở Giáo dục và Đào tạo tỉnh Thử Nghiệm")
        #expect(online["numerator"] == "155" && online["denominator"] == "1100")
        #expect(online["target"] == ">=0.1")
        #expect(online["met"] == "true")
        #expect(online["units_reporting"] == "2" && online["units_meeting"] == "1" && online["shortfall"] == "0")
        let value = try #require(online["value"])
        #expect(isClose(Double(value), 155.0 / 1100), "\(value)")
        #expect(value.filter(\.isNumber).drop { $0 == "0" }.count >= 10, "at least 10 significant digits: \(value)")

        let spc = try Self.find(rows, "province", "01", "students_per_pc", "THPT")
        #expect(spc["target"] == "<=1" && spc["met"] == "false")
        #expect(try Self.find(rows, "province", "01", "students_per_pc", "TH")["target"] == "<=2")
        #expect(try Self.find(rows, "province", "01", "esign_coverage", "ALL")["target"] == ">=1")
        #expect(try Self.find(rows, "province", "01", "inspected_units", "ALL")["target"] == ">=0.3")

        let payers = try Self.find(rows, "province", "01", "cashless_payers", "THPT")
        #expect(payers["value"] == "", "0/0 is blank")
        #expect(payers["numerator"] == "0" && payers["denominator"] == "0")
        #expect(payers["target"] == "" && payers["met"] == "" && payers["units_meeting"] == "" && payers["shortfall"] == "")

        let absent = try Self.find(rows, "unit", "0102002", "esign_coverage", "MN")
        #expect(absent["value"] == "" && absent["numerator"] == "" && absent["denominator"] == "" && absent["met"] == "")
        #expect(absent["units_reporting"] == "0" && absent["units_meeting"] == "0" && absent["shortfall"] == "")

        for row in rows {
            for column in ["value", "numerator", "denominator"] {
                let text = row[column] ?? ""
                #expect(!text.contains("e") && !text.contains("E") && !text.lowercased().contains("nan") && !text.contains(","),
                        "\(column) \(text)")
                if !text.isEmpty { #expect(Double(text) != nil, "\(column) \(text) is a plain number") }
            }
            #expect(["", "true", "false"].contains(row["met"] ?? "?"))
        }
    }

    @Test("numbers are plain decimals, never with an exponent",
          arguments: [(0.125, "0.125"), (2, "2"), (0, "0"), (1e-7, "0.0000001"), (1.234e-10, "0.0000000001234"),
                      (1.5e20, "150000000000000000000"), (123456789012, "123456789012"), (2.5, "2.5")])
    func plainNumbers(_ value: Double, _ text: String) {
        #expect(NumberFormatting.plain(value) == text)
    }

    @Test("a value is written unrounded: 1/3 and 2/3 read back exactly", arguments: [1.0 / 3, 2.0 / 3, 25.0 / 9, 155.0 / 1100])
    func unrounded(_ value: Double) {
        #expect(Double(NumberFormatting.plain(value)) == value)
    }

    @Test("the same inputs give byte-identical files")
    func deterministic() throws {
        let (bench1, results1, outcome1) = try Self.provinceResults()
        let (bench2, results2, outcome2) = try Self.provinceResults()
        #expect(ReportCSV.results(results1, catalogue: bench1.catalogue) == ReportCSV.results(results2, catalogue: bench2.catalogue))
        #expect(ReportCSV.rejections(outcome1.findings) == ReportCSV.rejections(outcome2.findings))
    }

    // MARK: Quoting and the formula guard

    @Test("a text field beginning with = + - @ tab or CR gets a leading '",
          arguments: [("=SUM(A1:A9)", "'=SUM(A1:A9)"), ("+84 912", "'+84 912"), ("-5 học sinh", "'-5 học sinh"),
                      ("@cmd", "'@cmd"), ("\tx", "'\tx"), ("\rx", "\"'\rx\"")])
    func formulaGuard(_ text: String, _ written: String) {
        var writer = CSVWriter(header: ["a"])
        writer.appendRow([.text(text)])
        #expect(String(decoding: writer.data, as: UTF8.self) == "a\n\(written)\n")
    }

    @Test("text that does not begin with a formula character is written as it is", arguments: ["Có", "a=b", "0101", " =x", "'x"])
    func noGuard(_ text: String) {
        var writer = CSVWriter(header: ["a"])
        writer.appendRow([.text(text)])
        #expect(String(decoding: writer.data, as: UTF8.self) == "a\n\(text)\n")
    }

    @Test("numbers are never guarded")
    func numbersUntouched() {
        var writer = CSVWriter(header: ["a", "b"])
        writer.appendRow([.number("-5"), .number("0.125")])
        #expect(String(decoding: writer.data, as: UTF8.self) == "a,b\n-5,0.125\n")
    }

    @Test("fields with commas, quotes or line breaks are quoted, quotes doubled",
          arguments: [("a,b", "\"a,b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""), ("two\nlines", "\"two\nlines\""),
                      ("=a,b", "\"'=a,b\"")])
    func quoting(_ text: String, _ written: String) {
        var writer = CSVWriter(header: ["a", "b"])
        writer.appendRow([.text(text), .text("z")])
        #expect(String(decoding: writer.data, as: UTF8.self) == "a,b\n\(written),z\n")
    }

    @Test("registry names that look like formulas are guarded in results.csv")
    func guardedScopeName() throws {
        let bench = try TestBench(registryCSV: """
            unit_code,name,kind,levels,parent_code
            01,"=HYPERLINK(""http://x"",""Sở"")",SO,,
            0101,@Phòng,PHONG,,01
            0101001,"-Trường, A",TRUONG,MN,0101

            """)
        let results = try bench.results(rows: [])
        let text = String(decoding: ReportCSV.results(results, catalogue: bench.catalogue), as: UTF8.self)
        let (_, rows) = CSVRecords.table(text)
        #expect(rows.first { $0["scope"] == "province" }?["scope_name"] == "'=HYPERLINK(\"http://x\",\"Sở\")")
        #expect(rows.first { $0["scope"] == "managing_unit" }?["scope_name"] == "'@Phòng")
        #expect(rows.first { $0["scope"] == "unit" }?["scope_name"] == "'-Trường, A")
    }

    // MARK: rejections.csv

    @Test("rejections.csv has the contract's header and one line per finding with its columns")
    func rejections() throws {
        let bench = try TestBench()
        let bad = try bench.input(ReturnCSV.text([ReturnCSV.validRow("0101002", "TH", ["students": "=1+1"])],
                                                 header: ReturnCSV.columns.map { $0 == "students" ? "Số học sinh" : $0 }),
                                  named: "nộp.csv")
        let unreadable = try bench.input(Data([0xFF, 0x41, 0xC3]), named: "hong.csv")
        let outcome = bench.validate([bad, unreadable])
        let text = String(decoding: ReportCSV.rejections(outcome.findings), as: UTF8.self)
        let (header, rows) = CSVRecords.table(text)
        #expect(header == ["file", "sheet", "row", "column", "unit_code", "level", "severity", "rule", "message"])
        #expect(rows.count == 2)
        let first = rows[0]
        #expect(first["file"] == "nộp.csv")
        #expect(first["sheet"] == "")
        #expect(first["row"] == "2")
        #expect(first["column"] == "Số học sinh")
        #expect(first["unit_code"] == "0101002" && first["level"] == "TH")
        #expect(first["severity"] == "error" && first["rule"] == "not_a_number")
        #expect(first["message"]?.contains("=1+1") == true)
        let second = rows[1]
        #expect(second["file"] == "hong.csv" && second["rule"] == "unreadable_file")
        #expect(second["row"] == "" && second["column"] == "" && second["unit_code"] == "" && second["level"] == "")
    }

    @Test("a finding whose text begins with a formula character is guarded in rejections.csv")
    func rejectionsGuard() throws {
        let finding = Finding(file: "=a.csv", row: 3, column: "+x", unitCode: "-01", level: "@TH", rule: .unknownUnit, message: "=msg")
        let text = String(decoding: ReportCSV.rejections([finding]), as: UTF8.self)
        let (_, rows) = CSVRecords.table(text)
        #expect(rows.first == ["file": "'=a.csv", "sheet": "", "row": "3", "column": "'+x", "unit_code": "'-01", "level": "'@TH",
                               "severity": "error", "rule": "unknown_unit", "message": "'=msg"])
    }
}
