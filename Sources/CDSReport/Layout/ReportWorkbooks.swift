import Foundation
import XLSX

/// The official workbooks of a run.
public enum ReportWorkbooks {
    /// The workbook's file name: `bao-cao-cds-2024-2025-HK1.xlsx`, with the managing unit's code
    /// for a sub-report.
    public static func fileName(period: Period, managingUnit: String?) -> String {
        let base = "bao-cao-cds-\(period.schoolYear)-\(period.kind.rawValue)"
        return (managingUnit.map { "\(base)-\($0)" } ?? base) + ".xlsx"
    }

    /// Writes the workbook into the folder atomically; returns its name.
    public static func write(_ products: RunProducts, to folder: URL) throws(OutputError) -> [String] {
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
        return [name]
    }

    static func writeWorkbook(_ products: RunProducts, path: String) throws {
        let context = FormContext(settings: products.forms, registry: products.registry, period: products.period,
                                  date: products.reportDate, managingUnit: products.managingUnit)
        let properties = DocumentProperties(
            created: products.reportDate, title: "Báo cáo chuyển đổi số - \(products.period.vietnameseTitle)",
            subject: products.forms.form(.summary).title, author: context.reportingBody, company: context.reportingBody,
            category: "Báo cáo thống kê", keywords: "CĐS; \(products.period)")
        var workbook = try Workbook(path: path, properties: properties)
        // Province rows cover exactly the run's units, a sub-report's included.
        try SummarySheet(products: products, context: context, scopeKind: .province, scopeCode: products.registry.so.code).write(&workbook)
        try workbook.close()
    }
}
