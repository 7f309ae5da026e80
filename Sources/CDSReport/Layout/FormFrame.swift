import XLSX

extension Worksheet {
    /// Text across columns of one row: merged when the span has several columns, else one cell.
    mutating func put(_ text: String, row: Int, span: ClosedRange<Int>, style: CellStyle) throws {
        if span.count > 1 {
            try merge(CellRange(rows: row...row, columns: span), value: .string(text), style: style)
        } else {
            try write(.string(text), row: row, column: span.lowerBound, style: style)
        }
    }
}

/// The frame of an official return around its table (FORMS.md): the two header blocks side by
/// side, the form code and the reporting/receiving bodies, the title and period, and at the end
/// the two signature blocks.
struct FormFrame {
    /// The number of columns the table spans.
    let columns: Int
    /// The columns of the left header block.
    let left: ClosedRange<Int>
    /// The columns of the right header block.
    let right: ClosedRange<Int>

    init(columns: Int) {
        self.columns = columns
        let split = max(1, columns * 2 / 5)
        left = 0...(split - 1)
        right = min(split, columns - 1)...(columns - 1)
    }

    private func put(_ sheet: inout Worksheet, _ text: String, row: Int, span: ClosedRange<Int>, style: CellStyle) throws {
        try sheet.put(text, row: row, span: span, style: style)
    }

    /// Writes the header, title and period; returns the first free row.
    ///
    /// Rows are written strictly in order, each row's height set before its cells, so that the
    /// workbook can stream rows to disk (constant-memory mode).
    func writeHeader(_ sheet: inout Worksheet, form: FormSettings.Form, context: FormContext, subtitle: String? = nil) throws -> Int {
        try sheet.setRow(0, height: 18)
        try put(&sheet, context.superiorBody, row: 0, span: left, style: FormStyles.text(size: 12))
        try put(&sheet, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", row: 0, span: right, style: FormStyles.text(size: 12, bold: true))
        try sheet.setRow(1, height: 18)
        try put(&sheet, context.issuingBody, row: 1, span: left, style: FormStyles.text(size: 12, bold: true, underline: true))
        try put(&sheet, "Độc lập - Tự do - Hạnh phúc", row: 1, span: right, style: FormStyles.text(size: 13, bold: true, underline: true))
        try sheet.setRow(2, height: 18)
        try put(&sheet, context.documentNumber, row: 2, span: left, style: FormStyles.text(size: 13))
        try put(&sheet, context.placeAndDate, row: 2, span: right, style: FormStyles.text(size: 13, italic: true))
        try sheet.setRow(3, height: 8)
        try sheet.setRow(4, height: 18)
        try put(&sheet, context.formCode(form), row: 4, span: left, style: FormStyles.text(size: 12, bold: true, align: .left))
        try put(&sheet, "Đơn vị báo cáo: \(context.reportingBody)", row: 4, span: right, style: FormStyles.text(size: 12, align: .left))
        try sheet.setRow(5, height: 18)
        try put(&sheet, context.instrument, row: 5, span: left, style: FormStyles.text(size: 12, italic: true, align: .left))
        try put(&sheet, "Đơn vị nhận báo cáo: \(context.receivingBody)", row: 5, span: right, style: FormStyles.text(size: 12, align: .left))
        try sheet.setRow(6, height: 8)
        let all = 0...(columns - 1)
        try sheet.setRow(7, height: 22)
        try put(&sheet, form.title, row: 7, span: all, style: FormStyles.text(size: 14, bold: true))
        try sheet.setRow(8, height: 18)
        try put(&sheet, subtitle ?? context.period.vietnameseTitle, row: 8, span: all, style: FormStyles.text(size: 13, italic: true))
        return 10
    }

    /// Writes the two signature blocks from `row`; returns the first free row.
    func writeFooter(_ sheet: inout Worksheet, at row: Int, context: FormContext) throws -> Int {
        let settings = context.settings
        try put(&sheet, context.placeAndDate, row: row, span: right, style: FormStyles.text(size: 13, italic: true))
        try put(&sheet, settings.preparedByTitle, row: row + 1, span: left, style: FormStyles.text(size: 13, bold: true))
        try put(&sheet, settings.headTitle, row: row + 1, span: right, style: FormStyles.text(size: 13, bold: true))
        try put(&sheet, "(Ký, ghi rõ họ tên)", row: row + 2, span: left, style: FormStyles.text(size: 12, italic: true))
        try put(&sheet, "(Ký tên, đóng dấu)", row: row + 2, span: right, style: FormStyles.text(size: 12, italic: true))
        let nameRow = row + 7
        if !settings.signerName.isEmpty {
            try put(&sheet, settings.signerName, row: nameRow, span: right, style: FormStyles.text(size: 13, bold: true))
        }
        return nameRow + 1
    }

    /// The page setup of a return: A4, fitted to the width, table header repeated on every page,
    /// page numbers centred in the header from page 2 on (FORMS.md), official margins, no gridlines.
    static func pageSetup(landscape: Bool, repeatRows: ClosedRange<Int>?) -> PageSetup {
        PageSetup(paper: .a4, orientation: landscape ? .landscape : .portrait, margins: .official, fitToPages: .oneWide,
                  repeatRows: repeatRows, centerHorizontally: true, header: "&C&\"Times New Roman\"&12&P", firstPageNumber: 1,
                  gridlines: .hidden)
    }
}
