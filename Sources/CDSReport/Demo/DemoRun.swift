import Foundation

/// What `cds-report demo` did: the province run, the workspace history, the comparison.
public struct DemoRunSummary: Sendable {
    /// The demo's folder (`--out`).
    public let output: URL
    /// The run on the synthetic province (`tinh-mau/bao-cao`); its `output` is that folder's path.
    public let province: RunSummary
    /// The school-list rows the export's registry left out (`registry_notes.csv`).
    public let registryNotes: [RegistryNote]
    /// The deliveries ingested into the workspace, and how many the store ignored as re-sends.
    public let deliveriesIngested: Int
    public let deliveriesUnchanged: Int
    /// The workspace's report of the last period (`lich-su/bao-cao-…`).
    public let historyReport: RunSummary
    /// The period of that report (`2025-2026/HK1`).
    public let historyPeriod: Period
    /// The years compared, the rows of `comparison.csv` and the implausible jumps found.
    public let comparisonYears: [SchoolYear]
    public let comparisonRows: Int
    public let comparisonJumps: Int
    /// The lines the demo printed as it went, in order (the `display` root in the paths).
    public let lines: [String]
    /// The one summary line the demo ends with: the province run's counts, where its files are
    /// and where the history is, with `display` in place of the demo folder's path.
    public let line: String
}

/// A step of the demo that failed: one line for the terminal.
public struct DemoRunError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// `cds-report demo`: the whole job on built-in synthetic data, through the same code paths as the
/// commands, so a new user sees every feature on the first run.
///
/// Under the output folder:
/// - `tinh-mau/`: the province of ``DemoProvince`` (`units.csv`, its school-list export
///   `danh-sach-truong.xlsx`, `inbox/`) and `bao-cao/`, what `run --units danh-sach-truong.xlsx
///   --each-managing-unit --feedback` writes from the export;
/// - `lich-su/`: the three school years of ``DemoHistory`` (`units-v1.csv`, `units-v2.csv`,
///   `history/`, `deliveries.csv`), the workspace `ws/` they were ingested into (`init`, `units
///   --effective 2025-07-01`, one `ingest --received` per delivery), `bao-cao-<year>-HK1/` (`report`
///   of the last period) and `so-sanh/` (`compare` of HK1 over the three years).
///
/// Every file but the workspace's store is the same for the same seed and report date.
public enum DemoRun {
    public static let provinceFolder = "tinh-mau"
    public static let reportsFolder = "bao-cao"
    public static let historyFolder = "lich-su"
    public static let workspaceFolder = "ws"
    public static let comparisonFolder = "so-sanh"

    /// Runs the demo into `output`.
    ///
    /// - Parameters:
    ///   - seed: the seed of both the province and the history.
    ///   - reportDate: the date on the province's forms, their workbooks' creation date and the
    ///     export's date; the history's report and comparison carry it too, or the day its last
    ///     return arrived when that is later.
    ///   - historyScale: the share of the history province's units (``DemoHistory/generate(seed:unitsScale:)``);
    ///     1 for the demo, less for fast tests.
    ///   - display: how the output folder is written in the lines (default: its path).
    ///   - progress: called with each line as the demo goes.
    /// - Throws: ``DemoRunError`` naming the step that failed. A `lich-su/ws` left by an earlier
    ///   demo is replaced; any other non-empty folder there stops the demo.
    public static func run(output: URL, seed: UInt64, reportDate: Date, indicators: IndicatorsFolder, historyScale: Double = 1.0,
                           display: String? = nil, progress: (String) -> Void = { _ in }) throws -> DemoRunSummary {
        let root = display ?? output.path
        var lines: [String] = []
        func say(_ line: String) {
            lines.append(line)
            progress(line)
        }

        // 1. The synthetic province, its registry as the sector database exports it, one run.
        let provinceURL = output.appendingPathComponent(provinceFolder, isDirectory: true)
        let province = DemoProvince.generate(seed: seed)
        let exportURL = provinceURL.appendingPathComponent(DemoSchoolListExport.fileName)
        do {
            try province.write(to: provinceURL)
            try DemoSchoolListExport.write(province, to: exportURL, exported: reportDate)
        } catch {
            throw DemoRunError("Không ghi được tỉnh mẫu vào \(root)/\(provinceFolder): \(describe(error))")
        }
        guard let period = Period(province.period) else { throw DemoRunError("Kỳ báo cáo của tỉnh mẫu không hợp lệ: \(province.period)") }
        say("Tỉnh mẫu (kỳ \(period)): \(province.returns.count) tệp báo cáo trong \(root)/\(provinceFolder)/inbox, danh mục đơn vị "
            + "units.csv và bản xuất danh sách trường từ CSDL ngành \(DemoSchoolListExport.fileName)")
        let reportsURL = provinceURL.appendingPathComponent(reportsFolder, isDirectory: true)
        var options = RunOptions(units: exportURL, period: period, output: reportsURL,
                                 inputs: [provinceURL.appendingPathComponent("inbox", isDirectory: true).path],
                                 reportDate: reportDate, indicators: indicators)
        options.eachManagingUnit = true
        options.feedback = true
        let provinceRun: RunSummary
        let notes: [RegistryNote]
        do {
            provinceRun = try RunPipeline.run(options)
            notes = try RegistryLoader.loadWithNotes(from: exportURL).notes
        } catch {
            throw DemoRunError("Chạy tổng hợp tỉnh mẫu không thành công: \(describe(error))")
        }
        say("  run --units \(DemoSchoolListExport.fileName) --each-managing-unit --feedback → \(root)/\(provinceFolder)/\(reportsFolder): "
            + "\(provinceRun.written.count) tệp; danh mục bỏ qua \(notes.count) dòng của bản xuất (\(RegistryNotes.fileName))")

        // 2. Three school years of history in a workspace, a report and a comparison.
        let historyURL = output.appendingPathComponent(historyFolder, isDirectory: true)
        let history = DemoHistory.generate(seed: seed, unitsScale: historyScale)
        let workspaceURL = historyURL.appendingPathComponent(workspaceFolder, isDirectory: true)
        do {
            try history.write(to: historyURL)
            try clearEarlierWorkspace(workspaceURL)
        } catch {
            throw DemoRunError("Không ghi được lịch sử mẫu vào \(root)/\(historyFolder): \(describe(error))")
        }
        let workspace: Workspace
        var ingested = 0, unchanged = 0
        do {
            let first = history.registries[0], second = history.registries[1]
            (workspace, _) = try Workspace.create(at: workspaceURL, units: historyURL.appendingPathComponent(first.fileName), indicators: indicators)
            guard let effective = Day(second.effective) else { throw DemoRunError("ngày hiệu lực không hợp lệ: \(second.effective)") }
            _ = try workspace.addRegistryVersion(from: historyURL.appendingPathComponent(second.fileName), effective: effective)
            say("Lịch sử \(history.years.count) năm học (\(history.years.joined(separator: ", "))): init \(root)/\(historyFolder)/\(workspaceFolder) "
                + "với \(first.fileName); units \(second.fileName) --effective \(second.effective) (sắp xếp lại đơn vị quản lý)")
            for delivery in history.deliveries {
                guard let period = Period(delivery.period), let received = Day(delivery.received) else {
                    throw DemoRunError("lần nộp không hợp lệ: \(delivery.period) \(delivery.received)")
                }
                let paths = delivery.files.map { file in
                    file.relativePath.split(separator: "/").reduce(historyURL.appendingPathComponent("history")) {
                        $0.appendingPathComponent(String($1))
                    }.path
                }
                let report = try workspace.ingest(period: period, received: received, inputs: paths)
                ingested += 1
                if report.returnID == nil { unchanged += 1 }
            }
        } catch {
            throw DemoRunError("Không dựng được không gian làm việc \(root)/\(historyFolder)/\(workspaceFolder): \(describe(error))")
        }
        let kinds = Dictionary(grouping: history.deliveries, by: \.kind).mapValues(\.count)
        say("  ingest: \(ingested) lần nộp theo ngày nhận (\(kinds[.late] ?? 0) nộp muộn, \(kinds[.corrected] ?? 0) gửi lại sau khi sửa, "
            + "\(unchanged) gửi trùng không thay đổi gì)")

        let lastPeriod = Period(firstYear: SchoolYear(history.years.last ?? "")?.firstYear ?? period.firstYear, kind: .hk1)
        // The history's report and comparison are dated no earlier than its last return arrived:
        // a report of 2025-2026 dated before that year's returns would puzzle a new user.
        let lastReceived = history.deliveries.compactMap { Day($0.received) }.max()
        let historyDate = lastReceived.map { max($0.date, reportDate) } ?? reportDate
        let reportName = "bao-cao-\(lastPeriod.schoolYear)-\(lastPeriod.kind.rawValue)"
        var historyReport: RunSummary
        do {
            let products = try workspace.products(period: lastPeriod, managingUnit: nil, targetsFile: nil, reportDate: historyDate)
            historyReport = RunSummary(products)
            historyReport.written = try RunPipeline.write(products, to: historyURL.appendingPathComponent(reportName, isDirectory: true))
            historyReport.output = "\(root)/\(historyFolder)/\(reportName)"
        } catch {
            throw DemoRunError("Không lập được báo cáo kỳ \(lastPeriod) từ không gian làm việc: \(describe(error))")
        }
        say("  report --period \(lastPeriod) → \(historyReport.output): \(historyReport.units) đơn vị, \(historyReport.rowsAccepted) dòng được nhận, "
            + "\(historyReport.rowsRejected) dòng bị loại")

        let years = history.years.compactMap(SchoolYear.init)
        let comparisonURL = historyURL.appendingPathComponent(comparisonFolder, isDirectory: true)
        let comparison: Comparison
        do {
            comparison = try workspace.compare(kind: .hk1, years: years, managingUnit: nil, reportDate: historyDate)
            try AtomicFile.prepareFolder(comparisonURL)
            try AtomicFile.write(comparison.csv, to: comparisonURL.appendingPathComponent("comparison.csv"))
            let forms = try workspace.formSettings(for: comparison.registry)
            _ = try ComparisonWorkbook.write(comparison, forms: forms, date: historyDate, to: comparisonURL)
        } catch {
            throw DemoRunError("Không so sánh được các năm học: \(describe(error))")
        }
        say("  compare --period HK1 --years \(years.map(\.description).joined(separator: ",")) → \(root)/\(historyFolder)/\(comparisonFolder): "
            + "\(comparison.rows.count) dòng, \(comparison.jumps.count) cảnh báo số liệu bất thường")

        var provinceShown = provinceRun
        provinceShown.output = "\(root)/\(provinceFolder)/\(reportsFolder)"
        let line = provinceShown.line + "; lịch sử và so sánh ở \(root)/\(historyFolder)"
        return DemoRunSummary(output: output, province: provinceRun, registryNotes: notes, deliveriesIngested: ingested,
                              deliveriesUnchanged: unchanged, historyReport: historyReport, historyPeriod: lastPeriod,
                              comparisonYears: years, comparisonRows: comparison.rows.count, comparisonJumps: comparison.jumps.count,
                              lines: lines, line: line)
    }

    /// Removes the workspace an earlier demo left at `folder` (it holds the settings file); any
    /// other content is left for `Workspace.create` to refuse.
    static func clearEarlierWorkspace(_ folder: URL) throws {
        let manager = FileManager.default
        guard manager.fileExists(atPath: folder.appendingPathComponent(Workspace.settingsFile).path) else { return }
        try manager.removeItem(at: folder)
    }

    static func describe(_ error: any Error) -> String {
        switch error {
        case let error as DemoRunError: error.message
        case let error as RunFailure: error.message
        case let error as WorkspaceError: error.message
        case let error as OutputError: error.description
        case let error as RegistryError: error.description
        default: "\(error)"
        }
    }
}
