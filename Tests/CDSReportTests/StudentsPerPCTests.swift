import CDSReport
import Foundation
import Testing
import TestSupport

/// `students_per_pc` (CONTRACT §4): Σ(students ÷ classes × labs) / Σ pcs, lower is better, with
/// the rules for units whose students have no computer.
@Suite("Aggregation: students per computer")
struct StudentsPerPCTests {
    /// A TH row of school 0101002 (or another TH school) with its Informatics figures.
    static func th(_ unit: String, students: Int, classes: Int, labs: Int, pcs: Int) -> [String: String] {
        ReturnCSV.validRow(unit, "TH", ["students": "\(students)", "classes": "\(classes)", "computer_labs": "\(labs)",
                                        "pcs_teaching": "\(pcs)", "fee_payers": "0", "fee_payers_cashless": "0"])
    }

    @Test("the value is Σ(students ÷ classes × labs) / Σ pcs, pooled over units")
    func pooledFormula() throws {
        let bench = try TestBench()
        let results = try bench.results(rows: [
            Self.th("0101002", students: 90, classes: 3, labs: 2, pcs: 20), // 30 a class, 2 labs: 60 / 20 = 3
            Self.th("0101003", students: 100, classes: 4, labs: 1, pcs: 50), // 25 a class, 1 lab: 25 / 50 = 0.5
        ])
        let row = try bench.row(results, .province, "01", "students_per_pc", .th)
        // (60 + 25) / (20 + 50) = 85/70; not (3 + 0.5)/2 = 1.75 nor (90+100)/70.
        #expect(isClose(row.value, 85.0 / 70))
        #expect(isClose(row.numerator, 85))
        #expect(row.denominator == 70)
        #expect(row.unitsReporting == 2)
    }

    @Test("a pooled row can meet its target while a unit falls short: met true, shortfall > 0")
    func pooledMeetsWithShortfall() throws {
        let bench = try TestBench()
        let results = try bench.results(rows: [
            Self.th("0101002", students: 90, classes: 3, labs: 2, pcs: 20),
            Self.th("0101003", students: 100, classes: 4, labs: 1, pcs: 50),
        ])
        let row = try bench.row(results, .province, "01", "students_per_pc", .th)
        #expect(row.met == true, "85/70 ≈ 1.21 ≤ 2")
        #expect(row.unitsMeeting == 1, "0101002 has 3 > 2")
        // 0101002: ⌈30/2⌉·2 − 20 = 10; 0101003: ⌈25/2⌉·1 − 50 < 0 → 0; a surplus never covers.
        #expect(row.shortfall == 10)
    }

    @Test("students = 0 means class size 0: value 0, met, counted as reporting")
    func noStudents() throws {
        let bench = try TestBench()
        let results = try bench.results(rows: [Self.th("0101002", students: 0, classes: 0, labs: 1, pcs: 10)])
        let row = try bench.row(results, .unit, "0101002", "students_per_pc", .th)
        #expect(row.value == 0)
        #expect(row.met == true)
        #expect(row.unitsReporting == 1)
        #expect(row.shortfall == 0)
    }

    @Test("students with no lab and no computer: blank value, met false, reporting, computers to buy for one lab")
    func noLab() throws {
        let bench = try TestBench()
        let results = try bench.results(rows: [Self.th("0101002", students: 100, classes: 4, labs: 0, pcs: 0)])
        for scope in [(ScopeKind.unit, "0101002"), (.managingUnit, "0101"), (.province, "01")] {
            let row = try bench.row(results, scope.0, scope.1, "students_per_pc", .th)
            #expect(row.value == nil, "\(scope)")
            #expect(row.met == false, "\(scope): blank because students have no computer is not met")
            #expect(row.unitsReporting == 1, "\(scope)")
            #expect(row.unitsMeeting == 0, "\(scope)")
            // ⌈(100/4)/2⌉ · max(0, 1) − 0 = 13
            #expect(row.shortfall == 13, "\(scope)")
        }
    }

    @Test("students and a lab but no computer: the gap fills every lab")
    func labWithoutComputers() throws {
        let bench = try TestBench()
        let results = try bench.results(rows: [Self.th("0101002", students: 100, classes: 4, labs: 2, pcs: 0)])
        let row = try bench.row(results, .unit, "0101002", "students_per_pc", .th)
        #expect(row.value == nil)
        #expect(row.met == false)
        // ⌈25/2⌉ · 2 − 0 = 26
        #expect(row.shortfall == 26)
    }

    @Test("the gap rounds the class size over the target up: ⌈(250/8)/2⌉·1 − 10 = 6")
    func fractionalClassSize() throws {
        let bench = try TestBench()
        let results = try bench.results(rows: [Self.th("0101002", students: 250, classes: 8, labs: 1, pcs: 10)])
        let row = try bench.row(results, .unit, "0101002", "students_per_pc", .th)
        #expect(isClose(row.value, 3.125), "31.25 / 10")
        #expect(row.shortfall == 6, "⌈15.625⌉ = 16, minus 10 computers")
    }

    @Test("a unit exactly at the target meets it, while the per-lab gap still rounds up: ⌈class size/x⌉·labs − pcs",
          arguments: [(100, 50, 1), (70, 35, 1), (110, 55, 2), (120, 60, 0)])
    func exactAtTarget(_ students: Int, _ pcs: Int, _ shortfall: Int) throws {
        let bench = try TestBench()
        // 3 classes, 3 labs: value (students/3·3)/pcs = students/pcs = 2 exactly.
        let results = try bench.results(rows: [Self.th("0101002", students: students, classes: 3, labs: 3, pcs: pcs)])
        let row = try bench.row(results, .unit, "0101002", "students_per_pc", .th)
        #expect(row.met == true, "\(students)/\(pcs) = 2 ≤ 2")
        // 100: ⌈33.3/2⌉ = 17 a lab, 51 − 50 = 1; 70: ⌈11.7⌉ = 12, 36 − 35 = 1; 110: ⌈18.3⌉ = 19, 57 − 55 = 2; 120: 20·3 − 60 = 0.
        #expect(row.shortfall.map { Int($0) } == shortfall)
    }

    static let commonTarget = """
        plan: "Kế hoạch kiểm thử: một chỉ tiêu chung"
        school_year: 2024-2025
        targets:
          - indicator: students_per_pc
            target: "<= 2"
        """

    @Test("ALL with a common target: a unit with a level whose students have no computer does not meet")
    func allWithNoComputerLevel() throws {
        let bench = try TestBench(targetsYAML: Self.commonTarget)
        let results = try bench.results(rows: [
            // TH: 160/8 = 20 a class, 1 lab, 20 computers → 1 (meets); THCS: 20 a class, no lab, no computer.
            Self.th("0101003", students: 160, classes: 8, labs: 1, pcs: 20),
            ReturnCSV.validRow("0101003", "THCS", ["students": "100", "classes": "5", "computer_labs": "0", "pcs_teaching": "0",
                                                    "fee_payers": "0", "fee_payers_cashless": "0"]),
            // 30 a class, 1 lab, 15 computers → 2 (meets).
            Self.th("0101002", students: 300, classes: 10, labs: 1, pcs: 15),
        ])
        let unitAll = try bench.row(results, .unit, "0101003", "students_per_pc", nil)
        #expect(unitAll.target?.description == "<=2")
        #expect(isClose(unitAll.value, 1), "(20 + 0) / (20 + 0): pooled over its levels")
        #expect(unitAll.met == false, "its THCS students have no computer")
        #expect(unitAll.unitsReporting == 1)
        #expect(unitAll.unitsMeeting == 0)
        #expect(unitAll.shortfall == 10, "TH ⌈20/2⌉·1 − 20 = 0, THCS ⌈20/2⌉·1 − 0 = 10")

        let provinceAll = try bench.row(results, .province, "01", "students_per_pc", nil)
        #expect(provinceAll.target?.description == "<=2")
        #expect(isClose(provinceAll.value, 50.0 / 35), "(20 + 0 + 30) / (20 + 0 + 15)")
        #expect(provinceAll.met == true)
        #expect(provinceAll.unitsReporting == 2)
        #expect(provinceAll.unitsMeeting == 1, "0101002 only")
        #expect(provinceAll.shortfall == 10)
    }

    @Test("ALL without a common target (≤ 2 and ≤ 1 by default) has a blank target and met")
    func allWithoutCommonTarget() throws {
        let bench = try TestBench()
        let results = try bench.results(rows: [Self.th("0101002", students: 300, classes: 10, labs: 1, pcs: 15)])
        let row = try bench.row(results, .province, "01", "students_per_pc", nil)
        #expect(row.target == nil)
        #expect(row.met == nil)
        #expect(row.unitsMeeting == 1, "reports TH, which has a target, and meets it")
    }
}
