import CDSReport
import Foundation
import Testing
import TestSupport

/// Aggregation rules shown on small cases (CONTRACT §3 "Details", §4): what counts, which rows exist.
@Suite("Aggregation: what counts")
struct AggregationRulesTests {
    @Test("a per-unit value comes from accepted rows only: a rejected level does not count")
    func perUnitFromAcceptedRows() throws {
        let bench = try TestBench()
        let results = try bench.results(rows: [
            ReturnCSV.validRow("0101003", "TH", ["cashless": "Có", "students": "abc"]), // rejected
            ReturnCSV.validRow("0101003", "THCS", ["cashless": ""]),
        ])
        let th = try bench.row(results, .unit, "0101003", "cashless_units", .th)
        let thcs = try bench.row(results, .unit, "0101003", "cashless_units", .thcs)
        #expect(th.unitsReporting == 0 && th.value == nil, "the TH row was rejected")
        #expect(thcs.unitsReporting == 0 && thcs.value == nil, "no accepted row gives cashless")
    }

    @Test("a per-unit value given on one level counts at every level with an accepted row")
    func perUnitCountsAtEveryLevel() throws {
        let bench = try TestBench()
        let results = try bench.results(rows: [
            ReturnCSV.validRow("0101003", "TH", ["fiber": ""]),
            ReturnCSV.validRow("0101003", "THCS", ["fiber": "x"]),
        ])
        for level in [Level.th, .thcs] {
            let row = try bench.row(results, .unit, "0101003", "fiber_units", level)
            #expect(row.value == 1 && row.unitsReporting == 1, "\(level.rawValue)")
        }
        let all = try bench.row(results, .province, "01", "fiber_units", nil)
        #expect(all.numerator == 1 && all.denominator == 1, "counted once on ALL")
    }

    @Test("an exact copy counts once in the sums")
    func copyCountsOnce() throws {
        let bench = try TestBench()
        let row = ReturnCSV.validRow("0101002", "TH", ["staff": "10", "staff_trained": "7"])
        let results = try bench.results(rows: [row, row])
        let trained = try bench.row(results, .province, "01", "staff_trained_share", .th)
        #expect(trained.numerator == 7 && trained.denominator == 10)
    }

    @Test("levels served only by a unit that sent nothing still have rows, with blank values")
    func levelOfNonSubmitter() throws {
        let bench = try TestBench()
        let results = try bench.results(rows: [ReturnCSV.validRow("0102001", "THCS")])
        let gdtx = try bench.row(results, .province, "01", "online_share", .gdtx)
        #expect(gdtx.value == nil && gdtx.unitsReporting == 0 && gdtx.numerator == nil)
        let so = try bench.row(results, .managingUnit, "01", "online_share", .gdtx)
        #expect(so.value == nil)
        #expect(results.row(.managingUnit, "0101", indicator: try bench.indicator("online_share"), level: .gdtx) == nil,
                "0101 serves no GDTX")
    }

    @Test("an indicator with no level served in a scope has no rows there, not even ALL")
    func noRowsWithoutLevels() throws {
        let bench = try TestBench()
        let results = try bench.results(rows: [])
        let online = try bench.indicator("online_share")
        #expect(results.rows.filter { $0.scope == .unit && $0.scopeCode == "0101001" && $0.indicator == online }.isEmpty,
                "online_share does not apply to MN")
        #expect(results.rows.filter { $0.scope == .unit && $0.scopeCode == "0101001" }.count == 14)
    }

    @Test("communes (XA) are managing units with their own rows")
    func communeRows() throws {
        let bench = try TestBench(registryCSV: """
            unit_code,name,kind,levels,parent_code
            31,Sở GDĐT thành phố Hải Phòng,SO,,
            31101,UBND phường Lê Chân,XA,,31
            3110101,Trường Mầm non Lê Chân,TRUONG,MN,31101

            """)
        let results = try bench.results(rows: [ReturnCSV.validRow("3110101", "MN", ["staff": "10", "staff_trained": "5"])])
        let row = try bench.row(results, .managingUnit, "31101", "staff_trained_share", .mn)
        #expect(row.scopeName == "UBND phường Lê Chân")
        #expect(row.value == 0.5)
    }

    @Test("unit shares: a multi-level unit counts in each of its levels and once in ALL")
    func unitShareCountsOnce() throws {
        let bench = try TestBench()
        let results = try bench.results(rows: [
            ReturnCSV.validRow("0101003", "TH", ["inspected": "Có"]),
            ReturnCSV.validRow("0101003", "THCS", ["inspected": "Có"]),
            ReturnCSV.validRow("0101002", "TH", ["inspected": "Không"]),
        ])
        let th = try bench.row(results, .province, "01", "inspected_units", .th)
        let thcs = try bench.row(results, .province, "01", "inspected_units", .thcs)
        let all = try bench.row(results, .province, "01", "inspected_units", nil)
        #expect(th.numerator == 1 && th.denominator == 2)
        #expect(thcs.numerator == 1 && thcs.denominator == 1)
        #expect(all.numerator == 1 && all.denominator == 2 && all.value == 0.5 && all.unitsReporting == 2)
    }
}
