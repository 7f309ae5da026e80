import XLSX

/// "Tình hình nộp báo cáo": per managing unit the units expected, submitted and not, the
/// submission rate and the rows received and rejected; then the units that did not submit and
/// the units with rejected rows, by name, so that staff can call them.
struct SubmissionStatusSheet {
    let products: RunProducts
    let context: FormContext

    static let headers = ["TT", "Đơn vị quản lý", "Số đơn vị phải báo cáo", "Số đơn vị đã nộp", "Số đơn vị chưa nộp",
                          "Tỷ lệ đã nộp", "Số dòng đã nhận", "Số dòng bị loại", "Số đơn vị có dòng bị loại"]
    static let widths: [Double] = [6, 40, 12, 12, 12, 11, 11, 11, 13]

    func write(_ workbook: inout Workbook) throws {
        let scope = ReportScope(products: products)
        let registry = products.registry
        let byUnit = products.validation.rowsByUnit
        let timeliness = products.timeliness
        // From a workspace the dates are known: on time and the on-time rate per managing unit.
        let headers = Self.headers + (timeliness == nil ? [] : ["Số đơn vị nộp đúng hạn", "Tỷ lệ đúng hạn"])
        let widths = Self.widths + (timeliness == nil ? [] : [12, 11])
        let form = context.settings.form(.submissionStatus)
        try workbook.addWorksheet(form.sheet) { sheet in
            let frame = FormFrame(columns: headers.count)
            for (column, width) in widths.enumerated() { try sheet.setColumn(column, width: width, style: FormStyles.base) }
            var row = try frame.writeHeader(&sheet, form: form, context: context)
            let headerRow = row
            try TableWriter.header(&sheet, row: row, headers: headers, textColumns: 2)
            row += 2
            let last = headers.count - 1
            var onTimeTotal = 0
            func writeTimeliness(_ units: [Int], bold: Bool) throws {
                guard let timeliness else { return }
                let onTime = units.filter { timeliness.byUnit[$0]?.onTime == true }.count
                if !bold { onTimeTotal += onTime }
                let count = bold ? onTimeTotal : onTime
                try TableWriter.integer(&sheet, row: row, column: 9, count, bold: bold)
                try TableWriter.value(&sheet, row: row, column: 10, value: units.isEmpty ? nil : Double(count) / Double(units.count),
                                      percent: true, bold: bold)
            }
            var totals = [0, 0, 0, 0, 0, 0]
            func counts(_ units: [Int]) -> [Int] {
                let submitted = units.filter(scope.submitted.contains).count
                let rows = units.reduce(0) { $0 + (byUnit[$1]?.submitted ?? 0) }
                let rejected = units.reduce(0) { $0 + (byUnit[$1]?.rejected ?? 0) }
                let unitsRejected = units.filter { (byUnit[$0]?.rejected ?? 0) > 0 }.count
                return [units.count, submitted, units.count - submitted, rows, rejected, unitsRejected]
            }
            func writeCounts(_ values: [Int], bold: Bool) throws {
                try TableWriter.integer(&sheet, row: row, column: 2, values[0], bold: bold)
                try TableWriter.integer(&sheet, row: row, column: 3, values[1], bold: bold)
                try TableWriter.integer(&sheet, row: row, column: 4, values[2], bold: bold)
                try TableWriter.value(&sheet, row: row, column: 5, value: values[0] > 0 ? Double(values[1]) / Double(values[0]) : nil,
                                      percent: true, bold: bold, highlight: values[2] > 0 && !bold)
                try TableWriter.integer(&sheet, row: row, column: 6, values[3], bold: bold)
                try TableWriter.integer(&sheet, row: row, column: 7, values[4], bold: bold)
                try TableWriter.integer(&sheet, row: row, column: 8, values[5], bold: bold)
            }
            for (position, group) in scope.groups.enumerated() {
                let values = counts(group.units)
                for index in totals.indices { totals[index] += values[index] }
                try sheet.write(.string(String(position + 1)), row: row, column: 0, style: FormStyles.cellCenter)
                try sheet.write(.string(scope.label(ofManaging: group.code)), row: row, column: 1, style: FormStyles.cellText)
                try writeCounts(values, bold: false)
                try writeTimeliness(group.units, bold: false)
                row += 1
            }
            try sheet.write(.string(""), row: row, column: 0, style: FormStyles.sectionCenter)
            try sheet.write(.string("Toàn tỉnh"), row: row, column: 1, style: FormStyles.sectionText)
            try writeCounts(totals, bold: true)
            try writeTimeliness(scope.groups.flatMap(\.units), bold: true)
            row += 2

            func listSection(_ title: String, _ units: [(Int, String)]) throws {
                try sheet.merge(CellRange(rows: row...row, columns: 0...last), value: .string(title), style: FormStyles.sectionText)
                row += 1
                if units.isEmpty {
                    try sheet.merge(CellRange(rows: row...row, columns: 0...last), value: "Không có.", style: FormStyles.cellText)
                    row += 1
                    return
                }
                let titles = ["TT", "Đơn vị", "Mã đơn vị", "Cấp học", "Ghi chú"]
                let spans: [ClosedRange<Int>] = [0...0, 1...1, 2...2, 3...4, 5...last]
                for (title, span) in zip(titles, spans) { try sheet.put(title, row: row, span: span, style: FormStyles.tableHeader) }
                row += 1
                for (position, entry) in units.enumerated() {
                    let unit = registry.units[entry.0]
                    let values = [String(position + 1), unit.name, unit.code, unit.levels.codes, entry.1]
                    let styles = [FormStyles.cellCenter, FormStyles.cellText, FormStyles.cellCenter, FormStyles.cellCenter, FormStyles.cellText]
                    for index in values.indices { try sheet.put(values[index], row: row, span: spans[index], style: styles[index]) }
                    row += 1
                }
            }
            var missing: [(Int, String)] = []
            var rejected: [(Int, String)] = []
            for group in scope.groups {
                for unit in group.units {
                    if !scope.submitted.contains(unit) { missing.append((unit, scope.label(ofManaging: group.code))) }
                    if let counts = byUnit[unit], counts.rejected > 0 {
                        rejected.append((unit, "\(counts.rejected)/\(counts.submitted) dòng bị loại — \(scope.label(ofManaging: group.code))"))
                    }
                }
            }
            try listSection("I. Đơn vị chưa nộp báo cáo (\(missing.count) đơn vị)", missing)
            row += 1
            try listSection("II. Đơn vị có dòng số liệu bị loại (\(rejected.count) đơn vị; chi tiết ở sheet Lỗi dữ liệu)", rejected)
            if let timeliness {
                var late: [(Int, String)] = []
                for group in scope.groups {
                    for unit in group.units {
                        guard let entry = timeliness.byUnit[unit], let days = entry.daysLate, days > 0, let received = entry.received else { continue }
                        late.append((unit, "nộp ngày \(received.display), muộn \(days) ngày (hạn \(entry.deadline?.display ?? "")) — \(scope.label(ofManaging: group.code))"))
                    }
                }
                row += 1
                try listSection("III. Đơn vị nộp muộn (\(late.count) đơn vị)", late)
            }
            row = try frame.writeFooter(&sheet, at: row + 1, context: context)
            try sheet.freezePanes(row: headerRow + 2, column: 0)
            try sheet.setPageSetup(FormFrame.pageSetup(landscape: timeliness != nil, repeatRows: headerRow...(headerRow + 1)))
        }
    }

}
