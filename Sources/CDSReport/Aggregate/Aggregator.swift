/// `Double(x)` through `Int64` when it fits: the generic conversion from `Int128` was a tenth
/// of a national run.
@inline(__always)
func fastDouble(_ value: Int128) -> Double {
    if let small = Int64(exactly: value) { return Double(small) }
    return Double(value)
}

/// Computes every indicator for every unit, managing unit and the province (CONTRACT §4).
///
/// Ratios travel up as numerator and denominator and are divided last; a zero denominator is an
/// empty value. Comparisons with targets and shortfalls are exact (targets are decimals). One
/// linear pass over units builds each unit's cells, and each unit's cells are added to its three
/// scopes (itself, its managing unit, the province).
public struct Aggregator: Sendable {
    public let catalogue: Catalogue
    public let registry: Registry
    public let targets: TargetSet
    public let managingUnit: String?

    public init(catalogue: Catalogue, registry: Registry, targets: TargetSet, managingUnit: String? = nil) {
        self.catalogue = catalogue
        self.registry = registry
        self.targets = targets
        self.managingUnit = managingUnit
    }

    /// One unit's figures for one indicator at one level, or at ALL.
    struct Cell {
        var hasInputs = false
        var numerator: Int128 = 0
        var denominator: Int128 = 0
        /// Σ students × labs ÷ classes, exact while it fits (students per computer only).
        var exact = Fraction.zero
        var exactValid = true
        var numeratorDouble = 0.0
        var reporting = false
        var noComputer = false
        var meets: Bool?
        var gap: Int128?
    }

    /// Scopes of one kind (managing units, or units): each code's slot, its sums per indicator and
    /// level, and the levels its members serve. Sums live in arrays mutated in place: copying
    /// them out of a dictionary and back would copy every scope's sums for every unit.
    struct ScopeTable {
        let empty: [Accumulator]
        var index: [String: Int] = [:]
        var sums: [[Accumulator]] = []
        var levels: [LevelSet] = []

        init(empty: [Accumulator]) { self.empty = empty }

        /// The slot of a scope, made on first use, with the member's levels added to its own.
        mutating func slot(for code: String, adding memberLevels: LevelSet) -> Int {
            let position: Int
            if let existing = index[code] {
                position = existing
            } else {
                position = sums.count
                index[code] = position
                sums.append(empty)
                levels.append(LevelSet())
            }
            levels[position] = levels[position].union(memberLevels)
            return position
        }
    }

    /// A scope's sums for one indicator at one level, or at ALL.
    struct Accumulator {
        var inputs = 0
        var numerator: Int128 = 0
        var denominator: Int128 = 0
        var exact = Fraction.zero
        var exactValid = true
        var numeratorDouble = 0.0
        var reporting = 0
        var meeting = 0
        var gap: Int128 = 0
        var gapUnits = 0
        var noComputer = false

        mutating func add(_ cell: Cell) {
            if cell.hasInputs {
                inputs += 1
                numerator += cell.numerator
                denominator += cell.denominator
                numeratorDouble += cell.numeratorDouble
                if exactValid {
                    exactValid = cell.exactValid && exact.add(cell.exact.numerator, cell.exact.denominator)
                }
            }
            if cell.reporting { reporting += 1 }
            if cell.meets == true { meeting += 1 }
            if let gap = cell.gap {
                self.gap += gap
                gapUnits += 1
            }
            if cell.noComputer { noComputer = true }
        }
    }

    /// One unit's figures placed in the scopes it counts in.
    ///
    /// In a run a unit counts in its own unit scope and its managing unit. In a year-on-year
    /// comparison an earlier year's unit counts in its successor's scopes (today's unit and
    /// managing unit), or only in the province when it has no successor.
    public struct Member: Sendable {
        /// The unit's index in the registry its accepted rows refer to.
        public let unit: Int
        /// The levels it served (in its own registry).
        public let levels: LevelSet
        /// The unit scope it counts in, if any.
        public let unitScope: String?
        /// The managing scope it counts in, if any.
        public let managingScope: String?

        public init(unit: Int, levels: LevelSet, unitScope: String?, managingScope: String?) {
            self.unit = unit
            self.levels = levels
            self.unitScope = unitScope
            self.managingScope = managingScope
        }
    }

    /// Computes the results of a run from the accepted rows: every reporting unit of the
    /// registry (within `managingUnit`) in its own scope and its managing unit's.
    public func aggregate(_ accepted: [AcceptedRow]) -> Results {
        let units = registry.units
        let inScope: [Int] = units.indices.filter { index in
            units[index].kind.isReporting && (managingUnit == nil || units[index].parentCode == managingUnit)
        }.sorted { units[$0].code.utf8.lexicographicallyPrecedes(units[$1].code.utf8) }
        let members = inScope.map { Member(unit: $0, levels: units[$0].levels, unitScope: units[$0].code, managingScope: units[$0].parentCode) }
        return aggregate(members: members, accepted: accepted, province: (registry.so.code, registry.so.name),
                         name: { registry.unit(code: $0)?.name })
    }

    /// Computes the results of arbitrary members: the province (every member), each managing
    /// scope and each unit scope, named through `name`.
    public func aggregate(members: [Member], accepted: [AcceptedRow], province provinceScope: (code: String, name: String),
                          name: (String) -> String?) -> Results {
        let levelCount = Level.ordered.count
        // Accepted rows by unit and level.
        var rowsOf: [Int: [[FieldValue]?]] = [:]
        for row in accepted {
            var slots = rowsOf[row.unit] ?? Array(repeating: nil, count: levelCount)
            slots[row.level.ordinal] = row.values
            rowsOf[row.unit] = slots
        }

        let indicatorCount = catalogue.indicators.count
        let slotCount = levelCount + 1 // the last slot is ALL
        let empty = Array(repeating: Accumulator(), count: indicatorCount * slotCount)
        var province = empty
        var managing = ScopeTable(empty: empty)
        var unitScopes = ScopeTable(empty: empty)
        var provinceLevels = LevelSet()
        var levelCells: [(Level, Cell)] = []
        levelCells.reserveCapacity(levelCount)
        // A unit scope's rows are made as soon as its last member is in, and its sums dropped:
        // kept to the end, every unit's sums would be most of a national run's memory.
        var remaining: [String: Int] = [:]
        for member in members { if let code = member.unitScope { remaining[code, default: 0] += 1 } }
        var unitRows: [String: [ResultRow]] = [:]
        // In a run every unit is its own scope and units come in code order: their rows go
        // straight into the result, whose head (province and managing units) is put in front at
        // the end. Otherwise (a comparison regrouping units) rows wait per scope for sorting.
        var previousCode: [UInt8]?
        var inOrder = true
        for member in members {
            guard let code = member.unitScope else { continue }
            let bytes = Array(code.utf8)
            if let previous = previousCode, !previous.lexicographicallyPrecedes(bytes) { inOrder = false; break }
            previousCode = bytes
        }
        var ordered: [ResultRow] = []
        if inOrder { ordered.reserveCapacity(members.count * 26 + catalogue.indicators.count * (Level.ordered.count + 1) * 2_000) }

        for member in members {
            let slots = rowsOf[member.unit] ?? Array(repeating: nil, count: levelCount)
            let perUnit = perUnitValues(slots)
            let own = member.unitScope.map { unitScopes.slot(for: $0, adding: member.levels) }
            let parent = member.managingScope.map { managing.slot(for: $0, adding: member.levels) }
            for (indicatorIndex, indicator) in catalogue.indicators.enumerated() {
                let levels = indicator.levels.intersection(member.levels)
                guard !levels.isEmpty else { continue }
                levelCells.removeAll(keepingCapacity: true)
                for level in levels {
                    let cell = self.cell(indicator: indicatorIndex, level: level, values: slots[level.ordinal], perUnit: perUnit)
                    levelCells.append((level, cell))
                    let slot = indicatorIndex * slotCount + level.ordinal
                    if let own { unitScopes.sums[own][slot].add(cell) }
                    if let parent { managing.sums[parent][slot].add(cell) }
                    province[slot].add(cell)
                }
                let all = allCell(indicator: indicatorIndex, levels: levels, cells: levelCells)
                let slot = indicatorIndex * slotCount + levelCount
                if let own { unitScopes.sums[own][slot].add(all) }
                if let parent { managing.sums[parent][slot].add(all) }
                province[slot].add(all)
            }
            provinceLevels = provinceLevels.union(member.levels)
            if let code = member.unitScope, let own {
                remaining[code]! -= 1
                if remaining[code] == 0 {
                    let made = rows(scope: .unit, code: code, name: name(code) ?? code, levels: unitScopes.levels[own],
                                    accumulators: unitScopes.sums[own])
                    if inOrder { ordered += made } else { unitRows[code] = made }
                    unitScopes.sums[own] = []
                }
            }
        }

        func sortedCodes(_ index: [String: Int]) -> [String] {
            index.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        }
        var result: [ResultRow] = []
        result += rows(scope: .province, code: provinceScope.code, name: provinceScope.name, levels: provinceLevels, accumulators: province)
        var managingIndices: [Int] = []
        for code in sortedCodes(managing.index) {
            if let index = registry.index(of: code) { managingIndices.append(index) }
            let position = managing.index[code]!
            result += rows(scope: .managingUnit, code: code, name: name(code) ?? code, levels: managing.levels[position],
                           accumulators: managing.sums[position])
        }
        if inOrder {
            ordered.insert(contentsOf: result, at: 0)
            result = ordered
        } else {
            for code in sortedCodes(unitScopes.index) {
                // Moved, not copied: each scope's rows are freed as they join the result.
                if let rows = unitRows.removeValue(forKey: code) { result += rows }
            }
        }
        return Results(rows: result, units: members.map(\.unit), managingUnits: managingIndices)
    }

    /// Each per-unit field's value: the non-blank value of the unit's accepted rows at levels the
    /// field applies to (conflicts were rejected before).
    private func perUnitValues(_ slots: [[FieldValue]?]) -> [FieldValue] {
        var values = Array(repeating: FieldValue.blank, count: catalogue.elements.count)
        for (index, element) in catalogue.elements.enumerated() where element.perUnit {
            for level in Level.ordered where element.levels.contains(level) {
                if let value = slots[level.ordinal]?[index], value.isValue {
                    values[index] = value
                    break
                }
            }
        }
        return values
    }

    /// A unit's cell at one level.
    private func cell(indicator index: Int, level: Level, values: [FieldValue]?, perUnit: [FieldValue]) -> Cell {
        var cell = Cell()
        guard let values else { return cell }
        let target = targets.target(indicator: index, level: level)
        switch catalogue.indicators[index].kind {
        case .ratio(let numeratorField, let denominatorField):
            guard let numerator = values[numeratorField].intValue, let denominator = values[denominatorField].intValue else { return cell }
            cell.hasInputs = true
            cell.numerator = Int128(numerator)
            cell.denominator = Int128(denominator)
            cell.numeratorDouble = Double(numerator)
            cell.reporting = denominator > 0
            if let target {
                if cell.reporting { cell.meets = Self.meets(numerator: cell.numerator, denominator: cell.denominator, target) }
                cell.gap = Self.ratioGap(numerator: cell.numerator, denominator: cell.denominator, target)
            }
        case .unitShare(let field, let condition):
            let value = catalogue.elements[field].perUnit ? perUnit[field] : values[field]
            guard value.isValue else { return cell }
            let yes = condition.holds(value)
            cell.hasInputs = true
            cell.reporting = true
            cell.numerator = yes ? 1 : 0
            cell.denominator = 1
            cell.numeratorDouble = yes ? 1 : 0
            if let target {
                let meets = Self.meets(numerator: cell.numerator, denominator: 1, target)
                cell.meets = meets
                cell.gap = meets ? 0 : 1
            }
        case .studentsPerPC(let studentsField, let classesField, let labsField, let pcsField):
            guard let students = values[studentsField].intValue, let classes = values[classesField].intValue,
                  let labs = values[labsField].intValue, let pcs = values[pcsField].intValue else { return cell }
            cell.hasInputs = true
            // students ÷ classes × labs; a unit with no students has class size 0.
            let top = Int128(students) * Int128(labs)
            if students > 0, classes > 0 {
                cell.exact = Fraction(numerator: top, denominator: Int128(classes))
                cell.numeratorDouble = Double(students) / Double(classes) * Double(labs)
            }
            cell.denominator = Int128(pcs)
            cell.noComputer = students > 0 && (labs == 0 || pcs == 0)
            cell.reporting = cell.noComputer || pcs > 0
            if let target {
                if cell.noComputer {
                    cell.meets = false
                } else if pcs > 0 {
                    cell.meets = Self.compare(cell.exact, exactValid: true, double: cell.numeratorDouble, denominator: cell.denominator, target)
                }
                cell.gap = Self.studentsPerPCGap(students: students, classes: classes, labs: labs, pcs: pcs,
                                                 numerator: cell.exact, numeratorDouble: cell.numeratorDouble, target)
            }
        }
        return cell
    }

    /// A unit's cell at ALL: its levels pooled, counted once.
    private func allCell(indicator index: Int, levels: LevelSet, cells: [(Level, Cell)]) -> Cell {
        let indicator = catalogue.indicators[index]
        var all = Cell()
        for (_, cell) in cells where cell.hasInputs {
            all.hasInputs = true
            all.numerator += cell.numerator
            all.denominator += cell.denominator
            all.numeratorDouble += cell.numeratorDouble
            if all.exactValid { all.exactValid = cell.exactValid && all.exact.add(cell.exact.numerator, cell.exact.denominator) }
            if cell.noComputer { all.noComputer = true }
        }
        let isUnitShare: Bool
        switch indicator.kind {
        case .unitShare:
            isUnitShare = true
            // The unit counts once: yes if yes, reporting if it reports at any level.
            if let first = cells.first(where: { $0.1.reporting })?.1 {
                all.reporting = true
                all.numerator = first.numerator
                all.denominator = 1
                all.numeratorDouble = first.numeratorDouble
            }
        case .ratio:
            isUnitShare = false
            all.reporting = all.denominator > 0
        case .studentsPerPC:
            isUnitShare = false
            all.reporting = all.denominator > 0 || all.noComputer
        }
        let common = targets.commonTarget(indicator: index, levels: indicator.levels)
        // One pass over the levels: which have a target, which of those report, and their gaps.
        var anyTargeted = false, anyReported = false, allReportedMeet = true, anyReportedFails = false
        var gapSum: Int128 = 0, anyGap = false
        for (level, cell) in cells where targets.target(indicator: index, level: level) != nil {
            anyTargeted = true
            if cell.reporting {
                anyReported = true
                if cell.meets != true { allReportedMeet = false }
                if cell.meets == false { anyReportedFails = true }
            }
            if let gap = cell.gap {
                anyGap = true
                gapSum += gap
            }
        }
        if let common {
            if all.reporting {
                switch indicator.kind {
                case .studentsPerPC:
                    all.meets = all.noComputer ? false
                        : Self.compare(all.exact, exactValid: all.exactValid, double: all.numeratorDouble, denominator: all.denominator, common)
                default:
                    all.meets = Self.meets(numerator: all.numerator, denominator: all.denominator, common)
                }
            }
        } else if anyTargeted, anyReported {
            // Units that report a targeted level and meet the target of each such level they report.
            all.meets = allReportedMeet
        }
        if anyGap {
            if isUnitShare {
                let fails = common != nil ? all.meets == false : anyReportedFails
                all.gap = fails ? 1 : 0
            } else {
                all.gap = gapSum
            }
        }
        return all
    }

    /// The rows of one scope, in the contract's order.
    private func rows(scope: ScopeKind, code: String, name: String, levels scopeLevels: LevelSet,
                      accumulators: [Accumulator]) -> [ResultRow] {
        var rows: [ResultRow] = []
        let slotCount = Level.ordered.count + 1
        for (index, indicator) in catalogue.indicators.enumerated() {
            let levels = indicator.levels.intersection(scopeLevels)
            guard !levels.isEmpty else { continue }
            let basis = targets.basis(indicator: index)
            var levelShortfalls: [Int] = []
            for level in levels {
                let accumulator = accumulators[index * slotCount + level.ordinal]
                let target = targets.target(indicator: index, level: level)
                let row = makeRow(scope: scope, code: code, name: name, level: level, indicator: index, accumulator: accumulator,
                                  target: target, anyTarget: target != nil, basis: basis, levelShortfalls: [])
                if let shortfall = row.shortfall { levelShortfalls.append(shortfall) }
                rows.append(row)
            }
            let all = accumulators[index * slotCount + Level.ordered.count]
            let common = targets.commonTarget(indicator: index, levels: indicator.levels)
            rows.append(makeRow(scope: scope, code: code, name: name, level: nil, indicator: index, accumulator: all, target: common,
                                anyTarget: targets.hasAnyTarget(indicator: index, levels: levels), basis: basis,
                                levelShortfalls: levelShortfalls, unitScope: scope == .unit))
        }
        return rows
    }

    private func makeRow(scope: ScopeKind, code: String, name: String, level: Level?, indicator index: Int, accumulator a: Accumulator,
                         target: Target?, anyTarget: Bool, basis: TargetBasis, levelShortfalls: [Int],
                         unitScope: Bool = false) -> ResultRow {
        let kind = catalogue.indicators[index].kind
        var value: Double?
        var numerator: Double?
        var denominator: Double?
        var met: Bool?
        switch kind {
        case .ratio:
            if a.inputs > 0 {
                numerator = fastDouble(a.numerator)
                denominator = fastDouble(a.denominator)
            }
            if a.denominator > 0 {
                value = fastDouble(a.numerator) / fastDouble(a.denominator)
                if let target { met = Self.meets(numerator: a.numerator, denominator: a.denominator, target) }
            }
        case .unitShare:
            if a.reporting > 0 {
                numerator = fastDouble(a.numerator)
                denominator = Double(a.reporting)
                value = fastDouble(a.numerator) / Double(a.reporting)
                if let target { met = Self.meets(numerator: a.numerator, denominator: Int128(a.reporting), target) }
            }
        case .studentsPerPC:
            if a.inputs > 0 {
                numerator = a.exactValid ? a.exact.doubleValue : a.numeratorDouble
                denominator = fastDouble(a.denominator)
            }
            if a.denominator > 0 {
                value = (numerator ?? 0) / fastDouble(a.denominator)
                if let target { met = Self.compare(a.exact, exactValid: a.exactValid, double: a.numeratorDouble, denominator: a.denominator, target) }
            } else if target != nil, a.noComputer {
                // Blank because students have no computer: that does not meet.
                met = false
            }
        }
        // A unit's own ALL row: one level with students but no computer makes it not meet.
        if unitScope, level == nil, target != nil, a.noComputer, met != nil { met = false }

        var shortfall: Int128?
        let levelShortfalls = levelShortfalls.map { Int128($0) }
        if anyTarget {
            switch basis {
            case .eachUnit:
                if a.gapUnits > 0 { shortfall = a.gap }
            case .average:
                if let target {
                    if a.inputs > 0 || a.reporting > 0 { shortfall = ownGap(kind: kind, accumulator: a, target: target) }
                } else if !levelShortfalls.isEmpty {
                    shortfall = levelShortfalls.reduce(0, +)
                }
            }
        }
        return ResultRow(scope: scope, scopeCode: code, scopeName: name, level: level, indicator: index, value: value,
                         numerator: numerator, denominator: denominator, target: target, met: met, unitsReporting: a.reporting,
                         unitsMeeting: anyTarget ? a.meeting : nil, shortfall: shortfall.map { Int(clamping: $0) })
    }

    /// The row's own gap (basis `average`).
    private func ownGap(kind: IndicatorKind, accumulator a: Accumulator, target: Target) -> Int128 {
        switch kind {
        case .ratio: Self.ratioGap(numerator: a.numerator, denominator: a.denominator, target)
        case .unitShare: Self.ratioGap(numerator: a.numerator, denominator: Int128(a.reporting), target)
        case .studentsPerPC:
            Self.fractionGap(a.exact, exactValid: a.exactValid, double: a.numeratorDouble, denominator: a.denominator, target)
        }
    }

    // MARK: Exact arithmetic

    /// `numerator / denominator` against the target, exactly (denominator > 0).
    static func meets(numerator: Int128, denominator: Int128, _ target: Target) -> Bool {
        let left = numerator * target.value.denominator
        let right = target.value.significand * denominator
        return target.op == .atLeast ? left >= right : left <= right
    }

    /// ⌈x · denominator − numerator⌉ for `>= x`, ⌈numerator − x · denominator⌉ for `<= x`; never below 0.
    static func ratioGap(numerator: Int128, denominator: Int128, _ target: Target) -> Int128 {
        let scaledNumerator = numerator * target.value.denominator
        let scaledTarget = target.value.significand * denominator
        let difference = target.op == .atLeast ? scaledTarget - scaledNumerator : scaledNumerator - scaledTarget
        return max(0, ceilDiv(difference, target.value.denominator))
    }

    /// A pooled Σ(students × labs ÷ classes) / Σ pcs against the target: exact while the fraction fits.
    static func compare(_ exact: Fraction, exactValid: Bool, double: Double, denominator: Int128, _ target: Target) -> Bool {
        if exactValid, let order = exact.compare(toDecimal: target.value, times: denominator) {
            return target.op == .atLeast ? order >= 0 : order <= 0
        }
        let value = double / fastDouble(denominator)
        return target.op == .atLeast ? value >= target.value.doubleValue : value <= target.value.doubleValue
    }

    /// ⌈x · pcs − Σ(students × labs ÷ classes)⌉ for `>=`, the computers over for `<=`; never below 0.
    static func fractionGap(_ exact: Fraction, exactValid: Bool, double: Double, denominator: Int128, _ target: Target) -> Int128 {
        if exactValid {
            // (s · pcs · d − n · 10^k) / (d · 10^k)
            let (a, o1) = target.value.significand.multipliedReportingOverflow(by: denominator)
            let (b, o2) = a.multipliedReportingOverflow(by: exact.denominator)
            let (c, o3) = exact.numerator.multipliedReportingOverflow(by: target.value.denominator)
            let (d, o4) = exact.denominator.multipliedReportingOverflow(by: target.value.denominator)
            if !o1, !o2, !o3, !o4 {
                let difference = target.op == .atLeast ? b - c : c - b
                return max(0, ceilDiv(difference, d))
            }
        }
        let x = target.value.doubleValue * Double(denominator)
        let difference = target.op == .atLeast ? x - double : double - x
        return max(0, Int128((difference - 1e-9).rounded(.up)))
    }

    /// Computers to add so that each lab seats the target (CONTRACT §4):
    /// ⌈class size / x⌉ · max(labs, 1) − pcs, class size = students ÷ classes.
    static func studentsPerPCGap(students: Int, classes: Int, labs: Int, pcs: Int, numerator: Fraction, numeratorDouble: Double,
                                 _ target: Target) -> Int128? {
        guard target.op == .atMost else {
            return fractionGap(numerator, exactValid: true, double: numeratorDouble, denominator: Int128(pcs), target)
        }
        guard students > 0, classes > 0 else { return 0 }
        guard target.value.significand > 0 else { return nil }
        // class size / x = students · 10^k / (classes · s)
        let perLab = ceilDiv(Int128(students) * target.value.denominator, Int128(classes) * target.value.significand)
        return max(0, perLab * Int128(max(labs, 1)) - Int128(pcs))
    }
}
