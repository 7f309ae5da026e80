import ArgumentParser
import CDSReport
import Foundation

/// `cds-report demo`: the whole job on built-in synthetic data (``DemoRun``): a province run from
/// its school-list export, three school years of history in a workspace, a report and a comparison.
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Chạy thử toàn bộ quy trình trên một tỉnh mẫu (dữ liệu tổng hợp), ghi mọi báo cáo vào Output/demo.",
        discussion: """
        Writes under DIR: tinh-mau/ (the province: units.csv, its school-list export danh-sach-truong.xlsx, inbox/, \
        and bao-cao/ from `run --units danh-sach-truong.xlsx --each-managing-unit --feedback`) and lich-su/ (three \
        school years with a reorganisation, late and corrected returns: the workspace ws/, the report of the last \
        HK1 and so-sanh/, the comparison of HK1 over the three years).
        """
    )

    @Option(help: ArgumentHelp("Where the demo writes its province and reports.", valueName: "DIR"))
    var out: String = "Output/demo"

    @Option(help: "The seed of the synthetic province.")
    var seed: UInt64 = 20250120

    @Option(name: .customLong("report-date"), help: ArgumentHelp("The date printed on the forms (default: today).", valueName: "YYYY-MM-DD"))
    var reportDate: String?

    @OptionGroup var configuration: ConfigurationOptions

    func validate() throws {
        if let reportDate, parseDate(reportDate) == nil {
            throw ValidationError("--report-date \(reportDate): cần dạng YYYY-MM-DD")
        }
    }

    func run() throws {
        let summary = try Terminal.perform {
            do {
                return try DemoRun.run(output: URL(fileURLWithPath: out), seed: seed, reportDate: reportDate.flatMap(parseDate) ?? Date(),
                                       indicators: try configuration.folder(), display: out, progress: { Terminal.info($0) })
            } catch let failure as DemoRunError {
                throw Failure(message: failure.message)
            }
        }
        Terminal.info(summary.line)
    }
}
