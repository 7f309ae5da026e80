import Foundation
import XLSX

/// The texts of a template in plain Vietnamese: what each input asks, the rule it follows, and
/// the data validation that enforces it in Excel and LibreOffice.
enum TemplateText {
    /// What a field asks, in a clerk's words, for the fields of the catalogue; a field added
    /// later is described by its label.
    static let questions: [String: String] = [
        "students": "Tổng số học sinh của cấp học ghi ở dòng này.",
        "staff": "Tổng số cán bộ quản lý, giáo viên và nhân viên của cấp học này.",
        "managers_teachers": "Số cán bộ quản lý và giáo viên (không tính nhân viên).",
        "staff_esign": "Số cán bộ quản lý, giáo viên đã có chữ ký số cá nhân.",
        "staff_trained": "Số cán bộ, giáo viên, nhân viên đã được bồi dưỡng kỹ năng số.",
        "classes": "Số lớp học của cấp học này.",
        "computer_labs": "Số phòng máy tính dùng để dạy môn Tin học.",
        "pcs_teaching": "Số máy tính đang dùng được trong các phòng máy dạy Tin học.",
        "periods_planned": "Tổng số tiết dạy theo kế hoạch trong kỳ báo cáo.",
        "periods_online": "Số tiết đã dạy học trực tuyến trong kỳ báo cáo.",
        "fee_payers": "Số học sinh nộp các khoản thu của nhà trường.",
        "fee_payers_cashless": "Số học sinh nộp các khoản thu không dùng tiền mặt (chuyển khoản, ví điện tử…).",
        "cashless": "Đơn vị có áp dụng thu các khoản không dùng tiền mặt không?",
        "fiber": "Đơn vị có đường truyền Internet cáp quang không?",
        "sis_modules": "Số phân hệ phần mềm quản lý trường học đã triển khai.",
        "digital_records": "Đơn vị đã triển khai học bạ số chưa?",
        "cds_level": "Mức độ chuyển đổi số đơn vị tự đánh giá theo Quyết định 4725/QĐ-BGDĐT.",
        "inspected": "Trong năm học, đơn vị có được kiểm tra công tác chuyển đổi số không?",
    ]

    /// What a field asks.
    static func question(_ element: DataElement) -> String {
        questions[element.id] ?? (element.label + ".")
    }

    /// The values a field accepts, as the instructions list them.
    static func allowed(_ element: DataElement) -> String {
        switch element.type {
        case .boolean: return "Có hoặc Không"
        case .integer:
            if let range = element.range { return "Số nguyên từ \(range.lowerBound) đến \(range.upperBound)" }
            return "Số nguyên, không âm"
        case .text: return "Chữ"
        case .period: return "Mã kỳ báo cáo"
        case .level: return "MN, TH, THCS, THPT hoặc GDTX"
        }
    }

    /// The levels a field applies to: "Mọi cấp học" or "TH, THCS, THPT".
    static func levels(_ element: DataElement) -> String {
        element.levels == LevelSet.all ? "Mọi cấp học" : element.levels.map(\.rawValue).joined(separator: ", ")
    }

    /// The input title: the label, shortened at a word to fit Excel's 32 characters.
    static func inputTitle(_ element: DataElement) -> String {
        shortened(element.label, to: 32)
    }

    static func shortened(_ text: String, to limit: Int) -> String {
        guard text.count > limit else { return text }
        var result = ""
        for word in text.split(separator: " ") {
            let next = result.isEmpty ? String(word) : result + " " + word
            guard next.count <= limit - 1 else { break }
            result = next
        }
        if result.isEmpty { result = String(text.prefix(limit - 1)) }
        return result.trimmingCharacters(in: CharacterSet(charactersIn: ",;:")) + "…"
    }

    /// The input message (at most 255 characters): the question, then the rules in order of
    /// importance, as many as fit.
    static func inputMessage(_ element: DataElement, catalogue: Catalogue, letterOf: (Int) -> String) -> String {
        var parts = [question(element)]
        switch element.type {
        case .boolean:
            parts.append("Chọn Có hoặc Không.")
        case .integer:
            if let range = element.range {
                parts.append("Nhập số nguyên từ \(range.lowerBound) đến \(range.upperBound).")
            } else {
                parts.append("Nhập số nguyên từ 0 trở lên, không có phần thập phân.")
            }
        default:
            break
        }
        if let whole = element.atMost {
            parts.append("Không lớn hơn cột \(letterOf(whole)) (\(catalogue.elements[whole].label)).")
        }
        if element.perUnit {
            parts.append("Thông tin chung của đơn vị: ghi giống nhau ở mọi dòng cấp học.")
        }
        if !element.unitOfMeasure.isEmpty, element.type == .integer {
            parts.append("Đơn vị tính: \(element.unitOfMeasure).")
        }
        parts.append("Để trống nếu chưa có số liệu.")
        var message = ""
        for part in parts {
            let next = message.isEmpty ? part : message + " " + part
            if next.count <= 255 { message = next }
        }
        return message
    }

    /// The data validation of an input.
    static func validation(for index: Int, catalogue: Catalogue, letterOf: (Int) -> String) -> DataValidation {
        let element = catalogue.elements[index]
        let title = inputTitle(element)
        let message = inputMessage(element, catalogue: catalogue, letterOf: letterOf)
        switch element.type {
        case .boolean:
            return DataValidation(.list(["Có", "Không"]), inputTitle: title, inputMessage: message,
                                  errorTitle: "Giá trị không hợp lệ", errorMessage: "Chọn Có hoặc Không trong danh sách.")
        default:
            let low = element.range?.lowerBound ?? 0
            let high = element.range?.upperBound ?? TemplateDataSheet.integerMaximum
            return DataValidation(.wholeNumber(.between(low, high)), inputTitle: title, inputMessage: message,
                                  errorTitle: "Giá trị không hợp lệ",
                                  errorMessage: "Cần một số nguyên từ \(NumberFormatting.integer(low)) đến \(NumberFormatting.integer(high)), không có phần thập phân.")
        }
    }

    // MARK: Row heights

    /// The lines a text takes in a wrapped cell `width` characters wide: an estimate from the
    /// widths of Times New Roman's letters against the width unit (a digit), on the safe side.
    static func lines(_ text: String, width: Double, bold: Bool = false) -> Int {
        let capacity = max(3, width - 0.8)
        func length(_ word: Substring) -> Double {
            let plain = word.reduce(0.0) { sum, character in
                if character.isUppercase { return sum + 1.4 }
                if character.isLetter { return sum + 0.9 }
                if character.isNumber { return sum + 1.0 }
                return sum + 0.6
            }
            return plain * (bold ? 1.08 : 1.0)
        }
        var lines = 0
        var current = 0.0
        for word in text.split(separator: " ") {
            let size = length(word)
            if lines == 0 || current + 0.5 + size > capacity {
                lines += 1
                current = size
            } else {
                current += 0.5 + size
            }
            while current > capacity {
                current -= capacity
                lines += 1
            }
        }
        return max(lines, 1)
    }

    /// The height in points of a row holding a wrapped text.
    static func height(_ text: String, width: Double, points: Double = 12, bold: Bool = false) -> Double {
        let scaled = width * 12 / points
        return Double(lines(text, width: scaled, bold: bold)) * (points * 1.3) + 3
    }
}
