/// How serious a finding is: an error rejects the row, a warning keeps it.
public enum Severity: String, Sendable, Hashable {
    case error
    case warning
}

/// The rule a finding is reported under; the raw values are the ids of CONTRACT §3, used in
/// `rejections.csv`.
public enum Rule: String, Sendable, Hashable, CaseIterable {
    case unknownUnit = "unknown_unit"
    case levelNotServed = "level_not_served"
    case wrongPeriod = "wrong_period"
    case missingKey = "missing_key"
    case notANumber = "not_a_number"
    case notABoolean = "not_a_boolean"
    case negative = "negative"
    case outOfRange = "out_of_range"
    case exceedsTotal = "exceeds_total"
    case inconsistent = "inconsistent"
    case conflictingUnitValues = "conflicting_unit_values"
    case duplicateConflict = "duplicate_conflict"
    case duplicateCopy = "duplicate_copy"
    case unknownColumn = "unknown_column"
    case duplicateColumn = "duplicate_column"
    case incompleteInputs = "incomplete_inputs"
    /// Extension: a workbook cell holds a formula whose result the file does not give.
    case formulaNotCalculated = "formula_not_calculated"
    case unreadableFile = "unreadable_file"
    case noHeader = "no_header"
    case emptyFile = "empty_file"

    /// The severity the contract gives the rule.
    public var severity: Severity {
        switch self {
        case .duplicateCopy, .unknownColumn, .duplicateColumn, .incompleteInputs, .formulaNotCalculated, .emptyFile: .warning
        default: .error
        }
    }
}

/// Something wrong in the input, reported to the person who can fix it and never thrown.
///
/// A finding carries where it is (file, sheet, row as a person sees it, column header as written)
/// and what it is about (unit and level as written), with a message in Vietnamese that names the
/// value and what was expected.
public struct Finding: Sendable, Hashable {
    public var file: String
    public var sheet: String
    /// The row number a person sees (1-based); `nil` for a finding about a whole file.
    public var row: Int?
    public var column: String
    public var unitCode: String
    public var level: String
    public var rule: Rule
    public var message: String
    /// The cell reference (`E14`) for rows read from a workbook, shown in workbooks.
    public var cell: String

    public var severity: Severity { rule.severity }

    public init(file: String, sheet: String = "", row: Int? = nil, column: String = "", unitCode: String = "",
                level: String = "", rule: Rule, message: String, cell: String = "") {
        self.file = file
        self.sheet = sheet
        self.row = row
        self.column = column
        self.unitCode = unitCode
        self.level = level
        self.rule = rule
        self.message = message
        self.cell = cell
    }
}
