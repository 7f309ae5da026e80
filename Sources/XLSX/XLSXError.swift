import CXLSXWriter

/// The one error type thrown by the `XLSX` module.
///
/// Every failure of the underlying libxlsxwriter call is reported with the library's own
/// error code and its `lxw_strerror` text, together with the call that failed, so that a
/// message can be traced back to the exact C function. Problems that this module detects
/// before calling C (an invalid sheet name, a row outside the sheet, a string the library
/// would silently truncate) use the closest library code and add a ``detail`` that names
/// the offending value.
public struct XLSXError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A libxlsxwriter error code (`lxw_error`), kept as a plain integer so that no C type
    /// appears in the public API.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The numeric value of the `lxw_error` enumeration.
        public let rawValue: Int32

        /// Creates a code from the numeric value of an `lxw_error`.
        public init(rawValue: Int32) { self.rawValue = rawValue }

        init(_ error: lxw_error) { self.rawValue = Int32(bitPattern: error.rawValue) }

        /// The code's numeric value, e.g. `14`.
        public var description: String { String(rawValue) }

        /// `LXW_ERROR_MEMORY_MALLOC_FAILED`.
        public static let memoryAllocationFailed = Code(LXW_ERROR_MEMORY_MALLOC_FAILED)
        /// `LXW_ERROR_CREATING_XLSX_FILE`: usually a missing folder or a permissions problem.
        public static let creatingFile = Code(LXW_ERROR_CREATING_XLSX_FILE)
        /// `LXW_ERROR_CREATING_TMPFILE`.
        public static let creatingTemporaryFile = Code(LXW_ERROR_CREATING_TMPFILE)
        /// `LXW_ERROR_READING_TMPFILE`.
        public static let readingTemporaryFile = Code(LXW_ERROR_READING_TMPFILE)
        /// `LXW_ERROR_ZIP_FILE_OPERATION`.
        public static let zipFileOperation = Code(LXW_ERROR_ZIP_FILE_OPERATION)
        /// `LXW_ERROR_ZIP_PARAMETER_ERROR`.
        public static let zipParameter = Code(LXW_ERROR_ZIP_PARAMETER_ERROR)
        /// `LXW_ERROR_ZIP_BAD_ZIP_FILE`: the package is too large without ZIP64.
        public static let zipBadFile = Code(LXW_ERROR_ZIP_BAD_ZIP_FILE)
        /// `LXW_ERROR_ZIP_INTERNAL_ERROR`.
        public static let zipInternal = Code(LXW_ERROR_ZIP_INTERNAL_ERROR)
        /// `LXW_ERROR_ZIP_FILE_ADD`.
        public static let zipFileAdd = Code(LXW_ERROR_ZIP_FILE_ADD)
        /// `LXW_ERROR_ZIP_CLOSE`.
        public static let zipClose = Code(LXW_ERROR_ZIP_CLOSE)
        /// `LXW_ERROR_FEATURE_NOT_SUPPORTED`.
        public static let featureNotSupported = Code(LXW_ERROR_FEATURE_NOT_SUPPORTED)
        /// `LXW_ERROR_NULL_PARAMETER_IGNORED`.
        public static let nullParameterIgnored = Code(LXW_ERROR_NULL_PARAMETER_IGNORED)
        /// `LXW_ERROR_PARAMETER_VALIDATION`: an argument was rejected.
        public static let parameterValidation = Code(LXW_ERROR_PARAMETER_VALIDATION)
        /// `LXW_ERROR_SHEETNAME_LENGTH_EXCEEDED`: more than 31 characters.
        public static let sheetNameTooLong = Code(LXW_ERROR_SHEETNAME_LENGTH_EXCEEDED)
        /// `LXW_ERROR_INVALID_SHEETNAME_CHARACTER`: one of `[ ] : * ? / \`.
        public static let sheetNameInvalidCharacter = Code(LXW_ERROR_INVALID_SHEETNAME_CHARACTER)
        /// `LXW_ERROR_SHEETNAME_START_END_APOSTROPHE`.
        public static let sheetNameApostrophe = Code(LXW_ERROR_SHEETNAME_START_END_APOSTROPHE)
        /// `LXW_ERROR_SHEETNAME_ALREADY_USED`.
        public static let sheetNameAlreadyUsed = Code(LXW_ERROR_SHEETNAME_ALREADY_USED)
        /// `LXW_ERROR_32_STRING_LENGTH_EXCEEDED`.
        public static let stringLength32Exceeded = Code(LXW_ERROR_32_STRING_LENGTH_EXCEEDED)
        /// `LXW_ERROR_128_STRING_LENGTH_EXCEEDED`.
        public static let stringLength128Exceeded = Code(LXW_ERROR_128_STRING_LENGTH_EXCEEDED)
        /// `LXW_ERROR_255_STRING_LENGTH_EXCEEDED`.
        public static let stringLength255Exceeded = Code(LXW_ERROR_255_STRING_LENGTH_EXCEEDED)
        /// `LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED`: a cell text longer than 32,767 characters.
        public static let stringLengthExceeded = Code(LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED)
        /// `LXW_ERROR_SHARED_STRING_INDEX_NOT_FOUND`.
        public static let sharedStringIndexNotFound = Code(LXW_ERROR_SHARED_STRING_INDEX_NOT_FOUND)
        /// `LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE`: a row or column outside the sheet, or
        /// (in constant-memory mode) a row before the one being written.
        public static let indexOutOfRange = Code(LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE)
        /// `LXW_ERROR_WORKSHEET_MAX_URL_LENGTH_EXCEEDED`.
        public static let urlTooLong = Code(LXW_ERROR_WORKSHEET_MAX_URL_LENGTH_EXCEEDED)
        /// `LXW_ERROR_WORKSHEET_MAX_NUMBER_URLS_EXCEEDED`.
        public static let tooManyURLs = Code(LXW_ERROR_WORKSHEET_MAX_NUMBER_URLS_EXCEEDED)
    }

    /// The libxlsxwriter error code.
    public let code: Code
    /// The library's text for ``code``, as returned by `lxw_strerror`.
    public let libraryMessage: String
    /// The call that failed: a C function name such as `worksheet_write_string`, or the
    /// Swift method that rejected an argument before calling C.
    public let operation: String
    /// What this module knows beyond the code: the offending value and what to do about it.
    public let detail: String?

    /// Creates an error for a library code, looking up the library's message for it.
    ///
    /// - Parameters:
    ///   - code: The `lxw_error` value.
    ///   - operation: The call that failed.
    ///   - detail: Optional context, e.g. the sheet name that was rejected.
    public init(code: Code, operation: String, detail: String? = nil) {
        self.code = code
        self.libraryMessage = Self.libraryMessage(for: code)
        self.operation = operation
        self.detail = detail
    }

    /// `operation: library message (lxw_error N)` followed by the detail when there is one.
    public var description: String {
        var text = "\(operation): \(libraryMessage) (lxw_error \(code.rawValue))"
        if let detail { text += " — \(detail)" }
        return text
    }

    /// The library's message for a code; codes outside the library's range get a message
    /// of their own rather than reading past the library's table.
    static func libraryMessage(for code: Code) -> String {
        guard code.rawValue >= 0, code.rawValue < Int32(bitPattern: LXW_MAX_ERRNO.rawValue) else {
            return "Unknown libxlsxwriter error code \(code.rawValue)."
        }
        guard let text = lxw_strerror(lxw_error(rawValue: UInt32(code.rawValue))) else {
            return "Unknown libxlsxwriter error code \(code.rawValue)."
        }
        return String(cString: text)
    }
}

/// Throws an ``XLSXError`` when a libxlsxwriter call did not return `LXW_NO_ERROR`.
///
/// This is the only place where an `lxw_error` is turned into a Swift error, so every call
/// reports the same way.
///
/// - Parameters:
///   - result: What the C function returned.
///   - operation: The C function's name.
///   - detail: Optional context for the message.
/// - Throws: ``XLSXError`` carrying `result`, its `lxw_strerror` text and `operation`.
@inline(__always)
func check(_ result: lxw_error, _ operation: StaticString, detail: @autoclosure () -> String? = nil)
    throws(XLSXError)
{
    guard result != LXW_NO_ERROR else { return }
    throw XLSXError(code: XLSXError.Code(result), operation: "\(operation)", detail: detail())
}
