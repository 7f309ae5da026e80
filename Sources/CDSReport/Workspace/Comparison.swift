import Foundation

/// A year-on-year comparison of one period across school years (CONTRACT §6, `compare`).
///
/// Every year is shown on the registry in force for the last year: an earlier year's unit counts
/// in its successor's unit and managing-unit scopes, a unit with no successor (closed) only in the
/// province. Each year is judged against its own targets. Province rows equal each year's own
/// report; the last year's rows equal its report.
public struct Comparison: Sendable {
    /// One row of `comparison.csv`.
    public struct Row: Sendable {
        public let year: SchoolYear
        public let result: ResultRow
    }

    /// A figure that jumped implausibly from one year to the next (a school's students × 3,
    /// computers halved): worth a phone call before the figures are believed.
    public struct Jump: Sendable {
        public let unitCode: String
        public let unitName: String
        public let level: Level
        public let field: String
        public let label: String
        public let previousYear: SchoolYear
        public let year: SchoolYear
        public let previous: Int
        public let current: Int
    }

    public let kind: Period.Kind
    public let years: [SchoolYear]
    /// The rows in the contract's order: scope, code, indicator, level, then the years as given.
    public let rows: [Row]
    /// Each year's own products (its report), in the order of `years`.
    public let yearly: [RunProducts]
    /// The registry everything is shown on (the last year's).
    public let registry: Registry
    public let catalogue: Catalogue
    public let managingUnit: String?
    public let jumps: [Jump]
    /// Earlier years' units regrouped under another code (merged or renumbered), for the note.
    public let regrouped: Int
    /// Earlier years' units with no successor (closed), counted in the province only.
    public let closed: Int

    public static let header = ["scope", "scope_code", "scope_name", "level", "indicator", "school_year", "value", "target", "met",
                                "units_reporting", "units_meeting", "shortfall"]

    /// The bytes of `comparison.csv`.
    public var csv: [UInt8] {
        var writer = CSVWriter(header: Self.header)
        for row in rows {
            let r = row.result
            func number(_ value: Double?) -> CSVWriter.Cell { value.map { .number(NumberFormatting.plain($0)) } ?? .empty }
            writer.appendRow([
                .text(r.scope.rawValue), .text(r.scopeCode), .text(r.scopeName), .text(r.levelCode), .text(catalogue.indicators[r.indicator].id),
                .text(row.year.description), number(r.value), r.target.map { .text($0.description) } ?? .empty,
                r.met.map { .text($0 ? "true" : "false") } ?? .empty, .number(String(r.unitsReporting)),
                r.unitsMeeting.map { .number(String($0)) } ?? .empty, r.shortfall.map { .number(String($0)) } ?? .empty,
            ])
        }
        return writer.data
    }
}

extension Workspace {
    /// `compare -w DIR --period KIND --years Y1,Y2,… --out OUT [--managing-unit CODE]`.
    public func compare(kind: Period.Kind, years: [SchoolYear], managingUnit: String?, reportDate: Date) throws(WorkspaceError) -> Comparison {
        guard let lastYear = years.last else { throw WorkspaceError("--years: cần ít nhất một năm học.", usage: true) }
        let (catalogue, _, _) = try configuration()
        let lastPeriod = Period(firstYear: lastYear.firstYear, kind: kind)
        let last = try registry(for: lastPeriod)
        if let code = managingUnit {
            guard let unit = last.unit(code: code), unit.kind.isManaging else {
                throw WorkspaceError("--managing-unit \(code): không phải đơn vị quản lý trong danh mục của năm \(lastYear)", usage: true)
            }
        }
        let versions = try registryVersions()
        var yearly: [RunProducts] = []
        var rows: [(key: RowKey, year: Int, row: ResultRow)] = []
        var regrouped = 0, closed = 0
        for (position, year) in years.enumerated() {
            let period = Period(firstYear: year.firstYear, kind: kind)
            let products = try self.products(period: period, managingUnit: nil, targetsFile: nil, reportDate: reportDate)
            yearly.append(products)
            let own = products.registry
            let successors = Self.successors(from: own, on: period.referenceDay, to: lastPeriod.referenceDay, versions: versions, last: last)
            var members: [Aggregator.Member] = []
            for index in own.units.indices where own.units[index].kind.isReporting {
                let successor = successors[own.units[index].code]
                if position < years.count - 1 {
                    if successor == nil { closed += 1 } else if successor!.code != own.units[index].code { regrouped += 1 }
                }
                if let managingUnit, successor?.parentCode != managingUnit { continue }
                members.append(Aggregator.Member(unit: index, levels: own.units[index].levels, unitScope: successor?.code,
                                                 managingScope: successor?.parentCode))
            }
            let aggregator = Aggregator(catalogue: catalogue, registry: last, targets: products.targets)
            let results = aggregator.aggregate(members: members, accepted: products.validation.accepted,
                                               province: (last.so.code, last.so.name), name: { last.unit(code: $0)?.name })
            for row in results.rows {
                rows.append((RowKey(row), position, row))
            }
        }
        rows.sort { ($0.key, $0.year) < ($1.key, $1.year) }
        let jumps = Self.jumps(years: years, yearly: yearly, last: last, versions: versions, kind: kind, catalogue: catalogue,
                               managingUnit: managingUnit)
        return Comparison(kind: kind, years: years, rows: rows.map { Comparison.Row(year: years[$0.year], result: $0.row) },
                          yearly: yearly, registry: last, catalogue: catalogue, managingUnit: managingUnit, jumps: jumps,
                          regrouped: regrouped, closed: closed)
    }

    /// The order of results.csv: scope kind, code as text, indicator, level (ALL last).
    struct RowKey: Comparable {
        let scope: ScopeKind
        let code: [UInt8]
        let indicator: Int
        let level: Int

        init(_ row: ResultRow) {
            scope = row.scope
            code = Array(row.scopeCode.utf8)
            indicator = row.indicator
            level = row.level?.ordinal ?? Level.allCases.count
        }

        static func < (a: RowKey, b: RowKey) -> Bool {
            if a.scope != b.scope { return a.scope < b.scope }
            if a.code != b.code { return a.code.lexicographicallyPrecedes(b.code) }
            if a.indicator != b.indicator { return a.indicator < b.indicator }
            return a.level < b.level
        }
    }

    /// For each unit code of a year's registry, its unit in the last registry: the same code, or
    /// the unit listing it in `previous_codes`, followed through every version in force between
    /// the two dates; absent when the unit closed.
    static func successors(from own: Registry, on day: Day, to lastDay: Day, versions: [(id: Int64, effective: Day?, registry: Registry)],
                           last: Registry) -> [String: Unit] {
        // The versions that took effect after `day` and by `lastDay`, in order.
        let between = versions.filter { version in
            guard let effective = version.effective else { return false }
            return effective > day && effective <= lastDay
        }.map(\.registry)
        var result: [String: Unit] = [:]
        for unit in own.units where unit.kind.isReporting {
            var code = unit.code
            for registry in between where registry.unit(code: code) == nil {
                if let next = registry.successor(ofPreviousCode: code) { code = next.code }
            }
            if let found = last.unit(code: code) ?? last.successor(ofPreviousCode: code) ?? last.successor(ofPreviousCode: unit.code),
               found.kind.isReporting {
                result[unit.code] = found
            }
        }
        return result
    }

    /// Implausible jumps between consecutive years, per successor unit and level: students,
    /// staff or computers multiplied by 3 or more, or cut by half or more.
    static func jumps(years: [SchoolYear], yearly: [RunProducts], last: Registry, versions: [(id: Int64, effective: Day?, registry: Registry)],
                      kind: Period.Kind, catalogue: Catalogue, managingUnit: String?) -> [Comparison.Jump] {
        let watched = ["students", "staff", "classes", "pcs_teaching"].compactMap { id in catalogue.element(id: id).map { (id, $0) } }
        let lastDay = Period(firstYear: years.last!.firstYear, kind: kind).referenceDay
        // Per year: successor code + level → summed field values.
        var sums: [[String: [Int]]] = []
        for (position, products) in yearly.enumerated() {
            let day = Period(firstYear: years[position].firstYear, kind: kind).referenceDay
            let successors = successors(from: products.registry, on: day, to: lastDay, versions: versions, last: last)
            var table: [String: [Int]] = [:]
            for row in products.validation.accepted {
                guard let successor = successors[products.registry.units[row.unit].code] else { continue }
                if let managingUnit, successor.parentCode != managingUnit { continue }
                let key = successor.code + "|" + row.level.rawValue
                var values = table[key] ?? Array(repeating: -1, count: watched.count)
                for (slot, field) in watched.enumerated() {
                    guard let value = row.values[field.1].intValue else { continue }
                    values[slot] = max(values[slot], 0) + value
                }
                table[key] = values
            }
            sums.append(table)
        }
        var jumps: [Comparison.Jump] = []
        for position in years.indices.dropFirst() {
            for (key, values) in sums[position] {
                guard let before = sums[position - 1][key] else { continue }
                let parts = key.split(separator: "|")
                guard let unit = last.unit(code: String(parts[0])), let level = Level(code: String(parts[1])) else { continue }
                for (slot, field) in watched.enumerated() where before[slot] > 0 && values[slot] >= 0 {
                    let previous = before[slot], current = values[slot]
                    if current >= previous * 3 || current * 2 <= previous {
                        jumps.append(Comparison.Jump(unitCode: unit.code, unitName: unit.name, level: level, field: field.0,
                                                     label: catalogue.elements[field.1].label, previousYear: years[position - 1],
                                                     year: years[position], previous: previous, current: current))
                    }
                }
            }
        }
        return jumps.sorted { ($0.unitCode, $0.level.ordinal, $0.field, $0.year.firstYear) < ($1.unitCode, $1.level.ordinal, $1.field, $1.year.firstYear) }
    }
}
