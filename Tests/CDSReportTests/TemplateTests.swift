import Foundation
import Testing
import TestSupport
import XLSX

@testable import CDSReport

/// `cds-report template`: the workbooks sent out to be filled in, inspected with openpyxl, filled
/// by other programs (openpyxl, LibreOffice) and read back by `run`; and returns written from
/// scratch by openpyxl and XlsxWriter in the §3 layout.
@Suite("Templates")
struct TemplateTests {
    // MARK: - The province

    /// The Sở, one district office with a TH school and a TH;THCS school, and a THPT school the Sở
    /// manages directly. Codes keep their leading zeros.
    static let registryCSV = """
        unit_code,name,kind,levels,parent_code,locality
        01,Sở Giáo dục và Đào tạo tỉnh Thử Nghiệm,SO,,,
        0101,Phòng Giáo dục và Đào tạo Huyện Một,PHONG,,01,Huyện Một
        0101001,Trường Tiểu học Lê Lợi,TRUONG,TH,0101,Huyện Một
        0101002,Trường TH&THCS Kim Đồng,TRUONG,TH;THCS,0101,Huyện Một
        0199001,Trường THPT Chu Văn An,TRUONG,THPT,01,

        """

    static let period = Period("2024-2025/HK1")!
    /// 5 January 2025, the date of every template here.
    static let reportDate = Date(timeIntervalSince1970: 1_736_035_200)
    /// The key columns, then every integer or yes/no element in catalogue order.
    static let keyIDs = ["unit_code", "unit_name", "period", "level"]

    /// A fresh folder with the registry; the caller keeps the folder alive.
    private static func province() throws -> (TemporaryDirectory, URL) {
        let folder = try TemporaryDirectory("cds-template")
        let units = try folder.write(registryCSV, to: "units.csv")
        return (folder, units)
    }

    /// Writes the templates with the library's entry point.
    private static func templates(_ units: URL, into folder: URL, grouping: TemplateOptions.Grouping = .managingUnit,
                                  managingUnit: String? = nil) throws -> TemplateSummary {
        try TemplateWorkbooks.run(TemplateOptions(units: units, period: period, output: folder, grouping: grouping,
                                                  managingUnit: managingUnit, reportDate: reportDate,
                                                  indicators: Repository.indicatorsFolder))
    }

    private static func valueIDs() throws -> [String] {
        try Repository.catalogue().elements.filter(\.isValue).map(\.id)
    }

    // MARK: - Running other programs

    /// Runs a program and returns its standard output; a non-zero exit throws with its error output.
    @discardableResult
    private static func execute(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [executable] + arguments
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let folder = try TemporaryDirectory("cds-template-process")
        let outURL = folder.path("out"), errURL = folder.path("err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        let output = String(decoding: try Data(contentsOf: outURL), as: UTF8.self)
        guard process.terminationStatus == 0 else {
            let errors = String(decoding: try Data(contentsOf: errURL), as: UTF8.self)
            throw TestSetupError("\(executable) \(arguments.joined(separator: " ")) exited with \(process.terminationStatus): \(errors)")
        }
        return output
    }

    @discardableResult
    private static func python(_ script: String, _ arguments: [String]) throws -> String {
        try execute("python3", ["-c", script] + arguments)
    }

    static let sofficeAvailable: Bool = {
        ["/usr/bin/soffice", "/usr/local/bin/soffice", "/opt/libreoffice/program/soffice"].contains {
            FileManager.default.isExecutableFile(atPath: $0)
        }
    }()

    /// Lets LibreOffice open and save a workbook again as `.xlsx` (its own profile, so that
    /// concurrent runs do not collide); returns the re-saved copy.
    private static func resaveWithLibreOffice(_ file: URL, in folder: TemporaryDirectory) throws -> URL {
        let out = folder.path("libreoffice")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let profile = folder.path("lo-profile")
        try execute("soffice", ["-env:UserInstallation=\(profile.absoluteString)", "--headless", "--convert-to", "xlsx",
                                "--outdir", out.path, file.path])
        let copy = out.appendingPathComponent(file.lastPathComponent)
        guard FileManager.default.fileExists(atPath: copy.path) else { throw TestSetupError("LibreOffice wrote no \(copy.path)") }
        return copy
    }

    // MARK: - What openpyxl sees

    struct Inspection: Decodable {
        struct Validation: Decodable, Hashable {
            let type: String
            let `operator`: String
            let formula1: String
            let formula2: String
            let title: String
            let prompt: String
            let showInput: Bool
        }
        struct Cell: Decodable {
            let value: String?
            let type: String
            let locked: Bool
            let fill: String
            let format: String
            let font: String
            let validations: [Validation]
        }
        struct Row: Decodable {
            let row: Int
            let cells: [Cell]
        }
        struct Protection: Decodable {
            let sheet: Bool
            let formatColumns: Bool
            let formatRows: Bool
            let password: String
        }
        struct Page: Decodable {
            let orientation: String
            let paper: String
            let fitToWidth: Int
            let fitToPage: Bool
        }
        let sheets: [String]
        let titles: [String?]
        let idRow: Int
        let idHidden: Bool
        let ids: [String?]
        let labels: [String?]
        let labelLocked: Bool
        let labelFonts: [String]
        let rows: [Row]
        let protection: Protection
        let freeze: String?
        let page: Page
        let instructions: String
        let instructionsProtected: Bool
    }

    static let inspectScript = """
        import sys, json, openpyxl
        wb = openpyxl.load_workbook(sys.argv[1])
        ws = wb.worksheets[0]
        out = {"sheets": wb.sheetnames}
        id_row = next(r for r in range(1, 21) if ws.cell(r, 1).value == "unit_code")
        ncol = ws.max_column
        out["idRow"] = id_row
        out["titles"] = [ws.cell(r, 1).value for r in range(1, id_row)]
        out["idHidden"] = bool(ws.row_dimensions[id_row].hidden)
        out["ids"] = [ws.cell(id_row, c).value for c in range(1, ncol + 1)]
        out["labels"] = [ws.cell(id_row + 1, c).value for c in range(1, ncol + 1)]
        out["labelLocked"] = all(ws.cell(id_row + 1, c).protection.locked for c in range(1, ncol + 1))
        out["labelFonts"] = sorted({ws.cell(id_row + 1, c).font.name for c in range(1, ncol + 1)})
        dvs = ws.data_validations.dataValidation
        def text(v):
            return None if v is None else (v if isinstance(v, str) else repr(v))
        rows = []
        for r in range(id_row + 2, ws.max_row + 1):
            if ws.cell(r, 1).value is None:
                continue
            cells = []
            for c in range(1, ncol + 1):
                cell = ws.cell(r, c)
                covering = [dv for dv in dvs if cell.coordinate in dv.sqref]
                fill = cell.fill.fgColor.rgb if cell.fill is not None and cell.fill.fill_type == "solid" else ""
                cells.append({"value": text(cell.value), "type": cell.data_type, "locked": bool(cell.protection.locked),
                              "fill": fill if isinstance(fill, str) else "", "format": cell.number_format, "font": cell.font.name,
                              "validations": [{"type": dv.type or "", "operator": dv.operator or "", "formula1": dv.formula1 or "",
                                               "formula2": dv.formula2 or "", "title": dv.promptTitle or "", "prompt": dv.prompt or "",
                                               "showInput": bool(dv.showInputMessage)} for dv in covering]})
            rows.append({"row": r, "cells": cells})
        out["rows"] = rows
        p = ws.protection
        out["protection"] = {"sheet": bool(p.sheet), "formatColumns": bool(p.formatColumns), "formatRows": bool(p.formatRows),
                             "password": p.password or ""}
        out["freeze"] = ws.freeze_panes
        ps = ws.sheet_properties.pageSetUpPr
        out["page"] = {"orientation": ws.page_setup.orientation or "", "paper": str(ws.page_setup.paperSize),
                       "fitToWidth": 1 if ws.page_setup.fitToWidth is None else int(ws.page_setup.fitToWidth), "fitToPage": bool(ps.fitToPage) if ps is not None else False}
        ins = wb.worksheets[1]
        out["instructions"] = "\\n".join(str(c.value) for row in ins.iter_rows() for c in row if c.value is not None)
        out["instructionsProtected"] = bool(ins.protection.sheet)
        print(json.dumps(out, ensure_ascii=False))
        """

    private static func inspect(_ file: URL) throws -> Inspection {
        let output = try python(inspectScript, [file.path])
        return try JSONDecoder().decode(Inspection.self, from: Data(output.utf8))
    }

    // MARK: - Filling in

    /// A cell a filler writes: a number, or text.
    enum Entry: Encodable, Hashable {
        case number(Int)
        case text(String)

        func encode(to encoder: Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .number(let value): try container.encode(value)
            case .text(let value): try container.encode(value)
            }
        }

        /// What `run` must read it as.
        var expected: FieldValue {
            switch self {
            case .number(let value): return .int(value)
            case .text("Có"): return .bool(true)
            case .text("Không"): return .bool(false)
            case .text(let value): return .int(Int(value.replacingOccurrences(of: ".", with: ""))!)
            }
        }

        var asText: Entry {
            if case .number(let value) = self { return .text(String(value)) }
            return self
        }
    }

    /// The figures of every row, keyed `code|level`: each row's own numbers (so that a row read
    /// into the wrong place shows), per-unit fields equal on a unit's rows, one cell left blank
    /// (`inspected` of 0101001) and one number typed as text with a thousands dot.
    static func figures(catalogue: Catalogue) -> [String: [String: Entry]] {
        let rows: [(code: String, level: Level)] = [("0101001", .th), ("0101002", .th), ("0101002", .thcs), ("0199001", .thpt)]
        let perUnit: [String: [String: Entry]] = [
            "0101001": ["cashless": .text("Có"), "fiber": .text("Không"), "sis_modules": .number(5), "digital_records": .text("Có"),
                        "cds_level": .number(2)],
            "0101002": ["cashless": .text("Không"), "fiber": .text("Có"), "sis_modules": .number(3), "digital_records": .text("Không"),
                        "cds_level": .number(1), "inspected": .text("Có")],
            "0199001": ["cashless": .text("Có"), "fiber": .text("Có"), "sis_modules": .number(4), "digital_records": .text("Có"),
                        "cds_level": .number(3), "inspected": .text("Không")],
        ]
        var result: [String: [String: Entry]] = [:]
        for (offset, row) in rows.enumerated() {
            let step = offset + 1
            var cells: [String: Entry] = [
                "students": .number(300 * step), "staff": .number(20 + step), "managers_teachers": .number(15 + step),
                "staff_esign": .number(10 + step), "staff_trained": .number(12 + step), "classes": .number(8 + step),
                "computer_labs": .number(step), "pcs_teaching": .number(20 * step), "periods_planned": .number(1000 * step),
                "periods_online": .number(50 * step), "fee_payers": .number(250 * step), "fee_payers_cashless": .number(100 * step),
            ]
            for (field, value) in perUnit[row.code] ?? [:] { cells[field] = value }
            if row.code == "0101002", row.level == .th { cells["students"] = .text("1.234") }
            cells = cells.filter { field, _ in
                catalogue.element(id: field).map { catalogue.elements[$0].levels.contains(row.level) } ?? false
            }
            result["\(row.code)|\(row.level.rawValue)"] = cells
        }
        return result
    }

    static let fillScript = """
        import sys, json, openpyxl
        src, dst = sys.argv[1], sys.argv[2]
        spec = json.load(open(sys.argv[3], encoding="utf-8"))
        wb = openpyxl.load_workbook(src)
        ws = wb.worksheets[0]
        id_row = next(r for r in range(1, 21) if ws.cell(r, 1).value == "unit_code")
        col = {ws.cell(id_row, c).value: c for c in range(1, ws.max_column + 1)}
        for r in range(id_row + 2, ws.max_row + 1):
            key = "%s|%s" % (ws.cell(r, col["unit_code"]).value, ws.cell(r, col["level"]).value)
            for field, value in spec.get(key, {}).items():
                ws.cell(r, col[field]).value = value
        wb.save(dst)
        """

    /// Fills templates with openpyxl, as a clerk's program would; returns the filled copies.
    private static func fill(_ templates: [URL], with figures: [String: [String: Entry]], in folder: TemporaryDirectory,
                             subfolder: String = "filled") throws -> URL {
        let spec = try folder.write(try JSONEncoder().encode(figures), to: "spec-\(subfolder).json")
        let out = folder.path(subfolder)
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        for template in templates {
            try python(fillScript, [template.path, out.appendingPathComponent(template.lastPathComponent).path, spec.path])
        }
        return out
    }

    /// Runs the pipeline (`run`'s stages, no output written) on inputs.
    private static func compute(_ units: URL, inputs: [URL], folder: TemporaryDirectory) throws -> RunProducts {
        try RunPipeline.compute(RunOptions(units: units, period: period, output: folder.path("run-out"), inputs: inputs.map(\.path),
                                           reportDate: reportDate, indicators: IndicatorsFolder(url: Repository.indicators)))
    }

    /// Checks that the accepted rows are exactly the figures, field by field (blank where none was
    /// written), and that `run` said nothing about them.
    private static func expectAccepted(_ products: RunProducts, equal figures: [String: [String: Entry]],
                                       sourceLocation: SourceLocation = #_sourceLocation) {
        let catalogue = products.catalogue
        #expect(products.validation.findings.isEmpty, "\(products.validation.findings.map { "\($0.rule) \($0.cell) \($0.message)" })",
                sourceLocation: sourceLocation)
        var seen: Set<String> = []
        for row in products.validation.accepted {
            let key = "\(products.registry.units[row.unit].code)|\(row.level.rawValue)"
            seen.insert(key)
            let expected = figures[key] ?? [:]
            for (index, element) in catalogue.elements.enumerated() where element.isValue {
                let want = expected[element.id]?.expected ?? .blank
                #expect(row.values[index] == want, "\(key) \(element.id)", sourceLocation: sourceLocation)
            }
        }
        #expect(seen == Set(figures.keys), sourceLocation: sourceLocation)
        #expect(products.validation.rowsRejected == 0, sourceLocation: sourceLocation)
    }

    // MARK: - Files

    @Test("One workbook per managing unit (the Sở's own units under its code), or per school; named in ASCII; same bytes each time")
    func filesAndNames() throws {
        let (folder, units) = try Self.province()
        let summary = try Self.templates(units, into: folder.path("a"))
        #expect(summary.written == ["mau-bao-cao-2024-2025-HK1-01.xlsx", "mau-bao-cao-2024-2025-HK1-0101.xlsx"])
        #expect(summary.units == 3)
        #expect(summary.rows == 4)
        #expect(summary.line.hasPrefix("Xong: 2 mẫu báo cáo"))

        let perUnit = try Self.templates(units, into: folder.path("b"), grouping: .unit)
        #expect(perUnit.written == ["0101001", "0101002", "0199001"].map { "mau-bao-cao-2024-2025-HK1-\($0).xlsx" })

        let district = try Self.templates(units, into: folder.path("c"), managingUnit: "0101")
        #expect(district.written == ["mau-bao-cao-2024-2025-HK1-0101.xlsx"])
        let districtSchools = try Self.templates(units, into: folder.path("d"), grouping: .unit, managingUnit: "0101")
        #expect(districtSchools.written.count == 2)

        // Deterministic: the creation date is the report date.
        _ = try Self.templates(units, into: folder.path("e"))
        for name in summary.written {
            #expect(try folder.data("a/\(name)") == folder.data("e/\(name)"))
        }
        // Nothing but the templates (no temporary files left behind).
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path("a").path).sorted()
        #expect(left == summary.written)

        // A school's code is no managing unit: bad usage.
        let failure = #expect(throws: RunFailure.self) { try Self.templates(units, into: folder.path("f"), managingUnit: "0101001") }
        #expect(failure?.exitStatus == 64)
    }

    // MARK: - The workbook as another program sees it

    @Test("Sheets, hidden ids, one row per unit and level, locked keys, validated unlocked inputs, grey non-applicable cells, protection",
          .enabled(if: XLSXInspection.openpyxlAvailable, "python3 with openpyxl is not installed"))
    func workbookStructure() throws {
        let (folder, units) = try Self.province()
        _ = try Self.templates(units, into: folder.url)
        let catalogue = try Repository.catalogue()
        let book = try Self.inspect(folder.path("mau-bao-cao-2024-2025-HK1-0101.xlsx"))

        #expect(book.sheets == ["Báo cáo", "Hướng dẫn"])
        let titles = book.titles.compactMap { $0 }
        #expect(titles.contains("Học kỳ I năm học 2024-2025 (kỳ báo cáo 2024-2025/HK1)"))
        #expect(titles.contains { $0.contains("Phòng Giáo dục và Đào tạo Huyện Một") })
        #expect(titles.contains { $0.contains("hạn nộp: ngày 20/01/2025") })

        let ids = try Self.keyIDs + Self.valueIDs()
        #expect(book.ids == ids)
        #expect(book.idHidden)
        #expect(book.labels == ids.map { id in catalogue.element(id: id).map { catalogue.elements[$0].label } })
        #expect(book.labelLocked)
        #expect(book.labelFonts == ["Times New Roman"])
        #expect(book.freeze == "E\(book.idRow + 2)")

        // The rows: codes as text with their leading zeros, the period code, the levels.
        let keys = book.rows.map { row in row.cells.prefix(4).map { $0.value ?? "" } }
        #expect(keys == [
            ["0101001", "Trường Tiểu học Lê Lợi", "2024-2025/HK1", "TH"],
            ["0101002", "Trường TH&THCS Kim Đồng", "2024-2025/HK1", "TH"],
            ["0101002", "Trường TH&THCS Kim Đồng", "2024-2025/HK1", "THCS"],
        ])
        #expect(book.rows.first?.row == book.idRow + 2)
        for row in book.rows {
            let level = try #require(Level(code: row.cells[3].value ?? ""))
            for (column, cell) in row.cells.enumerated() {
                let id = ids[column]
                let place = "\(id) row \(row.row)"
                #expect(cell.font == "Times New Roman", "\(place)")
                if column < 4 {
                    #expect(cell.type == "s", "\(place)")
                    #expect(cell.locked, "\(place)")
                    #expect(cell.validations.isEmpty, "\(place)")
                    #expect(cell.fill.hasSuffix("F2F2F2"), "\(place)")
                    continue
                }
                let element = catalogue.elements[try #require(catalogue.element(id: id))]
                #expect(cell.value == nil, "\(place)")
                guard element.levels.contains(level) else {
                    #expect(cell.locked, "\(place) does not apply: locked")
                    #expect(cell.fill.hasSuffix("D9D9D9"), "\(place) does not apply: grey")
                    #expect(cell.validations.isEmpty, "\(place) does not apply: no validation")
                    continue
                }
                #expect(!cell.locked, "\(place) is an input")
                #expect(cell.fill.hasSuffix("FFFFFF"), "\(place) is white")
                #expect(cell.validations.count == 1, "\(place) has one validation")
                guard let validation = cell.validations.first else { continue }
                #expect(validation.showInput && !validation.title.isEmpty && validation.title.count <= 32, "\(place)")
                #expect(!validation.prompt.isEmpty && validation.prompt.count <= 255, "\(place)")
                switch element.type {
                case .boolean:
                    #expect(validation.type == "list", "\(place)")
                    #expect(validation.formula1 == "\"Có,Không\"", "\(place)")
                    #expect(validation.prompt.contains("Có hoặc Không"), "\(place)")
                default:
                    #expect(validation.type == "whole", "\(place)")
                    #expect(["", "between"].contains(validation.operator), "\(place): between is the default operator")
                    let range = element.range ?? 0...1_000_000_000
                    #expect(validation.formula1 == String(range.lowerBound), "\(place)")
                    #expect(validation.formula2 == String(range.upperBound), "\(place)")
                    #expect(cell.format == "#,##0", "\(place)")
                }
            }
        }
        // The ranges that the catalogue gives: 0–5 and 1–3.
        let sis = try #require(ids.firstIndex(of: "sis_modules")), level = try #require(ids.firstIndex(of: "cds_level"))
        #expect(book.rows[0].cells[sis].validations.first?.formula2 == "5")
        #expect(book.rows[0].cells[level].validations.first?.formula1 == "1")
        #expect(book.rows[0].cells[level].validations.first?.formula2 == "3")

        #expect(book.protection.sheet)
        #expect(book.protection.password.isEmpty)
        #expect(!book.protection.formatColumns && !book.protection.formatRows, "formatting columns and rows stays allowed")
        #expect(book.page.orientation == "landscape")
        #expect(book.page.paper == "9")
        #expect(book.page.fitToPage && book.page.fitToWidth == 1)

        // The instructions name every column by id and label, and the parts that may not exceed wholes.
        for id in ids {
            #expect(book.instructions.contains(id))
            let label = catalogue.elements[try #require(catalogue.element(id: id))].label
            #expect(book.instructions.contains(label))
        }
        for element in catalogue.elements {
            guard let whole = element.atMost else { continue }
            #expect(book.instructions.contains("“\(element.label)” (cột"), "\(element.id)")
            #expect(book.instructions.contains("không được lớn hơn “\(catalogue.elements[whole].label)”"), "\(element.id)")
        }
        for phrase in ["Có hoặc Không", "nền xám", "dòng ẩn số \(book.idRow)", ".xlsx", "Sở Giáo dục và Đào tạo tỉnh Thử Nghiệm"] {
            #expect(book.instructions.contains(phrase), "\(phrase)")
        }
        #expect(book.instructionsProtected)

        // A school's own workbook holds its rows only.
        _ = try Self.templates(units, into: folder.path("schools"), grouping: .unit)
        let school = try Self.inspect(folder.path("schools/mau-bao-cao-2024-2025-HK1-0101002.xlsx"))
        #expect(school.rows.map { $0.cells[0].value ?? "" } == ["0101002", "0101002"])
        #expect(school.titles.compactMap { $0 }.contains { $0.contains("Trường TH&THCS Kim Đồng") })
    }

    // MARK: - Round trips

    @Test("A template filled by openpyxl is read back exactly, with no finding",
          .enabled(if: XLSXInspection.openpyxlAvailable, "python3 with openpyxl is not installed"))
    func filledByOpenpyxl() throws {
        let (folder, units) = try Self.province()
        let summary = try Self.templates(units, into: folder.path("templates"))
        let figures = try Self.figures(catalogue: Repository.catalogue())
        let filled = try Self.fill(summary.written.map { folder.path("templates/\($0)") }, with: figures, in: folder)
        let products = try Self.compute(units, inputs: [filled], folder: folder)
        #expect(products.validation.filesRead == 2)
        Self.expectAccepted(products, equal: figures)
        // The labels row is part of the header: the data rows are read from the row under it.
        #expect(products.validation.rowsRead == 4)
    }

    @Test("A filled template re-saved by LibreOffice is read back exactly",
          .enabled(if: XLSXInspection.openpyxlAvailable, "python3 with openpyxl is not installed"),
          .enabled(if: TemplateTests.sofficeAvailable, "LibreOffice (soffice) is not installed"))
    func resavedByLibreOffice() throws {
        let (folder, units) = try Self.province()
        _ = try Self.templates(units, into: folder.path("templates"), managingUnit: "0101")
        let figures = try Self.figures(catalogue: Repository.catalogue()).filter { $0.key.hasPrefix("0101") }
        let filled = try Self.fill([folder.path("templates/mau-bao-cao-2024-2025-HK1-0101.xlsx")], with: figures, in: folder)
        let resaved = try Self.resaveWithLibreOffice(filled.appendingPathComponent("mau-bao-cao-2024-2025-HK1-0101.xlsx"), in: folder)
        let products = try Self.compute(units, inputs: [resaved], folder: folder)
        Self.expectAccepted(products, equal: figures)
        // LibreOffice kept the hidden ids and the protection.
        let book = try Self.inspect(resaved)
        #expect(book.idHidden)
        #expect(book.protection.sheet)
        #expect(book.rows.map { $0.cells[0].value ?? "" } == ["0101001", "0101002", "0101002"])
    }

    static let openpyxlScratchScript = """
        import sys, json, openpyxl
        dst = sys.argv[1]
        spec = json.load(open(sys.argv[2], encoding="utf-8"))
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = "Số liệu"
        ws.cell(1, 1, "BÁO CÁO SỐ LIỆU CHUYỂN ĐỔI SỐ")
        ws.cell(2, 1, "Học kỳ I năm học 2024-2025")
        header = 4
        for c, text in enumerate(spec["header"], 1):
            ws.cell(header, c, text)
        r = header + 1
        for i, row in enumerate(spec["rows"]):
            if i == 1:
                for c in range(1, len(spec["columns"]) + 1):
                    ws.cell(r, c, " ")
                r += 1
            for c, cid in enumerate(spec["columns"], 1):
                v = row.get(cid)
                if v is not None and v != "":
                    ws.cell(r, c).value = str(v)
            r += 1
        ws.cell(r + 2, 1, None)
        wb.save(dst)
        """

    static let xlsxwriterScratchScript = """
        import sys, json, xlsxwriter
        dst = sys.argv[1]
        spec = json.load(open(sys.argv[2], encoding="utf-8"))
        wb = xlsxwriter.Workbook(dst)
        ws = wb.add_worksheet("Báo cáo")
        bold = wb.add_format({"bold": True, "font_name": "Times New Roman"})
        border = wb.add_format({"border": 1})
        ws.merge_range(0, 0, 0, 6, "BÁO CÁO SỐ LIỆU CHUYỂN ĐỔI SỐ - HỌC KỲ I NĂM HỌC 2024-2025", bold)
        ws.write_string(1, 0, "Đơn vị báo cáo: Sở Giáo dục và Đào tạo tỉnh Thử Nghiệm")
        header = 3
        for c, text in enumerate(spec["header"]):
            ws.write_string(header, c, text, bold)
        r = header + 1
        for i, row in enumerate(spec["rows"]):
            if i == 2:
                for c in range(len(spec["columns"])):
                    ws.write_blank(r, c, None, border)
                r += 1
            for c, cid in enumerate(spec["columns"]):
                v = row.get(cid)
                if v is None or v == "":
                    ws.write_blank(r, c, None, border)
                else:
                    ws.write_string(r, c, str(v), border)
            r += 1
        for extra in range(3):
            ws.write_blank(r + extra, 0, None, border)
        wb.close()
        """

    @Test("Returns written from scratch by openpyxl and XlsxWriter (title above the header, numbers as text, blank rows) give the same values",
          .enabled(if: XLSXInspection.openpyxlAvailable, "python3 with openpyxl is not installed"))
    func writtenFromScratch() throws {
        let (folder, units) = try Self.province()
        let catalogue = try Repository.catalogue()
        let figures = Self.figures(catalogue: catalogue)
        let columns = try Self.keyIDs + Self.valueIDs()
        let names = ["0101001": "Trường Tiểu học Lê Lợi", "0101002": "Trường TH&THCS Kim Đồng", "0199001": "Trường THPT Chu Văn An"]
        let rows: [[String: String]] = figures.keys.sorted().map { key in
            let parts = key.split(separator: "|").map(String.init)
            var row = ["unit_code": parts[0], "unit_name": names[parts[0]] ?? "", "period": "2024-2025/HK1", "level": parts[1]]
            for (field, entry) in figures[key] ?? [:] {
                switch entry.asText {
                case .text(let text): row[field] = text
                case .number: break
                }
            }
            return row
        }
        let labels = columns.map { id in catalogue.element(id: id).map { catalogue.elements[$0].label } ?? id }
        struct Spec: Encodable {
            let header: [String]
            let columns: [String]
            let rows: [[String: String]]
        }
        let byLabel = try folder.write(try JSONEncoder().encode(Spec(header: labels, columns: columns, rows: rows)), to: "labels.json")
        let byID = try folder.write(try JSONEncoder().encode(Spec(header: columns, columns: columns, rows: rows)), to: "ids.json")

        let openpyxlFile = folder.path("openpyxl/return.xlsx")
        try FileManager.default.createDirectory(at: openpyxlFile.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Self.python(Self.openpyxlScratchScript, [openpyxlFile.path, byLabel.path])
        Self.expectAccepted(try Self.compute(units, inputs: [openpyxlFile], folder: folder), equal: figures)

        guard (try? Self.python("import xlsxwriter", [])) != nil else { return }
        let xlsxwriterFile = folder.path("xlsxwriter/return.xlsx")
        try FileManager.default.createDirectory(at: xlsxwriterFile.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Self.python(Self.xlsxwriterScratchScript, [xlsxwriterFile.path, byID.path])
        Self.expectAccepted(try Self.compute(units, inputs: [xlsxwriterFile], folder: folder), equal: figures)
    }

    @Test("A bad value typed into a template is reported on the sheet “Báo cáo” at its Excel row, the message starting with the cell",
          .enabled(if: XLSXInspection.openpyxlAvailable, "python3 with openpyxl is not installed"))
    func badValueIsLocated() throws {
        let (folder, units) = try Self.province()
        _ = try Self.templates(units, into: folder.path("templates"), managingUnit: "0101")
        var figures = try Self.figures(catalogue: Repository.catalogue()).filter { $0.key.hasPrefix("0101") }
        figures["0101001|TH"]?["students"] = .number(-5)
        let filled = try Self.fill([folder.path("templates/mau-bao-cao-2024-2025-HK1-0101.xlsx")], with: figures, in: folder)
        let products = try Self.compute(units, inputs: [filled], folder: folder)
        let columns = try Self.keyIDs + Self.valueIDs()
        let letter = CellAddress.columnName(try #require(columns.firstIndex(of: "students")))
        let firstDataRow = 9
        let findings = products.validation.findings
        #expect(findings.count == 1, "\(findings.map(\.message))")
        let finding = try #require(findings.first)
        #expect(finding.rule == .negative)
        #expect(finding.sheet == "Báo cáo")
        #expect(finding.row == firstDataRow)
        #expect(finding.unitCode == "0101001")
        #expect(finding.message.hasPrefix("Ô \(letter)\(firstDataRow):"), "\(finding.message)")
        #expect(products.validation.accepted.count == 2)
    }
}
