/// One row of a table as read from a file, before anything is interpreted.
public struct RawRow: Sendable {
    /// The row number a person sees: the line where a CSV record starts, or Excel's row number.
    public let number: Int
    public let cells: [String]
    /// Workbook cells (0-based columns) holding a formula whose result the file does not give;
    /// their text in ``cells`` is `""` (see `XLSXRow.uncalculatedFormulas`).
    public let uncalculatedFormulas: [Int]

    public init(number: Int, cells: [String], uncalculatedFormulas: [Int] = []) {
        self.number = number
        self.cells = cells
        self.uncalculatedFormulas = uncalculatedFormulas
    }

    /// `true` when every cell is empty or white space and none holds an uncalculated formula
    /// (such rows are not data).
    public var isBlank: Bool { uncalculatedFormulas.isEmpty && cells.allSatisfy { $0.allSatisfy(\.isWhitespace) } }

    /// The cell at a column, or an empty string past the row's end.
    public subscript(column: Int) -> String { column < cells.count ? cells[column] : "" }
}

/// A table read from a CSV file or a worksheet: its rows in order, with where they came from.
public struct RawTable: Sendable {
    /// The file as reports name it (relative to the folder given on the command line).
    public let file: String
    /// The sheet name for a workbook, empty for CSV.
    public let sheet: String
    public let rows: [RawRow]
    /// `true` when read from a workbook: findings then give cell references.
    public let isWorkbook: Bool

    public init(file: String, sheet: String = "", rows: [RawRow], isWorkbook: Bool = false) {
        self.file = file
        self.sheet = sheet
        self.rows = rows
        self.isWorkbook = isWorkbook
    }
}

/// The reason a file could not be read as a table; becomes an `unreadable_file` finding.
public struct UnreadableFile: Error, Sendable, Equatable {
    /// One sentence in Vietnamese saying what is wrong and what to do.
    public let message: String

    public init(_ message: String) { self.message = message }
}

/// Excel's column letters for a 0-based column index: 0 → `A`, 27 → `AB`.
public func columnLetters(_ index: Int) -> String {
    var n = index + 1
    var letters: [Character] = []
    while n > 0 {
        let remainder = (n - 1) % 26
        letters.append(Character(UnicodeScalar(UInt8(65 + remainder))))
        n = (n - 1) / 26
    }
    return String(letters.reversed())
}
