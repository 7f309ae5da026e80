import Foundation
import Testing
import TestSupport
import XLSX

/// Excel's sheet-name rules, enforced before libxlsxwriter (which accepts `""`) sees a name.
@Suite struct SheetNameTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let code: XLSXError.Code
        let rule: String
        var testDescription: String { rule }
    }

    static let invalid: [Case] = [
        Case(name: "", code: .parameterValidation, rule: "a name cannot be empty"),
        Case(name: String(repeating: "ệ", count: 32), code: .sheetNameTooLong, rule: "at most 31 characters"),
        Case(name: "Biểu [01]", code: .sheetNameInvalidCharacter, rule: "no ["),
        Case(name: "Biểu 01]", code: .sheetNameInvalidCharacter, rule: "no ]"),
        Case(name: "HK1: tổng hợp", code: .sheetNameInvalidCharacter, rule: "no :"),
        Case(name: "Tổng*", code: .sheetNameInvalidCharacter, rule: "no *"),
        Case(name: "Tổng?", code: .sheetNameInvalidCharacter, rule: "no ?"),
        Case(name: "2024/2025", code: .sheetNameInvalidCharacter, rule: "no /"),
        Case(name: "2024\\2025", code: .sheetNameInvalidCharacter, rule: "no backslash"),
        Case(name: "'Tổng hợp", code: .sheetNameApostrophe, rule: "cannot start with an apostrophe"),
        Case(name: "Tổng hợp'", code: .sheetNameApostrophe, rule: "cannot end with an apostrophe"),
        Case(name: "history", code: .parameterValidation, rule: "History is reserved by Excel"),
    ]

    @Test(arguments: invalid)
    func invalidNameIsRejected(_ example: Case) throws {
        let error = #expect(throws: XLSXError.self, "\(example.rule)") { try SheetName.validate(example.name) }
        #expect(error?.code == example.code, "\(example.rule)")
        #expect(error?.detail != nil, "the error says what is wrong with the name")
    }

    @Test(arguments: [
        String(repeating: "ệ", count: 31),
        "Tổng hợp",
        "Biểu 01.HK1-CĐS",
        "Sheet's data",
    ])
    func validNameIsAccepted(_ name: String) throws {
        #expect(try SheetName.validate(name) == name)
    }

    @Test func lengthIsCountedAfterNormalisationToNFC() throws {
        // 31 letters, each decomposed into 3 scalars: too long as bytes or scalars, fine in NFC.
        let decomposed = String(repeating: "e\u{0323}\u{0302}", count: 31)
        #expect(try SheetName.validate(decomposed) == String(repeating: "ệ", count: 31))
    }

    @Test func duplicateNameIgnoringCaseIsRejectedByTheWorkbook() throws {
        let folder = try XLSXInspection.temporaryFolder("xlsx-names")
        var book = try Workbook(path: folder.appendingPathComponent("names.xlsx").path,
                                properties: DocumentProperties(created: FeatureWorkbook.reportDate))
        try book.addWorksheet("Tổng hợp") { _ in }
        let error = #expect(throws: XLSXError.self, "names differing only in case clash, as in Excel") {
            try book.addWorksheet("TỔNG HỢP") { _ in }
        }
        #expect(error?.code == .sheetNameAlreadyUsed)
        #expect(error?.description.contains("TỔNG HỢP") == true)
        #expect(throws: XLSXError.self) { try book.addWorksheet("") { _ in } }
        #expect(book.worksheetNames == ["Tổng hợp"], "rejected names add no sheet")
        try book.close()
    }
}
