/// Excel's rules for worksheet names, checked in Swift because libxlsxwriter 1.1.4 accepts
/// an empty name and compares names for uniqueness byte by byte (ASCII case only).
public enum SheetName {
    /// The longest name Excel accepts, in UTF-16 code units.
    public static let maximumLength = 31
    /// Characters Excel forbids in a sheet name.
    public static let forbiddenCharacters: Set<Character> = ["[", "]", ":", "*", "?", "/", "\\"]

    /// Checks one name against Excel's rules, without looking at other sheets.
    ///
    /// The name is checked in NFC, the form in which it is written.
    ///
    /// - Parameter name: The proposed name.
    /// - Returns: The name in NFC, as it will be written.
    /// - Throws: ``XLSXError`` with ``XLSXError/Code/parameterValidation`` for an empty or
    ///   reserved name, ``XLSXError/Code/sheetNameTooLong``,
    ///   ``XLSXError/Code/sheetNameInvalidCharacter`` or
    ///   ``XLSXError/Code/sheetNameApostrophe``; the detail names the sheet.
    @discardableResult
    public static func validate(_ name: String) throws(XLSXError) -> String {
        let operation = "SheetName.validate"
        let name = try Text.prepare(name, operation: operation, what: "sheet name")
        if name.isEmpty {
            throw XLSXError(code: .parameterValidation, operation: operation, detail: "sheet name is empty")
        }
        try Text.requireLength(name, atMost: maximumLength, code: .sheetNameTooLong, operation: operation,
                               what: "sheet name")
        if let bad = name.first(where: { forbiddenCharacters.contains($0) }) {
            throw XLSXError(code: .sheetNameInvalidCharacter, operation: operation,
                            detail: "sheet name \"\(name)\" contains '\(bad)'; none of [ ] : * ? / \\ is allowed")
        }
        if name.hasPrefix("'") || name.hasSuffix("'") {
            throw XLSXError(code: .sheetNameApostrophe, operation: operation,
                            detail: "sheet name \"\(name)\" starts or ends with an apostrophe")
        }
        // Excel keeps "History" for its change-tracking sheet and refuses to open a file
        // that uses it.
        if name.lowercased() == "history" {
            throw XLSXError(code: .parameterValidation, operation: operation,
                            detail: "sheet name \"\(name)\" is reserved by Excel")
        }
        return name
    }

    /// The key under which names are compared: Excel treats names that differ only in case
    /// as the same, for Vietnamese letters too ("Tổng hợp" and "TỔNG HỢP").
    static func uniquenessKey(_ name: String) -> String { name.lowercased() }
}
