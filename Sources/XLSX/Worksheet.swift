import CXLSXWriter

/// A worksheet lent by ``Workbook/addWorksheet(_:_:)`` or ``Workbook/withWorksheet(named:_:)``.
///
/// Non-copyable and created only by the workbook, so it cannot outlive the closure it is
/// lent to, nor the workbook. Rows and columns are zero-based (`A1` is row 0, column 0).
/// Every text is written in Unicode NFC.
public struct Worksheet: ~Copyable {
    let state: WorkbookState
    let sheet: SheetState

    init(state: WorkbookState, sheet: SheetState) {
        self.state = state
        self.sheet = sheet
    }

    /// The sheet's name, as written (NFC).
    public var name: String { sheet.name }

    // MARK: Cells

    /// Writes a value of any kind.
    ///
    /// - Parameters:
    ///   - value: The value.
    ///   - cell: Where to write it.
    ///   - style: The cell's style; `nil` uses the workbook's default format.
    /// - Throws: ``XLSXError`` for a cell outside the sheet, a non-finite number, a text
    ///   longer than 32,767 characters, or any error of the library call.
    public mutating func write(_ value: CellValue, at cell: CellAddress, style: CellStyle? = nil) throws(XLSXError) {
        switch value {
        case .string(let text): try write(text, row: cell.row, column: cell.column, style: style)
        case .number(let number): try write(number, row: cell.row, column: cell.column, style: style)
        case .integer(let integer): try write(integer, row: cell.row, column: cell.column, style: style)
        case .boolean(let flag): try write(flag, row: cell.row, column: cell.column, style: style)
        case .blank: try writeBlank(row: cell.row, column: cell.column, style: style)
        case .formula(let formula, let result):
            try writeFormula(formula, row: cell.row, column: cell.column, cachedResult: result, style: style)
        }
    }

    /// Writes a value of any kind.
    ///
    /// - Parameters:
    ///   - value: The value.
    ///   - row: Zero-based row.
    ///   - column: Zero-based column.
    ///   - style: The cell's style; `nil` uses the workbook's default format.
    /// - Throws: See ``write(_:at:style:)``.
    public mutating func write(_ value: CellValue, row: Int, column: Int, style: CellStyle? = nil) throws(XLSXError) {
        try write(value, at: CellAddress(row: row, column: column), style: style)
    }

    /// Writes values left to right from `firstColumn`, all with the same style.
    ///
    /// - Parameters:
    ///   - values: The values.
    ///   - row: Zero-based row.
    ///   - firstColumn: Zero-based column of the first value.
    ///   - style: The style of every cell.
    /// - Throws: See ``write(_:at:style:)``.
    public mutating func writeRow(_ values: [CellValue], row: Int, firstColumn: Int = 0, style: CellStyle? = nil)
        throws(XLSXError)
    {
        for (offset, value) in values.enumerated() {
            try write(value, at: CellAddress(row: row, column: firstColumn + offset), style: style)
        }
    }

    /// Writes text, in NFC, to the shared-strings table (inline in constant-memory mode).
    ///
    /// - Parameters:
    ///   - text: The text; an empty text with a style writes a styled blank cell.
    ///   - row: Zero-based row.
    ///   - column: Zero-based column.
    ///   - style: The cell's style.
    /// - Throws: ``XLSXError`` for a cell outside the sheet, a NUL in the text, or
    ///   ``XLSXError/Code/stringLengthExceeded`` from `worksheet_write_string`.
    public mutating func write(_ text: String, row: Int, column: Int, style: CellStyle? = nil) throws(XLSXError) {
        let operation = "Worksheet.write(String)"
        let (cRow, cColumn) = try Self.cell(row, column, operation)
        let text = try Text.prepare(text, operation: operation, what: "cell text")
        let format = try state.format(for: style, operation: operation)
        let result = text.withCString { worksheet_write_string(sheet.handle, cRow, cColumn, $0, format) }
        state.cellsWritten += 1
        try check(result, "worksheet_write_string", detail: "\(name)!\(CellAddress(row: row, column: column))")
    }

    /// Writes a number.
    ///
    /// - Parameters:
    ///   - number: A finite number; NaN and infinities have no representation in a cell.
    ///   - row: Zero-based row.
    ///   - column: Zero-based column.
    ///   - style: The cell's style, e.g. with a number format.
    /// - Throws: ``XLSXError`` for a non-finite number, a cell outside the sheet, or from
    ///   `worksheet_write_number`.
    public mutating func write(_ number: Double, row: Int, column: Int, style: CellStyle? = nil) throws(XLSXError) {
        let operation = "Worksheet.write(Double)"
        let (cRow, cColumn) = try Self.cell(row, column, operation)
        guard number.isFinite else {
            throw XLSXError(code: .parameterValidation, operation: operation,
                            detail: "\(name)!\(CellAddress(row: row, column: column)): \(number) is not a finite number; write a blank cell for a missing ratio")
        }
        let format = try state.format(for: style, operation: operation)
        state.cellsWritten += 1
        try check(worksheet_write_number(sheet.handle, cRow, cColumn, number, format), "worksheet_write_number",
                  detail: "\(name)!\(CellAddress(row: row, column: column))")
    }

    /// Writes a whole number.
    ///
    /// - Parameters:
    ///   - integer: A whole number within ±2^53, which Excel stores exactly.
    ///   - row: Zero-based row.
    ///   - column: Zero-based column.
    ///   - style: The cell's style.
    /// - Throws: ``XLSXError`` if the number cannot be stored exactly, or see ``write(_:row:column:style:)-(Double,_,_,_)``.
    public mutating func write(_ integer: Int, row: Int, column: Int, style: CellStyle? = nil) throws(XLSXError) {
        guard integer.magnitude <= 1 << 53 else {
            throw XLSXError(code: .parameterValidation, operation: "Worksheet.write(Int)",
                            detail: "\(integer) is beyond ±2^53 and would lose digits in Excel")
        }
        try write(Double(integer), row: row, column: column, style: style)
    }

    /// Writes `TRUE` or `FALSE`.
    ///
    /// - Parameters:
    ///   - flag: The value.
    ///   - row: Zero-based row.
    ///   - column: Zero-based column.
    ///   - style: The cell's style.
    /// - Throws: ``XLSXError`` for a cell outside the sheet or from `worksheet_write_boolean`.
    public mutating func write(_ flag: Bool, row: Int, column: Int, style: CellStyle? = nil) throws(XLSXError) {
        let operation = "Worksheet.write(Bool)"
        let (cRow, cColumn) = try Self.cell(row, column, operation)
        let format = try state.format(for: style, operation: operation)
        state.cellsWritten += 1
        try check(worksheet_write_boolean(sheet.handle, cRow, cColumn, flag ? 1 : 0, format),
                  "worksheet_write_boolean", detail: "\(name)!\(CellAddress(row: row, column: column))")
    }

    /// Writes an empty cell that carries a style (a border, a fill).
    ///
    /// Without a style there is nothing to write: libxlsxwriter skips unstyled blanks, and
    /// an empty cell already shows the workbook's default font.
    ///
    /// - Parameters:
    ///   - row: Zero-based row.
    ///   - column: Zero-based column.
    ///   - style: The cell's style.
    /// - Throws: ``XLSXError`` for a cell outside the sheet or from `worksheet_write_blank`.
    public mutating func writeBlank(row: Int, column: Int, style: CellStyle?) throws(XLSXError) {
        let operation = "Worksheet.writeBlank"
        let (cRow, cColumn) = try Self.cell(row, column, operation)
        let format = try state.format(for: style, operation: operation)
        state.cellsWritten += 1
        try check(worksheet_write_blank(sheet.handle, cRow, cColumn, format), "worksheet_write_blank",
                  detail: "\(name)!\(CellAddress(row: row, column: column))")
    }

    /// Writes a formula with the result shown by readers that do not calculate.
    ///
    /// Excel recalculates on opening; the cached result matters for other readers (and for
    /// tests). Without one, libxlsxwriter stores 0.
    ///
    /// - Parameters:
    ///   - formula: The formula, with or without the leading `=`, in Excel's English syntax
    ///     (`SUM`, commas between arguments).
    ///   - row: Zero-based row.
    ///   - column: Zero-based column.
    ///   - cachedResult: The value to store as the formula's result.
    ///   - style: The cell's style.
    /// - Throws: ``XLSXError`` for an empty formula, a non-finite cached number, a cell
    ///   outside the sheet, or from `worksheet_write_formula*`.
    public mutating func writeFormula(_ formula: String, row: Int, column: Int,
                                      cachedResult: CellValue.FormulaResult? = nil,
                                      style: CellStyle? = nil) throws(XLSXError)
    {
        let operation = "Worksheet.writeFormula"
        let (cRow, cColumn) = try Self.cell(row, column, operation)
        let formula = try Text.prepare(formula, operation: operation, what: "formula")
        let place = "\(name)!\(CellAddress(row: row, column: column))"
        guard !formula.isEmpty, formula != "=" else {
            throw XLSXError(code: .parameterValidation, operation: operation, detail: "\(place): empty formula")
        }
        let format = try state.format(for: style, operation: operation)
        let handle = sheet.handle
        switch cachedResult {
        case nil:
            let result = formula.withCString { worksheet_write_formula(handle, cRow, cColumn, $0, format) }
            try check(result, "worksheet_write_formula", detail: "\(place): \(formula)")
        case .number(let value):
            guard value.isFinite else {
                throw XLSXError(code: .parameterValidation, operation: operation,
                                detail: "\(place): cached result \(value) is not finite")
            }
            let result = formula.withCString { worksheet_write_formula_num(handle, cRow, cColumn, $0, format, value) }
            try check(result, "worksheet_write_formula_num", detail: "\(place): \(formula)")
        case .string(let text):
            let text = try Text.prepare(text, operation: operation, what: "cached formula result")
            let result = formula.withCString { cFormula in
                text.withCString { worksheet_write_formula_str(handle, cRow, cColumn, cFormula, format, $0) }
            }
            try check(result, "worksheet_write_formula_str", detail: "\(place): \(formula)")
        }
    }

    /// Writes a hyperlink.
    ///
    /// - Parameters:
    ///   - url: `https://…`, `mailto:…`, `internal:Sheet!A1` or `external:file.xlsx`.
    ///   - row: Zero-based row.
    ///   - column: Zero-based column.
    ///   - text: What the cell shows; the URL itself when `nil`.
    ///   - tooltip: A tip shown on hover.
    ///   - style: The cell's style; `nil` uses the default hyperlink style (underlined, in
    ///     the workbook's default font).
    /// - Throws: ``XLSXError`` for a cell outside the sheet, or from `worksheet_write_url_opt`
    ///   (e.g. ``XLSXError/Code/urlTooLong``).
    public mutating func writeURL(_ url: String, row: Int, column: Int, text: String? = nil,
                                  tooltip: String? = nil, style: CellStyle? = nil) throws(XLSXError)
    {
        let operation = "Worksheet.writeURL"
        let (cRow, cColumn) = try Self.cell(row, column, operation)
        let url = try Text.prepare(url, operation: operation, what: "URL")
        let text = try text.map { (value) throws(XLSXError) in try Text.prepare(value, operation: operation, what: "link text") }
        let tooltip = try tooltip.map { (value) throws(XLSXError) in try Text.prepare(value, operation: operation, what: "tooltip") }
        let format = try state.format(for: style, operation: operation)
        let handle = sheet.handle
        let result = url.withCString { cURL in
            withOptionalCString(text) { cText in
                withOptionalCString(tooltip) { cTip in
                    worksheet_write_url_opt(handle, cRow, cColumn, cURL, format, cText, cTip)
                }
            }
        }
        try check(result, "worksheet_write_url_opt", detail: "\(name)!\(CellAddress(row: row, column: column)): \(url)")
    }

    // MARK: Merged cells

    /// Merges a range and writes a value in it with a style applied to every cell of the
    /// range (so borders show all round).
    ///
    /// - Parameters:
    ///   - range: At least two cells, not overlapping an earlier merge.
    ///   - value: What the merged cell shows.
    ///   - style: The style of every cell in the range.
    /// - Throws: ``XLSXError`` for a single cell, an overlap with an earlier merge (Excel
    ///   would report the file as corrupt), a range outside the sheet, or from
    ///   `worksheet_merge_range`.
    public mutating func merge(_ range: CellRange, value: CellValue = .blank, style: CellStyle? = nil)
        throws(XLSXError)
    {
        let operation = "Worksheet.merge"
        let bounds = try Self.range(range, operation)
        if range.isSingleCell {
            throw XLSXError(code: .parameterValidation, operation: operation,
                            detail: "\(name)!\(range): a merged range needs at least two cells")
        }
        if let earlier = sheet.mergedRanges.first(where: { $0.overlaps(range) }) {
            throw XLSXError(code: .parameterValidation, operation: operation,
                            detail: "\(name)!\(range) overlaps the merged range \(earlier)")
        }
        let text: String
        if case .string(let value) = value {
            text = try Text.prepare(value, operation: operation, what: "merged cell text")
        } else {
            text = ""
        }
        let format = try state.format(for: style, operation: operation)
        let handle = sheet.handle
        let result = text.withCString {
            worksheet_merge_range(handle, bounds.firstRow, bounds.firstColumn, bounds.lastRow, bounds.lastColumn, $0, format)
        }
        try check(result, "worksheet_merge_range", detail: "\(name)!\(range)")
        sheet.mergedRanges.append(range)
        // The library merges with text only; any other value overwrites the first cell,
        // which is how Excel stores a merged cell's value.
        switch value {
        case .string, .blank: break
        default: try write(value, at: range.first, style: style)
        }
    }

    // MARK: Rows and columns

    /// Sets a row's height, default style and visibility.
    ///
    /// The style applies to the row's cells that are written without a style and to its
    /// empty cells. Each call replaces the row's earlier height, style and visibility. In
    /// constant-memory mode call this before writing the row.
    ///
    /// - Parameters:
    ///   - row: Zero-based row.
    ///   - height: Height in points, or `nil` for the default (15).
    ///   - style: The row's default style.
    ///   - hidden: Hide the row.
    /// - Throws: ``XLSXError`` for a row outside the sheet or a negative height, or from
    ///   `worksheet_set_row_opt`.
    public mutating func setRow(_ row: Int, height: Double? = nil, style: CellStyle? = nil, hidden: Bool = false)
        throws(XLSXError)
    {
        let operation = "Worksheet.setRow"
        let (cRow, _) = try Self.cell(row, 0, operation)
        if let height, !(0...409).contains(height) {
            throw XLSXError(code: .parameterValidation, operation: operation,
                            detail: "row \(row) height \(height) is outside 0...409 points")
        }
        let format = try state.format(for: style, operation: operation)
        var options = lxw_row_col_options()
        options.hidden = hidden ? 1 : 0
        try check(worksheet_set_row_opt(sheet.handle, cRow, height ?? Self.defaultRowHeight, format, &options),
                  "worksheet_set_row_opt", detail: "\(name) row \(row)")
    }

    /// Hides a row.
    ///
    /// - Parameter row: Zero-based row.
    /// - Throws: See ``setRow(_:height:style:hidden:)``.
    public mutating func hideRow(_ row: Int) throws(XLSXError) {
        try setRow(row, hidden: true)
    }

    /// Sets the width, default style and visibility of a run of columns.
    ///
    /// The default style is what Excel shows in the columns' empty cells and applies to new
    /// entries.
    ///
    /// - Parameters:
    ///   - columns: Zero-based columns, inclusive.
    ///   - width: Width in characters, or `nil` for the default (8.43).
    ///   - style: The columns' default style.
    ///   - hidden: Hide the columns.
    /// - Throws: ``XLSXError`` for columns outside the sheet or a width outside 0...255,
    ///   or from `worksheet_set_column_opt`.
    public mutating func setColumns(_ columns: ClosedRange<Int>, width: Double? = nil, style: CellStyle? = nil,
                                    hidden: Bool = false) throws(XLSXError)
    {
        let operation = "Worksheet.setColumns"
        let (_, first) = try Self.cell(0, columns.lowerBound, operation)
        let (_, last) = try Self.cell(0, columns.upperBound, operation)
        if let width, !(0...255).contains(width) {
            throw XLSXError(code: .parameterValidation, operation: operation,
                            detail: "column width \(width) is outside 0...255 characters")
        }
        let format = try state.format(for: style, operation: operation)
        var options = lxw_row_col_options()
        options.hidden = hidden ? 1 : 0
        try check(worksheet_set_column_opt(sheet.handle, first, last, width ?? Self.defaultColumnWidth, format, &options),
                  "worksheet_set_column_opt", detail: "\(name) columns \(columns)")
    }

    /// Sets one column's width, default style and visibility.
    ///
    /// - Parameters:
    ///   - column: Zero-based column.
    ///   - width: Width in characters, or `nil` for the default.
    ///   - style: The column's default style.
    ///   - hidden: Hide the column.
    /// - Throws: See ``setColumns(_:width:style:hidden:)``.
    public mutating func setColumn(_ column: Int, width: Double? = nil, style: CellStyle? = nil, hidden: Bool = false)
        throws(XLSXError)
    {
        try setColumns(column...column, width: width, style: style, hidden: hidden)
    }

    // MARK: View

    /// Freezes the rows above `row` and the columns left of `column` (e.g. the table header).
    ///
    /// - Parameters:
    ///   - row: The first scrolling row; 0 freezes no rows.
    ///   - column: The first scrolling column; 0 freezes no columns.
    /// - Throws: ``XLSXError`` for a position outside the sheet.
    public mutating func freezePanes(row: Int, column: Int) throws(XLSXError) {
        let (cRow, cColumn) = try Self.cell(row, column, "Worksheet.freezePanes")
        worksheet_freeze_panes(sheet.handle, cRow, cColumn)
    }

    /// Adds filter buttons to the header row of a range.
    ///
    /// - Parameter range: The header row and the data below it.
    /// - Throws: ``XLSXError`` for a range outside the sheet or from `worksheet_autofilter`.
    public mutating func autofilter(_ range: CellRange) throws(XLSXError) {
        let bounds = try Self.range(range, "Worksheet.autofilter")
        try check(worksheet_autofilter(sheet.handle, bounds.firstRow, bounds.firstColumn, bounds.lastRow, bounds.lastColumn),
                  "worksheet_autofilter", detail: "\(name)!\(range)")
    }

    /// Colours the sheet's tab.
    ///
    /// - Parameter color: The tab colour.
    public mutating func setTabColor(_ color: Color) {
        worksheet_set_tab_color(sheet.handle, color.libraryValue)
    }

    /// Sets the zoom of the sheet's window.
    ///
    /// - Parameter percent: 10...400.
    /// - Throws: ``XLSXError`` for a zoom outside 10...400 (the library would ignore it).
    public mutating func setZoom(_ percent: Int) throws(XLSXError) {
        guard (10...400).contains(percent) else {
            throw XLSXError(code: .parameterValidation, operation: "Worksheet.setZoom",
                            detail: "zoom \(percent)% is outside 10...400")
        }
        worksheet_set_zoom(sheet.handle, UInt16(percent))
    }

    /// Makes this the sheet shown when the file is opened.
    public mutating func activate() {
        worksheet_activate(sheet.handle)
    }

    // MARK: Index conversion

    static let maximumRow = 1_048_575
    static let maximumColumn = 16_383
    static let defaultRowHeight = 15.0
    static let defaultColumnWidth = 8.43

    /// Converts zero-based indices, rejecting what Excel cannot hold with a message that
    /// names the index (rather than letting C truncate an `Int` to 16 or 32 bits).
    static func cell(_ row: Int, _ column: Int, _ operation: String) throws(XLSXError) -> (lxw_row_t, lxw_col_t) {
        guard (0...maximumRow).contains(row) else {
            throw XLSXError(code: .indexOutOfRange, operation: operation,
                            detail: "row \(row) is outside 0...\(maximumRow) (rows are zero-based)")
        }
        guard (0...maximumColumn).contains(column) else {
            throw XLSXError(code: .indexOutOfRange, operation: operation,
                            detail: "column \(column) is outside 0...\(maximumColumn) (columns are zero-based)")
        }
        return (lxw_row_t(row), lxw_col_t(column))
    }

    static func range(_ range: CellRange, _ operation: String) throws(XLSXError)
        -> (firstRow: lxw_row_t, firstColumn: lxw_col_t, lastRow: lxw_row_t, lastColumn: lxw_col_t)
    {
        let (firstRow, firstColumn) = try cell(range.firstRow, range.firstColumn, operation)
        let (lastRow, lastColumn) = try cell(range.lastRow, range.lastColumn, operation)
        guard firstRow <= lastRow, firstColumn <= lastColumn else {
            throw XLSXError(code: .parameterValidation, operation: operation,
                            detail: "range \(range) ends before it starts")
        }
        return (firstRow, firstColumn, lastRow, lastColumn)
    }
}

/// Calls `body` with a C string for `text`, or with `nil`; the pointer is valid only
/// during the call.
func withOptionalCString<Result>(_ text: String?, _ body: (UnsafePointer<CChar>?) -> Result) -> Result {
    guard let text else { return body(nil) }
    return text.withCString { body($0) }
}
