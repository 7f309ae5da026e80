import Foundation
import XLSX

/// The data sheet of a template ("Báo cáo"): a short title block, the hidden row of column ids,
/// the visible row of Vietnamese labels, then a row per unit and level with the keys filled in
/// (locked, light grey), inputs unlocked with a data validation each, and the fields that do not
/// apply to the row's level greyed and locked.
struct TemplateDataSheet {
    let layout: TemplateLayout

    /// The fill of the key columns the department fills in.
    static let keyFill = Color(rgb: 0xF2F2F2)
    /// The fill of a field that does not apply to the row's level.
    static let notApplicableFill = Color(rgb: 0xD9D9D9)
    /// Integers as the template shows them.
    static let integerFormat = "#,##0"
    /// The largest whole number an unbounded integer input accepts.
    static let integerMaximum = 1_000_000_000

    static let title = FormStyles.text(size: 14, bold: true, align: .left)
    static let subtitle = FormStyles.text(size: 13, italic: true, align: .left)
    static let line = FormStyles.text(size: 12, align: .left)
    static let hint = FormStyles.text(size: 11, italic: true, align: .left)
    static let idCell = FormStyles.text(size: 9, align: .center, wrap: false).with { $0.fontColor = Color(rgb: 0x7F7F7F) }
    static let label = FormStyles.tableHeader.with { $0.fillColor = keyFill }
    static let keyText = FormStyles.cellText.with { $0.fillColor = keyFill; $0.numberFormat = "@" }
    static let keyCenter = FormStyles.cellCenter.with { $0.fillColor = keyFill; $0.numberFormat = "@" }
    static let inputInteger = FormStyles.cellInteger.with {
        $0.numberFormat = integerFormat
        $0.fillColor = .white
        $0.locked = false
    }
    static let inputBoolean = FormStyles.cellCenter.with {
        $0.fillColor = .white
        $0.locked = false
        $0.wrapText = false
    }
    static let notApplicable = FormStyles.cellCenter.with { $0.fillColor = notApplicableFill }

    /// Column widths in characters by element id; inputs not named here get ``inputWidth``.
    static let keyWidths = ["unit_code": 11.0, "unit_name": 32.0, "period": 14.0, "level": 8.0]
    static let inputWidth = 13.0

    func write(_ sheet: inout Worksheet) throws {
        let catalogue = layout.catalogue
        let elements = catalogue.elements
        let columns = layout.columns
        let plan = layout.plan
        let keySpan = 0...(max(layout.keyCount, 2) - 1)
        let keyWidth = keySpan.reduce(0.0) { $0 + width(ofColumn: $1) }

        // Title block, within the frozen key columns so that it stays in view.
        let period = layout.period
        var receiver = "Nơi nhận báo cáo: \(plan.receivingBody)"
        if let deadline = plan.deadline { receiver += "; hạn nộp: ngày \(deadline.display)" }
        let lines: [(String, CellStyle, Double)] = [
            ("MẪU BÁO CÁO SỐ LIỆU CHUYỂN ĐỔI SỐ", Self.title, 14),
            ("\(period.vietnameseTitle) (kỳ báo cáo \(period))", Self.subtitle, 13),
            ("Đơn vị báo cáo: \(plan.reportingBody)", Self.line, 12),
            (receiver + ".", Self.line, 12),
            ("Điền số liệu vào các ô màu trắng; ô màu xám không cần điền. Cách điền: xem trang tính “\(TemplateWorkbooks.instructionsSheetName)”.",
             Self.hint, 11),
        ]
        for (offset, (text, style, size)) in lines.enumerated() {
            let row = TemplateLayout.titleRows.lowerBound + offset
            try sheet.merge(CellRange(rows: row...row, columns: keySpan), value: .string(text), style: style)
            try sheet.setRow(row, height: TemplateText.height(text, width: keyWidth, points: size))
        }
        try sheet.setRow(TemplateLayout.idRow - 1, height: 8)

        // The hidden ids, then the labels.
        for (column, element) in columns.enumerated() {
            try sheet.write(elements[element].id, row: TemplateLayout.idRow, column: column, style: Self.idCell)
            try sheet.write(elements[element].label, row: TemplateLayout.labelRow, column: column, style: Self.label)
            try sheet.setColumn(column, width: width(ofColumn: column))
        }
        try sheet.setRow(TemplateLayout.idRow, height: 12, hidden: true)
        let labelLines = columns.enumerated().map { column, element in
            TemplateText.lines(elements[element].label, width: width(ofColumn: column) - 1, bold: true)
        }.max() ?? 1
        try sheet.setRow(TemplateLayout.labelRow, height: Double(labelLines) * 15.5 + 6)

        // One row per unit and level.
        let rows = plan.rows
        for (offset, entry) in rows.enumerated() {
            let row = TemplateLayout.firstDataRow + offset
            for (column, element) in columns.enumerated() {
                let data = elements[element]
                switch data.id {
                case "unit_code": try sheet.write(entry.unit.code, row: row, column: column, style: Self.keyCenter)
                case "unit_name": try sheet.write(entry.unit.name, row: row, column: column, style: Self.keyText)
                case "period": try sheet.write(period.description, row: row, column: column, style: Self.keyCenter)
                case "level": try sheet.write(entry.level.rawValue, row: row, column: column, style: Self.keyCenter)
                default:
                    if !data.isValue {
                        try sheet.writeBlank(row: row, column: column, style: Self.keyText)
                    } else if data.levels.contains(entry.level) {
                        try sheet.writeBlank(row: row, column: column, style: data.type == .boolean ? Self.inputBoolean : Self.inputInteger)
                    } else {
                        try sheet.writeBlank(row: row, column: column, style: Self.notApplicable)
                    }
                }
            }
            let nameLines = TemplateText.lines(entry.unit.name, width: width(ofColumn: 1) - 1)
            try sheet.setRow(row, height: max(20, Double(nameLines) * 15.5 + 4))
        }

        // A validation per run of consecutive rows where an input applies.
        for (column, element) in columns.enumerated() where elements[element].isValue {
            let data = elements[element]
            let validation = TemplateText.validation(for: element, catalogue: catalogue, letterOf: layout.letter(of:))
            var start: Int?
            for offset in 0...rows.count {
                let applies = offset < rows.count && data.levels.contains(rows[offset].level)
                if applies, start == nil { start = offset }
                if !applies, let first = start {
                    let range = CellRange(rows: (TemplateLayout.firstDataRow + first)...(TemplateLayout.firstDataRow + offset - 1),
                                          columns: column...column)
                    try sheet.addDataValidation(validation, to: range)
                    start = nil
                }
            }
        }

        try sheet.freezePanes(row: TemplateLayout.firstDataRow, column: layout.keyCount)
        try sheet.protect(SheetProtection(formatColumns: true, formatRows: true))
        try sheet.setPageSetup(FormFrame.pageSetup(landscape: true, repeatRows: TemplateLayout.idRow...TemplateLayout.labelRow))
        sheet.activate()
    }

    private func width(ofColumn column: Int) -> Double {
        guard column < layout.columns.count else { return Self.inputWidth }
        return Self.keyWidths[layout.catalogue.elements[layout.columns[column]].id] ?? Self.inputWidth
    }
}
