import Foundation

/// What a unit says about itself as a whole: the "per unit" fields of CONTRACT §3, identical on
/// each of its level rows, and the habits that shape its figures at every level.
struct DemoProfile: Sendable {
    var cashless: Bool
    var fiber: Bool
    var sisModules: Int
    var digitalRecords: Bool
    var cdsLevel: Int
    var inspected: Bool
    var esignShare: Double
    var trainedShare: Double
    var onlineShare: Double
    var cashlessPayerShare: Double

    static func draw(using rng: inout DemoSeededGenerator) -> DemoProfile {
        let cashless = rng.chance(0.85)
        return DemoProfile(
            cashless: cashless,
            fiber: rng.chance(0.9),
            sisModules: rng.weighted([(2, 10), (3, 20), (4, 25), (5, 45)]),
            digitalRecords: rng.chance(0.7),
            cdsLevel: rng.weighted([(1, 20), (2, 50), (3, 30)]),
            inspected: rng.chance(0.3),
            esignShare: rng.chance(0.3) ? 1 : rng.double(in: 0.6...0.98),
            trainedShare: rng.chance(0.35) ? 1 : rng.double(in: 0.5...0.98),
            // Around the 10 % target at THCS/THPT, so that some districts meet it and some do not.
            onlineShare: rng.double(in: 0.05...0.15),
            cashlessPayerShare: cashless
                ? (rng.chance(0.35) ? 1 : rng.double(in: 0.6...0.99))
                : (rng.chance(0.5) ? 0 : rng.double(in: 0...0.25)))
    }
}

/// A unit's figures at one level, internally consistent (every part within its whole).
struct DemoFigures: Sendable {
    var students: Int
    var staff: Int
    var managersTeachers: Int
    var staffEsign: Int
    var staffTrained: Int
    var classes: Int
    var computerLabs: Int
    var pcsTeaching: Int
    var periodsPlanned: Int
    var periodsOnline: Int
    var feePayers: Int
    var feePayersCashless: Int

    /// Figures for `level`; `share` scales a multi-level school's enrolment at each of its
    /// levels, `noComputers` gives a school with pupils and no Informatics room.
    static func draw(
        level: DemoLevel, profile: DemoProfile, weeks: Int, share: Double = 1, noComputers: Bool = false,
        using rng: inout DemoSeededGenerator
    ) -> DemoFigures {
        // (enrolment, class size, teachers per class, managers, support staff, labs, PCs per lab)
        let students: Int
        let classSize: Int
        let teachersPerClass: Double
        let managers: Int
        let support: Int
        var labs: Int
        let pcsPerLab: ClosedRange<Int>
        let periodsPerWeek: Int
        switch level {
        case .mn:
            students = rng.int(in: 60...420); classSize = rng.int(in: 22...30); teachersPerClass = 2
            managers = rng.int(in: 1...3); support = rng.int(in: 2...6); labs = 0; pcsPerLab = 0...0
            periodsPerWeek = 0
        case .th:
            students = rng.int(in: 180...1250); classSize = rng.int(in: 26...35); teachersPerClass = 1.35
            managers = rng.int(in: 2...3); support = rng.int(in: 2...5); labs = students > 700 ? rng.int(in: 1...2) : 1
            pcsPerLab = 10...38; periodsPerWeek = 0
        case .thcs:
            students = rng.int(in: 220...1100); classSize = rng.int(in: 32...42); teachersPerClass = 1.9
            managers = rng.int(in: 2...3); support = rng.int(in: 3...6); labs = students > 600 ? rng.int(in: 1...2) : 1
            pcsPerLab = 14...40; periodsPerWeek = 29
        case .thpt:
            students = rng.int(in: 500...1650); classSize = rng.int(in: 36...45); teachersPerClass = 2.25
            managers = rng.int(in: 3...4); support = rng.int(in: 4...8); labs = students > 1200 ? rng.int(in: 2...3) : rng.int(in: 1...2)
            pcsPerLab = 22...46; periodsPerWeek = 30
        case .gdtx:
            students = rng.int(in: 120...650); classSize = rng.int(in: 30...42); teachersPerClass = 1.6
            managers = rng.int(in: 2...3); support = rng.int(in: 3...8); labs = rng.int(in: 1...2)
            pcsPerLab = 15...35; periodsPerWeek = 26
        }
        let enrolled = max(classSize, Int((Double(students) * share).rounded()))
        let classes = max(1, Int((Double(enrolled) / Double(classSize)).rounded()))
        let managersTeachers = Int((Double(classes) * teachersPerClass).rounded()) + managers
        let staff = managersTeachers + support
        var pcs = 0
        if noComputers { labs = 0 }
        for _ in 0..<labs { pcs += rng.int(in: pcsPerLab) }
        let planned = periodsPerWeek == 0 ? 0
            : Int((Double(classes * periodsPerWeek * weeks) * rng.double(in: 0.95...1.02)).rounded())
        let payers = enrolled - rng.int(in: 0...(enrolled / 12))
        return DemoFigures(
            students: enrolled, staff: staff, managersTeachers: managersTeachers,
            staffEsign: min(managersTeachers, Int(Double(managersTeachers) * profile.esignShare)),
            staffTrained: min(staff, Int(Double(staff) * profile.trainedShare)),
            classes: classes, computerLabs: labs, pcsTeaching: pcs,
            periodsPlanned: planned, periodsOnline: min(planned, Int(Double(planned) * profile.onlineShare)),
            feePayers: payers, feePayersCashless: min(payers, Int(Double(payers) * profile.cashlessPayerShare)))
    }

    /// Teaching weeks a period's figures cover: start of year, first semester, whole year.
    static func weeks(in period: String) -> Int {
        let term = period.split(separator: "/").last.map { $0.uppercased() } ?? ""
        switch term {
        case "DN": return 6
        case "CN": return 35
        default: return 18
        }
    }
}

extension DemoRow {
    /// The clean row of `unit` at `level`: each field filled only where it applies to the level.
    init(unit: DemoUnit, level: DemoLevel, profile: DemoProfile, figures f: DemoFigures, period: DemoCell) {
        self.init()
        let values: [(DemoField, DemoCell)] = [
            (.unitCode, .text(unit.code)), (.period, period), (.level, .text(level.rawValue)),
            (.students, .int(f.students)), (.staff, .int(f.staff)), (.managersTeachers, .int(f.managersTeachers)),
            (.staffEsign, .int(f.staffEsign)), (.staffTrained, .int(f.staffTrained)), (.classes, .int(f.classes)),
            (.computerLabs, .int(f.computerLabs)), (.pcsTeaching, .int(f.pcsTeaching)),
            (.periodsPlanned, .int(f.periodsPlanned)), (.periodsOnline, .int(f.periodsOnline)),
            (.feePayers, .int(f.feePayers)), (.feePayersCashless, .int(f.feePayersCashless)),
            (.cashless, .bool(profile.cashless)), (.fiber, .bool(profile.fiber)),
            (.sisModules, .int(profile.sisModules)), (.digitalRecords, .bool(profile.digitalRecords)),
            (.cdsLevel, .int(profile.cdsLevel)), (.inspected, .bool(profile.inspected)),
        ]
        for (field, value) in values where field.applies(to: level) {
            self[field] = value
        }
    }
}
