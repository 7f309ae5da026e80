import Foundation
import XLSX

/// The demo province's registry as the sector database (CSDL ngành) exports it: the school-list
/// workbook of CONTRACT §2a, generated from the registry (never copied from a real export), so
/// `cds-report demo` can show that a department's own export is all `run` needs.
///
/// The workbook has what real exports have:
/// - a first sheet `Danh sách trường` with a three-row title block, then the header (the six
///   columns §2a reads among others a reader must ignore: `STT`, `TEN_DON_VI`, `LOAI_HINH`,
///   `MA_QUAN_HUYEN`, `DIA_CHI`; three headers marked required with a trailing ` *`); codes with
///   a leading zero as text cells, codes without one (another province's) as number cells;
///   `CAP_HOC` as number cells (`45` a preschool, `12` TH&THCS, `23` THCS&THPT, `6` a centre);
/// - three rows the registry must leave out (``leftOut``): a school closed since
///   (`TRANG_THAI` 0), a software vendor's test school attached to another province's district
///   office, a college under the Sở of Labour;
/// - `DM ĐƠN VỊ`, a national list in which the Sở's own code also names another province's
///   district office, listed first;
/// - `DM QUẬN HUYỆN`, whose district names give each school's `locality`; one district code is
///   also another province's, under another name.
///
/// Read back through ``RegistryLoader/load(from:displayName:)`` it gives the registry it was
/// made from: the same Sở, managing units, schools and centres (codes, names, kinds, levels,
/// parents, the schools' localities). What §2a cannot carry is lost: the localities of the Sở
/// and the district offices, and `previous_codes`.
public enum DemoSchoolListExport {
    /// The workbook's name beside the demo province's `units.csv`.
    public static let fileName = "danh-sach-truong.xlsx"
    /// The first sheet, the school list.
    public static let listSheet = "Danh sách trường"

    /// A row planted in the school list that the registry must leave out.
    public struct LeftOut: Sendable, Equatable {
        /// `MA_TRUONG` as the reader gives it.
        public let unitCode: String
        public let name: String
        /// The reason `registry_notes.csv` must give.
        public let reason: RegistryNoteReason
    }

    /// The rows left out of `registry`'s export, in row order.
    public static func leftOut(for registry: Registry) -> [LeftOut] {
        Plan(registry).extras.compactMap { row in row.reason.map { LeftOut(unitCode: row.code, name: row.name, reason: $0) } }
    }

    /// The registry of the demo province (its `units.csv`, CONTRACT §2).
    /// - Throws: ``RegistryError`` if the CSV does not read back (a bug in the generator).
    public static func registry(of province: DemoProvince) throws(RegistryError) -> Registry {
        let table: RawTable
        do {
            table = try CSVTableReader.read(province.registryCSV, file: "units.csv", isKey: { Catalogue.headerKey($0) == "unit_code" },
                                            isKnown: { RegistryLoader.columns.contains(Catalogue.headerKey($0)) })
        } catch {
            throw RegistryError(file: "units.csv", problems: [error.message])
        }
        return try RegistryLoader.build(from: table)
    }

    /// Writes the demo province's export to `url` (atomically).
    /// - Parameter exported: the day printed as the export's date and stored as the workbook's
    ///   creation date; the same registry and date give the same bytes.
    public static func write(_ province: DemoProvince, to url: URL, exported: Date) throws {
        try write(try registry(of: province), to: url, exported: exported)
    }

    /// Writes the export of `registry` to `url` (atomically).
    public static func write(_ registry: Registry, to url: URL, exported: Date) throws {
        let plan = Plan(registry)
        try AtomicFile.write(to: url) { temporary throws(OutputError) in
            do { try writeWorkbook(plan, exported: exported, path: temporary.path) } catch {
                throw OutputError(path: url.path, reason: "\(error)")
            }
        }
    }

    // MARK: - What goes in

    /// Another province in the national lists: its Sở, its district offices (one of them with
    /// the demo Sở's code), and its districts (one with a code of the demo's).
    struct OtherProvince {
        let code: String
        let name: String
        let offices: [(code: String, name: String)]
        let districts: [(code: String, name: String)]
    }

    /// A school-list row: a unit of the registry, or a row planted to be left out.
    struct ListRow {
        var code: String
        var name: String
        var managingUnit: String
        var managingName: String
        var capHoc: Int
        var kindOfSchool: String
        var province: String
        var district: String
        var address: String
        var status: Int
        var reason: RegistryNoteReason?
    }

    /// Everything the workbook holds, computed from the registry alone.
    struct Plan {
        let registry: Registry
        let so: Unit
        let managing: [Unit]
        let other: OtherProvince
        let labour: (code: String, name: String, child: String, childName: String)
        /// Locality → district code, in order of first appearance.
        let districts: [(code: String, name: String)]
        let rows: [ListRow]
        var extras: [ListRow] { rows.filter { $0.reason != nil } }

        init(_ registry: Registry) {
            self.registry = registry
            let so = registry.so
            self.so = so
            managing = registry.units.filter { $0.kind == .phong || $0.kind == .xa }
            let soNumber = Int(so.code) ?? 7
            let provinceName = DemoSchoolListExport.provinceName(registry)

            // Districts: every locality of the registry, in order, under a three-digit code.
            var districts: [(code: String, name: String)] = []
            for unit in registry.units where !unit.locality.isEmpty && !districts.contains(where: { $0.name == unit.locality }) {
                districts.append((demoPad(soNumber * 10 + districts.count + 1, width: 3), unit.locality))
            }
            self.districts = districts
            let districtOf = Dictionary(districts.map { ($0.name, $0.code) }, uniquingKeysWith: { first, _ in first })

            // Another province whose Sở code has no leading zero (number cells), one of whose
            // district offices has the demo Sở's code, and whose first district's code is ours too.
            var otherCode = 12
            while String(otherCode) == so.code || registry.unit(code: String(otherCode)) != nil { otherCode += 1 }
            let otherName = "tỉnh Lâm Thượng"
            other = OtherProvince(
                code: String(otherCode), name: "Sở Giáo dục và Đào tạo \(otherName)",
                offices: [(String(otherCode) + "01", "Phòng Giáo dục và Đào tạo thành phố Lâm Thượng"),
                          (so.code, "Phòng Giáo dục và Đào tạo huyện Kỳ Sơn"),
                          (String(otherCode) + "03", "Phòng Giáo dục và Đào tạo huyện Bảo Yên")],
                districts: [(districts.first?.code ?? "001", "Huyện Kỳ Sơn"), (String(otherCode * 10 + 1), "Thành phố Lâm Thượng")])
            labour = ("LDTBXH", "Bộ Lao động - Thương binh và Xã hội", "LDTBXH" + so.code,
                      "Sở Lao động - Thương binh và Xã hội \(provinceName)")

            // The schools and centres, in the registry's order, with the three planted rows.
            let nameOf = Dictionary(registry.units.map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first })
            func row(_ unit: Unit) -> ListRow {
                let district = districtOf[unit.locality] ?? ""
                let address = [unit.locality, provinceName].filter { !$0.isEmpty }.joined(separator: ", ")
                return ListRow(code: unit.code, name: unit.name, managingUnit: unit.parentCode, managingName: nameOf[unit.parentCode] ?? "",
                               capHoc: DemoSchoolListExport.capHoc(unit.levels), kindOfSchool: "Công lập", province: so.code,
                               district: district, address: address, status: 1, reason: nil)
            }
            var list = registry.reportingUnits.map(row)
            let firstOffice = managing.first ?? so
            var closedCode = firstOffice.code + "990"
            for serial in 990...999 {
                closedCode = firstOffice.code + String(serial)
                if registry.unit(code: closedCode) == nil { break }
            }
            let closedLocality = firstOffice.locality.isEmpty ? (districts.first?.name ?? "") : firstOffice.locality
            let closed = ListRow(
                code: closedCode, name: "Trường Tiểu học \(DemoNames.shortName(of: closedLocality)) B", managingUnit: firstOffice.code,
                managingName: firstOffice.name, capHoc: 1, kindOfSchool: "Công lập", province: so.code,
                district: districtOf[closedLocality] ?? "", address: [closedLocality, provinceName].joined(separator: ", "), status: 0,
                reason: .inactive)
            let lastOfFirstOffice = list.lastIndex { $0.managingUnit == firstOffice.code } ?? (list.count - 1)
            list.insert(closed, at: min(list.count, lastOfFirstOffice + 1))
            let vendorOffice = other.offices[0]
            list.append(ListRow(
                code: vendorOffice.code + "999", name: "Trường Tiểu học Thử nghiệm (tài khoản kiểm thử của nhà cung cấp phần mềm)",
                managingUnit: vendorOffice.code, managingName: vendorOffice.name, capHoc: 1, kindOfSchool: "Công lập", province: so.code,
                district: "", address: "", status: 1, reason: .outsideDepartment))
            list.append(ListRow(
                code: "CD" + so.code + "001", name: "Trường Cao đẳng Kỹ thuật Công nghiệp \(DemoSchoolListExport.bareName(provinceName))",
                managingUnit: labour.child, managingName: labour.childName, capHoc: 6, kindOfSchool: "Công lập", province: so.code,
                district: districts.first?.code ?? "", address: [districts.first?.name ?? "", provinceName].joined(separator: ", "),
                status: 1, reason: .outsideDepartment))
            rows = list
        }
    }

    /// `CAP_HOC` of a set of levels: `1` TH, `2` THCS, `3` THPT, `45` MN (nhà trẻ and mẫu giáo),
    /// `6` GDTX, a multi-level school's digits in order (`12`, `23`).
    static func capHoc(_ levels: LevelSet) -> Int {
        var digits = ""
        for level in Level.ordered where levels.contains(level) {
            switch level {
            case .th: digits += "1"
            case .thcs: digits += "2"
            case .thpt: digits += "3"
            case .mn: digits += "45"
            case .gdtx: digits += "6"
            }
        }
        // MN sorts first in Level.ordered: put its digits where CSDL puts them, after the others.
        if levels.contains(.mn) && levels.count > 1 { digits = digits.replacingOccurrences(of: "45", with: "") + "45" }
        return Int(digits) ?? 0
    }

    /// "Hà Nam Sơn" from "tỉnh Hà Nam Sơn".
    static func bareName(_ province: String) -> String {
        for prefix in ["tỉnh ", "thành phố ", "Tỉnh ", "Thành phố "] where province.hasPrefix(prefix) {
            return String(province.dropFirst(prefix.count))
        }
        return province
    }

    /// "tỉnh Hà Nam Sơn" from the Sở's name.
    static func provinceName(_ registry: Registry) -> String { registry.provinceName }

    // MARK: - Writing

    static func writeWorkbook(_ plan: Plan, exported: Date, path: String) throws {
        var workbook = try Workbook(path: path, properties: DocumentProperties(
            created: exported, title: "Danh sách trường học", author: "CSDL ngành Giáo dục",
            company: "Bộ Giáo dục và Đào tạo", comments: "Bản xuất tổng hợp cho tỉnh mẫu của cds-report (dữ liệu không có thật)."))
        let title = CellStyle(fontSize: 14, bold: true, horizontalAlignment: .center)
        let subtitle = CellStyle(italic: true, horizontalAlignment: .center)
        let header = CellStyle(bold: true, horizontalAlignment: .center, verticalAlignment: .center, wrapText: true,
                               fillColor: Color(rgb: 0xDDEBF7), borders: .all(.thin))
        let text = CellStyle(numberFormat: "@", borders: .all(.thin))
        let plain = CellStyle(borders: .all(.thin))
        let number = CellStyle(horizontalAlignment: .center, borders: .all(.thin))

        /// A code: a number cell when it is digits without a leading zero (as vendors' exports
        /// store them), else text.
        func code(_ value: String) -> (CellValue, CellStyle) {
            if let number = Int(value), !value.isEmpty, value.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }),
               value.first != "0", value.count < 15 {
                return (.integer(number), plain)
            }
            return (value.isEmpty ? .blank : .string(value), text)
        }

        let dateText = DemoSchoolListExport.display(exported)
        try workbook.addWorksheet(listSheet) { sheet in
            let headers = ["STT", "MA_TRUONG *", "TEN_TRUONG_HOC *", "MA_DON_VI", "TEN_DON_VI", "CAP_HOC *", "LOAI_HINH",
                           "MA_TINH_THANH", "MA_QUAN_HUYEN", "DIA_CHI", "TRANG_THAI"]
            let last = headers.count - 1
            try sheet.merge(CellRange(firstRow: 0, firstColumn: 0, lastRow: 0, lastColumn: last), value: "BỘ GIÁO DỤC VÀ ĐÀO TẠO", style: title)
            try sheet.merge(CellRange(firstRow: 1, firstColumn: 0, lastRow: 1, lastColumn: last), value: "DANH SÁCH TRƯỜNG HỌC", style: title)
            try sheet.merge(CellRange(firstRow: 2, firstColumn: 0, lastRow: 2, lastColumn: last),
                            value: .string("Xuất từ CSDL ngành ngày \(dateText) — \(plan.registry.provinceName)"), style: subtitle)
            try sheet.writeRow(headers.map(CellValue.string), row: 3, style: header)
            try sheet.setRow(3, height: 30)
            for (index, entry) in plan.rows.enumerated() {
                let row = 4 + index
                try sheet.write(.integer(index + 1), row: row, column: 0, style: number)
                for (column, value) in [(1, entry.code), (3, entry.managingUnit), (7, entry.province), (8, entry.district)] {
                    let (cell, style) = code(value)
                    try sheet.write(cell, row: row, column: column, style: style)
                }
                try sheet.write(.string(entry.name), row: row, column: 2, style: plain)
                try sheet.write(entry.managingName.isEmpty ? .blank : .string(entry.managingName), row: row, column: 4, style: plain)
                try sheet.write(.integer(entry.capHoc), row: row, column: 5, style: number)
                try sheet.write(.string(entry.kindOfSchool), row: row, column: 6, style: plain)
                try sheet.write(entry.address.isEmpty ? .blank : .string(entry.address), row: row, column: 9, style: plain)
                try sheet.write(.integer(entry.status), row: row, column: 10, style: number)
            }
            for (column, width) in [6.0, 16, 48, 14, 42, 13, 13, 20, 21, 34, 14].enumerated() {
                try sheet.setColumn(column, width: width)
            }
            try sheet.freezePanes(row: 4, column: 3)
            try sheet.setPageSetup(PageSetup(orientation: .landscape, margins: .init(left: 0.4, right: 0.4, top: 0.6, bottom: 0.6),
                                             repeatRows: 3...3))
            try sheet.autofilter(CellRange(firstRow: 3, firstColumn: 0, lastRow: 3 + plan.rows.count, lastColumn: last))
        }

        try workbook.addWorksheet(SchoolListExport.unitsSheet) { sheet in
            try sheet.merge(CellRange(firstRow: 0, firstColumn: 0, lastRow: 0, lastColumn: 4), value: "DANH MỤC ĐƠN VỊ NGÀNH GIÁO DỤC",
                            style: title)
            try sheet.writeRow(["STT", "Mã Đơn Vị", "Tên Đơn Vị", "Mã đơn vị cha", "Cấp đơn vị"], row: 2, style: header)
            var units: [(code: String, name: String, parent: String)] = [(plan.other.code, plan.other.name, "")]
            units += plan.other.offices.map { ($0.code, $0.name, plan.other.code) }
            units.append((plan.so.code, plan.so.name, ""))
            units += plan.managing.map { ($0.code, $0.name, plan.so.code) }
            units += [(plan.labour.code, plan.labour.name, ""), (plan.labour.child, plan.labour.childName, plan.labour.code)]
            for (index, unit) in units.enumerated() {
                let row = 3 + index
                try sheet.write(.integer(index + 1), row: row, column: 0, style: number)
                let (cell, style) = code(unit.code)
                try sheet.write(cell, row: row, column: 1, style: style)
                try sheet.write(.string(unit.name), row: row, column: 2, style: plain)
                let (parent, parentStyle) = code(unit.parent)
                try sheet.write(parent, row: row, column: 3, style: parentStyle)
                try sheet.write(.string(unit.parent.isEmpty ? "Cấp tỉnh/Bộ" : "Cấp huyện/xã"), row: row, column: 4, style: plain)
            }
            for (column, width) in [6.0, 12, 56, 15, 14].enumerated() { try sheet.setColumn(column, width: width) }
            try sheet.freezePanes(row: 3, column: 0)
            try sheet.setPageSetup(PageSetup(repeatRows: 2...2))
        }

        try workbook.addWorksheet(SchoolListExport.districtsSheet) { sheet in
            try sheet.writeRow(["MA_TINH", "MA_QUAN_HUYEN", "TEN_QUAN_HUYEN"], row: 0, style: header)
            var entries = plan.other.districts.map { (plan.other.code, $0.code, $0.name) }
            entries += plan.districts.map { (plan.so.code, $0.code, $0.name) }
            for (index, entry) in entries.enumerated() {
                for (column, value) in [(0, entry.0), (1, entry.1)] {
                    let (cell, style) = code(value)
                    try sheet.write(cell, row: 1 + index, column: column, style: style)
                }
                try sheet.write(.string(entry.2), row: 1 + index, column: 2, style: plain)
            }
            for (column, width) in [10.0, 18, 30].enumerated() { try sheet.setColumn(column, width: width) }
            try sheet.setPageSetup(PageSetup(repeatRows: 0...0))
        }
        try workbook.close()
    }

    /// `dd/MM/yyyy` in Vietnam's time.
    static func display(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh") ?? TimeZone(secondsFromGMT: 7 * 3600)!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return "\(demoPad(parts.day ?? 1, width: 2))/\(demoPad(parts.month ?? 1, width: 2))/\(parts.year ?? 1970)"
    }
}
