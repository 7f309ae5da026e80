/// A native Excel chart described as a value; ``Worksheet/insertChart(_:at:placement:)``
/// turns it into a libxlsxwriter chart.
///
/// Series refer to ranges on named sheets, so a chart on one sheet can plot data written
/// on another. Every text in the chart uses ``fontName`` (Times New Roman by default);
/// without that, chart text would fall back to the theme's Calibri.
public struct Chart: Hashable, Sendable {
    /// Chart types; column and bar are clustered.
    public enum Kind: Hashable, Sendable {
        /// Vertical bars, clustered.
        case column
        /// Horizontal bars, clustered.
        case bar
        /// Lines.
        case line
        /// A pie (only the first series is drawn).
        case pie
    }

    /// Where the legend goes.
    public enum LegendPosition: Hashable, Sendable {
        /// No legend.
        case none
        /// Above the plot.
        case top
        /// Below the plot.
        case bottom
        /// Left of the plot.
        case left
        /// Right of the plot (Excel's default).
        case right
    }

    /// An axis' title, bounds, number format and gridlines.
    ///
    /// ``minimum`` and ``maximum`` apply to the value axis only.
    public struct Axis: Hashable, Sendable {
        /// The axis title.
        public var title: String?
        /// The lowest value shown (value axis only).
        public var minimum: Double?
        /// The highest value shown (value axis only).
        public var maximum: Double?
        /// Number format of the axis labels, e.g. `0%` or `#,##0`.
        public var numberFormat: String?
        /// Show major gridlines; `nil` keeps Excel's default for the axis.
        public var majorGridlines: Bool?

        /// Creates an axis description.
        public init(title: String? = nil, minimum: Double? = nil, maximum: Double? = nil,
                    numberFormat: String? = nil, majorGridlines: Bool? = nil)
        {
            self.title = title
            self.minimum = minimum
            self.maximum = maximum
            self.numberFormat = numberFormat
            self.majorGridlines = majorGridlines
        }

        var isEmpty: Bool { self == Axis() }
    }

    /// The chart type.
    public var kind: Kind
    /// The chart title; `nil` shows none (not even Excel's automatic one).
    public var title: String?
    /// The series, drawn in order.
    public var series: [ChartSeries]
    /// The category axis (horizontal for column and line charts, vertical for bar charts).
    public var categoryAxis: Axis
    /// The value axis.
    public var valueAxis: Axis
    /// Legend position.
    public var legend: LegendPosition
    /// Font of every text in the chart.
    public var fontName: String
    /// Font size of axis labels, legend and data labels; the title is 2 pt larger.
    public var fontSize: Double

    /// Creates a chart description.
    ///
    /// - Parameters:
    ///   - kind: The chart type.
    ///   - title: The chart title.
    ///   - series: At least one series.
    ///   - categoryAxis: Category axis settings.
    ///   - valueAxis: Value axis settings.
    ///   - legend: Legend position, bottom by default.
    ///   - fontName: Times New Roman by default.
    ///   - fontSize: 10 pt by default.
    public init(
        _ kind: Kind,
        title: String? = nil,
        series: [ChartSeries],
        categoryAxis: Axis = Axis(),
        valueAxis: Axis = Axis(),
        legend: LegendPosition = .bottom,
        fontName: String = CellStyle.defaultFontName,
        fontSize: Double = 10
    ) {
        self.kind = kind
        self.title = title
        self.series = series
        self.categoryAxis = categoryAxis
        self.valueAxis = valueAxis
        self.legend = legend
        self.fontName = fontName
        self.fontSize = fontSize
    }
}

/// One series of a chart: values from a sheet range, with optional categories and name.
public struct ChartSeries: Hashable, Sendable {
    /// The series' name, shown in the legend.
    public enum Name: Hashable, Sendable, ExpressibleByStringLiteral {
        /// A literal name.
        case text(String)
        /// The text of a cell (zero-based row and column).
        case cell(sheet: String, row: Int, column: Int)

        /// A string literal is ``text(_:)``.
        public init(stringLiteral value: String) { self = .text(value) }
    }

    /// How the series is drawn.
    public enum Role: Hashable, Sendable {
        /// An ordinary series.
        case data
        /// A target to compare the data with. On a line chart: a dashed line without
        /// markers. On column and bar charts, where libxlsxwriter 1.1.4 cannot combine a
        /// line with bars, the closest it can draw: unfilled bars with a dashed outline,
        /// whose top edge marks the target (drawn over the measured bar when the chart has
        /// one measured series). Not available on pie charts.
        case targetLine
    }

    /// Labels on the data points.
    public struct DataLabels: Hashable, Sendable {
        /// Label positions; availability depends on the chart type, as in Excel.
        public enum Position: Hashable, Sendable {
            /// Centred on the point.
            case center
            /// Right of the point (line charts).
            case right
            /// Left of the point (line charts).
            case left
            /// Above the point (line charts).
            case above
            /// Below the point (line charts).
            case below
            /// Inside the bar at its base.
            case insideBase
            /// Inside the bar at its end.
            case insideEnd
            /// Outside the bar's end.
            case outsideEnd
            /// Excel's best fit (pie charts).
            case bestFit
        }

        /// Show the value.
        public var showValue: Bool
        /// Show the category.
        public var showCategory: Bool
        /// Show the series name.
        public var showSeriesName: Bool
        /// Show the percentage (pie charts).
        public var showPercentage: Bool
        /// Number format of the labels.
        public var numberFormat: String?
        /// Position, or `nil` for Excel's default.
        public var position: Position?

        /// Creates data labels; by default only the value is shown.
        public init(showValue: Bool = true, showCategory: Bool = false, showSeriesName: Bool = false,
                    showPercentage: Bool = false, numberFormat: String? = nil, position: Position? = nil)
        {
            self.showValue = showValue
            self.showCategory = showCategory
            self.showSeriesName = showSeriesName
            self.showPercentage = showPercentage
            self.numberFormat = numberFormat
            self.position = position
        }
    }

    /// The series' name.
    public var name: Name?
    /// The values: one row or one column.
    public var values: SheetRange
    /// The category labels: one row or one column as long as ``values``.
    public var categories: SheetRange?
    /// Labels on the points, or `nil` for none.
    public var dataLabels: DataLabels?
    /// The series colour (fill for bars, line for lines); automatic when `nil`.
    public var color: Color?
    /// How the series is drawn.
    public var role: Role

    /// Creates a series.
    ///
    /// - Parameters:
    ///   - name: The series' name.
    ///   - values: The values.
    ///   - categories: The category labels.
    ///   - dataLabels: Labels on the points.
    ///   - color: The series colour.
    ///   - role: `.data`, or `.targetLine` for a target.
    public init(name: Name? = nil, values: SheetRange, categories: SheetRange? = nil,
                dataLabels: DataLabels? = nil, color: Color? = nil, role: Role = .data)
    {
        self.name = name
        self.values = values
        self.categories = categories
        self.dataLabels = dataLabels
        self.color = color
        self.role = role
    }
}

/// Where and how large a chart is drawn on a sheet.
public struct ChartPlacement: Hashable, Sendable {
    /// Offset from the anchor cell's left edge, in pixels.
    public var xOffset: Int
    /// Offset from the anchor cell's top edge, in pixels.
    public var yOffset: Int
    /// Horizontal scale of the default 480 × 288 pixel chart.
    public var xScale: Double
    /// Vertical scale of the default chart.
    public var yScale: Double

    /// Creates a placement; by default the chart is 480 × 288 pixels at the cell's corner.
    public init(xOffset: Int = 0, yOffset: Int = 0, xScale: Double = 1, yScale: Double = 1) {
        self.xOffset = xOffset
        self.yOffset = yOffset
        self.xScale = xScale
        self.yScale = yScale
    }
}
