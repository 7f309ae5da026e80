import Foundation

/// How a cell's stored value becomes the text ``XLSXRow`` carries.
enum CellText {
    /// The text of a number cell's `<v>`: a whole value below 10^15 as its integer digits
    /// (`1234.0` and `1.234E3` are `"1234"`), anything else as Swift's shortest round-trip
    /// decimal (`"12.5"`, `"1e+16"`). Text that is not a number is returned trimmed.
    ///
    /// Why 10^15: below it every whole number is exact in a double and Excel shows all its
    /// digits; codes typed into number cells (`31205`, `0312005` without its zero) stay
    /// digits. Above it Excel itself shows an exponent and the last digits are not the
    /// ones typed.
    @inline(__always)
    static func number(_ raw: XMLBytes) -> String {
        // Fast path: plain digits without a leading zero, as Excel and every writer store
        // whole numbers; the text is already the answer.
        let n = raw.count
        if n > 0, n <= 15, raw[0] != 0x30 || n == 1 {
            var digits = true
            for byte in raw where byte &- 0x30 > 9 {
                digits = false
                break
            }
            if digits { return String(decoding: raw, as: UTF8.self) }
        }
        let text = trimmed(raw)
        guard let value = Double(text), value.isFinite else { return text }
        return format(value)
    }

    /// The bytes as text without surrounding XML whitespace. Why not Foundation's
    /// `trimmingCharacters`: on Linux it goes through `NSString`, which costs more than the
    /// rest of a cell.
    @inline(__always)
    /// Whether a number cell's value is zero (`0`, `0.0`, ` 0 `, `-0`, `0E+0`).
    static func isZero(_ raw: XMLBytes) -> Bool {
        guard raw.count <= 32 else { return false }
        return Double(trimmed(raw)) == 0
    }

    static func trimmed(_ raw: XMLBytes) -> String {
        var start = 0, end = raw.count
        while start < end, XMLScanner.isSpace(raw[start]) { start += 1 }
        while end > start, XMLScanner.isSpace(raw[end - 1]) { end -= 1 }
        return String(decoding: XMLBytes(rebasing: raw[start..<end]), as: UTF8.self)
    }

    /// See ``number(_:)``. From 10^15 on, always with an exponent (`"1e+15"`,
    /// `"1.234567890123456e+15"`), as Excel shows such numbers: Swift's own `description`
    /// would write `"1000000000000000.0"` below 10^16, which looks like trustworthy digits.
    static func format(_ value: Double) -> String {
        let magnitude = abs(value)
        if value == value.rounded(.towardZero), magnitude < 1e15 {
            return String(Int64(value))
        }
        let text = value.description
        guard magnitude >= 1e15, !text.contains("e") else { return text }
        // Positional form "1234567890123456.8": move the point after the first digit.
        let negative = text.hasPrefix("-")
        let unsigned = negative ? text.dropFirst() : Substring(text)
        let parts = unsigned.split(separator: ".", maxSplits: 1)
        let whole = parts[0]
        let fraction = parts.count > 1 && parts[1] != "0" ? parts[1] : ""
        var mantissa = String(whole.dropFirst()) + fraction
        while mantissa.hasSuffix("0") { mantissa.removeLast() }
        let lead = String(whole.prefix(1))
        return (negative ? "-" : "") + lead + (mantissa.isEmpty ? "" : "." + mantissa) + "e+" + String(whole.count - 1)
    }

    /// A date cell's value as `YYYY-MM-DD`, or `YYYY-MM-DD HH:MM:SS` when it has a time
    /// part (rounded to the second, as Excel shows it); `nil` when the serial is no date
    /// Excel can show (negative, after 9999-12-31, not a number).
    ///
    /// The 1900 system keeps Excel's (Lotus's) leap-year bug: serial 60 is 1900-02-29, and
    /// serials 1–59 are one day later than a plain count from 1899-12-30 would give.
    static func date(_ raw: XMLBytes, date1904: Bool) -> String? {
        guard let serial = Double(trimmed(raw)), serial.isFinite, serial >= 0, serial < 2_958_466 else { return nil }
        var days = Int(serial.rounded(.down))
        var seconds = Int(((serial - Double(days)) * 86_400).rounded())
        if seconds >= 86_400 {
            days += 1
            seconds -= 86_400
        }
        let civil: (year: Int, month: Int, day: Int)
        if date1904 {
            civil = fromDays(days - 24_107)  // 1904-01-01 is day -24,107 from 1970-01-01
        } else if days == 60 {
            civil = (1900, 2, 29)
        } else if days < 60 {
            civil = fromDays(days - 25_568)  // serial 1 is 1900-01-01
        } else {
            civil = fromDays(days - 25_569)  // serial 61 is 1900-03-01
        }
        guard civil.year <= 9999 else { return nil }
        var result = pad(civil.year, 4) + "-" + pad(civil.month, 2) + "-" + pad(civil.day, 2)
        if seconds > 0 {
            result += " " + pad(seconds / 3600, 2) + ":" + pad(seconds / 60 % 60, 2) + ":" + pad(seconds % 60, 2)
        }
        return result
    }

    /// A `t="d"` cell's ISO 8601 text (`2024-09-30T08:15:00Z`) in the same form as a date
    /// from a serial; other text is returned as it is.
    static func isoDate(_ text: String) -> String {
        let chars = Array(text.utf8)
        func digits(_ range: Range<Int>) -> Bool { range.allSatisfy { $0 < chars.count && chars[$0] &- 0x30 <= 9 } }
        guard chars.count >= 10, digits(0..<4), chars[4] == 0x2D, digits(5..<7), chars[7] == 0x2D, digits(8..<10) else {
            return text
        }
        let day = String(decoding: chars[0..<10], as: UTF8.self)
        guard chars.count >= 19, chars[10] == 0x54 || chars[10] == 0x20, digits(11..<13), chars[13] == 0x3A,
              digits(14..<16), chars[16] == 0x3A, digits(17..<19)
        else { return day }
        let time = String(decoding: chars[11..<19], as: UTF8.self)
        return time == "00:00:00" ? day : day + " " + time
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    /// The civil date `days` after 1970-01-01 (proleptic Gregorian; H. Hinnant's algorithm).
    private static func fromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shifted = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shifted + 2) / 5 + 1
        let month = shifted < 10 ? shifted + 3 : shifted - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Whether a built-in number format is a date or time: ids 14–22 and 45–47.
    static func isBuiltInDate(_ id: Int) -> Bool {
        (14...22).contains(id) || (45...47).contains(id)
    }

    /// Whether a custom number format shows a date or time: it has `d`, `m`, `y`, `h` or `s`
    /// outside quoted text, `[...]` brackets (colours, conditions, locales) and the
    /// characters that `\`, `_` and `*` make literal.
    static func isDateFormat(_ code: String) -> Bool {
        var quoted = false
        var bracket = false
        var skipNext = false
        for byte in code.utf8 {
            if skipNext {
                skipNext = false
                continue
            }
            if quoted {
                if byte == 0x22 { quoted = false }
                continue
            }
            if bracket {
                if byte == 0x5D { bracket = false }
                continue
            }
            switch byte {
            case 0x22: quoted = true
            case 0x5B: bracket = true
            case 0x5C, 0x5F, 0x2A: skipNext = true  // \ _ *
            case 0x64, 0x6D, 0x79, 0x68, 0x73, 0x44, 0x4D, 0x59, 0x48, 0x53: return true  // dmyhs DMYHS
            default: break
            }
        }
        return false
    }
}
