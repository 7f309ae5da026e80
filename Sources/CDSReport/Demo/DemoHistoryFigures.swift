import Foundation

/// A unit's situation in one school year: what it says about itself and its figures per level.
struct DemoHistoryState: Sendable {
    var profile: DemoProfile
    /// In the order of the unit's levels.
    var levels: [(level: DemoLevel, figures: DemoFigures)]

    func figures(at level: DemoLevel) -> DemoFigures? {
        levels.first { $0.level == level }?.figures
    }

    /// A new unit's first year, drawn as the province demo draws its units.
    static func draw(levels: [DemoLevel], weeks: Int, using rng: inout DemoSeededGenerator) -> DemoHistoryState {
        let profile = DemoProfile.draw(using: &rng)
        let share = levels.count > 1 ? 0.55 : 1
        return DemoHistoryState(profile: profile, levels: levels.map { level in
            (level, DemoFigures.draw(level: level, profile: profile, weeks: weeks, share: share, using: &rng))
        })
    }

    /// The same unit a year later: enrolment within ±5 %, staff following the classes, more
    /// computers, and on average more online teaching, e-signatures, training and cashless payers.
    func nextYear(using rng: inout DemoSeededGenerator) -> DemoHistoryState {
        let profile = DemoHistoryEvolution.evolve(profile, using: &rng)
        return DemoHistoryState(profile: profile, levels: levels.map { entry in
            (entry.level, DemoHistoryEvolution.evolve(entry.figures, level: entry.level, profile: profile, using: &rng))
        })
    }

    /// The school formed by merging `self` with `other`: each level's figures added up, the
    /// per-unit answers those of `self` (the school whose premises and management continue).
    func merged(with other: DemoHistoryState, levels order: [DemoLevel]) -> DemoHistoryState {
        DemoHistoryState(profile: profile, levels: order.compactMap { level in
            switch (figures(at: level), other.figures(at: level)) {
            case let (a?, b?): (level, DemoHistoryEvolution.sum(a, b))
            case let (a?, nil): (level, a)
            case let (nil, b?): (level, b)
            case (nil, nil): nil
            }
        })
    }
}

/// How figures move from one school year to the next.
enum DemoHistoryEvolution {
    static func evolve(_ p: DemoProfile, using rng: inout DemoSeededGenerator) -> DemoProfile {
        var p = p
        if !p.cashless, rng.chance(0.4) {
            p.cashless = true
            p.cashlessPayerShare = max(p.cashlessPayerShare, rng.double(in: 0.5...0.9))
        } else if p.cashless, p.cashlessPayerShare < 1 {
            p.cashlessPayerShare = min(1, p.cashlessPayerShare + rng.double(in: 0...0.1))
        }
        if !p.fiber, rng.chance(0.5) { p.fiber = true }
        if p.sisModules < 5, rng.chance(0.4) { p.sisModules += 1 }
        if !p.digitalRecords, rng.chance(0.35) { p.digitalRecords = true }
        if p.cdsLevel < 3, rng.chance(0.3) { p.cdsLevel += 1 }
        p.inspected = rng.chance(0.3)
        if p.esignShare < 1 {
            p.esignShare = p.esignShare > 0.9 && rng.chance(0.4) ? 1 : min(1, p.esignShare + rng.double(in: 0.01...0.12))
        }
        if p.trainedShare < 1 {
            p.trainedShare = min(1, p.trainedShare + rng.double(in: 0...0.12))
        }
        p.onlineShare = min(0.4, max(0.02, p.onlineShare + rng.double(in: -0.01...0.035)))
        return p
    }

    static func evolve(
        _ f: DemoFigures, level: DemoLevel, profile: DemoProfile, using rng: inout DemoSeededGenerator
    ) -> DemoFigures {
        let students = max(1, Int((Double(f.students) * rng.double(in: 0.955...1.045)).rounded()))
        let classSize = Double(f.students) / Double(max(1, f.classes))
        let classes = max(1, Int((Double(students) / max(1, classSize)).rounded()))
        let growth = Double(classes) / Double(max(1, f.classes))
        let managersTeachers = max(1, Int((Double(f.managersTeachers) * growth).rounded()) + rng.int(in: -1...1))
        let staff = managersTeachers + max(0, f.staff - f.managersTeachers + rng.int(in: -1...1))
        var labs = f.computerLabs
        var pcs = f.pcsTeaching
        if level != .mn {
            if labs == 0 {
                if rng.chance(0.3) {
                    labs = 1
                    pcs = rng.int(in: 15...30)
                }
            } else {
                if rng.chance(0.08) {
                    // A second room like the first: at most doubling, never a jump to flag.
                    labs += 1
                    pcs += rng.int(in: max(1, pcs * 6 / 10)...max(1, pcs))
                }
                for _ in 0..<labs { pcs += rng.int(in: 0...4) }
            }
        }
        let planned = f.periodsPlanned == 0 ? 0
            : Int((Double(f.periodsPlanned) * growth * rng.double(in: 0.98...1.02)).rounded())
        let payers = students - rng.int(in: 0...(students / 12))
        return DemoFigures(
            students: students, staff: staff, managersTeachers: managersTeachers,
            staffEsign: min(managersTeachers, Int(Double(managersTeachers) * profile.esignShare)),
            staffTrained: min(staff, Int(Double(staff) * profile.trainedShare)),
            classes: classes, computerLabs: labs, pcsTeaching: pcs,
            periodsPlanned: planned, periodsOnline: min(planned, Int(Double(planned) * profile.onlineShare)),
            feePayers: payers, feePayersCashless: min(payers, Int(Double(payers) * profile.cashlessPayerShare)))
    }

    /// Two schools' figures at one level, added up (every part stays within its whole).
    static func sum(_ a: DemoFigures, _ b: DemoFigures) -> DemoFigures {
        DemoFigures(
            students: a.students + b.students, staff: a.staff + b.staff,
            managersTeachers: a.managersTeachers + b.managersTeachers, staffEsign: a.staffEsign + b.staffEsign,
            staffTrained: a.staffTrained + b.staffTrained, classes: a.classes + b.classes,
            computerLabs: a.computerLabs + b.computerLabs, pcsTeaching: a.pcsTeaching + b.pcsTeaching,
            periodsPlanned: a.periodsPlanned + b.periodsPlanned, periodsOnline: a.periodsOnline + b.periodsOnline,
            feePayers: a.feePayers + b.feePayers, feePayersCashless: a.feePayersCashless + b.feePayersCashless)
    }
}
