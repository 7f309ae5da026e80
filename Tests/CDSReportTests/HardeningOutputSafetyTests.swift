import CDSReport
import Foundation
import Testing
import TestSupport

/// CONTRACT §5 (formula guard) on hostile text: whatever a school types or a registry holds,
/// no field of a CSV output starts a formula in a spreadsheet program, and workbooks store text
/// as text, never as a formula.
@Suite("Hardening: output safety")
struct HardeningOutputSafetyTests {
    static let hyperlink = "=HYPERLINK(\"http://example.invalid\",\"Lê Lợi\")"

    /// The province fixture with a school whose name is a formula, and a return full of them,
    /// in a file whose name is one too.
    static func hostileRun() throws -> (TemporaryDirectory, CommandResult) {
        let folder = try TemporaryDirectory("cds-formula-guard")
        var units = String(decoding: try Data(contentsOf: Hardening.units), as: UTF8.self)
        units = units.replacingOccurrences(of: "Trường Tiểu học Lê Lợi", with: ReturnCSV.quote(hyperlink))
        try folder.write(units, to: "units.csv")
        let header = ["unit_code", "level", "students", "classes", "-3+4", "@note"]
        let rows = [
            ["unit_code": "=1+2", "level": "TH", "students": "10", "classes": "1"],
            ["unit_code": "0101002", "level": "@A1", "students": "10", "classes": "1"],
            ["unit_code": "0101002", "level": "TH", "students": "=2+3", "classes": "+1"],
            ["unit_code": "\t=cmd|' /C calc'!A0", "level": "TH", "students": "10", "classes": "1"],
            ["unit_code": "0102001", "level": "THCS", "students": "100", "classes": "4", "-3+4": "x", "@note": "-1"],
        ]
        try folder.write(ReturnCSV.text(rows, columns: header), to: "inbox/=cmd.csv")
        let result = try CLI.run(["run", "--units", folder.path("units.csv").path, "--period", "2024-2025/HK1",
                                  "--report-date", "2025-01-15", "--out", folder.path("out").path, folder.path("inbox").path])
        return (folder, result)
    }

    @Test("no field of results.csv or rejections.csv starts with =, +, -, @, a tab or a carriage return; such text gets a leading '")
    func csvOutputsAreGuarded() throws {
        let (folder, result) = try Self.hostileRun()
        #expect(result.status == 0, "\(result)")
        for name in ["results.csv", "rejections.csv"] {
            let records = CSVRecords.parse(try folder.text("out/\(name)"))
            for (number, record) in records.enumerated() {
                for field in record {
                    let first = field.unicodeScalars.first
                    #expect(!["=", "+", "-", "@", "\t", "\r"].contains(first), "\(name) line \(number + 1): \(field)")
                }
            }
        }
        let (_, rejections) = CSVRecords.table(try folder.text("out/rejections.csv"))
        #expect(rejections.contains { $0["file"] == "'=cmd.csv" }, "the file name is guarded")
        #expect(rejections.contains { $0["unit_code"] == "'=1+2" && $0["rule"] == "unknown_unit" })
        #expect(rejections.contains { $0["unit_code"] == "'=cmd|' /C calc'!A0" }, "trimmed, then guarded")
        #expect(rejections.contains { $0["level"] == "'@A1" && $0["rule"] == "level_not_served" })
        #expect(rejections.contains { $0["column"] == "'-3+4" && $0["rule"] == "unknown_column" })
        #expect(rejections.contains { $0["column"] == "students" && $0["rule"] == "not_a_number" }, "=2+3 is text, not a number")
        let (_, results) = CSVRecords.table(try folder.text("out/results.csv"))
        #expect(results.contains { $0["scope_name"] == "'" + Self.hyperlink }, "a registry name is guarded where it is written")
    }

    @Test("the workbook stores hostile text as text: no cell formula holds it")
    func workbookStoresTextAsText() throws {
        let (folder, result) = try Self.hostileRun()
        #expect(result.status == 0, "\(result)")
        let workbooks = try FileManager.default.contentsOfDirectory(atPath: folder.path("out").path).filter { $0.hasSuffix(".xlsx") }
        let workbook = folder.path("out/\(try #require(workbooks.first))")
        let parts = try XLSXInspection.partNames(of: workbook)
        var text = ""
        for part in parts where part.hasPrefix("xl/worksheets/sheet") || part == "xl/sharedStrings.xml" {
            let xml = try XLSXInspection.part(part, of: workbook)
            text += xml
            // Every <f> (a cell formula) the report writes is its own, never the clerk's text.
            var rest = Substring(xml)
            while let open = rest.range(of: "<f>") ?? rest.range(of: "<f ") {
                let close = rest[open.upperBound...].range(of: "</f>")?.lowerBound ?? rest.endIndex
                let formula = rest[open.upperBound..<close]
                #expect(!formula.contains("HYPERLINK") && !formula.contains("1+2") && !formula.contains("cmd"), "\(part): <f>\(formula)")
                rest = rest[close...]
            }
        }
        #expect(text.contains("=HYPERLINK(&quot;http://example.invalid&quot;") || text.contains("=HYPERLINK(\"http://example.invalid\""),
                "the name is in the workbook, as a string")
        #expect(text.contains("=1+2"), "the unit code as the clerk wrote it, as a string")
    }
}
