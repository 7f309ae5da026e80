import XLSX

/// "Theo đơn vị quản lý": every managing unit (district office or commune, and "Trực thuộc Sở")
/// against every indicator — the result for all levels together and, where there is a target,
/// the units meeting it out of those reporting — with the province's total row.
///
/// Rows are sorted with the laggards first: by the share of (unit, indicator) pairs that meet
/// their target, over the indicators that have one.
struct ManagingUnitSheet {
    let products: RunProducts
    let context: FormContext

    func write(_ workbook: inout Workbook) throws {
        let scope = ReportScope(products: products)
        let catalogue = products.catalogue
        let targeted = Set(scope.targetedIndicators)
        // Column plan: TT, name, then per indicator its result (and "đạt/báo cáo" when targeted), then the overall share.
        var columns: [(indicator: Int, isCount: Bool)] = []
        for index in catalogue.indicators.indices {
            columns.append((index, false))
            if targeted.contains(index) { columns.append((index, true)) }
        }
        let firstData = 2
        let overallColumn = firstData + columns.count
        let columnCount = overallColumn + 1

        struct Line {
            let label: String
            let code: String
            let kind: ScopeKind
            let share: Double?
        }
        func overallShare(kind: ScopeKind, code: String) -> Double? {
            var meeting = 0, reporting = 0
            for index in targeted {
                guard let row = products.results.row(kind, code, indicator: index, level: nil), let met = row.unitsMeeting else { continue }
                meeting += met
                reporting += row.unitsReporting
            }
            return reporting > 0 ? Double(meeting) / Double(reporting) : nil
        }
        var lines = scope.groups.map { group in
            Line(label: scope.label(ofManaging: group.code), code: group.code, kind: .managingUnit,
                 share: overallShare(kind: .managingUnit, code: group.code))
        }
        lines.sort { a, b in
            switch (a.share, b.share) {
            case let (x?, y?) where x != y: return x < y
            case (nil, _?): return false
            case (_?, nil): return true
            default: return a.code.utf8.lexicographicallyPrecedes(b.code.utf8)
            }
        }
        let province = products.registry.so.code
        let total = Line(label: "Toàn tỉnh", code: province, kind: .province, share: overallShare(kind: .province, code: province))

        let form = context.settings.form(.byManagingUnit)
        try workbook.addWorksheet(form.sheet) { sheet in
            let frame = FormFrame(columns: columnCount)
            try sheet.setColumn(0, width: 5, style: FormStyles.base)
            try sheet.setColumn(1, width: 32, style: FormStyles.base)
            for (offset, column) in columns.enumerated() {
                try sheet.setColumn(firstData + offset, width: column.isCount ? 9 : 10, style: FormStyles.base)
            }
            try sheet.setColumn(overallColumn, width: 11, style: FormStyles.base)
            var row = try frame.writeHeader(&sheet, form: form, context: context,
                                            subtitle: "\(context.period.vietnameseTitle) — chung các cấp học; xếp từ đơn vị có tỷ lệ đạt thấp nhất")
            let headerRow = row
            // Two header rows: the indicator over its columns, then what each column holds. In
            // order: the first row's own cells, then the merges down both rows, then the second
            // row (a two-row merge writes the second row, after which the first is closed).
            try sheet.setRow(row, height: 92)
            var groups: [(first: Int, span: Int, index: Int)] = []
            var offset = 0
            while offset < columns.count {
                let index = columns[offset].indicator
                let span = (offset + 1 < columns.count && columns[offset + 1].indicator == index) ? 2 : 1
                groups.append((firstData + offset, span, index))
                offset += span
            }
            for group in groups where group.span > 1 {
                let indicator = catalogue.indicators[group.index]
                try sheet.merge(CellRange(rows: row...row, columns: group.first...(group.first + 1)),
                                value: .string("\(indicator.name) (\(indicator.unitOfMeasure))"), style: FormStyles.tableHeader)
            }
            try sheet.merge(CellRange(rows: row...(row + 1), columns: 0...0), value: "TT", style: FormStyles.tableHeader)
            try sheet.merge(CellRange(rows: row...(row + 1), columns: 1...1), value: "Đơn vị quản lý", style: FormStyles.tableHeader)
            for group in groups where group.span == 1 {
                let indicator = catalogue.indicators[group.index]
                try sheet.merge(CellRange(rows: row...(row + 1), columns: group.first...group.first),
                                value: .string("\(indicator.name) (\(indicator.unitOfMeasure))"), style: FormStyles.tableHeader)
            }
            try sheet.merge(CellRange(rows: row...(row + 1), columns: overallColumn...overallColumn),
                            value: "Tỷ lệ lượt đơn vị đạt chỉ tiêu", style: FormStyles.tableHeader)
            try sheet.setRow(row + 1, height: 32)
            for group in groups where group.span > 1 {
                try sheet.write(.string("Thực hiện"), row: row + 1, column: group.first, style: FormStyles.tableHeader)
                try sheet.write(.string("Đơn vị đạt / báo cáo"), row: row + 1, column: group.first + 1, style: FormStyles.tableHeader)
            }
            for column in 0..<columnCount {
                let mark = column < 2 ? String(UnicodeScalar(UInt8(65 + column))) : String(column - 1)
                try sheet.write(.string(mark), row: row + 2, column: column, style: FormStyles.numbering)
            }
            row += 3

            func writeLine(_ line: Line, ordinal: String, bold: Bool) throws {
                let center = bold ? FormStyles.sectionCenter : FormStyles.cellCenter
                try sheet.write(.string(ordinal), row: row, column: 0, style: center)
                try sheet.write(.string(line.label), row: row, column: 1, style: bold ? FormStyles.sectionText : FormStyles.cellText)
                for (offset, column) in columns.enumerated() {
                    let indicator = catalogue.indicators[column.indicator]
                    let result = products.results.row(line.kind, line.code, indicator: column.indicator, level: nil)
                    if column.isCount {
                        let text = result.flatMap { r in r.unitsMeeting.map { "\($0)/\(r.unitsReporting)" } } ?? ""
                        try sheet.write(.string(text), row: row, column: firstData + offset, style: center)
                    } else {
                        let misses = result?.met == false
                        try TableWriter.value(&sheet, row: row, column: firstData + offset, value: result?.value, indicator: indicator,
                                              bold: bold || misses, highlight: misses)
                    }
                }
                try TableWriter.value(&sheet, row: row, column: overallColumn, value: line.share, percent: true, bold: bold)
                try sheet.setRow(row, height: line.label.count > 34 ? 30 : 16)
                row += 1
            }
            for (position, line) in lines.enumerated() { try writeLine(line, ordinal: String(position + 1), bold: false) }
            try writeLine(total, ordinal: "", bold: true)
            row += 1
            let note = "Ghi chú: Thực hiện là kết quả chung các cấp học (tỷ lệ gộp); ô in đậm, nền tô là chưa đạt chỉ tiêu chung. "
                + "\"Đơn vị đạt / báo cáo\": số đơn vị đạt chỉ tiêu của cấp mình trên số đơn vị có số liệu. "
                + "Tỷ lệ lượt đơn vị đạt = tổng số lượt đạt / tổng số lượt báo cáo trên các chỉ tiêu có chỉ tiêu kế hoạch; dùng để xếp thứ tự."
            try sheet.merge(CellRange(rows: row...row, columns: 0...(columnCount - 1)), value: .string(note), style: FormStyles.note)
            try sheet.setRow(row, height: 30)
            row = try frame.writeFooter(&sheet, at: row + 2, context: context)
            try sheet.freezePanes(row: headerRow + 3, column: 2)
            try sheet.setPageSetup(FormFrame.pageSetup(landscape: true, repeatRows: headerRow...(headerRow + 2)))
        }
    }
}
