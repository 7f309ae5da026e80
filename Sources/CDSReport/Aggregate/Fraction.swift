/// An exact non-negative fraction over `Int128`, for the pooled students-per-computer figure
/// Σ (students × labs ÷ classes), whose comparison with a target must not depend on rounding.
///
/// Sums of many fractions can outgrow 128 bits (the common denominator is the least common
/// multiple of every class count); ``add(_:_:)`` then reports overflow and the caller falls back
/// to binary floating point, where a tie with the target is practically impossible.
struct Fraction: Sendable, Equatable {
    private(set) var numerator: Int128
    private(set) var denominator: Int128

    static let zero = Fraction(numerator: 0, denominator: 1)

    init(numerator: Int128, denominator: Int128) {
        precondition(denominator > 0)
        let divisor = Fraction.gcd(numerator < 0 ? -numerator : numerator, denominator)
        self.numerator = divisor > 1 ? numerator / divisor : numerator
        self.denominator = divisor > 1 ? denominator / divisor : denominator
    }

    static func gcd(_ a: Int128, _ b: Int128) -> Int128 {
        var (x, y) = (a, b)
        while y != 0 { (x, y) = (y, x % y) }
        return x == 0 ? 1 : x
    }

    /// Adds `numerator / denominator`; `false` (and no change) when the result does not fit.
    mutating func add(_ otherNumerator: Int128, _ otherDenominator: Int128) -> Bool {
        let g = Fraction.gcd(denominator, otherDenominator)
        let left = denominator / g
        let (scaledDenominator, o1) = left.multipliedReportingOverflow(by: otherDenominator)
        let (a, o2) = numerator.multipliedReportingOverflow(by: otherDenominator / g)
        let (b, o3) = otherNumerator.multipliedReportingOverflow(by: left)
        guard !o1, !o2, !o3 else { return false }
        let (sum, o4) = a.addingReportingOverflow(b)
        guard !o4 else { return false }
        self = Fraction(numerator: sum, denominator: scaledDenominator)
        return true
    }

    /// Compares `self` with `target × factor` exactly: negative, zero or positive like `<=>`.
    /// `nil` when the products do not fit.
    func compare(toDecimal target: ExactDecimal, times factor: Int128) -> Int? {
        // self = n/d ; target × factor = s·f / 10^k  →  compare n·10^k with s·f·d
        let (left, o1) = numerator.multipliedReportingOverflow(by: target.denominator)
        let (sf, o2) = target.significand.multipliedReportingOverflow(by: factor)
        let (right, o3) = sf.multipliedReportingOverflow(by: denominator)
        guard !o1, !o2, !o3 else { return nil }
        return left < right ? -1 : (left == right ? 0 : 1)
    }

    var doubleValue: Double { fastDouble(numerator) / fastDouble(denominator) }
}
