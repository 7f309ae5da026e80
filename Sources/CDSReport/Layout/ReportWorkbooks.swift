import Foundation
import Synchronization
import XLSX

/// The official workbooks of a run: the department's (or a managing unit's) full set of returns,
/// one sub-report per managing unit when asked, and the feedback workbooks for schools.
public enum ReportWorkbooks {
    /// The workbook's file name: `bao-cao-cds-2024-2025-HK1.xlsx`, with the managing unit's code
    /// for a sub-report.
    public static func fileName(period: Period, managingUnit: String?) -> String {
        let base = "bao-cao-cds-\(period.schoolYear)-\(period.kind.rawValue)"
        return (managingUnit.map { "\(base)-\($0)" } ?? base) + ".xlsx"
    }

    /// The cells of the last workbook written, for `make bench` (the library's floor is measured
    /// for the same number of cells).
    public static let lastCellCount = Mutex(0)

    /// The folder of the per-managing-unit sub-reports inside the output folder.
    public static let subReportFolder = "theo-don-vi-quan-ly"

    /// Writes the workbooks into the folder atomically; returns their paths relative to it.
    public static func write(_ products: RunProducts, to folder: URL, eachManagingUnit: Bool = false,
                             feedback: Bool = false, timer: StageTimer? = nil) throws(OutputError) -> [String] {
        let timer = timer ?? StageTimer()
        var written = [try timer.measure("write-workbook") { () throws(OutputError) in try writeOne(products, to: folder) }]
        if eachManagingUnit, products.managingUnit == nil {
            let subFolder = folder.appendingPathComponent(subReportFolder)
            try AtomicFile.prepareFolder(subFolder)
            for code in products.registry.managingUnits.map(\.code) {
                guard let sub = products.subReport(for: code), !sub.results.units.isEmpty else { continue }
                written.append(subReportFolder + "/" + (try writeOne(sub, to: subFolder)))
            }
        }
        if feedback {
            written += try timer.measure("write-feedback") { () throws(OutputError) in try FeedbackWorkbooks.write(products, to: folder) }
        }
        return written
    }

    private static func writeOne(_ products: RunProducts, to folder: URL) throws(OutputError) -> String {
        let name = fileName(period: products.period, managingUnit: products.managingUnit)
        let url = folder.appendingPathComponent(name)
        try AtomicFile.write(to: url) { temporary throws(OutputError) in
            do {
                try writeWorkbook(products, path: temporary.path)
            } catch let error as OutputError {
                throw error
            } catch {
                throw OutputError(path: url.path, reason: "\(error)")
            }
        }
        return name
    }

    static func writeWorkbook(_ products: RunProducts, path: String) throws {
        let context = FormContext(settings: products.forms, registry: products.registry, period: products.period,
                                  date: products.reportDate, managingUnit: products.managingUnit)
        let properties = DocumentProperties(
            created: products.reportDate, title: "Báo cáo chuyển đổi số - \(products.period.vietnameseTitle)",
            subject: products.forms.form(.summary).title, author: context.reportingBody, company: context.reportingBody,
            category: "Báo cáo thống kê", keywords: "CĐS; \(products.period)")
        // Every sheet writes its rows in order, so the library can stream each row to disk as soon
        // as the next begins: memory stays flat whatever the number of units (a national run
        // writes millions of cells), and strings are written inline instead of through a shared
        // table kept in memory.
        var options = Workbook.Options()
        options.constantMemory = true
        var workbook = try Workbook(path: path, properties: properties, options: options)
        // Province rows cover exactly the run's units, a sub-report's included.
        try SummarySheet(products: products, context: context, scopeKind: .province, scopeCode: products.registry.so.code).write(&workbook)
        try ManagingUnitSheet(products: products, context: context).write(&workbook)
        try UnitDetailSheet(products: products, context: context, managingUnit: products.managingUnit).write(&workbook)
        try ShortfallSheet(products: products, context: context).write(&workbook)
        try SubmissionStatusSheet(products: products, context: context).write(&workbook)
        try FindingsSheet(products: products, context: context, managingUnit: products.managingUnit).write(&workbook)
        try ChartsSheet(products: products, context: context).write(&workbook)
        lastCellCount.withLock { $0 = workbook.cellsWritten }
        try workbook.close()
    }
}

extension RunProducts {
    /// The same run seen from one managing unit: its units' results (province rows over them),
    /// their findings, issued in its name.
    public func subReport(for code: String) -> RunProducts? {
        guard let managing = registry.unit(code: code), managing.kind.isManaging else { return nil }
        let aggregator = Aggregator(catalogue: catalogue, registry: registry, targets: targets, managingUnit: code)
        var sub = validation
        sub.accepted = validation.accepted.filter { registry.units[$0.unit].parentCode == code }
        sub.rowsByUnit = validation.rowsByUnit.filter { registry.units[$0.key].parentCode == code }
        sub.findings = validation.findings.filter { registry.unit(code: $0.unitCode)?.parentCode == code }
        sub.rowsRejected = sub.rowsByUnit.values.reduce(0) { $0 + $1.rejected }
        return RunProducts(catalogue: catalogue, registry: registry, targets: targets, period: period, managingUnit: code,
                           validation: sub, results: aggregator.aggregate(sub.accepted), reportDate: reportDate, forms: forms)
    }
}
