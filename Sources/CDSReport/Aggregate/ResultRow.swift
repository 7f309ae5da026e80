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
    public let shortfall: Int?

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
    /// Each scope's rows are contiguous: its first row and count. One entry per scope, not per
    /// row, so that a national run (a million rows) does not keep a million keys.
    private let blocks: [ScopeKey: Range<Int>]

    private struct ScopeKey: Hashable {
        let scope: ScopeKind
        let code: String
    }

    init(rows: [ResultRow], units: [Int], managingUnits: [Int]) {
        self.rows = rows
        self.units = units
        self.managingUnits = managingUnits
        var blocks: [ScopeKey: Range<Int>] = [:]
        var start = 0
        while start < rows.count {
            var end = start + 1
            while end < rows.count, rows[end].scope == rows[start].scope, rows[end].scopeCode == rows[start].scopeCode { end += 1 }
            blocks[ScopeKey(scope: rows[start].scope, code: rows[start].scopeCode)] = start..<end
            start = end
        }
        self.blocks = blocks
    }

    /// The row of a scope, indicator and level (`nil` for ALL), if the contract gives it one.
    public func row(_ scope: ScopeKind, _ code: String, indicator: Int, level: Level?) -> ResultRow? {
        guard let block = blocks[ScopeKey(scope: scope, code: code)] else { return nil }
        // Within a scope rows are ordered by indicator, then level with ALL last.
        for index in block where rows[index].indicator == indicator && rows[index].level == level {
            return rows[index]
        }
        return nil
    }

    /// All the rows of a scope, in order.
    public func rows(_ scope: ScopeKind, _ code: String) -> ArraySlice<ResultRow> {
        guard let block = blocks[ScopeKey(scope: scope, code: code)] else { return [] }
        return rows[block]
    }
}
