import Foundation

/// Text on its way to C.
enum Text {
    /// Returns `text` in Unicode NFC, or throws if it holds a NUL.
    ///
    /// Why NFC: Swift compares strings by canonical equivalence but stores whatever bytes it
    /// was given, and Excel compares code units; a decomposed "ệ" from a pasted file would
    /// look right yet fail Excel's search, lookups and duplicate-name checks.
    /// Why reject NUL: C would silently cut the text at it.
    static func prepare(_ text: String, operation: String, what: String) throws(XLSXError) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            if text.utf8.contains(0) {
                throw XLSXError(code: .parameterValidation, operation: operation,
                                detail: "\(what) contains a NUL character")
            }
            return text
        }
        let normalized = text.nfc
        if normalized.utf8.contains(0) {
            throw XLSXError(code: .parameterValidation, operation: operation,
                            detail: "\(what) contains a NUL character")
        }
        return normalized
    }

    /// Throws unless `text` fits in `limit` UTF-8 bytes: the size of a fixed C field that
    /// libxlsxwriter would otherwise truncate without telling.
    static func requireBytes(_ text: String, atMost limit: Int, operation: String, what: String)
        throws(XLSXError)
    {
        if text.utf8.count > limit {
            throw XLSXError(code: .parameterValidation, operation: operation,
                            detail: "\(what) is \(text.utf8.count) UTF-8 bytes; the limit is \(limit): \"\(text)\"")
        }
    }

    /// Throws unless `text` has at most `limit` characters as Excel counts them (UTF-16
    /// code units).
    static func requireLength(_ text: String, atMost limit: Int, code: XLSXError.Code, operation: String,
                              what: String) throws(XLSXError)
    {
        if text.utf16.count > limit {
            throw XLSXError(code: code, operation: operation,
                            detail: "\(what) has \(text.utf16.count) characters; Excel allows \(limit): \"\(text)\"")
        }
    }
}
