import Foundation
import Testing
import TestSupport
@testable import XLSX

/// The writer's own checks and its lifecycle: what it refuses, and what it writes when.
@Suite struct WriterTests {
    let folder: URL
    init() throws { folder = try XLSXInspection.temporaryFolder("xlsx-writer") }

    func newBook(_ name: String, options: Workbook.Options = Workbook.Options()) throws -> Workbook {
        try Workbook(path: folder.appendingPathComponent(name).path,
                     properties: DocumentProperties(created: FeatureWorkbook.reportDate), options: options)
    }

    @Test func sameStyleValueMakesOneFormat() throws {
        var book = try newBook("cache.xlsx")
        let style = CellStyle(bold: true, borders: .all(.thin))
        try book.addWorksheet("A") { sheet in
            for row in 0..<50 { try sheet.write("x", row: row, column: 0, style: style) }
            try sheet.write(1, row: 0, column: 1, style: style.with { $0.bold = true })
            try sheet.write(2, row: 0, column: 2, style: style.with { $0.italic = true })
            #expect(sheet.state.formatCount == 2, "equal style values share one library format")
        }
        try book.close()
    }

    @Test(arguments: [Double.nan, .infinity, -.infinity])
    func nonFiniteNumberIsRejected(_ value: Double) throws {
        var book = try newBook("nan.xlsx")
        try book.addWorksheet("A") { sheet in
            let error = #expect(throws: XLSXError.self, "a ratio with a zero denominator is a blank cell, not NaN") {
                try sheet.write(value, row: 0, column: 0)
            }
            #expect(error?.code == .parameterValidation)
        }
    }

    @Test(arguments: [(-1, 0), (1_048_576, 0), (0, -1), (0, 16_384)])
    func cellOutsideTheSheetIsRejected(_ row: Int, _ column: Int) throws {
        var book = try newBook("range.xlsx")
        try book.addWorksheet("A") { sheet in
            let error = #expect(throws: XLSXError.self) { try sheet.write("x", row: row, column: column) }
            #expect(error?.code == .indexOutOfRange)
        }
    }

    @Test func overlappingMergeIsRejected() throws {
        var book = try newBook("merge.xlsx")
        try book.addWorksheet("A") { sheet in
            try sheet.merge(CellRange("A1:C2")!, value: "Tiêu đề")
            let error = #expect(throws: XLSXError.self, "Excel reports overlapping merges as corruption") {
                try sheet.merge(CellRange("C2:D3")!, value: "x")
            }
            #expect(error?.detail?.contains("A1:C2") == true)
            #expect(throws: XLSXError.self, "a single cell cannot be merged") {
                try sheet.merge(CellRange("F1")!, value: "x")
            }
        }
    }

    @Test func mergedNumberIsStoredInTheFirstCell() throws {
        let url = folder.appendingPathComponent("merged-number.xlsx")
        var book = try Workbook(path: url.path, properties: DocumentProperties(created: FeatureWorkbook.reportDate))
        try book.addWorksheet("A") { sheet in
            try sheet.merge(CellRange("B2:D2")!, value: .number(42.5), style: CellStyle(bold: true))
        }
        try book.close()
        let xml = try XLSXInspection.part("xl/worksheets/sheet1.xml", of: url)
        #expect(xml.contains("<mergeCell ref=\"B2:D2\"/>"))
        #expect(xml.range(of: #"<c r="B2" s="[0-9]+"><v>42.5</v></c>"#, options: .regularExpression) != nil)
    }

    @Test func chartReferringToAMissingSheetStopsCloseAndWritesNothing() throws {
        let url = folder.appendingPathComponent("missing-sheet.xlsx")
        var book = try Workbook(path: url.path, properties: DocumentProperties(created: FeatureWorkbook.reportDate))
        try book.addWorksheet("Biểu đồ") { sheet in
            try sheet.insertChart(Chart(.column, series: [
                ChartSeries(values: SheetRange(sheet: "Không có", rows: 0...3, columns: 0...0)),
            ]), at: CellAddress(row: 0, column: 0))
        }
        var error: XLSXError?
        do { try book.close() } catch let caught { error = caught }
        #expect(error?.detail?.contains("Không có") == true, "close names the missing sheet")
        #expect(!FileManager.default.fileExists(atPath: url.path))
    }

    @Test func chartWithoutSeriesOrWithATargetOnAPieIsRejected() throws {
        var book = try newBook("chart-rules.xlsx")
        try book.addWorksheet("A") { sheet in
            #expect(throws: XLSXError.self) { try sheet.insertChart(Chart(.line, series: []), at: CellAddress(row: 0, column: 0)) }
            let target = ChartSeries(values: SheetRange(sheet: "A", rows: 0...2, columns: 0...0), role: .targetLine)
            #expect(throws: XLSXError.self) { try sheet.insertChart(Chart(.pie, series: [target]), at: CellAddress(row: 0, column: 0)) }
        }
    }

    @Test func droppingAWorkbookWithoutClosingWritesNothing() throws {
        let url = folder.appendingPathComponent("dropped.xlsx")
        do {
            var book = try Workbook(path: url.path, properties: DocumentProperties(created: FeatureWorkbook.reportDate))
            try book.addWorksheet("A") { sheet in try sheet.write("x", row: 0, column: 0) }
        }
        #expect(!FileManager.default.fileExists(atPath: url.path), "only close() writes the file")
    }

    @Test func definedNameLongerThanTheLibraryFieldIsRejected() throws {
        var book = try newBook("names.xlsx")
        try book.addWorksheet("Tổng hợp") { _ in }
        let long = "='Tổng hợp'!$A$1+" + String(repeating: "1+", count: 60) + "1"
        let error = #expect(throws: XLSXError.self, "libxlsxwriter would cut the formula at 127 bytes") {
            try book.defineName("Dai", formula: long)
        }
        #expect(error?.code == .parameterValidation)
        for bad in ["Tên có dấu cách", "AB12", "R1C1", "1st", "_xlnm.Print_Area"] {
            #expect(throws: XLSXError.self, "Excel refuses the defined name \(bad)") {
                try book.defineName(bad, formula: "=1")
            }
        }
        try book.defineName("Tỷ_lệ.đạt", formula: "='Tổng hợp'!$A$1")
        try book.defineName("'Tổng hợp'!Dong_tong", formula: "='Tổng hợp'!$A$2")
    }

    @Test func constantMemoryModeWritesRowsInOrderAndKeepsTheDefaultFont() throws {
        let url = folder.appendingPathComponent("constant.xlsx")
        var book = try Workbook(path: url.path, properties: DocumentProperties(created: FeatureWorkbook.reportDate),
                                options: Workbook.Options(constantMemory: true, temporaryDirectory: folder.path))
        try book.addWorksheet("Dữ liệu") { sheet in
            for row in 0..<1000 {
                try sheet.writeRow([.string("Trường \(row)"), .integer(row)], row: row)
            }
            let error = #expect(throws: XLSXError.self, "constant memory: rows must be written in order") {
                try sheet.write("trễ", row: 10, column: 0)
            }
            #expect(error?.code == .indexOutOfRange)
        }
        try book.close()
        let xml = try XLSXInspection.part("xl/worksheets/sheet1.xml", of: url)
        #expect(xml.contains("t=\"inlineStr\""), "strings are inline in constant-memory mode")
        #expect(xml.contains("<t>Trường 999</t>"))
        let fonts = XLSXInspection.attributeValues("val", of: "name", in: try XLSXInspection.part("xl/styles.xml", of: url))
        #expect(Set(fonts) == ["Times New Roman"])
    }

    @Test func defaultFontCanBeChangedButIsNeverCalibri() throws {
        let url = folder.appendingPathComponent("font.xlsx")
        var book = try Workbook(path: url.path, properties: DocumentProperties(created: FeatureWorkbook.reportDate),
                                options: Workbook.Options(defaultFontSize: 13))
        try book.addWorksheet("A") { sheet in
            try sheet.writeURL("https://example.com", row: 0, column: 0)
        }
        try book.close()
        let styles = try XLSXInspection.part("xl/styles.xml", of: url)
        #expect(!styles.contains("Calibri"), "the hyperlink style's font is the default font too")
        #expect(styles.contains("<font><sz val=\"13\"/>"))
    }
}
