import Foundation

/// One row of a worksheet as text: what ``XLSXReader/forEachRow(inSheet:_:)`` streams.
public struct XLSXRow: Hashable, Sendable {
    /// Excel's 1-based row number: from the row's `r=` attribute, or counted on from the
    /// previous row when the writer left it out.
    public let number: Int
    /// Each cell's text by 0-based column (from the cell's `r=` attribute), `""` where the
    /// sheet has no value; the last element is never empty.
    public let cells: [String]
    /// The 0-based columns (in the order of the file) of the cells that hold a formula whose
    /// result the file does not give: no cached value (openpyxl), or a cached `0` in a workbook
    /// marked for recalculation on opening (`fullCalcOnLoad`: XlsxWriter's and libxlsxwriter's
    /// placeholder). Their text in ``cells`` is `""`: a placeholder is never passed on as a
    /// figure. May name columns beyond `cells.count`.
    public let uncalculatedFormulas: [Int]

    /// Creates a row, e.g. for a test of code that consumes rows.
    public init(number: Int, cells: [String], uncalculatedFormulas: [Int] = []) {
        self.number = number
        self.cells = cells
        self.uncalculatedFormulas = uncalculatedFormulas
    }

    /// The text of a 0-based column, `""` beyond the last value.
    public subscript(column: Int) -> String {
        column >= 0 && column < cells.count ? cells[column] : ""
    }
}

/// Reads the cell text of an `.xlsx` workbook, one row at a time.
///
/// ```swift
/// let reader = try XLSXReader(url: file)
/// try reader.forEachRow(inSheet: nil) { row in print(row.number, row.cells) }
/// ```
///
/// Opening reads the package's directory and its small parts: the workbook (sheet names,
/// date system), the styles (which formats are dates) and the shared strings, which every
/// sheet may refer to and so must stay in memory. A worksheet is then streamed: inflated
/// in chunks and scanned as it arrives, so a 50,000-row return never sits in memory whole
/// and reading it costs about one inflate plus one pass over its bytes.
///
/// Cell text (``XLSXRow/cells``), whichever program wrote the file (Excel, LibreOffice,
/// openpyxl, XlsxWriter, libxlsxwriter):
/// - strings, shared or inline, with rich-text runs joined and phonetic guides left out;
///   XML entities and Excel's `_xHHHH_` escapes decoded; every text in Unicode NFC;
/// - numbers: a whole value below 10^15 as its digits (`1234.0` → `"1234"`), else the
///   shortest decimal that reads back the same (`"12.5"`); numbers stored as text stay as
///   written (`"031205"`);
/// - booleans `"TRUE"`/`"FALSE"`, errors as shown (`"#N/A"`), formulas by their cached
///   result; a formula whose result the file does not give (no cached value, or a placeholder
///   `0` in a workbook marked `fullCalcOnLoad`) reads as `""` and is listed in
///   ``XLSXRow/uncalculatedFormulas``;
/// - dates (a number whose style's format is a date or time): `"YYYY-MM-DD"`, or
///   `"YYYY-MM-DD HH:MM:SS"` with a time, in the workbook's 1900 or 1904 date system.
///
/// Every problem of the file is an ``XLSXReadError``: not a workbook, an `.xls`, encrypted,
/// truncated, a part that inflates past ``Limits`` (a ZIP bomb), XML with a `<!DOCTYPE` or
/// `<!ENTITY` (never expanded), damaged data. Nothing is ever written to disk.
///
/// A reader holds no mutable state: it can be shared between tasks, and each call reads the
/// sheet again.
public struct XLSXReader: Sendable {
    /// Bounds on what a file may make the reader inflate and hold.
    ///
    /// The defaults are far above any real return and far below what would exhaust memory
    /// or time; a file beyond them is reported as ``XLSXReadError/Kind/tooLarge``.
    public struct Limits: Hashable, Sendable {
        /// Most bytes one part may inflate to (checked while inflating, whatever the ZIP
        /// directory claims).
        public var maxEntryBytes: Int
        /// Most bytes inflated in all, by opening plus one pass over a sheet.
        public var maxTotalBytes: Int
        /// Most columns a row may have (Excel's own limit by default).
        public var maxColumns: Int
        /// Most bytes in one cell's value, one shared string, or one XML tag.
        public var maxCellBytes: Int
        /// Most entries in the shared-strings table.
        public var maxSharedStrings: Int

        /// Creates limits; every parameter defaults to the value in ``default``.
        public init(maxEntryBytes: Int = 512 << 20, maxTotalBytes: Int = 2 << 30, maxColumns: Int = 16_384,
                    maxCellBytes: Int = 1 << 20, maxSharedStrings: Int = 5_000_000)
        {
            self.maxEntryBytes = maxEntryBytes
            self.maxTotalBytes = maxTotalBytes
            self.maxColumns = maxColumns
            self.maxCellBytes = maxCellBytes
            self.maxSharedStrings = maxSharedStrings
        }

        /// 512 MiB per part, 2 GiB in all, 16,384 columns, 1 MiB per cell, 5,000,000 shared
        /// strings.
        public static let `default` = Limits()
    }

    private struct Sheet: Sendable {
        let name: String
        /// The worksheet part, or `nil` when the workbook names a sheet whose part is missing.
        let entry: ZipEntry?
    }

    private let package: ZipPackage
    private let limits: Limits
    private let sheets: [Sheet]
    private let sharedStrings: [String]
    private let dateStyles: [Bool]
    private let date1904: Bool
    /// The workbook asks to be recalculated when opened: its formulas' cached values are
    /// placeholders.
    private let recalculatesOnLoad: Bool
    /// Bytes inflated while opening, counted against ``Limits/maxTotalBytes`` on each pass.
    private let openingBytes: Int

    /// The sheets' names in workbook order (the tabs as Excel shows them, hidden sheets
    /// included), in NFC.
    public var sheetNames: [String] { sheets.map(\.name) }

    /// Opens a workbook file. Only the file's directory and small parts are read now; the
    /// file stays open (read-only) while the reader or a copy of it exists.
    ///
    /// - Parameters:
    ///   - url: The `.xlsx` file.
    ///   - limits: Bounds on what the file may make the reader inflate.
    /// - Throws: ``XLSXReadError``: `notAWorkbook` (also for a missing file and an `.xls`),
    ///   `encrypted`, `truncated`, `tooLarge`, `entityDeclaration`, `malformed`.
    public init(url: URL, limits: Limits = .default) throws(XLSXReadError) {
        try self.init(bytes: try PackageBytes(url: url), limits: limits)
    }

    /// Opens a workbook held in memory.
    ///
    /// - Parameters:
    ///   - data: The bytes of an `.xlsx` file.
    ///   - limits: Bounds on what the file may make the reader inflate.
    /// - Throws: See ``init(url:limits:)``.
    public init(data: Data, limits: Limits = .default) throws(XLSXReadError) {
        try self.init(bytes: PackageBytes(data: data), limits: limits)
    }

    private init(bytes: PackageBytes, limits: Limits) throws(XLSXReadError) {
        do {
            let package = try ZipPackage(bytes: bytes, limits: limits)
            var budget = InflateBudget(total: 0, maxTotal: limits.maxTotalBytes, maxEntry: limits.maxEntryBytes)
            let maxTag = limits.maxCellBytes

            func relationships(of part: String) throws -> RelationshipsHandler {
                let folder = part.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
                let file = part.split(separator: "/").last.map(String.init) ?? part
                let relsName = (folder.isEmpty ? "" : folder + "/") + "_rels/" + file + ".rels"
                var handler = RelationshipsHandler()
                if let entry = package.entry(relsName) {
                    try scanPart(entry, of: package, budget: &budget, maxTagBytes: maxTag, into: &handler)
                }
                return handler
            }

            // The package's relationships name the workbook part; every writer uses
            // xl/workbook.xml, which is also the fallback when _rels/.rels is missing.
            let root = try relationships(of: "")
            let workbookName = root.target(ofType: "officeDocument").flatMap { resolvePartName($0, from: "") }
                ?? "xl/workbook.xml"
            guard let workbookEntry = package.entry(workbookName) ?? package.entry("xl/workbook.xml") else {
                throw XLSXReadError(.notAWorkbook, detail: "the ZIP package has no workbook part (\(workbookName)); its entries: \(package.entryNames.prefix(8).joined(separator: ", "))")
            }
            let workbookPart = workbookEntry.name
            var workbook = WorkbookHandler()
            try scanPart(workbookEntry, of: package, budget: &budget, maxTagBytes: maxTag, into: &workbook)
            let links = try relationships(of: workbookPart)

            func part(_ target: String?) -> ZipEntry? {
                target.flatMap { resolvePartName($0, from: workbookPart) }.flatMap(package.entry)
            }

            var dateStyles: [Bool] = []
            if let entry = part(links.target(ofType: "styles")) ?? package.entry("xl/styles.xml") {
                var styles = StylesHandler()
                try scanPart(entry, of: package, budget: &budget, maxTagBytes: maxTag, into: &styles)
                dateStyles = styles.dateStyles
            }
            var sharedStrings: [String] = []
            if let entry = part(links.target(ofType: "sharedStrings")) ?? package.entry("xl/sharedStrings.xml") {
                var strings = SharedStringsHandler(maxStrings: limits.maxSharedStrings, maxCellBytes: limits.maxCellBytes)
                try scanPart(entry, of: package, budget: &budget, maxTagBytes: maxTag, into: &strings)
                sharedStrings = strings.strings
            }
            let byID = Dictionary(links.relationships.map { ($0.id, $0.target) }, uniquingKeysWith: { first, _ in first })
            self.sheets = workbook.sheets.map { sheet in
                if let target = sheet.relationshipID.flatMap({ byID[$0] }) {
                    // A target that leaves the package (`../../x.xml`) resolves to nothing:
                    // the sheet is then missing, never looked for elsewhere.
                    return Sheet(name: sheet.name, entry: part(target))
                }
                // Without a relationship, the conventional name from the sheet's id.
                return Sheet(name: sheet.name, entry: sheet.sheetID.flatMap { package.entry("xl/worksheets/sheet\($0).xml") })
            }
            self.package = package
            self.limits = limits
            self.sharedStrings = sharedStrings
            self.dateStyles = dateStyles
            self.date1904 = workbook.date1904
            self.recalculatesOnLoad = workbook.fullCalcOnLoad
            self.openingBytes = budget.total
        } catch let error as XLSXReadError {
            throw error
        } catch {
            throw XLSXReadError(.malformed, detail: "\(error)")
        }
    }

    /// Streams the rows of a sheet that have at least one non-empty cell value, in the
    /// order of the file; never holds the whole sheet.
    ///
    /// Rows without a value (empty, or only styled) are skipped without cost, so a title
    /// block's blank lines and a sheet formatted down to row 1,048,576 both read quickly.
    /// Row numbers are Excel's, so a caller can report "row 7" as the clerk sees it.
    ///
    /// - Parameters:
    ///   - name: The sheet's name (exact, else ignoring case); `nil` for the first sheet.
    ///   - body: Called with each row; what it throws stops the reading and is rethrown
    ///     as it is. When the reader itself throws, the rows `body` already had came from
    ///     a damaged file: treat the error as a finding for the whole file.
    /// - Throws: ``XLSXReadError`` (`missingSheet`, `tooLarge`, `truncated`,
    ///   `entityDeclaration`, `malformed`…), or what `body` throws.
    public func forEachRow(inSheet name: String? = nil, _ body: (XLSXRow) throws -> Void) throws {
        let (sheetName, entry) = try sheetEntry(name)
        var handler = makeHandler(entry, readsCells: true)
        do {
            try scan(entry, sheetName: sheetName, into: &handler) { handler in
                guard !handler.ready.isEmpty else { return }
                for row in handler.ready {
                    do { try body(row) } catch { throw ZipPackage.BodyError(error: error) }
                }
                handler.ready.removeAll(keepingCapacity: true)
            }
        } catch let error as ZipPackage.BodyError {
            throw error.error
        }
    }

    /// The merged cell ranges of a sheet (0-based), in the order the file lists them.
    ///
    /// Excel stores them after the cells, so this reads the whole sheet once (without
    /// building its rows).
    ///
    /// - Parameter name: The sheet's name (exact, else ignoring case); `nil` for the first sheet.
    /// - Throws: ``XLSXReadError``, as ``forEachRow(inSheet:_:)``.
    public func mergedRanges(inSheet name: String? = nil) throws(XLSXReadError) -> [CellRange] {
        let (sheetName, entry) = try sheetEntry(name)
        var handler = makeHandler(entry, readsCells: false)
        do {
            try scan(entry, sheetName: sheetName, into: &handler) { _ in }
        } catch let error as XLSXReadError {
            throw error
        } catch {
            throw XLSXReadError(.malformed, detail: "\(entry.name): \(error)")
        }
        return handler.merges
    }

    // MARK: Internals

    private func sheetEntry(_ name: String?) throws(XLSXReadError) -> (String, ZipEntry) {
        let sheet: Sheet?
        if let name {
            let wanted = XMLText.nfc(name)
            sheet = sheets.first { $0.name == wanted }
                ?? sheets.first { $0.name.lowercased() == wanted.lowercased() }
            guard sheet != nil else { throw .missingSheet(name, available: sheetNames) }
        } else {
            sheet = sheets.first
            guard sheet != nil else {
                throw XLSXReadError(.missingSheet, detail: "the workbook lists no sheets")
            }
        }
        guard let sheet, let entry = sheet.entry else {
            throw XLSXReadError(.missingSheet, detail: "the workbook names sheet \"\(sheet?.name ?? "")\" but its part is missing from the package")
        }
        return (sheet.name, entry)
    }

    private func makeHandler(_ entry: ZipEntry, readsCells: Bool) -> SheetHandler {
        SheetHandler(part: entry.name, sharedStrings: sharedStrings, dateStyles: dateStyles, date1904: date1904,
                     recalculatesOnLoad: recalculatesOnLoad, limits: limits, readsCells: readsCells)
    }

    /// Streams a sheet part through `handler`, calling `drain` after each chunk.
    private func scan(_ entry: ZipEntry, sheetName: String, into handler: inout SheetHandler,
                      drain: (inout SheetHandler) throws -> Void) throws
    {
        var budget = InflateBudget(total: openingBytes, maxTotal: limits.maxTotalBytes, maxEntry: limits.maxEntryBytes)
        var scanner = XMLScanner(part: entry.name, maxTagBytes: limits.maxCellBytes)
        do {
            try package.stream(entry, budget: &budget) { chunk in
                try scanner.feed(chunk, &handler)
                try drain(&handler)
            }
            try scanner.finish()
            try drain(&handler)
        } catch let error as ZipPackage.BodyError {
            throw error
        } catch let error as XLSXReadError {
            throw error
        } catch {
            throw XLSXReadError(.malformed, detail: "sheet \"\(sheetName)\" (\(entry.name)): \(error)")
        }
    }
}
