/// Which kind of scope a result row describes (CONTRACT §4).
public enum ScopeKind: String, Sendable, Hashable, Comparable {
    case province
    case managingUnit = "managing_unit"
    case unit

    private var order: Int {
        switch self {
        case .province: 0
        case .managingUnit: 1
        case .unit: 2
        }
    }

    public static func < (lhs: ScopeKind, rhs: ScopeKind) -> Bool { lhs.order < rhs.order }
}

/// One row of `results.csv`: a scope × level × indicator.
public struct ResultRow: Sendable {
    public let scope: ScopeKind
    public let scopeCode: String
    public let scopeName: String
    /// The level, or `nil` for `ALL`.
    public let level: Level?
    /// The indicator's index in the catalogue.
    public let indicator: Int
    public let value: Double?
    public let numerator: Double?
    public let denominator: Double?
    public let target: Target?
    public let met: Bool?
    public let unitsReporting: Int
    public let unitsMeeting: Int?
    public let shortfall: Int128?

    /// `MN` … `GDTX`, or `ALL`.
    public var levelCode: String { level?.rawValue ?? "ALL" }
}

/// Everything computed for a run: the rows of `results.csv` in the contract's order, with an
/// index to find a scope's rows.
public struct Results: Sendable {
    public let rows: [ResultRow]
    /// The units in scope (registry indices), in code order.
    public let units: [Int]
    /// The managing units that have rows (registry indices), in code order.
    public let managingUnits: [Int]
    private let index: [String: Int]

    init(rows: [ResultRow], units: [Int], managingUnits: [Int]) {
        self.rows = rows
        self.units = units
        self.managingUnits = managingUnits
        var index: [String: Int] = [:]
        for (position, row) in rows.enumerated() {
            index[Self.key(row.scope, row.scopeCode, row.indicator, row.level)] = position
        }
        self.index = index
    }

    private static func key(_ scope: ScopeKind, _ code: String, _ indicator: Int, _ level: Level?) -> String {
        "\(scope.rawValue)|\(code)|\(indicator)|\(level?.rawValue ?? "ALL")"
    }

    /// The row of a scope, indicator and level (`nil` for ALL), if the contract gives it one.
    public func row(_ scope: ScopeKind, _ code: String, indicator: Int, level: Level?) -> ResultRow? {
        index[Self.key(scope, code, indicator, level)].map { rows[$0] }
    }
}
