import Foundation

/// Turns a worksheet's XML into rows of cell text, and collects its merged ranges.
///
/// Rows are queued in ``ready`` as they end and handed out by the caller after each chunk,
/// so the handler never stores the caller's closure and never holds more than one chunk's
/// rows. Empty cells and rows cost no allocation: a cell's text is made only when it has a
/// value, and a row's array only when one of its cells is non-empty, which is what keeps a
/// sheet of a million empty styled rows cheap.
struct SheetHandler: XMLHandler {
    private enum CellType {
        case number
        case shared
        case inline
        case formulaString
        case boolean
        case error
        case isoDate
        case other
    }

    let part: String
    let sharedStrings: [String]
    let dateStyles: [Bool]
    let date1904: Bool
    let recalculatesOnLoad: Bool
    let maxColumns: Int
    let maxCellBytes: Int
    /// `false` when only the merged ranges are wanted: cells are then not even looked at.
    let readsCells: Bool

    /// Rows finished since the caller last took them.
    var ready: [XLSXRow] = []
    /// The `<mergeCell>` ranges, in document order.
    private(set) var merges: [CellRange] = []

    private var inSheetData = false
    private var inRow = false
    private var rowNumber = 0
    private var nextRow = 1
    private var nextColumn = 0
    private var cells: [String] = []
    private var uncalculated: [Int] = []
    private var inCell = false
    private var cellColumn = 0
    private var cellType = CellType.number
    private var cellStyle = 0
    private var capturing = false
    private var hasValue = false
    private var hasFormula = false
    private var inInlineString = false
    private var phonetic = 0
    /// The current value's bytes when they had to be copied (split between chunks, or in
    /// several runs)…
    private let capture = PlainBuffer<UInt8>(capacity: 256)
    /// …or, usually, a pointer to them in the scanner's buffer, valid until
    /// ``bufferWillChange()``: most values are read without a copy.
    private var direct: XMLBytes?

    init(part: String, sharedStrings: [String], dateStyles: [Bool], date1904: Bool, recalculatesOnLoad: Bool = false,
         limits: XLSXReader.Limits, readsCells: Bool)
    {
        self.recalculatesOnLoad = recalculatesOnLoad
        self.part = part
        self.sharedStrings = sharedStrings
        self.dateStyles = dateStyles
        self.date1904 = date1904
        self.maxColumns = limits.maxColumns
        self.maxCellBytes = limits.maxCellBytes
        self.readsCells = readsCells
    }

    var wantsText: Bool { capturing }

    mutating func start(_ name: XMLBytes, _ attributes: XMLAttributes, selfClosing: Bool) throws {
        switch name.count {
        case 1:
            switch name[0] {
            case 0x63 where inRow:  // c
                try startCell(attributes, selfClosing: selfClosing)
            case 0x76 where inCell:  // v
                capture.removeAll()
                direct = nil
                hasValue = true
                capturing = !selfClosing
            case 0x74 where inInlineString && phonetic == 0:  // t, runs concatenated
                hasValue = true
                capturing = !selfClosing
            case 0x66 where inCell && !inInlineString:  // f: its text (the formula) is not kept
                hasFormula = true
            default:
                break
            }
        case 2 where inCell && name[0] == 0x69 && name[1] == 0x73:  // is
            capture.removeAll()
            direct = nil
            hasValue = true
            inInlineString = !selfClosing
        case 3:
            if inSheetData, XMLText.equals(name, "row") {
                startRow(attributes, selfClosing: selfClosing)
            } else if inInlineString, !selfClosing, XMLText.equals(name, "rPh") {
                phonetic += 1
            }
        case 9:
            if XMLText.equals(name, "sheetData") {
                inSheetData = readsCells && !selfClosing
            } else if XMLText.equals(name, "mergeCell"), let reference = attributes.string("ref"),
                      let range = CellRange(reference.trimmingCharacters(in: .whitespaces))
            {
                merges.append(range)
            }
        default:
            break
        }
    }

    mutating func end(_ name: XMLBytes) throws {
        switch name.count {
        case 1:
            switch name[0] {
            case 0x76, 0x74: capturing = false  // v, t
            case 0x63 where inCell: try finishCell()  // c
            default: break
            }
        case 2 where name[0] == 0x69 && name[1] == 0x73:  // is
            inInlineString = false
            capturing = false
        case 3:
            if inRow, XMLText.equals(name, "row") {
                finishRow()
            } else if XMLText.equals(name, "rPh") {
                phonetic = max(0, phonetic - 1)
            }
        case 9:
            if XMLText.equals(name, "sheetData") { inSheetData = false }
        default:
            break
        }
    }

    mutating func text(_ bytes: XMLBytes) throws {
        if capture.count == 0, direct == nil, bytes.count <= maxCellBytes {
            direct = bytes
            return
        }
        bufferWillChange()
        guard capture.count + bytes.count <= maxCellBytes else {
            throw XLSXReadError(.tooLarge, detail: "\(part): cell \(CellAddress.columnName(cellColumn))\(rowNumber) holds more than \(maxCellBytes) bytes")
        }
        capture.append(bytes)
    }

    mutating func bufferWillChange() {
        if let bytes = direct {
            capture.append(bytes)
            direct = nil
        }
    }

    // MARK: Rows

    private mutating func startRow(_ attributes: XMLAttributes, selfClosing: Bool) {
        if let number = attributes.raw("r").flatMap(XMLText.integer), number >= 1 {
            rowNumber = number
        } else {
            rowNumber = nextRow
        }
        nextColumn = 0
        if selfClosing {
            nextRow = rowNumber + 1
        } else {
            inRow = true
        }
    }

    private mutating func finishRow() {
        inRow = false
        inCell = false
        nextRow = rowNumber + 1
        guard !cells.isEmpty || !uncalculated.isEmpty else { return }
        let width = cells.count
        ready.append(XLSXRow(number: rowNumber, cells: cells, uncalculatedFormulas: uncalculated))
        cells = []
        cells.reserveCapacity(width)
        if !uncalculated.isEmpty { uncalculated = [] }
    }

    // MARK: Cells

    private mutating func startCell(_ attributes: XMLAttributes, selfClosing: Bool) throws {
        let column = attributes.raw("r").flatMap(Self.column) ?? nextColumn
        guard column < maxColumns else {
            throw XLSXReadError(.tooLarge, detail: "\(part): a cell in column \(column + 1) of row \(rowNumber), beyond the limit of \(maxColumns) columns")
        }
        if selfClosing {
            nextColumn = column + 1
            return
        }
        cellColumn = column
        cellType = attributes.raw("t").map(Self.cellType) ?? .number
        cellStyle = attributes.raw("s").flatMap(XMLText.integer) ?? 0
        hasValue = false
        hasFormula = false
        capturing = false
        inInlineString = false
        phonetic = 0
        capture.removeAll()
        direct = nil
        inCell = true
    }

    private mutating func finishCell() throws {
        inCell = false
        inInlineString = false
        capturing = false
        nextColumn = cellColumn + 1
        if hasFormula {
            // Excel and LibreOffice store a formula's result. Libraries that write formulas
            // without calculating them leave `<v/>` empty (openpyxl) or store `0` (XlsxWriter,
            // libxlsxwriter), and mark the workbook for recalculation on opening: that `0` is
            // a placeholder, while a result the program supplied is kept.
            let raw = direct ?? capture.elements
            let given = hasValue && (raw.count > 0 || cellType == .formulaString)
            let placeholder = recalculatesOnLoad && cellType == .number && given && CellText.isZero(raw)
            if !given || placeholder {
                if uncalculated.last != cellColumn, uncalculated.count < maxColumns { uncalculated.append(cellColumn) }
                direct = nil
                return
            }
        }
        guard hasValue else { return }
        let raw = direct ?? capture.elements
        direct = nil
        guard raw.count > 0 else { return }
        let value = try text(of: raw)
        guard !value.isEmpty else { return }
        if cellColumn < cells.count {
            cells[cellColumn] = value
        } else {
            while cells.count < cellColumn { cells.append("") }
            cells.append(value)
        }
    }

    private func text(of raw: XMLBytes) throws -> String {
        switch cellType {
        case .number:
            if cellStyle < dateStyles.count, dateStyles[cellStyle], let date = CellText.date(raw, date1904: date1904) {
                return date
            }
            return CellText.number(raw)
        case .shared:
            guard let index = XMLText.integer(raw), index < sharedStrings.count else {
                let shown = String(decoding: raw.prefix(20), as: UTF8.self)
                throw XLSXReadError(.malformed, detail: "\(part): cell \(CellAddress.columnName(cellColumn))\(rowNumber) refers to shared string \"\(shown)\" of \(sharedStrings.count)")
            }
            return sharedStrings[index]
        case .inline, .formulaString, .other:
            return XMLText.nfc(XMLText.decodeOOXMLEscapes(XMLText.decode(raw)))
        case .boolean:
            switch CellText.trimmed(raw).lowercased() {
            case "1", "true": return "TRUE"
            case "0", "false": return "FALSE"
            case let other: return other
            }
        case .error:
            return XMLText.decode(raw).trimmingCharacters(in: .whitespaces)
        case .isoDate:
            return CellText.isoDate(CellText.trimmed(raw))
        }
    }

    private static func cellType(_ raw: XMLBytes) -> CellType {
        if XMLText.equals(raw, "s") { return .shared }
        if XMLText.equals(raw, "n") { return .number }
        if XMLText.equals(raw, "str") { return .formulaString }
        if XMLText.equals(raw, "inlineStr") { return .inline }
        if XMLText.equals(raw, "b") { return .boolean }
        if XMLText.equals(raw, "e") { return .error }
        if XMLText.equals(raw, "d") { return .isoDate }
        return .other
    }

    /// The zero-based column of an A1 reference (`"AB12"` → 27), from its letters alone;
    /// `nil` if it does not start with a letter.
    @inline(__always)
    private static func column(_ reference: XMLBytes) -> Int? {
        var column = 0
        var letters = 0
        for byte in reference {
            let upper = byte & 0xDF
            guard upper >= 0x41, upper <= 0x5A, byte != 0x24 else {
                if byte == 0x24 { continue }  // $
                break
            }
            column = column * 26 + Int(upper - 0x40)
            letters += 1
            if letters > 4 { return nil }
        }
        return letters > 0 ? column - 1 : nil
    }
}
