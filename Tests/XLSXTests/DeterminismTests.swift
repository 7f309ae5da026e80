import Foundation
import Testing
import TestSupport
import XLSX

/// The same input and date give the same bytes; the date is what changes them.
@Suite struct DeterminismTests {
    @Test func sameContentAndDateGiveIdenticalBytes() throws {
        let folder = try XLSXInspection.temporaryFolder("xlsx-determinism")
        let first = folder.appendingPathComponent("first.xlsx")
        let second = folder.appendingPathComponent("second.xlsx")
        try FeatureWorkbook.write(to: first)
        // A second apart, so that a clock-dependent timestamp would show.
        Thread.sleep(forTimeInterval: 1.1)
        try FeatureWorkbook.write(to: second)
        let a = try Data(contentsOf: first)
        let b = try Data(contentsOf: second)
        #expect(!a.isEmpty)
        #expect(a == b, "identical content and creation date must give byte-identical files")
    }

    @Test func creationDateIsPartOfTheOutput() throws {
        let folder = try XLSXInspection.temporaryFolder("xlsx-date")
        let first = folder.appendingPathComponent("first.xlsx")
        let second = folder.appendingPathComponent("second.xlsx")
        try FeatureWorkbook.write(to: first)
        try FeatureWorkbook.write(to: second, created: FeatureWorkbook.reportDate.addingTimeInterval(86_400))
        #expect(try Data(contentsOf: first) != Data(contentsOf: second), "the given date, not the clock, is stored")
        #expect(try XLSXInspection.part("docProps/core.xml", of: second).contains("2025-01-06T00:00:00Z"))
    }

    @Test func creationDateAtTheEpochIsRejected() throws {
        let folder = try XLSXInspection.temporaryFolder("xlsx-epoch")
        // libxlsxwriter reads 0 as "now"; accepting it would make the output clock-dependent.
        let error = #expect(throws: XLSXError.self) {
            _ = try Workbook(path: folder.appendingPathComponent("x.xlsx").path,
                             properties: DocumentProperties(created: Date(timeIntervalSince1970: 0)))
        }
        #expect(error?.code == .parameterValidation)
    }
}
