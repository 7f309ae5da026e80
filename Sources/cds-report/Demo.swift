import ArgumentParser
import CDSReport
import Foundation

/// `cds-report demo`: the whole job on a built-in synthetic province.
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Chạy thử toàn bộ quy trình trên một tỉnh mẫu (dữ liệu tổng hợp), ghi mọi báo cáo vào Output/demo."
    )

    @Option(help: ArgumentHelp("Where the demo writes its province and reports.", valueName: "DIR"))
    var out: String = "Output/demo"

    @Option(help: "The seed of the synthetic province.")
    var seed: UInt64 = 20250120

    @Option(name: .customLong("report-date"), help: ArgumentHelp("The date printed on the forms (default: today).", valueName: "YYYY-MM-DD"))
    var reportDate: String?

    @OptionGroup var configuration: ConfigurationOptions

    func run() throws {
        let summary = try Terminal.perform {
            let root = URL(fileURLWithPath: out)
            let province = DemoProvince.generate(seed: seed)
            do { try province.write(to: root) } catch {
                throw Failure(message: "Không ghi được tỉnh mẫu vào \(out): \(error.localizedDescription)")
            }
            let options = RunOptions(
                units: root.appendingPathComponent("units.csv"), period: Period(province.period)!,
                output: root.appendingPathComponent("bao-cao"), inputs: [root.appendingPathComponent("inbox").path],
                reportDate: reportDate.flatMap(parseDate) ?? Date(), indicators: try configuration.folder())
            return try RunPipeline.run(options)
        }
        Terminal.info(summary.line.replacingOccurrences(of: summary.output, with: out + "/bao-cao"))
    }
}
