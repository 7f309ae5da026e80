import ArgumentParser
import CDSReport
import Foundation

/// `cds-report run` (CONTRACT §1).
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Tổng hợp một kỳ báo cáo: đọc danh mục và các tệp báo cáo, ghi results.csv, rejections.csv và biểu mẫu Excel.",
        discussion: """
        Exit status: 0 the reports were written (rejected rows are reported, not fatal); 1 nothing \
        could be reported (unreadable registry, no readable input, output not writable); 64 bad usage; \
        65 with --strict when some row was rejected (the reports are still written).
        """
    )

    @Option(help: ArgumentHelp("The unit registry (danh mục đơn vị), CSV or XLSX.", valueName: "UNITS"))
    var units: String

    @Option(help: ArgumentHelp("The period: YYYY-YYYY/DN, YYYY-YYYY/HK1 or YYYY-YYYY/CN.", valueName: "PERIOD"))
    var period: String

    @Option(help: ArgumentHelp("The folder the reports are written to (created if missing).", valueName: "DIR"))
    var out: String

    @Option(help: ArgumentHelp("A targets file (YAML) replacing the default targets.", valueName: "FILE"))
    var targets: String?

    @Option(name: .customLong("managing-unit"), help: ArgumentHelp("A sub-report for one managing unit's schools and centres.", valueName: "CODE"))
    var managingUnit: String?

    @Flag(help: "Exit with status 65 when any row was rejected (the reports are still written).")
    var strict = false

    @Flag(name: .customLong("each-managing-unit"), help: "Also write one sub-report per managing unit (under theo-don-vi-quan-ly/).")
    var eachManagingUnit = false

    @Flag(help: "Also write one feedback workbook per unit whose return has findings (under phan-hoi/).")
    var feedback = false

    @Option(name: .customLong("report-date"), help: ArgumentHelp("The date printed on the forms (default: today).", valueName: "YYYY-MM-DD"))
    var reportDate: String?

    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    @Flag(help: "Print how long each stage took (seconds) on stderr, after the summary line.")
    var timings = false

    @Flag(name: .shortAndLong, help: "Also list the files written and any file that could not be read.")
    var verbose = false

    @OptionGroup var configuration: ConfigurationOptions

    @Argument(help: ArgumentHelp("Submission files and/or folders (every .csv and .xlsx inside, recursively).", valueName: "INPUT"))
    var inputs: [String] = []

    func validate() throws {
        guard Period(period) != nil else {
            throw ValidationError("--period \(period): cần dạng YYYY-YYYY/DN, YYYY-YYYY/HK1 hoặc YYYY-YYYY/CN (hai năm liên tiếp)")
        }
        guard !inputs.isEmpty else { throw ValidationError("Cần ít nhất một tệp hoặc thư mục báo cáo (INPUT).") }
        if eachManagingUnit, managingUnit != nil {
            throw ValidationError("--each-managing-unit và --managing-unit không dùng cùng nhau.")
        }
        if let reportDate, parseDate(reportDate) == nil {
            throw ValidationError("--report-date \(reportDate): cần dạng YYYY-MM-DD")
        }
    }

    func run() throws {
        let timer = StageTimer()
        let summary = try Terminal.perform {
            let options = RunOptions(
                units: URL(fileURLWithPath: units), period: Period(period)!, output: URL(fileURLWithPath: out), inputs: inputs,
                targets: targets.map { URL(fileURLWithPath: $0) }, managingUnit: managingUnit, strict: strict,
                reportDate: reportDate.flatMap(parseDate) ?? Date(), indicators: try configuration.folder())
            var run = options
            run.eachManagingUnit = eachManagingUnit
            run.feedback = feedback
            run.timer = timer
            run.progress = quiet ? nil : ProgressLine.standardError()
            return try RunPipeline.run(run)
        }
        ProgressLine.clear()
        if verbose, !quiet {
            for name in summary.written { Terminal.info("  đã ghi \(out)/\(name)") }
            if summary.filesUnreadable > 0 { Terminal.info("  \(summary.filesUnreadable) tệp không đọc được (xem rejections.csv)") }
        }
        if !quiet { Terminal.info(summary.line.replacingOccurrences(of: summary.output, with: out)) }
        if timings { Terminal.info("timings: " + timer.line + " | workbook cells: \(ReportWorkbooks.lastCellCount.withLock { $0 })") }
        if summary.strictFailure { throw ExitCode(65) }
    }
}
