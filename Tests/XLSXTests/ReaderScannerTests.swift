import Foundation
import Testing
@testable import XLSX

/// The XML scanner gives the same rows however the inflated bytes are cut into chunks:
/// a tag, an entity, a comment or a CDATA marker may straddle any two chunks.
@Suite struct ReaderScannerTests {
    static let sheet = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r
        <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><!-- a <comment> -->\
        <dimension ref="A1:XFD1048576"/><sheetData>\
        <row r="1" spans="1:3"><c r="A1" t="s"><v>1</v></c><c r="B1" t="inlineStr"><is><t>a &amp; b &#7879;</t></is></c></row>\
        <row r="2"/><row r="3" s="2" customFormat="1"><c r="A3" s="2"/></row>\
        <row r="4"><c r="C4" s="1"><v>45565.25</v></c><c r="D4" t='str'><f>A1&amp;""</f><v><![CDATA[x]]]]><![CDATA[>y & z]]></v></c></row>\
        <row r="5"><c r="A5"><v>1.234E3</v></c><c r="B5" t="b"><v>1</v></c><?pi ?><c r="E5" t="e"><v>#REF!</v></c></row>\
        </sheetData><mergeCells count="2"><mergeCell ref="A1:B1"/><mergeCell ref="C4:D5"/></mergeCells></worksheet>
        """

    static let expected = [
        XLSXRow(number: 1, cells: ["Trường", "a & b ệ"]),
        XLSXRow(number: 4, cells: ["", "", "2024-09-30 06:00:00", "x]]>y & z"]),
        XLSXRow(number: 5, cells: ["1234", "TRUE", "", "", "#REF!"]),
    ]

    static func read(chunkSize: Int) throws -> ([XLSXRow], [CellRange]) {
        var handler = SheetHandler(part: "sheet.xml", sharedStrings: ["x", "Trường"], dateStyles: [false, true, false],
                                   date1904: false, limits: .default, readsCells: true)
        var scanner = XMLScanner(part: "sheet.xml", maxTagBytes: 1 << 20)
        var rows: [XLSXRow] = []
        let bytes = Array(sheet.utf8)
        var offset = 0
        while offset < bytes.count {
            let end = min(bytes.count, offset + chunkSize)
            try bytes[offset..<end].withUnsafeBytes { try scanner.feed($0, &handler) }
            rows += handler.ready
            handler.ready.removeAll()
            offset = end
        }
        try scanner.finish()
        rows += handler.ready
        return (rows, handler.merges)
    }

    @Test(arguments: [1, 2, 3, 5, 7, 13, 64, 100_000])
    func sameRowsForEveryChunkSize(_ chunkSize: Int) throws {
        let (rows, merges) = try Self.read(chunkSize: chunkSize)
        #expect(rows == Self.expected)
        #expect(merges == [CellRange("A1:B1")!, CellRange("C4:D5")!])
    }

    @Test func markupCutOffAtTheEndIsMalformed() throws {
        for text in ["<worksheet><sheetData><row r=\"1\"", "<worksheet><!-- open", "<a><![CDATA[x"] {
            var handler = SheetHandler(part: "p", sharedStrings: [], dateStyles: [], date1904: false,
                                       limits: .default, readsCells: true)
            var scanner = XMLScanner(part: "p", maxTagBytes: 1 << 20)
            try Array(text.utf8).withUnsafeBytes { try scanner.feed($0, &handler) }
            #expect(throws: XLSXReadError.self) { try scanner.finish() }
        }
    }

    @Test func declarationsAreRefusedWhereverTheyStart() throws {
        for chunkSize in [1, 4, 8, 1000] {
            var handler = SheetHandler(part: "p", sharedStrings: [], dateStyles: [], date1904: false,
                                       limits: .default, readsCells: true)
            var scanner = XMLScanner(part: "p", maxTagBytes: 1 << 20)
            let bytes = Array("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"b\">]><x>&a;</x>".utf8)
            let error = Support.readError {
                var offset = 0
                while offset < bytes.count {
                    let end = min(bytes.count, offset + chunkSize)
                    try bytes[offset..<end].withUnsafeBytes { try scanner.feed($0, &handler) }
                    offset = end
                }
                try scanner.finish()
            }
            #expect(error?.kind == .entityDeclaration, "chunk size \(chunkSize)")
        }
    }

    @Test func anEndlessTagIsTooLarge() throws {
        var handler = SheetHandler(part: "p", sharedStrings: [], dateStyles: [], date1904: false,
                                   limits: .default, readsCells: true)
        var scanner = XMLScanner(part: "p", maxTagBytes: 10_000)
        let chunk = Array(String(repeating: "a=\"1\" ", count: 1_000).utf8)
        let error = Support.readError {
            try Array("<row ".utf8).withUnsafeBytes { try scanner.feed($0, &handler) }
            for _ in 0..<10 { try chunk.withUnsafeBytes { try scanner.feed($0, &handler) } }
        }
        #expect(error?.kind == .tooLarge)
    }

    typealias Support = ReaderSupport
}
