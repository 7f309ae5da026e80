import Foundation

/// Why a row of the sector database's school list was left out of the registry (CONTRACT §2a).
///
/// The cases are in the order the rules are checked: a row gets the first that applies.
public enum RegistryNoteReason: String, CaseIterable, Sendable, Hashable {
    /// No `MA_TRUONG`, or a number cell of 10^15 or more, whose digits cannot be trusted.
    case blankCode = "blank_code"
    /// `TRANG_THAI` other than 1.
    case inactive = "inactive"
    /// `MA_DON_VI` neither the SO nor one of its managing units.
    case outsideDepartment = "outside_department"
    /// `CAP_HOC` is not made of the digits 1–6 (blank included).
    case badCapHoc = "bad_cap_hoc"
    /// An earlier kept row has the same `MA_TRUONG`.
    case duplicateCode = "duplicate_code"
    /// The code is the SO's or a managing unit's.
    case codeConflict = "code_conflict"

    /// What the reason means, for a clerk.
    public var explanation: String {
        switch self {
        case .blankCode: "không có mã trường (MA_TRUONG) dùng được: ô trống, hoặc ô số từ 10^15 trở lên mà các chữ số không tin cậy được"
        case .inactive: "trường không còn hoạt động (TRANG_THAI khác 1)"
        case .outsideDepartment: "đơn vị quản lý (MA_DON_VI) không phải Sở hay một đơn vị quản lý trực thuộc Sở"
        case .badCapHoc: "cấp học (CAP_HOC) không hợp lệ: cần các chữ số 1–6"
        case .duplicateCode: "mã trường trùng với một dòng đã nhận ở trên"
        case .codeConflict: "mã trường trùng với mã của Sở hoặc của một đơn vị quản lý"
        }
    }
}

/// One row of the school list left out of the registry, with its reason (a line of
/// `registry_notes.csv`).
public struct RegistryNote: Sendable, Hashable {
    /// The row number a person sees in the export's first sheet.
    public let row: Int
    /// `MA_TRUONG` as read (trimmed; a number cell of 10^15 or more in exponent form).
    public let unitCode: String
    /// `TEN_TRUONG_HOC`, trimmed.
    public let name: String
    public let reason: RegistryNoteReason
    /// The value that decided it, for the terminal: the `TRANG_THAI`, the `MA_DON_VI`, the
    /// `CAP_HOC`, the row of the earlier copy, the managing unit whose code it has.
    public let detail: String

    public init(row: Int, unitCode: String, name: String, reason: RegistryNoteReason, detail: String = "") {
        self.row = row
        self.unitCode = unitCode
        self.name = name
        self.reason = reason
        self.detail = detail
    }

    /// One line for the terminal: where, which school, why (Vietnamese, then the reason id).
    public var message: String {
        let who = [unitCode.isEmpty ? "(không mã)" : unitCode, name].filter { !$0.isEmpty }.joined(separator: " ")
        let why = detail.isEmpty ? reason.explanation : "\(reason.explanation) — \(detail)"
        return "dòng \(row): \(who): \(why) (\(reason.rawValue))"
    }
}

/// `registry_notes.csv`: the rows of a school-list export left out of the registry.
public enum RegistryNotes {
    /// The file's name, beside the reports.
    public static let fileName = "registry_notes.csv"
    /// The columns (CONTRACT §2a).
    public static let header = ["row", "unit_code", "name", "reason"]

    /// The file's bytes: UTF-8, a header row, one line per note in row order, text fields
    /// guarded against formulas (CONTRACT §5).
    public static func csv(_ notes: [RegistryNote]) -> [UInt8] {
        var writer = CSVWriter(header: header)
        for note in notes {
            writer.appendRow([.number(String(note.row)), .text(note.unitCode), .text(note.name), .text(note.reason.rawValue)])
        }
        return writer.data
    }

    /// How many rows each reason left out, in the order of the rules.
    public static func counts(_ notes: [RegistryNote]) -> [(reason: RegistryNoteReason, count: Int)] {
        RegistryNoteReason.allCases.compactMap { reason in
            let count = notes.reduce(0) { $0 + ($1.reason == reason ? 1 : 0) }
            return count == 0 ? nil : (reason, count)
        }
    }

    /// The terminal lines: a count per reason, then every row with its reason.
    public static func lines(_ notes: [RegistryNote]) -> [String] {
        guard !notes.isEmpty else { return ["Không có dòng nào bị bỏ qua."] }
        let byReason = counts(notes).map { "\($0.reason.rawValue) \($0.count)" }.joined(separator: ", ")
        return ["Bỏ qua \(notes.count) dòng (\(byReason)):"] + notes.map { "  " + $0.message }
    }
}
