import XLSX

/// "Lỗi dữ liệu" (form `.findings`): every finding of the run, grouped the way the department
/// follows them up — by managing unit, then unit, then file and row — so that each district
/// office's schools read together.
struct FindingsSheet {
    let products: RunProducts
    let context: FormContext
    let managingUnit: String?

    static let headers = ["TT", "Đơn vị quản lý", "Mã đơn vị", "Tên đơn vị", "Cấp học", "Tệp", "Trang tính", "Dòng", "Ô", "Cột",
                          "Mức độ", "Mã lỗi", "Nội dung"]
    static let widths: [Double] = [5, 22, 10, 26, 7, 16, 8, 6, 6, 18, 9, 21, 60]
    /// The columns whose text wraps, and so decides a row's height.
    static let wrapped = [1, 3, 5, 9, 12]
    /// What the managing-unit column says when the finding names no unit of the registry.
    static let unknown = "Không xác định"

    /// Creates the sheet for a run.
    init(products: RunProducts, context: FormContext, managingUnit: String?) {
        self.products = products
        self.context = context
        self.managingUnit = managingUnit
    }

    /// A finding with what it is sorted and shown by, resolved once.
    struct Line {
        let finding: Finding
        /// The position in `validation.findings`, which keeps the sort stable.
        let sequence: Int
        /// The unit's registry index, when the code names one.
        let unit: Int?
        /// The managing unit's code; empty when the unit is unknown.
        let managingCode: String
    }

    /// The findings in the sheet's order: managing unit code, unit code, file (each compared as
    /// text), row (a whole-file finding first), then the order validation reported them in.
    static func ordered(_ products: RunProducts) -> [Line] {
        let registry = products.registry
        var lines: [Line] = []
        lines.reserveCapacity(products.validation.findings.count)
        for (sequence, finding) in products.validation.findings.enumerated() {
            let unit = finding.unitCode.isEmpty ? nil : registry.index(of: finding.unitCode)
            lines.append(Line(finding: finding, sequence: sequence, unit: unit,
                              managingCode: unit.map { registry.units[$0].parentCode } ?? ""))
        }
        lines.sort { a, b in
            if a.managingCode != b.managingCode { return a.managingCode.utf8.lexicographicallyPrecedes(b.managingCode.utf8) }
            if a.finding.unitCode != b.finding.unitCode {
                return a.finding.unitCode.utf8.lexicographicallyPrecedes(b.finding.unitCode.utf8)
            }
            if a.finding.file != b.finding.file { return a.finding.file.utf8.lexicographicallyPrecedes(b.finding.file.utf8) }
            let rowA = a.finding.row ?? 0, rowB = b.finding.row ?? 0
            if rowA != rowB { return rowA < rowB }
            return a.sequence < b.sequence
        }
        return lines
    }

    /// The number of lines a text takes when wrapped at word boundaries in a column of `width`
    /// characters (Times New Roman 12 pt: about 1.05 characters per unit of width, less the
    /// cell's padding); a word longer than a line is broken.
    static func lineCount(_ text: String, width: Double) -> Int {
        let capacity = max(4, Int((width - 1.5) * 1.05))
        var lines = 1, used = 0
        for word in text.split(separator: " ") {
            let length = word.count
            if used == 0 {
                used = length
            } else if used + 1 + length <= capacity {
                used += 1 + length
            } else {
                lines += 1
                used = length
            }
            while used > capacity {
                lines += 1
                used -= capacity
            }
        }
        return lines
    }

    /// The height a row needs for its wrapped texts, or `nil` when one line is enough.
    ///
    /// Why rows are measured here: neither Excel nor LibreOffice grows a row for wrapped text
    /// when opening a file, so without a height long messages print over the next rows.
    static func rowHeight(_ cells: [(text: String, width: Double)]) -> Double? {
        let lines = cells.map { lineCount($0.text, width: $0.width) }.max() ?? 1
        return lines > 1 ? min(409, Double(lines) * 15.5 + 2) : nil
    }

    /// "Lỗi" or "Cảnh báo".
    static func severityLabel(_ severity: Severity) -> String { severity == .error ? "Lỗi" : "Cảnh báo" }

    /// "Tổng số: N lỗi (M dòng bị loại), K cảnh báo".
    static func countLine(_ products: RunProducts) -> String {
        let errors = products.validation.findings.filter { $0.severity == .error }.count
        let warnings = products.validation.findings.count - errors
        return "Tổng số: \(NumberFormatting.integer(errors)) lỗi (\(NumberFormatting.integer(products.validation.rowsRejected)) dòng bị loại), "
            + "\(NumberFormatting.integer(warnings)) cảnh báo"
    }

    /// Writes the sheet into the workbook.
    func write(_ workbook: inout Workbook) throws {
        let form = context.settings.form(.findings)
        let registry = products.registry
        let names = UnitDetailSheet.ManagingNames(registry: registry)
        let lines = Self.ordered(products)
        let columnCount = Self.headers.count
        // Errors bold, so that they stand out from warnings in print too.
        let center = FormStyles.cellCenter, text = FormStyles.cellText
        let boldCenter = FormStyles.sectionCenter, boldText = FormStyles.sectionText

        try workbook.addWorksheet(form.sheet) { sheet in
            let frame = FormFrame(columns: columnCount)
            for (column, width) in Self.widths.enumerated() { try sheet.setColumn(column, width: width, style: FormStyles.base) }
            var row = try frame.writeHeader(&sheet, form: form, context: context)
            try sheet.setRow(row, height: 18)
            try sheet.merge(CellRange(rows: row...row, columns: 0...(columnCount - 1)), value: .string(Self.countLine(products)),
                            style: FormStyles.text(bold: true, align: .left))
            row += 2
            let headerRow = row
            try TableWriter.header(&sheet, row: row, headers: Self.headers, textColumns: columnCount, height: 33)
            // Before the data (constant memory), on the numbering row so that it is never filtered away.
            try sheet.autofilter(CellRange(rows: (headerRow + 1)...(headerRow + 1 + lines.count), columns: 0...(columnCount - 1)))
            row += 2
            for (index, line) in lines.enumerated() {
                let finding = line.finding
                let isError = finding.severity == .error
                let unit = line.unit.map { registry.units[$0] }
                let managing = unit.flatMap { names.name(ofManaging: $0.parentCode) } ?? Self.unknown
                try sheet.write(index + 1, row: row, column: 0, style: center)
                try sheet.write(managing, row: row, column: 1, style: text)
                try sheet.write(finding.unitCode, row: row, column: 2, style: center)
                try sheet.write(unit?.name ?? "", row: row, column: 3, style: text)
                try sheet.write(finding.level, row: row, column: 4, style: center)
                try sheet.write(finding.file, row: row, column: 5, style: text)
                try sheet.write(finding.sheet, row: row, column: 6, style: center)
                if let rowNumber = finding.row {
                    try sheet.write(rowNumber, row: row, column: 7, style: center)
                } else {
                    try sheet.writeBlank(row: row, column: 7, style: center)
                }
                try sheet.write(finding.cell, row: row, column: 8, style: center)
                try sheet.write(finding.column, row: row, column: 9, style: text)
                try sheet.write(Self.severityLabel(finding.severity), row: row, column: 10, style: isError ? boldCenter : center)
                try sheet.write(finding.rule.rawValue, row: row, column: 11, style: text)
                try sheet.write(finding.message, row: row, column: 12, style: isError ? boldText : text)
                let texts = [managing, unit?.name ?? "", finding.file, finding.column, finding.message]
                if let height = Self.rowHeight(zip(texts, Self.wrapped).map { ($0, Self.widths[$1]) }) {
                    try sheet.setRow(row, height: height)
                }
                row += 1
            }
            let lastDataRow = row - 1
            row += 1
            try sheet.merge(CellRange(rows: row...row, columns: 0...(columnCount - 1)),
                            value: .string("Ghi chú: Dòng có lỗi bị loại, không được tính vào kết quả; dòng chỉ có cảnh báo vẫn được tính. "
                                + "Đơn vị sửa theo nội dung lỗi và gửi lại báo cáo; tệp phản hồi cho từng đơn vị ở thư mục phan-hoi."),
                            style: FormStyles.note)
            try sheet.setRow(row, height: 30)
            _ = try frame.writeFooter(&sheet, at: row + 2, context: context)

            try sheet.freezePanes(row: headerRow + 2, column: 0)
            _ = lastDataRow
            try sheet.setPageSetup(FormFrame.pageSetup(landscape: true, repeatRows: headerRow...(headerRow + 1)))
        }
    }
}
