/// Writes CSV text as CONTRACT §4-§5 fix it: UTF-8, comma-separated, quoted where needed, and
/// text that a spreadsheet program would run as a formula disarmed with a leading `'`.
public struct CSVWriter: Sendable {
    private(set) var text = ""

    public init(header: [String]) {
        appendRow(header.map { .text($0) })
    }

    /// A CSV cell: text (guarded against formulas) or a number (written as it is).
    public enum Cell: Sendable {
        case text(String)
        case number(String)
        case empty
    }

    public mutating func appendRow(_ cells: [Cell]) {
        var first = true
        for cell in cells {
            if !first { text.append(",") }
            first = false
            switch cell {
            case .text(let value): text.append(Self.escape(Self.guardFormula(value)))
            case .number(let value): text.append(value)
            case .empty: break
            }
        }
        text.append("\n")
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
    public var data: [UInt8] { Array(text.utf8) }
}

import Foundation
