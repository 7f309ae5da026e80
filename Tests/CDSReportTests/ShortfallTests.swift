import CDSReport
import Foundation
import Testing
import TestSupport

/// `shortfall` (CONTRACT §4): per basis, exact, never below 0, blank without a target or inputs;
/// and `units_meeting` on ALL.
@Suite("Aggregation: shortfall and targets")
struct ShortfallTests {
    static func plan(_ entries: String) -> String {
        "plan: \"Kế hoạch kiểm thử\"\nschool_year: 2024-2025\ntargets:\n" + entries
    }

    static func esignRows(_ a: Int, _ b: Int) -> [[String: String]] {
        [ReturnCSV.validRow("0101002", "TH", ["managers_teachers": "10", "staff_esign": "\(a)"]),
         ReturnCSV.validRow("0101003", "TH", ["managers_teachers": "10", "staff_esign": "\(b)"])]
    }

    @Test("each_unit sums each unit's gap (a surplus never covers); average uses the row's own gap",
          arguments: [("each_unit", 2), ("average", 0)])
    func basis(_ basis: String, _ shortfall: Int) throws {
        let bench = try TestBench(targetsYAML: Self.plan("""
              - indicator: esign_coverage
                target: ">= 0.8"
                basis: \(basis)

            """))
        // 10/10 and 6/10: pooled 16/20 = 0.8 meets; the second unit is ⌈8 − 6⌉ = 2 short, the first 2 over.
        let results = try bench.results(rows: Self.esignRows(10, 6))
        let row = try bench.row(results, .province, "01", "esign_coverage", .th)
        #expect(row.met == true)
        #expect(row.unitsMeeting == 1)
        #expect(row.shortfall.map { Int($0) } == shortfall)
        #expect(try bench.row(results, .unit, "0101002", "esign_coverage", .th).shortfall == 0, "never below 0")
        #expect(try bench.row(results, .unit, "0101003", "esign_coverage", .th).shortfall == 2)
    }

    @Test("an entry without basis counts as each_unit")
    func defaultBasis() throws {
        let bench = try TestBench(targetsYAML: Self.plan("  - indicator: esign_coverage\n    target: \">= 0.8\"\n"))
        let results = try bench.results(rows: Self.esignRows(10, 6))
        #expect(try bench.row(results, .province, "01", "esign_coverage", .th).shortfall == 2)
    }

    @Test("targets are exact decimals: x × 100 payers with none cashless is x·100, not one more",
          arguments: [("0.95", 95), ("0.55", 55), ("0.07", 7)], ["each_unit", "average"])
    func exactDecimals(_ target: (String, Int), _ basis: String) throws {
        let bench = try TestBench(targetsYAML: Self.plan("""
              - indicator: cashless_payers
                target: ">= \(target.0)"
                basis: \(basis)

            """))
        let results = try bench.results(rows: [ReturnCSV.validRow("0101001", "MN", ["fee_payers": "100", "fee_payers_cashless": "0"])])
        for (scope, code) in [(ScopeKind.unit, "0101001"), (.managingUnit, "0101"), (.province, "01")] {
            let row = try bench.row(results, scope, code, "cashless_payers", .mn)
            #expect(row.shortfall.map { Int($0) } == target.1, "\(scope) ⌈\(target.0) · 100 − 0⌉")
            #expect(row.met == false)
        }
    }

    @Test("a value exactly at the target meets it with no shortfall", arguments: [("0.55", "55"), ("0.07", "7"), ("0.95", "95")])
    func exactlyAtTarget(_ target: String, _ cashless: String) throws {
        let bench = try TestBench(targetsYAML: Self.plan("  - indicator: cashless_payers\n    target: \">= \(target)\"\n"))
        let results = try bench.results(rows: [ReturnCSV.validRow("0101001", "MN", ["fee_payers": "100", "fee_payers_cashless": cashless])])
        let row = try bench.row(results, .unit, "0101001", "cashless_payers", .mn)
        #expect(row.met == true)
        #expect(row.shortfall == 0)
    }

    @Test("the online share 3/30 meets ≥ 0.10 exactly with no shortfall")
    func onlineShareExact() throws {
        let bench = try TestBench()
        let results = try bench.results(rows: [ReturnCSV.validRow("0102001", "THCS", ["periods_planned": "30", "periods_online": "3"])])
        let row = try bench.row(results, .province, "01", "online_share", .thcs)
        #expect(row.met == true)
        #expect(row.shortfall == 0)
    }

    @Test("unit shares: 1 per failing unit at each level, a unit once on ALL")
    func unitShareShortfall() throws {
        let bench = try TestBench()
        let results = try bench.results(rows: [
            ReturnCSV.validRow("0101002", "TH", ["cashless": "Có"]),
            ReturnCSV.validRow("0101003", "TH", ["cashless": "Không"]),
            ReturnCSV.validRow("0101003", "THCS", ["cashless": ""]),
            ReturnCSV.validRow("0102001", "THCS", ["cashless": "không"]),
        ])
        #expect(try bench.row(results, .province, "01", "cashless_units", .th).shortfall == 1, "0101003")
        #expect(try bench.row(results, .province, "01", "cashless_units", .thcs).shortfall == 2, "0101003 and 0102001")
        #expect(try bench.row(results, .province, "01", "cashless_units", nil).shortfall == 2, "0101003 counted once")
        #expect(try bench.row(results, .unit, "0101003", "cashless_units", nil).shortfall == 1)
    }

    @Test("average: an ALL row without a target sums its level rows' shortfalls")
    func averageAllSumsLevels() throws {
        let bench = try TestBench()
        let results = try bench.results(rows: [
            ReturnCSV.validRow("0101003", "THCS", ["periods_planned": "100", "periods_online": "5"]), // ⌈10 − 5⌉ = 5
            ReturnCSV.validRow("0199001", "THPT", ["periods_planned": "800", "periods_online": "40"]), // ⌈80 − 40⌉ = 40
            ReturnCSV.validRow("0199002", "GDTX", ["periods_planned": "100", "periods_online": "0"]), // no target
        ])
        let all = try bench.row(results, .province, "01", "online_share", nil)
        #expect(all.target == nil)
        #expect(all.shortfall == 45)
        #expect(try bench.row(results, .province, "01", "online_share", .gdtx).shortfall == nil, "GDTX has no target")
    }

    @Test("shortfall and units_meeting are blank where no level involved has a target")
    func blankWithoutTarget() throws {
        let bench = try TestBench(targetsYAML: Self.plan("  - indicator: esign_coverage\n    levels: [THPT]\n    target: \">= 0.9\"\n"))
        let results = try bench.results(rows: [
            ReturnCSV.validRow("0101002", "TH", ["staff_esign": "1"]),
            ReturnCSV.validRow("0199001", "THPT", ["managers_teachers": "10", "staff_esign": "8"]),
        ])
        let th = try bench.row(results, .unit, "0101002", "esign_coverage", .th)
        #expect(th.target == nil && th.met == nil && th.shortfall == nil && th.unitsMeeting == nil)
        let thAll = try bench.row(results, .unit, "0101002", "esign_coverage", nil)
        #expect(thAll.shortfall == nil && thAll.unitsMeeting == nil, "a TH-only unit involves no targeted level")
        let provinceAll = try bench.row(results, .province, "01", "esign_coverage", nil)
        #expect(provinceAll.target == nil, "a target for some levels only: no ALL target")
        #expect(provinceAll.shortfall == 1, "THPT ⌈9 − 8⌉ = 1")
        #expect(try bench.row(results, .province, "01", "cashless_payers", .mn).shortfall == nil)
    }

    @Test("shortfall is blank where no unit has the inputs at a targeted level")
    func blankWithoutInputs() throws {
        let bench = try TestBench()
        let results = try bench.results(rows: [
            ReturnCSV.validRow("0101002", "TH", ["managers_teachers": "", "staff_esign": ""]),
        ])
        let row = try bench.row(results, .unit, "0101002", "esign_coverage", .th)
        #expect(row.value == nil && row.numerator == nil && row.denominator == nil)
        #expect(row.unitsReporting == 0)
        #expect(row.shortfall == nil)
        #expect(try bench.row(results, .province, "01", "esign_coverage", nil).shortfall == nil)
    }

    @Test("ALL without a common target: units_meeting counts units that report a targeted level and meet each one")
    func allUnitsMeeting() throws {
        let bench = try TestBench(targetsYAML: Self.plan("  - indicator: esign_coverage\n    levels: [TH]\n    target: \">= 0.9\"\n"))
        let results = try bench.results(rows: [
            ReturnCSV.validRow("0101002", "TH", ["managers_teachers": "8", "staff_esign": "6"]), // TH 0.75: fails
            ReturnCSV.validRow("0101003", "TH", ["managers_teachers": "10", "staff_esign": "10"]), // TH 1: meets
            ReturnCSV.validRow("0101003", "THCS", ["managers_teachers": "8", "staff_esign": "1"]), // no target at THCS
            ReturnCSV.validRow("0102001", "THCS", ["managers_teachers": "8", "staff_esign": "8"]), // no targeted level
        ])
        let all = try bench.row(results, .province, "01", "esign_coverage", nil)
        #expect(all.target == nil && all.met == nil)
        #expect(all.unitsReporting == 3)
        #expect(all.unitsMeeting == 1, "0101003 only")
    }

    @Test("ALL with a common target judges each unit on its pooled value")
    func allCommonTargetPooled() throws {
        let bench = try TestBench(targetsYAML: Self.plan("  - indicator: esign_coverage\n    target: \">= 0.8\"\n"))
        let results = try bench.results(rows: [
            ReturnCSV.validRow("0101003", "TH", ["managers_teachers": "10", "staff_esign": "10"]),
            ReturnCSV.validRow("0101003", "THCS", ["managers_teachers": "10", "staff_esign": "7"]),
        ])
        let all = try bench.row(results, .unit, "0101003", "esign_coverage", nil)
        #expect(all.target?.description == ">=0.8")
        #expect(all.met == true, "(10 + 7)/(10 + 10) = 0.85")
        #expect(all.unitsMeeting == 1)
        #expect(all.shortfall == 1, "each_unit sums the level gaps: 0 + ⌈8 − 7⌉")
    }
}
