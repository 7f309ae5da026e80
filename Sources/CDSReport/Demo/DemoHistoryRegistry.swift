import Foundation

/// A registry row of the history (CONTRACT §2); unlike `DemoUnit` it knows communes (XA).
struct DemoHistoryUnit: Sendable {
    enum Kind: String, Sendable {
        case so = "SO", phong = "PHONG", xa = "XA", truong = "TRUONG", trungtam = "TRUNGTAM"
    }

    var code: String
    var name: String
    var kind: Kind
    var levels: [DemoLevel]
    var parent: String
    var locality: String
    var previousCodes: [String] = []

    var reports: Bool { kind == .truong || kind == .trungtam }
    var isMultiLevel: Bool { levels.count > 1 }

    init(code: String, name: String, kind: Kind, levels: [DemoLevel], parent: String, locality: String,
         previousCodes: [String] = []) {
        self.code = code
        self.name = name
        self.kind = kind
        self.levels = levels
        self.parent = parent
        self.locality = locality
        self.previousCodes = previousCodes
    }

    init(_ unit: DemoUnit) {
        let kind: Kind
        switch unit.kind {
        case .so: kind = .so
        case .phong: kind = .phong
        case .truong: kind = .truong
        case .trungtam: kind = .trungtam
        }
        self.init(code: unit.code, name: unit.name, kind: kind, levels: unit.levels, parent: unit.parent,
                  locality: unit.locality, previousCodes: unit.previousCodes)
    }

    /// The unit as the province demo's row builder expects it (only reporting units are rows).
    var demoUnit: DemoUnit {
        DemoUnit(code: code, name: name, kind: kind == .trungtam ? .trungtam : .truong, levels: levels,
                 parent: parent, locality: locality, previousCodes: previousCodes)
    }
}

/// A managing unit (a district office or a commune) and the schools and centres it manages.
struct DemoHistoryOffice: Sendable {
    var office: DemoHistoryUnit
    var units: [DemoHistoryUnit]
}

/// One version of the registry: the Sở, its managing units, and the units it manages directly.
struct DemoHistoryRegistry: Sendable {
    var so: DemoHistoryUnit
    var offices: [DemoHistoryOffice]
    var direct: [DemoHistoryUnit]

    /// Every reporting unit, office by office, then the Sở's own.
    var reportingUnits: [DemoHistoryUnit] { offices.flatMap(\.units) + direct }

    /// Every unit, in the order of the CSV.
    var allUnits: [DemoHistoryUnit] {
        [so] + offices.flatMap { [$0.office] + $0.units } + direct
    }

    /// The registry as the CSV of CONTRACT §2: UTF-8 without BOM, LF, one row per unit.
    func csv() -> Data {
        var lines = ["unit_code,name,kind,levels,parent_code,locality,previous_codes"]
        for unit in allUnits {
            lines.append([unit.code, unit.name, unit.kind.rawValue, unit.levels.map(\.rawValue).joined(separator: ";"),
                          unit.parent, unit.locality, unit.previousCodes.joined(separator: ";")]
                .map { DemoCSV.escape(DemoNames.nfc($0), delimiter: ",") }
                .joined(separator: ","))
        }
        return Data((lines.joined(separator: "\n") + "\n").utf8)
    }

    /// Version 1: the province demo's registry, with `scale` of its schools and centres kept.
    static func version1(scale: Double, using rng: inout DemoSeededGenerator) -> DemoHistoryRegistry {
        let base = DemoRegistry.build(using: &rng)
        let offices = base.districts.map { district in
            DemoHistoryOffice(
                office: DemoHistoryUnit(district.office),
                units: sample(district.units.map(DemoHistoryUnit.init), scale: scale, using: &rng))
        }
        let direct = sample(base.direct.map(DemoHistoryUnit.init), scale: scale, using: &rng)
        return DemoHistoryRegistry(so: DemoHistoryUnit(base.so), offices: offices, direct: direct)
    }

    /// `scale` of `units`, kind by kind (the units serving the same levels), in their order; at
    /// least one of each kind and two primary schools, so that every demo role finds a unit.
    private static func sample(
        _ units: [DemoHistoryUnit], scale: Double, using rng: inout DemoSeededGenerator
    ) -> [DemoHistoryUnit] {
        guard scale < 1 else { return units }
        var groups: [String] = []
        var members: [String: [Int]] = [:]
        for (index, unit) in units.enumerated() {
            let key = unit.kind.rawValue + ":" + unit.levels.map(\.rawValue).joined(separator: ";")
            if members[key] == nil { groups.append(key) }
            members[key, default: []].append(index)
        }
        var kept: [Int] = []
        for key in groups {
            let indices = members[key] ?? []
            let minimum = key == "TRUONG:TH" || key == "TRUONG:THPT" ? 2 : 1
            let count = min(indices.count, max(minimum, Int((Double(indices.count) * max(0, scale)).rounded())))
            kept += rng.shuffled(indices).prefix(count)
        }
        return kept.sorted().map { units[$0] }
    }
}

/// The commune names of the history: those the district's schools are named after first, so that
/// "UBND xã An Phong" manages "Trường Mầm non An Phong".
enum DemoHistoryNames {
    private static let schoolPrefixes = ["Trường Mầm non ", "Trường Tiểu học ", "Trường THCS ", "Trường TH&THCS "]

    /// The name a school takes after its place or hero ("An Phong" for "Trường Mầm non An Phong").
    static func baseName(of schoolName: String) -> String {
        let name = DemoNames.nfc(schoolName)
        for prefix in schoolPrefixes.map(DemoNames.nfc) where name.hasPrefix(prefix) {
            return String(name.dropFirst(prefix.count))
        }
        return name
    }

    /// Whether `name` is built like a commune name of the demo (two syllables of the pools).
    static func isCommuneName(_ name: String) -> Bool {
        let parts = name.split(separator: " ").map(String.init)
        return parts.count == 2 && DemoNames.communeFirst.map(DemoNames.nfc).contains(parts[0])
            && DemoNames.communeSecond.map(DemoNames.nfc).contains(parts[1])
    }

    /// `count` commune names for a district whose schools are `units`, none in `taken`.
    static func communes(
        count: Int, for units: [DemoHistoryUnit], taken: inout Set<String>, using rng: inout DemoSeededGenerator
    ) -> [String] {
        var candidates: [String] = []
        for unit in units {
            let base = baseName(of: unit.name)
            if isCommuneName(base), !candidates.contains(base) { candidates.append(base) }
        }
        var names: [String] = []
        for name in rng.shuffled(candidates) where names.count < count && !taken.contains(name) {
            names.append(name)
            taken.insert(name)
        }
        while names.count < count {
            let name = DemoNames.nfc("\(rng.pick(DemoNames.communeFirst)) \(rng.pick(DemoNames.communeSecond))")
            let parts = name.split(separator: " ")
            if parts[0] != parts[1], !taken.contains(name) {
                names.append(name)
                taken.insert(name)
            }
        }
        return names
    }
}
