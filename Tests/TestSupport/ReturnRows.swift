import Foundation

/// Builds the text of returns (CONTRACT §3) from rows given as `[column id: cell]`, so that a
/// test shows only the cells it is about.
public enum ReturnCSV {
    /// The run period the tests use unless they say otherwise.
    public static let period = "2024-2025/HK1"

    /// Every column id of §3, in the contract's order.
    public static let columns = [
        "unit_code", "period", "level", "students", "staff", "managers_teachers", "staff_esign", "staff_trained",
        "classes", "computer_labs", "pcs_teaching", "periods_planned", "periods_online", "fee_payers",
        "fee_payers_cashless", "cashless", "fiber", "sis_modules", "digital_records", "cds_level", "inspected",
    ]

    /// The Vietnamese label of each column (§3), as the contract writes it.
    public static let labels: [String: String] = [
        "unit_code": "Mã đơn vị",
        "period": "Kỳ báo cáo",
        "level": "Cấp học",
        "students": "Số học sinh",
        "staff": "Số cán bộ, giáo viên, nhân viên",
        "managers_teachers": "Số cán bộ quản lý, giáo viên",
        "staff_esign": "Số CBQL, GV có chữ ký số cá nhân",
        "staff_trained": "Số CB, GV, NV được bồi dưỡng kỹ năng số",
        "classes": "Số lớp",
        "computer_labs": "Số phòng máy tính dạy Tin học",
        "pcs_teaching": "Số máy tính đang hoạt động ở các phòng máy dạy Tin học",
        "periods_planned": "Tổng số tiết theo kế hoạch trong kỳ",
        "periods_online": "Số tiết dạy học trực tuyến trong kỳ",
        "fee_payers": "Số học sinh nộp các khoản thu",
        "fee_payers_cashless": "Số học sinh nộp không dùng tiền mặt",
        "cashless": "Áp dụng thanh toán không dùng tiền mặt",
        "fiber": "Có kết nối Internet cáp quang",
        "sis_modules": "Số phân hệ quản lý trường học đã triển khai",
        "digital_records": "Triển khai học bạ số",
        "cds_level": "Mức độ CĐS tự đánh giá (QĐ 4725)",
        "inspected": "Được kiểm tra công tác CĐS trong năm học",
    ]

    /// The levels each value field applies to (§3, column "levels").
    public static let levelsOf: [String: Set<String>] = {
        let all: Set<String> = ["MN", "TH", "THCS", "THPT", "GDTX"]
        return [
            "students": all, "staff": all, "managers_teachers": all, "staff_esign": all, "staff_trained": all,
            "classes": all, "computer_labs": ["TH", "THCS", "THPT", "GDTX"], "pcs_teaching": ["TH", "THCS", "THPT", "GDTX"],
            "periods_planned": ["THCS", "THPT", "GDTX"], "periods_online": ["THCS", "THPT", "GDTX"],
            "fee_payers": all, "fee_payers_cashless": all, "cashless": all, "fiber": all, "sis_modules": all,
            "digital_records": ["TH", "THCS", "THPT"], "cds_level": ["TH", "THCS", "THPT", "GDTX"], "inspected": all,
        ]
    }()

    /// Figures that satisfy every rule of §3 (each part below its whole, students with classes,
    /// computers in a lab, per-unit fields equal on every row of a unit).
    public static let validFigures: [String: String] = [
        "students": "100", "staff": "10", "managers_teachers": "8", "staff_esign": "6", "staff_trained": "7",
        "classes": "4", "computer_labs": "1", "pcs_teaching": "20", "periods_planned": "200", "periods_online": "20",
        "fee_payers": "90", "fee_payers_cashless": "45", "cashless": "Có", "fiber": "Có", "sis_modules": "5",
        "digital_records": "Có", "cds_level": "2", "inspected": "Không",
    ]

    /// A complete, valid row for a unit and level: the keys, the run's period, and every field that
    /// applies to the level (fields that do not apply are left blank); `overrides` replace cells
    /// (an empty string makes a cell blank).
    public static func validRow(_ unit: String, _ level: String, _ overrides: [String: String] = [:]) -> [String: String] {
        var row = ["unit_code": unit, "period": period, "level": level]
        for (field, levels) in levelsOf where levels.contains(level.uppercased()) {
            row[field] = validFigures[field]
        }
        for (key, value) in overrides { row[key] = value }
        return row
    }

    /// A row with only the keys and the given cells.
    public static func row(_ unit: String, _ level: String, _ cells: [String: String] = [:]) -> [String: String] {
        var row = ["unit_code": unit, "level": level]
        for (key, value) in cells { row[key] = value }
        return row
    }

    /// CSV text: a header naming `columns` (ids unless `header` gives the cells as written), then
    /// one line per row.
    public static func text(_ rows: [[String: String]], columns: [String] = columns, header: [String]? = nil,
                            delimiter: String = ",", lineEnding: String = "\n") -> String {
        var lines = [(header ?? columns).map { quote($0, delimiter: delimiter) }.joined(separator: delimiter)]
        for row in rows {
            lines.append(columns.map { quote(row[$0] ?? "", delimiter: delimiter) }.joined(separator: delimiter))
        }
        return lines.joined(separator: lineEnding) + lineEnding
    }

    /// A CSV field, quoted when it holds the delimiter, a quote or a line break.
    public static func quote(_ value: String, delimiter: String = ",") -> String {
        guard value.contains(delimiter) || value.contains("\"") || value.contains("\n") || value.contains("\r") else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
