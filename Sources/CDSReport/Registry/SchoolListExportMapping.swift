import Foundation
import XLSX

/// The rules of CONTRACT §2a that look at one cell: headers, codes, `CAP_HOC`, managing units'
/// names.
public enum SchoolListExportMapping {
    /// The comparison key of a header: NFC, trimmed, any case, inner white space as one space,
    /// a trailing ` *` (required-field mark) removed.
    public static func headerKey(_ text: String) -> String {
        var key = Catalogue.headerKey(text)
        while key.hasSuffix("*") {
            key.removeLast()
            key = key.trimmingCharacters(in: .whitespaces)
        }
        return key
    }

    /// A looser key for headers the contract does not name (the `DM QUẬN HUYỆN` sheet): the
    /// header key without diacritics (`đ` as `d`), `_`, `/` and `-` as spaces.
    static func foldedKey(_ text: String) -> String {
        let key = headerKey(text).replacingOccurrences(of: "đ", with: "d")
            .folding(options: [.diacriticInsensitive], locale: nil)
        return key.split(whereSeparator: { $0.isWhitespace || $0 == "_" || $0 == "/" || $0 == "-" }).joined(separator: " ")
    }

    /// The comparison key of a sheet name: NFC, trimmed, any case, inner white space as one space.
    public static func sheetKey(_ name: String) -> String { Catalogue.headerKey(name) }

    /// A code cell, trimmed (a number cell is already its digits).
    static func code(_ cell: String) -> String { cell.trimmingCharacters(in: .whitespacesAndNewlines) }

    /// `true` when a code cannot be trusted: blank, or a number cell of 10^15 or more, which the
    /// reader gives in exponent form (`1e+15`, `1.234567890123456e+15`) because its last digits
    /// are not exact. A text code such as `3E1` is a code.
    public static func isBlankCode(_ code: String) -> Bool {
        code.isEmpty || isLargeNumber(code)
    }

    /// `digits[.digits]e[+]digits` (any case) with an exponent of 15 or more.
    static func isLargeNumber(_ text: String) -> Bool {
        var bytes = text.utf8[...]
        func digits() -> Substring.UTF8View.SubSequence {
            let run = bytes.prefix { $0 >= 48 && $0 <= 57 }
            bytes = bytes.dropFirst(run.count)
            return run
        }
        guard !digits().isEmpty else { return false }
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            guard !digits().isEmpty else { return false }
        }
        guard bytes.first == UInt8(ascii: "e") || bytes.first == UInt8(ascii: "E") else { return false }
        bytes = bytes.dropFirst()
        if bytes.first == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        let exponent = digits()
        guard !exponent.isEmpty, bytes.isEmpty, let value = Int(String(decoding: exponent.suffix(6), as: UTF8.self)) else { return false }
        return value >= 15 || exponent.dropLast(6).contains { $0 != 48 }
    }

    /// The levels of a `CAP_HOC` cell: `1` TH, `2` THCS, `3` THPT, `4` and `5` MN, `6` GDTX;
    /// `nil` when the trimmed cell is blank or holds anything but those digits.
    public static func levels(capHoc: String) -> LevelSet? {
        let text = capHoc.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return nil }
        var levels = LevelSet()
        for character in text.unicodeScalars {
            switch character {
            case "1": levels.insert(.th)
            case "2": levels.insert(.thcs)
            case "3": levels.insert(.thpt)
            case "4", "5": levels.insert(.mn)
            case "6": levels.insert(.gdtx)
            default: return nil
            }
        }
        return levels
    }

    /// TRUNGTAM when the only level is GDTX, else TRUONG.
    public static func kind(levels: LevelSet) -> UnitKind {
        levels == LevelSet([.gdtx]) ? .trungtam : .truong
    }

    /// The beginnings of a commune's or ward's name (after the 2025 reorganisation), compared
    /// after NFC, ignoring case, `Uỷ` equal to `Ủy`.
    static let communePrefixes = ["ubnd xã", "ubnd phường", "ubnd đặc khu", "ủy ban nhân dân", "xã ", "phường "]

    /// XA when the name begins like a commune's People's Committee, else PHONG.
    public static func managingKind(name: String) -> UnitKind {
        let words = name.nfc.lowercased().split(whereSeparator: \.isWhitespace)
        let key = words.joined(separator: " ").replacingOccurrences(of: "uỷ", with: "ủy")
        return communePrefixes.contains { key.hasPrefix($0) } ? .xa : .phong
    }
}
