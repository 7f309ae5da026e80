import Foundation
import Testing
import XLSX
import ZIPFoundation

/// Makes workbooks for the reader's tests: with other programs (openpyxl, XlsxWriter,
/// LibreOffice), and by hand as ZIP packages whose every byte the test chooses.
///
/// Nothing is committed as a fixture: each test writes what it reads into a fresh
/// temporary folder, so the fixtures are always those of the installed writers.
enum ReaderSupport {
    /// Why a helper program failed, with what it printed.
    struct CommandFailure: Error, CustomStringConvertible {
        let command: String
        let status: Int32
        let output: String
        var description: String { "\(command) exited with \(status): \(output)" }
    }

    /// A fresh empty folder under the system's temporary directory.
    static func folder(_ label: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("xlsx-reader-\(label)-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Runs a program and returns its standard output; throws on a non-zero status.
    @discardableResult
    static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        // Standard error goes to a file: only standard output is read through a pipe, so
        // neither can fill up and block the child.
        let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("reader-stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errorFile) }
        let errors = try FileHandle(forWritingTo: errorFile)
        defer { try? errors.close() }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let errorData = (try? Data(contentsOf: errorFile)) ?? Data()
        guard process.terminationStatus == 0 else {
            throw CommandFailure(command: ([executable] + arguments).joined(separator: " "),
                                 status: process.terminationStatus,
                                 output: String(decoding: data + errorData, as: UTF8.self))
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Runs a Python 3 script with the given arguments (`sys.argv[1...]`).
    @discardableResult
    static func python(_ script: String, _ arguments: [String]) throws -> String {
        try run("/usr/bin/env", ["python3", "-c", script] + arguments)
    }

    /// Whether `python3 -c 'import NAME'` succeeds.
    static func hasPythonModule(_ name: String) -> Bool {
        (try? run("/usr/bin/env", ["python3", "-c", "import \(name)"])) != nil
    }

    static let openpyxlAvailable = hasPythonModule("openpyxl")
    static let xlsxwriterAvailable = hasPythonModule("xlsxwriter")

    /// LibreOffice's `soffice` on the `PATH`, if installed.
    static let soffice: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            for name in ["soffice", "libreoffice"] {
                let candidate = "\(folder)/\(name)"
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        return nil
    }()

    /// Converts files to `.xlsx` with LibreOffice headless, in one run, with a private
    /// profile so that a LibreOffice already running (or another test) does not interfere.
    ///
    /// - Returns: The converted files, in the order of `inputs`.
    static func convertWithLibreOffice(_ inputs: [URL], in folder: URL, inputFilter: String? = nil) throws -> [URL] {
        guard let soffice else { throw CommandFailure(command: "soffice", status: -1, output: "not installed") }
        let out = folder.appendingPathComponent("libreoffice", isDirectory: true)
        let profile = folder.appendingPathComponent("lo-profile", isDirectory: true)
        let filter = inputFilter.map { ["--infilter=\($0)"] } ?? []
        try run(soffice, ["-env:UserInstallation=\(profile.absoluteString)", "--headless", "--norestore"] + filter
                    + ["--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", out.path] + inputs.map(\.path))
        return inputs.map { out.appendingPathComponent($0.deletingPathExtension().lastPathComponent + ".xlsx") }
    }

    // MARK: Hand-made packages

    /// Writes a ZIP file with these entries, in this order.
    static func zip(_ entries: [(String, Data)], to url: URL, method: CompressionMethod = .deflate) throws {
        let archive = try Archive(url: url, accessMode: .create, pathEncoding: nil)
        for (name, data) in entries {
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count),
                                 compressionMethod: method, provider: { position, size in
                                     let start = Int(position)
                                     return data.subdata(in: start..<start + size)
                                 })
        }
    }

    static let mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationshipNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    /// The parts of a minimal workbook: one part per sheet (`xl/worksheets/sheetN.xml`),
    /// with optional shared strings and styles. `sheets` are (name, the XML inside
    /// `<worksheet>`), or a whole part when it starts with `<?xml` or `<!`.
    static func workbookParts(sheets: [(String, String)], sharedStrings: String? = nil, styles: String? = nil,
                              workbookProperties: String = "") -> [(String, Data)]
    {
        var parts: [(String, Data)] = []
        parts.append(("[Content_Types].xml", Data("""
            <?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>
            """.utf8)))
        parts.append(("_rels/.rels", Data("""
            <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="\(relationshipNamespace)/officeDocument" Target="xl/workbook.xml"/></Relationships>
            """.utf8)))
        let sheetList = sheets.enumerated().map { index, sheet in
            "<sheet name=\"\(escape(sheet.0))\" sheetId=\"\(index + 1)\" r:id=\"rId\(index + 1)\"/>"
        }.joined()
        parts.append(("xl/workbook.xml", Data("""
            <?xml version="1.0" encoding="UTF-8"?><workbook xmlns="\(mainNamespace)" xmlns:r="\(relationshipNamespace)">\(workbookProperties)<sheets>\(sheetList)</sheets></workbook>
            """.utf8)))
        var links = sheets.indices.map { index in
            "<Relationship Id=\"rId\(index + 1)\" Type=\"\(relationshipNamespace)/worksheet\" Target=\"worksheets/sheet\(index + 1).xml\"/>"
        }
        if sharedStrings != nil {
            links.append("<Relationship Id=\"rIdS\" Type=\"\(relationshipNamespace)/sharedStrings\" Target=\"sharedStrings.xml\"/>")
        }
        if styles != nil {
            links.append("<Relationship Id=\"rIdT\" Type=\"\(relationshipNamespace)/styles\" Target=\"styles.xml\"/>")
        }
        parts.append(("xl/_rels/workbook.xml.rels", Data("""
            <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\(links.joined())</Relationships>
            """.utf8)))
        for (index, sheet) in sheets.enumerated() {
            let xml = sheet.1.hasPrefix("<?xml") || sheet.1.hasPrefix("<!")
                ? sheet.1
                : "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"\(mainNamespace)\">\(sheet.1)</worksheet>"
            parts.append(("xl/worksheets/sheet\(index + 1).xml", Data(xml.utf8)))
        }
        if let sharedStrings {
            parts.append(("xl/sharedStrings.xml", Data("""
                <?xml version="1.0" encoding="UTF-8"?><sst xmlns="\(mainNamespace)">\(sharedStrings)</sst>
                """.utf8)))
        }
        if let styles {
            parts.append(("xl/styles.xml", Data("""
                <?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="\(mainNamespace)">\(styles)</styleSheet>
                """.utf8)))
        }
        return parts
    }

    /// Writes a minimal workbook (see ``workbookParts(sheets:sharedStrings:styles:workbookProperties:)``)
    /// and opens it.
    static func reader(sheets: [(String, String)], sharedStrings: String? = nil, styles: String? = nil,
                       workbookProperties: String = "", limits: XLSXReader.Limits = .default) throws -> XLSXReader
    {
        let url = try folder("made").appendingPathComponent("book.xlsx")
        try zip(workbookParts(sheets: sheets, sharedStrings: sharedStrings, styles: styles,
                              workbookProperties: workbookProperties), to: url)
        return try XLSXReader(url: url, limits: limits)
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: "\"", with: "&quot;")
    }

    // MARK: Reading

    /// Every row the reader streams from a sheet.
    static func rows(_ reader: XLSXReader, _ sheet: String? = nil) throws -> [XLSXRow] {
        var rows: [XLSXRow] = []
        try reader.forEachRow(inSheet: sheet) { rows.append($0) }
        return rows
    }

    /// The rows by Excel row number.
    static func grid(_ reader: XLSXReader, _ sheet: String? = nil) throws -> [Int: [String]] {
        var grid: [Int: [String]] = [:]
        for row in try rows(reader, sheet) { grid[row.number] = row.cells }
        return grid
    }

    /// The error `body` throws, which must be an ``XLSXReadError``.
    static func readError(_ body: () throws -> Void) -> XLSXReadError? {
        do {
            try body()
            return nil
        } catch let error as XLSXReadError {
            return error
        } catch {
            Issue.record("expected an XLSXReadError, got \(error)")
            return nil
        }
    }

    // MARK: ZIP surgery

    /// The offset of the central-directory record of `name` in a ZIP's bytes.
    static func centralRecord(of name: String, in bytes: [UInt8]) -> Int? {
        let nameBytes = Array(name.utf8)
        var index = 0
        while index + 46 + nameBytes.count <= bytes.count {
            if bytes[index] == 0x50, bytes[index + 1] == 0x4B, bytes[index + 2] == 0x01, bytes[index + 3] == 0x02 {
                let length = Int(bytes[index + 28]) | Int(bytes[index + 29]) << 8
                if length == nameBytes.count, Array(bytes[(index + 46)..<(index + 46 + length)]) == nameBytes {
                    return index
                }
            }
            index += 1
        }
        return nil
    }

    /// The offset of the local header of `name`.
    static func localHeader(of name: String, in bytes: [UInt8]) -> Int? {
        guard let record = centralRecord(of: name, in: bytes) else { return nil }
        return Int(readUInt32(bytes, record + 42))
    }

    static func readUInt32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
        UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24
    }

    static func writeUInt32(_ value: UInt32, _ bytes: inout [UInt8], _ at: Int) {
        for k in 0..<4 { bytes[at + k] = UInt8((value >> (8 * UInt32(k))) & 0xFF) }
    }
}
