/// Restricts what can be typed into cells, with the messages Excel shows, e.g. a whole
/// number of schools between 0 and 500 in a form meant to be filled in.
public struct DataValidation: Hashable, Sendable {
    /// A comparison for numeric rules.
    public enum Criterion<Value: Hashable & Sendable>: Hashable, Sendable {
        /// Between the two values, inclusive.
        case between(Value, Value)
        /// Outside the two values.
        case notBetween(Value, Value)
        /// Equal to.
        case equal(Value)
        /// Not equal to.
        case notEqual(Value)
        /// Greater than.
        case greaterThan(Value)
        /// Less than.
        case lessThan(Value)
        /// Greater than or equal to.
        case greaterThanOrEqual(Value)
        /// Less than or equal to.
        case lessThanOrEqual(Value)
    }

    /// What is allowed.
    public enum Rule: Hashable, Sendable {
        /// Whole numbers meeting the criterion.
        case wholeNumber(Criterion<Int>)
        /// Decimal numbers meeting the criterion.
        case decimal(Criterion<Double>)
        /// One of the given texts, offered in a drop-down. Excel limits the list to 255
        /// characters including the separating commas; a text may contain neither `,` nor `"`.
        case list([String])
        /// One of the values of a range, e.g. `='Danh mục'!$A$2:$A$20`.
        case listFromRange(String)
        /// Text whose length meets the criterion.
        case textLength(Criterion<Int>)
        /// A formula that is true for allowed values.
        case custom(String)
        /// Anything: only shows the input message.
        case any
    }

    /// The icon and buttons of the error alert.
    public enum ErrorStyle: Hashable, Sendable {
        /// Refuses the value.
        case stop
        /// Asks whether to keep the value.
        case warning
        /// Informs and keeps the value.
        case information
    }

    /// What is allowed.
    public var rule: Rule
    /// Allow blank cells.
    public var ignoreBlank: Bool
    /// Show the drop-down arrow for list rules.
    public var showDropdown: Bool
    /// Title of the message shown when the cell is selected (at most 32 characters).
    public var inputTitle: String?
    /// Message shown when the cell is selected (at most 255 characters).
    public var inputMessage: String?
    /// Title of the error alert (at most 32 characters).
    public var errorTitle: String?
    /// Text of the error alert (at most 255 characters).
    public var errorMessage: String?
    /// The kind of error alert.
    public var errorStyle: ErrorStyle

    /// Creates a data validation.
    ///
    /// - Parameters:
    ///   - rule: What is allowed.
    ///   - ignoreBlank: Allow blank cells, `true` by default.
    ///   - showDropdown: Show the drop-down for lists, `true` by default.
    ///   - inputTitle: Title of the input message.
    ///   - inputMessage: The input message.
    ///   - errorTitle: Title of the error alert.
    ///   - errorMessage: Text of the error alert.
    ///   - errorStyle: `.stop` by default.
    public init(
        _ rule: Rule,
        ignoreBlank: Bool = true,
        showDropdown: Bool = true,
        inputTitle: String? = nil,
        inputMessage: String? = nil,
        errorTitle: String? = nil,
        errorMessage: String? = nil,
        errorStyle: ErrorStyle = .stop
    ) {
        self.rule = rule
        self.ignoreBlank = ignoreBlank
        self.showDropdown = showDropdown
        self.inputTitle = inputTitle
        self.inputMessage = inputMessage
        self.errorTitle = errorTitle
        self.errorMessage = errorMessage
        self.errorStyle = errorStyle
    }
}
