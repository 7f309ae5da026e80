import CDSReport
import Foundation
import Testing
import TestSupport

/// A small province computed by hand (CONTRACT §4), with the default targets of 2024-2025.
///
/// Fixtures/province: the SO 01; PHONG 0101 and 0102; schools
///
///     unit     level  st  staff mt esign trained classes labs pcs | planned online | payers cashless | cashless fiber sis dr cds inspected
///     0101001  MN    100   20   15   15    10      5      -    -  |   -      -    |  100     0      | Có       Không  5   -  -   Có
///     0101002  TH    300   30   25   20    30     10      1   15  |   -      -    |  280   280      | Có       Có     4   Có 2   Không
///     0101003  TH    200   12   10   10     6      8      1   10  |   -      -    |  200   150      | Không    Có     5   -  1   x
///     0101003  THCS  150   10    8    4     5      5      1    0  |  100     5    |  150   150      | -        -      -   Có 1   -
///     0102001  THCS  400   40   30   30    40     10      2   40  | 1000   150    |  400   100      | Có       Không  5   Không 3 Không
///     0102002  MN    (no return)
///     0199001  THPT  500   50   40   36    50     12      2   30  |  800    40    |    0     0      | Có       Có     5   Có 2   Có
///
/// 0199001 is managed by the SO directly. Per-unit values of 0101003 come from whichever of its
/// rows gives them and count at both its levels. Every number below is worked out in its comment.
@Suite("Aggregation: a province by hand")
struct AggregationTests {
    static func results() throws -> (TestBench, Results, ValidationOutcome) {
        let bench = try TestBench(fixture: "province")
        let outcome = bench.validate(try bench.inputs(from: [Repository.fixtures.appendingPathComponent("province/inbox")]))
        return (bench, bench.aggregate(outcome), outcome)
    }

    @Test("the fixture's returns are all accepted without findings")
    func fixtureIsClean() throws {
        let (_, _, outcome) = try Self.results()
        #expect(outcome.findings.isEmpty, "\(outcome.findings.map { "\($0.file):\($0.row ?? 0) \($0.rule.rawValue) \($0.message)" })")
        #expect(outcome.accepted.count == 6)
    }

    struct Expected: Sendable, CustomTestStringConvertible {
        let scope: ScopeKind, code: String, indicator: String, level: Level?
        let value: Double?, numerator: Double?, denominator: Double?
        let target: String?, met: Bool?, reporting: Int, meeting: Int?, shortfall: Int?
        let why: String
        var testDescription: String { "\(scope.rawValue) \(code) \(indicator) \(level?.rawValue ?? "ALL"): \(why)" }
    }

    static func e(_ scope: ScopeKind, _ code: String, _ indicator: String, _ level: Level?, value: Double?, num: Double?, den: Double?,
                  target: String?, met: Bool?, reporting: Int, meeting: Int?, shortfall: Int?, _ why: String) -> Expected {
        Expected(scope: scope, code: code, indicator: indicator, level: level, value: value, numerator: num, denominator: den,
                 target: target, met: met, reporting: reporting, meeting: meeting, shortfall: shortfall, why: why)
    }

    static let expected: [Expected] = [
        // online_share: ≥ 0.10 on THCS and THPT, basis average; GDTX has none, so ALL has no target.
        e(.province, "01", "online_share", .thcs, value: 155.0 / 1100, num: 155, den: 1100, target: ">=0.1", met: true,
          reporting: 2, meeting: 1, shortfall: 0, "(5+150)/(100+1000), pooled; ⌈110−155⌉<0 → 0; only 0102001 (0.15) meets"),
        e(.province, "01", "online_share", .thpt, value: 0.05, num: 40, den: 800, target: ">=0.1", met: false,
          reporting: 1, meeting: 0, shortfall: 40, "40/800; ⌈0.1·800 − 40⌉ = 40"),
        e(.province, "01", "online_share", nil, value: 195.0 / 1900, num: 195, den: 1900, target: nil, met: nil,
          reporting: 3, meeting: 1, shortfall: 40, "(155+40)/(1100+800); no common target; shortfall = THCS 0 + THPT 40; meeting: 0102001 only"),
        e(.managingUnit, "0101", "online_share", .thcs, value: 0.05, num: 5, den: 100, target: ">=0.1", met: false,
          reporting: 1, meeting: 0, shortfall: 5, "5/100; ⌈10 − 5⌉ = 5"),
        e(.managingUnit, "0101", "online_share", nil, value: 0.05, num: 5, den: 100, target: nil, met: nil,
          reporting: 1, meeting: 0, shortfall: 5, "ALL sums the level rows' shortfalls: 5"),
        e(.managingUnit, "0102", "online_share", .thcs, value: 0.15, num: 150, den: 1000, target: ">=0.1", met: true,
          reporting: 1, meeting: 1, shortfall: 0, "150/1000 from '1.000' in a ;-file"),
        e(.managingUnit, "01", "online_share", .thpt, value: 0.05, num: 40, den: 800, target: ">=0.1", met: false,
          reporting: 1, meeting: 0, shortfall: 40, "the SO's own THPT school"),
        e(.unit, "0101003", "online_share", nil, value: 0.05, num: 5, den: 100, target: nil, met: nil,
          reporting: 1, meeting: 0, shortfall: 5, "its THCS row only"),

        // cashless_units: ≥ 1.0 at every level (a common target), each_unit.
        e(.province, "01", "cashless_units", .mn, value: 1, num: 1, den: 1, target: ">=1", met: true,
          reporting: 1, meeting: 1, shortfall: 0, "0101001 yes; 0102002 sent nothing"),
        e(.province, "01", "cashless_units", .th, value: 0.5, num: 1, den: 2, target: ">=1", met: false,
          reporting: 2, meeting: 1, shortfall: 1, "0101002 yes, 0101003 no"),
        e(.province, "01", "cashless_units", .thcs, value: 0.5, num: 1, den: 2, target: ">=1", met: false,
          reporting: 2, meeting: 1, shortfall: 1, "0101003 no (given on its TH row), 0102001 yes"),
        e(.province, "01", "cashless_units", .thpt, value: 1, num: 1, den: 1, target: ">=1", met: true,
          reporting: 1, meeting: 1, shortfall: 0, "0199001 yes"),
        e(.province, "01", "cashless_units", nil, value: 0.8, num: 4, den: 5, target: ">=1", met: false,
          reporting: 5, meeting: 4, shortfall: 1, "5 units, 0101003 once: 4 yes / 5; one failing unit"),
        e(.managingUnit, "0101", "cashless_units", nil, value: 2.0 / 3, num: 2, den: 3, target: ">=1", met: false,
          reporting: 3, meeting: 2, shortfall: 1, "0101001, 0101002 yes; 0101003 no"),
        e(.managingUnit, "0102", "cashless_units", .mn, value: nil, num: nil, den: nil, target: ">=1", met: nil,
          reporting: 0, meeting: 0, shortfall: nil, "0102002 sent nothing"),
        e(.unit, "0101003", "cashless_units", .thcs, value: 0, num: 0, den: 1, target: ">=1", met: false,
          reporting: 1, meeting: 0, shortfall: 1, "the per-unit 'Không' counts at THCS too"),
        e(.unit, "0101003", "cashless_units", nil, value: 0, num: 0, den: 1, target: ">=1", met: false,
          reporting: 1, meeting: 0, shortfall: 1, "once on ALL"),

        // cashless_payers: no default target.
        e(.province, "01", "cashless_payers", .mn, value: 0, num: 0, den: 100, target: nil, met: nil,
          reporting: 1, meeting: nil, shortfall: nil, "0/100"),
        e(.province, "01", "cashless_payers", .th, value: 430.0 / 480, num: 430, den: 480, target: nil, met: nil,
          reporting: 2, meeting: nil, shortfall: nil, "(280+150)/(280+200) pooled, not (1+0.75)/2"),
        e(.province, "01", "cashless_payers", .thcs, value: 250.0 / 550, num: 250, den: 550, target: nil, met: nil,
          reporting: 2, meeting: nil, shortfall: nil, "(150+100)/(150+400)"),
        e(.province, "01", "cashless_payers", .thpt, value: nil, num: 0, den: 0, target: nil, met: nil,
          reporting: 0, meeting: nil, shortfall: nil, "0/0: blank value, not NaN; sums stay 0"),
        e(.province, "01", "cashless_payers", nil, value: 680.0 / 1130, num: 680, den: 1130, target: nil, met: nil,
          reporting: 4, meeting: nil, shortfall: nil, "(0+280+150+150+100+0)/(100+280+200+150+400+0); 0199001 not reporting"),
        e(.unit, "0199001", "cashless_payers", .thpt, value: nil, num: 0, den: 0, target: nil, met: nil,
          reporting: 0, meeting: nil, shortfall: nil, "zero denominator"),

        // students_per_pc: ≤ 2 (TH, THCS), ≤ 1 (THPT), each_unit; ALL has no common target.
        // Σ(students ÷ classes × labs): 0101002 30·1 = 30; 0101003 TH 25·1 = 25, THCS 30·1 = 30 (no computer);
        // 0102001 40·2 = 80; 0199001 (500/12)·2 = 250/3.
        e(.province, "01", "students_per_pc", .th, value: 2.2, num: 55, den: 25, target: "<=2", met: false,
          reporting: 2, meeting: 1, shortfall: 3, "(30+25)/(15+10); gaps ⌈30/2⌉·1−15 = 0 and ⌈25/2⌉·1−10 = 3"),
        e(.province, "01", "students_per_pc", .thcs, value: 2.75, num: 110, den: 40, target: "<=2", met: false,
          reporting: 2, meeting: 1, shortfall: 15, "(30+80)/(0+40); 0101003 has no computer (reports, fails, gap ⌈30/2⌉·1−0 = 15); 0102001 gap ⌈40/2⌉·2−40 = 0"),
        e(.province, "01", "students_per_pc", .thpt, value: 25.0 / 9, num: 250.0 / 3, den: 30, target: "<=1", met: false,
          reporting: 1, meeting: 0, shortfall: 54, "(250/3)/30 = 25/9; gap ⌈(500/12)/1⌉·2 − 30 = 42·2 − 30 = 54"),
        e(.province, "01", "students_per_pc", nil, value: 745.0 / 285, num: 745.0 / 3, den: 95, target: nil, met: nil,
          reporting: 4, meeting: 2, shortfall: 72, "(55+110+250/3)/(25+40+30); meeting 0101002 and 0102001; gaps 0+3+15+0+54"),
        e(.managingUnit, "0101", "students_per_pc", .thcs, value: nil, num: 30, den: 0, target: "<=2", met: false,
          reporting: 1, meeting: 0, shortfall: 15, "blank because students have no computer: met false"),
        e(.managingUnit, "0101", "students_per_pc", nil, value: 3.4, num: 85, den: 25, target: nil, met: nil,
          reporting: 2, meeting: 1, shortfall: 18, "(30+25+30)/(15+10+0); gaps 0+3+15"),
        e(.unit, "0101002", "students_per_pc", .th, value: 2, num: 30, den: 15, target: "<=2", met: true,
          reporting: 1, meeting: 1, shortfall: 0, "(300/10·1)/15 = 2 meets ≤ 2 exactly"),
        e(.unit, "0101003", "students_per_pc", .th, value: 2.5, num: 25, den: 10, target: "<=2", met: false,
          reporting: 1, meeting: 0, shortfall: 3, "(200/8·1)/10; ⌈12.5⌉ − 10 = 3"),
        e(.unit, "0101003", "students_per_pc", .thcs, value: nil, num: 30, den: 0, target: "<=2", met: false,
          reporting: 1, meeting: 0, shortfall: 15, "150 students, 1 lab, 0 computers"),
        e(.unit, "0101003", "students_per_pc", nil, value: 5.5, num: 55, den: 10, target: nil, met: nil,
          reporting: 1, meeting: 0, shortfall: 18, "(25+30)/(10+0); gaps 3+15"),

        // esign_coverage: ≥ 1.0 at every level, each_unit.
        e(.province, "01", "esign_coverage", .mn, value: 1, num: 15, den: 15, target: ">=1", met: true,
          reporting: 1, meeting: 1, shortfall: 0, "15/15"),
        e(.province, "01", "esign_coverage", .th, value: 30.0 / 35, num: 30, den: 35, target: ">=1", met: false,
          reporting: 2, meeting: 1, shortfall: 5, "(20+10)/(25+10); gaps 5 and 0"),
        e(.province, "01", "esign_coverage", .thcs, value: 34.0 / 38, num: 34, den: 38, target: ">=1", met: false,
          reporting: 2, meeting: 1, shortfall: 4, "(4+30)/(8+30); gaps 4 and 0"),
        e(.province, "01", "esign_coverage", .thpt, value: 0.9, num: 36, den: 40, target: ">=1", met: false,
          reporting: 1, meeting: 0, shortfall: 4, "36/40; gap 4"),
        e(.province, "01", "esign_coverage", nil, value: 115.0 / 128, num: 115, den: 128, target: ">=1", met: false,
          reporting: 5, meeting: 2, shortfall: 13, "(15+20+10+4+30+36)/(15+25+10+8+30+40); meeting 0101001, 0102001 (0101003 pooled 14/18); 0+5+0+4+0+4"),
        e(.managingUnit, "0101", "esign_coverage", nil, value: 49.0 / 58, num: 49, den: 58, target: ">=1", met: false,
          reporting: 3, meeting: 1, shortfall: 9, "(15+20+10+4)/(15+25+10+8); gaps 0+5+0+4"),
        e(.managingUnit, "0102", "esign_coverage", .mn, value: nil, num: nil, den: nil, target: ">=1", met: nil,
          reporting: 0, meeting: 0, shortfall: nil, "no inputs: shortfall blank"),
        e(.managingUnit, "0102", "esign_coverage", nil, value: 1, num: 30, den: 30, target: ">=1", met: true,
          reporting: 1, meeting: 1, shortfall: 0, "30/30"),
        e(.unit, "0101003", "esign_coverage", nil, value: 14.0 / 18, num: 14, den: 18, target: ">=1", met: false,
          reporting: 1, meeting: 0, shortfall: 4, "(10+4)/(10+8); gaps 0 + ⌈8−4⌉"),

        // staff_trained_share: no default target.
        e(.province, "01", "staff_trained_share", .mn, value: 0.5, num: 10, den: 20, target: nil, met: nil,
          reporting: 1, meeting: nil, shortfall: nil, "10/20"),
        e(.province, "01", "staff_trained_share", nil, value: 141.0 / 162, num: 141, den: 162, target: nil, met: nil,
          reporting: 5, meeting: nil, shortfall: nil, "(10+30+6+5+40+50)/(20+30+12+10+40+50)"),

        // fiber_units: no default target.
        e(.province, "01", "fiber_units", .th, value: 1, num: 2, den: 2, target: nil, met: nil,
          reporting: 2, meeting: nil, shortfall: nil, "0101002 yes, 0101003 yes"),
        e(.province, "01", "fiber_units", .thcs, value: 0.5, num: 1, den: 2, target: nil, met: nil,
          reporting: 2, meeting: nil, shortfall: nil, "0101003 yes (from TH row), 0102001 no"),
        e(.province, "01", "fiber_units", nil, value: 0.6, num: 3, den: 5, target: nil, met: nil,
          reporting: 5, meeting: nil, shortfall: nil, "yes: 0101002, 0101003, 0199001"),

        // sis_complete_units: = 5 modules, ≥ 1.0 each_unit.
        e(.province, "01", "sis_complete_units", .th, value: 0.5, num: 1, den: 2, target: ">=1", met: false,
          reporting: 2, meeting: 1, shortfall: 1, "0101002 has 4, 0101003 has 5"),
        e(.province, "01", "sis_complete_units", nil, value: 0.8, num: 4, den: 5, target: ">=1", met: false,
          reporting: 5, meeting: 4, shortfall: 1, "only 0101002 short"),
        e(.unit, "0101003", "sis_complete_units", .thcs, value: 1, num: 1, den: 1, target: ">=1", met: true,
          reporting: 1, meeting: 1, shortfall: 0, "5 given on the TH row counts at THCS"),

        // digital_records_units: TH, THCS, THPT, no target.
        e(.province, "01", "digital_records_units", .th, value: 1, num: 2, den: 2, target: nil, met: nil,
          reporting: 2, meeting: nil, shortfall: nil, "0101003's 'Có' on its THCS row counts at TH"),
        e(.province, "01", "digital_records_units", .thcs, value: 0.5, num: 1, den: 2, target: nil, met: nil,
          reporting: 2, meeting: nil, shortfall: nil, "0101003 yes, 0102001 no"),
        e(.province, "01", "digital_records_units", nil, value: 0.75, num: 3, den: 4, target: nil, met: nil,
          reporting: 4, meeting: nil, shortfall: nil, "0101002, 0101003, 0199001 yes; 0102001 no; MN school not counted"),

        // cds_level2_units: level ≥ 2, no target.
        e(.province, "01", "cds_level2_units", .th, value: 0.5, num: 1, den: 2, target: nil, met: nil,
          reporting: 2, meeting: nil, shortfall: nil, "0101002 level 2, 0101003 level 1"),
        e(.province, "01", "cds_level2_units", nil, value: 0.75, num: 3, den: 4, target: nil, met: nil,
          reporting: 4, meeting: nil, shortfall: nil, "2, 1, 3, 2"),

        // inspected_units: ≥ 0.30 at every level, basis average.
        e(.province, "01", "inspected_units", .mn, value: 1, num: 1, den: 1, target: ">=0.3", met: true,
          reporting: 1, meeting: 1, shortfall: 0, "1/1; ⌈0.3−1⌉ → 0"),
        e(.province, "01", "inspected_units", .th, value: 0.5, num: 1, den: 2, target: ">=0.3", met: true,
          reporting: 2, meeting: 1, shortfall: 0, "0101003 'x' is yes"),
        e(.province, "01", "inspected_units", nil, value: 0.6, num: 3, den: 5, target: ">=0.3", met: true,
          reporting: 5, meeting: 3, shortfall: 0, "3/5; ⌈0.3·5 − 3⌉ → 0"),
        e(.managingUnit, "0102", "inspected_units", .thcs, value: 0, num: 0, den: 1, target: ">=0.3", met: false,
          reporting: 1, meeting: 0, shortfall: 1, "0/1; ⌈0.3·1 − 0⌉ = 1"),
        e(.managingUnit, "0102", "inspected_units", nil, value: 0, num: 0, den: 1, target: ">=0.3", met: false,
          reporting: 1, meeting: 0, shortfall: 1, "the row's own gap"),
        e(.managingUnit, "0101", "inspected_units", nil, value: 2.0 / 3, num: 2, den: 3, target: ">=0.3", met: true,
          reporting: 3, meeting: 2, shortfall: 0, "0101001 and 0101003 yes"),
    ]

    @Test("each row matches the figures worked out by hand", arguments: expected)
    func row(_ want: Expected) throws {
        let (bench, results, _) = try Self.results()
        let row = try bench.row(results, want.scope, want.code, want.indicator, want.level)
        if let value = want.value {
            #expect(isClose(row.value, value), "value \(String(describing: row.value)), expected \(value)")
        } else {
            #expect(row.value == nil, "value must be blank, got \(String(describing: row.value))")
        }
        if let numerator = want.numerator { #expect(isClose(row.numerator, numerator), "numerator \(String(describing: row.numerator))") }
        else { #expect(row.numerator == nil, "numerator must be blank") }
        if let denominator = want.denominator { #expect(isClose(row.denominator, denominator), "denominator \(String(describing: row.denominator))") }
        else { #expect(row.denominator == nil, "denominator must be blank") }
        #expect(row.target?.description == want.target)
        #expect(row.met == want.met)
        #expect(row.unitsReporting == want.reporting)
        #expect(row.unitsMeeting == want.meeting)
        #expect(row.shortfall.map { Int($0) } == want.shortfall)
    }

    @Test("a unit that sent nothing has its rows with blank values and 0 units reporting")
    func nonSubmitter() throws {
        let (bench, results, _) = try Self.results()
        let rows = results.rows.filter { $0.scope == .unit && $0.scopeCode == "0102002" }
        // MN applies to 7 indicators: each has an MN row and an ALL row.
        #expect(rows.count == 14)
        for row in rows {
            let id = bench.catalogue.indicators[row.indicator].id
            #expect(row.value == nil && row.numerator == nil && row.denominator == nil, "\(id)")
            #expect(row.met == nil && row.shortfall == nil, "\(id)")
            #expect(row.unitsReporting == 0, "\(id)")
            let targeted = ["cashless_units", "esign_coverage", "sis_complete_units", "inspected_units"].contains(id)
            #expect(row.unitsMeeting == (targeted ? 0 : nil), "\(id): units_meeting is blank only where no level has a target")
        }
    }

    /// The levels of each default indicator (CONTRACT §4), in the order of the table.
    static let indicatorLevels: [(String, [Level])] = [
        ("online_share", [.thcs, .thpt, .gdtx]), ("cashless_units", Level.allCases), ("cashless_payers", Level.allCases),
        ("students_per_pc", [.th, .thcs, .thpt]), ("esign_coverage", Level.allCases), ("staff_trained_share", Level.allCases),
        ("fiber_units", Level.allCases), ("sis_complete_units", Level.allCases), ("digital_records_units", [.th, .thcs, .thpt]),
        ("cds_level2_units", [.th, .thcs, .thpt, .gdtx]), ("inspected_units", Level.allCases),
    ]

    @Test("the row set and order: province, managing units, units by code; indicators in catalogue order; MN…GDTX then ALL")
    func rowSetAndOrder() throws {
        let (bench, results, _) = try Self.results()
        let scopes: [(String, String, [Level])] = [
            ("province", "01", [.mn, .th, .thcs, .thpt]),
            ("managing_unit", "01", [.thpt]),
            ("managing_unit", "0101", [.mn, .th, .thcs]),
            ("managing_unit", "0102", [.mn, .thcs]),
            ("unit", "0101001", [.mn]), ("unit", "0101002", [.th]), ("unit", "0101003", [.th, .thcs]),
            ("unit", "0102001", [.thcs]), ("unit", "0102002", [.mn]), ("unit", "0199001", [.thpt]),
        ]
        var expected: [String] = []
        for (scope, code, served) in scopes {
            for (indicator, levels) in Self.indicatorLevels {
                let rowLevels = levels.filter(served.contains)
                guard !rowLevels.isEmpty else { continue }
                expected += rowLevels.map { "\(scope) \(code) \(indicator) \($0.rawValue)" } + ["\(scope) \(code) \(indicator) ALL"]
            }
        }
        let actual = results.rows.map { "\($0.scope.rawValue) \($0.scopeCode) \(bench.catalogue.indicators[$0.indicator].id) \($0.levelCode)" }
        #expect(actual.count == expected.count)
        #expect(actual == expected)
        // The province alone: online_share 3 + 5 + 5 + students_per_pc 4 + 5 + 5 + 5 + 5 + 4 + 4 + 5 rows.
        #expect(results.rows.filter { $0.scope == .province }.count == 50)
    }

    @Test("the catalogue lists the default indicators in the contract's order")
    func catalogueOrder() throws {
        let (bench, _, _) = try Self.results()
        #expect(bench.catalogue.indicators.prefix(11).map(\.id) == Self.indicatorLevels.map(\.0))
    }

    @Test("codes are ordered as text, not as numbers")
    func codeOrderIsText() throws {
        let bench = try TestBench(registryCSV: """
            unit_code,name,kind,levels,parent_code
            5,Sở,SO,,
            9,Phòng Chín,PHONG,,5
            10,Phòng Mười,PHONG,,5
            900,Trường A,TRUONG,MN,9
            1000,Trường B,TRUONG,MN,10
            0200,Trường C,TRUONG,MN,10

            """)
        let results = try bench.results(rows: [])
        var seen: [String] = []
        for row in results.rows where seen.last != "\(row.scope.rawValue) \(row.scopeCode)" {
            seen.append("\(row.scope.rawValue) \(row.scopeCode)")
        }
        #expect(seen == ["province 5", "managing_unit 10", "managing_unit 9", "unit 0200", "unit 1000", "unit 900"])
    }

    @Test("no value, numerator or denominator is NaN or infinite")
    func noNaN() throws {
        let (_, results, _) = try Self.results()
        for row in results.rows {
            for number in [row.value, row.numerator, row.denominator].compactMap({ $0 }) {
                #expect(number.isFinite)
            }
        }
    }

    @Test("with a managing unit, only its units have rows and province rows keep the SO's code")
    func managingUnitScope() throws {
        let bench = try TestBench(fixture: "province")
        let outcome = bench.validate(try bench.inputs(from: [Repository.fixtures.appendingPathComponent("province/inbox")]),
                                     managingUnit: "0101")
        let results = bench.aggregate(outcome, managingUnit: "0101")
        #expect(Set(results.rows.filter { $0.scope == .unit }.map(\.scopeCode)) == ["0101001", "0101002", "0101003"])
        #expect(Set(results.rows.filter { $0.scope == .managingUnit }.map(\.scopeCode)) == ["0101"])
        let province = try bench.row(results, .province, "01", "esign_coverage", nil)
        // Only 0101's units: (15+20+10+4)/(15+25+10+8).
        #expect(isClose(province.value, 49.0 / 58))
        #expect(province.scopeName == "Sở Giáo dục và Đào tạo tỉnh Thử Nghiệm")
        // No THPT school under 0101: no THPT rows, even on the province scope.
        #expect(results.row(.province, "01", indicator: try bench.indicator("online_share"), level: .thpt) == nil)
    }
}
