import ArgumentParser
import CDSReport
import Foundation

/// `cds-report template`: the workbooks the department sends out to be filled in.
struct Template: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Lập mẫu báo cáo Excel để gửi các đơn vị điền: mỗi đơn vị quản lý (mặc định) hoặc mỗi trường một tệp.",
        discussion: """
        Each workbook's first sheet "Báo cáo" has a row per unit and level with the unit's code, name, \
        the period and the level filled in and locked, and one white input cell per figure (with data \
        validation); fields that do not apply to a level are grey. A hidden row keeps the column ids, so \
        that `cds-report run` reads a filled template back whatever its labels. The sheet "Hướng dẫn" \
        explains how to fill it in. Files: mau-bao-cao-<period>-<code>.xlsx, written atomically; with \
        --report-date the bytes are the same on every run. Exit status: 0 written; 1 unreadable registry \
        or output not writable; 64 bad usage.
        """
    )

    @Option(help: ArgumentHelp("The unit registry (danh mục đơn vị), CSV or XLSX.", valueName: "UNITS"))
    var units: String

    @Option(help: ArgumentHelp("The period: YYYY-YYYY/DN, YYYY-YYYY/HK1 or YYYY-YYYY/CN.", valueName: "PERIOD"))
    var period: String

    @Option(help: ArgumentHelp("The folder the templates are written to (created if missing).", valueName: "DIR"))
    var out: String

    @Option(help: ArgumentHelp("One workbook per managing unit (a row per unit and level; the Sở's own units in one named after the Sở) or per school/centre.",
                               valueName: "unit|managing-unit"))
    var per: String = TemplateOptions.Grouping.managingUnit.rawValue

    @Option(name: .customLong("managing-unit"), help: ArgumentHelp("Only the schools and centres of this managing unit (a PHONG, an XA or the Sở).", valueName: "CODE"))
    var managingUnit: String?

    @Option(name: .customLong("report-date"), help: ArgumentHelp("The date of the templates, stored as their creation date (default: today).", valueName: "YYYY-MM-DD"))
    var reportDate: String?

    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    @OptionGroup var configuration: ConfigurationOptions

    func validate() throws {
        guard Period(period) != nil else {
            throw ValidationError("--period \(period): cần dạng YYYY-YYYY/DN, YYYY-YYYY/HK1 hoặc YYYY-YYYY/CN (hai năm liên tiếp)")
        }
        guard TemplateOptions.Grouping(rawValue: per) != nil else {
            throw ValidationError("--per \(per): cần unit (mỗi trường một tệp) hoặc managing-unit (mỗi đơn vị quản lý một tệp)")
        }
        if let reportDate, parseDate(reportDate) == nil {
            throw ValidationError("--report-date \(reportDate): cần dạng YYYY-MM-DD")
        }
    }

    func run() throws {
        let summary = try Terminal.perform {
            let options = TemplateOptions(
                units: URL(fileURLWithPath: units), period: Period(period)!, output: URL(fileURLWithPath: out),
                grouping: TemplateOptions.Grouping(rawValue: per)!, managingUnit: managingUnit,
                reportDate: reportDate.flatMap(parseDate) ?? Date(), indicators: try configuration.folder())
            return try TemplateWorkbooks.run(options)
        }
        if !quiet { Terminal.info(summary.line.replacingOccurrences(of: summary.output, with: out)) }
    }
}
