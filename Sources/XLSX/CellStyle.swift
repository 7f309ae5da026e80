/// The look of a cell: font, alignment, number format, fill, borders and protection.
///
/// A style is a value. The workbook turns each distinct value into one library format the
/// first time it is used and reuses it afterwards, so callers can build styles freely
/// (`header.with { $0.bold = true }`) without creating duplicate formats.
///
/// The defaults are those of an official Vietnamese return: Times New Roman, 12 pt, black,
/// no borders, locked.
public struct CellStyle: Hashable, Sendable {
    /// Underline styles.
    public enum Underline: Hashable, Sendable {
        /// Single underline.
        case single
        /// Double underline.
        case double
        /// Single accounting underline (spans the cell width).
        case singleAccounting
        /// Double accounting underline.
        case doubleAccounting
    }

    /// Horizontal alignment.
    public enum HorizontalAlignment: Hashable, Sendable {
        /// Excel's default: text left, numbers right.
        case general
        /// Left.
        case left
        /// Centred in the cell.
        case center
        /// Right.
        case right
        /// Repeat the content to fill the cell.
        case fill
        /// Justified.
        case justify
        /// Centred across this cell and the empty cells to its right that have the same
        /// alignment: a title over a table without merging cells.
        case centerAcrossSelection
        /// Distributed.
        case distributed
    }

    /// Vertical alignment.
    public enum VerticalAlignment: Hashable, Sendable {
        /// Top.
        case top
        /// Centre.
        case center
        /// Bottom, Excel's default.
        case bottom
        /// Justified.
        case justify
        /// Distributed.
        case distributed
    }

    /// Border line styles.
    public enum BorderStyle: Hashable, Sendable {
        /// Thin line.
        case thin
        /// Medium line.
        case medium
        /// Dashed line.
        case dashed
        /// Dotted line.
        case dotted
        /// Thick line.
        case thick
        /// Double line.
        case double
        /// Hairline.
        case hair
        /// Medium dashed line.
        case mediumDashed
        /// Dash-dot line.
        case dashDot
        /// Medium dash-dot line.
        case mediumDashDot
        /// Dash-dot-dot line.
        case dashDotDot
        /// Medium dash-dot-dot line.
        case mediumDashDotDot
        /// Slanted dash-dot line.
        case slantDashDot
    }

    /// One side's border: a line style and an optional colour (automatic when `nil`).
    public struct Border: Hashable, Sendable {
        /// The line style.
        public var style: BorderStyle
        /// The line colour; `nil` leaves it automatic (black).
        public var color: Color?

        /// Creates a border side.
        public init(_ style: BorderStyle, color: Color? = nil) {
            self.style = style
            self.color = color
        }
    }

    /// The four sides' borders; `nil` means no border on that side.
    public struct Borders: Hashable, Sendable {
        /// Top side.
        public var top: Border?
        /// Bottom side.
        public var bottom: Border?
        /// Left side.
        public var left: Border?
        /// Right side.
        public var right: Border?

        /// Creates borders side by side.
        public init(top: Border? = nil, bottom: Border? = nil, left: Border? = nil, right: Border? = nil) {
            self.top = top
            self.bottom = bottom
            self.left = left
            self.right = right
        }

        /// The same border on all four sides, e.g. `.all(.thin)` for a table cell.
        public static func all(_ style: BorderStyle, color: Color? = nil) -> Borders {
            let side = Border(style, color: color)
            return Borders(top: side, bottom: side, left: side, right: side)
        }

        /// No borders.
        public static let none = Borders()
    }

    /// The default font of every workbook this module writes.
    public static let defaultFontName = "Times New Roman"
    /// The default font size in points.
    public static let defaultFontSize = 12.0

    /// The font's name.
    public var fontName: String
    /// The font size in points (1...409).
    public var fontSize: Double
    /// Bold text.
    public var bold: Bool
    /// Italic text.
    public var italic: Bool
    /// Underline, or `nil` for none.
    public var underline: Underline?
    /// Font colour, or `nil` for automatic (black).
    public var fontColor: Color?
    /// Horizontal alignment.
    public var horizontalAlignment: HorizontalAlignment
    /// Vertical alignment, or `nil` for Excel's default (bottom).
    public var verticalAlignment: VerticalAlignment?
    /// Wrap text inside the cell.
    public var wrapText: Bool
    /// Indentation level (0...15), used with left or right alignment.
    public var indent: Int
    /// Text rotation in degrees (-90...90, or 270 for vertical stacked text).
    public var rotation: Int
    /// An Excel number format such as `#,##0`, `0.0%` or `@`; `nil` for General.
    public var numberFormat: String?
    /// Solid fill colour, or `nil` for none.
    public var fillColor: Color?
    /// Borders.
    public var borders: Borders
    /// Whether the cell is locked when the sheet is protected (Excel's default is locked).
    public var locked: Bool
    /// Whether a formula is hidden when the sheet is protected.
    public var hidden: Bool
    /// Shrink the text to fit the cell.
    public var shrinkToFit: Bool

    /// Creates a style; every argument has the official-document default.
    ///
    /// - Parameters:
    ///   - fontName: Font name, Times New Roman by default.
    ///   - fontSize: Size in points, 12 by default.
    ///   - bold: Bold text.
    ///   - italic: Italic text.
    ///   - underline: Underline style, none by default.
    ///   - fontColor: Font colour, automatic by default.
    ///   - horizontalAlignment: Horizontal alignment, general by default.
    ///   - verticalAlignment: Vertical alignment, Excel's default (bottom) when `nil`.
    ///   - wrapText: Wrap text.
    ///   - indent: Indentation level.
    ///   - rotation: Text rotation in degrees.
    ///   - numberFormat: Number format, General when `nil`.
    ///   - fillColor: Solid fill colour.
    ///   - borders: Borders, none by default.
    ///   - locked: Locked when the sheet is protected, `true` by default.
    ///   - hidden: Formula hidden when the sheet is protected.
    ///   - shrinkToFit: Shrink text to fit.
    public init(
        fontName: String = CellStyle.defaultFontName,
        fontSize: Double = CellStyle.defaultFontSize,
        bold: Bool = false,
        italic: Bool = false,
        underline: Underline? = nil,
        fontColor: Color? = nil,
        horizontalAlignment: HorizontalAlignment = .general,
        verticalAlignment: VerticalAlignment? = nil,
        wrapText: Bool = false,
        indent: Int = 0,
        rotation: Int = 0,
        numberFormat: String? = nil,
        fillColor: Color? = nil,
        borders: Borders = .none,
        locked: Bool = true,
        hidden: Bool = false,
        shrinkToFit: Bool = false
    ) {
        self.fontName = fontName
        self.fontSize = fontSize
        self.bold = bold
        self.italic = italic
        self.underline = underline
        self.fontColor = fontColor
        self.horizontalAlignment = horizontalAlignment
        self.verticalAlignment = verticalAlignment
        self.wrapText = wrapText
        self.indent = indent
        self.rotation = rotation
        self.numberFormat = numberFormat
        self.fillColor = fillColor
        self.borders = borders
        self.locked = locked
        self.hidden = hidden
        self.shrinkToFit = shrinkToFit
    }

    /// The default style: Times New Roman 12 pt, nothing else.
    public static let `default` = CellStyle()

    /// Returns a copy changed by `modify`, e.g. `base.with { $0.bold = true }`.
    ///
    /// - Parameter modify: Changes to apply to the copy.
    /// - Returns: The changed copy.
    public func with(_ modify: (inout CellStyle) -> Void) -> CellStyle {
        var copy = self
        modify(&copy)
        return copy
    }
}
