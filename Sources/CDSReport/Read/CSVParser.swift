import XLSX
/// An RFC 4180 reader over UTF-8 bytes that knows on which physical line each record starts.
///
/// Neither CSV package available here (CSV.swift, SwiftCSV) reports the line where a record
/// starts when a quoted field spans lines, which CONTRACT §5 requires for the row a person sees;
/// they also parse `Character`s (grapheme clusters), which is several times slower than bytes.
/// Delimiters, quotes and line breaks are ASCII, so working on UTF-8 bytes is exact.
///
/// Accepted: `,` or `;` (any one byte) as delimiter; CRLF, LF or a lone CR as line break; quoted
/// fields with doubled quotes, delimiters and line breaks inside. A quote that opens a field but
/// is never closed is read as a literal character, so one stray quote never swallows the rest of
/// the file.
struct CSVParser {
    /// The longest record read; a longer one is not a return (CONTRACT §3, "a line too large").
    static let maximumRecordBytes = 1 << 20

    let bytes: [UInt8]
    let delimiter: UInt8
    private var position = 0
    private var line = 1
    private let lastQuote: Int

    init(bytes: [UInt8], delimiter: UInt8) {
        self.bytes = bytes
        self.delimiter = delimiter
        lastQuote = bytes.lastIndex(of: UInt8(ascii: "\"")) ?? -1
    }

    /// The next record and the line it starts on, or `nil` at the end.
    /// - Throws: ``UnreadableFile`` for a record longer than ``maximumRecordBytes``.
    mutating func next() throws(UnreadableFile) -> RawRow? {
        guard position < bytes.count else { return nil }
        let start = line
        let recordStart = position
        var fields: [String] = []
        var field: [UInt8] = []
        var quoted = false
        let quote = UInt8(ascii: "\""), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
        while position < bytes.count {
            let byte = bytes[position]
            if quoted {
                if byte == quote {
                    if position + 1 < bytes.count, bytes[position + 1] == quote {
                        field.append(quote)
                        position += 2
                    } else {
                        quoted = false
                        position += 1
                    }
                    continue
                }
                if byte == cr || byte == lf {
                    line += 1
                    if byte == cr, position + 1 < bytes.count, bytes[position + 1] == lf {
                        field.append(cr)
                        position += 1
                    }
                }
                field.append(bytes[position])
                position += 1
            } else if byte == delimiter {
                fields.append(Self.text(field))
                field.removeAll(keepingCapacity: true)
                position += 1
            } else if byte == cr || byte == lf {
                position += (byte == cr && position + 1 < bytes.count && bytes[position + 1] == lf) ? 2 : 1
                line += 1
                break
            } else if byte == quote, field.isEmpty, position < lastQuote {
                quoted = true
                position += 1
            } else {
                field.append(byte)
                position += 1
            }
            if position - recordStart > Self.maximumRecordBytes {
                throw UnreadableFile("Dòng \(start) dài quá \(Self.maximumRecordBytes / 1_048_576) MB: tệp không phải một báo cáo CSV hợp lệ.")
            }
        }
        fields.append(Self.text(field))
        return RawRow(number: start, cells: fields)
    }

    /// Field bytes as NFC text; ASCII needs no normalisation (the common case, and the fast one).
    static func text(_ bytes: [UInt8]) -> String {
        let string = String(decoding: bytes, as: UTF8.self)
        return bytes.allSatisfy({ $0 < 0x80 }) ? string : string.nfc
    }
}

import Foundation
