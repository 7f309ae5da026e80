/// A rule that restyles cells when their value meets a condition, e.g. a figure under its
/// target in red.
///
/// Excel applies only the font colour, bold, italic, underline, fill and borders of
/// ``style``: a conditional format cannot change the font name, size or alignment.
public struct ConditionalFormat: Hashable, Sendable {
    /// A comparison with one operand.
    public enum Comparison: Hashable, Sendable {
        /// `=`.
        case equal
        /// `<>`.
        case notEqual
        /// `>`.
        case greaterThan
        /// `<`.
        case lessThan
        /// `>=`.
        case greaterThanOrEqual
        /// `<=`.
        case lessThanOrEqual
    }

    /// What a cell's value is compared with.
    public enum Operand: Hashable, Sendable {
        /// A number.
        case number(Double)
        /// A cell reference or formula such as `$D$5`, or a quoted text such as `"\"Đạt\""`.
        case formula(String)
    }

    /// When the style applies.
    public enum Rule: Hashable, Sendable {
        /// The cell's value compared with an operand.
        case cellValue(Comparison, Operand)
        /// The cell's value between two operands, inclusive.
        case between(Operand, Operand)
        /// The cell's value outside two operands.
        case notBetween(Operand, Operand)
        /// A formula, written for the range's top-left cell with relative references, that
        /// is true where the style applies, e.g. `=$C5<$D5`.
        case formula(String)
        /// The cell is blank.
        case blanks
        /// The cell is not blank.
        case noBlanks
    }

    /// When the style applies.
    public var rule: Rule
    /// The style applied.
    public var style: CellStyle
    /// Stop evaluating later rules for a cell once this one applies.
    public var stopIfTrue: Bool

    /// Creates a conditional format.
    ///
    /// - Parameters:
    ///   - rule: When the style applies.
    ///   - style: The style applied.
    ///   - stopIfTrue: Stop evaluating later rules once this one applies.
    public init(_ rule: Rule, style: CellStyle, stopIfTrue: Bool = false) {
        self.rule = rule
        self.style = style
        self.stopIfTrue = stopIfTrue
    }
}
