/// The Vietnamese sentences of findings: each names the value and what is expected, so that the
/// school clerk can fix the return without asking.
enum Messages {
    static func quoted(_ text: String) -> String { "\u{201C}\(text)\u{201D}" }

    static func unknownUnit(_ code: String, successor: Unit?) -> String {
        if let successor {
            return "Mã đơn vị \(quoted(code)) là mã cũ: đơn vị này nay có mã \(quoted(successor.code)) (\(successor.name)); hãy ghi mã mới rồi gửi lại."
        }
        return "Mã đơn vị \(quoted(code)) không có trong danh mục đơn vị; hãy kiểm tra lại mã (giữ nguyên các số 0 ở đầu)."
    }

    static func unknownLevel(_ text: String) -> String {
        "Cấp học \(quoted(text)) không hợp lệ; cần một trong các mã MN, TH, THCS, THPT, GDTX."
    }

    static func levelNotServed(_ level: Level, unit: Unit) -> String {
        let served = unit.levels.isEmpty ? "không có cấp học nào" : "chỉ có cấp \(unit.levels.map(\.rawValue).joined(separator: ", "))"
        return "Đơn vị \(unit.code) (\(unit.name)) không có cấp \(level.rawValue) theo danh mục (\(served)); hãy kiểm tra cột cấp học."
    }

    static func wrongPeriod(_ text: String, expected: Period) -> String {
        "Kỳ báo cáo \(quoted(text)) khác kỳ đang tổng hợp \(quoted(expected.description)); hãy ghi đúng kỳ \(expected) hoặc để trống."
    }

    static func missingUnitCode() -> String { "Thiếu mã đơn vị; mỗi dòng cần mã đơn vị theo danh mục." }

    static func missingLevel() -> String { "Thiếu cấp học; cần một trong các mã MN, TH, THCS, THPT, GDTX." }

    static func notANumber(_ text: String, element: DataElement) -> String {
        "\(element.label) là \(quoted(text)), không phải số nguyên; cần một số nguyên không âm (ví dụ 1234 hoặc 1.234)."
    }

    static func notABoolean(_ text: String, element: DataElement) -> String {
        "\(element.label) là \(quoted(text)), không hợp lệ; cần ghi Có hoặc Không (hoặc x, 1/0)."
    }

    static func negative(_ text: String, element: DataElement) -> String {
        "\(element.label) là \(quoted(text)), số âm; cần một số nguyên không âm."
    }

    static func outOfRange(_ value: Int, element: DataElement, range: ClosedRange<Int>) -> String {
        "\(element.label) là \(value), ngoài khoảng cho phép; cần một số nguyên từ \(range.lowerBound) đến \(range.upperBound)."
    }

    static func exceedsTotal(part: DataElement, partValue: Int, whole: DataElement, wholeValue: Int) -> String {
        "\(part.label) (\(NumberFormatting.integer(partValue))) lớn hơn \(whole.label) (\(NumberFormatting.integer(wholeValue))); số này không được vượt quá \(NumberFormatting.integer(wholeValue))."
    }

    static func inconsistent(required: DataElement, cause: DataElement, causeValue: Int) -> String {
        "\(cause.label) là \(NumberFormatting.integer(causeValue)) nhưng \(required.label) là 0; khi có \(cause.label.lowercasedFirst) thì \(required.label.lowercasedFirst) phải lớn hơn 0."
    }

    static func conflicting(element: DataElement, unit: Unit, values: [(Level, FieldValue)]) -> String {
        let listed = values.map { "\($0.0.rawValue): \(display($0.1))" }.joined(separator: "; ")
        return "\(element.label) là thông tin chung của cả đơn vị \(unit.code) nhưng các dòng cấp học ghi khác nhau (\(listed)); hãy ghi cùng một giá trị ở mọi cấp."
    }

    static func duplicateConflict(unit: Unit, level: Level, places: [String]) -> String {
        "Đơn vị \(unit.code) cấp \(level.rawValue) được khai nhiều lần với số liệu khác nhau (\(places.joined(separator: "; "))); mọi bản đều bị loại, hãy gửi lại một dòng đúng."
    }

    static func duplicateCopy(of place: String) -> String {
        "Dòng này trùng hoàn toàn với \(place); chỉ tính một lần."
    }

    static func unknownColumn(_ header: String) -> String {
        "Cột \(quoted(header)) không có trong mẫu báo cáo nên được bỏ qua."
    }

    static func duplicateColumn(_ header: String, element: DataElement, first: String) -> String {
        "Cột \(quoted(header)) trùng với cột \(quoted(first)) (cùng là \(element.label)); chỉ dùng cột đứng trước, cột này được bỏ qua."
    }

    static func incompleteInputs(indicator: Indicator, given: [DataElement], missing: [DataElement]) -> String {
        "Chưa tính được \(indicator.name.lowercasedFirst): đã có \(given.map(\.label).joined(separator: ", ")) nhưng thiếu \(missing.map(\.label).joined(separator: ", "))."
    }

    static func formulaNotCalculated(element: DataElement) -> String {
        "\(element.label) là một công thức nhưng tệp không lưu kết quả đã tính nên được coi là để trống; hãy mở tệp bằng Excel hoặc LibreOffice Calc, lưu lại rồi gửi lại (hoặc ghi số thay cho công thức)."
    }

    static func emptyFile(headerOnly: Bool) -> String {
        headerOnly ? "Tệp chỉ có dòng tiêu đề, không có dòng số liệu nào." : "Tệp trống, không có dữ liệu."
    }

    static func noHeader() -> String {
        "Không tìm thấy dòng tiêu đề có cột unit_code (Mã đơn vị) trong 20 dòng đầu; hãy dùng đúng mẫu báo cáo."
    }

    static func display(_ value: FieldValue) -> String {
        switch value {
        case .blank: "(trống)"
        case .int(let number): NumberFormatting.integer(number)
        case .bool(let flag): flag ? "Có" : "Không"
        case .invalid(let text): text
        }
    }
}

extension String {
    /// The text with its first letter in lower case, for a label inside a sentence.
    var lowercasedFirst: String {
        guard let first else { return self }
        let rest = dropFirst()
        // Abbreviations (CBQL, GV) stay as they are.
        if let second = rest.first, second.isUppercase { return self }
        return first.lowercased() + rest
    }
}
