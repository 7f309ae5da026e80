import Foundation
import Testing
import TestSupport
import XLSX

/// Every library error reaches Swift as an XLSXError with its code, lxw_strerror text and call.
@Suite struct XLSXErrorTests {
    @Test(arguments: [
        (XLSXError.Code.sheetNameAlreadyUsed, "Worksheet name is already in use."),
        (.creatingFile, "Error creating output xlsx file. Usually a permissions error."),
        (.indexOutOfRange, "Worksheet row or column index out of range."),
        (.stringLength255Exceeded, "Parameter exceeds Excel's limit of 255 characters."),
    ])
    func codeMapsToTheLibraryMessage(_ code: XLSXError.Code, _ message: String) {
        let error = XLSXError(code: code, operation: "worksheet_write_string")
        #expect(error.libraryMessage == message, "the message is lxw_strerror's text for the code")
        #expect(error.description.hasPrefix("worksheet_write_string: \(message) (lxw_error \(code.rawValue))"))
    }

    @Test func unknownCodeDoesNotReadPastTheLibraryTable() {
        let error = XLSXError(code: XLSXError.Code(rawValue: 999), operation: "x")
        #expect(error.libraryMessage == "Unknown libxlsxwriter error code 999.")
    }

    @Test func errorReturnedByACFunctionIsThrownWithItsName() throws {
        let folder = try XLSXInspection.temporaryFolder("xlsx-errors")
        var book = try Workbook(path: folder.appendingPathComponent("errors.xlsx").path,
                                properties: DocumentProperties(created: FeatureWorkbook.reportDate))
        try book.addWorksheet("Lỗi") { sheet in
            let long = String(repeating: "a", count: 32_768)
            let error = #expect(throws: XLSXError.self, "Excel cells hold at most 32,767 characters") {
                try sheet.write(long, row: 0, column: 0)
            }
            #expect(error?.code == .stringLengthExceeded)
            #expect(error?.operation == "worksheet_write_string")
            #expect(error?.libraryMessage == "String exceeds Excel's limit of 32,767 characters.")

            let header = #expect(throws: XLSXError.self, "headers hold at most 255 characters") {
                try sheet.setPageSetup(PageSetup(header: String(repeating: "x", count: 256)))
            }
            #expect(header?.code == .stringLength255Exceeded)
            #expect(header?.operation == "worksheet_set_header_opt")

            let title = #expect(throws: XLSXError.self, "input titles hold at most 32 characters") {
                try sheet.addDataValidation(DataValidation(.any, inputTitle: String(repeating: "ô", count: 33)),
                                            to: CellRange("A2")!)
            }
            #expect(title?.code == .stringLength32Exceeded)
            #expect(title?.operation == "worksheet_data_validation_range")
        }
        try book.close()
    }

    @Test func closingIntoAMissingFolderReportsTheFileError() throws {
        let folder = try XLSXInspection.temporaryFolder("xlsx-missing")
        let path = folder.appendingPathComponent("no/such/folder/out.xlsx").path
        var book = try Workbook(path: path, properties: DocumentProperties(created: FeatureWorkbook.reportDate))
        try book.addWorksheet("A") { sheet in try sheet.write("x", row: 0, column: 0) }
        var error: XLSXError?
        do { try book.close() } catch let caught { error = caught }
        #expect(error?.code == .creatingFile)
        #expect(error?.operation == "workbook_close")
        #expect(error?.detail?.contains(path) == true, "the message names the file")
    }
}
