import Foundation

/// Streams one XML part of the package through a handler.
///
/// - Throws: ``XLSXReadError`` from the package or the scanner, or what the handler throws.
func scanPart<H: XMLHandler>(_ entry: ZipEntry, of package: ZipPackage, budget: inout InflateBudget,
                             maxTagBytes: Int, into handler: inout H) throws
{
    var scanner = XMLScanner(part: entry.name, maxTagBytes: maxTagBytes)
    try package.stream(entry, budget: &budget) { chunk in try scanner.feed(chunk, &handler) }
    try scanner.finish()
}

/// Resolves a relationship's target against the part that holds the relationship, as OPC
/// does: `worksheets/sheet1.xml` from `xl/workbook.xml` is `xl/worksheets/sheet1.xml`, a
/// target starting with `/` is from the package root. Returns `nil` for a target that
/// climbs out of the package.
func resolvePartName(_ target: String, from source: String) -> String? {
    var segments: [Substring]
    if target.hasPrefix("/") {
        segments = []
    } else {
        segments = source.split(separator: "/", omittingEmptySubsequences: false).dropLast()
    }
    for segment in target.split(separator: "/", omittingEmptySubsequences: true) {
        if segment == "." { continue }
        if segment == ".." {
            guard !segments.isEmpty else { return nil }
            segments.removeLast()
        } else {
            segments.append(segment)
        }
    }
    let name = segments.filter { !$0.isEmpty }.joined(separator: "/")
    return name.isEmpty ? nil : (name.removingPercentEncoding ?? name)
}

/// The relationships of a `.rels` part: `Id`, `Type` and `Target` of each internal one.
struct RelationshipsHandler: XMLHandler {
    struct Relationship {
        let id: String
        let type: String
        let target: String
    }

    var relationships: [Relationship] = []
    var wantsText: Bool { false }

    mutating func start(_ name: XMLBytes, _ attributes: XMLAttributes, selfClosing: Bool) throws {
        guard XMLText.equals(name, "Relationship"),
              let target = attributes.string("Target"),
              attributes.string("TargetMode")?.lowercased() != "external"
        else { return }
        relationships.append(Relationship(id: attributes.string("Id") ?? "", type: attributes.string("Type") ?? "",
                                          target: target))
    }

    mutating func end(_ name: XMLBytes) throws {}
    mutating func text(_ bytes: XMLBytes) throws {}

    /// The first target whose type ends with `/suffix` (transitional and strict OOXML
    /// differ only in the namespace before it).
    func target(ofType suffix: String) -> String? {
        relationships.first { $0.type.hasSuffix("/" + suffix) }?.target
    }
}

/// `xl/workbook.xml`: the sheets in order and the date system.
struct WorkbookHandler: XMLHandler {
    struct SheetEntry {
        let name: String
        let relationshipID: String?
        let sheetID: String?
    }

    var sheets: [SheetEntry] = []
    var date1904 = false
    /// `<calcPr fullCalcOnLoad="1">`: the writer did not calculate the formulas.
    var fullCalcOnLoad = false
    var wantsText: Bool { false }

    mutating func start(_ name: XMLBytes, _ attributes: XMLAttributes, selfClosing: Bool) throws {
        if XMLText.equals(name, "sheet") {
            guard let sheetName = attributes.string("name") else { return }
            // `r:id`: the prefix varies by writer, the local name does not.
            sheets.append(SheetEntry(name: XMLText.nfc(sheetName), relationshipID: attributes.string("id"),
                                     sheetID: attributes.string("sheetId")))
        } else if XMLText.equals(name, "workbookPr") {
            let value = attributes.string("date1904")?.lowercased()
            date1904 = value == "1" || value == "true"
        } else if XMLText.equals(name, "calcPr") {
            let value = attributes.string("fullCalcOnLoad")?.lowercased()
            fullCalcOnLoad = value == "1" || value == "true"
        }
    }

    mutating func end(_ name: XMLBytes) throws {}
    mutating func text(_ bytes: XMLBytes) throws {}
}

/// `xl/styles.xml`: which cell formats (`cellXfs`, by index) show dates.
struct StylesHandler: XMLHandler {
    private var customFormats: [Int: String] = [:]
    private var formatIDs: [Int] = []
    private var inNumberFormats = false
    private var inCellFormats = false
    var wantsText: Bool { false }

    mutating func start(_ name: XMLBytes, _ attributes: XMLAttributes, selfClosing: Bool) throws {
        if XMLText.equals(name, "numFmts") {
            inNumberFormats = !selfClosing
        } else if XMLText.equals(name, "cellXfs") {
            inCellFormats = !selfClosing
        } else if inNumberFormats, XMLText.equals(name, "numFmt") {
            // Only under <numFmts>: the <dxf> formats of conditional formatting reuse the
            // element for another purpose.
            if let id = attributes.raw("numFmtId").flatMap(XMLText.integer), let code = attributes.string("formatCode") {
                customFormats[id] = code
            }
        } else if inCellFormats, XMLText.equals(name, "xf") {
            formatIDs.append(attributes.raw("numFmtId").flatMap(XMLText.integer) ?? 0)
        }
    }

    mutating func end(_ name: XMLBytes) throws {
        if XMLText.equals(name, "numFmts") { inNumberFormats = false }
        if XMLText.equals(name, "cellXfs") { inCellFormats = false }
    }

    mutating func text(_ bytes: XMLBytes) throws {}

    /// For each cell format index, whether its number format is a date or time.
    var dateStyles: [Bool] {
        formatIDs.map { id in
            if let code = customFormats[id] { return CellText.isDateFormat(code) }
            return CellText.isBuiltInDate(id)
        }
    }
}

/// `xl/sharedStrings.xml`: every `<si>`'s text, rich-text runs concatenated, phonetic
/// guides (`<rPh>`) left out, in NFC.
struct SharedStringsHandler: XMLHandler {
    let maxStrings: Int
    let maxCellBytes: Int
    private(set) var strings: [String] = []
    private var inItem = false
    private var phonetic = 0
    private var capturing = false
    private var buffer: [UInt8] = []

    init(maxStrings: Int, maxCellBytes: Int) {
        self.maxStrings = maxStrings
        self.maxCellBytes = maxCellBytes
    }

    var wantsText: Bool { capturing }

    mutating func start(_ name: XMLBytes, _ attributes: XMLAttributes, selfClosing: Bool) throws {
        if XMLText.equals(name, "si") {
            guard strings.count < maxStrings else {
                throw XLSXReadError(.tooLarge, detail: "more than \(maxStrings) shared strings")
            }
            if selfClosing {
                strings.append("")
            } else {
                inItem = true
                buffer.removeAll(keepingCapacity: true)
            }
        } else if inItem, XMLText.equals(name, "rPh") {
            if !selfClosing { phonetic += 1 }
        } else if inItem, phonetic == 0, XMLText.equals(name, "t") {
            capturing = !selfClosing
        } else if XMLText.equals(name, "sst"), let count = attributes.raw("uniqueCount").flatMap(XMLText.integer) {
            strings.reserveCapacity(min(count, maxStrings, 1 << 20))
        }
    }

    mutating func end(_ name: XMLBytes) throws {
        if XMLText.equals(name, "t") {
            capturing = false
        } else if XMLText.equals(name, "rPh") {
            phonetic = max(0, phonetic - 1)
        } else if XMLText.equals(name, "si") {
            let text = buffer.withUnsafeBufferPointer { XMLText.decode($0) }
            strings.append(XMLText.nfc(XMLText.decodeOOXMLEscapes(text)))
            inItem = false
            capturing = false
            phonetic = 0
        }
    }

    mutating func text(_ bytes: XMLBytes) throws {
        guard buffer.count + bytes.count <= maxCellBytes else {
            throw XLSXReadError(.tooLarge, detail: "shared string \(strings.count) is longer than \(maxCellBytes) bytes")
        }
        buffer.append(contentsOf: bytes)
    }
}
