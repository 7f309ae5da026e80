import Foundation
import Testing
@testable import XLSX

/// Cell text from hand-written XML: each rule of ``XLSXReader`` on the exact bytes other
/// writers produce (Excel's `1234.0`-free numbers, `1.234E3`, `_x000D_`, prefixes…).
@Suite struct ReaderCellTests {
    typealias Support = ReaderSupport

    @Test func numbersBecomeDigitsOrShortestDecimals() throws {
        let values = ["1234.0", "1.234E3", "1234", "12.50", "0.1", "-0", "-5", "1e-7", "123456789012345",
                      "999999999999999.0", "1E+15", "1E+16", "0.30000000000000004", " 42 ", "NaN-ish"]
        let cells = values.enumerated().map { "<c r=\"\(CellAddress.columnName($0.offset))1\"><v>\($0.element)</v></c>" }
        let reader = try Support.reader(sheets: [("S", "<sheetData><row r=\"1\">\(cells.joined())</row></sheetData>")])
        #expect(try Support.rows(reader).first?.cells == [
            "1234", "1234", "1234", "12.5", "0.1", "0", "-5", "1e-07", "123456789012345",
            "999999999999999", "1e+15", "1e+16", "0.30000000000000004", "42", "NaN-ish",
        ])
    }

    @Test func stringsOfEveryKind() throws {
        let shared = """
            <si><t>031205</t></si>\
            <si><r><rPr><b/></rPr><t xml:space="preserve">Trường </t></r><r><t>THCS Lê Lợi</t></r></si>\
            <si><t>漢字</t><rPh sb="0" eb="2"><t>かんじ</t></rPh><phoneticPr fontId="1"/></si>\
            <si><t>a &amp; b &lt; c &#7879; &#x1EC7; &unknown; &#1;</t></si>\
            <si><t>Dòng 1_x000D_\r\nDòng 2_x005F_x0041_</t></si>\
            <si><t/></si><si/>\
            <si><t>\(readerVietnameseNFD)</t></si>
            """
        let sheet = """
            <sheetData><row r="1">\
            <c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c>\
            <c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c><c r="F1" t="s"><v>5</v></c>\
            <c r="G1" t="s"><v>6</v></c><c r="H1" t="s"><v> 7 </v></c>\
            <c r="I1" t="inlineStr"><is><t>\(readerVietnameseNFD)</t></is></c>\
            <c r="J1" t="inlineStr"><is><r><t>A</t></r><r><rPr><i/></rPr><t>B</t></r></is></c>\
            <c r="K1" t="str"><f>"x"&amp;"y"</f><v>xy</v></c>\
            <c r="L1" t="b"><v>1</v></c><c r="M1" t="b"><v>0</v></c>\
            <c r="N1" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="O1" t="e"><v>#N/A</v></c>\
            <c r="P1"><f>SUM(A1:B1)</f></c><c r="Q1"><f>SUM(A1:B1)</f><v></v></c><c r="R1"><f>1+1</f><v>2</v></c>\
            <c r="S1" t="inlineStr"><is><t><![CDATA[<b> & </b>]]></t></is></c>\
            <c r="T1" t="d"><v>2024-09-30T00:00:00</v></c><c r="U1" t="d"><v>2024-09-30T08:15:00Z</v></c>\
            </row></sheetData>
            """
        let reader = try Support.reader(sheets: [("S", sheet)], sharedStrings: shared)
        let row = try Support.rows(reader).first
        let cells = row?.cells ?? []
        #expect(row?.uncalculatedFormulas == [15, 16], "formulas stored without a result are listed")
        #expect(cells.count == 21)
        guard cells.count == 21 else { return }
        #expect(cells[0] == "031205", "a code stored as text keeps its zero")
        #expect(cells[1] == "Trường THCS Lê Lợi", "rich-text runs are joined, xml:space kept")
        #expect(cells[2] == "漢字", "phonetic guides are left out")
        #expect(cells[3] == "a & b < c ệ ệ &unknown; \u{1}")
        #expect(cells[4] == "Dòng 1\r\nDòng 2_x0041_", "Excel's _xHHHH_ escapes; CRLF in XML is LF")
        #expect(cells[5] == "" && cells[6] == "", "empty shared strings are empty cells")
        #expect(sameBytes(cells[7], readerVietnameseNFC) && sameBytes(cells[8], readerVietnameseNFC), "NFC")
        #expect(cells[9] == "AB")
        #expect(cells[10] == "xy")
        #expect(cells[11] == "TRUE" && cells[12] == "FALSE")
        #expect(cells[13] == "#DIV/0!" && cells[14] == "#N/A")
        #expect(cells[15] == "" && cells[16] == "" && cells[17] == "2", "a formula is its cached value")
        #expect(cells[18] == "<b> & </b>", "CDATA is literal")
        #expect(cells[19] == "2024-09-30" && cells[20] == "2024-09-30 08:15:00")
    }

    /// Excel and LibreOffice store each formula's result; openpyxl stores none, XlsxWriter and
    /// libxlsxwriter a `0` unless told, and both mark the workbook `fullCalcOnLoad`.
    @Test(arguments: [false, true])
    func formulasWithoutTheirResult(recalculatesOnLoad: Bool) throws {
        let sheet = """
            <sheetData>\
            <row r="1"><c r="A1"><v>7</v></c><c r="B1"><f>A1*2</f><v>14</v></c><c r="C1"><f>A1-7</f><v>0</v></c>\
            <c r="D1" t="str"><f>IF(A1&gt;9,"x","")</f><v></v></c><c r="E1"><f>A1+1</f><v/></c><c r="F1"><f>A1</f></c>\
            <c r="G1" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="H1" t="b"><f>A1&gt;9</f><v>0</v></c></row>\
            <row r="2"><c r="A2"><f t="shared" ref="A2:C2" si="0">A1+1</f><v>0.0</v></c><c r="B2"><f t="shared" si="0"/></c>\
            <c r="C2"><f t="shared" si="0"/><v>9</v></c></row>\
            <row r="3"><c r="B3"><f>1+1</f><v></v></c></row>\
            </sheetData>
            """
        let properties = recalculatesOnLoad ? "<calcPr calcId=\"124519\" fullCalcOnLoad=\"1\"/>" : "<calcPr calcId=\"191029\"/>"
        let rows = try Support.rows(Support.reader(sheets: [("S", sheet)], workbookProperties: properties))
        #expect(rows.map(\.number) == [1, 2, 3], "a row of formulas without results is still a row")
        guard rows.count == 3 else { return }
        if recalculatesOnLoad {
            #expect(rows[0].cells == ["7", "14", "", "", "", "", "#DIV/0!", "FALSE"],
                    "a supplied result is kept; a cached 0 in a workbook to recalculate is a placeholder")
            #expect(rows[0].uncalculatedFormulas == [2, 4, 5])
            #expect(rows[1].cells == ["", "", "9"] && rows[1].uncalculatedFormulas == [0, 1], "shared formulas too")
        } else {
            #expect(rows[0].cells == ["7", "14", "0", "", "", "", "#DIV/0!", "FALSE"],
                    "Excel's own 0 and its empty text result are results")
            #expect(rows[0].uncalculatedFormulas == [4, 5])
            #expect(rows[1].cells == ["0", "", "9"] && rows[1].uncalculatedFormulas == [1])
        }
        #expect(rows[2].cells.isEmpty && rows[2].uncalculatedFormulas == [1])
    }

    @Test func datesFollowTheCellsStyle() throws {
        let styles = """
            <numFmts count="5"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/>\
            <numFmt numFmtId="165" formatCode="[$-42A]d mmmm yyyy"/><numFmt numFmtId="166" formatCode="#,##0 &quot;học sinh&quot;"/>\
            <numFmt numFmtId="167" formatCode="[Red]#,##0.00_);\\(#,##0.00\\)"/><numFmt numFmtId="168" formatCode="[h]:mm"/></numFmts>\
            <cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>\
            <cellXfs count="9"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="22"/><xf numFmtId="164"/><xf numFmtId="165"/>\
            <xf numFmtId="166"/><xf numFmtId="167"/><xf numFmtId="168"/><xf numFmtId="3"/></cellXfs>\
            <dxfs count="1"><dxf><numFmt numFmtId="3" formatCode="yyyy"/></dxf></dxfs>
            """
        let sheet = """
            <sheetData><row r="1">\
            <c r="A1"><v>45565</v></c><c r="B1" s="1"><v>45565</v></c><c r="C1" s="2"><v>45565.5</v></c>\
            <c r="D1" s="3"><v>45662</v></c><c r="E1" s="4"><v>45662</v></c><c r="F1" s="5"><v>45662</v></c>\
            <c r="G1" s="6"><v>45662</v></c><c r="H1" s="7"><v>1.75</v></c><c r="I1" s="8"><v>45662</v></c>\
            <c r="J1" s="1"><v>60</v></c><c r="K1" s="1"><v>59</v></c><c r="L1" s="1"><v>1</v></c>\
            <c r="M1" s="2"><v>45565.999999999</v></c><c r="N1" s="1"><v>-1</v></c><c r="O1" s="1" t="s"><v>0</v></c>\
            </row></sheetData>
            """
        let reader = try Support.reader(sheets: [("S", sheet)], sharedStrings: "<si><t>30/09/2024</t></si>", styles: styles)
        #expect(try Support.rows(reader).first?.cells == [
            "45565", "2024-09-30", "2024-09-30 12:00:00", "2025-01-05", "2025-01-05", "45662", "45662",
            "1900-01-01 18:00:00", "45662", "1900-02-29", "1900-02-28", "1900-01-01", "2024-10-01",
            "-1", "30/09/2024",
        ])
    }

    @Test func dates1904() throws {
        let reader = try Support.reader(
            sheets: [("S", "<sheetData><row><c s=\"1\"><v>44103</v></c><c s=\"1\"><v>0</v></c></row></sheetData>")],
            styles: "<cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/></cellXfs>",
            workbookProperties: "<workbookPr date1904=\"true\"/>")
        #expect(try Support.rows(reader).first?.cells == ["2024-09-30", "1904-01-01"])
    }

    @Test func sparseRowsAndCellsByReference() throws {
        let sheet = """
            <sheetData>\
            <row r="3"><c r="C3"><v>1</v></c><c r="A3"><v>2</v></c></row>\
            <row><c><v>a</v></c><c><v>b</v></c><c r="E4"><v>c</v></c><c><v>d</v></c></row>\
            <row r="7" spans="1:3"><c r="$B$7"><v>x</v></c><c r="C7" s="3"/><c r="D7"><v></v></c></row>\
            <row r="8" s="1" customFormat="1"/>\
            <row r="9"><c r="A9" t="inlineStr"><is><t></t></is></c></row>\
            <row/>\
            <row r="1048576"><c r="XFD1048576"><v>9</v></c></row>\
            </sheetData>
            """
        let rows = try Support.rows(try Support.reader(sheets: [("S", sheet)]))
        #expect(rows.map(\.number) == [3, 4, 7, 1_048_576], "rows without a value are skipped; rows without r= are counted on")
        #expect(rows[0].cells == ["2", "", "1"], "cells placed by r=, whatever their order")
        #expect(rows[1].cells == ["a", "b", "", "", "c", "d"], "cells without r= follow the previous cell")
        #expect(rows[2].cells == ["", "x"], "trailing empty and styled cells are trimmed")
        #expect(rows[3].cells.count == 16_384 && rows[3].cells.last == "9")
        #expect(rows[0][7] == "" && rows[0][2] == "1")
    }

    @Test func prefixedElementsCommentsAndInstructions() throws {
        let part = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <!-- written by a tool that uses a prefix -->
            <x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
              <x:sheetData>
                <x:row r="2">
                  <x:c r="A2" t="inlineStr"><x:is><x:t>Mã đơn vị</x:t></x:is></x:c>
                  <!-- a comment with <tags> and -- dashes -->
                  <?custom instruction?>
                  <x:c r="B2" ><x:v >5</x:v ></x:c >
                </x:row>
              </x:sheetData>
              <x:mergeCells count="1"><x:mergeCell ref="A1:B1"/></x:mergeCells>
            </x:worksheet>
            """
        let reader = try Support.reader(sheets: [("S", part)])
        #expect(try Support.grid(reader) == [2: ["Mã đơn vị", "5"]])
        #expect(try reader.mergedRanges(inSheet: "S") == [CellRange("A1:B1")!])
    }

    @Test func sheetsBySelection() throws {
        let reader = try Support.reader(sheets: [
            ("Hướng dẫn", "<sheetData><row r=\"1\"><c t=\"inlineStr\"><is><t>đọc kỹ</t></is></c></row></sheetData>"),
            (readerVietnameseNFD, "<sheetData><row r=\"2\"><c><v>2</v></c></row></sheetData>"),
        ])
        #expect(sameBytes(reader.sheetNames.last, readerVietnameseNFC), "sheet names in NFC")
        #expect(try Support.grid(reader) == [1: ["đọc kỹ"]], "nil is the first sheet")
        #expect(try Support.grid(reader, readerVietnameseNFC) == [2: ["2"]])
        #expect(try Support.grid(reader, readerVietnameseNFD) == [2: ["2"]], "a decomposed name finds the sheet")
        let missing = Support.readError { _ = try Support.rows(reader, "Biểu 02") }
        #expect(missing?.kind == .missingSheet)
        #expect(missing?.description.contains("Biểu 02") == true)
        #expect((try? reader.mergedRanges(inSheet: "Biểu 02")) == nil)
    }

    @Test func aRowBodyErrorStopsTheReadingAndComesOutAsItIs() throws {
        struct Stop: Error {}
        let rows = (1...500).map { "<row r=\"\($0)\"><c><v>\($0)</v></c></row>" }.joined()
        let reader = try Support.reader(sheets: [("S", "<sheetData>\(rows)</sheetData>")])
        var seen = 0
        #expect(throws: Stop.self) {
            try reader.forEachRow(inSheet: nil) { _ in
                seen += 1
                if seen == 3 { throw Stop() }
            }
        }
        #expect(seen == 3)
    }

    @Test func limitsOnCellsColumnsAndSharedStrings() throws {
        let long = String(repeating: "x", count: 2_000)
        let big = try Support.reader(sheets: [("S", "<sheetData><row><c t=\"inlineStr\"><is><t>\(long)</t></is></c></row></sheetData>")],
                                     limits: XLSXReader.Limits(maxCellBytes: 1_000))
        #expect(Support.readError { _ = try Support.rows(big) }?.kind == .tooLarge)
        let wide = try Support.reader(sheets: [("S", "<sheetData><row><c r=\"K1\"><v>1</v></c></row></sheetData>")],
                                      limits: XLSXReader.Limits(maxColumns: 10))
        #expect(Support.readError { _ = try Support.rows(wide) }?.kind == .tooLarge)
        let strings = Support.readError {
            _ = try Support.reader(sheets: [("S", "<sheetData/>")], sharedStrings: "<si><t>a</t></si><si><t>b</t></si><si/>",
                                   limits: XLSXReader.Limits(maxSharedStrings: 2))
        }
        #expect(strings?.kind == .tooLarge)
        let badIndex = try Support.reader(sheets: [("S", "<sheetData><row><c t=\"s\"><v>5</v></c></row></sheetData>")],
                                          sharedStrings: "<si><t>a</t></si>")
        #expect(Support.readError { _ = try Support.rows(badIndex) }?.kind == .malformed)
    }

    @Test func unitRules() {
        #expect(CellText.isDateFormat("dd/mm/yyyy") && CellText.isDateFormat("h:mm AM/PM") && CellText.isDateFormat("[h]:mm:ss"))
        #expect(CellText.isDateFormat("yyyy\\-mm\\-dd") && CellText.isDateFormat("[$-42A]dddd, dd mmmm yyyy"))
        #expect(!CellText.isDateFormat("General") && !CellText.isDateFormat("#,##0.00") && !CellText.isDateFormat("0%"))
        #expect(!CellText.isDateFormat("\"Ngày\" 0") && !CellText.isDateFormat("[Red]0.00") && !CellText.isDateFormat("0.00E+00"))
        #expect(!CellText.isDateFormat("#,##0_);(#,##0)") && !CellText.isDateFormat("@"))
        #expect((14...22).allSatisfy(CellText.isBuiltInDate) && (45...47).allSatisfy(CellText.isBuiltInDate))
        #expect(![0, 1, 2, 3, 4, 9, 10, 11, 12, 13, 23, 37, 44, 48, 49].contains(where: CellText.isBuiltInDate))
        #expect(CellText.format(1234.0) == "1234" && CellText.format(-0.0) == "0" && CellText.format(12.5) == "12.5")
        #expect(CellText.format(1e15) == "1e+15" && CellText.format(999_999_999_999_999) == "999999999999999")
        #expect(CellText.isoDate("2024-09-30") == "2024-09-30" && CellText.isoDate("hôm nay") == "hôm nay")
        #expect(resolvePartName("worksheets/sheet1.xml", from: "xl/workbook.xml") == "xl/worksheets/sheet1.xml")
        #expect(resolvePartName("/xl/worksheets/sheet1.xml", from: "xl/workbook.xml") == "xl/worksheets/sheet1.xml")
        #expect(resolvePartName("../customXml/item1.xml", from: "xl/workbook.xml") == "customXml/item1.xml")
        #expect(resolvePartName("../../evil.xml", from: "xl/workbook.xml") == nil)
        #expect(resolvePartName("xl/workbook.xml", from: "") == "xl/workbook.xml")
    }
}
