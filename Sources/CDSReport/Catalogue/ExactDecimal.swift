/// A decimal number held exactly as `significand / 10^scale`, for targets such as `0.95`.
///
/// Targets are compared and multiplied exactly (0.95 × 100 payers is 95, never 94.99999), so they
/// are never stored as binary floating point.
public struct ExactDecimal: Hashable, Sendable, CustomStringConvertible {
    /// Stored in 64 bits (at most 18 digits are parsed); arithmetic widens it to 128.
    private let storedSignificand: Int64
    private let storedScale: Int8

    public var significand: Int128 { Int128(storedSignificand) }
    public var scale: Int { Int(storedScale) }

    /// Parses a plain decimal: optional sign, digits, optional `.` and digits (at most 18 decimals).
    public init?(_ text: String) {
        var body = Substring(text.trimmingCharacters(in: .whitespaces))
        var negative = false
        if body.first == "-" || body.first == "+" {
            negative = body.first == "-"
            body = body.dropFirst()
        }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty || (parts.count == 2 && !parts[1].isEmpty) else { return nil }
        let digits = parts[0] + (parts.count == 2 ? parts[1] : "")
        guard !digits.isEmpty, digits.count <= 18, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
              parts.count == 1 || parts[1].count <= 18, let value = Int128(String(digits))
        else { return nil }
        self.init(significand: negative ? -value : value, scale: parts.count == 2 ? parts[1].count : 0)
    }

    /// Makes `significand / 10^scale`, reduced so that equal numbers are equal values.
    public init(significand: Int128, scale: Int) {
        var s = significand, k = scale
        while k > 0, s % 10 == 0 {
            s /= 10
            k -= 1
        }
        storedSignificand = Int64(clamping: s)
        storedScale = Int8(clamping: k)
    }

    /// `10^scale`.
    public var denominator: Int128 {
        var result: Int128 = 1
        for _ in 0..<scale { result *= 10 }
        return result
    }

    public var doubleValue: Double { Double(significand) / Double(denominator) }

    /// Plain decimal text, shortest form: `0.1`, `2`, `0.95`.
    public var description: String {
        let negative = significand < 0
        let magnitude = negative ? -significand : significand
        var digits = String(magnitude)
        guard scale > 0 else { return (negative ? "-" : "") + digits }
        if digits.count <= scale { digits = String(repeating: "0", count: scale - digits.count + 1) + digits }
        let split = digits.index(digits.endIndex, offsetBy: -scale)
        return (negative ? "-" : "") + digits[..<split] + "." + digits[split...]
    }
}

/// Ceiling of `numerator / denominator` for a positive denominator.
@inline(__always)
func ceilDiv(_ numerator: Int128, _ denominator: Int128) -> Int128 {
    precondition(denominator > 0)
    let quotient = numerator / denominator
    return numerator % denominator > 0 ? quotient + 1 : quotient
}
