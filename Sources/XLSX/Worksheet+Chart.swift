import CXLSXWriter

extension Worksheet {
    /// Builds a native Excel chart and anchors it at a cell of this sheet.
    ///
    /// The sheets that series refer to may be added later; the workbook checks when it is
    /// closed that every one exists.
    ///
    /// - Parameters:
    ///   - chart: The chart.
    ///   - cell: The cell under the chart's top-left corner.
    ///   - placement: Offset and scale.
    /// - Throws: ``XLSXError`` for a chart without series, an invalid sheet name in a range,
    ///   a target line on a pie chart, axis bounds on a category axis, a series name that
    ///   starts with `=`, a placement with a non-positive scale, or from
    ///   `worksheet_insert_chart_opt`.
    public mutating func insertChart(_ chart: Chart, at cell: CellAddress, placement: ChartPlacement = ChartPlacement())
        throws(XLSXError)
    {
        let operation = "Worksheet.insertChart"
        let (cRow, cColumn) = try Self.cell(cell.row, cell.column, operation)
        sheet.chartCount += 1
        let label = chart.title.map { "\"\($0)\"" } ?? "#\(sheet.chartCount) on \(name)"
        func invalid(_ detail: String) -> XLSXError {
            XLSXError(code: .parameterValidation, operation: operation, detail: "chart \(label): \(detail)")
        }
        guard !chart.series.isEmpty else { throw invalid("a chart needs at least one series") }
        guard placement.xScale > 0, placement.yScale > 0, placement.xScale.isFinite, placement.yScale.isFinite else {
            throw invalid("scale \(placement.xScale) × \(placement.yScale) must be positive")
        }
        guard let xOffset = Int32(exactly: placement.xOffset), let yOffset = Int32(exactly: placement.yOffset) else {
            throw invalid("offset \(placement.xOffset), \(placement.yOffset) is out of range")
        }
        if chart.categoryAxis.minimum != nil || chart.categoryAxis.maximum != nil {
            throw invalid("minimum and maximum apply to the value axis only")
        }
        if chart.kind == .pie {
            if !chart.categoryAxis.isEmpty || !chart.valueAxis.isEmpty { throw invalid("a pie chart has no axes") }
            if chart.series.contains(where: { $0.role == .targetLine }) {
                throw invalid("a pie chart cannot show a target line")
            }
        }

        let workbook = try state.open(operation)
        let arena = state.arena
        guard let cChart = workbook_add_chart(workbook, chart.kind.libraryValue) else {
            throw XLSXError(code: .memoryAllocationFailed, operation: "workbook_add_chart", detail: "chart \(label)")
        }

        let fontName = try arena.copy(try Text.prepare(chart.fontName, operation: operation, what: "chart font"),
                                      operation: operation)
        func font(size: Double, bold: Bool = false) throws(XLSXError) -> UnsafeMutablePointer<lxw_chart_font> {
            var value = lxw_chart_font()
            value.name = fontName
            value.size = size
            // lxw_chart_font uses LXW_EXPLICIT_FALSE to mean "not bold" where the
            // element is bold by default (titles).
            value.bold = bold ? UInt8(LXW_TRUE.rawValue) : UInt8(LXW_EXPLICIT_FALSE.rawValue)
            return try arena.store(value, operation: operation)
        }
        func text(_ value: String, _ what: String) throws(XLSXError) -> UnsafeMutablePointer<CChar> {
            try arena.copy(try Text.prepare(value, operation: operation, what: what), operation: operation)
        }

        if let title = chart.title {
            chart_title_set_name(cChart, try text(title, "chart title"))
            chart_title_set_name_font(cChart, try font(size: chart.fontSize + 2, bold: true))
        } else {
            chart_title_off(cChart)
        }
        if chart.kind != .pie {
            // For bar charts libxlsxwriter's x axis is the horizontal one, i.e. the value axis.
            let xIsCategory = chart.kind != .bar
            let categoryType = xIsCategory ? LXW_CHART_AXIS_TYPE_X : LXW_CHART_AXIS_TYPE_Y
            let valueType = xIsCategory ? LXW_CHART_AXIS_TYPE_Y : LXW_CHART_AXIS_TYPE_X
            for (axis, type) in [(chart.categoryAxis, categoryType), (chart.valueAxis, valueType)] {
                guard let cAxis = chart_axis_get(cChart, type) else {
                    throw XLSXError(code: .memoryAllocationFailed, operation: "chart_axis_get", detail: "chart \(label)")
                }
                try configure(cAxis, axis, font: font(size: chart.fontSize), titleFont: font(size: chart.fontSize, bold: true),
                              text: text, invalid: invalid)
            }
        }
        switch chart.legend {
        case .none: chart_legend_set_position(cChart, UInt8(LXW_CHART_LEGEND_NONE.rawValue))
        case .top: chart_legend_set_position(cChart, UInt8(LXW_CHART_LEGEND_TOP.rawValue))
        case .bottom: chart_legend_set_position(cChart, UInt8(LXW_CHART_LEGEND_BOTTOM.rawValue))
        case .left: chart_legend_set_position(cChart, UInt8(LXW_CHART_LEGEND_LEFT.rawValue))
        case .right: chart_legend_set_position(cChart, UInt8(LXW_CHART_LEGEND_RIGHT.rawValue))
        }
        chart_legend_set_font(cChart, try font(size: chart.fontSize))

        let targets = chart.series.filter { $0.role == .targetLine }.count
        if (chart.kind == .column || chart.kind == .bar), targets > 0, chart.series.count - targets == 1 {
            // One measured series and its target(s): overlap them fully so the dashed outline
            // frames the bar it is the target of.
            chart_set_series_overlap(cChart, 100)
        }
        for series in chart.series {
            try addSeries(series, to: cChart, kind: chart.kind, label: label, font: font(size: chart.fontSize),
                          text: text, invalid: invalid)
        }

        var options = lxw_chart_options()
        options.x_offset = xOffset
        options.y_offset = yOffset
        options.x_scale = placement.xScale
        options.y_scale = placement.yScale
        try check(worksheet_insert_chart_opt(sheet.handle, cRow, cColumn, cChart, &options),
                  "worksheet_insert_chart_opt", detail: "chart \(label) at \(name)!\(cell)")
    }

    private func configure(
        _ cAxis: UnsafeMutablePointer<lxw_chart_axis>, _ axis: Chart.Axis,
        font: UnsafeMutablePointer<lxw_chart_font>, titleFont: UnsafeMutablePointer<lxw_chart_font>,
        text: (String, String) throws(XLSXError) -> UnsafeMutablePointer<CChar>,
        invalid: (String) -> XLSXError
    ) throws(XLSXError) {
        if let title = axis.title {
            chart_axis_set_name(cAxis, try text(title, "axis title"))
            chart_axis_set_name_font(cAxis, titleFont)
        }
        chart_axis_set_num_font(cAxis, font)
        if let numberFormat = axis.numberFormat {
            chart_axis_set_num_format(cAxis, try text(numberFormat, "axis number format"))
        }
        if let minimum = axis.minimum {
            guard minimum.isFinite else { throw invalid("axis minimum \(minimum) is not finite") }
            chart_axis_set_min(cAxis, minimum)
        }
        if let maximum = axis.maximum {
            guard maximum.isFinite else { throw invalid("axis maximum \(maximum) is not finite") }
            chart_axis_set_max(cAxis, maximum)
        }
        if let minimum = axis.minimum, let maximum = axis.maximum, minimum >= maximum {
            throw invalid("axis minimum \(minimum) is not below maximum \(maximum)")
        }
        if let gridlines = axis.majorGridlines {
            chart_axis_major_gridlines_set_visible(cAxis, gridlines ? 1 : 0)
        }
    }

    private func addSeries(
        _ series: ChartSeries, to cChart: UnsafeMutablePointer<lxw_chart>, kind: Chart.Kind, label: String,
        font: UnsafeMutablePointer<lxw_chart_font>,
        text: (String, String) throws(XLSXError) -> UnsafeMutablePointer<CChar>,
        invalid: (String) -> XLSXError
    ) throws(XLSXError) {
        let operation = "Worksheet.insertChart"
        guard let cSeries = chart_add_series(cChart, nil, nil) else {
            throw XLSXError(code: .memoryAllocationFailed, operation: "chart_add_series", detail: "chart \(label)")
        }
        let values = try sheetReference(series.values.sheet, chart: label)
        let bounds = try Self.range(series.values.range, operation)
        chart_series_set_values(cSeries, try text(values, "sheet name"),
                                bounds.firstRow, bounds.firstColumn, bounds.lastRow, bounds.lastColumn)
        if let categories = series.categories {
            let sheetName = try sheetReference(categories.sheet, chart: label)
            let bounds = try Self.range(categories.range, operation)
            chart_series_set_categories(cSeries, try text(sheetName, "sheet name"),
                                        bounds.firstRow, bounds.firstColumn, bounds.lastRow, bounds.lastColumn)
        }
        switch series.name {
        case nil: break
        case .text(let name):
            // libxlsxwriter reads a name starting with "=" as a formula.
            guard !name.hasPrefix("=") else { throw invalid("series name \"\(name)\" starts with '='") }
            chart_series_set_name(cSeries, try text(name, "series name"))
        case .cell(let sheetName, let row, let column):
            let reference = try sheetReference(sheetName, chart: label)
            let (cRow, cColumn) = try Self.cell(row, column, operation)
            chart_series_set_name_range(cSeries, try text(reference, "sheet name"), cRow, cColumn)
        }

        switch series.role {
        case .data:
            if let color = series.color {
                if kind == .line {
                    var line = lxw_chart_line()
                    line.color = color.libraryValue
                    line.width = 2.25
                    chart_series_set_line(cSeries, try state.arena.store(line, operation: operation))
                } else if kind != .pie {
                    var fill = lxw_chart_fill()
                    fill.color = color.libraryValue
                    chart_series_set_fill(cSeries, try state.arena.store(fill, operation: operation))
                }
            }
        case .targetLine:
            var line = lxw_chart_line()
            line.color = (series.color ?? .red).libraryValue
            line.width = kind == .line ? 2 : 1.5
            line.dash_type = UInt8(LXW_CHART_LINE_DASH_DASH.rawValue)
            chart_series_set_line(cSeries, try state.arena.store(line, operation: operation))
            if kind == .line {
                chart_series_set_marker_type(cSeries, UInt8(LXW_CHART_MARKER_NONE.rawValue))
            } else {
                var fill = lxw_chart_fill()
                fill.none = 1
                chart_series_set_fill(cSeries, try state.arena.store(fill, operation: operation))
            }
        }

        if let labels = series.dataLabels {
            chart_series_set_labels(cSeries)
            if labels.showPercentage { chart_series_set_labels_percentage(cSeries) }
            if let numberFormat = labels.numberFormat {
                chart_series_set_labels_num_format(cSeries, try text(numberFormat, "data label number format"))
            }
            if let position = labels.position {
                chart_series_set_labels_position(cSeries, position.libraryValue)
            }
            chart_series_set_labels_font(cSeries, font)
            // Last: setting the position turns the value back on in libxlsxwriter 1.1.4.
            chart_series_set_labels_options(cSeries, labels.showSeriesName ? 1 : 0, labels.showCategory ? 1 : 0,
                                            labels.showValue ? 1 : 0)
        }
    }

    /// The sheet name to give libxlsxwriter for a range: the spelling under which the sheet
    /// was added, because the library fills the chart's data cache by exact name.
    private func sheetReference(_ proposed: String, chart: String) throws(XLSXError) -> String {
        let name = try SheetName.validate(proposed)
        let canonical = state.sheet(named: name)?.name ?? name
        state.chartReferences.append((sheet: canonical, chart: chart))
        return canonical
    }
}

extension Chart.Kind {
    var libraryValue: UInt8 {
        switch self {
        case .column: UInt8(LXW_CHART_COLUMN.rawValue)
        case .bar: UInt8(LXW_CHART_BAR.rawValue)
        case .line: UInt8(LXW_CHART_LINE.rawValue)
        case .pie: UInt8(LXW_CHART_PIE.rawValue)
        }
    }
}

extension ChartSeries.DataLabels.Position {
    var libraryValue: UInt8 {
        switch self {
        case .center: UInt8(LXW_CHART_LABEL_POSITION_CENTER.rawValue)
        case .right: UInt8(LXW_CHART_LABEL_POSITION_RIGHT.rawValue)
        case .left: UInt8(LXW_CHART_LABEL_POSITION_LEFT.rawValue)
        case .above: UInt8(LXW_CHART_LABEL_POSITION_ABOVE.rawValue)
        case .below: UInt8(LXW_CHART_LABEL_POSITION_BELOW.rawValue)
        case .insideBase: UInt8(LXW_CHART_LABEL_POSITION_INSIDE_BASE.rawValue)
        case .insideEnd: UInt8(LXW_CHART_LABEL_POSITION_INSIDE_END.rawValue)
        case .outsideEnd: UInt8(LXW_CHART_LABEL_POSITION_OUTSIDE_END.rawValue)
        case .bestFit: UInt8(LXW_CHART_LABEL_POSITION_BEST_FIT.rawValue)
        }
    }
}
