import Foundation
import Testing
import XLSX

/// "Tiếng Việt" precomposed (NFC), spelled with escapes so that no editor can change it.
let readerVietnameseNFC = "Ti\u{1EBF}ng Vi\u{1EC7}t"

/// The same words decomposed (NFD), as text pasted from some PDFs is.
let readerVietnameseNFD = "Tie\u{0302}\u{0301}ng Vie\u{0323}\u{0302}t"

/// Whether two texts have the same bytes (Swift's `==` ignores NFC/NFD differences).
func sameBytes(_ a: String?, _ b: String) -> Bool {
    a.map { Array($0.utf8) == Array(b.utf8) } ?? false
}

/// The header row the way the pipeline finds it: the first row, within the first 20, that
/// names the column.
func headerRow(_ rows: [XLSXRow], naming label: String) -> XLSXRow? {
    rows.prefix(20).first { $0.cells.contains { $0.trimmingCharacters(in: .whitespaces).lowercased() == label.lowercased() } }
}

/// The openpyxl script: every kind of cell, a title block with merged cells above a
/// two-row merged header, gaps in rows and columns, two sheets.
let openpyxlScript = #"""
import sys, datetime, openpyxl
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Báo cáo"
ws["A1"] = "SỞ GIÁO DỤC VÀ ĐÀO TẠO"; ws.merge_cells("A1:F1")
ws["A2"] = "BÁO CÁO CHUYỂN ĐỔI SỐ"; ws.merge_cells("A2:F2")
ws["A4"] = "Mã đơn vị"; ws.merge_cells("A4:A5")
ws["B4"] = "Số liệu"; ws.merge_cells("B4:C4")
ws["B5"] = "Số học sinh"; ws["C5"] = "Tỷ lệ"
ws["A6"] = "031205"
ws["B6"] = 1234
ws["C6"] = 0.125
ws["D6"] = datetime.date(2024, 9, 30)
ws["E6"] = True
ws["F6"] = "=B6*2"
ws["G6"] = CellRichText([TextBlock(InlineFont(b=True), "Trường "), "THCS Lê Lợi"])
ws["A7"] = 31205
ws["B7"] = 1234.0
ws["C7"] = 12.5
ws["D7"] = datetime.datetime(2024, 9, 30, 8, 15, 0)
ws["E7"] = False
ws["A9"] = "Tie\u0302\u0301ng Vie\u0323\u0302t"
ws["F9"] = 123456789012
ws["A10"] = 1e15
ws["B10"] = 1.234e3
ws["C10"] = datetime.date(2025, 1, 5); ws["C10"].number_format = "dd/mm/yyyy"
ws["D10"] = 0.5; ws["D10"].number_format = "#,##0.00"
ws["A12"] = "a & b < c"
ws2 = wb.create_sheet("Số liệu")
ws2["A1"] = "Mã"; ws2["B1"] = "Tên"
ws2["A2"] = "0312"; ws2["B2"] = "Phòng GD"
wb.save(sys.argv[1])
"""#

/// What the reader must give for the openpyxl workbook's first sheet. openpyxl stores no
/// formula results, so F6 is empty.
let openpyxlExpected: [Int: [String]] = [
    1: ["SỞ GIÁO DỤC VÀ ĐÀO TẠO"],
    2: ["BÁO CÁO CHUYỂN ĐỔI SỐ"],
    4: ["Mã đơn vị", "Số liệu"],
    5: ["", "Số học sinh", "Tỷ lệ"],
    6: ["031205", "1234", "0.125", "2024-09-30", "TRUE", "", "Trường THCS Lê Lợi"],
    7: ["31205", "1234", "12.5", "2024-09-30 08:15:00", "FALSE"],
    9: [readerVietnameseNFC, "", "", "", "", "123456789012"],
    10: ["1e+15", "1234", "2025-01-05", "0.5"],
    12: ["a & b < c"],
]

let openpyxlMerges: Set<CellRange> = [CellRange("A1:F1")!, CellRange("A2:F2")!, CellRange("A4:A5")!, CellRange("B4:C4")!]

/// Checks a reading of the openpyxl workbook (directly, or after LibreOffice re-saved it).
func checkOpenpyxlBook(_ reader: XLSXReader, formulaF6: String) throws {
    #expect(reader.sheetNames == ["Báo cáo", "Số liệu"])
    let rows = try ReaderSupport.rows(reader)
    var expected = openpyxlExpected
    expected[6]![5] = formulaF6
    #expect(rows.map(\.number) == expected.keys.sorted(), "blank rows 3, 8 and 11 are skipped")
    for row in rows {
        #expect(row.cells == expected[row.number], "row \(row.number)")
    }
    let nine = rows.first { $0.number == 9 }
    #expect(sameBytes(nine?.cells.first, readerVietnameseNFC), "decomposed text comes out in NFC")
    #expect(headerRow(rows, naming: "Mã đơn vị")?.number == 4, "the title block above the header is skipped")
    #expect(Set(try reader.mergedRanges(inSheet: nil)) == openpyxlMerges)
    #expect(try ReaderSupport.grid(reader, "Số liệu") == [1: ["Mã", "Tên"], 2: ["0312", "Phòng GD"]])
    #expect(try ReaderSupport.grid(reader, "số LIỆU")[2] == ["0312", "Phòng GD"], "names match ignoring case")
}

/// Workbooks written by openpyxl (inline strings, no cached formula values).
@Suite(.enabled(if: ReaderSupport.openpyxlAvailable, "python3 with openpyxl is not installed"))
struct ReaderOpenpyxlTests {
    @Test func readsEveryKindOfCell() throws {
        let file = try ReaderSupport.folder("openpyxl").appendingPathComponent("openpyxl.xlsx")
        try ReaderSupport.python(openpyxlScript, [file.path])
        try checkOpenpyxlBook(try XLSXReader(url: file), formulaF6: "")
        // The same bytes from memory read the same.
        try checkOpenpyxlBook(try XLSXReader(data: Data(contentsOf: file)), formulaF6: "")
    }
}

/// Workbooks written by XlsxWriter: shared strings, and in constant-memory mode inline
/// strings and (here) the 1904 date system.
@Suite(.enabled(if: ReaderSupport.xlsxwriterAvailable, "python3 with XlsxWriter is not installed"))
struct ReaderXlsxWriterTests {
    static let script = #"""
    import sys, datetime, xlsxwriter
    options = {'constant_memory': True, 'date_1904': True} if sys.argv[2] == "constant" else {}
    wb = xlsxwriter.Workbook(sys.argv[1], options)
    ws = wb.add_worksheet("Tổng hợp")
    bold = wb.add_format({'bold': True})
    date = wb.add_format({'num_format': 'dd/mm/yyyy'})
    stamp = wb.add_format({'num_format': 'yyyy-mm-dd hh:mm:ss'})
    ws.merge_range("A1:E1", "BÁO CÁO SỐ LIỆU", bold)
    ws.write_row("A3", ["Mã đơn vị", "Số học sinh", "Tên", "Gấp đôi", "Cáp quang", "Ngày", "Giờ", "Lỗi", "Chuỗi", "Tỷ lệ"], bold)
    ws.write_string("A4", "031205")
    ws.write_number("B4", 1234.0)
    ws.write_rich_string("C4", bold, "Trường ", "THCS Lê Lợi")
    ws.write_formula("D4", "=B4*2", None, 2468)
    ws.write_boolean("E4", True)
    ws.write_datetime("F4", datetime.date(2024, 9, 30), date)
    ws.write_datetime("G4", datetime.datetime(2024, 9, 30, 8, 15), stamp)
    ws.write_formula("H4", "=NA()", None, "#N/A")
    ws.write_formula("I4", '="x"&"y"', None, "xy")
    ws.write_number("J4", 0.1)
    ws.write_number("A5", 31205)
    ws.write_formula("B5", "=B4+1")
    ws.write_blank("A6", None, bold)
    ws.write_string("A7", "Tie\u0302\u0301ng Vie\u0323\u0302t")
    ws.write_string("C7", "a & b < c")
    ws.write_number("Z7", 7)
    ws2 = wb.add_worksheet("Phụ lục")
    ws2.write_row("A1", ["Mã", "Tên"])
    ws2.write_row("A2", ["0312", "Phòng GD&ĐT"])
    wb.close()
    """#

    @Test(arguments: ["shared", "constant"])
    func readsEveryKindOfCell(_ mode: String) throws {
        let file = try ReaderSupport.folder("xlsxwriter").appendingPathComponent("xlsxwriter-\(mode).xlsx")
        try ReaderSupport.python(Self.script, [file.path, mode])
        let reader = try XLSXReader(url: file)
        #expect(reader.sheetNames == ["Tổng hợp", "Phụ lục"])
        let rows = try ReaderSupport.rows(reader)
        #expect(rows.map(\.number) == [1, 3, 4, 5, 7], "the row with only a styled blank is skipped")
        let grid = Dictionary(uniqueKeysWithValues: rows.map { ($0.number, $0.cells) })
        #expect(grid[1] == ["BÁO CÁO SỐ LIỆU"])
        #expect(grid[3]?.count == 10)
        #expect(grid[4] == ["031205", "1234", "Trường THCS Lê Lợi", "2468", "TRUE", "2024-09-30",
                            "2024-09-30 08:15:00", "#N/A", "xy", "0.1"],
                "dates are the same in the 1900 and 1904 systems (mode \(mode))")
        #expect(grid[5] == ["31205"], "XlsxWriter's default cached 0 is a placeholder, not a result")
        #expect(rows.first { $0.number == 5 }?.uncalculatedFormulas == [1])
        #expect(rows.first { $0.number == 4 }?.uncalculatedFormulas == [], "results XlsxWriter was given are kept")
        let seven = grid[7] ?? []
        #expect(seven.count == 26 && seven[25] == "7" && seven[2] == "a & b < c" && seven[1] == "")
        #expect(sameBytes(seven.first, readerVietnameseNFC))
        #expect(try reader.mergedRanges(inSheet: "Tổng hợp") == [CellRange("A1:E1")!])
        #expect(try ReaderSupport.grid(reader, "Phụ lục") == [1: ["Mã", "Tên"], 2: ["0312", "Phòng GD&ĐT"]])
        #expect(try reader.mergedRanges(inSheet: "Phụ lục").isEmpty)
    }

    /// A return of 5,000 rows × 22 columns: many inflate chunks, so tags and texts are
    /// cut at every possible place between them.
    @Test func readsALargeReturnAcrossChunks() throws {
        let file = try ReaderSupport.folder("xlsxwriter-large").appendingPathComponent("large.xlsx")
        try ReaderSupport.python(#"""
        import sys, xlsxwriter
        wb = xlsxwriter.Workbook(sys.argv[1])
        ws = wb.add_worksheet("Biểu 01")
        ws.write_row(0, 0, ["Mã đơn vị", "Cấp học"] + ["Chỉ tiêu %d" % c for c in range(20)])
        for r in range(1, 5001):
            ws.write_string(r, 0, "%06d" % r)
            ws.write_string(r, 1, ["MN", "TH", "THCS", "THPT", "GDTX"][r % 5])
            for c in range(2, 22):
                ws.write_number(r, c, r * 100 + c if c % 2 else (r + c) / 8)
        wb.close()
        """#, [file.path])
        let reader = try XLSXReader(url: file)
        var count = 0
        var checked = true
        try reader.forEachRow(inSheet: nil) { row in
            count += 1
            guard row.number > 1 else { return }
            let r = row.number - 1
            let c = 5
            checked = checked && row.cells.count == 22 && row.cells[0] == String(format: "%06d", r)
                && row.cells[c] == String(r * 100 + c) && row.cells[4] == CellTextExpect.number(Double(r + 4) / 8)
        }
        #expect(count == 5001)
        #expect(checked)
    }
}

/// The text a number has in ``XLSXRow``: digits when whole, else the shortest decimal.
enum CellTextExpect {
    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : value.description
    }
}

/// Workbooks re-saved or converted by LibreOffice: shared strings everywhere, formulas
/// recalculated, booleans as formulas, dates with escaped formats (`yyyy\-mm\-dd`).
@Suite(.enabled(if: ReaderSupport.soffice != nil, "LibreOffice (soffice) is not installed"))
struct ReaderLibreOfficeTests {
    @Test(.enabled(if: ReaderSupport.openpyxlAvailable, "python3 with openpyxl is not installed"))
    func readsAWorkbookLibreOfficeResaved() throws {
        let folder = try ReaderSupport.folder("libreoffice-xlsx")
        let source = folder.appendingPathComponent("source.xlsx")
        try ReaderSupport.python(openpyxlScript, [source.path])
        let converted = try ReaderSupport.convertWithLibreOffice([source], in: folder)
        try checkOpenpyxlBook(try XLSXReader(url: converted[0]), formulaF6: "2468")
    }

    @Test func readsACSVConvertedByLibreOffice() throws {
        let folder = try ReaderSupport.folder("libreoffice-csv")
        let csv = folder.appendingPathComponent("tra-ve.csv")
        try Data("Mã đơn vị,Cấp học,Số học sinh,Ngày\n031205,THCS,1234,2024-09-30\n\"Trường \"\"A\"\"\",TH,12.5,\n".utf8)
            .write(to: csv)
        // The filter options say comma-separated, quoted with ", UTF-8 (76): LibreOffice would
        // otherwise take the locale's character set, which is Latin-1 in a bare environment.
        let converted = try ReaderSupport.convertWithLibreOffice([csv], in: folder,
                                                                 inputFilter: "Text - txt - csv (StarCalc):44,34,76,1")
        let reader = try XLSXReader(url: converted[0])
        #expect(reader.sheetNames.count == 1)
        // LibreOffice's CSV import makes "031205" a number: the reader gives that number's digits.
        #expect(try ReaderSupport.grid(reader) == [
            1: ["Mã đơn vị", "Cấp học", "Số học sinh", "Ngày"],
            2: ["31205", "THCS", "1234", "2024-09-30"],
            3: ["Trường \"A\"", "TH", "12.5"],
        ])
    }
}

/// Workbooks written by this module's own writer (libxlsxwriter): the official templates.
@Suite struct ReaderOwnWriterTests {
    @Test func readsTheFeatureWorkbook() throws {
        let file = try ReaderSupport.folder("own").appendingPathComponent("features.xlsx")
        try FeatureWorkbook.write(to: file)
        let reader = try XLSXReader(url: file)
        #expect(reader.sheetNames == [FeatureWorkbook.summary, FeatureWorkbook.data])
        let grid = try ReaderSupport.grid(reader)
        #expect(grid[1] == ["UBND THÀNH PHỐ HẢI PHÒNG", "", "", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"])
        #expect(grid[4] == ["BÁO CÁO KẾT QUẢ THỰC HIỆN CHUYỂN ĐỔI SỐ"])
        #expect(grid[5] == ["TT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch", "Thực hiện", "Tỷ lệ", "Đánh giá"])
        let seven = grid[7] ?? []
        #expect(Array(seven.prefix(5)) == ["1", "Số trường có kết nối Internet", "trường", "120", "118"])
        #expect(seven.count == 7 && abs((Double(seven[5]) ?? 0) - 118.0 / 120.0) < 1e-15 && seven[6] == "Đạt",
                "formulas read as their cached results")
        #expect(grid[11] == ["Tổng cộng", "", "", "2560", "2400", "0.9375"], "the styled blank G11 is trimmed")
        #expect(grid[12] == nil)
        #expect(sameBytes(grid[13]?[1], readerVietnameseNFC))
        #expect(grid[14] == ["", "Bộ Giáo dục và Đào tạo"])
        #expect(grid[15] == ["", "TRUE", "", "0.5"])
        #expect(grid[16] == ["", "Ghi chú nội bộ (ẩn)"], "hidden rows are read")
        #expect(Set(try reader.mergedRanges(inSheet: FeatureWorkbook.summary)) == Set(
            ["A1:C1", "D1:G1", "A2:C2", "D2:G2", "A3:C3", "D3:G3", "A4:G4", "A11:C11"].map { CellRange($0)! }))
        let data = try ReaderSupport.grid(reader, FeatureWorkbook.data)
        #expect(data[1] == ["Chỉ tiêu", "Kế hoạch", "Thực hiện", "Tỷ lệ", "Mục tiêu"])
        #expect(data[5] == ["Phòng học", "40", "12", "0.3", "0.9"])
    }

    @Test func readsAConstantMemoryWorkbookWithInlineStrings() throws {
        let file = try ReaderSupport.folder("own-constant").appendingPathComponent("constant.xlsx")
        var book = try Workbook(path: file.path, properties: DocumentProperties(created: FeatureWorkbook.reportDate),
                                options: Workbook.Options(constantMemory: true))
        let date = CellStyle(numberFormat: "dd/mm/yyyy")
        try book.addWorksheet("Dữ liệu") { sheet in
            try sheet.writeRow(["Mã đơn vị", "Số học sinh", "Ngày", "Ghi chú"], row: 2)
            for row in 3..<3003 {
                try sheet.write(String(format: "%06d", row), row: row, column: 0)
                try sheet.write(Double(row) + 0.0, row: row, column: 1)
                try sheet.write(45_565, row: row, column: 2, style: date)
                if row % 100 == 0 { try sheet.write(readerVietnameseNFD, row: row, column: 5) }
            }
        }
        try book.close()
        let reader = try XLSXReader(url: file)
        let rows = try ReaderSupport.rows(reader, "dữ liệu")
        #expect(rows.count == 3001)
        #expect(rows.first?.number == 3 && rows.first?.cells == ["Mã đơn vị", "Số học sinh", "Ngày", "Ghi chú"])
        #expect(rows[1].cells == ["000003", "3", "2024-09-30"])
        let hundred = rows.first { $0.number == 101 }
        #expect(hundred?.cells.count == 6 && sameBytes(hundred?.cells[5], readerVietnameseNFC))
    }
}
