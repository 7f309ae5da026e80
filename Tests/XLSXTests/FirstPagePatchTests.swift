import Foundation
import Testing
import TestSupport
@testable import XLSX

/// FORMS.md: page numbers "not on the first page". libxlsxwriter cannot say so; the module
/// adds `differentFirst="1"` to the finished package, recompressing only the last deflate
/// block of each sheet.
@Suite struct FirstPagePatchTests {
    let folder: URL
    init() throws { folder = try XLSXInspection.temporaryFolder("xlsx-first-page") }

    /// A book with a long sheet (many deflate blocks), a short one, and one that keeps its
    /// header on page 1.
    func write(_ name: String, firstPageToo: Bool = false, rows: Int = 20_000) throws -> URL {
        let url = folder.appendingPathComponent(name)
        var book = try Workbook(path: url.path, properties: DocumentProperties(created: FeatureWorkbook.reportDate))
        try book.addWorksheet("Dài") { sheet in
            for row in 0..<rows {
                try sheet.write("Trường số \(row)", row: row, column: 0)
                try sheet.write(row * 37 % 1_009, row: row, column: 1)
                try sheet.write(Double(row) / 7, row: row, column: 2)
            }
            try sheet.setPageSetup(PageSetup(repeatRows: 0...0, headerAndFooterOnFirstPage: firstPageToo))
        }
        try book.addWorksheet("Ngắn") { sheet in
            try sheet.write("Tổng hợp", row: 0, column: 0)
            try sheet.setPageSetup(PageSetup(header: "&C&P", footer: "&RTrang &P/&N"))
        }
        try book.addWorksheet("Trang đầu có số") { sheet in
            try sheet.write("x", row: 0, column: 0)
            try sheet.setPageSetup(PageSetup(headerAndFooterOnFirstPage: true))
        }
        try book.close()
        return url
    }

    @Test func sheetsGetADifferentFirstPageAndKeepEveryCell() throws {
        let url = try write("patched.xlsx")
        let sheets = try (1...3).map { try XLSXInspection.part("xl/worksheets/sheet\($0).xml", of: url) }
        #expect(sheets[0].contains("<headerFooter differentFirst=\"1\"><oddHeader>&amp;C&amp;P</oddHeader></headerFooter>"))
        #expect(sheets[1].contains("<headerFooter differentFirst=\"1\"><oddHeader>&amp;C&amp;P</oddHeader><oddFooter>&amp;RTrang &amp;P/&amp;N</oddFooter></headerFooter>"))
        #expect(sheets[2].contains("<headerFooter><oddHeader>"), "a sheet that asks for its header on page 1 keeps it")
        #expect(!sheets.joined().contains("firstHeader"), "page 1 prints an empty header and footer")
        // Every cell is still there, read by this module's reader (which checks each CRC-32).
        let reader = try XLSXReader(url: url)
        var count = 0
        var last: XLSXRow?
        try reader.forEachRow(inSheet: "Dài") { row in
            count += 1
            last = row
        }
        #expect(count == 20_000 && last?.cells.first == "Trường số 19999" && last?.cells[1] == String(19_999 * 37 % 1_009))
    }

    /// Past 4 MiB of XML the patch keeps only the part's last megabyte or so in memory.
    @Test func aSheetOfManyMegabytesKeepsItsRowsAndChecksums() throws {
        let url = try write("large.xlsx", rows: 150_000)
        let entry = try #require(FirstPagePatch.Directory([UInt8](try Data(contentsOf: url)))?.entries.first { $0.name == "xl/worksheets/sheet1.xml" })
        #expect(entry.size > 8 << 20, "\(entry.size) bytes of XML")
        var count = 0
        var last: XLSXRow?
        try XLSXReader(url: url).forEachRow(inSheet: "Dài") { row in
            count += 1
            last = row
        }
        #expect(count == 150_000 && last?.cells.first == "Trường số 149999")
        let xml = try XLSXInspection.part("xl/worksheets/sheet1.xml", of: url)
        #expect(xml.hasSuffix("<headerFooter differentFirst=\"1\"><oddHeader>&amp;C&amp;P</oddHeader></headerFooter></worksheet>"))
    }

    @Test func onlyTheLastBlockIsCompressedAgain() throws {
        let patched = try Self.compressedEntry(try write("patched.xlsx"), "xl/worksheets/sheet1.xml")
        let plain = try Self.compressedEntry(try write("plain.xlsx", firstPageToo: true), "xl/worksheets/sheet1.xml")
        let common = zip(patched, plain).prefix { $0 == $1 }.count
        #expect(plain.count > 100_000, "the sheet spans many deflate blocks: \(plain.count) bytes")
        #expect(Double(common) > 0.8 * Double(plain.count), "\(common) of \(plain.count) compressed bytes kept as they were")
        #expect(abs(patched.count - plain.count) < 2_048)
    }

    @Test(.enabled(if: XLSXInspection.openpyxlAvailable, "python3 with openpyxl is not installed"))
    func openpyxlSeesTheSetting() throws {
        let url = try write("openpyxl.xlsx")
        let output = try XLSXInspection.openpyxl("""
            import sys, openpyxl
            wb = openpyxl.load_workbook(sys.argv[1])
            for ws in wb.worksheets:
                print(ws.title, ws.HeaderFooter.differentFirst, ws.oddHeader.center.text, ws.max_row)
            """, file: url)
        #expect(output.split(separator: "\n").map(String.init) == ["Dài True &P 20000", "Ngắn True &P 1", "Trang đầu có số None &P 1"])
    }

    /// An entry's compressed bytes as stored.
    static func compressedEntry(_ url: URL, _ name: String) throws -> [UInt8] {
        let bytes = [UInt8](try Data(contentsOf: url))
        let directory = try #require(FirstPagePatch.Directory(bytes))
        let entry = try #require(directory.entries.first { $0.name == name })
        let start = entry.localOffset + 30 + ZipPackage.u16(bytes, entry.localOffset + 26) + ZipPackage.u16(bytes, entry.localOffset + 28)
        return Array(bytes[start..<(start + entry.compressedSize)])
    }

    @Test func aPackageItCannotReadIsLeftAsItIs() {
        #expect(FirstPagePatch.rewrite(Data("not a zip".utf8), parts: ["xl/worksheets/sheet1.xml"]) == nil)
        #expect(FirstPagePatch.rewrite(Data(count: 4096), parts: ["xl/worksheets/sheet1.xml"]) == nil)
    }
}
