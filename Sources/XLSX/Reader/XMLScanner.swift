import Foundation

/// Bytes inside the scanner's buffer, valid only during the callback that receives them.
typealias XMLBytes = UnsafeBufferPointer<UInt8>

/// Where one attribute's local name and value lie in the tag, as offsets from its `<`.
struct AttributeSpan {
    var nameStart: Int32
    var nameEnd: Int32
    var valueStart: Int32
    var valueEnd: Int32
}

/// The attributes of the start tag being reported.
struct XMLAttributes {
    let base: UnsafePointer<UInt8>
    let spans: UnsafeBufferPointer<AttributeSpan>

    /// The raw value (entities not decoded) of the attribute with this local name (any
    /// namespace prefix), or `nil`.
    @inline(__always)
    func raw(_ localName: StaticString) -> XMLBytes? {
        let length = localName.utf8CodeUnitCount
        let wanted = localName.utf8Start
        for span in spans where Int(span.nameEnd - span.nameStart) == length {
            let name = base + Int(span.nameStart)
            if length == 1 ? name.pointee == wanted.pointee : memcmp(name, wanted, length) == 0 {
                return XMLBytes(start: base + Int(span.valueStart), count: Int(span.valueEnd - span.valueStart))
            }
        }
        return nil
    }

    /// The decoded value of the attribute with this local name, or `nil`.
    func string(_ localName: StaticString) -> String? {
        raw(localName).map { XMLText.decode($0) }
    }
}

/// Receives what ``XMLScanner`` finds. Names are local names (any `prefix:` removed):
/// OOXML files from different writers use different prefixes for the same namespace
/// (`x:c`, `c`), and no part read here has two elements of one local name that differ
/// only by namespace.
protocol XMLHandler {
    /// Whether character data at the current point is wanted; only then is `text` called.
    var wantsText: Bool { get }
    /// A start tag, or an empty-element tag when `selfClosing` (no `end` follows).
    mutating func start(_ name: XMLBytes, _ attributes: XMLAttributes, selfClosing: Bool) throws
    /// An end tag.
    mutating func end(_ name: XMLBytes) throws
    /// Raw character data, entities not decoded; one text may come in several pieces.
    /// The bytes stay valid until ``bufferWillChange()``.
    mutating func text(_ bytes: XMLBytes) throws
    /// The bytes passed to `text` so far are about to be reused: a handler that kept a
    /// pointer to them instead of copying must copy them now.
    mutating func bufferWillChange()
}

extension XMLHandler {
    /// Nothing to do for a handler that copies its text as it arrives.
    mutating func bufferWillChange() {}
}

/// A growable array of plain values in a class: appending needs no uniqueness check and
/// no copy-on-write, which matters at millions of appends per sheet. Only the scanner and
/// a handler, on one thread, use it.
final class PlainBuffer<Element: BitwiseCopyable> {
    private(set) var base: UnsafeMutablePointer<Element>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int = 64) {
        self.capacity = max(capacity, 1)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// The elements, valid until the next append.
    var elements: UnsafeBufferPointer<Element> { UnsafeBufferPointer(start: base, count: count) }

    @inline(__always)
    func removeAll() { count = 0 }

    @inline(__always)
    func append(_ element: Element) {
        if count == capacity { grow(to: count + 1) }
        base[count] = element
        count += 1
    }

    @inline(__always)
    func append(_ elements: UnsafeBufferPointer<Element>) {
        let n = elements.count
        guard n > 0, let source = elements.baseAddress else { return }
        if count + n > capacity { grow(to: count + n) }
        if n <= 16 {
            for k in 0..<n { base[count + k] = source[k] }
        } else {
            (base + count).update(from: source, count: n)
        }
        count += n
    }

    private func grow(to minimum: Int) {
        let newCapacity = max(minimum, capacity * 2)
        let newBase = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }
}

/// A byte-level XML tokenizer fed with chunks of any size, for the parts of a workbook.
///
/// Why hand-written: Foundation's `XMLParser` on Linux allocates per callback and is far
/// slower than inflating; a worksheet is millions of tiny elements. This scanner finds `<`
/// with `memchr`, reports tags in place (no copy, no allocation per tag) and keeps only an
/// unfinished tag between chunks, so memory stays bounded whatever the sheet's size.
///
/// It is not a validating parser. What it refuses: any `<!DOCTYPE`, `<!ENTITY` or other
/// declaration (``XLSXReadError/Kind/entityDeclaration``: entities are never expanded, so
/// no "billion laughs"), a tag longer than the limit (``XLSXReadError/Kind/tooLarge``), and
/// input that ends inside markup (``XLSXReadError/Kind/malformed``). Comments, processing
/// instructions and CDATA sections are handled; CDATA text reaches the handler with `&`
/// escaped, so that decoding entities afterwards leaves it as written.
struct XMLScanner {
    private enum Mode {
        case markup
        case comment
        case cdata
        case instruction
    }

    private var mode = Mode.markup
    private var pending: [UInt8] = []
    private let spans = PlainBuffer<AttributeSpan>(capacity: 16)
    /// The part being read, for error details.
    let part: String
    /// The longest tag (or unfinished markup) kept between chunks.
    let maxTagBytes: Int

    init(part: String, maxTagBytes: Int) {
        self.part = part
        self.maxTagBytes = maxTagBytes
    }

    /// Scans the next chunk of the document.
    mutating func feed<H: XMLHandler>(_ chunk: UnsafeRawBufferPointer, _ handler: inout H) throws {
        guard chunk.count > 0 else { return }
        if pending.isEmpty {
            let bytes = chunk.bindMemory(to: UInt8.self)
            let used = try scan(bytes, &handler)
            handler.bufferWillChange()
            if used < bytes.count { pending.append(contentsOf: bytes[used...]) }
        } else {
            var buffer: [UInt8] = []
            swap(&buffer, &pending)
            buffer.append(contentsOf: chunk.bindMemory(to: UInt8.self))
            let used = try buffer.withUnsafeBufferPointer { bytes in
                defer { handler.bufferWillChange() }
                return try self.scan(bytes, &handler)
            }
            buffer.removeFirst(used)
            swap(&buffer, &pending)
        }
        if pending.count > maxTagBytes {
            throw XLSXReadError(.tooLarge, detail: "\(part): a tag or markup longer than \(maxTagBytes) bytes")
        }
    }

    /// Ends the document: throws if it stopped inside markup.
    mutating func finish() throws {
        let leftover = pending.contains { !Self.isSpace($0) }
        guard mode == .markup, !leftover else {
            throw XLSXReadError(.malformed, detail: "\(part): the XML ends inside a tag, comment or CDATA section")
        }
    }

    @inline(__always)
    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    /// The index of `byte` in `p[from..<to]`. Why the loop before `memchr`: in a sheet the
    /// byte sought is usually a few bytes away (`><`, `"1"`), where a call costs more than
    /// looking.
    @inline(__always)
    private static func find(_ byte: UInt8, _ p: UnsafePointer<UInt8>, from: Int, to: Int) -> Int? {
        var index = from
        let near = min(to, from + 16)
        while index < near {
            if p[index] == byte { return index }
            index += 1
        }
        guard index < to, let hit = memchr(p + index, Int32(byte), to - index) else { return nil }
        return UnsafeRawPointer(hit) - UnsafeRawPointer(p)
    }

    /// The index of the first byte of `a b c` at or after `from`, or `nil`.
    private static func find(_ a: UInt8, _ b: UInt8, _ c: UInt8?, _ p: UnsafePointer<UInt8>, from: Int, to: Int) -> Int? {
        var index = from
        while let hit = find(a, p, from: index, to: to) {
            if let c {
                if hit + 2 >= to { return nil }
                if p[hit + 1] == b, p[hit + 2] == c { return hit }
            } else {
                if hit + 1 >= to { return nil }
                if p[hit + 1] == b { return hit }
            }
            index = hit + 1
        }
        return nil
    }

    /// Scans as far as the buffer allows; returns how many bytes were used. The rest (an
    /// unfinished tag, or the last bytes that may begin an end marker) waits for more.
    private mutating func scan<H: XMLHandler>(_ buffer: UnsafeBufferPointer<UInt8>, _ handler: inout H) throws -> Int {
        guard let p = buffer.baseAddress else { return 0 }
        let n = buffer.count
        var i = 0
        while i < n {
            switch mode {
            case .comment:
                guard let end = Self.find(0x2D, 0x2D, 0x3E, p, from: i, to: n) else { return max(i, n - 2) }  // -->
                i = end + 3
                mode = .markup
            case .instruction:
                guard let end = Self.find(0x3F, 0x3E, nil, p, from: i, to: n) else { return max(i, n - 1) }  // ?>
                i = end + 2
                mode = .markup
            case .cdata:
                let end = Self.find(0x5D, 0x5D, 0x3E, p, from: i, to: n)  // ]]>
                let stop = end ?? max(i, n - 2)
                if stop > i, handler.wantsText { try Self.emitCDATA(XMLBytes(start: p + i, count: stop - i), &handler) }
                guard let end else { return stop }
                i = end + 3
                mode = .markup
            case .markup:
                guard let open = Self.find(0x3C, p, from: i, to: n) else {  // <
                    if handler.wantsText { try handler.text(XMLBytes(start: p + i, count: n - i)) }
                    return n
                }
                if open > i, handler.wantsText { try handler.text(XMLBytes(start: p + i, count: open - i)) }
                i = open
                guard i + 1 < n else { return i }
                switch p[i + 1] {
                case 0x2F:  // </name>
                    guard let close = Self.find(0x3E, p, from: i + 2, to: n) else { return i }
                    var start = i + 2, end = close
                    while end > start, Self.isSpace(p[end - 1]) { end -= 1 }
                    if let colon = Self.find(0x3A, p, from: start, to: end) { start = colon + 1 }
                    try handler.end(XMLBytes(start: p + start, count: end - start))
                    i = close + 1
                case 0x21:  // <!
                    guard n - i >= 4 else { return i }
                    if p[i + 2] == 0x2D, p[i + 3] == 0x2D {
                        mode = .comment
                        i += 4
                        continue
                    }
                    guard n - i >= 9 else { return i }
                    if memcmp(p + i, "<![CDATA[", 9) == 0 {
                        mode = .cdata
                        i += 9
                        continue
                    }
                    let shown = String(decoding: XMLBytes(start: p + i, count: min(12, n - i)), as: UTF8.self)
                    throw XLSXReadError(.entityDeclaration, detail: "\(part): declaration \"\(shown)…\" (DOCTYPE/ENTITY are refused, never expanded)")
                case 0x3F:  // <?
                    mode = .instruction
                    i += 2
                default:
                    guard let end = try startTag(p, at: i, count: n, &handler) else { return i }
                    i = end
                }
            }
        }
        return i
    }

    /// Parses the start tag at `at` and reports it; returns the index after its `>`, or
    /// `nil` if the tag is not complete in the buffer.
    @inline(__always)
    private mutating func startTag<H: XMLHandler>(_ p: UnsafePointer<UInt8>, at: Int, count n: Int,
                                                  _ handler: inout H) throws -> Int?
    {
        var j = at + 1
        var localStart = j
        while j < n {
            let byte = p[j]
            if byte == 0x3E || byte == 0x2F || Self.isSpace(byte) { break }
            if byte == 0x3A { localStart = j + 1 }
            j += 1
        }
        guard j < n else { return nil }
        let nameEnd = j
        guard nameEnd > at + 1 else {
            throw XLSXReadError(.malformed, detail: "\(part): a '<' not followed by a name")
        }
        spans.removeAll()
        var selfClosing = false
        while true {
            while j < n, Self.isSpace(p[j]) { j += 1 }
            guard j < n else { return nil }
            let byte = p[j]
            if byte == 0x3E {  // >
                j += 1
                break
            }
            if byte == 0x2F {  // />
                guard j + 1 < n else { return nil }
                guard p[j + 1] == 0x3E else {
                    throw XLSXReadError(.malformed, detail: "\(part): '/' inside a tag not followed by '>'")
                }
                selfClosing = true
                j += 2
                break
            }
            var attributeLocal = j
            while j < n {
                let byte = p[j]
                if byte == 0x3D || byte == 0x3E || byte == 0x2F || Self.isSpace(byte) { break }  // = > /
                if byte == 0x3A { attributeLocal = j + 1 }
                j += 1
            }
            let attributeEnd = j
            while j < n, Self.isSpace(p[j]) { j += 1 }
            guard j < n else { return nil }
            guard p[j] == 0x3D, attributeEnd > attributeLocal else {
                throw XLSXReadError(.malformed, detail: "\(part): an attribute without '=' in a tag")
            }
            j += 1
            while j < n, Self.isSpace(p[j]) { j += 1 }
            guard j < n else { return nil }
            let quote = p[j]
            guard quote == 0x22 || quote == 0x27 else {
                throw XLSXReadError(.malformed, detail: "\(part): an attribute value without quotes")
            }
            guard let close = Self.find(quote, p, from: j + 1, to: n) else { return nil }
            spans.append(AttributeSpan(nameStart: Int32(attributeLocal - at), nameEnd: Int32(attributeEnd - at),
                                       valueStart: Int32(j + 1 - at), valueEnd: Int32(close - at)))
            j = close + 1
            if j - at > maxTagBytes {
                throw XLSXReadError(.tooLarge, detail: "\(part): a tag longer than \(maxTagBytes) bytes")
            }
        }
        let name = XMLBytes(start: p + localStart, count: nameEnd - localStart)
        try handler.start(name, XMLAttributes(base: p + at, spans: spans.elements), selfClosing: selfClosing)
        return j
    }

    /// CDATA is literal: `&` is escaped so that the handler's entity decoding restores it.
    private static func emitCDATA<H: XMLHandler>(_ bytes: XMLBytes, _ handler: inout H) throws {
        guard let base = bytes.baseAddress else { return }
        var start = 0
        while let amp = find(0x26, base, from: start, to: bytes.count) {
            if amp > start { try handler.text(XMLBytes(start: base + start, count: amp - start)) }
            try "&amp;".utf8CString.withUnsafeBufferPointer { escaped in
                try escaped.withMemoryRebound(to: UInt8.self) { try handler.text(XMLBytes(rebasing: $0.dropLast())) }
            }
            start = amp + 1
        }
        if start < bytes.count { try handler.text(XMLBytes(start: base + start, count: bytes.count - start)) }
    }
}

/// Byte-level comparisons and decoding for the handlers.
enum XMLText {
    /// Whether `bytes` spell `name`.
    @inline(__always)
    static func equals(_ bytes: XMLBytes, _ name: StaticString) -> Bool {
        bytes.count == name.utf8CodeUnitCount && memcmp(bytes.baseAddress!, name.utf8Start, bytes.count) == 0
    }

    /// A non-negative decimal integer, surrounding spaces allowed; `nil` otherwise or
    /// beyond `Int32.max` (no index, row or style in a workbook is larger).
    @inline(__always)
    static func integer(_ bytes: XMLBytes) -> Int? {
        var value = 0
        var digits = 0
        var index = 0
        let n = bytes.count
        while index < n, XMLScanner.isSpace(bytes[index]) { index += 1 }
        while index < n {
            let digit = Int(bytes[index]) &- 48
            guard digit >= 0, digit <= 9 else { break }
            value = value * 10 + digit
            digits += 1
            if value > Int(Int32.max) { return nil }
            index += 1
        }
        while index < n, XMLScanner.isSpace(bytes[index]) { index += 1 }
        return digits > 0 && index == n ? value : nil
    }

    /// Text with the XML entities (`&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`, `&#…;`,
    /// `&#x…;`) replaced and line ends normalised to LF, as an XML parser delivers it.
    /// Any other `&name;` is left as written: there is no DTD to define it, and nothing is
    /// ever expanded.
    static func decode(_ bytes: XMLBytes) -> String {
        guard bytes.contains(where: { $0 == 0x26 || $0 == 0x0D }) else {
            return String(decoding: bytes, as: UTF8.self)
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        let n = bytes.count
        while index < n {
            let byte = bytes[index]
            if byte == 0x0D {
                out.append(0x0A)
                index += (index + 1 < n && bytes[index + 1] == 0x0A) ? 2 : 1
                continue
            }
            guard byte == 0x26 else {
                out.append(byte)
                index += 1
                continue
            }
            var end = index + 1
            while end < n, end - index <= 12, bytes[end] != 0x3B { end += 1 }
            guard end < n, bytes[end] == 0x3B else {
                out.append(byte)
                index += 1
                continue
            }
            let body = XMLBytes(rebasing: bytes[(index + 1)..<end])
            if let scalar = entity(body) {
                out.append(contentsOf: String(Character(scalar)).utf8)
                index = end + 1
            } else {
                out.append(byte)
                index += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func entity(_ body: XMLBytes) -> Unicode.Scalar? {
        if equals(body, "amp") { return "&" }
        if equals(body, "lt") { return "<" }
        if equals(body, "gt") { return ">" }
        if equals(body, "quot") { return "\"" }
        if equals(body, "apos") { return "'" }
        guard body.count >= 2, body[0] == 0x23 else { return nil }  // #
        var value: UInt32 = 0
        let hex = body[1] == 0x78 || body[1] == 0x58
        let digits = hex ? body.dropFirst(2) : body.dropFirst(1)
        guard !digits.isEmpty else { return nil }
        for byte in digits {
            let digit: UInt32
            switch byte {
            case 0x30...0x39: digit = UInt32(byte - 0x30)
            case 0x61...0x66 where hex: digit = UInt32(byte - 0x61 + 10)
            case 0x41...0x46 where hex: digit = UInt32(byte - 0x41 + 10)
            default: return nil
            }
            value = value * (hex ? 16 : 10) + digit
            if value > 0x10FFFF { return "\u{FFFD}" }
        }
        return Unicode.Scalar(value) ?? "\u{FFFD}"
    }

    /// Replaces OOXML's `_xHHHH_` escapes (how Excel stores control characters such as
    /// `_x000D_` in cell text; `_x005F_` escapes a literal `_`).
    static func decodeOOXMLEscapes(_ text: String) -> String {
        guard text.utf8.count >= 7 else { return text }
        var hasEscape = false
        var previousUnderscore = false
        for byte in text.utf8 {
            if previousUnderscore, byte == 0x78 {
                hasEscape = true
                break
            }
            previousUnderscore = byte == 0x5F
        }
        guard hasEscape else { return text }
        let units = Array(text.utf16)
        var out: [UInt16] = []
        out.reserveCapacity(units.count)
        var index = 0
        func hexValue(_ at: Int) -> UInt16? {
            guard at + 7 <= units.count, units[at] == 0x5F, units[at + 1] == 0x78, units[at + 6] == 0x5F
            else { return nil }
            var value: UInt16 = 0
            for k in 2..<6 {
                let u = units[at + k]
                let digit: UInt16
                switch u {
                case 0x30...0x39: digit = u - 0x30
                case 0x61...0x66: digit = u - 0x61 + 10
                case 0x41...0x46: digit = u - 0x41 + 10
                default: return nil
                }
                value = value << 4 | digit
            }
            return value
        }
        while index < units.count {
            if units[index] == 0x5F, let value = hexValue(index) {
                out.append(value)
                index += 7
            } else {
                out.append(units[index])
                index += 1
            }
        }
        return String(decoding: out, as: UTF16.self)
    }

    /// Text in Unicode NFC.
    ///
    /// Why the check first: Foundation's normalisation costs more than everything else a
    /// cell takes, and almost every text is already NFC. Text made only of characters that
    /// no normalisation changes is returned as it is: ASCII and the rest below U+0300
    /// (Latin-1, Latin Extended-A/B: Đ, Ơ, Ư…), Latin Extended Additional U+1E00–U+1EFF
    /// (the precomposed Vietnamese letters ạ…ỹ) and the dashes and quotes U+2010–U+2027.
    /// Anything else (a combining mark from a decomposed text, other scripts) is normalised.
    @inline(__always)
    static func nfc(_ text: String) -> String {
        var text = text
        let stable = text.withUTF8 { isStableUnderNFC($0) }
        return stable ? text : text.precomposedStringWithCanonicalMapping
    }

    /// Whether UTF-8 text consists only of the characters described in ``nfc(_:)``.
    static func isStableUnderNFC(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        let n = bytes.count
        while index < n {
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
            } else if lead >= 0xC2, lead <= 0xCB {  // U+0080–U+02FF
                index += 2
            } else if lead == 0xE1, index + 1 < n, bytes[index + 1] >= 0xB8, bytes[index + 1] <= 0xBB {  // U+1E00–U+1EFF
                index += 3
            } else if lead == 0xE2, index + 2 < n, bytes[index + 1] == 0x80, bytes[index + 2] >= 0x90,
                      bytes[index + 2] <= 0xA7
            {  // U+2010–U+2027
                index += 3
            } else {
                return false
            }
        }
        return true
    }
}
