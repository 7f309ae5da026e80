import Foundation
import XLSX

/// The feedback a department sends back to each school: under `phan-hoi/`, one small workbook
/// per registry unit that has findings (`phan-hoi/<unit_code>.xlsx`) listing what is wrong and
/// how to fix it, and `phan-hoi/khong-xac-dinh.xlsx` for the findings that name no known unit
/// (unknown or blank codes, whole-file problems), for the department's staff to chase.
public enum FeedbackWorkbooks {
    /// The folder under the output folder.
    public static let folderName = "phan-hoi"
    /// The file of the findings that name no unit of the registry.
    public static let unknownFileName = "khong-xac-dinh.xlsx"

    static let sheetName = "Phản hồi"
    static let title = "PHẢN HỒI VỀ BÁO CÁO CHUYỂN ĐỔI SỐ"
    static let headers = ["TT", "Tệp", "Dòng", "Ô/Cột", "Cấp học", "Giá trị/Mô tả lỗi", "Mức độ", "Cách sửa"]
    static let widths: [Double] = [5, 30, 8, 18, 8, 52, 9, 34]

    /// One feedback file: who it is for and which findings it lists, in validation order.
    struct Recipient {
        /// The registry index, or `nil` for the file of unknown units.
        let unit: Int?
        var findings: [Finding]
    }

    /// Writes every feedback workbook atomically; returns their paths relative to `folder`
    /// (`phan-hoi/0101001.xlsx`, …), units in code order, the unknown-unit file last.
    /// - Throws: ``OutputError`` when the folder or a file cannot be written.
    public static func write(_ products: RunProducts, to folder: URL) throws(OutputError) -> [String] {
        let recipients = recipients(products)
        guard !recipients.isEmpty else { return [] }
        let target = folder.appendingPathComponent(folderName, isDirectory: true)
        try AtomicFile.prepareFolder(target)
        var written: [String] = []
        var used: Set<String> = []
        for recipient in recipients {
            let name = uniqueFileName(recipient.unit.map { products.registry.units[$0].code }, used: &used)
            let url = target.appendingPathComponent(name)
            try AtomicFile.write(to: url) { temporary throws(OutputError) in
                do {
                    try writeWorkbook(products, recipient: recipient, path: temporary.path)
                } catch let error as OutputError {
                    throw error
                } catch {
                    throw OutputError(path: url.path, reason: "\(error)")
                }
            }
            written.append("\(folderName)/\(name)")
        }
        return written
    }

    /// Groups the findings by the registry unit they name (in unit code order), then those that
    /// name none.
    static func recipients(_ products: RunProducts) -> [Recipient] {
        let registry = products.registry
        var byUnit: [Int: [Finding]] = [:]
        var unknown = Recipient(unit: nil, findings: [])
        for finding in products.validation.findings {
            if !finding.unitCode.isEmpty, let unit = registry.index(of: finding.unitCode) {
                byUnit[unit, default: []].append(finding)
            } else {
                unknown.findings.append(finding)
            }
        }
        let units = byUnit.keys.sorted { registry.units[$0].code.utf8.lexicographicallyPrecedes(registry.units[$1].code.utf8) }
        let known = units.map { Recipient(unit: $0, findings: byUnit[$0] ?? []) }
        return unknown.findings.isEmpty ? known : known + [unknown]
    }

    /// `<code>.xlsx` with anything but ASCII letters, digits, `-` and `_` replaced by `_` (a code
    /// could otherwise name another folder or a hidden file), made unique among the files of
    /// this run; the unknown-unit file for `nil`.
    static func uniqueFileName(_ code: String?, used: inout Set<String>) -> String {
        guard let code else {
            used.insert(unknownFileName.lowercased())
            return unknownFileName
        }
        var base = String(code.unicodeScalars.map { scalar in
            scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || scalar == "-" || scalar == "_") ? Character(scalar) : "_"
        })
        if base.isEmpty { base = "_" }
        // Compared ignoring case: two names differing only in case are one file on macOS and Windows.
        var name = base + ".xlsx"
        var suffix = 2
        while used.contains(name.lowercased()) || name.lowercased() == unknownFileName {
            name = "\(base)-\(suffix).xlsx"
            suffix += 1
        }
        used.insert(name.lowercased())
        return name
    }

    /// Writes one recipient's workbook to `path`.
    static func writeWorkbook(_ products: RunProducts, recipient: Recipient, path: String) throws {
        let registry = products.registry
        let unit = recipient.unit.map { registry.units[$0] }
        // Issued by the Sở to the unit: the unit is the receiving body of this document.
        var settings = products.forms
        settings.receiver = unit?.name ?? "Các đơn vị gửi báo cáo"
        let context = FormContext(settings: settings, registry: registry, period: products.period, date: products.reportDate, managingUnit: nil)
        let subtitle = unit.map { "\($0.name) (\($0.code)) — \(products.period.vietnameseTitle)" }
            ?? "Báo cáo không xác định được đơn vị gửi — \(products.period.vietnameseTitle)"
        let properties = DocumentProperties(
            created: products.reportDate, title: "Phản hồi về báo cáo chuyển đổi số - \(products.period.vietnameseTitle)",
            subject: subtitle, author: context.reportingBody, company: context.reportingBody, category: "Phản hồi báo cáo",
            keywords: "CĐS; \(products.period)")
        var workbook = try Workbook(path: path, properties: properties)
        // The findings list's form number: this is that list's extract for one unit.
        let findingsForm = settings.form(.findings)
        let form = FormSettings.Form(number: findingsForm.number, sheet: sheetName, title: title)
        try workbook.addWorksheet(sheetName) { sheet in
            let frame = FormFrame(columns: headers.count)
            for (column, width) in widths.enumerated() { try sheet.setColumn(column, width: width, style: FormStyles.base) }
            var row = try frame.writeHeader(&sheet, form: form, context: context, subtitle: subtitle)
            let all = 0...(headers.count - 1)
            try sheet.merge(CellRange(rows: row...row, columns: all), value: .string(instruction(recipient)),
                            style: FormStyles.text(size: 13, align: .left))
            try sheet.setRow(row, height: 36)
            row += 2
            let headerRow = row
            try TableWriter.header(&sheet, row: row, headers: headers, textColumns: headers.count)
            try sheet.setRow(headerRow, height: 33)
            row += 2
            for (index, finding) in recipient.findings.enumerated() {
                let isError = finding.severity == .error
                try sheet.write(index + 1, row: row, column: 0, style: FormStyles.cellCenter)
                let file = finding.sheet.isEmpty ? finding.file : "\(finding.file) (\(finding.sheet))"
                try sheet.write(file, row: row, column: 1, style: FormStyles.cellText)
                if let number = finding.row {
                    try sheet.write(number, row: row, column: 2, style: FormStyles.cellCenter)
                } else {
                    try sheet.writeBlank(row: row, column: 2, style: FormStyles.cellCenter)
                }
                try sheet.write(place(finding), row: row, column: 3, style: FormStyles.cellText)
                try sheet.write(finding.level, row: row, column: 4, style: FormStyles.cellCenter)
                try sheet.write(finding.message, row: row, column: 5, style: FormStyles.cellText)
                try sheet.write(FindingsSheet.severityLabel(finding.severity), row: row, column: 6,
                                style: isError ? FormStyles.sectionCenter : FormStyles.cellCenter)
                try sheet.write(remedy(finding.rule), row: row, column: 7, style: FormStyles.cellText)
                let texts = [(file, 1), (place(finding), 3), (finding.message, 5), (remedy(finding.rule), 7)]
                if let height = FindingsSheet.rowHeight(texts.map { ($0.0, widths[$0.1]) }) { try sheet.setRow(row, height: height) }
                row += 1
            }
            _ = try frame.writeFooter(&sheet, at: row + 1, context: context)
            try sheet.freezePanes(row: headerRow + 2, column: 0)
            try sheet.setPageSetup(FormFrame.pageSetup(landscape: true, repeatRows: headerRow...(headerRow + 1)))
        }
        try workbook.close()
    }

    /// What the recipient is asked to do, in plain Vietnamese.
    static func instruction(_ recipient: Recipient) -> String {
        guard recipient.unit != nil else {
            return "Các dòng và tệp dưới đây không xác định được đơn vị gửi (mã đơn vị sai hoặc để trống, tệp không đọc được) nên bị loại. "
                + "Bộ phận tổng hợp liên hệ đơn vị đã gửi để sửa theo cột “Cách sửa” và gửi lại báo cáo trước hạn."
        }
        if recipient.findings.contains(where: { $0.severity == .error }) {
            return "Các dòng dưới đây bị loại do sai số liệu. Đơn vị sửa lại theo cột “Cách sửa” và gửi lại báo cáo trước hạn."
        }
        return "Báo cáo của đơn vị đã được nhận; các điểm dưới đây cần lưu ý. Đơn vị kiểm tra theo cột “Cách sửa” để các lần báo cáo sau đầy đủ, chính xác."
    }

    /// Where in the file: the cell and the column header (`E14 (Số học sinh)`), whichever is known.
    static func place(_ finding: Finding) -> String {
        switch (finding.cell.isEmpty, finding.column.isEmpty) {
        case (false, false): "\(finding.cell) (\(finding.column))"
        case (false, true): finding.cell
        case (true, false): finding.column
        case (true, true): ""
        }
    }

    /// How to fix a finding, one short instruction per rule.
    static func remedy(_ rule: Rule) -> String {
        switch rule {
        case .unknownUnit: "Ghi đúng mã đơn vị theo danh mục (giữ các số 0 ở đầu; mã cũ thì đổi sang mã mới)"
        case .levelNotServed: "Ghi đúng cấp học đơn vị có theo danh mục: MN, TH, THCS, THPT hoặc GDTX"
        case .wrongPeriod: "Ghi đúng kỳ báo cáo đang tổng hợp (ví dụ 2024-2025/HK1) hoặc để trống"
        case .missingKey: "Điền đủ mã đơn vị và cấp học ở mỗi dòng"
        case .notANumber: "Ghi số nguyên, không có chữ, không có phần thập phân"
        case .notABoolean: "Ghi Có hoặc Không"
        case .negative: "Ghi số không âm (0 trở lên)"
        case .outOfRange: "Ghi số trong khoảng cho phép nêu ở cột mô tả lỗi"
        case .exceedsTotal: "Kiểm tra lại: số thành phần không được lớn hơn tổng"
        case .inconsistent: "Kiểm tra lại hai số liên quan: có học sinh thì phải có lớp, có máy tính thì phải có phòng máy"
        case .conflictingUnitValues: "Ghi cùng một giá trị cho thông tin chung của đơn vị ở mọi dòng cấp học"
        case .duplicateConflict: "Mỗi cấp học chỉ khai một dòng: xóa các dòng thừa, giữ một dòng đúng"
        case .duplicateCopy: "Xóa dòng trùng (dòng này chỉ được tính một lần)"
        case .unknownColumn: "Dùng đúng tên cột theo mẫu báo cáo; cột này đã bị bỏ qua"
        case .duplicateColumn: "Xóa cột trùng: mỗi nội dung chỉ ghi ở một cột"
        case .incompleteInputs: "Điền đủ các số liệu còn thiếu để tính được chỉ tiêu"
        case .formulaNotCalculated: "Mở tệp bằng Excel hoặc LibreOffice Calc, lưu lại rồi gửi lại; hoặc ghi số thay cho công thức"
        case .unreadableFile: "Lưu lại tệp theo mẫu (.xlsx hoặc .csv UTF-8), không đặt mật khẩu, rồi gửi lại"
        case .noHeader: "Dùng đúng mẫu báo cáo: giữ nguyên dòng tiêu đề có cột Mã đơn vị"
        case .emptyFile: "Điền số liệu vào tệp theo mẫu rồi gửi lại"
        }
    }
}
