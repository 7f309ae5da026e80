/// A cell's position: zero-based row and column, as in libxlsxwriter (`A1` is row 0,
/// column 0).
public struct CellAddress: Hashable, Sendable, CustomStringConvertible {
    /// Zero-based row (0...1_048_575).
    public var row: Int
    /// Zero-based column (0...16_383).
    public var column: Int

    /// Creates an address from zero-based indices.
    public init(row: Int, column: Int) {
        self.row = row
        self.column = column
    }

    /// Parses an A1-style reference such as `"B3"` or `"$B$3"`; returns `nil` if it is not one.
    public init?(_ a1: String) {
        var letters = 0
        var column = 0
        var rowDigits = ""
        for character in a1 where character != "$" {
            if rowDigits.isEmpty, let ascii = character.asciiValue, (65...90).contains(ascii & ~0x20) {
                // No column has more than three letters (XFD is the last); stopping at the
                // fourth also keeps a hostile reference (a workbook's `<mergeCell ref>`) from
                // overflowing `column`. Found by Fuzz/XLSXReaderFuzz.swift.
                guard letters < 3 else { return nil }
                column = column * 26 + Int((ascii & ~0x20) - 64)
                letters += 1
            } else if character.isASCII, let digit = character.wholeNumberValue {
                rowDigits.append(String(digit))
            } else {
                return nil
            }
        }
        guard (1...3).contains(letters), let row = Int(rowDigits), row >= 1 else { return nil }
        self.init(row: row - 1, column: column - 1)
    }

    /// The column's letters, e.g. `"AB"` for column 27.
    public static func columnName(_ column: Int) -> String {
        var name = ""
        var remaining = column + 1
        while remaining > 0 {
            let digit = (remaining - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + digit))) + name
            remaining = (remaining - 1) / 26
        }
        return name
    }

    /// The A1-style reference, e.g. `"B3"`.
    public var description: String { Self.columnName(column) + String(row + 1) }
}

/// A rectangle of cells given by its first and last rows and columns (inclusive, zero-based).
public struct CellRange: Hashable, Sendable, CustomStringConvertible {
    /// First row.
    public var firstRow: Int
    /// First column.
    public var firstColumn: Int
    /// Last row, inclusive.
    public var lastRow: Int
    /// Last column, inclusive.
    public var lastColumn: Int

    /// Creates a range from inclusive zero-based bounds.
    public init(firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int) {
        self.firstRow = firstRow
        self.firstColumn = firstColumn
        self.lastRow = lastRow
        self.lastColumn = lastColumn
    }

    /// Creates a range from row and column intervals.
    public init(rows: ClosedRange<Int>, columns: ClosedRange<Int>) {
        self.init(firstRow: rows.lowerBound, firstColumn: columns.lowerBound,
                  lastRow: rows.upperBound, lastColumn: columns.upperBound)
    }

    /// A range of one cell.
    public init(_ cell: CellAddress) {
        self.init(firstRow: cell.row, firstColumn: cell.column, lastRow: cell.row, lastColumn: cell.column)
    }

    /// Parses `"A1:C5"` or a single cell `"B2"`; returns `nil` if it is neither.
    public init?(_ a1: String) {
        let parts = a1.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 1 || parts.count == 2,
              let first = CellAddress(String(parts[0])),
              let last = CellAddress(String(parts[parts.count - 1]))
        else { return nil }
        self.init(firstRow: first.row, firstColumn: first.column, lastRow: last.row, lastColumn: last.column)
    }

    /// The top-left cell.
    public var first: CellAddress { CellAddress(row: firstRow, column: firstColumn) }
    /// The bottom-right cell.
    public var last: CellAddress { CellAddress(row: lastRow, column: lastColumn) }
    /// Whether the range is a single cell.
    public var isSingleCell: Bool { firstRow == lastRow && firstColumn == lastColumn }

    /// Whether the two ranges share at least one cell.
    public func overlaps(_ other: CellRange) -> Bool {
        firstRow <= other.lastRow && other.firstRow <= lastRow
            && firstColumn <= other.lastColumn && other.firstColumn <= lastColumn
    }

    /// `"A1:C5"`, or `"B2"` for a single cell.
    public var description: String {
        isSingleCell ? first.description : "\(first):\(last)"
    }
}

/// A range on a named sheet, as used by chart series and defined names.
public struct SheetRange: Hashable, Sendable, CustomStringConvertible {
    /// The sheet's name as given to ``Workbook/addWorksheet(_:_:)``.
    public var sheet: String
    /// The cells.
    public var range: CellRange

    /// Creates a sheet range.
    public init(sheet: String, range: CellRange) {
        self.sheet = sheet
        self.range = range
    }

    /// Creates a sheet range from row and column intervals.
    public init(sheet: String, rows: ClosedRange<Int>, columns: ClosedRange<Int>) {
        self.init(sheet: sheet, range: CellRange(rows: rows, columns: columns))
    }

    /// The absolute formula reference, e.g. `'Tổng hợp'!$B$2:$B$9`: the sheet name is always
    /// quoted, which Excel accepts for every name and requires for most non-ASCII ones.
    public var formula: String {
        let quoted = "'" + sheet.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "''") + "'"
        func absolute(_ cell: CellAddress) -> String {
            "$" + CellAddress.columnName(cell.column) + "$" + String(cell.row + 1)
        }
        return range.isSingleCell
            ? "\(quoted)!\(absolute(range.first))"
            : "\(quoted)!\(absolute(range.first)):\(absolute(range.last))"
    }

    /// Same as ``formula``.
    public var description: String { formula }
}
