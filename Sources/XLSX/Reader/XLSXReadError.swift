/// Why a workbook could not be read: thrown by ``XLSXReader``.
///
/// Every problem of the file itself (rather than of the program) is one of these, so that a
/// caller reading many returns can turn it into one finding for that file and go on with
/// the others. ``kind`` is for code, ``detail`` for logs and developers (English, names the
/// part and the value), ``description`` for the person who sent the file (one Vietnamese
/// sentence saying what to do).
public struct XLSXReadError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, in the terms a caller acts on.
    public enum Kind: Hashable, Sendable {
        /// Not an `.xlsx` package: not a ZIP file, a ZIP without `xl/workbook.xml` (a
        /// `.docx`, an `.ods`), or an Excel 97-2003 `.xls` file.
        case notAWorkbook
        /// The workbook is protected by a password (an OLE2 `EncryptedPackage`, or ZIP
        /// entries with the encryption flag).
        case encrypted
        /// The file ends early: no ZIP directory at its end, or an entry's compressed data
        /// stops before its deflate stream does. Usually an interrupted download or copy.
        case truncated
        /// A part inflates past ``XLSXReader/Limits`` (a ZIP bomb, or a file far larger
        /// than any return), or holds too many shared strings, columns or bytes in a cell.
        case tooLarge
        /// An XML part has a `<!DOCTYPE` or `<!ENTITY` declaration. Excel never writes
        /// one; it is refused rather than expanded ("billion laughs").
        case entityDeclaration
        /// The package or its XML is damaged in a way not covered above (bad checksum,
        /// broken compressed data, a shared-string index out of range…).
        case malformed
        /// The workbook has no sheet with the requested name, or a sheet's part is missing.
        case missingSheet
    }

    /// What went wrong.
    public let kind: Kind
    /// Technical context in English: the part, the offset or value, the limit exceeded.
    public let detail: String
    /// The clerk's sentence when it says more than ``kind`` alone (the `.xls` case, the
    /// missing sheet's name).
    let message: String?

    /// Creates an error of a kind, with technical context.
    ///
    /// - Parameters:
    ///   - kind: What went wrong.
    ///   - detail: Context for logs, e.g. `"xl/worksheets/sheet1.xml inflates past 1000000 bytes"`.
    public init(_ kind: Kind, detail: String) {
        self.init(kind, detail: detail, message: nil)
    }

    init(_ kind: Kind, detail: String, message: String?) {
        self.kind = kind
        self.detail = detail
        self.message = message
    }

    /// An Excel 97-2003 (`.xls`) file: reported as ``Kind/notAWorkbook`` with a message
    /// that tells the clerk how to fix it.
    static func legacyExcel(detail: String) -> XLSXReadError {
        XLSXReadError(.notAWorkbook, detail: detail,
                      message: "Tệp .xls (Excel 97-2003) chưa được hỗ trợ; hãy mở bằng Excel và lưu lại dạng .xlsx.")
    }

    /// No sheet named `name`: the message names the sheet the clerk should look for.
    static func missingSheet(_ name: String, available: [String]) -> XLSXReadError {
        XLSXReadError(.missingSheet,
                      detail: "no sheet named \"\(name)\"; the workbook has \(available.map { "\"\($0)\"" }.joined(separator: ", "))",
                      message: "Tệp Excel không có trang tính “\(name)”; hãy kiểm tra tên trang tính trong tệp.")
    }

    /// One Vietnamese sentence a school clerk understands, saying what to do.
    public var description: String {
        if let message { return message }
        switch kind {
        case .notAWorkbook:
            return "Tệp không phải tệp Excel .xlsx hợp lệ; hãy mở bằng Excel và lưu lại dạng .xlsx (Sổ làm việc Excel)."
        case .encrypted:
            return "Tệp Excel được đặt mật khẩu (mã hóa); hãy bỏ mật khẩu rồi gửi lại."
        case .truncated:
            return "Tệp Excel bị cắt cụt hoặc chưa tải về hết; hãy gửi lại tệp đầy đủ."
        case .tooLarge:
            return "Tệp Excel quá lớn hoặc chứa dữ liệu nén bất thường, không phải một báo cáo thông thường; hãy kiểm tra lại tệp rồi gửi lại."
        case .entityDeclaration:
            return "Tệp Excel chứa khai báo DOCTYPE/ENTITY mà Excel không bao giờ tạo ra; hãy mở bằng Excel, lưu lại rồi gửi lại."
        case .malformed:
            return "Tệp Excel bị hỏng, nội dung không đọc được; hãy mở bằng Excel, lưu lại rồi gửi lại."
        case .missingSheet:
            return "Tệp Excel thiếu trang tính cần đọc; hãy kiểm tra lại tệp."
        }
    }
}
