import CDSReport
import Foundation
import TestSupport

/// Helpers of the hardening tests: the corpus of bad inputs, files made on the fly (binary,
/// huge or hostile inputs are generated rather than committed), hashes and child processes.
enum Hardening {
    /// `Tests/CDSReportTests/Fixtures/bad-inputs`: the small committed cases.
    static let corpus = Repository.fixtures.appendingPathComponent("bad-inputs")

    /// The registry the corpus's returns are written for (`0101002` TH, `0101003` TH;THCS …).
    static let units = Repository.fixtures.appendingPathComponent("province/units.csv")

    /// The bytes of a committed case.
    static func fixture(_ name: String) throws -> Data {
        try Data(contentsOf: corpus.appendingPathComponent(name))
    }

    /// A valid return for one school, to show that the run goes on past a bad file.
    static let goodReturn = ReturnCSV.text([ReturnCSV.validRow("0102001", "THCS")])

    // MARK: Generated cases

    /// Seeded bytes (xorshift), so that a failure can be replayed.
    static func randomBytes(_ count: Int, seed: UInt64) -> [UInt8] {
        var state = seed | 1
        return (0..<count).map { _ in
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return UInt8(truncatingIfNeeded: state >> 24)
        }
    }

    /// A return whose second line is `megabytes` MB long (one endless number).
    static func longLine(megabytes: Int) -> Data {
        var bytes = Array("unit_code,level,students\n0101002,TH,".utf8)
        bytes += [UInt8](repeating: UInt8(ascii: "7"), count: megabytes << 20)
        bytes += Array("\n".utf8)
        return Data(bytes)
    }

    /// A return with a NUL byte inside a value, as a broken export or a disk error leaves it.
    static let nulBytes = Data(Array("unit_code,level,students\n0101002,TH,3".utf8) + [0, 0] + Array("00\n".utf8))

    /// An OLE2 compound file: an encrypted `.xlsx` (`EncryptedPackage`) or an Excel 97-2003
    /// `.xls` (`Workbook`), by the stream name in its directory.
    static func compoundFile(stream: String) -> Data {
        var bytes: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]
        bytes += [UInt8](repeating: 0, count: 504)
        bytes += stream.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        bytes += [UInt8](repeating: 0, count: 1024)
        return Data(bytes)
    }

    // MARK: ZIP packages

    /// The parts of a minimal workbook with one sheet whose XML is `sheet`.
    static func workbookParts(sheet: [UInt8]) -> [(String, [UInt8])] {
        let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        let pkg = "http://schemas.openxmlformats.org/package/2006/relationships"
        return [
            ("[Content_Types].xml", Array("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>".utf8)),
            ("_rels/.rels", Array("<Relationships xmlns=\"\(pkg)\"><Relationship Id=\"rId1\" Type=\"\(rel)/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>".utf8)),
            ("xl/workbook.xml", Array("<workbook xmlns=\"\(main)\" xmlns:r=\"\(rel)\"><sheets><sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>".utf8)),
            ("xl/_rels/workbook.xml.rels", Array("<Relationships xmlns=\"\(pkg)\"><Relationship Id=\"rId1\" Type=\"\(rel)/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>".utf8)),
            ("xl/worksheets/sheet1.xml", sheet),
        ]
    }

    /// A ZIP bomb: a valid workbook whose sheet part inflates to `megabytes` MB of zeros while its
    /// directory claims 1,000 bytes, the way a crafted file lies. Made of deflate "copy 258 bytes
    /// at distance 1" codes (fixed Huffman), about 160:1.
    static func zipBomb(megabytes: Int) -> Data {
        var bits = BitWriter()
        bits.write(1, count: 1)  // BFINAL
        bits.write(1, count: 2)  // BTYPE 01: fixed Huffman
        bits.writeHuffman(0b0011_0000, count: 8)  // literal 0
        var produced = 1
        let total = megabytes << 20
        while produced + 258 <= total {
            bits.writeHuffman(0b1100_0101, count: 8)  // length code 285: 258 bytes
            bits.writeHuffman(0, count: 5)  // distance code 0: distance 1
            produced += 258
        }
        bits.writeHuffman(0, count: 7)  // end of block (256)
        return zip(workbookParts(sheet: []).dropLast().map { ($0.0, $0.1, nil) }
                   + [("xl/worksheets/sheet1.xml", bits.finished, (crc: 0, size: 1000))])
    }

    /// A ZIP file; entries are stored, or taken as raw deflate data with the given CRC and size.
    static func zip(_ entries: [(String, [UInt8], (crc: UInt32, size: Int)?)]) -> Data {
        var out: [UInt8] = []
        var directory: [UInt8] = []
        func u16(_ value: Int, _ into: inout [UInt8]) { into += [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF)] }
        func u32(_ value: Int, _ into: inout [UInt8]) {
            u16(value & 0xFFFF, &into)
            u16(value >> 16 & 0xFFFF, &into)
        }
        for (name, body, deflated) in entries {
            let method = deflated == nil ? 0 : 8
            let crc = Int(deflated?.crc ?? crc32(body))
            let size = deflated?.size ?? body.count
            let nameBytes = Array(name.utf8)
            let offset = out.count
            u32(0x0403_4B50, &out); u16(20, &out); u16(0, &out); u16(method, &out); u16(0, &out); u16(0, &out)
            u32(crc, &out); u32(body.count, &out); u32(size, &out); u16(nameBytes.count, &out); u16(0, &out)
            out += nameBytes + body
            u32(0x0201_4B50, &directory); u16(20, &directory); u16(20, &directory); u16(0, &directory)
            u16(method, &directory); u16(0, &directory); u16(0, &directory); u32(crc, &directory)
            u32(body.count, &directory); u32(size, &directory); u16(nameBytes.count, &directory)
            u16(0, &directory); u16(0, &directory); u16(0, &directory); u16(0, &directory); u32(0, &directory)
            u32(offset, &directory)
            directory += nameBytes
        }
        let directoryOffset = out.count
        out += directory
        u32(0x0605_4B50, &out); u16(0, &out); u16(0, &out); u16(entries.count, &out); u16(entries.count, &out)
        u32(directory.count, &out); u32(directoryOffset, &out); u16(0, &out)
        return Data(out)
    }

    /// CRC-32 (ZIP's), bitwise: the test's own, independent of zlib.
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    /// Deflate's bit order: values least significant bit first, Huffman codes most significant first.
    struct BitWriter {
        var bytes: [UInt8] = []
        private var current: UInt8 = 0
        private var used = 0

        mutating func write(_ value: Int, count: Int) {
            for index in 0..<count { push(value >> index & 1) }
        }

        mutating func writeHuffman(_ code: Int, count: Int) {
            for index in stride(from: count - 1, through: 0, by: -1) { push(code >> index & 1) }
        }

        private mutating func push(_ bit: Int) {
            current |= UInt8(bit) << used
            used += 1
            if used == 8 {
                bytes.append(current)
                current = 0
                used = 0
            }
        }

        /// The bytes with the last partial byte flushed.
        var finished: [UInt8] { used > 0 ? bytes + [current] : bytes }
    }

    // MARK: Files and processes

    /// SHA-256-free fingerprint of every file under a folder: path, size and FNV-1a of the bytes
    /// (enough to see any change; the folder is the test's own).
    static func fingerprints(_ folder: URL) throws -> [String: String] {
        var result: [String: String] = [:]
        let base = folder.resolvingSymlinksInPath().path
        guard let walk = FileManager.default.enumerator(at: folder.resolvingSymlinksInPath(), includingPropertiesForKeys: nil) else { return result }
        for case let url as URL in walk {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            let data = try Data(contentsOf: url)
            var hash: UInt64 = 0xCBF2_9CE4_8422_2325
            for byte in data {
                hash ^= UInt64(byte)
                hash = hash &* 0x100_0000_01B3
            }
            let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
            let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            result[String(url.path.dropFirst(base.count))] = "\(data.count):\(String(hash, radix: 16)):\(modified)"
        }
        return result
    }

    /// Runs a command, waiting for it; its output is discarded unless asked for.
    @discardableResult
    static func shell(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// The peak resident memory (MB) of the binary run with `arguments`, measured by Python's
    /// `resource` module around it, with its status; `nil` when Python is not available.
    static func peakMemory(_ arguments: [String]) throws -> (status: Int32, megabytes: Int)? {
        guard let binary = CLI.binary else { return nil }
        let script = """
            import os, resource, subprocess, sys
            env = dict(os.environ, CDS_REPORT_INDICATORS=sys.argv[1])
            code = subprocess.run(sys.argv[2:], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
            print(code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)
            """
        guard let (status, output) = try? shell("/usr/bin/env", ["python3", "-c", script, Repository.indicators.path, binary.path] + arguments),
              status == 0
        else { return nil }
        let parts = output.split(whereSeparator: \.isWhitespace).compactMap { Int($0) }
        guard parts.count == 2 else { return nil }
        return (Int32(parts[0]), parts[1])
    }
}
