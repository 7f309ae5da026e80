import Foundation
import Testing
import TestSupport

@testable import CDSReport

/// The synthetic history behind the workspace demo: three HK1 periods, the registry before and
/// after the 2025 reorganisation, and returns delivered on time, late, twice and corrected.
@Suite("Demo history")
struct DemoHistoryTests {
    /// A fifth of the province, for speed.
    static let small = DemoHistory.generate(unitsScale: 0.2)
    /// The whole province, for its shape.
    static let full = DemoHistory.generate()

    // MARK: - Determinism

    @Test("the same seed and scale give byte-identical output")
    func sameSeedSameBytes() {
        let again = DemoHistory.generate(unitsScale: 0.2)
        let first = Self.small
        #expect(again.registries.map(\.csv) == first.registries.map(\.csv))
        #expect(again.registries.map(\.effective) == first.registries.map(\.effective))
        #expect(again.deliveries.count == first.deliveries.count)
        for (a, b) in zip(again.deliveries, first.deliveries) {
            #expect(a.files == b.files, "\(b.files.first?.relativePath ?? "")")
            #expect(a.received == b.received && a.period == b.period && a.note == b.note && a.kind == b.kind)
            #expect(a.plannedFaults == b.plannedFaults)
        }
        #expect(again.anomalies == first.anomalies)
        #expect(again.nonSubmitters == first.nonSubmitters)
    }

    @Test("another seed gives another history")
    func otherSeedOtherHistory() {
        let other = DemoHistory.generate(seed: 7, unitsScale: 0.2)
        #expect(other.registries[0].csv != Self.small.registries[0].csv)
        #expect(other.deliveries.map(\.files) != Self.small.deliveries.map(\.files))
    }

    @Test("three HK1 periods, two registry versions")
    func periodsAndVersions() {
        let history = Self.small
        #expect(history.years == ["2023-2024", "2024-2025", "2025-2026"])
        #expect(history.periodKind == "HK1")
        #expect(history.registries.map(\.fileName) == ["units-v1.csv", "units-v2.csv"])
        #expect(history.registries.map(\.effective) == ["", "2025-07-01"])
        let periods = history.deliveries.map(\.period)
        #expect(periods == periods.sorted(), "deliveries are grouped by period, in year order")
        #expect(Set(periods) == ["2023-2024/HK1", "2024-2025/HK1", "2025-2026/HK1"])
    }

    @Test("any seed and scale tells the whole story", arguments: [(1, 0.2), (7, 0.05), (42, 0.5), (99, 1.0)] as [(UInt64, Double)])
    func everySeedTellsTheStory(seed: UInt64, scale: Double) throws {
        let history = DemoHistory.generate(seed: seed, unitsScale: scale)
        #expect(history.reorganisation.mergers.count == 2)
        #expect(history.reorganisation.renumberings.count == 3)
        #expect(history.reorganisation.closed.count == 1)
        #expect(history.reorganisation.opened.count == 2)
        #expect(history.anomalies.count == 2)
        for (version, registry) in history.registries.enumerated() {
            let table = try CSVTableReader.read(
                registry.csv, file: registry.fileName, isKey: { Catalogue.headerKey($0) == "unit_code" },
                isKnown: { RegistryLoader.columns.contains(Catalogue.headerKey($0)) })
            let loaded = try RegistryLoader.build(from: table)
            let communes = loaded.units.filter { $0.kind == .xa }.count
            #expect(version == 0 ? communes == 0 : (25...40).contains(communes))
        }
        for year in history.years {
            let deliveries = history.deliveries.filter { $0.period == year + "/HK1" }
            #expect(deliveries.map(\.received) == deliveries.map(\.received).sorted())
            let corrected = try #require(deliveries.first { $0.kind == .corrected })
            #expect(corrected.changedRows.count == 2)
            #expect(deliveries.contains { $0.kind == .resend } && deliveries.contains { $0.kind == .late })
            #expect(deliveries.reduce(0) { $0 + $1.plannedFaults.count } >= 5, "a few bad rows in \(year)")
        }
    }

    // MARK: - The registries

    @Test("version 1: one SO, about 600 units, only district offices (PHONG) as managing units")
    func version1Shape() throws {
        for (history, fullSize) in [(Self.full, true), (Self.small, false)] {
            let rows = try Self.registry(history, 0)
            #expect(rows.filter { $0.kind == "SO" }.count == 1)
            #expect(rows.filter { $0.kind == "PHONG" }.count == 15)
            #expect(!rows.contains { $0.kind == "XA" })
            let kinds = Dictionary(rows.map { ($0.code, $0.kind) }, uniquingKeysWith: { a, _ in a })
            #expect(kinds.count == rows.count, "codes are unique")
            for row in rows where row.kind == "TRUONG" || row.kind == "TRUNGTAM" {
                #expect(kinds[row.parent] == "PHONG" || kinds[row.parent] == "SO", "\(row.code)")
            }
            #expect(rows.allSatisfy { $0.previous.isEmpty }, "the first registry has no history")
            if fullSize {
                #expect((570...660).contains(rows.count), "\(rows.count) units")
            } else {
                #expect((90...200).contains(rows.count), "\(rows.count) units at scale 0.2")
            }
        }
    }

    @Test("version 2: communes (XA) manage the districts' schools, no PHONG, the Sở keeps its own")
    func version2Shape() throws {
        for history in [Self.full, Self.small] {
            let v1 = try Self.registry(history, 0)
            let v2 = try Self.registry(history, 1)
            let v1ByCode = Dictionary(v1.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
            let v2Kinds = Dictionary(v2.map { ($0.code, $0.kind) }, uniquingKeysWith: { a, _ in a })
            #expect(v2Kinds.count == v2.count, "codes are unique")
            let so = v2.filter { $0.kind == "SO" }
            #expect(so.count == 1)
            #expect(so.first?.code == v1.first { $0.kind == "SO" }?.code, "the Sở keeps its code")
            #expect(!v2.contains { $0.kind == "PHONG" })
            let communes = v2.filter { $0.kind == "XA" }
            #expect((25...40).contains(communes.count), "\(communes.count) communes")
            for commune in communes {
                #expect(commune.name.hasPrefix("UBND xã ") || commune.name.hasPrefix("UBND phường "), "\(commune.name)")
                #expect(commune.parent == so.first?.code)
                #expect(commune.levels.isEmpty)
                #expect(v1ByCode[commune.code] == nil, "\(commune.code) is a new code")
                #expect(v2.contains { $0.parent == commune.code }, "\(commune.code) manages at least one school")
            }
            for unit in v2 where unit.kind == "TRUONG" || unit.kind == "TRUNGTAM" {
                let predecessors = (unit.previous.isEmpty ? [unit.code] : unit.previous).compactMap { v1ByCode[$0] }
                guard let before = predecessors.first else {
                    #expect(v2Kinds[unit.parent] == "XA", "a new school \(unit.code) is managed by a commune")
                    continue
                }
                if unit.kind == "TRUONG" {
                    let expected = v1ByCode[before.parent]?.kind == "PHONG" ? "XA" : "SO"
                    #expect(v2Kinds[unit.parent] == expected, "\(unit.code) (was under \(before.parent)) is under \(unit.parent)")
                } else {
                    #expect(v2Kinds[unit.parent] == "SO", "centres pass to the Sở: \(unit.code)")
                }
            }
            #expect(history.reorganisation.movedToSo.allSatisfy { v1ByCode[$0]?.kind == "TRUNGTAM" })
        }
    }

    @Test("previous codes name version-1 codes that are gone, none twice; merged, renumbered, closed, opened")
    func previousCodes() throws {
        for history in [Self.full, Self.small] {
            let v1Codes = Set(try Self.registry(history, 0).map(\.code))
            let v2 = try Self.registry(history, 1)
            let v2Codes = Set(v2.map(\.code))
            var listed: [String] = []
            for unit in v2 {
                for code in unit.previous {
                    #expect(v1Codes.contains(code), "\(unit.code) lists \(code), a version-1 code")
                    #expect(!v2Codes.contains(code), "\(code) listed by \(unit.code) is not a current code")
                    listed.append(code)
                }
            }
            #expect(Set(listed).count == listed.count, "no code is listed twice")

            let merged = v2.filter { $0.previous.count == 2 }
            #expect(merged.count == 2)
            #expect(merged.map(\.levels).sorted() == ["TH", "TH;THCS"])
            #expect(Set(merged.map(\.code)) == Set(history.reorganisation.mergers.map(\.code)))
            for merger in history.reorganisation.mergers {
                #expect(merged.first { $0.code == merger.code }?.previous == merger.previousCodes)
                #expect(!v1Codes.contains(merger.code))
            }
            let renumbered = v2.filter { $0.previous.count == 1 }
            #expect(renumbered.count == 3)
            #expect(Set(renumbered.map { $0.previous[0] + ">" + $0.code })
                == Set(history.reorganisation.renumberings.map { $0.oldCode + ">" + $0.newCode }))

            #expect(history.reorganisation.closed.count == 1)
            for code in history.reorganisation.closed {
                #expect(v1Codes.contains(code))
                #expect(!v2Codes.contains(code), "the closed school is absent")
                #expect(!listed.contains(code), "the closed school has no successor")
            }
            let opened = v2.filter { $0.kind == "TRUONG" && !v1Codes.contains($0.code) && $0.previous.isEmpty }
            #expect(Set(opened.map(\.code)) == Set(history.reorganisation.opened))
            #expect(opened.count == 2)
        }
    }

    @Test("both registry versions load without problems", arguments: [0, 1])
    func registriesLoad(version: Int) throws {
        for history in [Self.full, Self.small] {
            let csv = history.registries[version].csv
            let table = try CSVTableReader.read(
                csv, file: history.registries[version].fileName,
                isKey: { Catalogue.headerKey($0) == "unit_code" },
                isKnown: { RegistryLoader.columns.contains(Catalogue.headerKey($0)) })
            let built = try RegistryLoader.build(from: table)
            let folder = try TemporaryDirectory("demo-history-registry")
            let url = try folder.write(csv, to: history.registries[version].fileName)
            let loaded = try RegistryLoader.load(from: url)
            let rows = try Self.registry(history, version)
            #expect(built.units.count == rows.count)
            #expect(loaded.units.count == rows.count)
            #expect(loaded.units.filter { $0.kind == .so }.count == 1)
            let managing: UnitKind = version == 0 ? .phong : .xa
            #expect(loaded.managingUnits.contains { $0.kind == managing })
            #expect(!loaded.units.contains { $0.kind == (version == 0 ? .xa : .phong) })
            if version == 1 {
                for merger in history.reorganisation.mergers {
                    for old in merger.previousCodes {
                        #expect(loaded.successor(ofPreviousCode: old)?.code == merger.code)
                    }
                }
            }
        }
    }

    // MARK: - Deliveries

    @Test("each period: on time first, then the late return and the correction, in received order")
    func deliveryOrder() throws {
        for history in [Self.full, Self.small] {
            for year in history.years {
                let period = year + "/HK1"
                let deliveries = history.deliveries.filter { $0.period == period }
                let deadline = "\(Int(year.suffix(4))!)-01-20"
                let received = deliveries.map(\.received)
                #expect(received == received.sorted(), "\(period): ingest order is received order")
                #expect(received.allSatisfy { Self.isDate($0) })
                #expect(deliveries.filter { $0.kind == .late }.count == 1)
                #expect(deliveries.filter { $0.kind == .corrected }.count == 1)
                #expect(deliveries.filter { $0.kind == .resend }.count == 1)
                let onTime = deliveries.filter { $0.kind == .onTime || $0.kind == .resend }
                #expect(onTime.allSatisfy { $0.received <= deadline }, "\(period)")
                #expect(onTime.allSatisfy { $0.note == "Báo cáo đúng hạn" || $0.kind == .resend })
                let lastOnTime = onTime.map(\.received).max() ?? ""
                for delivery in deliveries where delivery.kind == .late || delivery.kind == .corrected {
                    #expect(delivery.received > deadline, "\(period): \(delivery.kind) after the deadline")
                    #expect(delivery.received > lastOnTime)
                }
                let late = try #require(deliveries.first { $0.kind == .late })
                #expect(late.received == "\(Int(year.suffix(4))!)-01-25")
                #expect(late.note == "Nộp muộn 5 ngày")
                #expect(deliveries.first { $0.kind == .corrected }?.note == "Gửi lại sau khi sửa lỗi")
                // One first return per managing unit (and the Sở's own), each a single CSV file.
                let firsts = deliveries.filter { $0.kind == .onTime || $0.kind == .late }
                let managing = try Self.registry(history, year == "2025-2026" ? 1 : 0)
                    .filter { ["SO", "PHONG", "XA"].contains($0.kind) }.map(\.code)
                #expect(firsts.map(\.managingUnit).sorted() == managing.sorted())
                for delivery in deliveries {
                    #expect(delivery.files.count == 1)
                    #expect(delivery.files.allSatisfy { $0.relativePath.hasPrefix(year + "-HK1/dot-") && $0.relativePath.hasSuffix(".csv") })
                }
                let prefix = year == "2025-2026" ? "xa_" : "phong_"
                #expect(firsts.filter { $0.managingUnit.count > 2 }.allSatisfy { $0.files[0].relativePath.contains("/" + prefix) })
            }
        }
    }

    @Test("the re-send is byte-identical to an earlier file of the period")
    func resendIsIdentical() throws {
        for history in [Self.full, Self.small] {
            for (position, delivery) in history.deliveries.enumerated() where delivery.kind == .resend {
                let earlier = history.deliveries[..<position].filter { $0.period == delivery.period }
                let original = try #require(earlier.first { $0.files.first?.relativePath == delivery.resends })
                #expect(original.files[0].bytes == delivery.files[0].bytes, "same bytes twice")
                #expect(original.files[0].relativePath != delivery.files[0].relativePath)
                #expect(original.managingUnit == delivery.managingUnit)
                #expect(original.received < delivery.received)
            }
        }
    }

    @Test("the correction re-sends rows of units that an earlier delivery gave, two of them changed")
    func correctionSupersedes() throws {
        for history in [Self.full, Self.small] {
            for (position, delivery) in history.deliveries.enumerated() where delivery.kind == .corrected {
                let earlier = history.deliveries[..<position].filter { $0.period == delivery.period }
                let original = try #require(earlier.first { $0.files.first?.relativePath == delivery.resends })
                #expect(original.managingUnit == delivery.managingUnit)
                #expect(original.files[0].bytes != delivery.files[0].bytes)
                let before = try Self.returnRows(original.files[0].bytes)
                let after = try Self.returnRows(delivery.files[0].bytes)
                #expect(before.count == after.count, "the whole file is sent again")
                let earlierKeys = Set(before.map(\.key))
                #expect(after.allSatisfy { earlierKeys.contains($0.key) }, "only units and levels sent before")
                #expect(delivery.changedRows.count == 2)
                var changed: Set<DemoHistory.RowKey> = []
                for (a, b) in zip(before, after) where a.cells != b.cells {
                    #expect(a.key == b.key)
                    changed.insert(DemoHistory.RowKey(unitCode: b.code, level: b.level))
                }
                #expect(changed == Set(delivery.changedRows), "exactly the rows said to change differ")
                #expect(delivery.plannedFaults.count < original.plannedFaults.count, "the fixed row's fault is gone")
            }
        }
    }

    @Test("planned faults point at rows of their files")
    func plannedFaultsExist() throws {
        var rules: Set<String> = []
        for delivery in Self.full.deliveries {
            let rows = try Self.returnRows(delivery.files[0].bytes)
            for fault in delivery.plannedFaults {
                #expect(fault.relativePath == delivery.files[0].relativePath)
                rules.insert(fault.rule)
                guard let number = fault.row else { continue }
                let row = try #require(rows.first { $0.number == number }, "\(fault.relativePath) row \(number)")
                #expect(row.code == fault.unitCode, "\(fault.description)")
            }
        }
        for rule in ["unknown_unit", "level_not_served", "wrong_period", "missing_key", "not_a_number", "not_a_boolean",
                     "negative", "out_of_range", "exceeds_total", "inconsistent", "conflicting_unit_values",
                     "duplicate_conflict", "duplicate_copy", "unknown_column"] {
            #expect(rules.contains(rule), "some year plants \(rule)")
        }
    }

    @Test("about 2 % of the units send nothing, and their codes appear in no return of the period")
    func nonSubmitters() throws {
        for history in [Self.full, Self.small] {
            for year in history.years {
                let period = year + "/HK1"
                let quiet = try #require(history.nonSubmitters[period])
                let units = try Self.registry(history, year == "2025-2026" ? 1 : 0)
                    .filter { $0.kind == "TRUONG" || $0.kind == "TRUNGTAM" }
                #expect(quiet.count == Int((Double(units.count) * 0.02).rounded()))
                let codes = try Set(history.deliveries.filter { $0.period == period }
                    .flatMap { try Self.returnRows($0.files[0].bytes) }.map(\.code))
                #expect(quiet.allSatisfy { !codes.contains($0) })
            }
        }
    }

    // MARK: - Figures year on year

    @Test("figures evolve plausibly, except the two planted jumps")
    func figuresEvolve() throws {
        let history = Self.full
        let years = try history.years.map { try Self.currentRows(history, period: $0 + "/HK1") }
        #expect(history.anomalies.count == 2)
        let tripled = try #require(history.anomalies.first { $0.field == "students" })
        let halved = try #require(history.anomalies.first { $0.field == "pcs_teaching" })
        #expect(tripled.schoolYear == "2024-2025" && halved.schoolYear == "2024-2025")
        var compared = 0
        for (key, row) in years[1] {
            guard let before = years[0][key], let a = before.int(.students), let b = row.int(.students), a > 0 else { continue }
            let ratio = Double(b) / Double(a)
            if key.unitCode == tripled.unitCode {
                #expect(b == 3 * a, "the tripled school: \(a) → \(b)")
            } else {
                #expect((0.95...1.05).contains(ratio), "\(key.unitCode) \(key.level): \(a) → \(b)")
                compared += 1
            }
        }
        #expect(compared > 400)
        let key = DemoHistory.RowKey(unitCode: halved.unitCode, level: halved.level)
        let pcsBefore = try #require(years[0][key]?.int(.pcsTeaching))
        let pcsAfter = try #require(years[1][key]?.int(.pcsTeaching))
        #expect(pcsAfter * 2 <= pcsBefore && pcsAfter * 2 >= pcsBefore - 1, "the halved school: \(pcsBefore) → \(pcsAfter)")

        func pooled(_ rows: [DemoHistory.RowKey: ReturnRow], _ part: DemoField, _ whole: DemoField) -> Double {
            var numerator = 0, denominator = 0
            for row in rows.values {
                guard let p = row.int(part), let w = row.int(whole), p <= w else { continue }
                numerator += p
                denominator += w
            }
            return Double(numerator) / Double(max(1, denominator))
        }
        func total(_ rows: [DemoHistory.RowKey: ReturnRow], _ field: DemoField) -> Int {
            rows.values.reduce(0) { $0 + ($1.int(field) ?? 0) }
        }
        for index in 1..<years.count {
            let (before, after) = (years[index - 1], years[index])
            #expect(pooled(after, .periodsOnline, .periodsPlanned) > pooled(before, .periodsOnline, .periodsPlanned),
                    "online share improves in \(history.years[index])")
            #expect(pooled(after, .staffEsign, .managersTeachers) > pooled(before, .staffEsign, .managersTeachers),
                    "e-signature coverage improves in \(history.years[index])")
            #expect(total(after, .pcsTeaching) > total(before, .pcsTeaching), "computers grow in \(history.years[index])")
        }
    }

    // MARK: - Through the workspace

    @Test("ingested in order, the history gives the planned findings, a no-op re-send and exactly the planted jumps")
    func throughTheWorkspace() throws {
        let history = Self.small
        let folder = try TemporaryDirectory("demo-history-workspace")
        try history.write(to: folder.url)
        let indicators = Repository.indicatorsFolder
        let (workspace, _) = try Workspace.create(at: folder.path("ws"), units: folder.path("units-v1.csv"), indicators: indicators)
        _ = try workspace.addRegistryVersion(from: folder.path("units-v2.csv"), effective: try #require(Day("2025-07-01")))
        for delivery in history.deliveries {
            let period = try #require(Period(delivery.period))
            let paths = delivery.files.map { folder.path("history/" + $0.relativePath).path }
            let report = try workspace.ingest(period: period, received: try #require(Day(delivery.received)), inputs: paths)
            if delivery.kind == .resend {
                #expect(report.returnID == nil && report.alreadyStored.count == 1, "same bytes twice is a no-op")
                continue
            }
            let findings = report.validation?.findings ?? []
            let name = delivery.files[0].relativePath
            #expect(findings.count == delivery.plannedFaults.count,
                    "\(name): \(findings.map { "\($0.rule.rawValue) \($0.row ?? 0) \($0.unitCode)" })")
            for fault in delivery.plannedFaults {
                // The row and column are checked where the plan names them (a column finding has no row).
                #expect(findings.contains {
                    $0.rule.rawValue == fault.rule && $0.unitCode == fault.unitCode && $0.level == fault.level
                        && ($0.severity == .warning) == (fault.severity == .warning)
                        && (fault.row == nil || $0.row == fault.row) && (fault.column == nil || $0.column == fault.column)
                }, "\(name): \(fault.rule) row \(fault.row ?? 0) \(fault.description)")
            }
        }
        let reportDate = Date(timeIntervalSince1970: 1_767_225_600)
        for year in history.years {
            let period = try #require(Period(year + "/HK1"))
            let deliveries = history.deliveries.filter { $0.period == period.description }
            let products = try workspace.products(period: period, managingUnit: nil, targetsFile: nil, reportDate: reportDate)
            // The correction supersedes: the fault it fixed is no longer among the current findings.
            let corrected = try #require(deliveries.first { $0.kind == .corrected })
            let original = try #require(deliveries.first { $0.files[0].relativePath == corrected.resends })
            let fixed = original.plannedFaults.filter { fault in
                !corrected.plannedFaults.contains { $0.rule == fault.rule && $0.unitCode == fault.unitCode }
            }
            #expect(!fixed.isEmpty)
            for fault in fixed {
                #expect(!products.validation.findings.contains { $0.rule.rawValue == fault.rule && $0.unitCode == fault.unitCode },
                        "\(year): \(fault.description) was corrected")
            }
            // The late return's units are five days late; the corrected office's are on time.
            let late = try #require(deliveries.first { $0.kind == .late })
            let timeliness = try #require(products.timeliness)
            for (index, unit) in products.registry.units.enumerated() {
                guard let entry = timeliness.byUnit[index], entry.submitted else { continue }
                if unit.parentCode == late.managingUnit {
                    #expect(entry.daysLate == 5, "\(unit.code)")
                } else if unit.parentCode == corrected.managingUnit {
                    #expect(entry.daysLate == 0, "\(unit.code)")
                }
            }
        }
        let years = history.years.compactMap(SchoolYear.init)
        let comparison = try workspace.compare(kind: .hk1, years: years, managingUnit: nil, reportDate: reportDate)
        let jumps = Set(comparison.jumps.map { "\($0.unitCode) \($0.level.rawValue) \($0.field) \($0.year)" })
        var expected: Set<String> = []
        for anomaly in history.anomalies {
            expected.insert("\(anomaly.unitCode) \(anomaly.level) \(anomaly.field) \(anomaly.schoolYear)")
        }
        // The tripled figure falls back the year after: a second jump, down.
        if let tripled = history.anomalies.first(where: { $0.field == "students" }) {
            let successor = history.reorganisation.renumberings.first { $0.oldCode == tripled.unitCode }?.newCode
                ?? history.reorganisation.mergers.first { $0.previousCodes.contains(tripled.unitCode) }?.code ?? tripled.unitCode
            expected = Set(expected.map { $0.replacingOccurrences(of: tripled.unitCode + " ", with: successor + " ") })
            expected.insert("\(successor) \(tripled.level) students 2025-2026")
        }
        if let halved = history.anomalies.first(where: { $0.field == "pcs_teaching" }) {
            let successor = history.reorganisation.renumberings.first { $0.oldCode == halved.unitCode }?.newCode ?? halved.unitCode
            expected = Set(expected.map { $0.replacingOccurrences(of: halved.unitCode + " ", with: successor + " ") })
        }
        #expect(jumps == expected)
    }

    // MARK: - Writing

    @Test("write(to:) lays out the registries, the deliveries and their list")
    func writesFiles() throws {
        let folder = try TemporaryDirectory("demo-history")
        try Self.small.write(to: folder.url)
        #expect(try Data(contentsOf: folder.path("units-v1.csv")) == Self.small.registries[0].csv)
        #expect(try Data(contentsOf: folder.path("units-v2.csv")) == Self.small.registries[1].csv)
        for delivery in Self.small.deliveries {
            for file in delivery.files {
                #expect(try Data(contentsOf: folder.path("history/" + file.relativePath)) == file.bytes)
            }
        }
        let list = try String(contentsOf: folder.path("deliveries.csv"), encoding: .utf8)
        let records = CSVRecords.parse(list)
        #expect(records.first == ["period", "received", "kind", "managing_unit", "note", "files"])
        #expect(records.count == Self.small.deliveries.count + 1)
    }

    // MARK: - Helpers

    struct RegistryRow {
        var code, name, kind, levels, parent: String
        var previous: [String]
    }

    static func registry(_ history: DemoHistory, _ version: Int) throws -> [RegistryRow] {
        let text = try #require(String(data: history.registries[version].csv, encoding: .utf8))
        let records = CSVRecords.parse(text)
        #expect(records.first == ["unit_code", "name", "kind", "levels", "parent_code", "locality", "previous_codes"])
        return records.dropFirst().map {
            RegistryRow(code: $0[0], name: $0[1], kind: $0[2], levels: $0[3], parent: $0[4],
                        previous: $0[6].split(separator: ";").map(String.init))
        }
    }

    struct ReturnRow {
        var number: Int
        var code: String
        var level: String
        var cells: [String]
        var fields: [DemoField?]
        var key: String { code + "|" + level }

        func text(_ field: DemoField) -> String? {
            fields.firstIndex(of: field).map { $0 < cells.count ? cells[$0] : "" }
        }

        /// The integer as CONTRACT §3 reads it (thousands groups of three), or nil.
        func int(_ field: DemoField) -> Int? {
            guard let text = text(field)?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
            if let value = Int(text) { return value }
            for separator in [".", ",", " "] where text.contains(separator) {
                let groups = text.split(separator: Character(separator), omittingEmptySubsequences: false)
                guard (1...3).contains(groups[0].count), groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
                return Int(groups.joined())
            }
            return nil
        }
    }

    /// The data rows of a return in any of the demo's dialects, by the row number a person sees.
    static func returnRows(_ bytes: Data) throws -> [ReturnRow] {
        func key(_ text: String) -> String { Catalogue.headerKey(text) }
        let known = Set(DemoField.allCases.flatMap { [key($0.rawValue), key($0.label)] })
        let table = try CSVTableReader.read(
            bytes, file: "return.csv",
            isKey: { key($0) == "unit_code" || key($0) == key(DemoField.unitCode.label) },
            isKnown: { known.contains(key($0)) })
        let header = try #require(table.rows.first)
        let fields = header.cells.map { cell in
            DemoField.allCases.first { key($0.rawValue) == key(cell) || key($0.label) == key(cell) }
        }
        let codeColumn = try #require(fields.firstIndex(of: .unitCode))
        let levelColumn = try #require(fields.firstIndex(of: .level))
        return table.rows.dropFirst().filter { !$0.isBlank }.map { row in
            ReturnRow(number: row.number, code: row[codeColumn].trimmingCharacters(in: .whitespaces),
                      level: row[levelColumn].trimmingCharacters(in: .whitespaces).uppercased(),
                      cells: row.cells, fields: fields)
        }
    }

    /// A period's current rows, as the workspace keeps them: for each unit and level, the row of
    /// the latest delivery (rows a file gives twice, and levels a unit does not serve, left out).
    static func currentRows(_ history: DemoHistory, period: String) throws -> [DemoHistory.RowKey: ReturnRow] {
        let version = period.hasPrefix("2025-2026") ? 1 : 0
        let levels = Dictionary(try registry(history, version).map { ($0.code, Set($0.levels.split(separator: ";").map(String.init))) },
                                uniquingKeysWith: { a, _ in a })
        var current: [DemoHistory.RowKey: ReturnRow] = [:]
        for delivery in history.deliveries where delivery.period == period {
            let rows = try returnRows(delivery.files[0].bytes)
            var seen: [String: Int] = [:]
            for row in rows { seen[row.key, default: 0] += 1 }
            for row in rows where seen[row.key] == 1 && levels[row.code]?.contains(row.level) == true {
                current[DemoHistory.RowKey(unitCode: row.code, level: row.level)] = row
            }
        }
        return current
    }

    static func isDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-")
        return parts.count == 3 && parts[0].count == 4 && parts[1].count == 2 && parts[2].count == 2
    }
}
