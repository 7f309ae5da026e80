import XLSX

/// "Biểu đồ": where people would rather look than read — attainment by managing unit for the key
/// indicators against the target line, and the distribution of units by self-assessed maturity
/// level (Decision 4725). Native Excel charts over the small data tables printed beside them.
struct ChartsSheet {
    let products: RunProducts
    let context: FormContext
    /// How many indicators get an attainment chart.
    static let keyIndicatorCount = 4
    /// A chart (480 × 288 pixels at scale 1) spans about 15 rows of 20 pixels; one more for air.
    static let chartRows = 16
    static let chartScale = 0.95
    /// Columns 1 (30 wide) and 2–4 (12 wide each) hold a 456-pixel chart; the second starts at 5.
    static let rightChartColumn = 5

    /// A managing unit's name as a chart's axis prints it: the place only ("Phòng GDĐT Huyện
    /// Kim Sơn" becomes "Kim Sơn"), so that twenty labels fit under the bars.
    static func categoryName(_ label: String) -> String {
        var name = label
        for prefix in ["Phòng GDĐT ", "UBND "] where name.hasPrefix(prefix) { name = String(name.dropFirst(prefix.count)) }
        for prefix in ["Thành phố ", "Thị xã ", "Huyện ", "Quận ", "Thị trấn ", "xã ", "Xã ", "phường ", "Phường ", "đặc khu ", "Đặc khu "]
            where name.hasPrefix(prefix) {
            name = String(name.dropFirst(prefix.count))
        }
        return name
    }

    func write(_ workbook: inout Workbook) throws {
        let scope = ReportScope(products: products)
        let catalogue = products.catalogue
        let targets = products.targets
        // Key indicators: those with a target, each at ALL when the target is common, else at its
        // first level with a target.
        var keys: [(indicator: Int, level: Level?, target: Target)] = []
        for index in scope.targetedIndicators {
            let indicator = catalogue.indicators[index]
            if let common = targets.commonTarget(indicator: index, levels: indicator.levels) {
                keys.append((index, nil, common))
            } else if let level = indicator.levels.first(where: { targets.target(indicator: index, level: $0) != nil }),
                      let target = targets.target(indicator: index, level: level) {
                keys.append((index, level, target))
            }
            if keys.count == Self.keyIndicatorCount { break }
        }
        let form = context.settings.form(.charts)
        let columnCount = 2 + keys.count * 2
        try workbook.addWorksheet(form.sheet) { sheet in
            let name = sheet.name
            let frame = FormFrame(columns: max(columnCount, 6))
            try sheet.setColumn(0, width: 5, style: FormStyles.base)
            try sheet.setColumn(1, width: 30, style: FormStyles.base)
            for column in 2..<max(columnCount, 6) { try sheet.setColumn(column, width: 12, style: FormStyles.base) }
            var row = try frame.writeHeader(&sheet, form: form, context: context)

            // Table 1: key indicators by managing unit, with each target beside it (the target line).
            try sheet.write(.string("TT"), row: row, column: 0, style: FormStyles.tableHeader)
            try sheet.write(.string("Đơn vị quản lý"), row: row, column: 1, style: FormStyles.tableHeader)
            for (position, key) in keys.enumerated() {
                let indicator = catalogue.indicators[key.indicator]
                let level = key.level.map { " — \($0.vietnameseName)" } ?? ""
                try sheet.write(.string("\(indicator.name)\(level)"), row: row, column: 2 + position * 2, style: FormStyles.tableHeader)
                try sheet.write(.string("Chỉ tiêu"), row: row, column: 3 + position * 2, style: FormStyles.tableHeader)
            }
            try sheet.setRow(row, height: 78)
            let headerRow = row
            row += 1
            let firstDataRow = row
            for (position, group) in scope.groups.enumerated() {
                try sheet.write(.string(String(position + 1)), row: row, column: 0, style: FormStyles.cellCenter)
                try sheet.write(.string(Self.categoryName(scope.label(ofManaging: group.code))), row: row, column: 1, style: FormStyles.cellText)
                for (offset, key) in keys.enumerated() {
                    let indicator = catalogue.indicators[key.indicator]
                    let result = scope.managingRow(group.code, indicator: key.indicator, level: key.level)
                    try TableWriter.value(&sheet, row: row, column: 2 + offset * 2, value: result?.value, indicator: indicator,
                                          highlight: result?.met == false)
                    try TableWriter.value(&sheet, row: row, column: 3 + offset * 2, value: key.target.value.doubleValue, indicator: indicator)
                }
                row += 1
            }
            let lastDataRow = row - 1
            row += 1

            // Table 2: units by self-assessed maturity level.
            let distribution = maturityDistribution(scope)
            try sheet.write(.string("Mức độ chuyển đổi số tự đánh giá"), row: row, column: 1, style: FormStyles.tableHeader)
            try sheet.write(.string("Số đơn vị"), row: row, column: 2, style: FormStyles.tableHeader)
            try sheet.write(.string("Tỷ lệ"), row: row, column: 3, style: FormStyles.tableHeader)
            row += 1
            let firstLevelRow = row
            let counted = distribution.reduce(0) { $0 + $1.count }
            for entry in distribution {
                try sheet.write(.string(entry.label), row: row, column: 1, style: FormStyles.cellText)
                try TableWriter.integer(&sheet, row: row, column: 2, entry.count)
                try TableWriter.value(&sheet, row: row, column: 3, value: counted > 0 ? Double(entry.count) / Double(counted) : nil, percent: true)
                row += 1
            }
            let lastLevelRow = row - 1
            row += 1

            // The charts, two a row.
            let chartRow = row
            let categories = SheetRange(sheet: name, rows: firstDataRow...lastDataRow, columns: 1...1)
            for (position, key) in keys.enumerated() where lastDataRow >= firstDataRow {
                let indicator = catalogue.indicators[key.indicator]
                let format = indicator.isShare ? "0%" : "0.0"
                let level = key.level.map { " (\($0.vietnameseName))" } ?? ""
                let chart = Chart(
                    .column, title: "\(indicator.name)\(level)",
                    series: [
                        ChartSeries(name: "Thực hiện", values: SheetRange(sheet: name, rows: firstDataRow...lastDataRow, columns: (2 + position * 2)...(2 + position * 2)),
                                    categories: categories, color: Color(rgb: 0x4F6D8F)),
                        ChartSeries(name: .text("Chỉ tiêu \(key.target.display(asShare: indicator.isShare))"),
                                    values: SheetRange(sheet: name, rows: firstDataRow...lastDataRow, columns: (3 + position * 2)...(3 + position * 2)),
                                    categories: categories, color: Color(rgb: 0xC00000), role: .targetLine),
                    ],
                    valueAxis: Chart.Axis(minimum: 0, numberFormat: format, majorGridlines: true), legend: .bottom)
                let anchor = CellAddress(row: chartRow + (position / 2) * Self.chartRows, column: (position % 2) == 0 ? 1 : Self.rightChartColumn)
                try sheet.insertChart(chart, at: anchor, placement: ChartPlacement(xScale: Self.chartScale, yScale: 1))
            }
            if counted > 0 {
                let pie = Chart(
                    .pie, title: "Đơn vị theo mức độ chuyển đổi số tự đánh giá (QĐ 4725)",
                    series: [ChartSeries(name: "Số đơn vị",
                                         values: SheetRange(sheet: name, rows: firstLevelRow...lastLevelRow, columns: 2...2),
                                         categories: SheetRange(sheet: name, rows: firstLevelRow...lastLevelRow, columns: 1...1),
                                         dataLabels: ChartSeries.DataLabels(showValue: false, showPercentage: true))],
                    legend: .right)
                let anchor = CellAddress(row: chartRow + ((keys.count + 1) / 2) * Self.chartRows, column: 1)
                try sheet.insertChart(pie, at: anchor, placement: ChartPlacement(xScale: Self.chartScale, yScale: 1))
            }
            let chartRows = ((keys.count + 1) / 2 + (counted > 0 ? 1 : 0)) * Self.chartRows
            row = try frame.writeFooter(&sheet, at: chartRow + chartRows + 1, context: context)
            // Tables and charts belong together: the sheet prints on one page.
            var setup = FormFrame.pageSetup(landscape: false, repeatRows: nil)
            setup.fitToPages = PageSetup.FitToPages(width: 1, height: 1)
            try sheet.setPageSetup(setup)
            _ = headerRow
        }
    }

    /// Units serving a level that self-assesses, by their `cds_level` (1–3) or "not reported".
    private func maturityDistribution(_ scope: ReportScope) -> [(label: String, count: Int)] {
        let catalogue = products.catalogue
        guard let field = catalogue.element(id: "cds_level") else { return [] }
        let applies = catalogue.elements[field].levels
        var levelOf: [Int: Int] = [:]
        for row in products.validation.accepted where applies.contains(row.level) {
            if let value = row.values[field].intValue, levelOf[row.unit] == nil { levelOf[row.unit] = value }
        }
        var counts = [0, 0, 0, 0]
        for unit in products.results.units where !products.registry.units[unit].levels.intersection(applies).isEmpty {
            switch levelOf[unit] {
            case 1?: counts[0] += 1
            case 2?: counts[1] += 1
            case 3?: counts[2] += 1
            default: counts[3] += 1
            }
        }
        return [("Mức 1", counts[0]), ("Mức 2", counts[1]), ("Mức 3", counts[2]), ("Chưa báo cáo", counts[3])]
    }
}
