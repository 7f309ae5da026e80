import Foundation
import ZIPFoundation
#if canImport(CZlib)
import CZlib
#endif

/// The bytes of a package, read at given offsets: a file (with `pread`, never loaded whole)
/// or `Data` already in memory.
///
/// A class so that copies of an ``XLSXReader`` share one open file, closed when the last
/// copy goes. `pread` takes no shared file position, so concurrent reads are safe.
final class PackageBytes: @unchecked Sendable {
    private enum Storage {
        case file(Int32)
        case memory(Data)
    }

    private let storage: Storage
    /// The package's size in bytes.
    let count: Int

    /// Opens a file for reading.
    ///
    /// - Throws: ``XLSXReadError/Kind/notAWorkbook`` if the path cannot be opened as a
    ///   regular file (missing, a folder, no permission).
    init(url: URL) throws(XLSXReadError) {
        let descriptor = open(url.path, O_RDONLY)
        guard descriptor >= 0 else {
            let reason = String(cString: strerror(errno))
            throw XLSXReadError(.notAWorkbook, detail: "cannot open \(url.path): \(reason)")
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else {
            close(descriptor)
            throw XLSXReadError(.notAWorkbook, detail: "\(url.path) is not a regular file")
        }
        storage = .file(descriptor)
        count = Int(status.st_size)
    }

    /// Wraps bytes in memory.
    init(data: Data) {
        storage = .memory(data)
        count = data.count
    }

    deinit {
        if case .file(let descriptor) = storage { close(descriptor) }
    }

    /// Exactly `length` bytes from `offset`.
    ///
    /// - Throws: ``XLSXReadError/Kind/truncated`` if the package ends first, or
    ///   ``XLSXReadError/Kind/malformed`` for a read error.
    func read(at offset: Int, count length: Int) throws(XLSXReadError) -> Data {
        guard offset >= 0, length >= 0, offset <= count, length <= count - offset else {
            throw XLSXReadError(.truncated, detail: "\(length) bytes at offset \(offset) lie past the end of the \(count)-byte file")
        }
        switch storage {
        case .memory(let data):
            let start = data.startIndex + offset
            return data.subdata(in: start..<start + length)
        case .file(let descriptor):
            var result = Data(count: length)
            var failure: Int32 = 0
            let got = result.withUnsafeMutableBytes { buffer -> Int in
                var done = 0
                while done < length {
                    let n = pread(descriptor, buffer.baseAddress! + done, length - done, off_t(offset + done))
                    if n < 0 {
                        if errno == EINTR { continue }
                        failure = errno
                        break
                    }
                    if n == 0 { break }
                    done += n
                }
                return done
            }
            if failure != 0 {
                throw XLSXReadError(.malformed, detail: "read error at offset \(offset): \(String(cString: strerror(failure)))")
            }
            guard got == length else {
                throw XLSXReadError(.truncated, detail: "the file ended at \(offset + got) while reading \(length) bytes at \(offset)")
            }
            return result
        }
    }
}

/// One file in the package, as the ZIP central directory describes it.
struct ZipEntry: Sendable {
    /// The entry's name as stored (with `\` turned into `/`).
    let name: String
    let flags: UInt16
    let method: UInt16
    let crc32: UInt32
    let compressedSize: Int
    let uncompressedSize: Int
    let localHeaderOffset: Int
}

/// The running count of inflated bytes against ``XLSXReader/Limits``.
struct InflateBudget {
    /// Bytes inflated so far in this reading (parts read when opening, plus this pass).
    var total: Int
    let maxTotal: Int
    let maxEntry: Int
}

/// The package's ZIP directory and the streaming of one entry's contents.
///
/// Why not `Archive.extract(_:consumer:)`: on Linux, ZIPFoundation 0.9.20 inflates in a
/// loop that only ends at the end of the deflate stream; when the file ends first (a
/// crafted or damaged entry) its provider returns no bytes and the loop spins forever
/// (weichsel/ZIPFoundation PR #389). Here ZIPFoundation still inflates
/// (`Data.decompress`), but from a provider that hands out exactly the entry's compressed
/// bytes and throws when asked for more, so a stream that runs past its entry is a
/// ``XLSXReadError/Kind/truncated`` finding instead of a hang. Reading the central
/// directory here is what gives the entry's offset, which ZIPFoundation keeps private.
struct ZipPackage: Sendable {
    /// The eight bytes every OLE2 compound file (`.xls`, `.doc`, an encrypted `.xlsx`) starts with.
    static let oleSignature: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]

    let bytes: PackageBytes
    /// Entries by lower-cased name: OPC part names compare without case.
    private let entries: [String: ZipEntry]

    /// Reads the central directory.
    ///
    /// - Throws: ``XLSXReadError`` of kind `notAWorkbook` (not a ZIP, an `.xls`),
    ///   `encrypted` (an OLE2 `EncryptedPackage`), `truncated` (no end-of-directory record,
    ///   a directory past the end of the file) or `malformed`.
    init(bytes: PackageBytes, limits: XLSXReader.Limits) throws(XLSXReadError) {
        self.bytes = bytes
        guard bytes.count >= 4 else {
            throw XLSXReadError(.notAWorkbook, detail: "the file has \(bytes.count) bytes, too few for a ZIP package")
        }
        let head = [UInt8](try bytes.read(at: 0, count: min(8, bytes.count)))
        if head == Self.oleSignature {
            throw try Self.classifyCompoundFile(bytes, limit: limits.maxTotalBytes)
        }
        // A workbook starts with a local file header; an empty ZIP with the end record.
        guard head.starts(with: [0x50, 0x4B, 0x03, 0x04]) || head.starts(with: [0x50, 0x4B, 0x05, 0x06]) else {
            let shown = head.prefix(4).map { String($0, radix: 16) }.joined(separator: " ")
            throw XLSXReadError(.notAWorkbook, detail: "the file starts with \(shown), not a ZIP signature")
        }
        entries = try Self.readDirectory(bytes)
    }

    /// The entry for a part name (any case, `/` or `\`), or `nil`.
    func entry(_ name: String) -> ZipEntry? {
        entries[Self.key(name)]
    }

    /// The names of all entries kept (path-traversal names are left out).
    var entryNames: [String] { entries.values.map(\.name).sorted() }

    private static func key(_ name: String) -> String {
        name.replacingOccurrences(of: "\\", with: "/").lowercased()
    }

    // MARK: OLE2

    /// Tells an encrypted `.xlsx` from an `.xls` or another OLE2 file by the stream names
    /// in its directory (UTF-16LE): scanning the bytes is enough, and bounded.
    private static func classifyCompoundFile(_ bytes: PackageBytes, limit: Int) throws(XLSXReadError) -> XLSXReadError {
        func utf16(_ text: String) -> [UInt8] { text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] } }
        let encrypted = utf16("EncryptedPackage")
        let workbook = utf16("Workbook")
        let book = utf16("Book")
        var foundWorkbook = false
        let window = 1 << 20
        let overlap = encrypted.count
        var offset = 0
        let end = min(bytes.count, limit)
        while offset < end {
            let length = min(window + overlap, end - offset)
            let chunk = [UInt8](try bytes.read(at: offset, count: length))
            if contains(chunk, encrypted) {
                return XLSXReadError(.encrypted, detail: "OLE2 compound file with an EncryptedPackage stream (a password-protected workbook)")
            }
            if !foundWorkbook, contains(chunk, workbook) || contains(chunk, book) { foundWorkbook = true }
            offset += window
        }
        return foundWorkbook
            ? .legacyExcel(detail: "OLE2 compound file with a Workbook stream: an Excel 97-2003 .xls file")
            : XLSXReadError(.notAWorkbook, detail: "OLE2 compound file (a .doc, .xls or similar), not an .xlsx package")
    }

    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, haystack.count >= needle.count else { return false }
        var index = 0
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == first, haystack[index..<index + needle.count].elementsEqual(needle) { return true }
            index += 1
        }
        return false
    }

    // MARK: Central directory

    /// Little-endian fields of ZIP records (also used by ``FirstPagePatch``).
    static func u16(_ data: [UInt8], _ at: Int) -> Int { Int(data[at]) | Int(data[at + 1]) << 8 }
    static func u32(_ data: [UInt8], _ at: Int) -> Int { u16(data, at) | u16(data, at + 2) << 16 }
    private static func u64(_ data: [UInt8], _ at: Int) -> UInt64 {
        UInt64(u32(data, at)) | UInt64(u32(data, at + 4)) << 32
    }

    /// Why a cap on the directory: a return has a dozen parts; a directory claiming
    /// millions of entries would only cost memory.
    private static let maxEntries = 65_536
    private static let maxDirectoryBytes = 64 << 20

    private static func readDirectory(_ bytes: PackageBytes) throws(XLSXReadError) -> [String: ZipEntry] {
        // The end record is the last 22 bytes plus a comment of at most 65,535 bytes.
        let tailLength = min(bytes.count, 22 + 0xFFFF)
        let tailStart = bytes.count - tailLength
        let tail = [UInt8](try bytes.read(at: tailStart, count: tailLength))
        var recordAt: Int?
        var index = tail.count - 22
        while index >= 0 {
            if tail[index] == 0x50, tail[index + 1] == 0x4B, tail[index + 2] == 0x05, tail[index + 3] == 0x06,
               index + 22 + u16(tail, index + 20) <= tail.count
            {
                recordAt = index
                break
            }
            index -= 1
        }
        guard let record = recordAt else {
            throw XLSXReadError(.truncated, detail: "no ZIP end-of-central-directory record: the file is cut short")
        }
        var entryCount = u16(tail, record + 10)
        var directorySize = u32(tail, record + 12)
        var directoryOffset = u32(tail, record + 16)
        if entryCount == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF {
            // ZIP64: a locator just before the end record points to the ZIP64 end record.
            let locatorAt = tailStart + record - 20
            guard locatorAt >= 0 else { throw XLSXReadError(.malformed, detail: "ZIP64 locator missing") }
            let locator = [UInt8](try bytes.read(at: locatorAt, count: 20))
            guard locator.starts(with: [0x50, 0x4B, 0x06, 0x07]) else {
                throw XLSXReadError(.malformed, detail: "ZIP64 locator missing")
            }
            let zip64At = u64(locator, 8)
            guard zip64At < UInt64(bytes.count) else {
                throw XLSXReadError(.truncated, detail: "ZIP64 end record lies past the end of the file")
            }
            let zip64 = [UInt8](try bytes.read(at: Int(zip64At), count: 56))
            guard zip64.starts(with: [0x50, 0x4B, 0x06, 0x06]) else {
                throw XLSXReadError(.malformed, detail: "ZIP64 end record has a wrong signature")
            }
            let count64 = u64(zip64, 32), size64 = u64(zip64, 40), offset64 = u64(zip64, 48)
            guard count64 <= UInt64(maxEntries), size64 <= UInt64(maxDirectoryBytes), offset64 <= UInt64(bytes.count) else {
                throw XLSXReadError(.tooLarge, detail: "ZIP64 directory of \(count64) entries, \(size64) bytes")
            }
            entryCount = Int(count64)
            directorySize = Int(size64)
            directoryOffset = Int(offset64)
        }
        guard entryCount <= maxEntries, directorySize <= maxDirectoryBytes else {
            throw XLSXReadError(.tooLarge, detail: "ZIP directory of \(entryCount) entries, \(directorySize) bytes")
        }
        guard directoryOffset <= bytes.count, directorySize <= bytes.count - directoryOffset else {
            throw XLSXReadError(.truncated, detail: "the ZIP directory (\(directorySize) bytes at \(directoryOffset)) lies past the end of the \(bytes.count)-byte file")
        }
        let directory = [UInt8](try bytes.read(at: directoryOffset, count: directorySize))
        var entries: [String: ZipEntry] = [:]
        var at = 0
        for _ in 0..<entryCount {
            guard at + 46 <= directory.count,
                  directory[at] == 0x50, directory[at + 1] == 0x4B, directory[at + 2] == 0x01, directory[at + 3] == 0x02
            else {
                throw XLSXReadError(.malformed, detail: "ZIP directory entry at \(directoryOffset + at) has a wrong signature")
            }
            let flags = UInt16(u16(directory, at + 8))
            let method = UInt16(u16(directory, at + 10))
            let crc = UInt32(u32(directory, at + 16))
            var compressed = UInt64(u32(directory, at + 20))
            var uncompressed = UInt64(u32(directory, at + 24))
            let nameLength = u16(directory, at + 28)
            let extraLength = u16(directory, at + 30)
            let commentLength = u16(directory, at + 32)
            var localOffset = UInt64(u32(directory, at + 42))
            let nameAt = at + 46
            let extraAt = nameAt + nameLength
            let next = extraAt + extraLength + commentLength
            guard next <= directory.count else {
                throw XLSXReadError(.malformed, detail: "ZIP directory entry at \(directoryOffset + at) runs past the directory")
            }
            // ZIP64 sizes and offset sit in extra field 0x0001, in this order, only for the
            // fields that are all ones above.
            var extra = extraAt
            while extra + 4 <= extraAt + extraLength {
                let id = u16(directory, extra), size = u16(directory, extra + 2)
                let body = extra + 4
                guard body + size <= extraAt + extraLength else { break }
                if id == 0x0001 {
                    var field = body
                    func take() -> UInt64? {
                        guard field + 8 <= body + size else { return nil }
                        defer { field += 8 }
                        return u64(directory, field)
                    }
                    if uncompressed == 0xFFFF_FFFF, let value = take() { uncompressed = value }
                    if compressed == 0xFFFF_FFFF, let value = take() { compressed = value }
                    if localOffset == 0xFFFF_FFFF, let value = take() { localOffset = value }
                }
                extra = body + size
            }
            let rawName = String(decoding: directory[nameAt..<extraAt], as: UTF8.self)
            let name = rawName.replacingOccurrences(of: "\\", with: "/")
            at = next
            // Why drop these: a name that climbs out of the package (`../x`, `/etc/x`) is
            // never a part of a workbook; nothing here writes entries to disk, but a
            // relationship must not be able to reach such a name either.
            let segments = name.split(separator: "/", omittingEmptySubsequences: false)
            if name.isEmpty || name.hasPrefix("/") || name.hasSuffix("/") || segments.contains("..") || name.contains(":") {
                continue
            }
            guard compressed <= UInt64(Int.max), uncompressed <= UInt64(Int.max), localOffset <= UInt64(Int.max) else {
                throw XLSXReadError(.malformed, detail: "ZIP entry \(name) has impossible sizes")
            }
            let entry = ZipEntry(name: name, flags: flags, method: method, crc32: crc,
                                 compressedSize: Int(compressed), uncompressedSize: Int(uncompressed),
                                 localHeaderOffset: Int(localOffset))
            let key = key(name)
            if entries[key] == nil { entries[key] = entry }
        }
        return entries
    }

    // MARK: Streaming an entry

    /// The provider ran out of the entry's compressed bytes before the deflate stream ended.
    private struct EndOfEntry: Error {}

    /// An error thrown by `body`, carried through ZIPFoundation untouched.
    struct BodyError: Error {
        let error: any Error
    }

    /// The read and inflate chunk size. Why 64 KiB: ZIPFoundation allocates an output
    /// buffer per inflate call, so larger chunks mean fewer calls; beyond this the gain is
    /// lost in cache misses.
    static let chunkSize = 64 << 10

    /// Streams an entry's inflated bytes to `body`, chunk by chunk, never holding the whole
    /// entry; checks its CRC-32 at the end.
    ///
    /// - Parameters:
    ///   - entry: The entry.
    ///   - budget: Counts inflated bytes; exceeding a limit stops the stream at once.
    ///   - body: Gets each chunk. Errors it throws wrapped in ``BodyError`` come out
    ///     unwrapped; ``XLSXReadError``s come out as they are.
    /// - Throws: ``XLSXReadError`` (`encrypted`, `tooLarge`, `truncated`, `malformed`) or
    ///   what `body` throws.
    func stream(_ entry: ZipEntry, budget: inout InflateBudget,
                _ body: (UnsafeRawBufferPointer) throws -> Void) throws
    {
        if entry.flags & 1 != 0 || entry.method == 99 {
            throw XLSXReadError(.encrypted, detail: "ZIP entry \(entry.name) is encrypted")
        }
        guard entry.uncompressedSize <= budget.maxEntry else {
            throw XLSXReadError(.tooLarge, detail: "\(entry.name) declares \(entry.uncompressedSize) inflated bytes; the limit is \(budget.maxEntry)")
        }
        let header = [UInt8](try bytes.read(at: entry.localHeaderOffset, count: 30))
        guard header.starts(with: [0x50, 0x4B, 0x03, 0x04]) else {
            throw XLSXReadError(.malformed, detail: "ZIP entry \(entry.name): local header at \(entry.localHeaderOffset) has a wrong signature")
        }
        let dataStart = entry.localHeaderOffset + 30 + Self.u16(header, 26) + Self.u16(header, 28)
        guard dataStart <= bytes.count, entry.compressedSize <= bytes.count - dataStart else {
            throw XLSXReadError(.truncated, detail: "ZIP entry \(entry.name): \(entry.compressedSize) compressed bytes at \(dataStart) lie past the end of the \(bytes.count)-byte file")
        }
        var produced = 0
        var checksum: UInt32 = 0
        let startTotal = budget.total
        let maxEntry = budget.maxEntry, maxTotal = budget.maxTotal
        // Counting here, before the bytes reach the XML scanner, is what stops a ZIP bomb
        // within one chunk of the limit, whatever the directory claims.
        func consume(_ data: Data) throws {
            produced += data.count
            if produced > maxEntry {
                throw XLSXReadError(.tooLarge, detail: "\(entry.name) inflates past \(maxEntry) bytes (declared \(entry.uncompressedSize))")
            }
            if startTotal + produced > maxTotal {
                throw XLSXReadError(.tooLarge, detail: "the workbook's parts inflate past \(maxTotal) bytes in all")
            }
            checksum = Self.crc32(data, checksum)
            try data.withUnsafeBytes { try body($0) }
        }
        let source = bytes
        switch entry.method {
        case 0:
            var offset = 0
            while offset < entry.compressedSize {
                let length = min(Self.chunkSize, entry.compressedSize - offset)
                try consume(try source.read(at: dataStart + offset, count: length))
                offset += length
            }
        case 8:
            var position = 0
            var exhausted = false
            let size = entry.compressedSize
            let truncated = XLSXReadError(.truncated, detail: "ZIP entry \(entry.name): the compressed data ends before its deflate stream does")
            do {
                _ = try Data.decompress(
                    size: Int64(size), bufferSize: Self.chunkSize, skipCRC32: true,
                    provider: { _, wanted in
                        guard wanted > 0 else { return Data() }
                        guard position < size else { throw EndOfEntry() }
                        let length = min(wanted, size - position)
                        var chunk = try source.read(at: dataStart + position, count: length)
                        position += length
                        if length < wanted {
                            // Why pad: ZIPFoundation's Linux inflate tells zlib the chunk holds
                            // `wanted` bytes whatever its count. A well-formed stream ends
                            // before the padding; a cut one reads zeros of ours, not memory
                            // past the chunk, and then meets the end of the entry.
                            chunk.append(Data(count: wanted - length))
                            exhausted = true
                        }
                        return chunk
                    },
                    consumer: consume)
            } catch let error as XLSXReadError {
                throw error
            } catch let error as BodyError {
                throw error
            } catch is EndOfEntry {
                throw truncated
            } catch {
                if exhausted { throw truncated }
                throw XLSXReadError(.malformed, detail: "ZIP entry \(entry.name): damaged compressed data (\(error))")
            }
        default:
            throw XLSXReadError(.malformed, detail: "ZIP entry \(entry.name) uses compression method \(entry.method), which Excel never writes")
        }
        budget.total = startTotal + produced
        guard checksum == entry.crc32 else {
            throw XLSXReadError(.malformed, detail: "ZIP entry \(entry.name): CRC-32 \(String(checksum, radix: 16)) does not match the recorded \(String(entry.crc32, radix: 16))")
        }
    }

    /// CRC-32 with zlib's `crc32` where the module is visible (Linux, through
    /// ZIPFoundation's `CZlib`), else ZIPFoundation's own (zlib on Apple platforms).
    ///
    /// Why not ZIPFoundation's everywhere: on Linux it falls back to a byte-at-a-time table
    /// loop, which alone costs as much as inflating.
    @inline(__always)
    private static func crc32(_ data: Data, _ running: UInt32) -> UInt32 {
        #if canImport(CZlib)
        return data.withUnsafeBytes { buffer -> UInt32 in
            guard let base = buffer.baseAddress, buffer.count > 0 else { return running }
            return UInt32(CZlib.crc32(uLong(running), base.assumingMemoryBound(to: Bytef.self), uInt(buffer.count)))
        }
        #else
        return data.crc32(checksum: running)
        #endif
    }
}
