import ArgumentParser
import CDSReport
import Foundation

/// `-w DIR`, shared by the commands that work in a workspace.
struct WorkspaceOption: ParsableArguments {
    @Option(name: .customShort("w"), help: ArgumentHelp("The workspace folder (default: the current folder or the nearest above it).", valueName: "DIR"))
    var workspace: String?

    @OptionGroup var configuration: ConfigurationOptions

    func open() throws -> Workspace {
        try Terminal.perform {
            try Workspace.open(at: Workspace.locate(workspace), indicators: try configuration.folder())
        }
    }
}

extension Terminal {
    /// Runs a workspace step: its failure ends the command with one line and exit status 1 (64
    /// for bad usage).
    static func workspace<T>(_ body: () throws -> T) throws -> T {
        do {
            return try perform(body)
        } catch let failure as WorkspaceError {
            if failure.isUsage { throw ValidationError(failure.message) }
            error(failure.message)
            throw ExitCode(1)
        }
    }
}

func parsePeriod(_ text: String) throws -> Period {
    guard let period = Period(text) else {
        throw ValidationError("--period \(text): cần dạng YYYY-YYYY/DN, YYYY-YYYY/HK1 hoặc YYYY-YYYY/CN (hai năm liên tiếp)")
    }
    return period
}

func parseDay(_ text: String, option: String) throws -> Day {
    guard let day = Day(text) else { throw ValidationError("\(option) \(text): cần một ngày dạng YYYY-MM-DD") }
    return day
}

/// `cds-report init DIR --units UNITS`.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Tạo không gian làm việc (thiết lập + kho dữ liệu) với danh mục đơn vị đầu tiên.")

    @Argument(help: ArgumentHelp("A missing or empty folder.", valueName: "DIR"))
    var directory: String

    @Option(help: ArgumentHelp("The unit registry (CSV or XLSX).", valueName: "UNITS"))
    var units: String

    @OptionGroup var configuration: ConfigurationOptions

    func run() throws {
        let (workspace, report) = try Terminal.workspace {
            try Workspace.create(at: URL(fileURLWithPath: directory), units: URL(fileURLWithPath: units), indicators: try configuration.folder())
        }
        report.lines.forEach { print($0) }
        print("Đã tạo không gian làm việc \(workspace.folder.path)")
    }
}

/// `cds-report units -w DIR UNITS [--effective D]`.
struct Units: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Nạp một phiên bản mới của danh mục đơn vị, có hiệu lực từ một ngày.")

    @OptionGroup var workspace: WorkspaceOption

    @Argument(help: ArgumentHelp("The unit registry (CSV or XLSX).", valueName: "UNITS"))
    var units: String

    @Option(help: ArgumentHelp("The date the version takes effect (default: today).", valueName: "YYYY-MM-DD"))
    var effective: String?

    func validate() throws { if let effective { _ = try parseDay(effective, option: "--effective") } }

    func run() throws {
        let opened = try workspace.open()
        let day = effective.flatMap(Day.init) ?? Day.today()
        let report = try Terminal.workspace { try opened.addRegistryVersion(from: URL(fileURLWithPath: units), effective: day) }
        report.lines.forEach { print($0) }
    }
}

/// `cds-report ingest -w DIR --period P [--received D] INPUT...`.
struct Ingest: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Nhận một lần nộp báo cáo (các tệp cùng một lần) vào kho; lần nộp sau thay thế lần trước cho cùng đơn vị và cấp học.")

    @OptionGroup var workspace: WorkspaceOption

    @Option(help: ArgumentHelp("The period: YYYY-YYYY/DN|HK1|CN.", valueName: "PERIOD"))
    var period: String

    @Option(help: ArgumentHelp("The date the return reached the department (default: today).", valueName: "YYYY-MM-DD"))
    var received: String?

    @Argument(help: ArgumentHelp("Submission files and/or folders.", valueName: "INPUT"))
    var inputs: [String] = []

    func validate() throws {
        _ = try parsePeriod(period)
        if let received { _ = try parseDay(received, option: "--received") }
        guard !inputs.isEmpty else { throw ValidationError("Cần ít nhất một tệp hoặc thư mục báo cáo (INPUT).") }
    }

    func run() throws {
        let opened = try workspace.open()
        let report = try Terminal.workspace {
            try opened.ingest(period: try parsePeriod(period), received: received.flatMap(Day.init) ?? Day.today(), inputs: inputs)
        }
        report.lines.forEach { print($0) }
    }
}

/// `cds-report report -w DIR --period P --out OUT [--managing-unit CODE] [--targets FILE]`.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Lập báo cáo của một kỳ từ kho (giống hệt `run` trên các dòng hiện hành).")

    @OptionGroup var workspace: WorkspaceOption

    @Option(help: ArgumentHelp("The period: YYYY-YYYY/DN|HK1|CN.", valueName: "PERIOD"))
    var period: String

    @Option(help: ArgumentHelp("The folder the reports are written to.", valueName: "DIR"))
    var out: String

    @Option(name: .customLong("managing-unit"), help: ArgumentHelp("A sub-report for one managing unit.", valueName: "CODE"))
    var managingUnit: String?

    @Option(help: ArgumentHelp("A targets file replacing the year's targets.", valueName: "FILE"))
    var targets: String?

    @Flag(name: .customLong("each-managing-unit"), help: "Also write one sub-report per managing unit.")
    var eachManagingUnit = false

    @Flag(help: "Also write one feedback workbook per unit with findings.")
    var feedback = false

    @Option(name: .customLong("report-date"), help: ArgumentHelp("The date printed on the forms (default: today).", valueName: "YYYY-MM-DD"))
    var reportDate: String?

    func validate() throws {
        _ = try parsePeriod(period)
        if let reportDate { _ = try parseDay(reportDate, option: "--report-date") }
    }

    func run() throws {
        let opened = try workspace.open()
        let summary = try Terminal.workspace {
            let products = try opened.products(period: try parsePeriod(period), managingUnit: managingUnit,
                                               targetsFile: targets.map { URL(fileURLWithPath: $0) },
                                               reportDate: reportDate.flatMap(Day.init)?.date ?? Date())
            var summary = RunSummary(products)
            do {
                summary.written = try RunPipeline.write(products, to: URL(fileURLWithPath: out), eachManagingUnit: eachManagingUnit, feedback: feedback)
            } catch {
                throw Failure(message: "\(error)")
            }
            summary.output = out
            return summary
        }
        Terminal.info(summary.line)
    }
}

/// `cds-report status -w DIR --period P`.
struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Tình hình nộp báo cáo của một kỳ: đúng hạn, muộn, chưa nộp.")

    @OptionGroup var workspace: WorkspaceOption

    @Option(help: ArgumentHelp("The period: YYYY-YYYY/DN|HK1|CN.", valueName: "PERIOD"))
    var period: String

    func validate() throws { _ = try parsePeriod(period) }

    func run() throws {
        let opened = try workspace.open()
        let lines = try Terminal.workspace { try opened.statusLines(period: try parsePeriod(period)) }
        lines.forEach { print($0) }
    }
}

/// `cds-report targets -w DIR --year YYYY-YYYY FILE`.
struct Targets: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Đặt chỉ tiêu kế hoạch (tệp YAML) cho một năm học trong không gian làm việc.")

    @OptionGroup var workspace: WorkspaceOption

    @Option(help: ArgumentHelp("The school year.", valueName: "YYYY-YYYY"))
    var year: String

    @Argument(help: ArgumentHelp("The targets file (CONTRACT §4a).", valueName: "FILE"))
    var file: String

    func validate() throws {
        guard SchoolYear(year) != nil else { throw ValidationError("--year \(year): cần dạng YYYY-YYYY (hai năm liên tiếp)") }
    }

    func run() throws {
        let opened = try workspace.open()
        let targets = try Terminal.workspace { try opened.setTargets(year: SchoolYear(year)!, file: URL(fileURLWithPath: file)) }
        print("Đã đặt chỉ tiêu năm học \(year) theo \(targets.plan)")
    }
}

/// `cds-report compare -w DIR --period DN|HK1|CN --years Y1,Y2,… --out OUT [--managing-unit CODE]`.
struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "So sánh một kỳ báo cáo qua các năm học (comparison.csv và biểu mẫu Excel), theo danh mục đơn vị của năm cuối.")

    @OptionGroup var workspace: WorkspaceOption

    @Option(help: ArgumentHelp("The period within each school year: DN, HK1 or CN.", valueName: "DN|HK1|CN"))
    var period: String

    @Option(help: ArgumentHelp("The school years, comma-separated, oldest first.", valueName: "YYYY-YYYY,..."))
    var years: String

    @Option(help: ArgumentHelp("The folder comparison.csv and the workbook are written to.", valueName: "DIR"))
    var out: String

    @Option(name: .customLong("managing-unit"), help: ArgumentHelp("Only one managing unit's units (today's registry).", valueName: "CODE"))
    var managingUnit: String?

    @Option(name: .customLong("report-date"), help: ArgumentHelp("The date printed on the forms (default: today).", valueName: "YYYY-MM-DD"))
    var reportDate: String?

    func parsedYears() throws -> [SchoolYear] {
        let parts = years.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let parsed = parts.compactMap(SchoolYear.init)
        guard !parts.isEmpty, parsed.count == parts.count else {
            throw ValidationError("--years \(years): cần các năm học dạng YYYY-YYYY cách nhau bởi dấu phẩy")
        }
        guard Set(parsed).count == parsed.count else { throw ValidationError("--years \(years): một năm học được nêu hai lần") }
        return parsed
    }

    func validate() throws {
        guard Period.Kind(rawValue: period.uppercased()) != nil else { throw ValidationError("--period \(period): cần DN, HK1 hoặc CN") }
        _ = try parsedYears()
        if let reportDate { _ = try parseDay(reportDate, option: "--report-date") }
    }

    func run() throws {
        let opened = try workspace.open()
        let written = try Terminal.workspace {
            let date = reportDate.flatMap(Day.init)?.date ?? Date()
            let comparison = try opened.compare(kind: Period.Kind(rawValue: period.uppercased())!, years: try parsedYears(),
                                                managingUnit: managingUnit, reportDate: date)
            let folder = URL(fileURLWithPath: out)
            do {
                try AtomicFile.prepareFolder(folder)
                try AtomicFile.write(comparison.csv, to: folder.appendingPathComponent("comparison.csv"))
                let forms = try opened.formSettings(for: comparison.registry)
                let name = try ComparisonWorkbook.write(comparison, forms: forms, date: date, to: folder)
                return (comparison, ["comparison.csv", name])
            } catch let error as OutputError {
                throw Failure(message: error.description)
            }
        }
        let (comparison, files) = written
        Terminal.info("Xong: so sánh \(comparison.years.count) năm học, \(comparison.rows.count) dòng, \(comparison.jumps.count) cảnh báo số liệu; "
            + "đã ghi \(files.joined(separator: ", ")) vào \(out)")
    }
}
