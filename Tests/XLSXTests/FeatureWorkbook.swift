import Foundation
import XLSX

/// A workbook that uses every feature of the writer once, laid out like an official return,
/// so that the tests can read each feature back from the package.
enum FeatureWorkbook {
    /// 2025-01-05T00:00:00Z, the report date used by the fixture.
    static let reportDate = Date(timeIntervalSince1970: 1_736_035_200)
    static let summary = "Tổng hợp"
    static let data = "Số liệu"
    /// "Tiếng Việt" with its diacritics decomposed (NFD), as text pasted from some PDFs is.
    static let decomposed = "Tie\u{0302}\u{0301}ng Vie\u{0323}\u{0302}t"
    static let composed = "Tiếng Việt"

    static let body = CellStyle(verticalAlignment: .center, borders: .all(.thin))
    static let bold = body.with { $0.bold = true; $0.horizontalAlignment = .center; $0.wrapText = true }
    static let number = body.with { $0.numberFormat = "#,##0"; $0.locked = false }
    static let percent = body.with { $0.numberFormat = "0.0%" }

    /// Writes the fixture.
    ///
    /// - Parameters:
    ///   - url: Where to write it.
    ///   - created: The creation date stored in the document properties.
    static func write(to url: URL, created: Date = reportDate) throws {
        var book = try Workbook(
            path: url.path,
            properties: DocumentProperties(
                created: created, title: "Báo cáo chuyển đổi số", subject: "Học kỳ I năm học 2024-2025",
                author: "Phòng Giáo dục Trung học", company: "Sở GD&ĐT Hải Phòng", keywords: "CĐS"))

        try book.addWorksheet(summary) { sheet in
            try writeSummary(&sheet)
        }
        try book.addWorksheet(data) { sheet in
            try writeData(&sheet)
        }
        try book.defineName("Ty_le_dat", formula: "='\(summary)'!$F$11")
        try book.close()
    }

    private static func writeSummary(_ sheet: inout Worksheet) throws {
        let plain = CellStyle(horizontalAlignment: .center)
        let strong = plain.with { $0.bold = true }
        let ruled = strong.with { $0.borders.bottom = CellStyle.Border(.thin) }
        let dateLine = plain.with { $0.italic = true }
        try sheet.merge(CellRange("A1:C1")!, value: "UBND THÀNH PHỐ HẢI PHÒNG", style: plain)
        try sheet.merge(CellRange("D1:G1")!, value: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", style: strong)
        try sheet.merge(CellRange("A2:C2")!, value: "SỞ GIÁO DỤC VÀ ĐÀO TẠO", style: ruled)
        try sheet.merge(CellRange("D2:G2")!, value: "Độc lập - Tự do - Hạnh phúc", style: ruled)
        try sheet.merge(CellRange("A3:C3")!, value: "Số: 88/BC-SGDĐT", style: plain)
        try sheet.merge(CellRange("D3:G3")!, value: "Hải Phòng, ngày 05 tháng 01 năm 2025", style: dateLine)
        try sheet.setRow(3, height: 36)
        try sheet.merge(CellRange("A4:G4")!, value: "BÁO CÁO KẾT QUẢ THỰC HIỆN CHUYỂN ĐỔI SỐ",
                        style: strong.with { $0.fontSize = 14; $0.verticalAlignment = .center })

        try sheet.writeRow(["TT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch", "Thực hiện", "Tỷ lệ", "Đánh giá"],
                           row: 4, style: bold)
        try sheet.writeRow(["A", "B", "C", "1", "2", "3", "4"], row: 5, style: bold.with { $0.italic = true })

        let rows: [(String, String, String, Int, Int)] = [
            ("1", "Số trường có kết nối Internet", "trường", 120, 118),
            ("2", "Số giáo viên được bồi dưỡng", "người", 900, 760),
            ("3", "Số máy tính phục vụ dạy học", "máy", 1500, 1510),
            ("4", "Số phòng học thông minh", "phòng", 40, 12),
        ]
        for (offset, item) in rows.enumerated() {
            let row = 6 + offset
            let excelRow = row + 1
            try sheet.write(item.0, row: row, column: 0, style: body.with { $0.horizontalAlignment = .center })
            try sheet.write(item.1, row: row, column: 1, style: body.with { $0.wrapText = true })
            try sheet.write(item.2, row: row, column: 2, style: body)
            try sheet.write(item.3, row: row, column: 3, style: number)
            try sheet.write(.integer(item.4), at: CellAddress(row: row, column: 4), style: number)
            try sheet.writeFormula("=E\(excelRow)/D\(excelRow)", row: row, column: 5,
                                   cachedResult: .number(Double(item.4) / Double(item.3)), style: percent)
            let met = Double(item.4) / Double(item.3) >= 0.9
            try sheet.writeFormula("=IF(F\(excelRow)>=0.9,\"Đạt\",\"Chưa đạt\")", row: row, column: 6,
                                   cachedResult: .string(met ? "Đạt" : "Chưa đạt"), style: body)
        }
        let total = bold.with { $0.numberFormat = "#,##0" }
        try sheet.merge(CellRange("A11:C11")!, value: "Tổng cộng", style: bold)
        try sheet.writeFormula("=SUM(D7:D10)", row: 10, column: 3, cachedResult: .number(2560), style: total)
        try sheet.writeFormula("=SUM(E7:E10)", row: 10, column: 4, cachedResult: .number(2400), style: total)
        try sheet.writeFormula("=E11/D11", row: 10, column: 5, cachedResult: .number(2400.0 / 2560.0),
                               style: percent.with { $0.bold = true })
        try sheet.writeBlank(row: 10, column: 6, style: bold)

        try sheet.write(decomposed, row: 12, column: 1)
        try sheet.writeURL("https://moet.gov.vn", row: 13, column: 1, text: "Bộ Giáo dục và Đào tạo",
                           tooltip: "Cổng thông tin")
        try sheet.write(true, row: 14, column: 1)
        try sheet.write(0.5, row: 14, column: 3)
        try sheet.write("Ghi chú nội bộ (ẩn)", row: 15, column: 1)
        try sheet.hideRow(15)

        try sheet.setColumn(0, width: 5)
        try sheet.setColumn(1, width: 40)
        try sheet.setColumn(2, width: 12)
        try sheet.setColumns(3...4, width: 12, style: number)
        try sheet.setColumns(5...6, width: 12)
        try sheet.setColumn(7, width: 20, hidden: true)

        try sheet.freezePanes(row: 6, column: 2)
        try sheet.autofilter(CellRange("A5:G10")!)
        try sheet.addConditionalFormat(
            ConditionalFormat(.cellValue(.lessThan, .formula("$D7")), style: CellStyle(fontColor: .red)),
            to: CellRange("E7:E10")!)
        try sheet.addConditionalFormat(
            ConditionalFormat(.formula("=$F7<0.9"), style: CellStyle(bold: true, fillColor: Color(rgb: 0xFFC7CE))),
            to: CellRange("B7:B10")!)
        try sheet.addConditionalFormat(
            ConditionalFormat(.between(.number(0.9), .number(1)), style: CellStyle(fontColor: .green)),
            to: CellRange("F7:F10")!)
        try sheet.addDataValidation(
            DataValidation(.wholeNumber(.between(0, 5000)), inputTitle: "Nhập số liệu",
                           inputMessage: "Số nguyên từ 0 đến 5000", errorTitle: "Sai số liệu",
                           errorMessage: "Chỉ nhập số nguyên từ 0 đến 5000."),
            to: CellRange("D7:E10")!)
        try sheet.addDataValidation(DataValidation(.decimal(.between(0, 1.5))), to: CellRange("D15")!)
        try sheet.addDataValidation(DataValidation(.list(["Đạt", "Chưa đạt"])), to: CellRange("G7:G10")!)
        try sheet.protect(SheetProtection(password: "cds", formatColumns: true))
        sheet.setTabColor(.red)
        try sheet.setPageSetup(PageSetup(orientation: .landscape, repeatRows: 4...5,
                                         printArea: CellRange("A1:G16")!, gridlines: .hidden))

        let categories = SheetRange(sheet: data, rows: 1...4, columns: 0...0)
        try sheet.insertChart(
            Chart(.column, title: "Kết quả thực hiện so với kế hoạch",
                  series: [
                      ChartSeries(name: "Thực hiện", values: SheetRange(sheet: data, rows: 1...4, columns: 2...2),
                                  categories: categories, dataLabels: ChartSeries.DataLabels(numberFormat: "#,##0"),
                                  color: .blue),
                      ChartSeries(name: .cell(sheet: data, row: 0, column: 1),
                                  values: SheetRange(sheet: data, rows: 1...4, columns: 1...1),
                                  categories: categories, role: .targetLine),
                  ],
                  categoryAxis: Chart.Axis(title: "Chỉ tiêu"),
                  valueAxis: Chart.Axis(title: "Số lượng", minimum: 0, maximum: 2000, numberFormat: "#,##0")),
            at: CellAddress(row: 1, column: 8), placement: ChartPlacement(xOffset: 10, yOffset: 5, xScale: 1.5, yScale: 1.2))
        try sheet.insertChart(
            Chart(.line, title: "Tỷ lệ đạt", series: [
                ChartSeries(name: "Tỷ lệ", values: SheetRange(sheet: data, rows: 1...4, columns: 3...3),
                            categories: categories),
                ChartSeries(name: "Mục tiêu 90%", values: SheetRange(sheet: data, rows: 1...4, columns: 4...4),
                            categories: categories, role: .targetLine),
            ], valueAxis: Chart.Axis(minimum: 0, maximum: 1.2, numberFormat: "0%"), legend: .right),
            at: CellAddress(row: 20, column: 8))
    }

    private static func writeData(_ sheet: inout Worksheet) throws {
        try sheet.writeRow(["Chỉ tiêu", "Kế hoạch", "Thực hiện", "Tỷ lệ", "Mục tiêu"], row: 0, style: bold)
        let figures: [(String, Double, Double)] = [
            ("Internet", 120, 118), ("Bồi dưỡng", 900, 760), ("Máy tính", 1500, 1510), ("Phòng học", 40, 12),
        ]
        for (offset, item) in figures.enumerated() {
            try sheet.writeRow([.string(item.0), .number(item.1), .number(item.2), .number(item.2 / item.1), 0.9],
                               row: offset + 1, style: body)
        }
        try sheet.setColumns(0...4, width: 14)
        try sheet.setPageSetup(PageSetup(fitToPages: PageSetup.FitToPages(width: 2, height: 0), header: nil,
                                         footer: "&CTrang &P/&N"))
        try sheet.insertChart(
            Chart(.pie, title: "Cơ cấu thực hiện",
                  series: [ChartSeries(values: SheetRange(sheet: data, rows: 1...4, columns: 2...2),
                                       categories: SheetRange(sheet: data, rows: 1...4, columns: 0...0),
                                       dataLabels: ChartSeries.DataLabels(showValue: false, showPercentage: true,
                                                                          position: .bestFit))]),
            at: CellAddress(row: 7, column: 0))
        sheet.activate()
    }
}
