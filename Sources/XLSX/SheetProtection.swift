/// What a protected sheet still lets the user do.
///
/// Cells whose ``CellStyle/locked`` is `false` stay editable; everything else is locked.
public struct SheetProtection: Hashable, Sendable {
    /// Password, or `nil` for protection without one. Excel's legacy hash is stored, which
    /// deters accidental edits, not a determined user.
    public var password: String?
    /// Select locked cells.
    public var selectLockedCells: Bool
    /// Select unlocked cells.
    public var selectUnlockedCells: Bool
    /// Format cells.
    public var formatCells: Bool
    /// Format columns (e.g. widen them).
    public var formatColumns: Bool
    /// Format rows.
    public var formatRows: Bool
    /// Insert columns.
    public var insertColumns: Bool
    /// Insert rows.
    public var insertRows: Bool
    /// Insert hyperlinks.
    public var insertHyperlinks: Bool
    /// Delete columns.
    public var deleteColumns: Bool
    /// Delete rows.
    public var deleteRows: Bool
    /// Sort.
    public var sort: Bool
    /// Use autofilters.
    public var autofilter: Bool
    /// Use pivot tables.
    public var pivotTables: Bool
    /// Edit objects such as charts.
    public var editObjects: Bool
    /// Edit scenarios.
    public var editScenarios: Bool

    /// Creates a protection; by default only selecting cells is allowed.
    public init(
        password: String? = nil,
        selectLockedCells: Bool = true,
        selectUnlockedCells: Bool = true,
        formatCells: Bool = false,
        formatColumns: Bool = false,
        formatRows: Bool = false,
        insertColumns: Bool = false,
        insertRows: Bool = false,
        insertHyperlinks: Bool = false,
        deleteColumns: Bool = false,
        deleteRows: Bool = false,
        sort: Bool = false,
        autofilter: Bool = false,
        pivotTables: Bool = false,
        editObjects: Bool = false,
        editScenarios: Bool = false
    ) {
        self.password = password
        self.selectLockedCells = selectLockedCells
        self.selectUnlockedCells = selectUnlockedCells
        self.formatCells = formatCells
        self.formatColumns = formatColumns
        self.formatRows = formatRows
        self.insertColumns = insertColumns
        self.insertRows = insertRows
        self.insertHyperlinks = insertHyperlinks
        self.deleteColumns = deleteColumns
        self.deleteRows = deleteRows
        self.sort = sort
        self.autofilter = autofilter
        self.pivotTables = pivotTables
        self.editObjects = editObjects
        self.editScenarios = editScenarios
    }
}
