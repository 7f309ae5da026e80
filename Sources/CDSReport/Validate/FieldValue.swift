import Foundation
import XLSX

/// A cell of a return after parsing.
public enum FieldValue: Sendable, Hashable {
    /// Not reported.
    case blank
    case int(Int)
    case bool(Bool)
    /// Could not be parsed; the trimmed text is kept so that copies can still be compared.
    case invalid(String)

    public var intValue: Int? {
        if case .int(let value) = self { return value }
        return nil
    }

    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// `true` for a parsed value (blank and invalid are not values).
    public var isValue: Bool {
        switch self {
        case .int, .bool: true
        case .blank, .invalid: false
        }
    }

    /// `true` when the cell held anything at all.
    public var isGiven: Bool { self != .blank }
}

/// Parsing rules for the cells of a return (CONTRACT §3).
public enum CellParsing {
    /// White space as trimmed from cells: spaces, tabs, line breaks and the no-break spaces Excel
    /// leaves in Vietnamese locales.
    static func trim(_ text: String) -> String {
        // Most cells are plain ASCII with nothing to trim: answer those without Foundation.
        let utf8 = text.utf8
        if let first = utf8.first, let last = utf8.last, first > 0x20, first < 0x80, last > 0x20, last < 0x80 { return text }
        if utf8.isEmpty { return text }
        return text.trimmingCharacters(in: trimmed)
    }

    private static let trimmed = CharacterSet.whitespacesAndNewlines.union(CharacterSet(charactersIn: "\u{00A0}\u{202F}\u{FEFF}"))

    /// The result of reading an integer cell.
    public enum IntegerResult: Equatable, Sendable {
        case blank
        case value(Int)
        case notANumber
    }

    /// Reads an integer: an optional sign, then digits, or 1–3 digits followed by groups of exactly
    /// three with one kind of separator (`.`, `,`, space, no-break space).
    ///
    /// `1.234`, `1,234` and `1 234` are 1234; `12,5` and `1234.0` are not numbers; `-5` is −5.
    public static func integer(_ raw: String) -> IntegerResult {
        // The common case: plain digits, at most 18 of them.
        let bytes = raw.utf8
        if !bytes.isEmpty, bytes.count <= 18, bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            var value = 0
            for byte in bytes { value = value * 10 + Int(byte - 0x30) }
            return .value(value)
        }
        let text = trim(raw)
        if text.isEmpty { return .blank }
        var scalars = Substring(text).unicodeScalars[...]
        var negative = false
        if let first = scalars.first, first == "-" || first == "+" || first == "\u{2212}" {
            negative = first != "+"
            scalars = scalars.dropFirst()
        }
        guard !scalars.isEmpty else { return .notANumber }
        var digits = ""
        var separator: Unicode.Scalar?
        var groupLength = 0
        var firstGroup = true
        for scalar in scalars {
            if ("0"..."9").contains(scalar) {
                digits.unicodeScalars.append(scalar)
                groupLength += 1
                continue
            }
            let isSeparator = scalar == "." || scalar == "," || scalar == " " || scalar == "\u{00A0}" || scalar == "\u{202F}"
            guard isSeparator, separator == nil || separator == scalar else { return .notANumber }
            if firstGroup {
                guard (1...3).contains(groupLength) else { return .notANumber }
                firstGroup = false
            } else {
                guard groupLength == 3 else { return .notANumber }
            }
            separator = scalar
            groupLength = 0
        }
        if separator != nil, groupLength != 3 { return .notANumber }
        guard !digits.isEmpty, let magnitude = Int(digits) else { return .notANumber }
        return .value(negative ? -magnitude : magnitude)
    }

    private static let yes: Set<String> = ["có", "co", "x", "1", "true", "yes"]
    private static let no: Set<String> = ["không", "khong", "0", "false", "no"]
    /// The spellings seen most, as written, answered without normalising.
    private static let spelled: [String: Bool] = {
        var table: [String: Bool] = [:]
        for (words, value) in [(yes, true), (no, false)] {
            for word in words {
                for form in [word, word.uppercased(), word.prefix(1).uppercased() + word.dropFirst()] { table[form] = value }
            }
        }
        return table
    }()

    /// The result of reading a yes/no cell.
    public enum BooleanResult: Equatable, Sendable {
        case blank
        case value(Bool)
        case notABoolean
    }

    /// Reads a yes/no cell: `Có`/`Không`, `Co`/`Khong`, `x`, `1`/`0`, `true`/`false`, `yes`/`no`,
    /// any case.
    public static func boolean(_ raw: String) -> BooleanResult {
        if let known = spelled[raw] { return .value(known) }
        let text = trim(raw).nfc.lowercased()
        if text.isEmpty { return .blank }
        if yes.contains(text) { return .value(true) }
        if no.contains(text) { return .value(false) }
        return .notABoolean
    }
}
