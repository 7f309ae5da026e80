/// Writes CSV text as CONTRACT §4-§5 fix it: UTF-8, comma-separated, quoted where needed, and
/// text that a spreadsheet program would run as a formula disarmed with a leading `'`.
public struct CSVWriter: Sendable {
    private(set) var bytes: [UInt8] = []

    public init(header: [String]) {
        appendRow(header.map { .text($0) })
    }

    /// A CSV cell: text (guarded against formulas) or a number (written as it is).
    public enum Cell: Sendable {
        case text(String)
        case number(String)
        case empty
    }

    /// Hands the bytes gathered so far to `sink` and starts afresh, so that a large file is
    /// written in pieces instead of being held whole.
    public mutating func flush(into sink: (ArraySlice<UInt8>) throws -> Void) rethrows {
        try sink(bytes[...])
        bytes.removeAll(keepingCapacity: true)
    }

    public mutating func appendRow(_ cells: [Cell]) {
        var first = true
        for cell in cells {
            if !first { bytes.append(44) }
            first = false
            switch cell {
            case .text(let value): append(value)
            case .number(let value): bytes.append(contentsOf: value.utf8)
            case .empty: break
            }
        }
        bytes.append(10)
    }

    /// Appends a text field: formula-guarded, quoted when needed.
    private mutating func append(_ value: String) {
        let utf8 = value.utf8
        let guarded = utf8.first.map { $0 == 61 || $0 == 43 || $0 == 45 || $0 == 64 || $0 == 9 || $0 == 13 } ?? false
        if utf8.contains(where: { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }) {
            // The guard is part of the field's text, so it goes inside the quotes.
            bytes.append(34)
            if guarded { bytes.append(39) }
            for byte in utf8 {
                if byte == 34 { bytes.append(34) }
                bytes.append(byte)
            }
            bytes.append(34)
        } else {
            if guarded { bytes.append(39) }
            bytes.append(contentsOf: utf8)
        }
    }

    /// A text field that begins with `=`, `+`, `-`, `@`, a tab or a carriage return gets a
    /// leading `'`, so that no spreadsheet program runs it as a formula.
    public static func guardFormula(_ value: String) -> String {
        guard let first = value.unicodeScalars.first else { return value }
        switch first {
        case "=", "+", "-", "@", "\t", "\r": return "'" + value
        default: return value
        }
    }

    /// Quotes a field when it holds a comma, a quote or a line break.
    public static func escape(_ value: String) -> String {
        guard value.utf8.contains(where: { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The UTF-8 bytes of the file.
    public var data: [UInt8] { bytes }

    /// The file as text.
    public var text: String { String(decoding: bytes, as: UTF8.self) }
}

import Foundation
