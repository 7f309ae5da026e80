/// How a sheet prints: paper, orientation, margins, scaling, repeated rows, header and footer.
///
/// The defaults are those of an official return (FORMS.md): A4 portrait, margins top and
/// bottom 0.79", left 1.18", right 0.59", fitted to one page wide, centred horizontally,
/// gridlines not printed, page number centred in the header, none on the first page.
///
/// libxlsxwriter 1.1.4 has no "different first page" option: this module adds it to the
/// finished package (see ``headerAndFooterOnFirstPage``).
public struct PageSetup: Hashable, Sendable {
    /// Paper sizes (Excel's `paperSize` codes).
    public enum Paper: Int, Hashable, Sendable {
        /// US Letter.
        case letter = 1
        /// US Legal.
        case legal = 5
        /// A3, 297 × 420 mm.
        case a3 = 8
        /// A4, 210 × 297 mm.
        case a4 = 9
        /// A5, 148 × 210 mm.
        case a5 = 11
    }

    /// Page orientation.
    public enum Orientation: Hashable, Sendable {
        /// Portrait.
        case portrait
        /// Landscape, for wide tables.
        case landscape
    }

    /// Which gridlines show on screen and on paper.
    public enum Gridlines: Hashable, Sendable {
        /// Neither on screen nor printed.
        case hidden
        /// On screen only (Excel's default).
        case screen
        /// Printed only.
        case print
        /// On screen and printed.
        case screenAndPrint
    }

    /// Margins in inches.
    public struct Margins: Hashable, Sendable {
        /// Left margin.
        public var left: Double
        /// Right margin.
        public var right: Double
        /// Top margin.
        public var top: Double
        /// Bottom margin.
        public var bottom: Double
        /// Distance of the header from the top edge.
        public var header: Double
        /// Distance of the footer from the bottom edge.
        public var footer: Double

        /// Creates margins in inches.
        public init(left: Double, right: Double, top: Double, bottom: Double, header: Double = 0.3, footer: Double = 0.3) {
            self.left = left
            self.right = right
            self.top = top
            self.bottom = bottom
            self.header = header
            self.footer = footer
        }

        /// Decree 30/2020 margins: top and bottom 20 mm, left 30 mm, right 15 mm.
        public static let official = Margins(left: 1.18, right: 0.59, top: 0.79, bottom: 0.79)
    }

    /// Fit the printout to a number of pages; 0 leaves that direction unconstrained.
    public struct FitToPages: Hashable, Sendable {
        /// Pages across.
        public var width: Int
        /// Pages down; 0 for as many as needed.
        public var height: Int

        /// Creates a fit-to-pages setting.
        public init(width: Int, height: Int) {
            self.width = width
            self.height = height
        }

        /// One page wide, as many pages tall as needed.
        public static let oneWide = FitToPages(width: 1, height: 0)
    }

    /// Paper size.
    public var paper: Paper
    /// Orientation.
    public var orientation: Orientation
    /// Margins.
    public var margins: Margins
    /// Fit to pages; when set it takes precedence over ``scale`` in Excel.
    public var fitToPages: FitToPages?
    /// Print scale in percent (10...400), used when ``fitToPages`` is `nil`.
    public var scale: Int?
    /// Rows printed at the top of every page (the table header), zero-based and inclusive.
    public var repeatRows: ClosedRange<Int>?
    /// The part of the sheet that prints.
    public var printArea: CellRange?
    /// Centre the printout between the left and right margins.
    public var centerHorizontally: Bool
    /// Centre the printout between the top and bottom margins.
    public var centerVertically: Bool
    /// Excel header codes, e.g. `&C&P` for the page number centred (at most 255 characters).
    public var header: String?
    /// Excel footer codes (at most 255 characters).
    public var footer: String?
    /// The number printed on the first page, or `nil` for 1.
    public var firstPageNumber: Int?
    /// Whether page 1 prints the header and footer too. `false` by default: an official
    /// return numbers its pages from the second (FORMS.md), so the sheet's `<headerFooter>`
    /// gets `differentFirst="1"` with an empty first-page header and footer, written into
    /// the package when the workbook is closed.
    public var headerAndFooterOnFirstPage: Bool
    /// Gridlines on screen and on paper.
    public var gridlines: Gridlines

    /// Creates a page setup; every argument has the official-return default.
    ///
    /// - Parameters:
    ///   - paper: Paper size, A4 by default.
    ///   - orientation: Portrait by default.
    ///   - margins: ``Margins/official`` by default.
    ///   - fitToPages: One page wide by default.
    ///   - scale: Print scale, unused by default.
    ///   - repeatRows: Rows repeated on each page.
    ///   - printArea: The printed range; the used range when `nil`.
    ///   - centerHorizontally: `true` by default.
    ///   - centerVertically: `false` by default.
    ///   - header: `&C&P` (page number, centred) by default.
    ///   - footer: None by default.
    ///   - firstPageNumber: 1 by default.
    ///   - gridlines: On screen only by default.
    public init(
        paper: Paper = .a4,
        orientation: Orientation = .portrait,
        margins: Margins = .official,
        fitToPages: FitToPages? = .oneWide,
        scale: Int? = nil,
        repeatRows: ClosedRange<Int>? = nil,
        printArea: CellRange? = nil,
        centerHorizontally: Bool = true,
        centerVertically: Bool = false,
        header: String? = "&C&P",
        footer: String? = nil,
        firstPageNumber: Int? = nil,
        headerAndFooterOnFirstPage: Bool = false,
        gridlines: Gridlines = .screen
    ) {
        self.paper = paper
        self.orientation = orientation
        self.margins = margins
        self.fitToPages = fitToPages
        self.scale = scale
        self.repeatRows = repeatRows
        self.printArea = printArea
        self.centerHorizontally = centerHorizontally
        self.centerVertically = centerVertically
        self.header = header
        self.footer = footer
        self.firstPageNumber = firstPageNumber
        self.headerAndFooterOnFirstPage = headerAndFooterOnFirstPage
        self.gridlines = gridlines
    }
}
