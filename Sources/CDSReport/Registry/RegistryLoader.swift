import Foundation

/// A registry that cannot be used: the run stops and every problem is listed, not just the first.
public struct RegistryError: Error, CustomStringConvertible, Sendable {
    public let file: String
    public let problems: [String]

    public init(file: String, problems: [String]) {
        self.file = file
        self.problems = problems
    }

    /// One line (CONTRACT §1: exit 1 with one clear line on stderr) listing every problem.
    public var description: String {
        "Danh mục đơn vị \(file) không dùng được (\(problems.count) lỗi): " + problems.joined(separator: "; ")
    }
}

/// Reads and checks the unit registry (CONTRACT §2).
public enum RegistryLoader {
    static let columns = ["unit_code", "name", "kind", "levels", "parent_code", "locality", "previous_codes"]
    static let requiredColumns: Set<String> = ["unit_code", "name", "kind", "levels", "parent_code"]

    /// Reads a registry file (CSV; workbooks through the XLSX reader).
    /// - Throws: ``RegistryError`` listing every problem.
    public static func load(from url: URL, displayName: String? = nil) throws(RegistryError) -> Registry {
        let name = displayName ?? url.lastPathComponent
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw RegistryError(file: name, problems: ["không mở được tệp (\(error.localizedDescription))"])
        }
        let table: RawTable
        if url.pathExtension.lowercased() == "xlsx" || data.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            // CONTRACT §2a: the sector database's school list, recognised by its header.
            if let export = try SchoolListExport.read(data, file: name) { return export.registry }
            switch WorkbookTableReader.read(data, file: name, isKey: { Catalogue.headerKey($0) == "unit_code" }) {
            case .success(let read): table = read
            case .failure(let problem): throw RegistryError(file: name, problems: [problem.message])
            }
        } else {
            do {
                table = try CSVTableReader.read(data, file: name, isKey: { Catalogue.headerKey($0) == "unit_code" },
                                                isKnown: { columns.contains(Catalogue.headerKey($0)) })
            } catch {
                throw RegistryError(file: name, problems: [error.message])
            }
        }
        return try build(from: table)
    }

    /// Builds and checks a registry from a table whose header names the §2 columns.
    /// - Throws: ``RegistryError`` listing every problem.
    public static func build(from table: RawTable) throws(RegistryError) -> Registry {
        guard let headerPosition = table.rows.prefix(CSVTableReader.headerSearchRows)
            .firstIndex(where: { $0.cells.contains { Catalogue.headerKey($0) == "unit_code" } })
        else {
            throw RegistryError(file: table.file, problems: ["không tìm thấy dòng tiêu đề có cột unit_code trong 20 dòng đầu"])
        }
        let header = table.rows[headerPosition]
        var columnOf: [String: Int] = [:]
        for (index, cell) in header.cells.enumerated() {
            let key = Catalogue.headerKey(cell)
            if columns.contains(key), columnOf[key] == nil { columnOf[key] = index }
        }
        let missing = columns.filter { requiredColumns.contains($0) && columnOf[$0] == nil }
        guard missing.isEmpty else {
            throw RegistryError(file: table.file, problems: ["thiếu cột: \(missing.joined(separator: ", "))"])
        }
        func cell(_ row: RawRow, _ column: String) -> String {
            guard let index = columnOf[column] else { return "" }
            return row[index].trimmingCharacters(in: .whitespacesAndNewlines)
        }
        var problems: [String] = []
        var units: [Unit] = []
        var rowOf: [String: Int] = [:]
        for row in table.rows[(headerPosition + 1)...] where !row.isBlank {
            let place = "dòng \(row.number)"
            // A formula whose result the workbook does not give would read as blank.
            let formulas = columns.filter { columnOf[$0].map(row.uncalculatedFormulas.contains) ?? false }
            guard formulas.isEmpty else {
                problems.append("\(place): \(formulas.joined(separator: ", ")) là công thức mà tệp không lưu kết quả đã tính (mở tệp bằng Excel hoặc LibreOffice Calc rồi lưu lại)")
                continue
            }
            let code = cell(row, "unit_code")
            guard !code.isEmpty else {
                problems.append("\(place): thiếu mã đơn vị (unit_code)")
                continue
            }
            if let first = rowOf[code] {
                problems.append("\(place): mã đơn vị \(code) bị trùng với dòng \(first)")
                continue
            }
            rowOf[code] = row.number
            let kindText = cell(row, "kind")
            guard let kind = UnitKind(rawValue: kindText.uppercased()) else {
                problems.append("\(place): đơn vị \(code) có loại \"\(kindText)\" không hợp lệ (SO, PHONG, XA, TRUONG, TRUNGTAM)")
                continue
            }
            var levels = LevelSet()
            let levelText = cell(row, "levels")
            for part in levelText.split(whereSeparator: { $0 == ";" || $0 == "," }) {
                let code = part.trimmingCharacters(in: .whitespaces)
                if code.isEmpty { continue }
                if let level = Level(code: code) {
                    levels.insert(level)
                } else {
                    problems.append("\(place): đơn vị \(cell(row, "unit_code")) có cấp học \"\(code)\" không hợp lệ (MN, TH, THCS, THPT, GDTX)")
                }
            }
            if kind.isReporting, levels.isEmpty, !levelText.contains(where: { !$0.isWhitespace && $0 != ";" }) {
                problems.append("\(place): trường/trung tâm \(code) chưa có cấp học (levels)")
            }
            if kind.isManaging, !levels.isEmpty {
                problems.append("\(place): đơn vị quản lý \(code) (\(kind.rawValue)) không được có cấp học")
            }
            let previous = cell(row, "previous_codes").split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            units.append(Unit(code: code, name: cell(row, "name"), kind: kind, levels: levels, parentCode: cell(row, "parent_code"),
                              locality: cell(row, "locality"), previousCodes: previous))
        }
        problems += RegistryChecks.problems(in: units, rowOf: rowOf)
        guard problems.isEmpty else { throw RegistryError(file: table.file, problems: problems) }
        return Registry(units: units)
    }
}

/// The structural rules of CONTRACT §2 and §6, each problem a line for the clerk.
enum RegistryChecks {
    static func problems(in units: [Unit], rowOf: [String: Int]) -> [String] {
        var problems: [String] = []
        let sos = units.filter { $0.kind == .so }
        if sos.isEmpty { problems.append("không có đơn vị loại SO (cần đúng một Sở)") }
        if sos.count > 1 {
            problems.append("có \(sos.count) đơn vị loại SO (\(sos.map(\.code).joined(separator: ", "))), cần đúng một")
        }
        var kindOf: [String: UnitKind] = [:]
        for unit in units where kindOf[unit.code] == nil { kindOf[unit.code] = unit.kind }
        func place(_ unit: Unit) -> String { rowOf[unit.code].map { "dòng \($0)" } ?? "đơn vị \(unit.code)" }
        for unit in units {
            switch unit.kind {
            case .so:
                if !unit.parentCode.isEmpty { problems.append("\(place(unit)): Sở \(unit.code) không được có đơn vị cha (parent_code phải để trống)") }
            case .phong, .xa:
                if kindOf[unit.parentCode] != .so {
                    problems.append("\(place(unit)): \(unit.kind.rawValue) \(unit.code) phải trực thuộc Sở, nhưng parent_code là \"\(unit.parentCode)\"")
                }
            case .truong, .trungtam:
                if unit.parentCode.isEmpty {
                    problems.append("\(place(unit)): đơn vị \(unit.code) thiếu đơn vị quản lý (parent_code)")
                } else if let parentKind = kindOf[unit.parentCode] {
                    if !parentKind.isManaging {
                        problems.append("\(place(unit)): đơn vị quản lý của \(unit.code) là \(unit.parentCode) (\(parentKind.rawValue)), phải là PHONG, XA hoặc Sở")
                    }
                } else {
                    problems.append("\(place(unit)): đơn vị quản lý \(unit.parentCode) của \(unit.code) không có trong danh mục")
                }
            }
        }
        var listedBy: [String: String] = [:]
        for unit in units {
            for previous in unit.previousCodes {
                if kindOf[previous] != nil {
                    problems.append("\(place(unit)): mã cũ \(previous) của \(unit.code) vẫn đang là mã của một đơn vị trong danh mục")
                } else if let other = listedBy[previous], other != unit.code {
                    problems.append("\(place(unit)): mã cũ \(previous) được khai cho cả \(other) và \(unit.code)")
                }
                listedBy[previous] = unit.code
            }
        }
        return problems
    }
}
