import Foundation
import XLSX

/// What a column of a return holds.
public enum ElementType: String, Sendable {
    case text, period, level, integer, boolean
}

/// One column of a return (CONTRACT §3): its id, Vietnamese label, type and the levels it applies to.
public struct DataElement: Sendable, Hashable {
    public let id: String
    public let label: String
    public let type: ElementType
    public let required: Bool
    /// The levels the field applies to; a value given for another level is neither used nor validated.
    public let levels: LevelSet
    /// `true` when the field describes the whole unit and must agree across its level rows.
    public let perUnit: Bool
    /// The allowed range for non-negative values (rule `out_of_range`).
    public let range: ClosedRange<Int>?
    /// The index of the whole this part may not exceed (rule `exceeds_total`).
    public let atMost: Int?
    /// The index of the field that, when > 0, needs this one > 0 (rule `inconsistent`).
    public let nonzeroWhenPositive: Int?
    public let unitOfMeasure: String

    /// `true` for the fields that carry a value per unit and level (not the row keys).
    public var isValue: Bool { type == .integer || type == .boolean }
}

/// When a unit counts as "yes" for a unit-share indicator.
public enum UnitCondition: Sendable, Hashable {
    case isTrue
    case equals(Int)
    case atLeast(Int)

    func holds(_ value: FieldValue) -> Bool {
        switch (self, value) {
        case (.isTrue, .bool(let flag)): flag
        case (.equals(let wanted), .int(let number)): number == wanted
        case (.atLeast(let bound), .int(let number)): number >= bound
        default: false
        }
    }
}

/// How an indicator is computed from the data elements.
public enum IndicatorKind: Sendable, Hashable {
    /// Σ numerator / Σ denominator, pooled.
    case ratio(numerator: Int, denominator: Int)
    /// Units whose field satisfies the condition / units reporting the field.
    case unitShare(field: Int, condition: UnitCondition)
    /// Σ (students ÷ classes × computer_labs) / Σ pcs_teaching.
    case studentsPerPC(students: Int, classes: Int, labs: Int, pcs: Int)

    /// The data elements the indicator needs (indices into the catalogue's elements).
    public var inputs: [Int] {
        switch self {
        case .ratio(let numerator, let denominator): [numerator, denominator]
        case .unitShare(let field, _): [field]
        case .studentsPerPC(let students, let classes, let labs, let pcs): [students, classes, labs, pcs]
        }
    }
}

/// Whether a larger value is better.
public enum Direction: String, Sendable {
    case higherIsBetter = "higher_is_better"
    case lowerIsBetter = "lower_is_better"
}

/// An indicator of CONTRACT §4.
public struct Indicator: Sendable, Hashable {
    public let id: String
    /// The display name in Vietnamese.
    public let name: String
    public let kind: IndicatorKind
    public let levels: LevelSet
    public let direction: Direction
    /// `%` for shares, `học sinh/máy` for students per computer.
    public let unitOfMeasure: String
    /// What the shortfall counts, in Vietnamese (`máy tính`, `chữ ký số`, …).
    public let shortfallUnit: String
    /// What the shortfall means, in Vietnamese ("Số máy tính cần bổ sung").
    public let shortfallLabel: String

    /// `true` when the value is a share shown as a percentage.
    public var isShare: Bool { unitOfMeasure == "%" }
}

/// The data elements and indicators, loaded from `Indicators/catalogue.yaml` and checked before any
/// data is read.
public struct Catalogue: Sendable {
    public let version: Int
    public let elements: [DataElement]
    public let indicators: [Indicator]
    private let elementIndex: [String: Int]
    private let headerIndex: [String: Int]

    init(version: Int, elements: [DataElement], indicators: [Indicator]) {
        self.version = version
        self.elements = elements
        self.indicators = indicators
        var byID: [String: Int] = [:]
        var byHeader: [String: Int] = [:]
        for (index, element) in elements.enumerated() {
            byID[element.id] = index
            byHeader[Self.headerKey(element.id)] = index
            byHeader[Self.headerKey(element.label)] = index
        }
        elementIndex = byID
        headerIndex = byHeader
    }

    /// The index of an element by its id.
    public func element(id: String) -> Int? { elementIndex[id] }

    /// The index of an indicator by its id.
    public func indicator(id: String) -> Int? { indicators.firstIndex { $0.id == id } }

    /// The element a header cell names, by id or Vietnamese label (NFC, trimmed, any case).
    public func element(forHeader header: String) -> Int? { headerIndex[Self.headerKey(header)] }

    /// The comparison key of a header: NFC, trimmed, lower case, inner runs of white space as one space.
    public static func headerKey(_ text: String) -> String {
        let folded = text.nfc.lowercased()
        return folded.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    public var unitCodeIndex: Int { elementIndex["unit_code"]! }
    public var periodIndex: Int { elementIndex["period"]! }
    public var levelIndex: Int { elementIndex["level"]! }
}
