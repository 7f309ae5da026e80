import Foundation

/// A column of a return: the ids of CONTRACT §3, plus the free-text note some districts add.
enum DemoField: String, CaseIterable, Sendable {
    case unitCode = "unit_code", period, level, students, staff
    case managersTeachers = "managers_teachers", staffEsign = "staff_esign", staffTrained = "staff_trained"
    case classes, computerLabs = "computer_labs", pcsTeaching = "pcs_teaching"
    case periodsPlanned = "periods_planned", periodsOnline = "periods_online"
    case feePayers = "fee_payers", feePayersCashless = "fee_payers_cashless"
    case cashless, fiber, sisModules = "sis_modules", digitalRecords = "digital_records"
    case cdsLevel = "cds_level", inspected
    /// Not in the contract: a reader ignores it with an `unknown_column` warning.
    case note = "ghi_chu"

    /// The contract's columns, in the order of its table.
    static let contract: [DemoField] = allCases.filter { $0 != .note }

    /// The Vietnamese label of CONTRACT §3.
    var label: String {
        switch self {
        case .unitCode: "Mã đơn vị"
        case .period: "Kỳ báo cáo"
        case .level: "Cấp học"
        case .students: "Số học sinh"
        case .staff: "Số cán bộ, giáo viên, nhân viên"
        case .managersTeachers: "Số cán bộ quản lý, giáo viên"
        case .staffEsign: "Số CBQL, GV có chữ ký số cá nhân"
        case .staffTrained: "Số CB, GV, NV được bồi dưỡng kỹ năng số"
        case .classes: "Số lớp"
        case .computerLabs: "Số phòng máy tính dạy Tin học"
        case .pcsTeaching: "Số máy tính đang hoạt động ở các phòng máy dạy Tin học"
        case .periodsPlanned: "Tổng số tiết theo kế hoạch trong kỳ"
        case .periodsOnline: "Số tiết dạy học trực tuyến trong kỳ"
        case .feePayers: "Số học sinh nộp các khoản thu"
        case .feePayersCashless: "Số học sinh nộp không dùng tiền mặt"
        case .cashless: "Áp dụng thanh toán không dùng tiền mặt"
        case .fiber: "Có kết nối Internet cáp quang"
        case .sisModules: "Số phân hệ quản lý trường học đã triển khai"
        case .digitalRecords: "Triển khai học bạ số"
        case .cdsLevel: "Mức độ CĐS tự đánh giá (QĐ 4725)"
        case .inspected: "Được kiểm tra công tác CĐS trong năm học"
        case .note: "Ghi chú"
        }
    }

    /// Whether the field applies to `level` (the "levels" column of CONTRACT §3).
    func applies(to level: DemoLevel) -> Bool {
        switch self {
        case .computerLabs, .pcsTeaching, .cdsLevel: level != .mn
        case .periodsPlanned, .periodsOnline: level == .thcs || level == .thpt || level == .gdtx
        case .digitalRecords: level == .th || level == .thcs || level == .thpt
        default: true
        }
    }
}

/// A cell before it is written in a file's dialect.
enum DemoCell: Equatable, Sendable {
    case blank
    case int(Int)
    case bool(Bool)
    /// Written exactly as given (keys, periods, and the planted bad values).
    case text(String)
}

/// One row of a return, before rendering.
struct DemoRow: Sendable {
    var cells: [DemoField: DemoCell] = [:]
    /// Written exactly as the record before it, character for character (a row pasted twice).
    var repeatsPrevious = false
    subscript(field: DemoField) -> DemoCell {
        get { cells[field] ?? .blank }
        set { cells[field] = newValue }
    }
}

/// How one file is written: the variations Excel produces in a Vietnamese office.
struct DemoDialect: Sendable {
    enum Encoding: Sendable { case utf8, utf8BOM, utf16LEBOM }
    enum Header: Sendable { case ids, labels, labelsNFD }
    enum Booleans: Sendable { case vietnamese, ascii, excel, digits, cross, english, mixed }
    enum Grouping: Sendable { case none, dot, comma }
    enum Periods: Sendable { case filled, blank, mostlyFilled, lowercase }

    var encoding: Encoding = .utf8
    var delimiter: String = ","
    var lineEnding: String = "\n"
    var header: Header = .ids
    var booleans: Booleans = .vietnamese
    var grouping: Grouping = .none
    var periods: Periods = .filled
    var lowercaseLevels = false
    var reorderedColumns = false
    var noteColumn = false

    /// The columns of the file, in its order.
    var columns: [DemoField] {
        var columns = DemoField.contract
        if reorderedColumns {
            // Some templates put the level before the period and the classes before the students.
            columns = [.unitCode, .level, .period, .classes, .students]
                + DemoField.contract.filter { ![.unitCode, .level, .period, .classes, .students].contains($0) }
        }
        if noteColumn { columns.append(.note) }
        return columns
    }

    /// The header cell of `field` as this file writes it.
    func headerName(_ field: DemoField) -> String {
        switch header {
        case .ids: field.rawValue
        case .labels: DemoNames.nfc(field.label)
        // As a Mac exports it: decomposed; readers match headers after NFC normalisation.
        case .labelsNFD: field.label.decomposedStringWithCanonicalMapping
        }
    }

    func yes(using rng: inout DemoSeededGenerator) -> String {
        switch booleans {
        case .vietnamese: "Có"
        case .ascii: "Co"
        case .excel: "TRUE"
        case .digits: "1"
        case .cross: "x"
        case .english: "yes"
        case .mixed: rng.pick(["Có", "có", "x", "X", "1", "TRUE", "true", "Co", "yes"])
        }
    }

    func no(using rng: inout DemoSeededGenerator) -> String {
        switch booleans {
        case .vietnamese: "Không"
        case .ascii: "Khong"
        case .excel: "FALSE"
        case .digits: "0"
        case .cross: "không"
        case .english: "no"
        case .mixed: rng.pick(["Không", "không", "0", "FALSE", "false", "Khong", "no"])
        }
    }

    /// `value` with the thousands grouping of this file ("1.234" in a Vietnamese locale).
    func integer(_ value: Int) -> String {
        let separator: String
        switch grouping {
        case .none: return String(value)
        case .dot: separator = "."
        case .comma: separator = ","
        }
        let digits = Array(String(value.magnitude))
        var groups: [String] = []
        var end = digits.count
        while end > 0 {
            let start = max(0, end - 3)
            groups.insert(String(digits[start..<end]), at: 0)
            end = start
        }
        return (value < 0 ? "-" : "") + groups.joined(separator: separator)
    }
}

/// Writing CSV text the way spreadsheet programs do.
enum DemoCSV {
    /// `field` quoted when it holds the delimiter, a quote or a line break, quotes doubled.
    static func escape(_ field: String, delimiter: String) -> String {
        let needsQuotes = field.contains(delimiter) || field.contains("\"") || field.contains("\n")
            || field.contains("\r")
        guard needsQuotes else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Renders `rows` in `dialect`.
    ///
    /// - Returns: the file's bytes and, for each row, the line on which its record starts (the
    ///   header is line 1), which is the row number a reader reports.
    static func render(
        rows: [DemoRow], dialect: DemoDialect, using rng: inout DemoSeededGenerator
    ) -> (bytes: Data, lines: [Int]) {
        let columns = dialect.columns
        var text = columns.map { escape(dialect.headerName($0), delimiter: dialect.delimiter) }
            .joined(separator: dialect.delimiter) + dialect.lineEnding
        var line = 2
        var lines: [Int] = []
        var previous = ""
        for row in rows {
            lines.append(line)
            let record = row.repeatsPrevious ? previous : columns.map { field -> String in
                let raw: String
                switch row[field] {
                case .blank: raw = ""
                case .int(let value): raw = dialect.integer(value)
                case .bool(let value): raw = value ? dialect.yes(using: &rng) : dialect.no(using: &rng)
                case .text(let value): raw = value
                }
                return escape(raw, delimiter: dialect.delimiter)
            }.joined(separator: dialect.delimiter)
            previous = record
            text += record + dialect.lineEnding
            // A quoted line break inside the record moves the next record down.
            line += 1 + record.reduce(0) { $0 + ($1 == "\n" || $1 == "\r\n" ? 1 : 0) }
        }
        return (encode(text, dialect.encoding), lines)
    }

    static func encode(_ text: String, _ encoding: DemoDialect.Encoding) -> Data {
        switch encoding {
        case .utf8:
            return Data(text.utf8)
        case .utf8BOM:
            return Data([0xEF, 0xBB, 0xBF]) + Data(text.utf8)
        case .utf16LEBOM:
            var bytes: [UInt8] = [0xFF, 0xFE]
            bytes.reserveCapacity(2 + text.utf16.count * 2)
            for unit in text.utf16 {
                bytes.append(UInt8(unit & 0xFF))
                bytes.append(UInt8(unit >> 8))
            }
            return Data(bytes)
        }
    }
}
