import Foundation

/// A level (cấp học) as the demo uses it; the codes are those of CONTRACT §2–3.
enum DemoLevel: String, CaseIterable, Sendable {
    case mn = "MN", th = "TH", thcs = "THCS", thpt = "THPT", gdtx = "GDTX"
}

/// A registry row of the synthetic province (CONTRACT §2).
struct DemoUnit: Sendable {
    enum Kind: String, Sendable { case so = "SO", phong = "PHONG", truong = "TRUONG", trungtam = "TRUNGTAM" }

    var code: String
    var name: String
    var kind: Kind
    var levels: [DemoLevel]
    var parent: String
    var locality: String
    var previousCodes: [String] = []

    /// A school or centre, that is a unit that submits returns.
    var reports: Bool { kind == .truong || kind == .trungtam }
    var isMultiLevel: Bool { levels.count > 1 }
}

/// A district office and the schools and centres it manages.
struct DemoDistrict: Sendable {
    var office: DemoUnit
    var units: [DemoUnit]
    var districtName: String { office.locality }
}

/// The whole registry: the Sở, its districts, and the units it manages directly.
struct DemoRegistry: Sendable {
    static let soCode = "07"

    var so: DemoUnit
    var districts: [DemoDistrict]
    var direct: [DemoUnit]

    /// Every reporting unit, district by district, then the Sở's own.
    var reportingUnits: [DemoUnit] { districts.flatMap(\.units) + direct }

    /// Builds the province's units; names and sizes depend on the generator only.
    static func build(using rng: inout DemoSeededGenerator) -> DemoRegistry {
        let so = DemoUnit(
            code: soCode, name: "Sở Giáo dục và Đào tạo tỉnh \(DemoNames.province)", kind: .so,
            levels: [], parent: "", locality: DemoNames.capital)
        // Two districts still run their own GDNN-GDTX centre (seed 001): who manages a unit is data.
        let districtCentres = Set(rng.shuffled(Array(3..<DemoNames.districts.count)).prefix(2))
        var districts: [DemoDistrict] = []
        for (index, districtName) in DemoNames.districts.enumerated() {
            let officeCode = soCode + demoPad(index + 1, width: 2)
            let office = DemoUnit(
                code: officeCode, name: "Phòng Giáo dục và Đào tạo \(districtName)", kind: .phong,
                levels: [], parent: soCode, locality: districtName)
            let urban = index < 3
            let units = districtUnits(
                officeCode: officeCode, districtName: districtName, urban: urban,
                runsCentre: districtCentres.contains(index), using: &rng)
            districts.append(DemoDistrict(office: office, units: units))
        }
        let direct = directUnits(excludingCentresOf: districtCentres, using: &rng)
        return DemoRegistry(so: so, districts: districts, direct: direct)
    }

    private static func districtUnits(
        officeCode: String, districtName: String, urban: Bool, runsCentre: Bool,
        using rng: inout DemoSeededGenerator
    ) -> [DemoUnit] {
        let counts: [(DemoLevel, Int)] = urban
            ? [(.mn, rng.int(in: 14...18)), (.th, rng.int(in: 13...17)), (.thcs, rng.int(in: 8...11))]
            : [(.mn, rng.int(in: 10...15)), (.th, rng.int(in: 10...15)), (.thcs, rng.int(in: 7...10))]
        let multiLevel = rng.int(in: 1...3)
        // Schools of one commune share its name across levels (MN, TH, THCS An Phong), so each
        // district gets one list of communes; urban wards more often take a hero's name.
        let communes = communeNames(count: 20, using: &rng)
        var units: [DemoUnit] = []
        var serial = 0
        func add(_ name: String, _ kind: DemoUnit.Kind, _ levels: [DemoLevel]) {
            serial += 1
            units.append(DemoUnit(
                code: officeCode + demoPad(serial, width: 3), name: DemoNames.nfc(name), kind: kind,
                levels: levels, parent: officeCode, locality: districtName))
        }
        for (level, count) in counts {
            let prefix: String
            let pool: [String]
            let figureShare: Double
            switch level {
            case .mn: prefix = "Trường Mầm non "; pool = DemoNames.preschool; figureShare = urban ? 0.5 : 0.25
            case .th: prefix = "Trường Tiểu học "; pool = DemoNames.figures; figureShare = urban ? 0.5 : 0.2
            default: prefix = "Trường THCS "; pool = DemoNames.figures; figureShare = urban ? 0.5 : 0.2
            }
            var used = Set<String>()
            for index in 0..<count {
                var base = rng.chance(figureShare) ? rng.pick(pool) : communes[index % communes.count]
                if used.contains(base) { base = communes.first { !used.contains($0) } ?? base + " \(index + 1)" }
                used.insert(base)
                add(prefix + base, .truong, [level])
            }
        }
        for index in 0..<multiLevel {
            add("Trường TH&THCS \(communes[communes.count - 1 - index])", .truong, [.th, .thcs])
        }
        if runsCentre {
            add("Trung tâm GDNN-GDTX \(districtName)", .trungtam, [.gdtx])
        }
        return units
    }

    private static func directUnits(
        excludingCentresOf districtCentres: Set<Int>, using rng: inout DemoSeededGenerator
    ) -> [DemoUnit] {
        var units: [DemoUnit] = []
        var serial = 0
        var usedNames = Set<String>()
        func add(_ name: String, _ kind: DemoUnit.Kind, _ levels: [DemoLevel], _ locality: String) {
            serial += 1
            usedNames.insert(name)
            units.append(DemoUnit(
                code: soCode + "00" + demoPad(serial, width: 3), name: DemoNames.nfc(name), kind: kind,
                levels: levels, parent: soCode, locality: locality))
        }
        func freshFigure() -> String {
            for _ in 0..<200 {
                let figure = rng.pick(DemoNames.figures)
                if !usedNames.contains("Trường THPT \(figure)") && !usedNames.contains("Trường THCS&THPT \(figure)") {
                    return figure
                }
            }
            return "Số \(serial + 1)"
        }
        add("Trường THPT chuyên \(DemoNames.shortName(of: DemoNames.capital))", .truong, [.thpt], DemoNames.capital)
        for (index, district) in DemoNames.districts.enumerated() {
            let count = index == 0 ? rng.int(in: 3...4) : (index < 3 ? 2 : rng.int(in: 1...2))
            let short = DemoNames.shortName(of: district)
            add("Trường THPT \(short)", .truong, [.thpt], district)
            for extra in 1..<count {
                let name = rng.chance(0.5) ? freshFigure() : short + (extra == 1 ? " B" : " C")
                add("Trường THPT \(name)", .truong, [.thpt], district)
            }
        }
        for _ in 0..<3 {
            add("Trường THCS&THPT \(freshFigure())", .truong, [.thcs, .thpt], rng.pick(DemoNames.districts))
        }
        add("Trường Phổ thông Dân tộc nội trú tỉnh \(DemoNames.province)", .truong, [.thcs, .thpt],
            DemoNames.capital)
        add("Trung tâm GDTX tỉnh \(DemoNames.province)", .trungtam, [.gdtx], DemoNames.capital)
        let centreDistricts = rng.shuffled(
            Array(DemoNames.districts.indices).filter { !districtCentres.contains($0) }
        ).prefix(8).sorted()
        for index in centreDistricts {
            let district = DemoNames.districts[index]
            add("Trung tâm GDNN-GDTX \(district)", .trungtam, [.gdtx], district)
        }
        return units
    }

    private static func communeNames(count: Int, using rng: inout DemoSeededGenerator) -> [String] {
        var names: [String] = []
        var seen = Set<String>()
        while names.count < count {
            let first = rng.pick(DemoNames.communeFirst)
            let second = rng.pick(DemoNames.communeSecond)
            let name = "\(first) \(second)"
            if first != second && seen.insert(name).inserted { names.append(name) }
        }
        return names
    }

    /// The registry as the CSV of CONTRACT §2: UTF-8 without BOM, LF, one row per unit.
    func csv() -> Data {
        var lines = ["unit_code,name,kind,levels,parent_code,locality,previous_codes"]
        func line(_ unit: DemoUnit) -> String {
            [unit.code, unit.name, unit.kind.rawValue, unit.levels.map(\.rawValue).joined(separator: ";"),
             unit.parent, unit.locality, unit.previousCodes.joined(separator: ";")]
                .map { DemoCSV.escape(DemoNames.nfc($0), delimiter: ",") }
                .joined(separator: ",")
        }
        lines.append(line(so))
        for district in districts {
            lines.append(line(district.office))
            lines.append(contentsOf: district.units.map(line))
        }
        lines.append(contentsOf: direct.map(line))
        return Data((lines.joined(separator: "\n") + "\n").utf8)
    }
}

/// `value` in decimal with leading zeros up to `width` digits.
func demoPad(_ value: Int, width: Int) -> String {
    let digits = String(value)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
}
