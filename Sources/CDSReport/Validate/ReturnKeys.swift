/// The unit and level each data row of a table gives, found the way the validator finds them
/// (header within the first 20 rows, columns by id or label), for deciding which rows a later
/// return supersedes.
public struct ReturnKeys: Sendable {
    /// The position of the header row in the table's rows, if found.
    public let headerPosition: Int?
    /// For each data row (by position in the table's rows): the unit code and the level, trimmed
    /// (the level upper case); empty when blank.
    public let keys: [(position: Int, unit: String, level: String)]

    public init(table: RawTable, catalogue: Catalogue) {
        guard let header = table.rows.prefix(CSVTableReader.headerSearchRows).firstIndex(where: { row in
            row.cells.contains { catalogue.element(forHeader: $0) == catalogue.unitCodeIndex }
        }) else {
            headerPosition = nil
            keys = []
            return
        }
        headerPosition = header
        var unitColumn: Int?
        var levelColumn: Int?
        for (index, cell) in table.rows[header].cells.enumerated() {
            switch catalogue.element(forHeader: CellParsing.trim(cell)) {
            case catalogue.unitCodeIndex? where unitColumn == nil: unitColumn = index
            case catalogue.levelIndex? where levelColumn == nil: levelColumn = index
            default: break
            }
        }
        var keys: [(Int, String, String)] = []
        for position in (header + 1)..<table.rows.count where !table.rows[position].isBlank {
            let row = table.rows[position]
            keys.append((position, unitColumn.map { CellParsing.trim(row[$0]) } ?? "",
                         levelColumn.map { CellParsing.trim(row[$0]).uppercased() } ?? ""))
        }
        self.keys = keys
    }
}
