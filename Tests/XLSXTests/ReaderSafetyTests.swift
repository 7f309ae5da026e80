import Foundation
import Testing
import XLSX

/// Files that are not what they claim: each gives one clear ``XLSXReadError``, quickly and
/// in bounded memory, so that a run over a folder of returns goes on with the others.
@Suite struct ReaderSafetyTests {
    typealias Support = ReaderSupport

    /// A valid small workbook's bytes.
    static func validWorkbook() throws -> [UInt8] {
        let url = try Support.folder("valid").appendingPathComponent("valid.xlsx")
        let rows = (1...200).map { "<row r=\"\($0)\"><c t=\"inlineStr\"><is><t>Trường số \($0)</t></is></c><c><v>\($0)</v></c></row>" }
        try Support.zip(Support.workbookParts(sheets: [("S", "<sheetData>\(rows.joined())</sheetData>")]), to: url)
        return [UInt8](try Data(contentsOf: url))
    }

    static func open(_ bytes: [UInt8], limits: XLSXReader.Limits = .default) -> XLSXReadError? {
        Support.readError {
            let reader = try XLSXReader(data: Data(bytes), limits: limits)
            _ = try Support.rows(reader)
        }
    }

    @Test func randomBytesAreNotAWorkbook() throws {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<100_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let error = Self.open(bytes)
        #expect(error?.kind == .notAWorkbook)
        #expect(error?.description.hasPrefix("Tệp không phải tệp Excel .xlsx hợp lệ") == true)
        #expect(Self.open([])?.kind == .notAWorkbook)
        #expect(Self.open(Array("Mã đơn vị,Cấp học\n031205,THCS\n".utf8))?.kind == .notAWorkbook, "a CSV renamed .xlsx")
        let missing = Support.readError { _ = try XLSXReader(url: URL(fileURLWithPath: "/nonexistent/tra-ve.xlsx")) }
        #expect(missing?.kind == .notAWorkbook)
    }

    @Test(arguments: [0.5, 0.9, 0.99])
    func truncatedCopiesAreTruncated(_ fraction: Double) throws {
        let bytes = try Self.validWorkbook()
        let cut = Array(bytes.prefix(Int(Double(bytes.count) * fraction)))
        let error = Self.open(cut)
        #expect(error?.kind == .truncated)
        #expect(error?.description.contains("cắt cụt") == true)
    }

    /// An entry whose compressed data stops before its deflate stream ends, with the ZIP
    /// directory intact: ZIPFoundation's own `extract` would spin for ever on Linux here.
    /// What the cut stream inflates to before its end decides between the two kinds.
    @Test(.timeLimit(.minutes(1)), arguments: [2, 3, 10])
    func anEntryCutShortInsideAnIntactPackageStopsWithAFinding(_ divisor: UInt32) throws {
        var bytes = try Self.validWorkbook()
        let record = try #require(Support.centralRecord(of: "xl/worksheets/sheet1.xml", in: bytes))
        let compressed = Support.readUInt32(bytes, record + 20)
        Support.writeUInt32(compressed / divisor, &bytes, record + 20)
        let kind = Self.open(bytes)?.kind
        #expect(kind == .truncated || kind == .malformed, "got \(String(describing: kind))")
    }

    @Test func damagedCompressedDataIsMalformed() throws {
        var bytes = try Self.validWorkbook()
        let local = try #require(Support.localHeader(of: "xl/worksheets/sheet1.xml", in: bytes))
        let record = try #require(Support.centralRecord(of: "xl/worksheets/sheet1.xml", in: bytes))
        let size = Int(Support.readUInt32(bytes, record + 20))
        let dataStart = local + 30 + Int(bytes[local + 26]) + Int(bytes[local + 28])
        for offset in stride(from: dataStart + size / 3, to: dataStart + size / 3 + 40, by: 1) { bytes[offset] ^= 0x5A }
        let kind = Self.open(bytes)?.kind
        #expect(kind == .malformed || kind == .truncated, "got \(String(describing: kind))")
    }

    @Test func olePackagesAreEncryptedOrLegacy() throws {
        func compound(_ streams: [String]) -> [UInt8] {
            var bytes: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504)
            for name in streams { bytes += name.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] } + [0, 0] }
            return bytes + [UInt8](repeating: 0, count: 1024)
        }
        let encrypted = Self.open(compound(["EncryptionInfo", "EncryptedPackage"]))
        #expect(encrypted?.kind == .encrypted)
        #expect(encrypted?.description == "Tệp Excel được đặt mật khẩu (mã hóa); hãy bỏ mật khẩu rồi gửi lại.")
        let legacy = Self.open(compound(["Workbook", "SummaryInformation"]))
        #expect(legacy?.kind == .notAWorkbook)
        #expect(legacy?.description.hasPrefix("Tệp .xls (Excel 97-2003) chưa được hỗ trợ") == true)
        #expect(Self.open(compound(["WordDocument"]))?.kind == .notAWorkbook)
    }

    @Test func encryptedZipEntriesAreEncrypted() throws {
        var bytes = try Self.validWorkbook()
        let record = try #require(Support.centralRecord(of: "xl/worksheets/sheet1.xml", in: bytes))
        bytes[record + 8] |= 1
        #expect(Self.open(bytes)?.kind == .encrypted)
    }

    @Test func aZipWithoutAWorkbookIsNotAWorkbook() throws {
        let url = try Support.folder("noworkbook").appendingPathComponent("document.xlsx")
        try Support.zip([("word/document.xml", Data("<w:document/>".utf8)), ("hello.txt", Data("xin chào".utf8))], to: url)
        let error = Support.readError { _ = try XLSXReader(url: url) }
        #expect(error?.kind == .notAWorkbook)
    }

    /// 5 MB of zeros deflate to a few kilobytes; with a 1 MB limit the stream is stopped
    /// as soon as it passes the limit, whether the directory tells the truth or lies.
    @Test(arguments: [false, true])
    func aZipBombIsTooLarge(_ lyingDirectory: Bool) throws {
        let zeros = Data(count: 5_000_000)
        var parts = Support.workbookParts(sheets: [("S", "<sheetData/>")])
        parts = parts.map { $0.0 == "xl/worksheets/sheet1.xml" ? ($0.0, zeros) : $0 }
        let url = try Support.folder("bomb").appendingPathComponent("bomb.xlsx")
        try Support.zip(parts, to: url)
        var bytes = [UInt8](try Data(contentsOf: url))
        #expect(bytes.count < 100_000)
        if lyingDirectory {
            let record = try #require(Support.centralRecord(of: "xl/worksheets/sheet1.xml", in: bytes))
            let local = try #require(Support.localHeader(of: "xl/worksheets/sheet1.xml", in: bytes))
            Support.writeUInt32(1_000, &bytes, record + 24)
            Support.writeUInt32(1_000, &bytes, local + 22)
        }
        let limits = XLSXReader.Limits(maxEntryBytes: 1_000_000)
        let error = Self.open(bytes, limits: limits)
        #expect(error?.kind == .tooLarge)
        #expect(error?.detail.contains("xl/worksheets/sheet1.xml") == true)
        // The total limit counts every part.
        #expect(Self.open(bytes, limits: XLSXReader.Limits(maxTotalBytes: 2_000_000))?.kind == .tooLarge)
    }

    static let billionLaughs = """
        <?xml version="1.0"?>
        <!DOCTYPE lolz [
          <!ENTITY lol "lol">
          <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
          <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
          <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
        ]>
        <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>\
        <row r="1"><c t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>
        """

    @Test func entityDeclarationsAreRefused() throws {
        let reader = try Support.reader(sheets: [("S", Self.billionLaughs)])
        let error = Support.readError { _ = try Support.rows(reader) }
        #expect(error?.kind == .entityDeclaration)
        #expect(error?.description.contains("DOCTYPE") == true)
        #expect(Support.readError { _ = try reader.mergedRanges(inSheet: nil) }?.kind == .entityDeclaration)

        // In a part read when opening, the workbook cannot be opened.
        let url = try Support.folder("entities").appendingPathComponent("entities.xlsx")
        let parts = Support.workbookParts(sheets: [("S", "<sheetData/>")], sharedStrings: "<si><t>a</t></si>").map { part in
            part.0 == "xl/sharedStrings.xml"
                ? (part.0, Data("<!DOCTYPE sst SYSTEM \"file:///etc/passwd\"><sst><si><t>a</t></si></sst>".utf8))
                : part
        }
        try Support.zip(parts, to: url)
        #expect(Support.readError { _ = try XLSXReader(url: url) }?.kind == .entityDeclaration)
    }

    /// Entries named to climb out of a folder are never reachable, and nothing is written
    /// to disk: the relationship that points at one finds no sheet.
    @Test func pathTraversalEntriesAreIgnored() throws {
        let folder = try Support.folder("traversal")
        let inner = folder.appendingPathComponent("inner", isDirectory: true)
        try FileManager.default.createDirectory(at: inner, withIntermediateDirectories: true)
        var parts = Support.workbookParts(sheets: [("S", "<sheetData><row><c><v>1</v></c></row></sheetData>"),
                                                   ("Evil", "<sheetData/>")])
        parts = parts.map { part in
            guard part.0 == "xl/_rels/workbook.xml.rels" else { return part }
            let text = String(decoding: part.1, as: UTF8.self)
                .replacingOccurrences(of: "worksheets/sheet2.xml", with: "../../evil.xml")
            return (part.0, Data(text.utf8))
        }
        parts.append(("../../evil.xml", Data("<worksheet><sheetData><row><c><v>666</v></c></row></sheetData></worksheet>".utf8)))
        parts.append(("/etc/evil.xml", Data("<worksheet/>".utf8)))
        let url = inner.appendingPathComponent("traversal.xlsx")
        try Support.zip(parts, to: url)
        let before = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        let reader = try XLSXReader(url: url)
        #expect(try Support.grid(reader) == [1: ["1"]])
        #expect(Support.readError { _ = try Support.rows(reader, "Evil") }?.kind == .missingSheet)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == before)
        #expect(!FileManager.default.fileExists(atPath: folder.deletingLastPathComponent().appendingPathComponent("evil.xml").path))
    }

    /// A sheet formatted down to row 1,000,000 with nothing in it: no row comes out, and
    /// reading it costs one pass without an allocation per row.
    @Test(.timeLimit(.minutes(1)))
    func aMillionEmptyStyledRowsReadQuicklyAsNothing() throws {
        var xml: [UInt8] = []
        xml.reserveCapacity(45_000_000)
        xml += Array("<?xml version=\"1.0\"?><worksheet xmlns=\"\(Support.mainNamespace)\"><sheetData>".utf8)
        let prefix = Array("<row r=\"".utf8), suffix = Array("\" s=\"1\" customFormat=\"1\"/>".utf8)
        for number in 1...1_000_000 {
            xml += prefix
            xml += Array(String(number).utf8)
            xml += suffix
        }
        xml += Array("</sheetData><mergeCells><mergeCell ref=\"A1:C1\"/></mergeCells></worksheet>".utf8)
        var parts = Support.workbookParts(sheets: [("S", "<sheetData/>")], styles: "<cellXfs><xf/><xf/></cellXfs>")
        parts = parts.map { $0.0 == "xl/worksheets/sheet1.xml" ? ($0.0, Data(xml)) : $0 }
        let url = try Support.folder("million").appendingPathComponent("million.xlsx")
        try Support.zip(parts, to: url)
        let reader = try XLSXReader(url: url)
        let start = Date()
        var rows = 0
        try reader.forEachRow(inSheet: nil) { _ in rows += 1 }
        let seconds = Date().timeIntervalSince(start)
        #expect(rows == 0)
        #expect(try reader.mergedRanges(inSheet: "S") == [CellRange("A1:C1")!])
        // Generous for a debug build on a shared machine; a release build takes a fraction of a second.
        #expect(seconds < 30, "took \(seconds) s")
    }
}
