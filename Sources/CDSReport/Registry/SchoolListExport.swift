import Foundation
import XLSX

/// The school-list workbook exported by the education sector database (CSDL ngành), read as a
/// unit registry (CONTRACT §2a).
///
/// Recognised by its first sheet's header; the SO and its managing units come from the
/// `DM ĐƠN VỊ` sheet, which covers the whole country and whose codes are not unique across it, so
/// units are looked up only once the province (`MA_TINH_THANH`) is known: the SO is the row
/// *without a parent* with that code, the managing units are that row's children.
public struct SchoolListExport: Sendable {
    /// The columns whose presence in one header row makes the first sheet an export.
    public static let requiredHeaders = ["MA_TRUONG", "TEN_TRUONG_HOC", "MA_DON_VI", "CAP_HOC", "TRANG_THAI", "MA_TINH_THANH"]
    /// The sheet of administrative units.
    public static let unitsSheet = "DM ĐƠN VỊ"
    /// Its columns: code, name, parent code.
    public static let unitsHeaders = ["Mã Đơn Vị", "Tên Đơn Vị", "Mã đơn vị cha"]
    /// The optional sheet of districts, for `locality`.
    public static let districtsSheet = "DM QUẬN HUYỆN"
    /// The rows searched for a header (as for returns, CONTRACT §3).
    static let headerSearchRows = CSVTableReader.headerSearchRows

    /// The file as messages name it.
    public let file: String
    /// The name of the first sheet (the school list).
    public let sheet: String
    /// The SO (from `DM ĐƠN VỊ`).
    public let so: Unit
    /// The SO's children in `DM ĐƠN VỊ`, PHONG or XA, in the sheet's order.
    public let managingUnits: [Unit]
    /// The schools and centres kept, in the order of the school list.
    public let schools: [Unit]
    /// Every school-list row left out, with its reason, in row order.
    public let notes: [RegistryNote]
    /// The data rows of the school list (rows below the header with something in its columns).
    public let rowsRead: Int
    /// The registry the export yields, checked as every registry is (CONTRACT §2).
    public let registry: Registry

    /// SO, managing units, then schools and centres.
    public var units: [Unit] { [so] + managingUnits + schools }

    // MARK: Reading

    /// Reads the export from a file, or `nil` when the file is not one (no such header on its
    /// first sheet, or not a workbook at all).
    /// - Throws: ``RegistryError`` when it is an export that yields no usable registry.
    public static func read(contentsOf url: URL, displayName: String? = nil) throws(RegistryError) -> SchoolListExport? {
        let name = displayName ?? url.lastPathComponent
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw RegistryError(file: name, problems: ["không mở được tệp (\(error.localizedDescription))"])
        }
        return try read(data, file: name)
    }

    /// Reads the export from a workbook's bytes, or `nil` when it is not one: not a workbook, or
    /// no row within the first 20 of its first sheet names all of ``requiredHeaders``.
    /// - Throws: ``RegistryError`` listing what makes the export unusable.
    public static func read(_ data: Data, file: String) throws(RegistryError) -> SchoolListExport? {
        guard data.starts(with: [0x50, 0x4B]), let reader = try? XLSXReader(data: data),
              let firstSheet = reader.sheetNames.first else { return nil }
        guard let list = try SchoolList.read(reader, sheet: firstSheet, file: file) else { return nil }
        return try map(list, reader: reader, file: file)
    }

    /// Whether the workbook is an export (its first sheet has the header), reading no further
    /// than the header.
    public static func recognises(_ data: Data) -> Bool {
        guard data.starts(with: [0x50, 0x4B]), let reader = try? XLSXReader(data: data),
              let firstSheet = reader.sheetNames.first else { return false }
        return (try? SchoolList.header(reader, sheet: firstSheet)) != nil
    }

    // MARK: The mapping

    private static func map(_ list: SchoolList, reader: XLSXReader, file: String) throws(RegistryError) -> SchoolListExport {
        func fail(_ problem: String) -> RegistryError { RegistryError(file: file, problems: [problem]) }
        // The province: exactly one distinct MA_TINH_THANH over the active rows with a code.
        var provinces: [(code: String, count: Int, firstRow: Int)] = []
        for row in list.rows where !row.code.isEmpty && row.isActive && !row.province.isEmpty {
            if let index = provinces.firstIndex(where: { $0.code == row.province }) {
                provinces[index].count += 1
            } else {
                provinces.append((row.province, 1, row.number))
            }
        }
        guard !provinces.isEmpty else {
            throw fail("không xác định được Sở: không có trường nào đang hoạt động (TRANG_THAI = 1) có mã tỉnh (MA_TINH_THANH) trên trang \(list.sheet)")
        }
        guard provinces.count == 1 else {
            let listed = provinces.map { "\($0.code) (\($0.count) trường, từ dòng \($0.firstRow))" }.joined(separator: ", ")
            throw fail("các trường đang hoạt động thuộc \(provinces.count) mã tỉnh khác nhau (MA_TINH_THANH: \(listed)); bản xuất phải là danh sách trường của một Sở")
        }
        let soCode = provinces[0].code

        // The SO and its managing units, from DM ĐƠN VỊ, once the province is known.
        let administrative = try AdministrativeUnits.read(reader, file: file)
        let candidates = administrative.rows.filter { $0.parent.isEmpty && $0.code == soCode }
        guard let soRow = candidates.first else {
            throw fail("trang \(administrative.sheet) không có đơn vị nào không có đơn vị cha mang mã \(soCode) (mã tỉnh MA_TINH_THANH của các trường), nên không xác định được Sở")
        }
        let otherNames = Set(candidates.map(\.name)).subtracting([soRow.name])
        guard otherNames.isEmpty else {
            let rows = candidates.map { "dòng \($0.number) \"\($0.name)\"" }.joined(separator: ", ")
            throw fail("trang \(administrative.sheet) có \(candidates.count) đơn vị không có đơn vị cha cùng mang mã \(soCode) (\(rows)); không xác định được Sở")
        }
        let so = Unit(code: soCode, name: soRow.name, kind: .so, levels: LevelSet(), parentCode: "")
        var managingUnits: [Unit] = []
        var managingByCode: [String: Unit] = [:]
        for row in administrative.rows where row.parent == soCode && !row.code.isEmpty && row.code != soCode && managingByCode[row.code] == nil {
            let unit = Unit(code: row.code, name: row.name, kind: SchoolListExportMapping.managingKind(name: row.name), levels: LevelSet(),
                            parentCode: soCode)
            managingUnits.append(unit)
            managingByCode[row.code] = unit
        }
        let districts = DistrictNames.read(reader, province: soCode, needed: list.hasDistrictColumn)

        // The schools, each row with the first rule that leaves it out, or kept.
        var schools: [Unit] = []
        var notes: [RegistryNote] = []
        var keptRow: [String: Int] = [:]
        for row in list.rows {
            func leaveOut(_ reason: RegistryNoteReason, _ detail: String) {
                notes.append(RegistryNote(row: row.number, unitCode: row.code, name: row.name, reason: reason, detail: detail))
            }
            if SchoolListExportMapping.isBlankCode(row.code) {
                leaveOut(.blankCode, "")
            } else if !row.isActive {
                leaveOut(.inactive, "TRANG_THAI = \(row.status.isEmpty ? "(trống)" : row.status)")
            } else if row.managingUnit != soCode && managingByCode[row.managingUnit] == nil {
                leaveOut(.outsideDepartment, "MA_DON_VI = \(row.managingUnit.isEmpty ? "(trống)" : row.managingUnit)")
            } else if let levels = SchoolListExportMapping.levels(capHoc: row.capHoc) {
                if let first = keptRow[row.code] {
                    leaveOut(.duplicateCode, "đã có ở dòng \(first)")
                } else if row.code == soCode {
                    leaveOut(.codeConflict, "mã của \(so.name)")
                } else if let managing = managingByCode[row.code] {
                    leaveOut(.codeConflict, "mã của \(managing.name) (\(managing.kind.rawValue))")
                } else {
                    keptRow[row.code] = row.number
                    schools.append(Unit(code: row.code, name: row.name, kind: SchoolListExportMapping.kind(levels: levels), levels: levels,
                                        parentCode: row.managingUnit, locality: districts[row.district] ?? ""))
                }
            } else {
                leaveOut(.badCapHoc, "CAP_HOC = \(row.capHoc.isEmpty ? "(trống)" : row.capHoc)")
            }
        }

        // Everything else a registry must satisfy (CONTRACT §2) still holds.
        let units = [so] + managingUnits + schools
        let problems = RegistryChecks.problems(in: units, rowOf: keptRow)
        guard problems.isEmpty else { throw RegistryError(file: file, problems: problems) }
        return SchoolListExport(file: file, sheet: list.sheet, so: so, managingUnits: managingUnits, schools: schools, notes: notes,
                                rowsRead: list.rows.count, registry: Registry(units: units))
    }
}

/// Stops a sheet's reading early (the header was not where it must be).
private struct StopReading: Error {}

/// One data row of the school list, its cells trimmed.
struct SchoolListRow: Sendable {
    let number: Int
    let code: String
    let name: String
    let managingUnit: String
    let capHoc: String
    let status: String
    let province: String
    let district: String

    /// `TRANG_THAI` = 1.
    var isActive: Bool { status == "1" }
}

/// The first sheet of the export: its header and its data rows.
struct SchoolList {
    let sheet: String
    let rows: [SchoolListRow]
    let hasDistrictColumn: Bool

    struct Columns {
        var code = 0, name = 0, managingUnit = 0, capHoc = 0, status = 0, province = 0
        var district: Int?
    }

    /// The columns of a header row naming every required column, else `nil`.
    static func columns(of cells: [String]) -> Columns? {
        var found: [String: Int] = [:]
        for (index, cell) in cells.enumerated() where !cell.isEmpty {
            let key = SchoolListExportMapping.headerKey(cell)
            if found[key] == nil { found[key] = index }
        }
        let required = SchoolListExport.requiredHeaders.map { found[$0.lowercased()] }
        guard required.allSatisfy({ $0 != nil }) else { return nil }
        return Columns(code: required[0]!, name: required[1]!, managingUnit: required[2]!, capHoc: required[3]!, status: required[4]!,
                       province: required[5]!, district: found["ma_quan_huyen"])
    }

    /// The header's row number, or `nil` when none of the first 20 rows is the header.
    static func header(_ reader: XLSXReader, sheet: String) throws -> Int? {
        var seen = 0
        var header: Int?
        do {
            try reader.forEachRow(inSheet: sheet) { row in
                if columns(of: row.cells) != nil {
                    header = row.number
                    throw StopReading()
                }
                seen += 1
                if seen >= SchoolListExport.headerSearchRows { throw StopReading() }
            }
        } catch is StopReading {}
        return header
    }

    /// Reads the sheet, or `nil` when it has no export header within its first 20 rows (or it
    /// cannot be read before the header: the §2 reader then says why).
    /// - Throws: ``RegistryError`` when the sheet breaks off after the header.
    static func read(_ reader: XLSXReader, sheet: String, file: String) throws(RegistryError) -> SchoolList? {
        var columns: Columns?
        var seen = 0
        var rows: [SchoolListRow] = []
        do {
            try reader.forEachRow(inSheet: sheet) { row in
                guard let at = columns else {
                    columns = Self.columns(of: row.cells)
                    seen += 1
                    if columns == nil, seen >= SchoolListExport.headerSearchRows { throw StopReading() }
                    return
                }
                func cell(_ index: Int) -> String { row[index].trimmingCharacters(in: .whitespacesAndNewlines) }
                let entry = SchoolListRow(number: row.number, code: cell(at.code), name: cell(at.name), managingUnit: cell(at.managingUnit),
                                          capHoc: cell(at.capHoc), status: cell(at.status), province: cell(at.province),
                                          district: at.district.map(cell) ?? "")
                // Not a school: nothing in the export's columns (a footer, a numbering column), or
                // the header repeated on a printed page.
                let cells = [entry.code, entry.name, entry.managingUnit, entry.capHoc, entry.status, entry.province]
                if cells.allSatisfy(\.isEmpty) { return }
                if SchoolListExportMapping.headerKey(entry.code) == "ma_truong" { return }
                guard rows.count < WorkbookTableReader.maximumRows else {
                    throw RegistryError(file: file, problems: ["trang \(sheet) có hơn \(WorkbookTableReader.maximumRows) dòng: quá lớn để là danh sách trường"])
                }
                rows.append(entry)
            }
        } catch is StopReading {
            return nil
        } catch let error as RegistryError {
            throw error
        } catch {
            guard columns != nil else { return nil }
            throw RegistryError(file: file, problems: ["không đọc được trang \(sheet): \(error)"])
        }
        guard let columns else { return nil }
        return SchoolList(sheet: sheet, rows: rows, hasDistrictColumn: columns.district != nil)
    }
}

/// The `DM ĐƠN VỊ` sheet: administrative units of the whole country (codes not unique).
struct AdministrativeUnits {
    struct Row {
        let number: Int
        let code: String
        let name: String
        let parent: String
    }

    let sheet: String
    let rows: [Row]

    static func read(_ reader: XLSXReader, file: String) throws(RegistryError) -> AdministrativeUnits {
        let wanted = SchoolListExportMapping.sheetKey(SchoolListExport.unitsSheet)
        guard let sheet = reader.sheetNames.first(where: { SchoolListExportMapping.sheetKey($0) == wanted }) else {
            throw RegistryError(file: file, problems: [
                "bản xuất danh sách trường thiếu trang \(SchoolListExport.unitsSheet) (danh mục đơn vị: \(SchoolListExport.unitsHeaders.joined(separator: ", "))), nên không xác định được Sở và các đơn vị quản lý",
            ])
        }
        let keys = SchoolListExport.unitsHeaders.map(SchoolListExportMapping.headerKey)
        var columns: [Int]?
        var seen = 0
        var rows: [Row] = []
        do {
            try reader.forEachRow(inSheet: sheet) { row in
                guard let at = columns else {
                    var found: [String: Int] = [:]
                    for (index, cell) in row.cells.enumerated() where !cell.isEmpty {
                        let key = SchoolListExportMapping.headerKey(cell)
                        if found[key] == nil { found[key] = index }
                    }
                    let located = keys.compactMap { found[$0] }
                    if located.count == keys.count { columns = located }
                    seen += 1
                    if columns == nil, seen >= SchoolListExport.headerSearchRows { throw StopReading() }
                    return
                }
                func cell(_ index: Int) -> String { SchoolListExportMapping.code(row[index]) }
                let entry = Row(number: row.number, code: cell(at[0]), name: cell(at[1]), parent: cell(at[2]))
                if entry.code.isEmpty && entry.name.isEmpty { return }
                guard rows.count < WorkbookTableReader.maximumRows else { throw StopReading() }
                rows.append(entry)
            }
        } catch {
            if error is StopReading, columns != nil {
                throw RegistryError(file: file, problems: ["trang \(sheet) có hơn \(WorkbookTableReader.maximumRows) dòng"])
            }
            if !(error is StopReading) {
                throw RegistryError(file: file, problems: ["không đọc được trang \(sheet): \(error)"])
            }
        }
        guard columns != nil else {
            throw RegistryError(file: file, problems: [
                "trang \(sheet) không có dòng tiêu đề với các cột \(SchoolListExport.unitsHeaders.joined(separator: ", ")) trong 20 dòng đầu",
            ])
        }
        return AdministrativeUnits(sheet: sheet, rows: rows)
    }
}

/// The `DM QUẬN HUYỆN` sheet, where the export has it: district code → name, for `locality`.
enum DistrictNames {
    /// The names by code; empty when the sheet, or its columns, are missing. Where the sheet
    /// names a province for each district, only the SO's are used (when that leaves any); a code
    /// that still has two different names gives no locality rather than a guess.
    static func read(_ reader: XLSXReader, province: String, needed: Bool) -> [String: String] {
        guard needed else { return [:] }
        let wanted = SchoolListExportMapping.sheetKey(SchoolListExport.districtsSheet)
        guard let sheet = reader.sheetNames.first(where: { SchoolListExportMapping.sheetKey($0) == wanted }) else { return [:] }
        var columns: (code: Int, name: Int, province: Int?)?
        var seen = 0
        var entries: [(code: String, name: String, province: String)] = []
        do {
            try reader.forEachRow(inSheet: sheet) { row in
                guard let at = columns else {
                    columns = Self.columns(of: row.cells)
                    seen += 1
                    if columns == nil, seen >= SchoolListExport.headerSearchRows { throw StopReading() }
                    return
                }
                let code = SchoolListExportMapping.code(row[at.code])
                guard !code.isEmpty, entries.count < WorkbookTableReader.maximumRows else { return }
                entries.append((code, row[at.name].trimmingCharacters(in: .whitespacesAndNewlines),
                                at.province.map { SchoolListExportMapping.code(row[$0]) } ?? ""))
            }
        } catch {
            return [:]
        }
        if entries.contains(where: { $0.province == province }) { entries.removeAll { $0.province != province } }
        var names: [String: String] = [:]
        var ambiguous: Set<String> = []
        for entry in entries where !entry.name.isEmpty {
            if let known = names[entry.code], known != entry.name { ambiguous.insert(entry.code) }
            if names[entry.code] == nil { names[entry.code] = entry.name }
        }
        for code in ambiguous { names[code] = nil }
        return names
    }

    /// The code, name and (optional) province columns, by their headers.
    static func columns(of cells: [String]) -> (code: Int, name: Int, province: Int?)? {
        let keys = cells.map(SchoolListExportMapping.foldedKey)
        func first(_ exact: [String], else matches: (String) -> Bool) -> Int? {
            for wanted in exact { if let index = keys.firstIndex(of: wanted) { return index } }
            return keys.firstIndex(where: matches)
        }
        let isProvince = { (key: String) in key.contains("tinh") || key.contains("tp") }
        guard let code = first(["ma quan huyen", "ma huyen", "ma qh"], else: { ($0 == "ma" || $0.hasPrefix("ma ")) && !isProvince($0) }),
              let name = first(["ten quan huyen", "ten huyen", "ten qh"], else: { ($0 == "ten" || $0.hasPrefix("ten ")) && !isProvince($0) })
        else { return nil }
        let province = keys.firstIndex { ($0 == "ma tinh" || $0.hasPrefix("ma tinh")) }
        return (code, name, province)
    }
}
