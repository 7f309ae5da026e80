import Foundation

/// How a target is compared.
public enum TargetOperator: String, Sendable, Hashable {
    case atLeast = ">="
    case atMost = "<="
}

/// What a target is for (CONTRACT §4a): every unit, or the scope as a whole.
public enum TargetBasis: String, Sendable, Hashable {
    /// Every unit must reach the target; shortfall sums each unit's own gap.
    case eachUnit = "each_unit"
    /// The target is for the scope as a whole ("trung bình tối thiểu 10 %").
    case average
}

/// One target: `>= 0.10`.
public struct Target: Sendable, Hashable, CustomStringConvertible {
    public let op: TargetOperator
    public let value: ExactDecimal

    public init(op: TargetOperator, value: ExactDecimal) {
        self.op = op
        self.value = value
    }

    /// Parses `>= 0.10` or `<=2` (spaces free).
    public init?(_ text: String) {
        let compact = text.filter { !$0.isWhitespace }
        let op: TargetOperator
        if compact.hasPrefix(">=") { op = .atLeast } else if compact.hasPrefix("<=") { op = .atMost } else { return nil }
        guard let value = ExactDecimal(String(compact.dropFirst(2))), value.significand >= 0 else { return nil }
        self.init(op: op, value: value)
    }

    /// `>=0.1`, as results.csv writes it.
    public var description: String { op.rawValue + value.description }

    /// How a clerk reads it in a workbook: `≥ 10 %` for shares, `≤ 2` otherwise.
    public func display(asShare: Bool) -> String {
        let symbol = op == .atLeast ? "≥" : "≤"
        if asShare { return "\(symbol) \(NumberFormatting.percent(value.doubleValue))" }
        return "\(symbol) \(NumberFormatting.decimal(value.doubleValue))"
    }
}

/// A plan's targets for one school year: per indicator, per level, and the indicator's basis.
public struct TargetSet: Sendable {
    /// Where the targets come from (`plan:`).
    public let plan: String
    public let schoolYear: SchoolYear?
    /// The file they were read from, for messages and the workbook.
    public let source: String
    /// `targets[indicator][level.ordinal]`.
    let targets: [[Target?]]
    let bases: [TargetBasis]

    /// The target of an indicator at a level, if any.
    public func target(indicator: Int, level: Level) -> Target? { targets[indicator][level.ordinal] }

    /// The basis of an indicator's targets (`each_unit` when none is given).
    public func basis(indicator: Int) -> TargetBasis { bases[indicator] }

    /// The target that holds for `ALL`: the same target at every level the indicator applies to,
    /// else none (CONTRACT §4).
    public func commonTarget(indicator: Int, levels: LevelSet) -> Target? {
        var common: Target?
        for level in levels {
            guard let target = targets[indicator][level.ordinal] else { return nil }
            if let common, common != target { return nil }
            common = target
        }
        return common
    }

    /// `true` when some of the given levels has a target.
    public func hasAnyTarget(indicator: Int, levels: LevelSet) -> Bool {
        levels.contains { targets[indicator][$0.ordinal] != nil }
    }
}

extension TargetSet {
    /// Loads and checks a targets file (CONTRACT §4a).
    ///
    /// - Parameters:
    ///   - expectedYear: the run's school year; a file naming another year is an error.
    /// - Throws: ``ConfigurationError`` naming the file, the line and what is wrong.
    public static func load(from url: URL, displayName: String? = nil, catalogue: Catalogue,
                            expectedYear: SchoolYear?) throws(ConfigurationError) -> TargetSet {
        let name = displayName ?? url.path
        return try parse(try readConfigurationText(url, displayName: name), file: name, catalogue: catalogue, expectedYear: expectedYear)
    }

    /// Parses targets text (see ``load(from:displayName:catalogue:expectedYear:)``).
    public static func parse(_ text: String, file: String, catalogue: Catalogue,
                             expectedYear: SchoolYear?) throws(ConfigurationError) -> TargetSet {
        let root = try YAMLNode.parse(text, file: file)
        var map = try root.map("targets file")
        let plan = try map.required("plan").string("plan")
        guard !plan.trimmingCharacters(in: .whitespaces).isEmpty else { throw root.error("plan không được để trống") }
        var year: SchoolYear?
        if let yearNode = map.optional("school_year") {
            let text = try yearNode.string("school_year")
            guard let parsed = SchoolYear(text) else { throw yearNode.error("school_year \"\(text)\" không hợp lệ (YYYY-YYYY)") }
            if let expectedYear, parsed != expectedYear {
                throw yearNode.error("school_year \(parsed) khác năm học của kỳ báo cáo \(expectedYear)")
            }
            year = parsed
        }
        let entries = try map.required("targets").list("targets")
        try map.rejectUnknownKeys()

        let count = catalogue.indicators.count
        var targets = Array(repeating: [Target?](repeating: nil, count: Level.ordered.count), count: count)
        var bases = [TargetBasis?](repeating: nil, count: count)
        for entry in entries {
            var item = try entry.map("target entry")
            let indicatorNode = try item.required("indicator")
            let indicatorID = try indicatorNode.string("indicator")
            guard let index = catalogue.indicator(id: indicatorID) else {
                throw indicatorNode.error("chỉ tiêu \"\(indicatorID)\" không có trong danh mục (unknown indicator)")
            }
            let indicator = catalogue.indicators[index]
            var levels = indicator.levels
            var levelNodes: [(Level, YAMLNode)] = []
            if let levelsNode = item.optional("levels") {
                levels = LevelSet()
                for (code, node) in try levelsNode.strings("levels") {
                    guard let level = Level(code: code) else {
                        throw node.error("cấp học \"\(code)\" không hợp lệ (MN, TH, THCS, THPT, GDTX)")
                    }
                    guard indicator.levels.contains(level) else {
                        throw node.error("chỉ tiêu \(indicatorID) không áp dụng cho cấp \(level.rawValue)")
                    }
                    guard !levels.contains(level) else { throw node.error("cấp \(level.rawValue) được nêu hai lần cho \(indicatorID)") }
                    levels.insert(level)
                    levelNodes.append((level, node))
                }
                guard !levels.isEmpty else { throw levelsNode.error("levels không được để trống") }
            }
            let targetNode = try item.required("target")
            let targetText = try targetNode.string("target")
            guard let target = Target(targetText) else {
                throw targetNode.error("target \"\(targetText)\" không hợp lệ (\">=\" hoặc \"<=\" rồi một số thập phân, trong ngoặc kép)")
            }
            var basis = TargetBasis.eachUnit
            if let basisNode = item.optional("basis") {
                let text = try basisNode.string("basis")
                guard let parsed = TargetBasis(rawValue: text) else {
                    throw basisNode.error("basis \"\(text)\" không hợp lệ (each_unit hoặc average)")
                }
                guard !(parsed == .average && target.op == .atMost) else {
                    throw basisNode.error("basis average chỉ dùng với chỉ tiêu \">=\"")
                }
                basis = parsed
            }
            try item.rejectUnknownKeys()
            if let existing = bases[index], existing != basis {
                throw entry.error("chỉ tiêu \(indicatorID) có hai basis khác nhau")
            }
            bases[index] = basis
            for level in levels {
                guard targets[index][level.ordinal] == nil else {
                    let node = levelNodes.first { $0.0 == level }?.1 ?? entry
                    throw node.error("cấp \(level.rawValue) của \(indicatorID) được nêu hai lần")
                }
                targets[index][level.ordinal] = target
            }
        }
        return TargetSet(plan: plan, schoolYear: year, source: file, targets: targets, bases: bases.map { $0 ?? .eachUnit })
    }

    /// A target set with no targets at all.
    public static func empty(catalogue: Catalogue) -> TargetSet {
        TargetSet(plan: "", schoolYear: nil, source: "",
                  targets: Array(repeating: Array(repeating: nil, count: Level.ordered.count), count: catalogue.indicators.count),
                  bases: Array(repeating: .eachUnit, count: catalogue.indicators.count))
    }
}
