/// What a cell holds.
///
/// The layout stage can produce a grid of these and hand it to
/// ``Worksheet/write(_:at:style:)`` without knowing about the library.
public enum CellValue: Hashable, Sendable {
    /// Text. Written in Unicode NFC so that Vietnamese diacritics compare and search the
    /// same in Excel whatever form the input had.
    case string(String)
    /// A number.
    case number(Double)
    /// A whole number, stored by Excel as a number (exact up to 2^53).
    case integer(Int)
    /// `TRUE` or `FALSE`.
    case boolean(Bool)
    /// No value; the cell exists only to carry a style (a border, a fill).
    case blank
    /// A formula such as `=SUM(C5:C9)`, with the result a reader without a calculation
    /// engine shows until Excel recalculates.
    case formula(String, cachedResult: FormulaResult?)

    /// The value a formula is stored with, shown by readers that do not calculate.
    public enum FormulaResult: Hashable, Sendable {
        /// A numeric result.
        case number(Double)
        /// A text result.
        case string(String)
    }
}

extension CellValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral
{
    /// A string literal is ``string(_:)``.
    public init(stringLiteral value: String) { self = .string(value) }
    /// An integer literal is ``integer(_:)``.
    public init(integerLiteral value: Int) { self = .integer(value) }
    /// A floating-point literal is ``number(_:)``.
    public init(floatLiteral value: Double) { self = .number(value) }
    /// A Boolean literal is ``boolean(_:)``.
    public init(booleanLiteral value: Bool) { self = .boolean(value) }
}
