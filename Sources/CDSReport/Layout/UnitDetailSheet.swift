import XLSX

/// "Chi tiết đơn vị" (form `.unitDetail`): one row per unit in scope and level it serves — who
/// manages it, whether its return was received, the figures of its accepted row and each
/// indicator's result — with the results that miss their level's target standing out.
///
/// Why it is written strictly top to bottom: at national scale the table has 100,000+ rows. Each
/// row is written once, in order; the unit's result rows are found by walking `results.rows`
/// once (they are contiguous and in the order of `results.units`), statuses come from arrays
/// indexed by registry index and level, and each conditional-format formula is built once per
/// column.
struct UnitDetailSheet {
    let products: RunProducts
    let context: FormContext
    let managingUnit: String?

    /// The columns before the figures; `Cấp học` holds the level code the conditional formats test.
    static let fixedHeaders = ["TT", "Mã đơn vị", "Tên đơn vị", "Đơn vị quản lý", "Cấp học", "Tình trạng"]
    static let fixedWidths: [Double] = [5, 10, 34, 30, 7, 9]
    static let nameColumn = 2
    static let levelColumn = 4
    static let elementWidth = 9.0
    static let indicatorWidth = 10.0
    /// The fill of a result that misses its target; the bold that goes with it keeps it readable
    /// in black-and-white print, where the fill turns into a pale grey.
    static let missFill = Color(rgb: 0xF4CCCC)
    static let greyText = Color(rgb: 0x808080)
    static let nameStyle = FormStyles.cellText.with { $0.wrapText = false; $0.shrinkToFit = true }

    /// Creates the sheet for a run; `managingUnit` is the sub-report's managing unit, if any
    /// (the units in scope are already those of `products.results.units`).
    init(products: RunProducts, context: FormContext, managingUnit: String?) {
        self.products = products
        self.context = context
        self.managingUnit = managingUnit
    }

    /// Whether a unit's return for one level was received.
    enum Status {
        case submitted, rejected, missing

        /// The text of the `Tình trạng` column.
        var label: String {
            switch self {
            case .submitted: "Đã nộp"
            case .rejected: "Bị loại"
            case .missing: "Chưa nộp"
            }
        }
    }

    /// The styles of one data row; a unit-level that sent nothing is printed in grey.
    struct RowStyles {
        /// Names: one line, shrunk to fit rather than wrapped, so that every row keeps the
        /// default height (no row is measured, at any scale) and nothing overlaps in print.
        let text: CellStyle
        let center: CellStyle
        let integer: CellStyle
        let percent: CellStyle
        let decimal: CellStyle
        let status: CellStyle

        /// Black text, the status bold when the row was rejected (so it reads without colour).
        static func normal(rejected: Bool) -> RowStyles {
            RowStyles(text: UnitDetailSheet.nameStyle, center: FormStyles.cellCenter, integer: FormStyles.cellInteger,
                      percent: FormStyles.cellPercent, decimal: FormStyles.cellDecimal,
                      status: rejected ? FormStyles.sectionCenter : FormStyles.cellCenter)
        }

        /// Grey text for a unit-level that sent nothing.
        static let grey: RowStyles = {
            func grey(_ style: CellStyle) -> CellStyle { style.with { $0.fontColor = UnitDetailSheet.greyText } }
            return RowStyles(text: grey(UnitDetailSheet.nameStyle), center: grey(FormStyles.cellCenter), integer: grey(FormStyles.cellInteger),
                             percent: grey(FormStyles.cellPercent), decimal: grey(FormStyles.cellDecimal), status: grey(FormStyles.cellCenter))
        }()
    }

    /// Writes the sheet into the workbook.
    func write(_ workbook: inout Workbook) throws {
        let form = context.settings.form(.unitDetail)
        let catalogue = products.catalogue
        let registry = products.registry
        let elements = catalogue.elements.indices.filter { catalogue.elements[$0].isValue }
        let indicators = catalogue.indicators
        let firstElementColumn = Self.fixedHeaders.count
        let firstIndicatorColumn = firstElementColumn + elements.count
        let columnCount = firstIndicatorColumn + indicators.count
        let headers = Self.fixedHeaders + elements.map { catalogue.elements[$0].label }
            + indicators.map { "\($0.name) (\($0.unitOfMeasure))" }
        let widths = Self.fixedWidths + Array(repeating: Self.elementWidth, count: elements.count)
            + Array(repeating: Self.indicatorWidth, count: indicators.count)
        let submissions = SubmissionIndex(products: products)
        let names = ManagingNames(registry: registry)
        let accepted = products.validation.accepted
        let normal = RowStyles.normal(rejected: false)
        let rejected = RowStyles.normal(rejected: true)
        let missStyle = FormStyles.cellCenter.with { $0.fillColor = Self.missFill; $0.bold = true }

        try workbook.addWorksheet(form.sheet) { sheet in
            let frame = FormFrame(columns: columnCount)
            for (column, width) in widths.enumerated() { try sheet.setColumn(column, width: width, style: FormStyles.base) }
            var row = try frame.writeHeader(&sheet, form: form, context: context)
            let headerRow = row
            try TableWriter.header(&sheet, row: row, headers: headers, textColumns: Self.fixedHeaders.count,
                                   height: Self.headerHeight(headers: headers, widths: widths))
            row += 2
            let firstDataRow = row
            // Declared before the data: a constant-memory sheet cannot reach back to rows it has
            // streamed. One row per unit and level served. The filter sits on the numbering row,
            // right above the data, so that it is never sorted or filtered away with the data.
            let expectedRows = products.results.units.reduce(0) { $0 + registry.units[$1].levels.count }
            try sheet.autofilter(CellRange(rows: (headerRow + 1)...max(headerRow + 1, firstDataRow + expectedRows - 1),
                                           columns: 0...(columnCount - 1)))
            var cursor = ResultCursor(results: products.results, indicatorCount: indicators.count)
            var ordinal = 0
            var counts = (submitted: 0, rejected: 0, missing: 0)
            for unitIndex in products.results.units {
                let unit = registry.units[unitIndex]
                cursor.advance(to: unit)
                let managing = names.display(parentOf: unit)
                for level in unit.levels {
                    let status = submissions.status(unit: unitIndex, level: level)
                    let styles: RowStyles
                    switch status {
                    case .submitted: styles = normal; counts.submitted += 1
                    case .rejected: styles = rejected; counts.rejected += 1
                    case .missing: styles = RowStyles.grey; counts.missing += 1
                    }
                    ordinal += 1
                    try sheet.write(ordinal, row: row, column: 0, style: styles.center)
                    try sheet.write(unit.code, row: row, column: 1, style: styles.center)
                    try sheet.write(unit.name, row: row, column: 2, style: styles.text)
                    try sheet.write(managing, row: row, column: 3, style: styles.text)
                    try sheet.write(level.rawValue, row: row, column: 4, style: styles.center)
                    try sheet.write(status.label, row: row, column: 5, style: styles.status)
                    let values = submissions.acceptedRow(unit: unitIndex, level: level).map { accepted[$0].values }
                    for (offset, element) in elements.enumerated() {
                        let column = firstElementColumn + offset
                        let value = catalogue.elements[element].levels.contains(level) ? values?[element] ?? .blank : .blank
                        switch value {
                        case .int(let number): try sheet.write(number, row: row, column: column, style: styles.integer)
                        case .bool(let flag): try sheet.write(flag ? "Có" : "Không", row: row, column: column, style: styles.center)
                        case .blank, .invalid: try sheet.writeBlank(row: row, column: column, style: styles.center)
                        }
                    }
                    for (index, indicator) in indicators.enumerated() {
                        let column = firstIndicatorColumn + index
                        let style = indicator.isShare ? styles.percent : styles.decimal
                        guard let result = cursor.row(indicator: index, level: level) else {
                            try sheet.writeBlank(row: row, column: column, style: style)
                            continue
                        }
                        if let value = result.value, value.isFinite {
                            try sheet.write(value, row: row, column: column, style: style)
                        } else if result.met == false {
                            // Students but no computer: no value, yet the target is missed (CONTRACT §4).
                            try sheet.write("Không có máy", row: row, column: column, style: missStyle)
                        } else {
                            try sheet.writeBlank(row: row, column: column, style: style)
                        }
                    }
                    row += 1
                }
            }
            let lastDataRow = row - 1
            row += 1
            for line in notes(counts: counts) {
                try sheet.merge(CellRange(rows: row...row, columns: 0...(columnCount - 1)), value: .string(line), style: FormStyles.note)
                try sheet.setRow(row, height: max(30, FindingsSheet.rowHeight([(line, widths.reduce(0, +))]) ?? 0))
                row += 1
            }
            _ = try frame.writeFooter(&sheet, at: row + 1, context: context)

            try sheet.freezePanes(row: headerRow + 2, column: Self.nameColumn + 1)
            assert(lastDataRow == firstDataRow + expectedRows - 1, "one row per unit and level")
            if lastDataRow >= firstDataRow {
                let highlight = CellStyle(bold: true, fillColor: Self.missFill)
                for index in indicators.indices {
                    let column = firstIndicatorColumn + index
                    // One formula per column, relative to its first data row, over the whole column.
                    guard let formula = Self.missFormula(column: column, firstRow: firstDataRow, indicator: index,
                                                         catalogue: catalogue, targets: products.targets) else { continue }
                    try sheet.addConditionalFormat(ConditionalFormat(.formula(formula), style: highlight),
                                                   to: CellRange(rows: firstDataRow...lastDataRow, columns: column...column))
                }
            }
            try sheet.setPageSetup(FormFrame.pageSetup(landscape: true, repeatRows: headerRow...(headerRow + 1)))
        }
    }

    /// The formula that is true where a result misses its level's target, written for the
    /// column's first data cell with a relative row, e.g.
    /// `=AND(ISNUMBER(Z12),OR(AND($E12="TH",Z12>2),AND($E12="THPT",Z12>1)))`; `nil` when the
    /// indicator has no target at any level, or when its targets are for the scope as a whole.
    static func missFormula(column: Int, firstRow: Int, indicator: Int, catalogue: Catalogue, targets: TargetSet) -> String? {
        // Basis `average` ("trung bình tối thiểu 10 %", "30 % số đơn vị được kiểm tra") judges the
        // scope, not each unit (CONTRACT §4a): marking every school under it would be noise.
        guard targets.basis(indicator: indicator) == .eachUnit else { return nil }
        let rowNumber = String(firstRow + 1)
        let cell = CellAddress.columnName(column) + rowNumber
        let level = "$" + CellAddress.columnName(levelColumn) + rowNumber
        var clauses: [String] = []
        for candidate in catalogue.indicators[indicator].levels {
            guard let target = targets.target(indicator: indicator, level: candidate) else { continue }
            // A ≥ target is missed below it, a ≤ target above it; the value is compared unrounded.
            let comparison = target.op == .atLeast ? "<" : ">"
            clauses.append("AND(\(level)=\"\(candidate.rawValue)\",\(cell)\(comparison)\(target.value.description))")
        }
        guard !clauses.isEmpty else { return nil }
        return "=AND(ISNUMBER(\(cell)),OR(\(clauses.joined(separator: ","))))"
    }

    /// A header row tall enough for the longest wrapped label (12 pt bold, about one character
    /// per unit of column width).
    static func headerHeight(headers: [String], widths: [Double]) -> Double {
        var lines = 2
        for (title, width) in zip(headers, widths) {
            let perLine = max(1, Int(width) - 1)
            lines = max(lines, (title.count + perLine - 1) / perLine + 1)
        }
        return min(409, Double(lines) * 15.5)
    }

    /// The notes under the table: what the statuses and the highlight mean, and the counts.
    private func notes(counts: (submitted: Int, rejected: Int, missing: Int)) -> [String] {
        let plan = products.targets.plan.isEmpty ? "không có chỉ tiêu kế hoạch" : products.targets.plan
        let indicators = products.catalogue.indicators
        let scopeWide = indicators.indices.filter { index in
            products.targets.basis(indicator: index) == .average && products.targets.hasAnyTarget(indicator: index, levels: indicators[index].levels)
        }.map { indicators[$0].name.lowercasedFirst }
        let scopeNote = scopeWide.isEmpty ? ""
            : " Chỉ tiêu tính bình quân chung cho cả phạm vi (\(scopeWide.joined(separator: "; "))) không đánh giá từng đơn vị nên không tô."
        let total = counts.submitted + counts.rejected + counts.missing
        return [
            "Ghi chú: Mỗi dòng là một đơn vị và một cấp học đơn vị có theo danh mục (\(total) dòng của \(products.results.units.count) đơn vị): "
                + "đã nộp \(counts.submitted), bị loại \(counts.rejected), chưa nộp \(counts.missing). \"Bị loại\": đơn vị có gửi nhưng số liệu "
                + "của cấp học sai nên không được tính (xem sheet Lỗi dữ liệu); \"Chưa nộp\": không có dòng số liệu nào của cấp học (chữ màu xám).",
            "Kết quả in đậm trên nền đỏ nhạt là chưa đạt chỉ tiêu kế hoạch của cấp học (\(plan)); \"Không có máy\": có học sinh nhưng không có "
                + "máy tính dạy Tin học, chưa đạt chỉ tiêu. Kết quả trống: đơn vị chưa có đủ số liệu để tính hoặc chỉ tiêu không áp dụng cho cấp học."
                + scopeNote,
        ]
    }

    /// Which unit-levels have an accepted row and which were rejected, in flat arrays indexed by
    /// `unit × 5 + level.ordinal` (no string keys per row).
    struct SubmissionIndex {
        private static let stride = Level.allCases.count
        /// The position in `validation.accepted`, or -1.
        private var accepted: [Int]
        private var rejected: [Bool]

        /// Indexes the accepted rows and the error findings of a run.
        init(products: RunProducts) {
            let registry = products.registry
            let size = registry.units.count * Self.stride
            accepted = Array(repeating: -1, count: size)
            rejected = Array(repeating: false, count: size)
            for (position, row) in products.validation.accepted.enumerated() {
                accepted[row.unit * Self.stride + row.level.ordinal] = position
            }
            // A level is rejected when an error finding names that unit and level (as written,
            // trimmed) and no row of it was accepted.
            for finding in products.validation.findings where finding.severity == .error {
                guard !finding.unitCode.isEmpty, let unit = registry.index(of: finding.unitCode),
                      let level = Level(code: finding.level) else { continue }
                rejected[unit * Self.stride + level.ordinal] = true
            }
        }

        /// The position of the unit-level's accepted row in `validation.accepted`.
        func acceptedRow(unit: Int, level: Level) -> Int? {
            let position = accepted[unit * Self.stride + level.ordinal]
            return position >= 0 ? position : nil
        }

        /// Received, rejected, or not sent.
        func status(unit: Int, level: Level) -> Status {
            let slot = unit * Self.stride + level.ordinal
            if accepted[slot] >= 0 { return .submitted }
            return rejected[slot] ? .rejected : .missing
        }
    }

    /// The name a unit's managing unit is shown by: the PHONG's or XA's name as every sheet
    /// prints it ("Phòng GDĐT Huyện X", ``ReportScope/shortName(_:)``), "Trực thuộc Sở" for the
    /// units the Sở manages directly.
    struct ManagingNames {
        private let names: [String: String]
        private let soCode: String

        /// Collects the managing units' names once.
        init(registry: Registry) {
            var names: [String: String] = [:]
            for unit in registry.units where unit.kind.isManaging { names[unit.code] = ReportScope.shortName(unit.name) }
            self.names = names
            soCode = registry.so.code
        }

        /// The display name of the unit's managing unit; `nil` when its parent is not a managing
        /// unit of the registry.
        func name(ofManaging code: String) -> String? {
            if code == soCode { return "Trực thuộc Sở" }
            return names[code]
        }

        /// The display name of the unit's managing unit, or its parent code when unknown.
        func display(parentOf unit: Unit) -> String { name(ofManaging: unit.parentCode) ?? unit.parentCode }
    }

    /// Walks the unit rows of `results.rows` once, unit after unit in the order of
    /// `results.units`, keeping the current unit's rows by indicator and level.
    struct ResultCursor {
        private let results: Results
        private let indicatorCount: Int
        private var position: Int
        /// Row position per `indicator × 5 + level.ordinal` of the current unit, or -1.
        private var slots: [Int]
        /// Set when the rows were not where the walk expected them; lookups then go by key.
        private var fallbackCode: String?

        /// Starts at the first unit row.
        init(results: Results, indicatorCount: Int) {
            self.results = results
            self.indicatorCount = indicatorCount
            position = results.rows.firstIndex { $0.scope == .unit } ?? results.rows.count
            slots = Array(repeating: -1, count: indicatorCount * Level.allCases.count)
        }

        /// Moves to the unit's rows.
        mutating func advance(to unit: Unit) {
            for index in slots.indices { slots[index] = -1 }
            fallbackCode = nil
            let rows = results.rows
            let start = position
            while position < rows.count, rows[position].scope == .unit, rows[position].scopeCode == unit.code {
                if let level = rows[position].level {
                    slots[rows[position].indicator * Level.allCases.count + level.ordinal] = position
                }
                position += 1
            }
            // Every unit in scope has rows (CONTRACT §4); should the order ever differ, the
            // sheet stays right at the cost of keyed lookups for this unit.
            if position == start { fallbackCode = unit.code }
        }

        /// The current unit's row for an indicator and level, if the contract gives it one.
        func row(indicator: Int, level: Level) -> ResultRow? {
            if let code = fallbackCode { return results.row(.unit, code, indicator: indicator, level: level) }
            let position = slots[indicator * Level.allCases.count + level.ordinal]
            return position >= 0 ? results.rows[position] : nil
        }
    }
}
