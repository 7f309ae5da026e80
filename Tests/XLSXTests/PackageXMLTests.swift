import Foundation
import Testing
import TestSupport
import XLSX

/// Reads the fixture's package parts with `unzip -p` and checks the XML that Excel reads.
@Suite struct PackageXMLTests {
    let file: URL

    init() throws {
        let folder = try XLSXInspection.temporaryFolder("xlsx-package")
        file = folder.appendingPathComponent("features.xlsx")
        try FeatureWorkbook.write(to: file)
    }

    func part(_ name: String) throws -> String { try XLSXInspection.part(name, of: file) }

    @Test func sheetsAreWrittenInOrderWithTheirVietnameseNames() throws {
        let names = XLSXInspection.attributeValues("name", of: "sheet", in: try part("xl/workbook.xml"))
        #expect(names == [FeatureWorkbook.summary, FeatureWorkbook.data], "sheets keep their order and NFC names")
    }

    @Test func sharedStringsHoldVietnameseTextInNFC() throws {
        let strings = try part("xl/sharedStrings.xml")
        let nfc = Array(FeatureWorkbook.composed.utf8)
        let nfd = Array(FeatureWorkbook.decomposed.utf8)
        #expect(nfc != nfd)
        #expect(Array(strings.utf8).firstRange(of: nfc) != nil, "decomposed input is written precomposed (NFC)")
        #expect(Array(strings.utf8).firstRange(of: nfd) == nil, "no decomposed text reaches the file")
        #expect(strings.contains("<t>Độc lập - Tự do - Hạnh phúc</t>"), "the motto keeps plain hyphens")
    }

    @Test func mergedRangesAreRecorded() throws {
        let merged = XLSXInspection.attributeValues("ref", of: "mergeCell", in: try part("xl/worksheets/sheet1.xml"))
        #expect(merged == ["A1:C1", "D1:G1", "A2:C2", "D2:G2", "A3:C3", "D3:G3", "A4:G4", "A11:C11"])
    }

    @Test func pageSetupIsA4LandscapeFittedToOnePageWide() throws {
        let sheet = try part("xl/worksheets/sheet1.xml")
        #expect(XLSXInspection.attributeValues("paperSize", of: "pageSetup", in: sheet) == ["9"], "A4 is paper size 9")
        #expect(XLSXInspection.attributeValues("orientation", of: "pageSetup", in: sheet) == ["landscape"])
        #expect(XLSXInspection.attributeValues("fitToHeight", of: "pageSetup", in: sheet) == ["0"],
                "fit to one page wide, any number tall")
        #expect(XLSXInspection.attributeValues("fitToWidth", of: "pageSetup", in: sheet).isEmpty,
                "a width of 1 is Excel's default and is not written")
        #expect(XLSXInspection.attributeValues("fitToPage", of: "pageSetUpPr", in: sheet) == ["1"])
        #expect(XLSXInspection.attributeValues("horizontalCentered", of: "printOptions", in: sheet) == ["1"])
        #expect(XLSXInspection.attributeValues("left", of: "pageMargins", in: sheet) == ["1.18"])
        #expect(sheet.contains("<oddHeader>&amp;C&amp;P</oddHeader>"), "page number centred in the header")
        #expect(XLSXInspection.attributeValues("showGridLines", of: "sheetView", in: sheet) == ["0"])
    }

    @Test func secondSheetIsPortraitTwoPagesWideWithAFooter() throws {
        let sheet = try part("xl/worksheets/sheet2.xml")
        #expect(XLSXInspection.attributeValues("orientation", of: "pageSetup", in: sheet) == ["portrait"])
        #expect(XLSXInspection.attributeValues("fitToWidth", of: "pageSetup", in: sheet) == ["2"])
        #expect(sheet.contains("<oddFooter>&amp;CTrang &amp;P/&amp;N</oddFooter>"))
        #expect(!sheet.contains("<oddHeader>"), "no header when none is asked for")
    }

    @Test func printTitlesAndPrintAreaAreDefinedNames() throws {
        let workbook = try part("xl/workbook.xml")
        #expect(workbook.contains(
            "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"0\">'Tổng hợp'!$5:$6</definedName>"),
                "rows 5-6 (the table header) repeat on every page")
        #expect(workbook.contains(
            "<definedName name=\"_xlnm.Print_Area\" localSheetId=\"0\">'Tổng hợp'!$A$1:$G$16</definedName>"))
        #expect(workbook.contains("<definedName name=\"Ty_le_dat\">'Tổng hợp'!$F$11</definedName>"))
    }

    @Test func everyFontInStylesIsTimesNewRoman() throws {
        let styles = try part("xl/styles.xml")
        let fontBlock = try #require(styles.range(of: "<fonts").flatMap { start in
            styles.range(of: "</fonts>").map { String(styles[start.lowerBound..<$0.upperBound]) }
        })
        let names = XLSXInspection.attributeValues("val", of: "name", in: fontBlock)
        let fontCount = XLSXInspection.attributeValues("count", of: "fonts", in: styles).first.flatMap { Int($0) }
        #expect(!names.isEmpty)
        #expect(names.count == fontCount, "every font record names its font")
        #expect(Set(names) == ["Times New Roman"], "no Calibri or Arial as any cell's font")
        #expect(!styles.contains("Calibri") && !styles.contains("Arial"))
        #expect(fontBlock.range(of: #"^<fonts count="[0-9]+"><font><sz val="12"/>"#, options: .regularExpression) != nil,
                "the default font (font 0, used by empty cells) is 12 pt")
        #expect(styles.contains("<cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/>"))
    }

    @Test func unlockedInputCellsAndProtectionAreWritten() throws {
        let styles = try part("xl/styles.xml")
        #expect(styles.contains("<protection locked=\"0\"/>"), "input cells are unlocked")
        let sheet = try part("xl/worksheets/sheet1.xml")
        #expect(XLSXInspection.attributeValues("sheet", of: "sheetProtection", in: sheet) == ["1"])
        #expect(XLSXInspection.attributeValues("formatColumns", of: "sheetProtection", in: sheet) == ["0"],
                "formatting columns stays allowed")
        #expect(XLSXInspection.attributeValues("password", of: "sheetProtection", in: sheet).count == 1)
    }

    @Test func conditionalFormatsAreWritten() throws {
        let sheet = try part("xl/worksheets/sheet1.xml")
        // libxlsxwriter writes the ranges sorted by their reference, whatever the order added.
        #expect(XLSXInspection.attributeValues("sqref", of: "conditionalFormatting", in: sheet)
            == ["B7:B10", "E7:E10", "F7:F10"])
        let types = XLSXInspection.attributeValues("type", of: "cfRule", in: sheet)
        #expect(types == ["expression", "cellIs", "cellIs"])
        #expect(XLSXInspection.attributeValues("operator", of: "cfRule", in: sheet) == ["lessThan", "between"])
        #expect(sheet.contains("<formula>$D7</formula>"))
        #expect(sheet.contains("<formula>$F7&lt;0.9</formula>"))
        let styles = try part("xl/styles.xml")
        #expect(XLSXInspection.attributeValues("count", of: "dxfs", in: styles) == ["3"], "one dxf per rule style")
    }

    @Test func dataValidationsAreWritten() throws {
        let sheet = try part("xl/worksheets/sheet1.xml")
        #expect(XLSXInspection.attributeValues("type", of: "dataValidation", in: sheet) == ["whole", "decimal", "list"])
        #expect(XLSXInspection.attributeValues("sqref", of: "dataValidation", in: sheet) == ["D7:E10", "D15", "G7:G10"])
        #expect(XLSXInspection.attributeValues("promptTitle", of: "dataValidation", in: sheet) == ["Nhập số liệu"])
        #expect(XLSXInspection.attributeValues("error", of: "dataValidation", in: sheet)
            == ["Chỉ nhập số nguyên từ 0 đến 5000."])
        #expect(sheet.contains("<formula1>0</formula1><formula2>5000</formula2>"))
        #expect(sheet.contains("<formula1>\"Đạt,Chưa đạt\"</formula1>"))
    }

    @Test func rowsColumnsPanesAndFilterAreWritten() throws {
        let sheet = try part("xl/worksheets/sheet1.xml")
        #expect(sheet.contains("<row r=\"16\"") && sheet.range(of: "<row r=\"16\"[^>]*hidden=\"1\"", options: .regularExpression) != nil,
                "row 16 is hidden")
        #expect(sheet.range(of: "<row r=\"4\"[^>]*ht=\"36\"[^>]*customHeight=\"1\"", options: .regularExpression) != nil)
        #expect(sheet.range(of: "<col min=\"8\" max=\"8\" width=\"[0-9.]+\" hidden=\"1\"", options: .regularExpression) != nil,
                "column H is hidden")
        #expect(sheet.range(of: "<col min=\"4\" max=\"5\" width=\"12.7109375\" style=\"[0-9]+\"", options: .regularExpression) != nil,
                "columns D:E carry a default style")
        #expect(XLSXInspection.attributeValues("topLeftCell", of: "pane", in: sheet) == ["C7"])
        #expect(XLSXInspection.attributeValues("ref", of: "autoFilter", in: sheet) == ["A5:G10"])
        #expect(XLSXInspection.attributeValues("rgb", of: "tabColor", in: sheet) == ["FFFF0000"])
    }

    @Test func cellsOfEveryKindAreWritten() throws {
        let sheet = try part("xl/worksheets/sheet1.xml")
        #expect(sheet.contains("<f>E7/D7</f><v>0.98333333333333"), "formula with its cached number")
        #expect(sheet.contains("t=\"str\""), "formula with a cached text result")
        #expect(sheet.contains("<v>Đạt</v>"))
        #expect(sheet.contains("t=\"b\""), "boolean cell")
        #expect(sheet.range(of: "<c r=\"G11\" s=\"[0-9]+\"/>", options: .regularExpression) != nil, "styled blank cell")
        let relations = try part("xl/worksheets/_rels/sheet1.xml.rels")
        #expect(relations.contains("Target=\"https://moet.gov.vn\""))
        #expect(sheet.contains("tooltip=\"Cổng thông tin\""))
    }

    @Test func chartsArePackagedWithTimesNewRomanAndNamedSheetRanges() throws {
        let parts = try XLSXInspection.partNames(of: file)
        #expect(parts.contains("xl/charts/chart1.xml") && parts.contains("xl/charts/chart2.xml")
            && parts.contains("xl/charts/chart3.xml"))
        let column = try part("xl/charts/chart1.xml")
        #expect(column.contains("<c:barDir val=\"col\"/>") && column.contains("<c:grouping val=\"clustered\"/>"))
        #expect(column.contains("<c:f>'Số liệu'!$C$2:$C$5</c:f>"), "values come from the named data sheet")
        #expect(column.contains("<c:f>'Số liệu'!$A$2:$A$5</c:f>"), "categories come from the named data sheet")
        #expect(column.contains("<c:f>'Số liệu'!$B$1</c:f>"), "a series can take its name from a cell")
        #expect(column.contains("<c:min val=\"0\"/>") && column.contains("<c:max val=\"2000\"/>"))
        #expect(column.contains("<a:noFill/>") && column.contains("<a:prstDash val=\"dash\"/>"),
                "the target series is an unfilled, dashed outline")
        #expect(column.contains("<c:dLbls>"))
        #expect(column.contains("Kết quả thực hiện so với kế hoạch"))
        for index in 1...3 {
            let chart = try part("xl/charts/chart\(index).xml")
            let typefaces = Set(XLSXInspection.attributeValues("typeface", of: "a:latin", in: chart))
            #expect(typefaces == ["Times New Roman"], "chart \(index) text is Times New Roman")
        }
        let line = try part("xl/charts/chart2.xml")
        #expect(line.contains("<c:lineChart>") && line.contains("<c:symbol val=\"none\"/>"),
                "the target line is drawn without markers")
        let pie = try part("xl/charts/chart3.xml")
        #expect(pie.contains("<c:pieChart>"))
        #expect(pie.contains("<c:showPercent val=\"1\"/>") && !pie.contains("<c:showVal"),
                "pie labels show the percentage only, as asked")
    }

    @Test func documentPropertiesCarryTheGivenDate() throws {
        let core = try part("docProps/core.xml")
        #expect(core.contains("<dc:title>Báo cáo chuyển đổi số</dc:title>"))
        #expect(core.contains("<dc:creator>Phòng Giáo dục Trung học</dc:creator>"))
        #expect(core.contains("<dcterms:created xsi:type=\"dcterms:W3CDTF\">2025-01-05T00:00:00Z</dcterms:created>"))
        #expect(core.contains("<dcterms:modified xsi:type=\"dcterms:W3CDTF\">2025-01-05T00:00:00Z</dcterms:modified>"))
        #expect(try part("docProps/app.xml").contains("<Company>Sở GD&amp;ĐT Hải Phòng</Company>"))
    }
}
