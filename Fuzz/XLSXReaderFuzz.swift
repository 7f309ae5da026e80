// libFuzzer target: the streaming XLSX reader (Sources/XLSX/Reader) through WorkbookTableReader,
// as `run` reads a workbook return, plus the merged ranges the registry reader asks for.
// Built by Fuzz/build.sh with the sources of Sources/CDSReport/Read in the same module.
//
// Two kinds of input:
// - a whole file (it starts with `PK` or the OLE2 signature): the ZIP layer, inflating, limits;
// - anything else: the first byte picks one part of a small valid workbook (the sheet, the
//   shared strings, the styles, the workbook, its relationships) and the rest replaces that
//   part's XML inside a stored (uncompressed) package with correct CRCs. Mutating XML inside a
//   ZIP by chance almost never survives the CRC check, so this is what reaches the XML scanner
//   and the handlers.
// The reader's shipped limits are used as they are: the fuzzer tests what users get. A failure
// must be an XLSXReadError (or UnreadableFile) with a clerk's message, never a crash or a hang.
import CZlib
import Foundation
import XLSX

private let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
private let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
private let package = "http://schemas.openxmlformats.org/package/2006/relationships"

/// The parts of a valid workbook with one sheet, by name, in package order.
private let defaultParts: [(String, String)] = [
    ("[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"),
    ("_rels/.rels", "<Relationships xmlns=\"\(package)\"><Relationship Id=\"rId1\" Type=\"\(relationships)/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"),
    ("xl/workbook.xml", "<workbook xmlns=\"\(main)\" xmlns:r=\"\(relationships)\"><workbookPr date1904=\"0\"/><sheets><sheet name=\"Báo cáo\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"),
    ("xl/_rels/workbook.xml.rels", "<Relationships xmlns=\"\(package)\"><Relationship Id=\"rId1\" Type=\"\(relationships)/worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" Type=\"\(relationships)/sharedStrings\" Target=\"sharedStrings.xml\"/><Relationship Id=\"rId3\" Type=\"\(relationships)/styles\" Target=\"styles.xml\"/></Relationships>"),
    ("xl/styles.xml", "<styleSheet xmlns=\"\(main)\"><numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy\"/></numFmts><cellXfs count=\"2\"><xf numFmtId=\"0\"/><xf numFmtId=\"164\"/></cellXfs></styleSheet>"),
    ("xl/sharedStrings.xml", "<sst xmlns=\"\(main)\" count=\"3\" uniqueCount=\"3\"><si><t>unit_code</t></si><si><r><t>Cấp </t></r><r><t>học</t></r></si><si><t>THCS</t><rPh><t>x</t></rPh></si></sst>"),
    ("xl/worksheets/sheet1.xml", "<worksheet xmlns=\"\(main)\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c><c r=\"C1\" t=\"inlineStr\"><is><t>students</t></is></c></row><row r=\"2\"><c r=\"A2\" t=\"str\"><f>A1</f><v>031205</v></c><c r=\"B2\" t=\"s\"><v>2</v></c><c r=\"C2\"><v>1234.0</v></c><c r=\"D2\" s=\"1\"><v>45000.5</v></c><c r=\"E2\" t=\"b\"><v>1</v></c></row></sheetData><mergeCells count=\"1\"><mergeCell ref=\"A1:B1\"/></mergeCells></worksheet>"),
]

/// The parts the first byte of a wrapped input can replace.
private let fuzzedParts = ["xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/styles.xml", "xl/workbook.xml",
                           "xl/_rels/workbook.xml.rels", "_rels/.rels"]

/// A ZIP file of stored entries, in order, with correct sizes and CRCs.
private func storedZip(_ entries: [(String, [UInt8])]) -> Data {
    var out: [UInt8] = []
    var directory: [UInt8] = []
    func u16(_ value: Int, _ into: inout [UInt8]) { into += [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF)] }
    func u32(_ value: Int, _ into: inout [UInt8]) { u16(value & 0xFFFF, &into); u16(value >> 16 & 0xFFFF, &into) }
    for (name, body) in entries {
        let crc = body.withUnsafeBufferPointer { Int(crc32(0, $0.baseAddress, uInt($0.count))) }
        let offset = out.count
        let nameBytes = Array(name.utf8)
        u32(0x0403_4B50, &out); u16(20, &out); u16(0, &out); u16(0, &out); u16(0, &out); u16(0, &out)
        u32(crc, &out); u32(body.count, &out); u32(body.count, &out); u16(nameBytes.count, &out); u16(0, &out)
        out += nameBytes
        out += body
        u32(0x0201_4B50, &directory); u16(20, &directory); u16(20, &directory); u16(0, &directory); u16(0, &directory)
        u16(0, &directory); u16(0, &directory); u32(crc, &directory); u32(body.count, &directory); u32(body.count, &directory)
        u16(nameBytes.count, &directory); u16(0, &directory); u16(0, &directory); u16(0, &directory); u16(0, &directory)
        u32(0, &directory); u32(offset, &directory)
        directory += nameBytes
    }
    let directoryOffset = out.count
    out += directory
    u32(0x0605_4B50, &out); u16(0, &out); u16(0, &out); u16(entries.count, &out); u16(entries.count, &out)
    u32(directory.count, &out); u32(directoryOffset, &out); u16(0, &out)
    return Data(out)
}

/// The workbook the input stands for.
private func workbook(_ data: UnsafePointer<UInt8>, _ size: Int) -> Data {
    let raw = UnsafeBufferPointer(start: data, count: size)
    if size >= 2, raw[0] == 0x50, raw[1] == 0x4B { return Data(raw) }
    if size >= 1, raw[0] == 0xD0 { return Data(raw) }
    guard size >= 1 else { return Data() }
    let replaced = fuzzedParts[Int(raw[0]) % fuzzedParts.count]
    let body = Array(raw.dropFirst())
    return storedZip(defaultParts.map { name, xml in (name, name == replaced ? body : Array(xml.utf8)) })
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = workbook(data, size)
    switch WorkbookTableReader.read(bytes, file: "fuzz.xlsx", isKey: { $0.lowercased() == "unit_code" }) {
    case .success(let table):
        for row in table.rows { precondition(row.number >= 1, "Excel rows start at 1") }
    case .failure(let problem):
        precondition(!problem.message.isEmpty, "an unreadable workbook needs a message")
    }
    if let reader = try? XLSXReader(data: bytes) {
        for name in reader.sheetNames {
            if let ranges = try? reader.mergedRanges(inSheet: name) { _ = ranges.count }
        }
    }
    return 0
}
