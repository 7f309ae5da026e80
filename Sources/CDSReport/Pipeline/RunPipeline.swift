import Foundation
import Synchronization

/// What stops a run: the message is the one line the user sees, the status is the exit status.
/// What a run is doing, for a progress line on the terminal.
public enum RunProgress: Sendable {
    /// A stage begins.
    case stage(String)
    /// Files read so far, of how many, and the rows in them.
    case files(done: Int, total: Int, rows: Int)
}

public struct RunFailure: Error, CustomStringConvertible, Sendable {
    public enum Kind: Sendable { case failure, usage }
    public let kind: Kind
    public let message: String

    public init(_ kind: Kind = .failure, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
    public var exitStatus: Int32 { kind == .usage ? 64 : 1 }
}

/// The options of `cds-report run` (CONTRACT §1).
public struct RunOptions: Sendable {
    public var units: URL
    public var period: Period
    public var output: URL
    public var inputs: [String]
    public var targets: URL?
    public var managingUnit: String?
    public var strict = false
    /// Also write one sub-report per managing unit.
    public var eachManagingUnit = false
    /// Also write one feedback workbook per unit with findings.
    public var feedback = false
    /// Records each stage's duration when set (`--timings`).
    public var timer: StageTimer?
    /// Told what the run is doing (the terminal's progress line); never called in scripts.
    public var progress: (@Sendable (RunProgress) -> Void)?
    /// The date printed on the forms and stored as the workbook's creation date.
    public var reportDate: Date
    public var indicators: IndicatorsFolder

    public init(units: URL, period: Period, output: URL, inputs: [String], targets: URL? = nil, managingUnit: String? = nil,
                strict: Bool = false, reportDate: Date = Date(), indicators: IndicatorsFolder) {
        self.units = units
        self.period = period
        self.output = output
        self.inputs = inputs
        self.targets = targets
        self.managingUnit = managingUnit
        self.strict = strict
        self.reportDate = reportDate
        self.indicators = indicators
    }
}

/// What a run did, for the summary line and the exit status.
public struct RunSummary: Sendable {
    public var units = 0
    public var rowsAccepted = 0
    public var rowsRejected = 0
    public var rowsLeftOut = 0
    public var targetsMet = 0
    public var targetsNotMet = 0
    public var filesRead = 0
    public var filesUnreadable = 0
    public var errorFindings = 0
    public var output: String = ""
    public var written: [String] = []
    /// `true` when `--strict` and some row was rejected.
    public var strictFailure = false
    /// The school-list rows the registry left out (CONTRACT §2a); `nil` when it was a §2 table.
    public var registryRowsLeftOut: Int? = nil

    public init() {}

    /// The counts of a run's products.
    public init(_ products: RunProducts) {
        units = products.results.units.count
        rowsAccepted = products.validation.accepted.count
        rowsRejected = products.validation.rowsRejected
        rowsLeftOut = products.validation.rowsLeftOut
        filesRead = products.validation.filesRead
        filesUnreadable = products.validation.filesUnreadable
        errorFindings = products.validation.findings.filter { $0.severity == .error }.count
        registryRowsLeftOut = products.registryNotes?.count
        for row in products.results.rows where row.scope == .province {
            if row.met == true { targetsMet += 1 }
            if row.met == false { targetsNotMet += 1 }
        }
    }

    /// The one summary line a run ends with.
    public var line: String {
        "Xong: \(units) đơn vị; \(rowsAccepted) dòng được nhận, \(rowsRejected) dòng bị loại, \(rowsLeftOut) dòng ngoài phạm vi; "
            + "chỉ tiêu cấp tỉnh: \(targetsMet) đạt, \(targetsNotMet) chưa đạt; báo cáo ở \(output)"
            + (registryRowsLeftOut.map { "; danh mục: \($0) dòng bị bỏ qua (\(RegistryNotes.fileName))" } ?? "")
    }
}

/// Everything a run computed, for the layouts and the tests.
public struct RunProducts: Sendable {
    public let catalogue: Catalogue
    public let registry: Registry
    public let targets: TargetSet
    public let period: Period
    public let managingUnit: String?
    public let validation: ValidationOutcome
    public let results: Results
    public let reportDate: Date
    public let forms: FormSettings
    /// When each unit's return arrived against its deadline (reports from a workspace).
    public var timeliness: Timeliness? = nil
    /// The school-list rows the registry left out (CONTRACT §2a), written to
    /// `registry_notes.csv`; `nil` when the registry was a §2 table (no file is written).
    public var registryNotes: [RegistryNote]? = nil
}

/// `cds-report run`: parse → resolve → execute, as separate stages; only the first and the last
/// touch files.
public enum RunPipeline {
    /// Loads the configuration and the registry before any submission is opened.
    public static func prepare(_ options: RunOptions) throws(RunFailure) -> (Catalogue, TargetSet, Registry, FormSettings, [RegistryNote]?) {
        let catalogue: Catalogue
        let targets: TargetSet
        let forms: FormSettings
        do {
            catalogue = try options.indicators.loadCatalogue()
            forms = try options.indicators.loadForms()
            if let file = options.targets {
                targets = try TargetSet.load(from: file, displayName: file.path, catalogue: catalogue, expectedYear: options.period.schoolYear)
            } else {
                targets = try options.indicators.defaultTargets(for: options.period.schoolYear, catalogue: catalogue)
            }
        } catch {
            throw RunFailure(.failure, error.description)
        }
        let loaded: LoadedRegistry
        do {
            loaded = try RegistryLoader.loadWithNotes(from: options.units, displayName: options.units.lastPathComponent)
        } catch {
            throw RunFailure(.failure, error.description)
        }
        let registry = loaded.registry
        if let code = options.managingUnit {
            guard let unit = registry.unit(code: code), unit.kind.isManaging else {
                throw RunFailure(.usage, "--managing-unit \(code): không phải mã của Sở, một Phòng GDĐT hay một UBND xã/phường trong danh mục")
            }
        }
        return (catalogue, targets, registry, forms.resolved(for: registry), loaded.isExport ? loaded.notes : nil)
    }

    /// Reads, validates and aggregates (no output written).
    public static func compute(_ options: RunOptions) throws(RunFailure) -> RunProducts {
        let timer = options.timer ?? StageTimer()
        let (catalogue, targets, registry, forms, registryNotes) = try timer.measure("load") { () throws(RunFailure) in try prepare(options) }
        let (files, missing) = InputCollection.collect(options.inputs, excluding: options.output)
        var inputs = missing.map { SubmissionInput(file: $0, content: .failure(UnreadableFile("Không tìm thấy tệp hoặc thư mục này."))) }
        options.progress?(.stage("Đọc \(files.count) tệp báo cáo"))
        inputs += timer.measure("read") { SubmissionReader.readAll(files, catalogue: catalogue, progress: options.progress) }
        options.progress?(.stage("Kiểm tra và tổng hợp"))
        guard !inputs.isEmpty else {
            throw RunFailure(.failure, "Không có tệp báo cáo nào (.csv hoặc .xlsx) trong \(options.inputs.joined(separator: ", "))")
        }
        guard inputs.contains(where: { if case .success = $0.content { true } else { false } }) else {
            let reasons = inputs.prefix(3).compactMap { input -> String? in
                if case .failure(let problem) = input.content { return "\(input.file): \(problem.message)" }
                return nil
            }.joined(separator: " ")
            throw RunFailure(.failure, "Không đọc được tệp báo cáo nào. \(reasons)")
        }
        var computed = products(inputs: inputs, catalogue: catalogue, registry: registry, targets: targets, forms: forms, period: options.period,
                                managingUnit: options.managingUnit, reportDate: options.reportDate, timer: timer)
        computed.registryNotes = registryNotes
        return computed
    }

    /// Validates and aggregates inputs already read (a run's files, or a workspace's current rows).
    public static func products(inputs: [SubmissionInput], catalogue: Catalogue, registry: Registry, targets: TargetSet, forms: FormSettings,
                                period: Period, managingUnit: String?, reportDate: Date, timer: StageTimer? = nil) -> RunProducts {
        let timer = timer ?? StageTimer()
        let validator = Validator(catalogue: catalogue, registry: registry, period: period, managingUnit: managingUnit)
        let validation = timer.measure("validate") { validator.validate(inputs) }
        let aggregator = Aggregator(catalogue: catalogue, registry: registry, targets: targets, managingUnit: managingUnit)
        // Aggregation and the target checks are one pass: each unit's cells are judged as they are summed.
        let results = timer.measure("aggregate+check") { aggregator.aggregate(validation.accepted) }
        return RunProducts(catalogue: catalogue, registry: registry, targets: targets, period: period, managingUnit: managingUnit,
                           validation: validation, results: results, reportDate: reportDate, forms: forms)
    }

    /// Runs the whole job and writes the reports.
    public static func run(_ options: RunOptions) throws(RunFailure) -> RunSummary {
        let products = try compute(options)
        var summary = RunSummary(products)
        options.progress?(.stage("Ghi báo cáo"))
        do {
            summary.written = try write(products, to: options.output, eachManagingUnit: options.eachManagingUnit, feedback: options.feedback,
                                        timer: options.timer)
        } catch {
            throw RunFailure(.failure, error.description)
        }
        summary.output = options.output.path
        // CONTRACT §1: any rejected row; whole-file findings leave the status as it is.
        summary.strictFailure = options.strict && summary.rowsRejected > 0
        return summary
    }

    /// Writes `results.csv`, `rejections.csv` and the workbook into the folder, atomically.
    public static func write(_ products: RunProducts, to folder: URL, eachManagingUnit: Bool = false,
                             feedback: Bool = false, timer: StageTimer? = nil) throws(OutputError) -> [String] {
        let timer = timer ?? StageTimer()
        try AtomicFile.prepareFolder(folder)
        // The CSV files are written on another core while the workbooks are: both only read the
        // products, and the workbook is the longest stage of a large run.
        let csvFailure = Mutex<OutputError?>(nil)
        let group = DispatchGroup()
        DispatchQueue.global(qos: .userInitiated).async(group: group) {
            do throws(OutputError) {
                try timer.measure("write-csv") { () throws(OutputError) in
                    try AtomicFile.write(to: folder.appendingPathComponent("results.csv")) { temporary throws(OutputError) in
                        try AtomicFile.stream(to: temporary) { sink in
                            try ReportCSV.writeResults(products.results, catalogue: products.catalogue, to: sink)
                        }
                    }
                    try AtomicFile.write(ReportCSV.rejections(products.validation.findings), to: folder.appendingPathComponent("rejections.csv"))
                }
            } catch {
                csvFailure.withLock { $0 = error }
            }
        }
        defer { group.wait() }
        var written = ["results.csv", "rejections.csv"]
        if let notes = products.registryNotes {
            try AtomicFile.write(RegistryNotes.csv(notes), to: folder.appendingPathComponent(RegistryNotes.fileName))
            written.append(RegistryNotes.fileName)
        }
        written += try ReportWorkbooks.write(products, to: folder, eachManagingUnit: eachManagingUnit, feedback: feedback, timer: timer)
        group.wait()
        if let failure = csvFailure.withLock({ $0 }) { throw failure }
        return written
    }
}
