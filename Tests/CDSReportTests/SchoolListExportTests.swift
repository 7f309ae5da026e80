import CDSReport
import Foundation
import Testing
import TestSupport

// MARK: - Fixtures: the sector database's school-list export, written by other programs

/// Builds school-list exports (CONTRACT §2a) as the sector database's vendors do, with the quirks
/// real files have: a title block above the header, header cells with ` *` and trailing spaces,
/// codes as number cells in one column and text in another, a vendor's test school, a college
/// under another body, schools closed years ago, a national `DM ĐƠN VỊ` where `31` is one
/// province's Sở and another province's district office.
///
/// Each workbook is described once (``Sheet``) and written by openpyxl and by XlsxWriter (python3),
/// and re-saved by LibreOffice where `soffice` is installed.
enum ExportFixture {
    /// A cell: text, a number cell, or nothing.
    enum Cell {
        case s(String)
        case n(Double)
        case blank

        var json: Any {
            switch self {
            case .s(let text): ["s", text]
            case .n(let value): ["n", value]
            case .blank: NSNull()
            }
        }
    }

    struct Sheet {
        var name: String
        var rows: [[Cell]]
        /// Title cells merged across columns: (0-based row, first column, last column).
        var merges: [(Int, Int, Int)] = []
    }

    enum Writer: String, CaseIterable, CustomStringConvertible, Sendable {
        case openpyxl, xlsxwriter, libreoffice
        var description: String { rawValue }
    }

    /// The writers available here: openpyxl and XlsxWriter always (the tests need them),
    /// LibreOffice (re-saving openpyxl's file) where `soffice` is installed.
    static let writers: [Writer] = {
        let soffice = ["/usr/bin/soffice", "/usr/local/bin/soffice", "/opt/libreoffice/program/soffice"]
            .contains { FileManager.default.isExecutableFile(atPath: $0) }
        return soffice ? Writer.allCases : [.openpyxl, .xlsxwriter]
    }()

    /// Writes a workbook with openpyxl or XlsxWriter: text cells as strings formatted `@` (never a
    /// formula, even when they begin with `=`), number cells as numbers, merged title cells.
    static let script = #"""
    import json, sys
    writer, spec_path, out = sys.argv[1], sys.argv[2], sys.argv[3]
    spec = json.load(open(spec_path, encoding='utf-8'))
    if writer == 'openpyxl':
        import openpyxl
        from openpyxl.styles import Font
        from openpyxl.utils import get_column_letter
        wb = openpyxl.Workbook()
        wb.remove(wb.active)
        for sheet in spec['sheets']:
            ws = wb.create_sheet(sheet['name'])
            for r, row in enumerate(sheet['rows'], start=1):
                for c, cell in enumerate(row, start=1):
                    if cell is None:
                        continue
                    kind, value = cell
                    if kind == 'n' and float(value).is_integer():
                        value = int(value)
                    x = ws.cell(row=r, column=c, value=value)
                    if kind == 's':
                        x.data_type = 's'
                        x.number_format = '@'
            for (r, c1, c2) in sheet['merges']:
                ws.merge_cells(start_row=r + 1, start_column=c1 + 1, end_row=r + 1, end_column=c2 + 1)
                ws.cell(row=r + 1, column=c1 + 1).font = Font(bold=True, size=14)
        wb.save(out)
    else:
        import xlsxwriter
        wb = xlsxwriter.Workbook(out, {'strings_to_numbers': False, 'strings_to_formulas': False, 'strings_to_urls': False})
        text = wb.add_format({'num_format': '@'})
        title = wb.add_format({'bold': True, 'font_size': 14, 'align': 'center'})
        for sheet in spec['sheets']:
            ws = wb.add_worksheet(sheet['name'])
            merged = {}
            for (r, c1, c2) in sheet['merges']:
                merged[(r, c1)] = c2
            for r, row in enumerate(sheet['rows']):
                for c, cell in enumerate(row):
                    if cell is None:
                        continue
                    kind, value = cell
                    if (r, c) in merged:
                        ws.merge_range(r, c, r, merged[(r, c)], value, title)
                    elif kind == 's':
                        ws.write_string(r, c, value, text)
                    else:
                        ws.write_number(r, c, value)
        wb.close()
    """#

    /// Writes the sheets to `folder/name` with a writer.
    static func write(_ sheets: [Sheet], writer: Writer, to folder: URL, name: String) throws -> URL {
        let spec: [String: Any] = ["sheets": sheets.map { sheet in
            ["name": sheet.name, "rows": sheet.rows.map { $0.map(\.json) }, "merges": sheet.merges.map { [$0.0, $0.1, $0.2] }] as [String: Any]
        }]
        let specURL = folder.appendingPathComponent("\(name).json")
        try JSONSerialization.data(withJSONObject: spec).write(to: specURL)
        let scriptURL = folder.appendingPathComponent("write_export.py")
        if !FileManager.default.fileExists(atPath: scriptURL.path) { try Data(script.utf8).write(to: scriptURL) }
        let out = folder.appendingPathComponent(name)
        switch writer {
        case .openpyxl, .xlsxwriter:
            try run("/usr/bin/env", ["python3", scriptURL.path, writer.rawValue, specURL.path, out.path])
        case .libreoffice:
            // openpyxl writes it, LibreOffice Calc opens and saves it again (its own XML).
            let source = folder.appendingPathComponent("lo-source", isDirectory: true)
            let converted = folder.appendingPathComponent("lo-out", isDirectory: true)
            try FileManager.default.createDirectory(at: source, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: converted, withIntermediateDirectories: true)
            let original = source.appendingPathComponent(name)
            try run("/usr/bin/env", ["python3", scriptURL.path, "openpyxl", specURL.path, original.path])
            let profile = folder.appendingPathComponent("lo-profile", isDirectory: true)
            try run("/usr/bin/env", ["soffice", "-env:UserInstallation=\(profile.absoluteString)", "--headless", "--norestore",
                                     "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", converted.path, original.path])
            try FileManager.default.moveItem(at: converted.appendingPathComponent(name), to: out)
        }
        guard FileManager.default.fileExists(atPath: out.path) else { throw TestSetupError("\(writer) wrote no \(name)") }
        return out
    }

    private static func run(_ executable: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let errors = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw TestSetupError("\(arguments.prefix(2).joined(separator: " ")) failed: \(String(decoding: errorData, as: UTF8.self))")
        }
    }

    // MARK: The sheets

    /// `DM ĐƠN VỊ` for the whole country. `31` is Hải Phòng's Sở *and* a district office of Thái
    /// Bình (17); the Sở of Labour's college sits under another body. Before the reorganisation
    /// Hải Phòng's Sở has district offices; after it, communes and wards.
    static func unitsSheet(afterReorganisation: Bool, name: String = "DM ĐƠN VỊ", numberCodes: Bool) -> Sheet {
        func code(_ text: String) -> Cell { numberCodes && Double(text) != nil ? .n(Double(text)!) : .s(text) }
        var rows: [[Cell]] = [
            [.s("DANH MỤC ĐƠN VỊ HÀNH CHÍNH NGÀNH GIÁO DỤC")],
            [],
            [.s("STT"), .s("Mã Đơn Vị *"), .s("Tên Đơn Vị "), .s("MÃ ĐƠN VỊ CHA"), .s("Cấp")],
        ]
        var units: [(String, String, String)] = [
            ("17", "Sở Giáo dục và Đào tạo tỉnh Thái Bình", ""),
            ("1701", "Phòng Giáo dục và Đào tạo thành phố Thái Bình", "17"),
            ("31", "Phòng Giáo dục và Đào tạo huyện Vũ Thư", "17"),
            ("31", "Sở Giáo dục và Đào tạo thành phố Hải Phòng", ""),
        ]
        if afterReorganisation {
            units += [
                ("31001", "UBND xã An Lão", "31"),
                ("31002", "Phường Lê Chân", "31"),
                ("31003", "Uỷ ban nhân dân xã Cát Hải", "31"),
                ("31004", "UBND phường Hồng Bàng", "31"),
                ("31005", "UBND đặc khu Bạch Long Vĩ", "31"),
                ("31006", "ỦY BAN NHÂN DÂN XÃ KIẾN THỤY", "31"),
                ("31007", "Xã  Thủy Nguyên", "31"),
            ]
        } else {
            units += [
                ("3101", "Phòng Giáo dục và Đào tạo quận Hồng Bàng", "31"),
                ("3102", "Phòng GDĐT quận Lê Chân", "31"),
                ("3103", "Phòng Giáo dục và Đào tạo huyện Thủy Nguyên", "31"),
            ]
        }
        units += [
            ("LDTBXH", "Bộ Lao động - Thương binh và Xã hội", ""),
            ("LDTBXH31", "Sở Lao động - Thương binh và Xã hội Hải Phòng", "LDTBXH"),
            ("01", "Sở Giáo dục và Đào tạo thành phố Hà Nội", ""),
            ("0101", "Phòng Giáo dục và Đào tạo quận Ba Đình", "01"),
        ]
        for (index, unit) in units.enumerated() {
            rows.append([.n(Double(index + 1)), unit.0 == "01" || unit.0 == "0101" ? .s(unit.0) : code(unit.0), .s(unit.1),
                         unit.2.isEmpty ? .blank : .s(unit.2), .s(unit.2.isEmpty ? "Sở" : "Phòng/Xã")])
        }
        return Sheet(name: name, rows: rows, merges: [(0, 0, 4)])
    }

    /// `DM QUẬN HUYỆN`: district code 303 exists in both provinces, with different names.
    static let districtsSheet = Sheet(name: "DM QUẬN HUYỆN", rows: [
        [.s("Mã Quận Huyện"), .s("Tên Quận Huyện"), .s("Mã Tỉnh Thành")],
        [.n(303), .s("Quận Hồng Bàng"), .s("31")],
        [.n(304), .s("Quận Lê Chân"), .s("31")],
        [.n(303), .s("Huyện Vũ Thư"), .s("17")],
    ])

    /// The title block the database prints above the header (5 rows, one blank).
    static let titleBlock: [[Cell]] = [
        [.s("BỘ GIÁO DỤC VÀ ĐÀO TẠO")],
        [.s("CƠ SỞ DỮ LIỆU NGÀNH GIÁO DỤC")],
        [.s("DANH SÁCH TRƯỜNG HỌC")],
        [.s("Ngày xuất: 30/06/2025")],
        [],
    ]

    /// Hải Phòng before 1 July 2025 (district offices): MA_TRUONG as number cells, MA_DON_VI and
    /// MA_TINH_THANH as text, TRANG_THAI and MA_QUAN_HUYEN as numbers. Header on row 6.
    static func beforeReorganisation() -> [Sheet] {
        let header: [Cell] = [.s("STT"), .s("MA_TRUONG *"), .s("TEN_TRUONG_HOC *"), .s("MA_TINH_THANH *"), .s("TEN_TINH_THANH"),
                              .s("MA_QUAN_HUYEN"), .s("TEN_QUAN_HUYEN"), .s("MA_DON_VI *"), .s("CAP_HOC  "), .s("LOAI_HINH"),
                              .s("Trang_Thai"), .s("DIA_CHI")]
        // (MA_TRUONG, name, MA_TINH_THANH, MA_QUAN_HUYEN, MA_DON_VI, CAP_HOC, TRANG_THAI)
        let schools: [(Cell, String, String, Double?, String, Cell, Cell)] = [
            (.n(3101001), "Trường Mầm non Hoa Sen", "31", 303, "3101", .s("45"), .n(1)), // row 7
            (.n(3101002), "Trường Tiểu học Lê Lợi", "31", 303, "3101", .s("1"), .n(1)), // 8
            (.n(3102001), "Trường TH&THCS Kim Đồng", "31", 304, "3102", .n(12), .n(1)), // 9
            (.n(3199001), "Trường THPT Chu Văn An", "31", 304, "31", .s("3"), .n(1)), // 10
            (.n(3199002), "Trung tâm GDNN-GDTX quận Lê Chân", "31", 304, "31", .s("6"), .n(1)), // 11
            (.n(3103001), "Trường Phổ thông Liên cấp Quốc tế", "31", 305, "3103", .s("12345"), .n(1)), // 12
            (.n(1_234_567_890_123_456), "Trường Mầm non Sao Mai", "31", 303, "3101", .s("4"), .n(1)), // 13 blank_code
            (.blank, "-Trường chưa cấp mã", "31", 303, "3101", .s("1"), .n(1)), // 14 blank_code
            (.n(3101003), "Trường Tiểu học Cũ (giải thể năm 2019)", "17", 303, "3101", .s("1"), .n(0)), // 15 inactive
            (.n(9999001), "Trường thử nghiệm", "31", nil, "1701", .s("1"), .n(1)), // 16 outside_department
            (.n(3199003), "Trường Cao đẳng Nghề Hải Phòng", "31", 304, "LDTBXH31", .s("6"), .n(1)), // 17 outside_department
            (.n(3101004), "Trường Tiểu học Hoa Mai", "31", 303, "3101", .s("7"), .n(1)), // 18 bad_cap_hoc
            (.n(3101005), "Trường Mầm non Chưa rõ cấp", "31", 303, "3101", .blank, .n(1)), // 19 bad_cap_hoc
            (.n(3101002), "Trường Tiểu học Lê Lợi (bản trùng)", "31", 303, "3101", .s("1"), .n(1)), // 20 duplicate_code
            (.n(3102), "Trường nhập nhầm mã Phòng", "31", 304, "3102", .s("2"), .n(1)), // 21 code_conflict
            (.n(31), "Trường nhập nhầm mã Sở", "31", 304, "31", .s("3"), .n(1)), // 22 code_conflict
            (.n(3101006), "Trường THCS Tân Lập", "31", 303, "3101", .s("2"), .n(2)), // 23 inactive
            (.n(3101006), "Trường THCS Tân Lập", "31", 303, "3101", .s(" 2 "), .s("1")), // 24 kept: the earlier copy was not kept
        ]
        var rows = titleBlock + [header]
        for (index, school) in schools.enumerated() {
            rows.append([.n(Double(index + 1)), school.0, .s(school.1), .s(school.2), .s("Thành phố Hải Phòng"),
                         school.3.map { .n($0) } ?? .blank, .s(""), .s(school.4), school.5, .s("Công lập"), school.6, .s("Số 1 đường A")])
        }
        rows.append([.s("Người lập biểu")]) // a footer: no school
        return [Sheet(name: "Danh sách trường", rows: rows, merges: [(0, 0, 5), (2, 0, 11)]),
                unitsSheet(afterReorganisation: false, numberCodes: true), districtsSheet]
    }

    /// Hải Phòng after 1 July 2025 (communes and wards): MA_TRUONG as text with leading zeros,
    /// MA_DON_VI and MA_TINH_THANH as number cells; another column order; a 3-row title block;
    /// `DM ĐƠN VỊ` named in another case with a trailing space; no `DM QUẬN HUYỆN`.
    static func afterReorganisation() -> [Sheet] {
        let header: [Cell] = [.s("MA_TRUONG"), .s("TEN_TRUONG_HOC *"), .s("CAP_HOC  "), .s("MA_DON_VI"), .s("TEN_DON_VI"),
                              .s("TRANG_THAI *"), .s("  ma_tinh_thanh  * "), .s("GHI_CHU")]
        // (MA_TRUONG, name, CAP_HOC, MA_DON_VI, TRANG_THAI)
        let schools: [(Cell, String, Cell, Cell, Cell)] = [
            (.s("0031001001"), "Trường Mầm non An Lão", .s("5"), .n(31001), .n(1)), // row 5
            (.s("0031002001"), "Trường Tiểu học Lê Chân", .s("1"), .n(31002), .n(1)), // 6
            (.s("0031003001"), "Trường THCS Cát Hải", .n(2), .n(31003), .n(1)), // 7
            (.s("0031004001"), "Trường TH&THCS Hồng Bàng", .s("12"), .n(31004), .n(1)), // 8
            (.s("0031005001"), "Trường TH, THCS và THPT Bạch Long Vĩ", .s("123"), .n(31005), .n(1)), // 9
            (.s("0031006001"), "Trường Mầm non Kiến Thụy", .s("4"), .n(31006), .n(1)), // 10
            (.s("0031007001"), "Trường THPT Thủy Nguyên", .s("3"), .n(31), .n(1)), // 11
            (.s("0031000002"), "Trung tâm GDNN-GDTX Thủy Nguyên", .s("6"), .n(31), .n(1)), // 12
            (.n(1e15), "Trường Tiểu học Số Lớn", .s("1"), .n(31002), .n(1)), // 13 blank_code
            (.s("0031001001"), "Trường Mầm non An Lão (trùng)", .s("5"), .n(31001), .n(1)), // 14 duplicate_code
            (.s("9999001"), "Trường thử nghiệm", .s("1"), .n(1701), .n(1)), // 15 outside_department
            (.s("0031002002"), "=Trường lỗi công thức", .s("0"), .n(31002), .n(1)), // 16 bad_cap_hoc
            (.s("0031002003"), "Trường Tiểu học Đã Sáp Nhập", .s("1"), .n(31002), .s("0")), // 17 inactive
            (.s("31001"), "Trường nhập mã của xã", .s("1"), .n(31001), .n(1)), // 18 code_conflict
        ]
        var rows: [[Cell]] = [
            [.s("CƠ SỞ DỮ LIỆU NGÀNH GIÁO DỤC - DANH SÁCH TRƯỜNG")],
            [.s("Sở Giáo dục và Đào tạo thành phố Hải Phòng")],
            [.s("Xuất ngày 15/07/2025")],
            header,
        ]
        for school in schools {
            rows.append([school.0, .s(school.1), school.2, school.3, .s(""), school.4, .n(31), .s("")])
        }
        return [Sheet(name: "Sheet1", rows: rows, merges: [(0, 0, 7)]),
                unitsSheet(afterReorganisation: true, name: "Dm Đơn Vị ", numberCodes: false)]
    }

    /// Thái Bình (17) from the same national `DM ĐƠN VỊ`: there `31` is a district office.
    static func thaiBinh() -> [Sheet] {
        let header: [Cell] = [.s("MA_TRUONG *"), .s("TEN_TRUONG_HOC *"), .s("MA_DON_VI *"), .s("CAP_HOC *"), .s("TRANG_THAI *"),
                              .s("MA_TINH_THANH *")]
        let rows: [[Cell]] = [[.s("DANH SÁCH TRƯỜNG HỌC")], [], [], header,
                              [.n(1701001), .s("Trường Tiểu học Kỳ Bá"), .s("1701"), .s("1"), .n(1), .s("17")],
                              [.n(3100001), .s("Trường THCS Vũ Thư"), .s("31"), .s("2"), .n(1), .s("17")],
                              [.n(1799001), .s("Trường THPT Lê Quý Đôn"), .s("17"), .s("3"), .n(1), .s("17")]]
        return [Sheet(name: "DS", rows: rows), unitsSheet(afterReorganisation: false, numberCodes: true)]
    }

    /// A school list whose active schools name two provinces.
    static func twoProvinces() -> [Sheet] {
        let header: [Cell] = [.s("MA_TRUONG"), .s("TEN_TRUONG_HOC"), .s("MA_DON_VI"), .s("CAP_HOC"), .s("TRANG_THAI"), .s("MA_TINH_THANH")]
        let rows: [[Cell]] = [header,
                              [.n(3101001), .s("Trường A"), .s("3101"), .s("1"), .n(1), .s("31")],
                              [.n(1701001), .s("Trường B"), .s("1701"), .s("1"), .n(1), .s("17")]]
        return [Sheet(name: "DS", rows: rows), unitsSheet(afterReorganisation: false, numberCodes: true)]
    }

    /// The written files, made once per writer (python and LibreOffice are slow to start).
    struct Files: Sendable {
        let before: URL
        let after: URL
        let thaiBinh: URL
    }

    private static let folder: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cds-school-list-\(UUID().uuidString)", isDirectory: true)
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    /// Why a fixture could not be written.
    struct Failure: Error, Sendable, CustomStringConvertible {
        let description: String
    }

    private static let built: [Writer: Result<Files, Failure>] = {
        var files: [Writer: Result<Files, Failure>] = [:]
        for writer in writers {
            let sub = folder.appendingPathComponent(writer.rawValue, isDirectory: true)
            do {
                try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
                files[writer] = .success(Files(before: try write(beforeReorganisation(), writer: writer, to: sub, name: "truoc-sap-nhap.xlsx"),
                                               after: try write(afterReorganisation(), writer: writer, to: sub, name: "sau-sap-nhap.xlsx"),
                                               thaiBinh: try write(thaiBinh(), writer: writer, to: sub, name: "thai-binh.xlsx")))
            } catch {
                files[writer] = .failure(Failure(description: "\(writer): \(error)"))
            }
        }
        return files
    }()

    static func files(_ writer: Writer) throws -> Files {
        guard let result = built[writer] else { throw Failure(description: "\(writer) is not available") }
        return try result.get()
    }
}

// MARK: - Tests

@Suite("The registry from the sector database's school list (CONTRACT §2a)")
struct SchoolListExportTests {
    typealias Cell = ExportFixture.Cell

    /// The §2 registry the export before the reorganisation must yield, written by hand.
    static let beforeAsCSV = """
        unit_code,name,kind,levels,parent_code,locality,previous_codes
        31,Sở Giáo dục và Đào tạo thành phố Hải Phòng,SO,,,,
        3101,Phòng Giáo dục và Đào tạo quận Hồng Bàng,PHONG,,31,,
        3102,Phòng GDĐT quận Lê Chân,PHONG,,31,,
        3103,Phòng Giáo dục và Đào tạo huyện Thủy Nguyên,PHONG,,31,,
        3101001,Trường Mầm non Hoa Sen,TRUONG,MN,3101,Quận Hồng Bàng,
        3101002,Trường Tiểu học Lê Lợi,TRUONG,TH,3101,Quận Hồng Bàng,
        3102001,Trường TH&THCS Kim Đồng,TRUONG,TH;THCS,3102,Quận Lê Chân,
        3199001,Trường THPT Chu Văn An,TRUONG,THPT,31,Quận Lê Chân,
        3199002,Trung tâm GDNN-GDTX quận Lê Chân,TRUNGTAM,GDTX,31,Quận Lê Chân,
        3103001,Trường Phổ thông Liên cấp Quốc tế,TRUONG,MN;TH;THCS;THPT,3103,,
        3101006,Trường THCS Tân Lập,TRUONG,THCS,3101,Quận Hồng Bàng,

        """

    static func read(_ url: URL) throws -> SchoolListExport {
        try #require(try SchoolListExport.read(contentsOf: url), "the workbook must be recognised as an export")
    }

    static func reasons(_ export: SchoolListExport) -> [Int: String] {
        Dictionary(uniqueKeysWithValues: export.notes.map { ($0.row, $0.reason.rawValue) })
    }

    @Test("before the reorganisation: the SO, its district offices, the schools, each rule of the mapping", arguments: ExportFixture.writers)
    func beforeReorganisation(writer: ExportFixture.Writer) throws {
        let export = try Self.read(try ExportFixture.files(writer).before)
        let registry = export.registry
        // The SO: the parentless row coded 31, not Thái Bình's district office coded 31.
        #expect(registry.so.code == "31")
        #expect(registry.so.name == "Sở Giáo dục và Đào tạo thành phố Hải Phòng")
        #expect(registry.so.parentCode.isEmpty)
        // Managing units: the SO's children only, PHONG by their names, under the SO.
        #expect(export.managingUnits.map(\.code) == ["3101", "3102", "3103"])
        #expect(export.managingUnits.allSatisfy { $0.kind == .phong && $0.parentCode == "31" && $0.levels.isEmpty })
        #expect(registry.unit(code: "1701") == nil && registry.unit(code: "0101") == nil, "other provinces' units stay out")
        // Schools: code as text, name, parent, levels from CAP_HOC's digits, kind, locality.
        let school = try #require(registry.unit(code: "3101001"))
        #expect(school.name == "Trường Mầm non Hoa Sen" && school.parentCode == "3101" && school.kind == .truong)
        #expect(school.levels == LevelSet([.mn]), "45 is MN")
        #expect(school.locality == "Quận Hồng Bàng", "DM QUẬN HUYỆN of this province, not Huyện Vũ Thư")
        #expect(registry.unit(code: "3102001")?.levels == LevelSet([.th, .thcs]), "12 (a number cell) is TH;THCS")
        #expect(registry.unit(code: "3103001")?.levels == LevelSet([.mn, .th, .thcs, .thpt]), "12345")
        #expect(registry.unit(code: "3103001")?.locality == "", "no DM QUẬN HUYỆN row for 305")
        #expect(registry.unit(code: "3199001")?.parentCode == "31", "managed by the SO directly")
        #expect(registry.unit(code: "3199002")?.kind == .trungtam, "only GDTX: a centre")
        #expect(registry.unit(code: "3101006")?.levels == LevelSet([.thcs]), "CAP_HOC trimmed; the earlier inactive copy is no duplicate")
        #expect(export.schools.map(\.code) == ["3101001", "3101002", "3102001", "3199001", "3199002", "3103001", "3101006"])
        // Left out, one reason each, in order.
        #expect(Self.reasons(export) == [
            13: "blank_code", 14: "blank_code", 15: "inactive", 16: "outside_department", 17: "outside_department",
            18: "bad_cap_hoc", 19: "bad_cap_hoc", 20: "duplicate_code", 21: "code_conflict", 22: "code_conflict", 23: "inactive",
        ])
        #expect(export.notes.first?.unitCode.hasSuffix("e+15") == true, "the untrusted digits are shown as read")
        #expect(export.rowsRead == 18, "title block, header and footer are not rows")
        // The same registry as the hand-written §2 CSV, unit by unit and in order.
        let csv = try TestBench.registry(fromCSV: Self.beforeAsCSV)
        #expect(registry.units == csv.units)
    }

    @Test("after the reorganisation: communes and wards are XA, codes keep their leading zeros", arguments: ExportFixture.writers)
    func afterReorganisation(writer: ExportFixture.Writer) throws {
        let export = try Self.read(try ExportFixture.files(writer).after)
        let registry = export.registry
        #expect(registry.so.code == "31")
        #expect(export.managingUnits.map(\.code) == ["31001", "31002", "31003", "31004", "31005", "31006", "31007"])
        #expect(export.managingUnits.allSatisfy { $0.kind == .xa }, "UBND xã, Phường, Uỷ ban nhân dân, UBND phường, UBND đặc khu, Xã")
        #expect(registry.unit(code: "0031001001")?.parentCode == "31001", "a number cell in MA_DON_VI is its digits")
        #expect(registry.unit(code: "31001001") == nil, "no numeric matching of codes")
        #expect(registry.unit(code: "0031001001")?.levels == LevelSet([.mn]), "5 (mẫu giáo) is MN")
        #expect(registry.unit(code: "0031003001")?.levels == LevelSet([.thcs]))
        #expect(registry.unit(code: "0031005001")?.levels == LevelSet([.th, .thcs, .thpt]))
        #expect(registry.unit(code: "0031000002")?.kind == .trungtam)
        #expect(registry.unit(code: "0031007001")?.parentCode == "31")
        #expect(export.schools.count == 8)
        #expect(export.schools.allSatisfy { $0.locality.isEmpty }, "no DM QUẬN HUYỆN sheet")
        #expect(Self.reasons(export) == [
            13: "blank_code", 14: "duplicate_code", 15: "outside_department", 16: "bad_cap_hoc", 17: "inactive", 18: "code_conflict",
        ])
        #expect(export.notes.first?.unitCode == "1e+15")
    }

    @Test("the same code is a district office in another province: Thái Bình's export has 31 as a PHONG", arguments: ExportFixture.writers)
    func sameCodeOtherProvince(writer: ExportFixture.Writer) throws {
        let export = try Self.read(try ExportFixture.files(writer).thaiBinh)
        #expect(export.registry.so.code == "17")
        #expect(export.registry.so.name == "Sở Giáo dục và Đào tạo tỉnh Thái Bình")
        #expect(export.managingUnits.map(\.code) == ["1701", "31"])
        #expect(export.registry.unit(code: "31")?.kind == .phong)
        #expect(export.registry.unit(code: "31")?.name == "Phòng Giáo dục và Đào tạo huyện Vũ Thư")
        #expect(export.registry.unit(code: "3100001")?.parentCode == "31")
        #expect(export.registry.unit(code: "3101") == nil, "Hải Phòng's district offices are not Thái Bình's")
        #expect(export.notes.isEmpty)
    }

    @Test("the managing unit's kind by its name: NFC, any case, Uỷ equal to Ủy")
    func managingKind() {
        for name in ["UBND xã An Lão", "UBND phường Lê Chân", "UBND đặc khu Phú Quốc", "Ủy ban nhân dân xã Cát Hải",
                     "Uỷ ban nhân dân phường Hồng Bàng", "ỦY BAN NHÂN DÂN XÃ KIẾN THỤY", "UỶ BAN NHÂN DÂN XÃ A", "Xã Thủy Nguyên",
                     "Phường Ngô Quyền", "  ubnd  XÃ  Tiên Lãng", "Xa\u{0303} Vĩnh Bảo", "Phu\u{031B}o\u{031B}\u{0300}ng An Biên"] {
            #expect(SchoolListExportMapping.managingKind(name: name) == .xa, "\(name)")
        }
        for name in ["Phòng Giáo dục và Đào tạo quận Hồng Bàng", "Phòng GDĐT huyện An Lão", "UBND huyện Thủy Nguyên", "Xã", "Xãhội",
                     "Trung tâm Xã hội", "Phườngabc"] {
            #expect(SchoolListExportMapping.managingKind(name: name) == .phong, "\(name)")
        }
    }

    @Test("CAP_HOC: each digit a level, anything else refused")
    func capHoc() {
        #expect(SchoolListExportMapping.levels(capHoc: "1") == LevelSet([.th]))
        #expect(SchoolListExportMapping.levels(capHoc: "2") == LevelSet([.thcs]))
        #expect(SchoolListExportMapping.levels(capHoc: "3") == LevelSet([.thpt]))
        #expect(SchoolListExportMapping.levels(capHoc: "4") == LevelSet([.mn]))
        #expect(SchoolListExportMapping.levels(capHoc: "5") == LevelSet([.mn]))
        #expect(SchoolListExportMapping.levels(capHoc: "45") == LevelSet([.mn]))
        #expect(SchoolListExportMapping.levels(capHoc: "6") == LevelSet([.gdtx]))
        #expect(SchoolListExportMapping.levels(capHoc: "12") == LevelSet([.th, .thcs]))
        #expect(SchoolListExportMapping.levels(capHoc: " 12345 ") == LevelSet([.mn, .th, .thcs, .thpt]))
        for bad in ["", "  ", "7", "0", "1;2", "1,2", "12a", "TH", "1.5", "-1"] {
            #expect(SchoolListExportMapping.levels(capHoc: bad) == nil, "\(bad)")
        }
        #expect(SchoolListExportMapping.kind(levels: LevelSet([.gdtx])) == .trungtam)
        #expect(SchoolListExportMapping.kind(levels: LevelSet([.thpt, .gdtx])) == .truong)
    }

    @Test("headers: trimmed, trailing ` *` removed, any case; codes: exponent numbers are blank")
    func headersAndCodes() {
        #expect(SchoolListExportMapping.headerKey("MA_TRUONG *") == "ma_truong")
        #expect(SchoolListExportMapping.headerKey("  CAP_HOC  ") == "cap_hoc")
        #expect(SchoolListExportMapping.headerKey("Ma_Tinh_Thanh*") == "ma_tinh_thanh")
        #expect(SchoolListExportMapping.headerKey("Mã Đơn Vị *") == SchoolListExportMapping.headerKey("mã đơn vị"))
        #expect(SchoolListExportMapping.isBlankCode(""))
        #expect(SchoolListExportMapping.isBlankCode("1e+15"))
        #expect(SchoolListExportMapping.isBlankCode("1.234567890123456e+15"))
        #expect(SchoolListExportMapping.isBlankCode("9.99E+17"))
        #expect(!SchoolListExportMapping.isBlankCode("999999999999999"), "below 10^15 the digits are exact")
        #expect(!SchoolListExportMapping.isBlankCode("0031001001"))
        #expect(!SchoolListExportMapping.isBlankCode("3E1"), "a text code, not a number of 10^15 or more")
        #expect(!SchoolListExportMapping.isBlankCode("1e+14"))
    }

    @Test("a registry read from the export gives the same results as the same registry as §2 CSV")
    func sameResultsAsCSV() throws {
        let folder = try TemporaryDirectory("cds-school-list-run")
        let export = try ExportFixture.files(.openpyxl).before
        let csv = try folder.write(Data(RegistryLoader.csv(try RegistryLoader.load(from: export))), to: "units.csv")
        #expect(try TestBench.registry(fromCSV: try folder.text("units.csv")).units == (try Self.read(export)).registry.units)
        let rows = [ReturnCSV.validRow("3101001", "MN"), ReturnCSV.validRow("3101002", "TH"), ReturnCSV.validRow("3102001", "TH"),
                    ReturnCSV.validRow("3102001", "THCS", ["periods_online": "5"]), ReturnCSV.validRow("3199001", "THPT"),
                    ReturnCSV.validRow("3199002", "GDTX", ["cashless": "Không"]), ReturnCSV.validRow("3103001", "THPT"),
                    ReturnCSV.validRow("9999001", "TH"), ReturnCSV.validRow("3101003", "TH")]
        try folder.write(ReturnCSV.text(rows), to: "inbox/returns.csv")
        let period = try #require(Period(ReturnCSV.period))
        func run(_ units: URL, _ out: String) throws -> RunProducts {
            try RunPipeline.compute(RunOptions(units: units, period: period, output: folder.path(out), inputs: [folder.path("inbox").path],
                                               reportDate: Date(timeIntervalSince1970: 1_735_689_600), indicators: Repository.indicatorsFolder))
        }
        let fromExport = try run(export, "out-export")
        let fromCSV = try run(csv, "out-csv")
        let results = ReportCSV.results(fromExport.results, catalogue: fromExport.catalogue)
        #expect(results == ReportCSV.results(fromCSV.results, catalogue: fromCSV.catalogue))
        #expect(ReportCSV.rejections(fromExport.validation.findings) == ReportCSV.rejections(fromCSV.validation.findings))
        #expect(fromExport.validation.findings.filter { $0.rule.rawValue == "unknown_unit" }.map(\.unitCode).sorted() == ["3101003", "9999001"],
                "the left-out schools are unknown units")
        #expect(fromExport.registryNotes?.count == 11)
        #expect(fromCSV.registryNotes == nil)
        #expect(results.count > 1000)
    }

    @Test("run writes registry_notes.csv beside the reports, guarded, and counts the left-out rows in its summary line")
    func runWritesNotes() throws {
        let folder = try TemporaryDirectory("cds-school-list-notes")
        let export = try ExportFixture.files(.xlsxwriter).after
        try folder.write(ReturnCSV.text([ReturnCSV.validRow("0031002001", "TH")]), to: "inbox/r.csv")
        let period = try #require(Period(ReturnCSV.period))
        let options = RunOptions(units: export, period: period, output: folder.path("out"), inputs: [folder.path("inbox").path],
                                 reportDate: Date(timeIntervalSince1970: 1_735_689_600), indicators: Repository.indicatorsFolder)
        let summary = try RunPipeline.run(options)
        #expect(summary.written.contains("registry_notes.csv"))
        #expect(summary.line.hasSuffix("; danh mục: 6 dòng bị bỏ qua (registry_notes.csv)"))
        #expect(try folder.text("out/registry_notes.csv") == """
            row,unit_code,name,reason
            13,1e+15,Trường Tiểu học Số Lớn,blank_code
            14,0031001001,Trường Mầm non An Lão (trùng),duplicate_code
            15,9999001,Trường thử nghiệm,outside_department
            16,0031002002,'=Trường lỗi công thức,bad_cap_hoc
            17,0031002003,Trường Tiểu học Đã Sáp Nhập,inactive
            18,31001,Trường nhập mã của xã,code_conflict

            """)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path("out").path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
        // A §2 registry: no notes file, no count in the line.
        let csvRun = try TemporaryDirectory("cds-school-list-csv")
        let units = try csvRun.write(Data(RegistryLoader.csv(try RegistryLoader.load(from: export))), to: "units.csv")
        var plain = options
        plain.units = units
        plain.output = csvRun.path("out")
        let plainSummary = try RunPipeline.run(plain)
        #expect(!csvRun.exists("out/registry_notes.csv"))
        #expect(!plainSummary.line.contains("danh mục:"))
    }

    @Test("the §2 CSV of an export guards text against formulas and reads back as the same registry")
    func csvExport() throws {
        let loaded = try RegistryLoader.loadWithNotes(from: try ExportFixture.files(.openpyxl).before)
        #expect(loaded.isExport)
        #expect(loaded.notes.count == 11)
        let text = String(decoding: RegistryLoader.csv(loaded.registry), as: UTF8.self)
        #expect(text.hasPrefix("unit_code,name,kind,levels,parent_code,locality,previous_codes\n31,Sở Giáo dục và Đào tạo thành phố Hải Phòng,SO,,,,\n"))
        #expect(try TestBench.registry(fromCSV: text).units == loaded.registry.units)
        let notes = String(decoding: RegistryNotes.csv(loaded.notes), as: UTF8.self)
        #expect(notes.contains("\n14,,'-Trường chưa cấp mã,blank_code\n"))
        let overview = RegistryOverview.lines(loaded, file: "truoc-sap-nhap.xlsx")
        #expect(overview.contains("Sở: Sở Giáo dục và Đào tạo thành phố Hải Phòng (31)"))
        #expect(overview.contains("  3101 Phòng Giáo dục và Đào tạo quận Hồng Bàng [PHONG]: 3 đơn vị — TRUONG 3 (MN 1, TH 1, THCS 1)"))
        #expect(overview.contains("  31 Sở Giáo dục và Đào tạo thành phố Hải Phòng [trực thuộc Sở]: 2 đơn vị — TRUONG 1 (THPT 1), TRUNGTAM 1 (GDTX 1)"))
        #expect(overview.contains { $0.hasPrefix("Bỏ qua 11 dòng (blank_code 2, inactive 2, outside_department 2, bad_cap_hoc 2, duplicate_code 1, code_conflict 2)") })
        #expect(overview.contains { $0.contains("dòng 16: 9999001 Trường thử nghiệm:") && $0.hasSuffix("(outside_department)") })
        // A §2 registry: no notes, nothing about left-out rows.
        let plainFolder = try TemporaryDirectory("cds-plain")
        let plain = try RegistryLoader.loadWithNotes(from: try plainFolder.write(text, to: "units.csv"))
        #expect(!plain.isExport && plain.notes.isEmpty)
    }

    // MARK: Unreadable exports

    static func error(_ sheets: [ExportFixture.Sheet]) throws -> RegistryError {
        let scratch = try TemporaryDirectory("cds-school-list-bad")
        let url = try ExportFixture.write(sheets, writer: .xlsxwriter, to: scratch.url, name: "x.xlsx")
        do {
            _ = try RegistryLoader.load(from: url)
            throw TestSetupError("the registry must be refused")
        } catch let error as RegistryError {
            #expect(!error.description.contains("\n"), "one line")
            return error
        }
    }

    @Test("active schools of two provinces: unreadable, one line naming both codes")
    func twoProvinces() throws {
        let error = try Self.error(ExportFixture.twoProvinces())
        #expect(error.problems.count == 1)
        #expect(error.description.contains("MA_TINH_THANH") && error.description.contains("31") && error.description.contains("17"))
    }

    @Test("no active school with MA_TINH_THANH, no such Sở, no DM ĐƠN VỊ: unreadable")
    func otherUnreadable() throws {
        var sheets = ExportFixture.twoProvinces()
        sheets[0].rows = [sheets[0].rows[0], [.n(3101001), .s("Trường A"), .s("3101"), .s("1"), .n(0), .s("31")]]
        #expect(try Self.error(sheets).description.contains("MA_TINH_THANH"))
        sheets[0].rows = [sheets[0].rows[0], [.n(3101001), .s("Trường A"), .s("3101"), .s("1"), .n(1), .s("99")]]
        #expect(try Self.error(sheets).description.contains("99"))
        sheets[0].rows = [sheets[0].rows[0], [.n(3101001), .s("Trường A"), .s("3101"), .s("1"), .n(1), .s("31")]]
        #expect(try Self.error([sheets[0]]).description.contains("DM ĐƠN VỊ"))
    }

    @Test("not an export: a §2 workbook still reads; a header below row 20 is not recognised")
    func notAnExport() throws {
        let registry: [[Cell]] = [[.s("unit_code"), .s("name"), .s("kind"), .s("levels"), .s("parent_code")],
                                  [.s("01"), .s("Sở"), .s("SO"), .blank, .blank],
                                  [.s("0101"), .s("Trường A"), .s("TRUONG"), .s("TH"), .s("01")]]
        let scratch = try TemporaryDirectory("cds-school-list-plain")
        let url = try ExportFixture.write([ExportFixture.Sheet(name: "units", rows: registry)], writer: .openpyxl,
                                          to: scratch.url, name: "units.xlsx")
        #expect(try SchoolListExport.read(contentsOf: url) == nil)
        #expect(try RegistryLoader.load(from: url).units.map(\.code) == ["01", "0101"])
        var late = ExportFixture.thaiBinh()
        late[0].rows = Array(repeating: [Cell.s("tiêu đề")], count: 20) + late[0].rows.suffix(4)
        let lateURL = try ExportFixture.write(late, writer: .openpyxl, to: scratch.url, name: "late.xlsx")
        #expect(!SchoolListExport.recognises(try Data(contentsOf: lateURL)))
        #expect(try SchoolListExport.read(contentsOf: lateURL) == nil)
        #expect(SchoolListExport.recognises(try Data(contentsOf: try ExportFixture.files(.openpyxl).thaiBinh)))
    }

    // MARK: Speed

    @Test("reading a 2,000-school export, with a national DM ĐƠN VỊ, takes well under a second")
    func speed() throws {
        var schoolRows: [[Cell]] = ExportFixture.titleBlock + [[.s("STT"), .s("MA_TRUONG *"), .s("TEN_TRUONG_HOC *"), .s("MA_TINH_THANH *"),
                                                                 .s("MA_QUAN_HUYEN"), .s("MA_DON_VI *"), .s("CAP_HOC  "), .s("TRANG_THAI"),
                                                                 .s("DIA_CHI"), .s("DIEN_THOAI"), .s("EMAIL"), .s("LOAI_HINH")]]
        for index in 0..<2_000 {
            let district = 3101 + index % 15
            schoolRows.append([.n(Double(index + 1)), .s(String(format: "%07d", 3_100_000 + index)), .s("Trường số \(index + 1)"),
                               .s("31"), .n(Double(300 + index % 15)), .s(String(district)), .s(["1", "2", "12", "3", "45", "6"][index % 6]),
                               .n(index % 50 == 0 ? 0 : 1), .s("Số \(index) đường Lạch Tray"), .s("0225 3\(index)"),
                               .s("truong\(index)@haiphong.edu.vn"), .s("Công lập")])
        }
        var unitRows: [[Cell]] = [[.s("Mã Đơn Vị"), .s("Tên Đơn Vị"), .s("Mã đơn vị cha")]]
        for province in 1...63 {
            let code = String(format: "%02d", province)
            unitRows.append([.s(code), .s("Sở Giáo dục và Đào tạo số \(code)"), .blank])
            for district in 1...15 {
                unitRows.append([.s(code + String(format: "%02d", district)), .s("Phòng Giáo dục và Đào tạo \(code)-\(district)"), .s(code)])
            }
        }
        let sheets = [ExportFixture.Sheet(name: "Danh sách trường", rows: schoolRows),
                      ExportFixture.Sheet(name: "DM ĐƠN VỊ", rows: unitRows)]
        let scratch = try TemporaryDirectory("cds-school-list-2000")
        let url = try ExportFixture.write(sheets, writer: .xlsxwriter, to: scratch.url, name: "2000.xlsx")
        let clock = ContinuousClock()
        var export: SchoolListExport?
        let elapsed = try clock.measure { export = try SchoolListExport.read(contentsOf: url) }
        let read = try #require(export)
        print("SchoolListExport: 2,000-school export (\(read.rowsRead) rows, \(read.schools.count) kept, \(unitRows.count - 1) DM ĐƠN VỊ rows) read in \(elapsed)")
        #expect(read.schools.count == 1_960)
        #expect(read.managingUnits.count == 15)
        #expect(read.notes.count == 40 && read.notes.allSatisfy { $0.reason == .inactive })
        #expect(elapsed < .seconds(1))
    }
}
