import XLSX

/// "Đơn vị chưa đạt": for each indicator with a target, what is still missing in concrete terms
/// (computers to buy, signatures to issue, staff to train, online periods to teach, payers to
/// move to cashless), with subtotals per managing unit — what a procurement or training plan is
/// made from.
///
/// A target for every unit (`each_unit`) lists the units that miss it, each with its own gap
/// (unit shares: each failing unit once, so the total equals the province's shortfall). A target
/// for the scope as a whole (`average`) lists the managing units that miss it, each with its own
/// gap; the province's own gap closes the section (it is not the sum of the parts).
struct ShortfallSheet {
    let products: RunProducts
    let context: FormContext

    static let headers = ["TT", "Mã đơn vị", "Tên đơn vị", "Cấp học", "Thực hiện", "Chỉ tiêu kế hoạch", "Phần còn thiếu", "Đơn vị tính"]
    static let widths: [Double] = [6, 11, 44, 9, 12, 13, 12, 18]

    func write(_ workbook: inout Workbook) throws {
        let scope = ReportScope(products: products)
        let catalogue = products.catalogue
        let registry = products.registry
        let form = context.settings.form(.shortfalls)
        try workbook.addWorksheet(form.sheet) { sheet in
            let frame = FormFrame(columns: Self.headers.count)
            for (column, width) in Self.widths.enumerated() { try sheet.setColumn(column, width: width, style: FormStyles.base) }
            var row = try frame.writeHeader(&sheet, form: form, context: context)
            let headerRow = row
            try TableWriter.header(&sheet, row: row, headers: Self.headers, textColumns: 4)
            row += 2
            let last = Self.headers.count - 1

            func section(_ text: String) throws {
                try sheet.merge(CellRange(rows: row...row, columns: 0...last), value: .string(text), style: FormStyles.sectionText)
                try sheet.setRow(row, height: 30)
                row += 1
            }
            func total(_ label: String, _ amount: Int?, unit: String, grand: Bool) throws {
                let style = grand ? FormStyles.sectionText : FormStyles.cellText.with { $0.italic = true; $0.bold = true }
                try sheet.merge(CellRange(rows: row...row, columns: 0...5), value: .string(label), style: style)
                try TableWriter.integer(&sheet, row: row, column: 6, amount.map { Int($0) }, bold: true)
                try sheet.write(.string(unit), row: row, column: 7, style: FormStyles.sectionCenter)
                row += 1
            }
            func line(ordinal: String, code: String, name: String, level: String, result: ResultRow, indicator: Indicator) throws {
                try sheet.write(.string(ordinal), row: row, column: 0, style: FormStyles.cellCenter)
                try sheet.write(.string(code), row: row, column: 1, style: FormStyles.cellCenter)
                try sheet.write(.string(name), row: row, column: 2, style: FormStyles.cellText)
                try sheet.write(.string(level), row: row, column: 3, style: FormStyles.cellCenter)
                if result.value == nil, result.met == false {
                    try sheet.write(.string("Không có máy"), row: row, column: 4, style: FormStyles.cellCenter)
                } else {
                    try TableWriter.value(&sheet, row: row, column: 4, value: result.value, indicator: indicator)
                }
                try sheet.write(.string(result.target?.display(asShare: indicator.isShare) ?? ""), row: row, column: 5, style: FormStyles.cellCenter)
                try TableWriter.integer(&sheet, row: row, column: 6, result.shortfall.map { Int($0) })
                try sheet.write(.string(indicator.shortfallUnit), row: row, column: 7, style: FormStyles.cellCenter)
                row += 1
            }

            var sectionNumber = 0
            for index in scope.targetedIndicators {
                let indicator = catalogue.indicators[index]
                let basis = products.targets.basis(indicator: index)
                sectionNumber += 1
                let targets = indicator.levels.compactMap { level in
                    products.targets.target(indicator: index, level: level).map { "\(level.rawValue) \($0.display(asShare: indicator.isShare))" }
                }.joined(separator: "; ")
                let basisText = basis == .average ? "chỉ tiêu chung cho cả phạm vi" : "chỉ tiêu cho từng đơn vị"
                try section("\(RomanNumeral.of(sectionNumber)). \(indicator.name) — \(indicator.shortfallLabel) (\(basisText): \(targets))")
                var item = 0
                var grand = 0
                var anyGap = false
                for group in scope.groups {
                    var lines: [(Unit, String, ResultRow)] = []
                    if basis == .eachUnit {
                        for unitIndex in group.units {
                            let unit = registry.units[unitIndex]
                            if case .unitShare = indicator.kind {
                                if let all = products.results.row(.unit, unit.code, indicator: index, level: nil),
                                   (all.shortfall ?? 0) > 0 || all.unitsMeeting == 0 && all.unitsReporting > 0 {
                                    let levels = indicator.levels.intersection(unit.levels).codes
                                    lines.append((unit, levels, all))
                                }
                            } else {
                                for level in indicator.levels.intersection(unit.levels) {
                                    guard products.targets.target(indicator: index, level: level) != nil,
                                          let result = products.results.row(.unit, unit.code, indicator: index, level: level),
                                          result.met == false || (result.shortfall ?? 0) > 0 else { continue }
                                    lines.append((unit, level.rawValue, result))
                                }
                            }
                        }
                    } else if let managing = registry.unit(code: group.code) {
                        for level in indicator.levels {
                            guard products.targets.target(indicator: index, level: level) != nil,
                                  let result = scope.managingRow(group.code, indicator: index, level: level),
                                  result.met == false || (result.shortfall ?? 0) > 0 else { continue }
                            lines.append((managing, level.rawValue, result))
                        }
                    }
                    guard !lines.isEmpty else { continue }
                    anyGap = true
                    let label = scope.label(ofManaging: group.code)
                    if basis == .eachUnit {
                        try sheet.merge(CellRange(rows: row...row, columns: 0...last), value: .string(label),
                                        style: FormStyles.cellText.with { $0.bold = true; $0.italic = true })
                        row += 1
                    }
                    var subtotal = 0
                    for (unit, level, result) in lines {
                        item += 1
                        let name = basis == .eachUnit ? unit.name : label
                        try line(ordinal: String(item), code: unit.code, name: name, level: level, result: result, indicator: indicator)
                        subtotal += result.shortfall ?? 0
                    }
                    grand += subtotal
                    if basis == .eachUnit { try total("Cộng \(label)", subtotal, unit: indicator.shortfallUnit, grand: false) }
                }
                if !anyGap {
                    try sheet.merge(CellRange(rows: row...row, columns: 0...last), value: "Không có đơn vị chưa đạt.", style: FormStyles.cellText)
                    row += 1
                }
                if basis == .eachUnit {
                    try total("Tổng cộng \(indicator.shortfallLabel.lowercasedFirst)", anyGap ? grand : 0, unit: indicator.shortfallUnit, grand: true)
                } else {
                    let province = scope.provinceRow(indicator: index, level: nil)
                    try total("Toàn phạm vi báo cáo còn thiếu (tính trên toàn phạm vi, không cộng các dòng trên)", province?.shortfall,
                              unit: indicator.shortfallUnit, grand: true)
                }
            }
            if sectionNumber == 0 {
                try section("Kế hoạch không đặt chỉ tiêu nào nên không có phần còn thiếu.")
            }
            row = try frame.writeFooter(&sheet, at: row + 1, context: context)
            try sheet.freezePanes(row: headerRow + 2, column: 0)
            try sheet.setPageSetup(FormFrame.pageSetup(landscape: false, repeatRows: headerRow...(headerRow + 1)))
        }
    }
}

/// Roman numerals for the sections of a form (I, II, …).
enum RomanNumeral {
    static func of(_ number: Int) -> String {
        let table: [(Int, String)] = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
                                      (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
        var rest = number
        var text = ""
        for (value, symbol) in table {
            while rest >= value {
                text += symbol
                rest -= value
            }
        }
        return text
    }
}
