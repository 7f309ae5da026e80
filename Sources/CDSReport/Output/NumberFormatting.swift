import Foundation

/// How numbers are written: plain and machine-readable in CSV, as a Vietnamese clerk reads them in
/// workbooks and on the terminal.
public enum NumberFormatting {
    /// A plain decimal with `.`, never an exponent, never rounded beyond what a `Double` holds
    /// (the shortest text that reads back as the same number): `0.125`, `2`, `11298.683254536829`.
    public static func plain(_ value: Double) -> String {
        guard value.isFinite else { return "" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        let text = "\(value)"
        guard let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) else { return text }
        // Expand the exponent form Swift uses for very small or very large numbers.
        let mantissa = text[..<e], exponent = Int(text[text.index(after: e)...]) ?? 0
        let negative = mantissa.hasPrefix("-")
        let unsigned = negative ? mantissa.dropFirst() : mantissa[...]
        let parts = unsigned.split(separator: ".", omittingEmptySubsequences: false)
        let whole = String(parts[0]), fraction = parts.count > 1 ? String(parts[1]) : ""
        var digits = whole + fraction
        var point = whole.count + exponent
        if point <= 0 {
            digits = String(repeating: "0", count: -point + 1) + digits
            point = 1
        } else if point > digits.count {
            digits += String(repeating: "0", count: point - digits.count)
        }
        let index = digits.index(digits.startIndex, offsetBy: point)
        var result = String(digits[..<index])
        let rest = digits[index...].replacingOccurrences(of: "0+$", with: "", options: .regularExpression)
        if !rest.isEmpty { result += "." + rest }
        return (negative ? "-" : "") + result
    }

    /// A whole number with `.` between thousands: `1.234`.
    public static func integer<T: BinaryInteger>(_ value: T) -> String {
        let negative = value < 0
        var digits = String(negative ? String(String(value).dropFirst()) : String(value))
        var groups: [Substring] = []
        while digits.count > 3 {
            let split = digits.index(digits.endIndex, offsetBy: -3)
            groups.insert(digits[split...], at: 0)
            digits = String(digits[..<split])
        }
        groups.insert(Substring(digits), at: 0)
        return (negative ? "-" : "") + groups.joined(separator: ".")
    }

    /// A decimal with `,` as the decimal mark and `.` between thousands, at most `decimals` places,
    /// trailing zeros dropped: `1,5`, `1.234,25`.
    public static func decimal(_ value: Double, decimals: Int = 2) -> String {
        guard value.isFinite else { return "" }
        var factor = 1.0
        for _ in 0..<decimals { factor *= 10 }
        let scaled = (abs(value) * factor).rounded()
        let whole = Int64(scaled / factor)
        var fraction = Int64(scaled) - whole * Int64(factor)
        var text = integer(whole)
        if fraction > 0 {
            var places = decimals
            while fraction % 10 == 0 { fraction /= 10; places -= 1 }
            let digits = String(fraction)
            text += "," + String(repeating: "0", count: max(0, places - digits.count)) + digits
        }
        return (value < 0 && scaled > 0 ? "-" : "") + text
    }

    /// A share as a clerk reads it: `12,5 %`.
    public static func percent(_ share: Double, decimals: Int = 2) -> String {
        decimal(share * 100, decimals: decimals) + " %"
    }
}
