import XLSX

/// "Tổng hợp": every indicator for the whole scope and by level — target, result, "Đạt"/"Chưa
/// đạt", units meeting / reporting and what is still short.
///
/// An indicator is an item (`1`, `2`, …) whose own row is `ALL`; its levels follow under
/// "Chia ra:" as `- Mầm non` … rows, the way statistical forms break a figure down.
struct SummarySheet {
    let products: RunProducts
    let context: FormContext
    let scopeKind: ScopeKind
    let scopeCode: String

    static let headers = ["TT", "Chỉ tiêu", "Đơn vị tính", "Chỉ tiêu kế hoạch", "Thực hiện", "Đánh giá",
                          "Số đơn vị báo cáo", "Số đơn vị đạt", "Phần còn thiếu", "Đơn vị tính của phần còn thiếu"]
    static let widths: [Double] = [5, 46, 11, 12, 12, 10, 10, 10, 11, 18]

    func write(_ workbook: inout Workbook) throws {
        let form = context.settings.form(.summary)
        try workbook.addWorksheet(form.sheet) { sheet in
            let frame = FormFrame(columns: Self.headers.count)
            for (column, width) in Self.widths.enumerated() { try sheet.setColumn(column, width: width, style: FormStyles.base) }
            var row = try frame.writeHeader(&sheet, form: form, context: context)
            let headerRow = row
            try TableWriter.header(&sheet, row: row, headers: Self.headers)
            row += 2
            let catalogue = products.catalogue
            var item = 0
            for (index, indicator) in catalogue.indicators.enumerated() {
                guard let all = products.results.row(scopeKind, scopeCode, indicator: index, level: nil) else { continue }
                item += 1
                try writeLine(&sheet, row: row, ordinal: String(item), label: indicator.name, result: all, indicator: indicator, section: true)
                row += 1
                let levels = Level.allCases.compactMap { level in products.results.row(scopeKind, scopeCode, indicator: index, level: level) }
                guard !levels.isEmpty else { continue }
                try sheet.write(.string("Chia ra:"), row: row, column: 1, style: FormStyles.cellText.with { $0.italic = true })
                for column in [0] + Array(2..<Self.headers.count) { try sheet.writeBlank(row: row, column: column, style: FormStyles.cellText) }
                row += 1
                for result in levels {
                    try writeLine(&sheet, row: row, ordinal: "", label: "- \(result.level!.vietnameseName)", result: result,
                                  indicator: indicator, section: false)
                    row += 1
                }
            }
            row += 1
            for line in notes() {
                try sheet.merge(CellRange(rows: row...row, columns: 0...(Self.headers.count - 1)), value: .string(line), style: FormStyles.note)
                try sheet.setRow(row, height: 30)
                row += 1
            }
            row = try frame.writeFooter(&sheet, at: row + 1, context: context)
            try sheet.freezePanes(row: headerRow + 2, column: 0)
            try sheet.setPageSetup(FormFrame.pageSetup(landscape: true, repeatRows: headerRow...(headerRow + 1)))
        }
    }

    private func writeLine(_ sheet: inout Worksheet, row: Int, ordinal: String, label: String, result: ResultRow,
                           indicator: Indicator, section: Bool) throws {
        let textStyle = section ? FormStyles.sectionText : FormStyles.levelText
        let centerStyle = section ? FormStyles.sectionCenter : FormStyles.cellCenter
        // A long indicator name wraps: the row must be as tall as its lines (no program grows it).
        if let height = FindingsSheet.rowHeight([(label, Self.widths[1])]) { try sheet.setRow(row, height: height) }
        try sheet.write(.string(ordinal), row: row, column: 0, style: centerStyle)
        try sheet.write(.string(label), row: row, column: 1, style: textStyle)
        try sheet.write(.string(indicator.unitOfMeasure), row: row, column: 2, style: centerStyle)
        try sheet.write(.string(result.target?.display(asShare: indicator.isShare) ?? ""), row: row, column: 3, style: centerStyle)
        try TableWriter.value(&sheet, row: row, column: 4, value: result.value, indicator: indicator, bold: section)
        try sheet.write(.string(TableWriter.verdict(result.met)), row: row, column: 5, style: centerStyle)
        try TableWriter.integer(&sheet, row: row, column: 6, result.unitsReporting, bold: section)
        try TableWriter.integer(&sheet, row: row, column: 7, result.unitsMeeting, bold: section)
        try TableWriter.integer(&sheet, row: row, column: 8, result.shortfall.map { Int($0) }, bold: section)
        try sheet.write(.string(result.shortfall != nil ? indicator.shortfallUnit : ""), row: row, column: 9, style: centerStyle)
    }

    private func notes() -> [String] {
        let validation = products.validation
        let expected = products.results.units.count
        let submitted = products.results.units.filter { (validation.rowsByUnit[$0]?.submitted ?? 0) > 0 }.count
        let plan = products.targets.plan.isEmpty ? "không có chỉ tiêu kế hoạch" : products.targets.plan
        return [
            "Ghi chú: Chỉ tiêu kế hoạch theo \(plan). Tỷ lệ tính gộp: tổng tử số chia tổng mẫu số trên các dòng số liệu hợp lệ, không lấy trung bình các tỷ lệ. "
                + "Dòng chỉ tiêu in đậm là chung các cấp học (mỗi đơn vị tính một lần).",
            "Phần còn thiếu: số lượng cần bổ sung để từng đơn vị đạt chỉ tiêu (chỉ tiêu tính bình quân: để cả phạm vi đạt). "
                + "Đơn vị đã gửi báo cáo: \(submitted)/\(expected); số dòng bị loại: \(validation.rowsRejected) (xem sheet Lỗi dữ liệu và tệp rejections.csv).",
        ]
    }
}

/// Cells shared by the tables of every form.
enum TableWriter {
    /// A header row with wrapped bold text, then the numbering row (`A`, `B`, `C`, then `1`, `2`, …).
    static func header(_ sheet: inout Worksheet, row: Int, headers: [String], textColumns: Int = 3, height: Double = 48) throws {
        // Row by row, in order (constant-memory workbooks stream each row when the next begins).
        try sheet.setRow(row, height: height)
        for (column, title) in headers.enumerated() {
            try sheet.write(.string(title), row: row, column: column, style: FormStyles.tableHeader)
        }
        for column in headers.indices {
            let mark = column < textColumns ? String(UnicodeScalar(UInt8(65 + column))) : String(column - textColumns + 1)
            try sheet.write(.string(mark), row: row + 1, column: column, style: FormStyles.numbering)
        }
    }

    /// The result of an indicator: a number (percentage for shares), or a bordered blank.
    /// `highlight` marks a result that misses its target: bold on a light fill, readable in print.
    static func value(_ sheet: inout Worksheet, row: Int, column: Int, value: Double?, indicator: Indicator,
                      bold: Bool = false, highlight: Bool = false) throws {
        try self.value(&sheet, row: row, column: column, value: value, percent: indicator.isShare, bold: bold, highlight: highlight)
    }

    /// A number cell with the percent or decimal format, or a bordered blank.
    static func value(_ sheet: inout Worksheet, row: Int, column: Int, value: Double?, percent: Bool,
                      bold: Bool = false, highlight: Bool = false) throws {
        var style = percent ? (bold ? FormStyles.sectionPercent : FormStyles.cellPercent)
                            : (bold ? FormStyles.sectionDecimal : FormStyles.cellDecimal)
        if highlight { style = style.with { $0.fillColor = FormStyles.missFill; $0.bold = true } }
        if let value, value.isFinite {
            try sheet.write(.number(value), row: row, column: column, style: style)
        } else {
            try sheet.writeBlank(row: row, column: column, style: style)
        }
    }

    static func integer(_ sheet: inout Worksheet, row: Int, column: Int, _ value: Int?, bold: Bool = false) throws {
        let style = bold ? FormStyles.sectionInteger : FormStyles.cellInteger
        if let value {
            try sheet.write(.integer(value), row: row, column: column, style: style)
        } else {
            try sheet.writeBlank(row: row, column: column, style: style)
        }
    }

    static func verdict(_ met: Bool?) -> String {
        switch met {
        case true?: "Đạt"
        case false?: "Chưa đạt"
        case nil: ""
        }
    }
}
