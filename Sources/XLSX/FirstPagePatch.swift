import Foundation
#if canImport(CZlib)
import CZlib
#endif

/// Leaves the header and footer off the first printed page of some worksheets of a finished
/// package, by giving their `<headerFooter>` element `differentFirst="1"` (with no
/// `<firstHeader>`/`<firstFooter>`, page 1 prints none).
///
/// Why after the fact: libxlsxwriter 1.1.4 has no "different first page" option, and an
/// official return numbers its pages from the second (FORMS.md). The element sits at the end
/// of a sheet's XML, so the part's deflate stream is kept up to the start of the block that
/// holds it and only the rest is compressed again (the technique of zlib's `gzappend`): a
/// sheet of 80 MB costs one inflate pass, not a full deflate. The other entries are copied
/// byte for byte.
///
/// The package is one this module has just written; anything unexpected in it (ZIP64, data
/// descriptors, a method other than deflate) leaves the file as it is: the page number on
/// page 1 is a blemish, a damaged return is not.
enum FirstPagePatch {
    /// Patches the given worksheet parts (e.g. `xl/worksheets/sheet2.xml`) of the file at
    /// `path` in place. Memory: the package once, plus the end of the largest part.
    ///
    /// - Returns: The names of the parts patched.
    /// - Throws: `CocoaError`/`POSIXError` when the file cannot be read or written back.
    @discardableResult
    static func apply(toFile path: String, parts: Set<String>) throws -> [String] {
        guard !parts.isEmpty else { return [] }
        let bytes = try readFile(path)
        guard let directory = Directory(bytes) else { return [] }
        let replacements = plan(bytes, directory, parts: parts)
        guard !replacements.isEmpty else { return [] }
        // In place: the caller writes under a temporary name and renames when done.
        let descriptor = open(path, O_WRONLY | O_TRUNC)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(descriptor) }
        try emit(bytes, directory, replacements) { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0, errno == EINTR { continue }
                guard written > 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .ENOSPC) }
                offset += written
            }
        }
        return replacements.keys.sorted().map { directory.entries[$0].name }
    }

    /// The package with the parts patched, in memory; `nil` when it is not one this can rewrite
    /// or no part needed a change.
    static func rewrite(_ data: Data, parts: Set<String>) -> (Data, [String])? {
        let bytes = [UInt8](data)
        guard let directory = Directory(bytes) else { return nil }
        let replacements = plan(bytes, directory, parts: parts)
        guard !replacements.isEmpty else { return nil }
        var output = Data()
        try? emit(bytes, directory, replacements) { output.append(contentsOf: $0) }
        return (output, replacements.keys.sorted().map { directory.entries[$0].name })
    }

    /// The new data of each part to patch, by its index in the directory.
    static func plan(_ bytes: [UInt8], _ directory: Directory, parts: Set<String>) -> [Int: Replacement] {
        var replacements: [Int: Replacement] = [:]
        for (index, entry) in directory.entries.enumerated() where parts.contains(entry.name) && entry.method == 8 && entry.flags & 0x9 == 0 {
            if let replaced = patchedEntry(bytes, entry, localEnd: directory.end(of: index)) { replacements[index] = replaced }
        }
        return replacements
    }

    /// Writes the package: each entry copied as it is or with its new local header and data,
    /// then the central directory with the new offsets, sizes and checksums.
    static func emit(_ bytes: [UInt8], _ directory: Directory, _ replacements: [Int: Replacement],
                     to sink: (UnsafeRawBufferPointer) throws -> Void) throws
    {
        func out(_ slice: ArraySlice<UInt8>) throws { try slice.withUnsafeBytes { try sink($0) } }
        var position = 0
        var central: [UInt8] = []
        for (index, entry) in directory.entries.enumerated() {
            var record = Array(bytes[entry.recordRange])
            guard position <= Int(UInt32.max) else { throw POSIXError(.EFBIG) }
            put32(&record, 42, UInt32(position))
            if let replaced = replacements[index] {
                // A new local header (no extra field), the kept compressed bytes, the new tail.
                var header = Array(bytes[entry.localOffset..<(entry.localOffset + 30)])
                let compressedSize = UInt32(replaced.kept.count + replaced.tail.count)
                put32(&header, 14, replaced.crc)
                put32(&header, 18, compressedSize)
                put32(&header, 22, UInt32(replaced.size))
                put16(&header, 28, 0)
                try out(header[...])
                try out(bytes[(entry.localOffset + 30)..<(entry.localOffset + 30 + entry.nameLength)])
                try out(bytes[replaced.kept])
                try out(replaced.tail[...])
                position += 30 + entry.nameLength + Int(compressedSize)
                put32(&record, 16, replaced.crc)
                put32(&record, 20, compressedSize)
                put32(&record, 24, UInt32(replaced.size))
            } else {
                let range = entry.localOffset..<directory.end(of: index)
                try out(bytes[range])
                position += range.count
            }
            central += record
        }
        guard position <= Int(UInt32.max) else { throw POSIXError(.EFBIG) }
        var end = Array(bytes[directory.endRecord..<bytes.count])
        put32(&end, 12, UInt32(central.count))
        put32(&end, 16, UInt32(position))
        try out(central[...])
        try out(end[...])
    }

    /// A file's bytes.
    static func readFile(_ path: String) throws -> [UInt8] {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        var bytes = [UInt8](repeating: 0, count: Int(status.st_size))
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            offset += count
        }
        return bytes
    }

    // MARK: The ZIP directory

    struct Entry {
        let name: String
        let flags: UInt16
        let method: UInt16
        let compressedSize: Int
        let size: Int
        let localOffset: Int
        let nameLength: Int
        /// The central directory record, whole.
        let recordRange: Range<Int>
    }

    struct Directory {
        /// In the order of their local headers.
        let entries: [Entry]
        let offset: Int
        let endRecord: Int

        /// Where an entry's local bytes end: the next entry's header, or the directory.
        func end(of index: Int) -> Int {
            index + 1 < entries.count ? entries[index + 1].localOffset : offset
        }

        init?(_ bytes: [UInt8]) {
            // The end record: no comment in a package this module wrote, but look back anyway.
            var at = bytes.count - 22
            while at >= 0, !(bytes[at] == 0x50 && bytes[at + 1] == 0x4B && bytes[at + 2] == 0x05 && bytes[at + 3] == 0x06) {
                at -= 1
                if bytes.count - at > 22 + 0xFFFF { return nil }
            }
            guard at >= 0 else { return nil }
            let count = ZipPackage.u16(bytes, at + 10), size = ZipPackage.u32(bytes, at + 12), offset = ZipPackage.u32(bytes, at + 16)
            guard count != 0xFFFF, size != 0xFFFF_FFFF, offset != 0xFFFF_FFFF, offset + size == at else { return nil }
            var entries: [Entry] = []
            var position = offset
            for _ in 0..<count {
                guard position + 46 <= at, ZipPackage.u32(bytes, position) == 0x0201_4B50 else { return nil }
                let nameLength = ZipPackage.u16(bytes, position + 28)
                let recordEnd = position + 46 + nameLength + ZipPackage.u16(bytes, position + 30) + ZipPackage.u16(bytes, position + 32)
                guard recordEnd <= at else { return nil }
                let entry = Entry(name: String(decoding: bytes[(position + 46)..<(position + 46 + nameLength)], as: UTF8.self),
                                  flags: UInt16(ZipPackage.u16(bytes, position + 8)), method: UInt16(ZipPackage.u16(bytes, position + 10)),
                                  compressedSize: ZipPackage.u32(bytes, position + 20), size: ZipPackage.u32(bytes, position + 24),
                                  localOffset: ZipPackage.u32(bytes, position + 42), nameLength: nameLength,
                                  recordRange: position..<recordEnd)
                guard entry.compressedSize != 0xFFFF_FFFF, entry.size != 0xFFFF_FFFF,
                      entry.localOffset + 30 <= offset, ZipPackage.u32(bytes, entry.localOffset) == 0x0403_4B50 else { return nil }
                entries.append(entry)
                position = recordEnd
            }
            entries.sort { $0.localOffset < $1.localOffset }
            self.entries = entries
            self.offset = offset
            self.endRecord = at
        }
    }

    // MARK: One part

    struct Replacement {
        /// The original compressed bytes kept (a range of the package).
        let kept: Range<Int>
        /// The new end of the deflate stream.
        let tail: [UInt8]
        let crc: UInt32
        let size: Int
    }

    /// The part's new compressed data, or `nil` when it needs no change or cannot be read.
    static func patchedEntry(_ bytes: [UInt8], _ entry: Entry, localEnd: Int) -> Replacement? {
        #if canImport(CZlib)
        let dataStart = entry.localOffset + 30 + ZipPackage.u16(bytes, entry.localOffset + 26) + ZipPackage.u16(bytes, entry.localOffset + 28)
        guard dataStart + entry.compressedSize <= localEnd else { return nil }
        let compressed = bytes[dataStart..<(dataStart + entry.compressedSize)]
        guard let tail = inflateTail(compressed, size: entry.size), let insertAt = insertionPoint(tail.bytes) else { return nil }
        // The last block boundary at or before the change with its 32 KiB window still kept.
        guard let boundary = tail.boundaries.last(where: { $0.output <= tail.start + insertAt }) else { return nil }
        let attribute = Array(" differentFirst=\"1\"".utf8)
        guard let recompressed = deflateTail(compressed, tail, from: boundary, inserting: attribute, at: insertAt) else { return nil }
        var crc = tail.bytes.withUnsafeBufferPointer { UInt32(CZlib.crc32(uLong(tail.crcBefore), $0.baseAddress, uInt(insertAt))) }
        crc = attribute.withUnsafeBufferPointer { UInt32(CZlib.crc32(uLong(crc), $0.baseAddress, uInt($0.count))) }
        crc = tail.bytes.withUnsafeBufferPointer {
            UInt32(CZlib.crc32(uLong(crc), $0.baseAddress! + insertAt, uInt(tail.bytes.count - insertAt)))
        }
        return Replacement(kept: dataStart..<(dataStart + boundary.bit / 8), tail: recompressed, crc: crc,
                           size: entry.size + attribute.count)
        #else
        return nil
        #endif
    }

    /// Just after `<headerFooter` in the last such tag, when it has no `differentFirst` yet.
    static func insertionPoint(_ xml: [UInt8]) -> Int? {
        let tag = Array("<headerFooter".utf8)
        var at = xml.count - tag.count
        while at >= 0 {
            if xml[at] == 0x3C, xml[at..<(at + tag.count)].elementsEqual(tag) {
                let after = at + tag.count
                guard after < xml.count, xml[after] == 0x3E || xml[after] == 0x20 else { return nil }
                let close = xml[after...].firstIndex(of: 0x3E) ?? xml.count
                if String(decoding: xml[after..<close], as: UTF8.self).contains("differentFirst") { return nil }
                return after
            }
            at -= 1
        }
        return nil
    }

    /// Where a deflate block starts: its position in bits in the compressed stream, and the
    /// number of bytes inflated before it.
    struct Boundary {
        let bit: Int
        let output: Int
    }

    /// The end of an inflated part: what the patch needs, in bounded memory.
    struct Tail {
        /// The part's bytes from ``start`` to its end.
        var bytes: [UInt8] = []
        var start = 0
        /// Block boundaries whose 32 KiB window lies within ``bytes`` (or that start the part).
        var boundaries: [Boundary] = [Boundary(bit: 0, output: 0)]
        /// CRC-32 of the part's bytes before ``start``.
        var crcBefore: UInt32 = 0
    }

    /// How much of a part's end is kept while inflating: the element is in its last few
    /// hundred bytes, and the block holding it is rarely over 100 KiB.
    static let keptTail = 1 << 20
    static let window = 32768

    #if canImport(CZlib)
    /// Inflates a raw deflate stream, keeping only its last ``keptTail`` bytes or more (from a
    /// block boundary's window on) and noting the block boundaries there.
    static func inflateTail(_ compressed: ArraySlice<UInt8>, size: Int) -> Tail? {
        var stream = z_stream()
        guard inflateInit2_(&stream, -15, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return nil }
        defer { inflateEnd(&stream) }
        var tail = Tail()
        var chunk = [UInt8](repeating: 0, count: 1 << 18)
        var status = Z_OK
        compressed.withUnsafeBufferPointer { input in
            stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
            stream.avail_in = uInt(input.count)
            while status == Z_OK {
                let produced: Int = chunk.withUnsafeMutableBufferPointer { out in
                    stream.next_out = out.baseAddress
                    stream.avail_out = uInt(out.count)
                    status = inflate(&stream, Z_BLOCK)
                    return out.count - Int(stream.avail_out)
                }
                tail.bytes += chunk[0..<produced]
                // After an end-of-block code, not after the last block: the next block starts here.
                if status == Z_OK, stream.data_type & 128 != 0, stream.data_type & 64 == 0 {
                    let boundary = Boundary(bit: Int(stream.total_in) * 8 - Int(stream.data_type & 7), output: Int(stream.total_out))
                    if tail.boundaries.last?.bit != boundary.bit { tail.boundaries.append(boundary) }
                }
                if tail.bytes.count > 4 * keptTail { trim(&tail, total: Int(stream.total_out)) }
            }
        }
        guard status == Z_STREAM_END, Int(stream.total_out) == size, tail.start + tail.bytes.count == size else { return nil }
        return tail
    }

    /// Forgets the bytes before the window of the last boundary at least ``keptTail`` from the end.
    static func trim(_ tail: inout Tail, total: Int) {
        guard let keep = tail.boundaries.last(where: { total - $0.output >= keptTail }) else { return }
        let newStart = max(tail.start, keep.output - window)
        guard newStart > tail.start else { return }
        let dropped = newStart - tail.start
        tail.crcBefore = tail.bytes.withUnsafeBufferPointer { UInt32(CZlib.crc32(uLong(tail.crcBefore), $0.baseAddress, uInt(dropped))) }
        tail.bytes.removeFirst(dropped)
        tail.start = newStart
        tail.boundaries.removeAll { $0.output < keep.output }
    }

    /// Compresses the part from `boundary` on, with `inserted` at `at` (an index in
    /// `tail.bytes`), as the continuation of the stream whose bits before `boundary` are
    /// kept: the partial byte's bits are primed, the 32 KiB before the boundary is the
    /// dictionary.
    static func deflateTail(_ compressed: ArraySlice<UInt8>, _ tail: Tail, from boundary: Boundary, inserting inserted: [UInt8],
                            at: Int) -> [UInt8]?
    {
        var stream = z_stream()
        guard deflateInit2_(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION,
                            Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return nil }
        defer { deflateEnd(&stream) }
        let bits = boundary.bit % 8
        if bits > 0 {
            let value = Int32(compressed[compressed.startIndex + boundary.bit / 8]) & ((1 << bits) - 1)
            guard deflatePrime(&stream, Int32(bits), value) == Z_OK else { return nil }
        }
        let from = boundary.output - tail.start
        // The dictionary must be whole: all of the part before the boundary, or 32 KiB of it.
        guard from >= 0, tail.start == 0 || from >= window else { return nil }
        let windowStart = max(0, from - window)
        if from > windowStart {
            let status = tail.bytes.withUnsafeBufferPointer {
                deflateSetDictionary(&stream, $0.baseAddress! + windowStart, uInt(from - windowStart))
            }
            guard status == Z_OK else { return nil }
        }
        var source = Array(tail.bytes[from..<at])
        source += inserted
        source += tail.bytes[at...]
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(source.count))) + 64)
        let status = source.withUnsafeMutableBufferPointer { input in
            output.withUnsafeMutableBufferPointer { out in
                stream.next_in = input.baseAddress
                stream.avail_in = uInt(input.count)
                stream.next_out = out.baseAddress
                stream.avail_out = uInt(out.count)
                return deflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else { return nil }
        return Array(output[0..<Int(stream.total_out)])
    }
    #endif

    // MARK: Little-endian fields (read with ZipPackage.u16/u32)

    static func put16(_ bytes: inout [UInt8], _ at: Int, _ value: UInt16) {
        bytes[at] = UInt8(value & 0xFF)
        bytes[at + 1] = UInt8(value >> 8)
    }
    static func put32(_ bytes: inout [UInt8], _ at: Int, _ value: UInt32) {
        put16(&bytes, at, UInt16(value & 0xFFFF))
        put16(&bytes, at + 2, UInt16(value >> 16))
    }
}
