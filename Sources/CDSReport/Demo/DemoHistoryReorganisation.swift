import Foundation

/// What the 1 July 2025 reorganisation does to the synthetic province: which schools merge, get
/// new codes, close or open, and how each district's schools are shared among communes.
struct DemoHistoryReorganisation: Sendable {
    struct Merger: Sendable {
        var code: String
        var name: String
        var levels: [DemoLevel]
        /// The school whose premises, name and answers continue.
        var first: String
        var second: String
    }

    var mergers: [Merger] = []
    var renumberings: [(old: String, new: String)] = []
    var closed: String?
    var opened: [(district: Int, unit: DemoHistoryUnit)] = []
    /// The centres the district offices ran, which the Sở takes over.
    var movedToSo: [String] = []

    /// Every code, old or new, that the reorganisation touches.
    var involvedCodes: Set<String> {
        var codes = Set<String>()
        for merger in mergers { codes.formUnion([merger.code, merger.first, merger.second]) }
        for renumbering in renumberings { codes.formUnion([renumbering.old, renumbering.new]) }
        if let closed { codes.insert(closed) }
        for opening in opened { codes.insert(opening.unit.code) }
        codes.formUnion(movedToSo)
        return codes
    }

    /// Chooses the changes, each in a district of its own where there are enough districts: two
    /// small primary schools merged, a small primary and a small lower-secondary school merged
    /// into a TH&THCS school, two district schools and one of the Sở's renumbered, a small
    /// preschool closed, a preschool and a primary school opened.
    static func choose(
        in registry: DemoHistoryRegistry, states: [String: DemoHistoryState], using rng: inout DemoSeededGenerator
    ) -> DemoHistoryReorganisation {
        var plan = DemoHistoryReorganisation()
        let offices = registry.offices
        func students(_ unit: DemoHistoryUnit) -> Int {
            states[unit.code]?.levels.reduce(0) { $0 + $1.figures.students } ?? 0
        }
        func smallest(_ units: [DemoHistoryUnit]) -> [DemoHistoryUnit] {
            units.sorted { (students($0), $0.code) < (students($1), $1.code) }
        }
        func schools(_ district: Int, _ levels: [DemoLevel]) -> [DemoHistoryUnit] {
            offices[district].units.filter { $0.kind == .truong && $0.levels == levels }
        }
        let order = rng.shuffled(Array(offices.indices))
        var used = Set<Int>()
        /// The next district (not used yet if possible) that satisfies `accepts`.
        func district(_ accepts: (Int) -> Bool) -> Int? {
            let pick = order.first { !used.contains($0) && accepts($0) } ?? order.first(where: accepts)
            if let pick { used.insert(pick) }
            return pick
        }
        func code(_ district: Int, _ series: Character, _ serial: Int) -> String {
            offices[district].office.code + String(series) + demoPad(serial, width: 2)
        }
        // Names are unique within a district (across the province, Hoa Sen preschools abound).
        var names = offices.map { Set($0.units.map(\.name)) }
        func fresh(_ candidates: [String], in district: Int) -> String {
            let name = candidates.first { !names[district].contains($0) } ?? candidates[0] + " số 2"
            names[district].insert(name)
            return name
        }

        // Two small primary schools become one.
        if let d = district({ schools($0, [.th]).count >= 2 }) {
            let pair = smallest(schools(d, [.th])).prefix(2).sorted { students($0) > students($1) }
            plan.mergers.append(Merger(code: code(d, "8", 1), name: pair[0].name, levels: [.th],
                                       first: pair[0].code, second: pair[1].code))
        }
        // A primary and a lower-secondary school become one TH&THCS school.
        if let d = district({ !schools($0, [.th]).isEmpty && !schools($0, [.thcs]).isEmpty }) {
            let primary = smallest(schools(d, [.th]).filter { !plan.involvedCodes.contains($0.code) })
            let lower = smallest(schools(d, [.thcs]))
            if let th = primary.first, let thcs = lower.first {
                let name = fresh([th, thcs].map { DemoNames.nfc("Trường TH&THCS ") + DemoHistoryNames.baseName(of: $0.name) }, in: d)
                plan.mergers.append(Merger(code: code(d, "8", 2), name: name, levels: [.th, .thcs],
                                           first: th.code, second: thcs.code))
            }
        }
        // Two district schools and one of the Sở's get new codes.
        var serial = 0
        for _ in 0..<2 {
            let involved = plan.involvedCodes
            guard let d = district({ offices[$0].units.contains { $0.kind == .truong && !involved.contains($0.code) } })
            else { continue }
            let unit = rng.pick(offices[d].units.filter { $0.kind == .truong && !involved.contains($0.code) })
            serial += 1
            plan.renumberings.append((unit.code, code(d, "7", serial)))
        }
        let direct = registry.direct.filter { $0.levels == [.thpt] && !$0.name.contains("chuyên") }
        if !direct.isEmpty {
            serial += 1
            plan.renumberings.append((rng.pick(direct).code, registry.so.code + "00" + "7" + demoPad(serial, width: 2)))
        }
        // A small preschool closes.
        let involved = plan.involvedCodes
        if let d = district({ schools($0, [.mn]).contains { !involved.contains($0.code) } }) {
            plan.closed = smallest(schools(d, [.mn]).filter { !involved.contains($0.code) }).first?.code
        }
        // A preschool opens in the capital, a primary school in the first town.
        let openings: [(Int, DemoLevel, String, [String])] = [
            (0, .mn, "Trường Mầm non ", DemoNames.preschool),
            (min(1, offices.count - 1), .th, "Trường Tiểu học ", DemoNames.figures),
        ]
        for (number, (d, level, prefix, pool)) in openings.enumerated() {
            let name = fresh(rng.shuffled(pool).map { DemoNames.nfc(prefix + $0) }, in: d)
            plan.opened.append((d, DemoHistoryUnit(
                code: code(d, "6", number + 1), name: name, kind: .truong, levels: [level], parent: "", locality: "")))
        }
        plan.movedToSo = offices.flatMap(\.units).filter { $0.kind == .trungtam }.map(\.code)
        return plan
    }

    /// The registry in force from 1 July 2025: no district office; each district's schools
    /// shared among two or three communes (three in the city and the towns, and in four rural
    /// districts); the Sở's own units, and the centres the districts ran, under the Sở.
    func version2(of v1: DemoHistoryRegistry, using rng: inout DemoSeededGenerator) -> DemoHistoryRegistry {
        let so = v1.so
        let rural = Array(v1.offices.indices.dropFirst(3))
        let threeCommunes = Set(Array(v1.offices.indices.prefix(3)) + rng.shuffled(rural).prefix(4))
        let renumbered = Dictionary(renumberings.map { ($0.old, $0.new) }, uniquingKeysWith: { first, _ in first })
        func successor(of unit: DemoHistoryUnit) -> DemoHistoryUnit? {
            if unit.code == closed { return nil }
            if let merger = mergers.first(where: { $0.first == unit.code }) {
                return DemoHistoryUnit(code: merger.code, name: merger.name, kind: .truong, levels: merger.levels,
                                       parent: "", locality: "", previousCodes: [merger.first, merger.second].sorted())
            }
            if mergers.contains(where: { $0.second == unit.code }) { return nil }
            var next = unit
            if let code = renumbered[unit.code] {
                next.code = code
                next.previousCodes = [unit.code]
            }
            return next
        }

        var takenNames = Set<String>()
        var communes: [DemoHistoryOffice] = []
        var centres: [DemoHistoryUnit] = []
        for (d, district) in v1.offices.enumerated() {
            var units: [DemoHistoryUnit] = []
            for unit in district.units {
                if unit.kind == .trungtam {
                    var centre = unit
                    centre.parent = so.code
                    centres.append(centre)
                } else if let next = successor(of: unit) {
                    units.append(next)
                }
            }
            units += opened.filter { $0.district == d }.map(\.unit)
            let count = threeCommunes.contains(d) ? 3 : 2
            let urban = d < 3
            let names = DemoHistoryNames.communes(count: count, for: district.units, taken: &takenNames, using: &rng)
            // Schools named after a commune go to it; the others are shared out evenly.
            var members = Array(repeating: [Int](), count: count)
            var unmatched: [Int] = []
            for index in rng.shuffled(Array(units.indices)) {
                if let commune = names.firstIndex(of: DemoHistoryNames.baseName(of: units[index].name)) {
                    members[commune].append(index)
                } else {
                    unmatched.append(index)
                }
            }
            for index in unmatched {
                let commune = members.indices.min { (members[$0].count, $0) < (members[$1].count, $1) }!
                members[commune].append(index)
            }
            while let empty = members.firstIndex(where: \.isEmpty),
                  let donor = members.indices.max(by: { members[$0].count < members[$1].count }),
                  members[donor].count > 1 {
                members[empty].append(members[donor].removeLast())
            }
            for (number, name) in names.enumerated() {
                let word = urban ? "phường" : "xã"
                let locality = DemoNames.nfc((urban ? "Phường " : "Xã ") + name)
                let office = DemoHistoryUnit(
                    code: district.office.code + String(number + 1), name: DemoNames.nfc("UBND \(word) \(name)"),
                    kind: .xa, levels: [], parent: so.code, locality: locality)
                let managed = members[number].sorted().map { index -> DemoHistoryUnit in
                    var unit = units[index]
                    unit.parent = office.code
                    unit.locality = locality
                    return unit
                }
                communes.append(DemoHistoryOffice(office: office, units: managed))
            }
        }
        let direct = v1.direct.compactMap(successor(of:)) + centres
        return DemoHistoryRegistry(so: so, offices: communes, direct: direct)
    }
}
