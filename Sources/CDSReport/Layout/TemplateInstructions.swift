import Foundation
import XLSX

/// The instruction sheet of a template ("Hướng dẫn"), in plain Vietnamese: how to fill the data
/// sheet in, what each column means (its id and label), and the rules between columns.
struct TemplateInstructions {
    let layout: TemplateLayout

    /// Columns: TT, column letter, id, label, allowed values, unit, levels, notes.
    static let widths: [Double] = [5, 6, 20, 34, 24, 11, 24, 46]

    static let title = FormStyles.text(size: 14, bold: true)
    static let subtitle = FormStyles.text(size: 13, italic: true)
    static let section = FormStyles.text(size: 12, bold: true, align: .left, wrap: false)
    static let number = FormStyles.text(align: .right).with { $0.verticalAlignment = .top }
    static let paragraph = FormStyles.text(align: .left).with { $0.verticalAlignment = .top }
    static let header = FormStyles.tableHeader.with { $0.fillColor = TemplateDataSheet.keyFill }
    static let cell = FormStyles.cellText
    static let center = FormStyles.cellCenter
    static let code = FormStyles.cellText.with { $0.fontName = "Times New Roman"; $0.italic = true }

    func write(_ sheet: inout Worksheet) throws {
        let catalogue = layout.catalogue
        let elements = catalogue.elements
        let plan = layout.plan
        let last = Self.widths.count - 1
        let textWidth = Self.widths[1...].reduce(0, +)
        for (column, width) in Self.widths.enumerated() { try sheet.setColumn(column, width: width) }

        var row = 0
        try sheet.merge(CellRange(rows: row...row, columns: 0...last), value: .string("HƯỚNG DẪN ĐIỀN MẪU BÁO CÁO SỐ LIỆU CHUYỂN ĐỔI SỐ"),
                        style: Self.title)
        try sheet.setRow(row, height: 22)
        row += 1
        try sheet.merge(CellRange(rows: row...row, columns: 0...last), value: .string(layout.period.vietnameseTitle), style: Self.subtitle)
        try sheet.setRow(row, height: 18)
        row += 2

        func section(_ text: String) throws {
            try sheet.write(text, row: row, column: 0, style: Self.section)
            try sheet.setRow(row, height: 20)
            row += 1
        }
        func paragraphs(_ items: [String], numbered: Bool = true) throws {
            for (index, item) in items.enumerated() {
                try sheet.write(numbered ? "\(index + 1)." : "-", row: row, column: 0, style: Self.number)
                try sheet.merge(CellRange(rows: row...row, columns: 1...last), value: .string(item), style: Self.paragraph)
                try sheet.setRow(row, height: TemplateText.height(item, width: textWidth))
                row += 1
            }
        }
        func labels(_ indices: [Int]) -> String {
            indices.map { "“\(elements[$0].label)” (cột \(layout.letter(of: $0)))" }.joined(separator: ", ")
        }

        let sheetName = "“\(TemplateWorkbooks.dataSheetName)”"
        let keys = layout.columns.prefix(layout.keyCount).map { "\(elements[$0].label)" }.joined(separator: ", ")
        let perUnit = layout.columns.filter { elements[$0].perUnit }
        var send = "Lưu tệp ở dạng Excel (.xlsx), giữ nguyên tên tệp và gửi lại cho \(plan.receivingBody)"
        if let deadline = plan.deadline { send += " trước hết ngày \(deadline.display)" }
        send += "."
        var items = [
            "Mỗi dòng của trang tính \(sheetName) là số liệu của một đơn vị ở một cấp học. Các cột \(keys) (nền xám nhạt) đã được ghi sẵn: không sửa, không xoá, không thêm dòng.",
            "Chỉ điền vào các ô nền trắng. Ô nền xám là chỉ tiêu không áp dụng cho cấp học của dòng đó: để trống, không cần điền.",
            "Số liệu là số nguyên: không có phần thập phân, không âm, không ghi kèm đơn vị tính (ghi 1234 hoặc 1.234; không ghi 1234,5 hay “1234 học sinh”).",
            "Các cột Có/Không: chọn Có hoặc Không trong danh sách thả xuống của ô.",
            "Ô để trống nghĩa là chưa có số liệu; các chỉ tiêu cần số liệu đó sẽ không tính được cho đơn vị.",
        ]
        if !perUnit.isEmpty {
            items.append("Các cột \(labels(perUnit)) là thông tin chung của cả đơn vị: trường có nhiều cấp học ghi cùng một giá trị ở mọi dòng cấp học của trường.")
        }
        items.append("Phần không được lớn hơn tổng, và các số liệu phải khớp nhau: xem mục III dưới đây.")
        items.append("Không đổi tên, xoá hay thêm trang tính; không chèn, xoá hay đổi thứ tự cột; không xoá dòng ẩn số \(TemplateLayout.idRow + 1) (chứa mã các cột, dùng để đọc lại số liệu) và dòng tiêu đề số \(TemplateLayout.labelRow + 1).")
        items.append(send)
        try section("I. CÁCH ĐIỀN")
        try paragraphs(items)
        row += 1

        try section("II. Ý NGHĨA CÁC CỘT CỦA TRANG TÍNH \(sheetName.uppercased())")
        let headers = ["TT", "Cột", "Mã cột", "Tên cột", "Giá trị hợp lệ", "Đơn vị tính", "Cấp học áp dụng", "Nội dung cần ghi"]
        let tableHeader = row
        for (column, text) in headers.enumerated() { try sheet.write(text, row: row, column: column, style: Self.header) }
        try sheet.setRow(row, height: 20)
        row += 1
        for (position, element) in layout.columns.enumerated() {
            let data = elements[element]
            let isKey = position < layout.keyCount
            let note = isKey ? "Đã ghi sẵn; không sửa." : TemplateText.question(data) + (data.perUnit ? " Thông tin chung của đơn vị." : "")
            let values: [String] = [
                String(position + 1), layout.letter(of: element), data.id, data.label,
                isKey ? "Đã ghi sẵn" : TemplateText.allowed(data), data.unitOfMeasure,
                isKey ? "" : TemplateText.levels(data), note,
            ]
            var lines = 1
            for (column, text) in values.enumerated() {
                let style = column == 2 ? Self.code : (column < 2 ? Self.center : Self.cell)
                try sheet.write(text, row: row, column: column, style: style)
                lines = max(lines, TemplateText.lines(text, width: Self.widths[column] - 1))
            }
            try sheet.setRow(row, height: Double(lines) * 15.5 + 4)
            row += 1
        }
        row += 1

        try section("III. RÀNG BUỘC GIỮA CÁC CỘT")
        var rules: [String] = []
        for element in layout.columns {
            if let whole = elements[element].atMost {
                rules.append("\(labels([element])) không được lớn hơn \(labels([whole])).")
            }
        }
        for element in layout.columns {
            if let cause = elements[element].nonzeroWhenPositive {
                rules.append("Khi \(labels([cause])) lớn hơn 0 thì \(labels([element])) phải lớn hơn 0.")
            }
        }
        try paragraphs(rules, numbered: false)

        try sheet.protect(SheetProtection(formatColumns: true, formatRows: true))
        try sheet.setPageSetup(FormFrame.pageSetup(landscape: true, repeatRows: tableHeader...tableHeader))
    }
}
