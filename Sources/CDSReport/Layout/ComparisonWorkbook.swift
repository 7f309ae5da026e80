import Foundation
import XLSX

/// The year-on-year workbook of `compare`: each indicator by level across the years (value, that
/// year's target, met, change from the year before, units meeting), managing units side by side,
/// the units that went backwards, implausible jumps, and trend charts.
public enum ComparisonWorkbook {
    public static func fileName(_ comparison: Comparison) -> String {
        let span = "\(comparison.years.first!.firstYear)-\(comparison.years.last!.firstYear + 1)"
        let base = "so-sanh-cds-\(comparison.kind.rawValue)-\(span)"
        return (comparison.managingUnit.map { "\(base)-\($0)" } ?? base) + ".xlsx"
    }

    /// Writes the workbook atomically into the folder; returns its name.
    public static func write(_ comparison: Comparison, forms: FormSettings, date: Date, to folder: URL) throws(OutputError) -> String {
        let name = fileName(comparison)
        let url = folder.appendingPathComponent(name)
        try AtomicFile.write(to: url) { temporary throws(OutputError) in
            do { try writeWorkbook(comparison, forms: forms, date: date, path: temporary.path) } catch {
                throw OutputError(path: url.path, reason: "\(error)")
            }
        }
        return name
    }

    static func writeWorkbook(_ comparison: Comparison, forms: FormSettings, date: Date, path: String) throws {
        let lastPeriod = Period(firstYear: comparison.years.last!.firstYear, kind: comparison.kind)
        let context = FormContext(settings: forms, registry: comparison.registry, period: lastPeriod, date: date,
                                  managingUnit: comparison.managingUnit)
        var workbook = try Workbook(path: path, properties: DocumentProperties(
            created: date, title: forms.form(.compareSummary).title, author: context.reportingBody, company: context.reportingBody,
            category: "Báo cáo thống kê", keywords: "CĐS; so sánh"))
        let layout = ComparisonLayout(comparison: comparison, context: context)
        try layout.summary(&workbook)
        try layout.managing(&workbook)
        try layout.backwards(&workbook)
        try layout.jumps(&workbook)
        try layout.charts(&workbook)
        try workbook.close()
    }
}

struct ComparisonLayout {
    let comparison: Comparison
    let context: FormContext

    var catalogue: Catalogue { comparison.catalogue }
    var years: [SchoolYear] { comparison.years }

    /// "Học kỳ I các năm học 2023-2024, 2024-2025".
    var subtitle: String {
        let kind: String
        switch comparison.kind {
        case .dn: kind = "Đầu năm"
        case .hk1: kind = "Học kỳ I"
        case .cn: kind = "Cuối năm"
        }
        return "\(kind) các năm học \(years.map(\.description).joined(separator: ", "))"
    }

    /// Rows by scope, code, indicator and level: one result per year (nil where the year has none).
    func series(_ scope: ScopeKind, _ code: String, indicator: Int, level: Level?) -> [ResultRow?] {
        var byYear = [ResultRow?](repeating: nil, count: years.count)
        for row in comparison.rows where row.result.scope == scope && row.result.scopeCode == code
            && row.result.indicator == indicator && row.result.level == level {
            if let position = years.firstIndex(of: row.year) { byYear[position] = row.result }
        }
        return byYear
    }

    /// Index of the comparison rows for quick lookups.
    private var index: [String: [ResultRow?]] {
        var index: [String: [ResultRow?]] = [:]
        for row in comparison.rows {
            let key = "\(row.result.scope.rawValue)|\(row.result.scopeCode)|\(row.result.indicator)|\(row.result.levelCode)"
            var list = index[key] ?? Array(repeating: nil, count: years.count)
            if let position = years.firstIndex(of: row.year) { list[position] = row.result }
            index[key] = list
        }
        return index
    }

    private var note: String {
        "Ghi chú: Số liệu các năm trước được tập hợp lại theo danh mục đơn vị hiện hành (năm học \(years.last!)): "
            + "\(comparison.regrouped) lượt đơn vị đổi mã hoặc sáp nhập được tính vào đơn vị kế tục (theo mã cũ khai trong danh mục); "
            + "\(comparison.closed) lượt đơn vị đã giải thể chỉ tính vào số liệu toàn tỉnh. Mỗi năm được đánh giá theo chỉ tiêu kế hoạch của năm đó; "
            + "số liệu toàn tỉnh mỗi năm bằng báo cáo của chính năm đó."
    }

    // MARK: Sheets

    func summary(_ workbook: inout Workbook) throws {
        let form = context.settings.form(.compareSummary)
        let perYear = 4
        let columnCount = 3 + perYear * years.count + (years.count - 1)
        let index = self.index
        let province = comparison.registry.so.code
        try workbook.addWorksheet(form.sheet) { sheet in
            let frame = FormFrame(columns: columnCount)
            try sheet.setColumn(0, width: 5, style: FormStyles.base)
            try sheet.setColumn(1, width: 40, style: FormStyles.base)
            try sheet.setColumn(2, width: 8, style: FormStyles.base)
            for column in 3..<columnCount { try sheet.setColumn(column, width: 10, style: FormStyles.base) }
            var row = try frame.writeHeader(&sheet, form: form, context: context, subtitle: subtitle)
            let headerRow = row
            try sheet.merge(CellRange(rows: row...(row + 1), columns: 0...0), value: "TT", style: FormStyles.tableHeader)
            try sheet.merge(CellRange(rows: row...(row + 1), columns: 1...1), value: "Chỉ tiêu", style: FormStyles.tableHeader)
            try sheet.merge(CellRange(rows: row...(row + 1), columns: 2...2), value: "Cấp học", style: FormStyles.tableHeader)
            var column = 3
            for (position, year) in years.enumerated() {
                try sheet.merge(CellRange(rows: row...row, columns: column...(column + perYear - 1)), value: .string("Năm học \(year)"),
                                style: FormStyles.tableHeader)
                for (offset, title) in ["Thực hiện", "Chỉ tiêu kế hoạch", "Đánh giá", "Đơn vị đạt / báo cáo"].enumerated() {
                    try sheet.write(.string(title), row: row + 1, column: column + offset, style: FormStyles.tableHeader)
                }
                column += perYear
                if position > 0 {
                    try sheet.merge(CellRange(rows: row...(row + 1), columns: column...column), value: .string("Thay đổi so với \(years[position - 1])"),
                                    style: FormStyles.tableHeader)
                    column += 1
                }
            }
            try sheet.setRow(row + 1, height: 45)
            row += 2
            var item = 0
            for (indicatorIndex, indicator) in catalogue.indicators.enumerated() {
                let levels: [Level?] = [nil] + Level.allCases.filter { indicator.levels.contains($0) }
                var first = true
                for level in levels {
                    let key = "province|\(province)|\(indicatorIndex)|\(level?.rawValue ?? "ALL")"
                    guard let values = index[key], values.contains(where: { $0 != nil }) else { continue }
                    let bold = level == nil
                    if first { item += 1 }
                    // A long name wraps: give its row the height of two lines.
                    if first, indicator.name.count > 38 { try sheet.setRow(row, height: 31) }
                    try sheet.write(.string(first ? String(item) : ""), row: row, column: 0, style: bold ? FormStyles.sectionCenter : FormStyles.cellCenter)
                    try sheet.write(.string(first ? indicator.name : ""), row: row, column: 1, style: bold ? FormStyles.sectionText : FormStyles.cellText)
                    try sheet.write(.string(level?.rawValue ?? "Chung"), row: row, column: 2, style: bold ? FormStyles.sectionCenter : FormStyles.cellCenter)
                    first = false
                    var column = 3
                    for (position, result) in values.enumerated() {
                        try TableWriter.value(&sheet, row: row, column: column, value: result?.value, indicator: indicator, bold: bold,
                                              highlight: result?.met == false)
                        try sheet.write(.string(result?.target?.display(asShare: indicator.isShare) ?? ""), row: row, column: column + 1, style: FormStyles.cellCenter)
                        try sheet.write(.string(TableWriter.verdict(result?.met)), row: row, column: column + 2, style: FormStyles.cellCenter)
                        let counts = result.flatMap { r in r.unitsMeeting.map { "\($0)/\(r.unitsReporting)" } } ?? ""
                        try sheet.write(.string(counts), row: row, column: column + 3, style: FormStyles.cellCenter)
                        column += perYear
                        if position > 0 {
                            var change: Double?
                            if let now = result?.value, let before = values[position - 1]?.value { change = now - before }
                            try TableWriter.value(&sheet, row: row, column: column, value: change, indicator: indicator)
                            column += 1
                        }
                    }
                    row += 1
                }
            }
            row += 1
            try sheet.merge(CellRange(rows: row...row, columns: 0...(columnCount - 1)), value: .string(note), style: FormStyles.note)
            try sheet.setRow(row, height: 45)
            row = try frame.writeFooter(&sheet, at: row + 2, context: context)
            try sheet.freezePanes(row: headerRow + 2, column: 3)
            try sheet.setPageSetup(FormFrame.pageSetup(landscape: true, repeatRows: headerRow...(headerRow + 1)))
        }
    }

    /// Key indicators: those with a target, at ALL.
    var keyIndicators: [Int] {
        let targeted = catalogue.indicators.indices.filter { index in
            comparison.yearly.contains { $0.targets.hasAnyTarget(indicator: index, levels: catalogue.indicators[index].levels) }
        }
        return Array(targeted.prefix(4))
    }

    func managing(_ workbook: inout Workbook) throws {
        let form = context.settings.form(.compareManaging)
        let keys = keyIndicators
        let columnCount = 2 + keys.count * years.count
        let index = self.index
        let codes = Array(Set(comparison.rows.filter { $0.result.scope == .managingUnit }.map(\.result.scopeCode)))
            .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        try workbook.addWorksheet(form.sheet) { sheet in
            let frame = FormFrame(columns: columnCount)
            try sheet.setColumn(0, width: 5, style: FormStyles.base)
            try sheet.setColumn(1, width: 34, style: FormStyles.base)
            for column in 2..<max(columnCount, 3) { try sheet.setColumn(column, width: 10, style: FormStyles.base) }
            var row = try frame.writeHeader(&sheet, form: form, context: context, subtitle: subtitle + " — chung các cấp học")
            let headerRow = row
            try sheet.merge(CellRange(rows: row...(row + 1), columns: 0...0), value: "TT", style: FormStyles.tableHeader)
            try sheet.merge(CellRange(rows: row...(row + 1), columns: 1...1), value: "Đơn vị quản lý (theo danh mục hiện hành)", style: FormStyles.tableHeader)
            for (offset, indicatorIndex) in keys.enumerated() {
                let first = 2 + offset * years.count
                let indicator = catalogue.indicators[indicatorIndex]
                let range = CellRange(rows: row...row, columns: first...(first + years.count - 1))
                if years.count > 1 {
                    try sheet.merge(range, value: .string("\(indicator.name) (\(indicator.unitOfMeasure))"), style: FormStyles.tableHeader)
                } else {
                    try sheet.write(.string(indicator.name), row: row, column: first, style: FormStyles.tableHeader)
                }
                for (position, year) in years.enumerated() {
                    try sheet.write(.string(year.description), row: row + 1, column: first + position, style: FormStyles.tableHeader)
                }
            }
            try sheet.setRow(row, height: 60)
            row += 2
            let province = comparison.registry.so.code
            let lines = codes.map { ($0, ScopeKind.managingUnit) } + [(province, ScopeKind.province)]
            for (position, line) in lines.enumerated() {
                let isTotal = line.1 == .province
                let label = isTotal ? "Toàn tỉnh" : (line.0 == province ? "Trực thuộc Sở" : ReportScope.shortName(comparison.registry.unit(code: line.0)?.name ?? line.0))
                try sheet.write(.string(isTotal ? "" : String(position + 1)), row: row, column: 0, style: FormStyles.cellCenter)
                try sheet.write(.string(label), row: row, column: 1, style: isTotal ? FormStyles.sectionText : FormStyles.cellText)
                for (offset, indicatorIndex) in keys.enumerated() {
                    let values = index["\(line.1.rawValue)|\(line.0)|\(indicatorIndex)|ALL"] ?? Array(repeating: nil, count: years.count)
                    for (yearPosition, result) in values.enumerated() {
                        try TableWriter.value(&sheet, row: row, column: 2 + offset * years.count + yearPosition, value: result?.value,
                                              indicator: catalogue.indicators[indicatorIndex], bold: isTotal, highlight: result?.met == false)
                    }
                }
                row += 1
            }
            row += 1
            try sheet.merge(CellRange(rows: row...row, columns: 0...(columnCount - 1)), value: .string(note), style: FormStyles.note)
            try sheet.setRow(row, height: 45)
            row = try frame.writeFooter(&sheet, at: row + 2, context: context)
            try sheet.freezePanes(row: headerRow + 2, column: 2)
            try sheet.setPageSetup(FormFrame.pageSetup(landscape: true, repeatRows: headerRow...(headerRow + 1)))
        }
    }

    func backwards(_ workbook: inout Workbook) throws {
        let form = context.settings.form(.compareBackwards)
        let headers = ["TT", "Mã đơn vị", "Tên đơn vị", "Chỉ tiêu", "Cấp học", "Năm học trước", "Kết quả năm trước", "Năm học sau",
                       "Kết quả năm sau", "Thay đổi"]
        let keys = Set(keyIndicators)
        // Units whose value got worse from one year to the next, on an indicator with a target.
        var entries: [(ResultRow, ResultRow, SchoolYear, SchoolYear)] = []
        var previous: [String: (SchoolYear, ResultRow)] = [:]
        for row in comparison.rows where row.result.scope == .unit && keys.contains(row.result.indicator) {
            let r = row.result
            let key = "\(r.scopeCode)|\(r.indicator)|\(r.levelCode)"
            if let (year, before) = previous[key], let now = r.value, let then = before.value {
                let higherIsBetter = catalogue.indicators[r.indicator].direction == .higherIsBetter
                if higherIsBetter ? now < then - 1e-12 : now > then + 1e-12 { entries.append((before, r, year, row.year)) }
            }
            previous[key] = (row.year, r)
        }
        try workbook.addWorksheet(form.sheet) { sheet in
            let frame = FormFrame(columns: headers.count)
            for (column, width) in [5.0, 11, 36, 32, 8, 10, 11, 10, 11, 10].enumerated() { try sheet.setColumn(column, width: width, style: FormStyles.base) }
            var row = try frame.writeHeader(&sheet, form: form, context: context, subtitle: subtitle)
            let headerRow = row
            try TableWriter.header(&sheet, row: row, headers: headers, textColumns: 5)
            row += 2
            for (position, entry) in entries.enumerated() {
                let indicator = catalogue.indicators[entry.1.indicator]
                try sheet.write(.string(String(position + 1)), row: row, column: 0, style: FormStyles.cellCenter)
                try sheet.write(.string(entry.1.scopeCode), row: row, column: 1, style: FormStyles.cellCenter)
                try sheet.write(.string(entry.1.scopeName), row: row, column: 2, style: FormStyles.cellText)
                try sheet.write(.string(indicator.name), row: row, column: 3, style: FormStyles.cellText)
                try sheet.write(.string(entry.1.level?.rawValue ?? "Chung"), row: row, column: 4, style: FormStyles.cellCenter)
                try sheet.write(.string(entry.2.description), row: row, column: 5, style: FormStyles.cellCenter)
                try TableWriter.value(&sheet, row: row, column: 6, value: entry.0.value, indicator: indicator)
                try sheet.write(.string(entry.3.description), row: row, column: 7, style: FormStyles.cellCenter)
                try TableWriter.value(&sheet, row: row, column: 8, value: entry.1.value, indicator: indicator, highlight: entry.1.met == false)
                try TableWriter.value(&sheet, row: row, column: 9, value: (entry.1.value ?? 0) - (entry.0.value ?? 0), indicator: indicator)
                row += 1
            }
            if entries.isEmpty {
                try sheet.merge(CellRange(rows: row...row, columns: 0...(headers.count - 1)), value: "Không có đơn vị nào có kết quả giảm.", style: FormStyles.cellText)
                row += 1
            }
            row = try frame.writeFooter(&sheet, at: row + 1, context: context)
            try sheet.freezePanes(row: headerRow + 2, column: 0)
            if !entries.isEmpty { try sheet.autofilter(CellRange(rows: headerRow...(headerRow + 1 + entries.count), columns: 0...(headers.count - 1))) }
            try sheet.setPageSetup(FormFrame.pageSetup(landscape: true, repeatRows: headerRow...(headerRow + 1)))
        }
    }

    func jumps(_ workbook: inout Workbook) throws {
        let form = context.settings.form(.compareJumps)
        let headers = ["TT", "Mã đơn vị", "Tên đơn vị", "Cấp học", "Số liệu", "Năm học trước", "Giá trị năm trước", "Năm học sau",
                       "Giá trị năm sau", "Gấp (lần)"]
        try workbook.addWorksheet(form.sheet) { sheet in
            let frame = FormFrame(columns: headers.count)
            for (column, width) in [5.0, 11, 36, 8, 34, 10, 11, 10, 11, 9].enumerated() { try sheet.setColumn(column, width: width, style: FormStyles.base) }
            var row = try frame.writeHeader(&sheet, form: form, context: context, subtitle: subtitle + " — tăng từ 3 lần hoặc giảm từ một nửa trở lên")
            let headerRow = row
            try TableWriter.header(&sheet, row: row, headers: headers, textColumns: 5)
            row += 2
            for (position, jump) in comparison.jumps.enumerated() {
                try sheet.write(.string(String(position + 1)), row: row, column: 0, style: FormStyles.cellCenter)
                try sheet.write(.string(jump.unitCode), row: row, column: 1, style: FormStyles.cellCenter)
                try sheet.write(.string(jump.unitName), row: row, column: 2, style: FormStyles.cellText)
                try sheet.write(.string(jump.level.rawValue), row: row, column: 3, style: FormStyles.cellCenter)
                try sheet.write(.string(jump.label), row: row, column: 4, style: FormStyles.cellText)
                try sheet.write(.string(jump.previousYear.description), row: row, column: 5, style: FormStyles.cellCenter)
                try TableWriter.integer(&sheet, row: row, column: 6, jump.previous)
                try sheet.write(.string(jump.year.description), row: row, column: 7, style: FormStyles.cellCenter)
                try TableWriter.integer(&sheet, row: row, column: 8, jump.current)
                try TableWriter.value(&sheet, row: row, column: 9, value: Double(jump.current) / Double(jump.previous), percent: false, highlight: true)
                row += 1
            }
            if comparison.jumps.isEmpty {
                try sheet.merge(CellRange(rows: row...row, columns: 0...(headers.count - 1)), value: "Không có số liệu thay đổi bất thường.", style: FormStyles.cellText)
                row += 1
            }
            row = try frame.writeFooter(&sheet, at: row + 1, context: context)
            try sheet.freezePanes(row: headerRow + 2, column: 0)
            try sheet.setPageSetup(FormFrame.pageSetup(landscape: true, repeatRows: headerRow...(headerRow + 1)))
        }
    }

    func charts(_ workbook: inout Workbook) throws {
        let form = context.settings.form(.compareCharts)
        let keys = keyIndicators
        let index = self.index
        let province = comparison.registry.so.code
        try workbook.addWorksheet(form.sheet) { sheet in
            let name = sheet.name
            let columnCount = max(2 + keys.count, 6)
            let frame = FormFrame(columns: columnCount)
            try sheet.setColumn(0, width: 5, style: FormStyles.base)
            try sheet.setColumn(1, width: 14, style: FormStyles.base)
            for column in 2..<columnCount { try sheet.setColumn(column, width: 18, style: FormStyles.base) }
            var row = try frame.writeHeader(&sheet, form: form, context: context, subtitle: subtitle + " — toàn tỉnh, chung các cấp học")
            try sheet.write(.string("TT"), row: row, column: 0, style: FormStyles.tableHeader)
            try sheet.write(.string("Năm học"), row: row, column: 1, style: FormStyles.tableHeader)
            for (offset, indicatorIndex) in keys.enumerated() {
                try sheet.write(.string(catalogue.indicators[indicatorIndex].name), row: row, column: 2 + offset, style: FormStyles.tableHeader)
            }
            try sheet.setRow(row, height: 60)
            row += 1
            let first = row
            for (position, year) in years.enumerated() {
                try sheet.write(.string(String(position + 1)), row: row, column: 0, style: FormStyles.cellCenter)
                try sheet.write(.string(year.description), row: row, column: 1, style: FormStyles.cellCenter)
                for (offset, indicatorIndex) in keys.enumerated() {
                    let result = index["province|\(province)|\(indicatorIndex)|ALL"]?[position] ?? nil
                    try TableWriter.value(&sheet, row: row, column: 2 + offset, value: result?.value, indicator: catalogue.indicators[indicatorIndex])
                }
                row += 1
            }
            let last = row - 1
            row += 1
            for (offset, indicatorIndex) in keys.enumerated() {
                let indicator = catalogue.indicators[indicatorIndex]
                let chart = Chart(.line, title: indicator.name,
                                  series: [ChartSeries(name: "Toàn tỉnh", values: SheetRange(sheet: name, rows: first...last, columns: (2 + offset)...(2 + offset)),
                                                       categories: SheetRange(sheet: name, rows: first...last, columns: 1...1),
                                                       dataLabels: ChartSeries.DataLabels(showValue: true, numberFormat: indicator.isShare ? "0.0%" : "0.00"),
                                                       color: Color(rgb: 0x4F6D8F))],
                                  valueAxis: Chart.Axis(minimum: 0, numberFormat: indicator.isShare ? "0%" : "0.0", majorGridlines: true),
                                  legend: .none)
                try sheet.insertChart(chart, at: CellAddress(row: row + (offset / 2) * 16, column: offset % 2 == 0 ? 1 : 3),
                                      placement: ChartPlacement(xScale: 0.9, yScale: 1))
            }
            row = try frame.writeFooter(&sheet, at: row + ((keys.count + 1) / 2) * 16 + 1, context: context)
            var setup = FormFrame.pageSetup(landscape: false, repeatRows: nil)
            setup.fitToPages = PageSetup.FitToPages(width: 1, height: 1)
            try sheet.setPageSetup(setup)
        }
    }
}
