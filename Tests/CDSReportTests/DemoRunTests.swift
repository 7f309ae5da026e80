import CDSReport
import Foundation
import Testing
import TestSupport
import XLSX

/// `cds-report demo`: the province's registry as the sector database exports it (CONTRACT §2a),
/// and the whole demo (a run from that export, a workspace with three years, a report and a
/// comparison) written where the README says.
@Suite("Demo run")
struct DemoRunTests {
    static let province = DemoProvince.generate()
    /// 2025-01-20, noon in Vietnam.
    static let reportDate = Date(timeIntervalSince1970: 1_737_349_200)

    // MARK: - The school-list export

    @Test("the export reads back as exactly the demo registry; its three planted rows are left out with their reasons")
    func exportReadsBack() throws {
        let folder = try TemporaryDirectory("demo-export")
        let registry = try DemoSchoolListExport.registry(of: Self.province)
        let url = folder.path(DemoSchoolListExport.fileName)
        try DemoSchoolListExport.write(Self.province, to: url, exported: Self.reportDate)

        let read = try RegistryLoader.load(from: url)
        #expect(read.so == registry.so.withoutLocality)
        func managing(_ registry: Registry) -> [CDSReport.Unit] { registry.units.filter { $0.kind == .phong || $0.kind == .xa } }
        // §2a has no locality for managing units: everything else of theirs is the registry's.
        #expect(managing(read) == managing(registry).map(\.withoutLocality))
        #expect(managing(read).count == 15)
        // Schools and centres: every field, locality (from DM QUẬN HUYỆN) included, in order;
        // only `previous_codes` (three schools' in the demo) has no place in §2a.
        #expect(read.reportingUnits.count == registry.reportingUnits.count)
        #expect(read.reportingUnits.count > 550)
        for (got, want) in zip(read.reportingUnits, registry.reportingUnits) {
            #expect(got == want.withoutPreviousCodes, "\(want.code)")
        }
        #expect(registry.reportingUnits.filter { !$0.previousCodes.isEmpty }.count == 3)
        #expect(read.reportingUnits.contains { $0.levels == LevelSet([.th, .thcs]) }, "CAP_HOC 12 is TH&THCS")
        #expect(read.reportingUnits.contains { $0.levels == LevelSet([.thcs, .thpt]) }, "CAP_HOC 23 is THCS&THPT")
        #expect(read.reportingUnits.contains { $0.kind == .trungtam && $0.levels == LevelSet([.gdtx]) }, "CAP_HOC 6 is a centre")

        let notes = try RegistryLoader.loadWithNotes(from: url).notes
        #expect(notes.map(\.reason) == [.inactive, .outsideDepartment, .outsideDepartment])
        let planned = DemoSchoolListExport.leftOut(for: registry)
        #expect(notes.map(\.unitCode) == planned.map(\.unitCode))
        #expect(notes.map(\.name) == planned.map(\.name))
        #expect(notes.map(\.reason) == planned.map(\.reason))
        for code in planned.map(\.unitCode) { #expect(registry.unit(code: code) == nil, "\(code) is no registry code") }

        // What the file looks like: the title block, the header's " *" marks, the sheets, the
        // Sở's code also naming another province's district office, number and text codes.
        let reader = try XLSXReader(url: url)
        #expect(reader.sheetNames == [DemoSchoolListExport.listSheet, "DM ĐƠN VỊ", "DM QUẬN HUYỆN"])
        var firstRows: [[String]] = []
        try reader.forEachRow(inSheet: DemoSchoolListExport.listSheet) { row in
            if firstRows.count < 5 { firstRows.append(row.cells) }
        }
        #expect(firstRows[0].first == "BỘ GIÁO DỤC VÀ ĐÀO TẠO")
        #expect(firstRows[1].first == "DANH SÁCH TRƯỜNG HỌC")
        #expect(firstRows[2].first?.hasPrefix("Xuất từ CSDL ngành ngày 20/01/2025") == true)
        #expect(firstRows[3].contains("MA_TRUONG *") && firstRows[3].contains("MA_QUAN_HUYEN") && firstRows[3].contains("STT"))
        var soCodeRows: [[String]] = []
        try reader.forEachRow(inSheet: "DM ĐƠN VỊ") { row in
            if row.cells.count > 1 && row.cells[1] == registry.so.code { soCodeRows.append(row.cells) }
        }
        #expect(soCodeRows.count == 2, "the Sở's code names one unit of each province")
        #expect(soCodeRows.first?[3].isEmpty == false, "the other province's district office comes first")
        let sheet = try XLSXInspection.part("xl/worksheets/sheet1.xml", of: url)
        #expect(sheet.contains("><v>1201999</v>"), "a code without a leading zero is a number cell")
        let strings = try XLSXInspection.part("xl/sharedStrings.xml", of: url)
        #expect(strings.contains(">\(registry.reportingUnits[0].code)<"), "a code with a leading zero is text")

        // The same registry and date give the same bytes.
        let again = folder.path("again.xlsx")
        try DemoSchoolListExport.write(Self.province, to: again, exported: Self.reportDate)
        #expect(try Data(contentsOf: url) == Data(contentsOf: again))
    }

    // MARK: - The whole demo

    @Test("the demo writes the province run from the export, the workspace history, its report and the comparison")
    func wholeDemo() throws {
        let folder = try TemporaryDirectory("demo-run")
        let output = folder.path("demo")
        var progress: [String] = []
        let summary = try DemoRun.run(output: output, seed: 20250120, reportDate: Self.reportDate, indicators: Repository.indicatorsFolder,
                                      historyScale: 0.2, display: "OUT", progress: { progress.append($0) })
        #expect(progress == summary.lines)
        #expect(progress.count >= 5)

        // The province: its inputs, and what `run --each-managing-unit --feedback` writes.
        for path in ["tinh-mau/units.csv", "tinh-mau/danh-sach-truong.xlsx", "tinh-mau/bao-cao/results.csv", "tinh-mau/bao-cao/rejections.csv",
                     "tinh-mau/bao-cao/registry_notes.csv", "tinh-mau/bao-cao/bao-cao-cds-2024-2025-HK1.xlsx"] {
            #expect(folder.exists("demo/" + path), "\(path)")
        }
        for file in Self.province.returns {
            #expect(try folder.data("demo/tinh-mau/inbox/" + file.relativePath) == file.bytes)
        }
        let manager = FileManager.default
        let subReports = try manager.contentsOfDirectory(atPath: folder.path("demo/tinh-mau/bao-cao/theo-don-vi-quan-ly").path)
        #expect(subReports.filter { $0.hasSuffix(".xlsx") }.count == 16, "the Sở and its fifteen district offices")
        let feedback = try manager.contentsOfDirectory(atPath: folder.path("demo/tinh-mau/bao-cao/phan-hoi").path)
        #expect(!feedback.isEmpty)
        #expect(summary.province.written.contains(RegistryNotes.fileName))

        // registry_notes.csv lists the export's left-out rows.
        let registry = try DemoSchoolListExport.registry(of: Self.province)
        let notes = CSVRecords.parse(try folder.text("demo/tinh-mau/bao-cao/registry_notes.csv"))
        #expect(notes.first == ["row", "unit_code", "name", "reason"])
        #expect(notes.dropFirst().map { [$0[1], $0[2], $0[3]] }
                == DemoSchoolListExport.leftOut(for: registry).map { [$0.unitCode, $0.name, $0.reason.rawValue] })

        // The history: the workspace, the last period's report, the comparison of three years.
        for path in ["lich-su/units-v1.csv", "lich-su/units-v2.csv", "lich-su/deliveries.csv", "lich-su/ws/cds-workspace.yaml",
                     "lich-su/bao-cao-2025-2026-HK1/results.csv", "lich-su/bao-cao-2025-2026-HK1/rejections.csv",
                     "lich-su/bao-cao-2025-2026-HK1/bao-cao-cds-2025-2026-HK1.xlsx",
                     "lich-su/so-sanh/comparison.csv", "lich-su/so-sanh/so-sanh-cds-HK1-2023-2026.xlsx"] {
            #expect(folder.exists("demo/" + path), "\(path)")
        }
        let comparison = CSVRecords.table(try folder.text("demo/lich-su/so-sanh/comparison.csv"))
        #expect(comparison.header == Comparison.header)
        let years = Set(comparison.rows.compactMap { $0["school_year"] })
        #expect(years == ["2023-2024", "2024-2025", "2025-2026"])
        #expect(summary.comparisonYears.map(\.description) == ["2023-2024", "2024-2025", "2025-2026"])
        #expect(summary.comparisonJumps > 0)
        let history = DemoHistory.generate(seed: 20250120, unitsScale: 0.2)
        #expect(summary.deliveriesIngested == history.deliveries.count)
        #expect(summary.deliveriesUnchanged == history.deliveries.filter { $0.kind == .resend }.count)
        #expect(summary.historyPeriod.description == "2025-2026/HK1")

        // The one line it ends with: the province run's counts and where the files are.
        #expect(summary.line.hasPrefix("Xong: \(summary.province.units) đơn vị; \(summary.province.rowsAccepted) dòng được nhận, "
                                       + "\(summary.province.rowsRejected) dòng bị loại"))
        #expect(summary.line.contains("chỉ tiêu cấp tỉnh: \(summary.province.targetsMet) đạt, \(summary.province.targetsNotMet) chưa đạt"))
        #expect(summary.line.contains("OUT/tinh-mau/bao-cao") && summary.line.contains("OUT/lich-su"))

        // The export gives the same results as the §2 units.csv: byte for byte.
        let viaCSV = folder.path("via-csv")
        let options = RunOptions(units: folder.path("demo/tinh-mau/units.csv"), period: try #require(Period(Self.province.period)),
                                 output: viaCSV, inputs: [folder.path("demo/tinh-mau/inbox").path], reportDate: Self.reportDate,
                                 indicators: Repository.indicatorsFolder)
        let csvRun = try RunPipeline.run(options)
        #expect(try folder.data("via-csv/results.csv") == folder.data("demo/tinh-mau/bao-cao/results.csv"))
        #expect(csvRun.rowsAccepted == summary.province.rowsAccepted && csvRun.rowsRejected == summary.province.rowsRejected)
        // The same findings; only the message for a school's old code differs (§2a has no previous_codes).
        func findings(_ path: String) throws -> [[String]] {
            let table = CSVRecords.table(try folder.text(path))
            return table.rows.map { row in ["file", "sheet", "row", "column", "unit_code", "level", "severity", "rule"].map { row[$0] ?? "" } }
        }
        #expect(try findings("via-csv/rejections.csv") == findings("demo/tinh-mau/bao-cao/rejections.csv"))
    }

    @Test("the demo is the same for the same report date, and runs again into its own folder")
    func deterministic() throws {
        let folder = try TemporaryDirectory("demo-run-twice")
        let first = folder.path("a"), second = folder.path("b")
        for output in [first, first, second] {
            _ = try DemoRun.run(output: output, seed: 7, reportDate: Self.reportDate, indicators: Repository.indicatorsFolder, historyScale: 0.2)
        }
        let files = try Self.files(under: first)
        #expect(files == (try Self.files(under: second)))
        #expect(files.count > 40)
        for path in files where !path.hasPrefix("lich-su/ws/") {
            #expect(try Data(contentsOf: first.appendingPathComponent(path)) == Data(contentsOf: second.appendingPathComponent(path)), "\(path)")
        }
    }

    /// Every file under `folder`, relative, sorted.
    static func files(under folder: URL) throws -> [String] {
        let base = folder.standardizedFileURL.path + "/"
        var paths: [String] = []
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            guard try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true else { continue }
            paths.append(String(url.standardizedFileURL.path.dropFirst(base.count)))
        }
        return paths.sorted()
    }
}

extension CDSReport.Unit {
    /// The unit without its previous codes, which §2a cannot carry.
    var withoutPreviousCodes: CDSReport.Unit {
        Unit(code: code, name: name, kind: kind, levels: levels, parentCode: parentCode, locality: locality)
    }

    /// The unit as §2a gives a managing unit: no locality, no previous codes.
    var withoutLocality: CDSReport.Unit {
        Unit(code: code, name: name, kind: kind, levels: levels, parentCode: parentCode)
    }
}
