/// A table to validate, or the reason its file could not be read.
public struct SubmissionInput: Sendable {
    public let file: String
    public let content: Result<RawTable, UnreadableFile>

    public init(file: String, content: Result<RawTable, UnreadableFile>) {
        self.file = file
        self.content = content
    }
}

/// A row that passed every rule: one unit's figures for one level.
public struct AcceptedRow: Sendable {
    /// The unit's index in the registry.
    public let unit: Int
    public let level: Level
    /// Parsed values by catalogue element index; fields that do not apply to the level are blank.
    public let values: [FieldValue]
}

/// What validation yields: the accepted rows, every finding, and the counts the summary shows.
public struct ValidationOutcome: Sendable {
    public var accepted: [AcceptedRow] = []
    public var findings: [Finding] = []
    /// Data rows read (blank rows are not data).
    public var rowsRead = 0
    public var rowsRejected = 0
    /// Rows of registry units outside `--managing-unit`, left out without a finding.
    public var rowsLeftOut = 0
    /// Later exact copies, counted once.
    public var duplicateCopies = 0
    public var filesRead = 0
    public var filesUnreadable = 0
    /// Per registry unit index: rows submitted (with a valid key) and rows rejected.
    public var rowsByUnit: [Int: (submitted: Int, rejected: Int)] = [:]
}

/// Applies every rule of CONTRACT §3 to the rows of the returns.
///
/// Row rules first (keys, then each field, then the rules between fields), then the rules across
/// rows (duplicates, per-unit fields), then the warnings on accepted rows. A bad row is a finding;
/// nothing here throws.
public struct Validator: Sendable {
    public let catalogue: Catalogue
    public let registry: Registry
    public let period: Period
    /// Only the units whose parent is this code are in scope (`--managing-unit`).
    public let managingUnit: String?

    public init(catalogue: Catalogue, registry: Registry, period: Period, managingUnit: String? = nil) {
        self.catalogue = catalogue
        self.registry = registry
        self.period = period
        self.managingUnit = managingUnit
    }

    /// A data row after the row rules.
    private struct ParsedRow {
        let file: Int
        let number: Int
        let unitText: String
        let levelText: String
        var unit: Int?
        var level: Level?
        var keysValid = false
        var values: [FieldValue]
        var hasError = false
        var isCopy = false
    }

    /// The columns of one file.
    private struct FileColumns {
        let name: String
        let sheet: String
        let isWorkbook: Bool
        /// Column index per catalogue element.
        var columnOf: [Int?]
        /// Header as written per catalogue element.
        var headerOf: [String?]
    }

    private struct Collector {
        var entries: [(file: Int, row: Int, sequence: Int, finding: Finding)] = []
        mutating func add(_ finding: Finding, file: Int, row: Int) {
            entries.append((file, row, entries.count, finding))
        }
        /// Forgets what was said about one row (a later exact copy gets `duplicate_copy` only).
        mutating func removeAll(file: Int, row: Int) {
            entries.removeAll { $0.file == file && $0.row == row && $0.finding.row == row }
        }
        func sorted() -> [Finding] {
            entries.sorted { ($0.file, $0.row, $0.sequence) < ($1.file, $1.row, $1.sequence) }.map(\.finding)
        }
    }

    /// Validates every input, in order.
    public func validate(_ inputs: [SubmissionInput]) -> ValidationOutcome {
        var outcome = ValidationOutcome()
        var collector = Collector()
        var files: [FileColumns] = []
        var rows: [ParsedRow] = []
        let elements = catalogue.elements

        for (fileIndex, input) in inputs.enumerated() {
            let table: RawTable
            switch input.content {
            case .failure(let problem):
                outcome.filesUnreadable += 1
                collector.add(Finding(file: input.file, rule: .unreadableFile, message: problem.message), file: fileIndex, row: 0)
                files.append(FileColumns(name: input.file, sheet: "", isWorkbook: false, columnOf: [], headerOf: []))
                continue
            case .success(let read):
                table = read
            }
            outcome.filesRead += 1
            var columns = FileColumns(name: input.file, sheet: table.sheet, isWorkbook: table.isWorkbook,
                                      columnOf: Array(repeating: nil, count: elements.count),
                                      headerOf: Array(repeating: nil, count: elements.count))
            let nonBlank = table.rows.contains { !$0.isBlank }
            guard let headerPosition = table.rows.prefix(CSVTableReader.headerSearchRows).firstIndex(where: { row in
                row.cells.contains { catalogue.element(forHeader: $0) == catalogue.unitCodeIndex }
            }) else {
                if nonBlank {
                    collector.add(Finding(file: input.file, sheet: table.sheet, rule: .noHeader, message: Messages.noHeader()), file: fileIndex, row: 0)
                } else {
                    collector.add(Finding(file: input.file, sheet: table.sheet, rule: .emptyFile, message: Messages.emptyFile(headerOnly: false)), file: fileIndex, row: 0)
                }
                files.append(columns)
                continue
            }
            let header = table.rows[headerPosition]
            for (index, cell) in header.cells.enumerated() {
                let written = CellParsing.trim(cell)
                if written.isEmpty { continue }
                let reference = table.isWorkbook ? columnLetters(index) + String(header.number) : ""
                guard let element = catalogue.element(forHeader: written) else {
                    collector.add(Finding(file: input.file, sheet: table.sheet, row: header.number, column: written, rule: .unknownColumn,
                                          message: Messages.unknownColumn(written), cell: reference), file: fileIndex, row: header.number)
                    continue
                }
                if let first = columns.headerOf[element] {
                    collector.add(Finding(file: input.file, sheet: table.sheet, row: header.number, column: written, rule: .duplicateColumn,
                                          message: Messages.duplicateColumn(written, element: elements[element], first: first), cell: reference),
                                  file: fileIndex, row: header.number)
                    continue
                }
                columns.columnOf[element] = index
                columns.headerOf[element] = written
            }
            files.append(columns)
            // Rows right under the header that name the same columns again (the Vietnamese
            // labels under a template's row of ids, or ids under labels) belong to the header.
            var firstData = headerPosition + 1
            while firstData < table.rows.count, firstData <= headerPosition + 2,
                  isRepeatedHeader(table.rows[firstData], columns: columns) {
                firstData += 1
            }
            let dataRows = table.rows[firstData...].filter { !$0.isBlank }
            if dataRows.isEmpty {
                collector.add(Finding(file: input.file, sheet: table.sheet, rule: .emptyFile, message: Messages.emptyFile(headerOnly: true)),
                              file: fileIndex, row: 0)
            }
            for raw in dataRows {
                outcome.rowsRead += 1
                if let row = parse(raw, fileIndex: fileIndex, columns: columns, collector: &collector, outcome: &outcome) {
                    rows.append(row)
                }
            }
        }

        applyCrossRowRules(&rows, files: files, collector: &collector, outcome: &outcome)

        for row in rows {
            if row.hasError { outcome.rowsRejected += 1 }
            if let unit = row.unit, row.keysValid {
                var counts = outcome.rowsByUnit[unit] ?? (0, 0)
                counts.submitted += 1
                if row.hasError { counts.rejected += 1 }
                outcome.rowsByUnit[unit] = counts
            }
            guard row.keysValid, !row.hasError, !row.isCopy, let unit = row.unit, let level = row.level else { continue }
            outcome.accepted.append(AcceptedRow(unit: unit, level: level, values: row.values))
            warnIncompleteInputs(row, level: level, columns: files[row.file], collector: &collector)
        }
        outcome.findings = collector.sorted()
        return outcome
    }

    /// `true` when every non-empty cell of the row names the column it stands in (by id or label).
    private func isRepeatedHeader(_ row: RawRow, columns: FileColumns) -> Bool {
        guard let unitColumn = columns.columnOf[catalogue.unitCodeIndex],
              catalogue.element(forHeader: row[unitColumn]) == catalogue.unitCodeIndex else { return false }
        for (index, cell) in row.cells.enumerated() where !CellParsing.trim(cell).isEmpty {
            guard let element = catalogue.element(forHeader: cell), columns.columnOf[element] == index else { return false }
        }
        return true
    }

    /// The row rules: keys, each field, then the rules between fields. `nil` for a row left out.
    private func parse(_ raw: RawRow, fileIndex: Int, columns: FileColumns, collector: inout Collector,
                       outcome: inout ValidationOutcome) -> ParsedRow? {
        let elements = catalogue.elements
        func cell(_ element: Int) -> String {
            guard let column = columns.columnOf[element] else { return "" }
            return raw[column]
        }
        func reference(_ element: Int) -> String {
            guard columns.isWorkbook, let column = columns.columnOf[element] else { return "" }
            return columnLetters(column) + String(raw.number)
        }
        let unitText = CellParsing.trim(cell(catalogue.unitCodeIndex))
        let levelText = CellParsing.trim(cell(catalogue.levelIndex))
        var row = ParsedRow(file: fileIndex, number: raw.number, unitText: unitText, levelText: levelText,
                            values: Array(repeating: .blank, count: elements.count))
        func report(_ rule: Rule, _ element: Int?, _ message: String) {
            let column = element.flatMap { columns.headerOf[$0] ?? elements[$0].id } ?? ""
            let cell = element.map(reference) ?? ""
            // In a workbook the clerk looks for the cell: the message starts with it.
            let located = cell.isEmpty ? message : "Ô \(cell): \(message)"
            collector.add(Finding(file: columns.name, sheet: columns.sheet, row: raw.number, column: column, unitCode: unitText,
                                  level: levelText, rule: rule, message: located, cell: cell),
                          file: fileIndex, row: raw.number)
            if rule.severity == .error { row.hasError = true }
        }

        // Keys.
        if unitText.isEmpty { report(.missingKey, catalogue.unitCodeIndex, Messages.missingUnitCode()) }
        if !unitText.isEmpty {
            if let unit = registry.index(of: unitText) {
                row.unit = unit
                if let managingUnit, registry.units[unit].parentCode != managingUnit {
                    outcome.rowsLeftOut += 1
                    return nil
                }
            } else {
                report(.unknownUnit, catalogue.unitCodeIndex, Messages.unknownUnit(unitText, successor: registry.successor(ofPreviousCode: unitText)))
            }
        }
        let unitUnknown = !unitText.isEmpty && row.unit == nil
        if levelText.isEmpty {
            // A row with an unknown unit gets unknown_unit and no level finding.
            if !unitUnknown { report(.missingKey, catalogue.levelIndex, Messages.missingLevel()) }
        } else if let level = Level(code: levelText) {
            row.level = level
            if let unit = row.unit, !registry.units[unit].levels.contains(level) {
                report(.levelNotServed, catalogue.levelIndex, Messages.levelNotServed(level, unit: registry.units[unit]))
            }
        } else if !unitUnknown {
            report(.levelNotServed, catalogue.levelIndex, Messages.unknownLevel(levelText))
        }
        let periodText = CellParsing.trim(cell(catalogue.periodIndex))
        var periodValid = true
        if !periodText.isEmpty, periodText.uppercased() != period.description.uppercased() {
            report(.wrongPeriod, catalogue.periodIndex, Messages.wrongPeriod(periodText, expected: period))
            periodValid = false
        }
        let keysValid = !row.hasError && periodValid
        row.keysValid = keysValid
        // A formula the file gives no result for reads as blank; say so, on the key columns and
        // the fields of the row's level (other cells are not used).
        for column in raw.uncalculatedFormulas {
            guard let index = columns.columnOf.firstIndex(of: column) else { continue }
            let element = elements[index]
            let applies = element.isValue ? row.level.map { element.levels.contains($0) } ?? false : true
            if applies { report(.formulaNotCalculated, index, Messages.formulaNotCalculated(element: element)) }
        }
        guard let level = row.level else { return row }

        // Fields that apply to the level, each on its own.
        for (index, element) in elements.enumerated() where element.isValue && element.levels.contains(level) {
            let text = cell(index)
            switch element.type {
            case .integer:
                switch CellParsing.integer(text) {
                case .blank: break
                case .notANumber:
                    row.values[index] = .invalid(CellParsing.trim(text))
                    report(.notANumber, index, Messages.notANumber(CellParsing.trim(text), element: element))
                case .value(let number):
                    if number < 0 {
                        row.values[index] = .invalid(CellParsing.trim(text))
                        report(.negative, index, Messages.negative(CellParsing.trim(text), element: element))
                    } else if let range = element.range, !range.contains(number) {
                        row.values[index] = .invalid(CellParsing.trim(text))
                        report(.outOfRange, index, Messages.outOfRange(number, element: element, range: range))
                    } else {
                        row.values[index] = .int(number)
                    }
                }
            case .boolean:
                switch CellParsing.boolean(text) {
                case .blank: break
                case .value(let flag): row.values[index] = .bool(flag)
                case .notABoolean:
                    row.values[index] = .invalid(CellParsing.trim(text))
                    report(.notABoolean, index, Messages.notABoolean(CellParsing.trim(text), element: element))
                }
            default: break
            }
        }
        // Rules between fields look only at values that parsed and are in range.
        for (index, element) in elements.enumerated() where element.levels.contains(level) {
            guard let part = row.values[index].intValue else { continue }
            if let whole = element.atMost, elements[whole].levels.contains(level), let total = row.values[whole].intValue, part > total {
                report(.exceedsTotal, index, Messages.exceedsTotal(part: element, partValue: part, whole: elements[whole], wholeValue: total))
            }
        }
        for (index, element) in elements.enumerated() where element.levels.contains(level) {
            guard let cause = element.nonzeroWhenPositive, elements[cause].levels.contains(level),
                  let causeValue = row.values[cause].intValue, causeValue > 0, row.values[index].intValue == 0 else { continue }
            report(.inconsistent, index, Messages.inconsistent(required: element, cause: elements[cause], causeValue: causeValue))
        }
        return row
    }

    /// Duplicates and per-unit fields, over the rows whose keys are valid (rejected ones included).
    private func applyCrossRowRules(_ rows: inout [ParsedRow], files: [FileColumns], collector: inout Collector,
                                    outcome: inout ValidationOutcome) {
        let elements = catalogue.elements
        func place(_ row: ParsedRow) -> String { "dòng \(row.number) tệp \(files[row.file].name)" }
        func add(_ rule: Rule, _ row: inout ParsedRow, element: Int?, message: String) {
            let columns = files[row.file]
            let column = element.flatMap { columns.headerOf[$0] ?? elements[$0].id } ?? ""
            var reference = ""
            if columns.isWorkbook, let element, let index = columns.columnOf[element] { reference = columnLetters(index) + String(row.number) }
            collector.add(Finding(file: columns.name, sheet: columns.sheet, row: row.number, column: column, unitCode: row.unitText,
                                  level: row.levelText, rule: rule, message: message, cell: reference), file: row.file, row: row.number)
            if rule.severity == .error { row.hasError = true }
        }

        // Group by unit and level, in reading order.
        var groups: [Int: [Int]] = [:]
        var order: [Int] = []
        for (position, row) in rows.enumerated() where row.keysValid {
            let key = row.unit! * 8 + row.level!.ordinal
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(position)
        }
        for key in order {
            let members = groups[key]!
            guard members.count > 1 else { continue }
            let first = rows[members[0]]
            if members.allSatisfy({ rows[$0].values == first.values }) {
                for position in members.dropFirst() {
                    // Later exact copies get duplicate_copy and no other finding.
                    collector.removeAll(file: rows[position].file, row: rows[position].number)
                    rows[position].hasError = false
                    rows[position].isCopy = true
                    outcome.duplicateCopies += 1
                    add(.duplicateCopy, &rows[position], element: nil, message: Messages.duplicateCopy(of: place(first)))
                }
            } else {
                let places = members.map { place(rows[$0]) }
                let unit = registry.units[first.unit!]
                for position in members {
                    add(.duplicateConflict, &rows[position], element: nil,
                        message: Messages.duplicateConflict(unit: unit, level: first.level!, places: places))
                }
            }
        }

        // Per-unit fields must agree across a unit's level rows.
        var byUnit: [Int: [Int]] = [:]
        var unitOrder: [Int] = []
        for (position, row) in rows.enumerated() where row.keysValid && !row.isCopy {
            if byUnit[row.unit!] == nil { unitOrder.append(row.unit!) }
            byUnit[row.unit!, default: []].append(position)
        }
        for unit in unitOrder {
            let members = byUnit[unit]!
            guard members.count > 1 else { continue }
            for (index, element) in elements.enumerated() where element.perUnit {
                var seen: [(Level, FieldValue)] = []
                for position in members {
                    let row = rows[position]
                    let value = row.values[index]
                    if element.levels.contains(row.level!), value.isValue { seen.append((row.level!, value)) }
                }
                guard let firstValue = seen.first?.1, seen.contains(where: { $0.1 != firstValue }) else { continue }
                let message = Messages.conflicting(element: element, unit: registry.units[unit], values: seen)
                for position in members {
                    add(.conflictingUnitValues, &rows[position], element: index, message: message)
                }
            }
        }
    }

    /// `incomplete_inputs`: once per accepted row and indicator whose inputs are partly given.
    private func warnIncompleteInputs(_ row: ParsedRow, level: Level, columns: FileColumns, collector: inout Collector) {
        let elements = catalogue.elements
        for indicator in catalogue.indicators where indicator.levels.contains(level) {
            let inputs = indicator.kind.inputs
            guard inputs.count > 1 else { continue }
            let given = inputs.filter { row.values[$0].isGiven }
            guard !given.isEmpty, given.count < inputs.count else { continue }
            let missing = inputs.filter { !row.values[$0].isGiven }
            collector.add(Finding(file: columns.name, sheet: columns.sheet, row: row.number, column: "", unitCode: row.unitText,
                                  level: row.levelText, rule: .incompleteInputs,
                                  message: Messages.incompleteInputs(indicator: indicator, given: given.map { elements[$0] },
                                                                     missing: missing.map { elements[$0] })),
                          file: row.file, row: row.number)
        }
    }
}
