import CDSReport
import Foundation

/// A problem in a test's own setup (not in the code under test).
public struct TestSetupError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// The catalogue, a registry and targets, with the stages of a run as plain functions: read a
/// return, validate it, aggregate the accepted rows.
///
/// Everything goes through the library's public entry points (`InputCollection`,
/// `SubmissionReader`, `Validator`, `Aggregator`), as the pipeline uses them.
public struct TestBench: Sendable {
    public let catalogue: Catalogue
    public let registry: Registry
    public let targets: TargetSet
    public let period: Period

    /// A small province: the SO, two district offices, and one school or centre per kind of
    /// level mix. `0101003` (TH;THCS) was `0101099` in an earlier registry.
    public static let standardRegistryCSV = """
        unit_code,name,kind,levels,parent_code,locality,previous_codes
        01,Sở Giáo dục và Đào tạo tỉnh Thử Nghiệm,SO,,,,
        0101,Phòng GDĐT Huyện Một,PHONG,,01,Huyện Một,
        0102,Phòng GDĐT Huyện Hai,PHONG,,01,Huyện Hai,
        0101001,Trường Mầm non Hoa Sen,TRUONG,MN,0101,Huyện Một,
        0101002,Trường Tiểu học Lê Lợi,TRUONG,TH,0101,Huyện Một,
        0101003,Trường TH&THCS Kim Đồng,TRUONG,TH;THCS,0101,Huyện Một,0101099
        0102001,Trường THCS Nguyễn Du,TRUONG,THCS,0102,Huyện Hai,
        0199001,Trường THPT Chu Văn An,TRUONG,THPT,01,Huyện Hai,
        0199002,Trung tâm GDNN-GDTX Huyện Hai,TRUNGTAM,GDTX,01,Huyện Hai,

        """

    /// - Parameters:
    ///   - registryCSV: the registry (§2) as CSV text.
    ///   - targetsYAML: a targets file (§4a); `nil` for the shipped defaults of 2024-2025.
    ///   - period: the run's period.
    public init(registryCSV: String = TestBench.standardRegistryCSV, targetsYAML: String? = nil,
                period: String = ReturnCSV.period) throws {
        catalogue = try Repository.catalogue()
        registry = try Self.registry(fromCSV: registryCSV)
        guard let period = Period(period) else { throw TestSetupError("bad period \(period)") }
        self.period = period
        if let targetsYAML {
            targets = try TargetSet.parse(targetsYAML, file: "targets.yaml", catalogue: catalogue, expectedYear: period.schoolYear)
        } else {
            targets = try Repository.defaultTargets(catalogue: catalogue)
        }
    }

    /// A bench on a fixture folder's `units.csv` (under `Tests/CDSReportTests/Fixtures`).
    public init(fixture: String, targetsYAML: String? = nil, period: String = ReturnCSV.period) throws {
        let text = String(decoding: try Data(contentsOf: Repository.fixtures.appendingPathComponent("\(fixture)/units.csv")), as: UTF8.self)
        try self.init(registryCSV: text, targetsYAML: targetsYAML, period: period)
    }

    /// Loads a registry from CSV text through a file, as `--units` reads it.
    /// - Throws: ``RegistryError`` when the registry is not usable.
    public static func registry(fromCSV text: String, named name: String = "units.csv") throws -> Registry {
        let folder = try TemporaryDirectory("cds-registry")
        let file = try folder.write(text, to: name)
        return try RegistryLoader.load(from: file, displayName: name)
    }

    /// The error a registry gives, or `nil` when it loads.
    public static func registryError(fromCSV text: String) throws -> RegistryError? {
        do {
            _ = try registry(fromCSV: text)
            return nil
        } catch let error as RegistryError {
            return error
        }
    }

    // MARK: Reading

    /// Reads a return from bytes, through a file named `name` (its extension matters).
    public func input(_ data: Data, named name: String = "return.csv") throws -> SubmissionInput {
        let folder = try TemporaryDirectory("cds-input")
        try folder.write(data, to: name)
        let (files, missing) = InputCollection.collect([folder.url.path])
        guard missing.isEmpty, let file = files.first, files.count == 1 else {
            throw TestSetupError("expected one input file in \(folder.url.path), found \(files.count)")
        }
        return SubmissionReader.read(file, catalogue: catalogue)
    }

    /// Reads every return in a folder (or the files given), as `run` collects its inputs.
    public func inputs(from paths: [URL]) throws -> [SubmissionInput] {
        let (files, missing) = InputCollection.collect(paths.map(\.path))
        guard missing.isEmpty else { throw TestSetupError("missing inputs: \(missing)") }
        return files.map { SubmissionReader.read($0, catalogue: catalogue) }
    }

    /// Reads a return from UTF-8 text.
    public func input(_ text: String, named name: String = "return.csv") throws -> SubmissionInput {
        try input(Data(text.utf8), named: name)
    }

    /// The table read from bytes, or the reason it could not be read.
    public func table(_ data: Data, named name: String = "return.csv") throws -> Result<RawTable, UnreadableFile> {
        try input(data, named: name).content
    }

    // MARK: Validating

    /// Validates inputs with the bench's registry and period.
    public func validate(_ inputs: [SubmissionInput], managingUnit: String? = nil) -> ValidationOutcome {
        Validator(catalogue: catalogue, registry: registry, period: period, managingUnit: managingUnit).validate(inputs)
    }

    /// Validates one return given as text.
    public func validate(_ text: String, named name: String = "return.csv", managingUnit: String? = nil) throws -> ValidationOutcome {
        validate([try input(text, named: name)], managingUnit: managingUnit)
    }

    /// Validates one return given as rows (see ``ReturnCSV/text(_:columns:header:delimiter:lineEnding:)``).
    public func validate(rows: [[String: String]], columns: [String] = ReturnCSV.columns,
                         managingUnit: String? = nil) throws -> ValidationOutcome {
        try validate(ReturnCSV.text(rows, columns: columns), managingUnit: managingUnit)
    }

    // MARK: Aggregating

    /// Aggregates the accepted rows of a validation.
    public func aggregate(_ outcome: ValidationOutcome, managingUnit: String? = nil) -> Results {
        Aggregator(catalogue: catalogue, registry: registry, targets: targets, managingUnit: managingUnit).aggregate(outcome.accepted)
    }

    /// Validates rows and aggregates them.
    public func results(rows: [[String: String]], managingUnit: String? = nil) throws -> Results {
        aggregate(try validate(rows: rows, managingUnit: managingUnit), managingUnit: managingUnit)
    }

    // MARK: Lookups

    /// The catalogue index of a data element.
    public func element(_ id: String) throws -> Int {
        guard let index = catalogue.element(id: id) else { throw TestSetupError("no element \(id)") }
        return index
    }

    /// The catalogue index of an indicator.
    public func indicator(_ id: String) throws -> Int {
        guard let index = catalogue.indicator(id: id) else { throw TestSetupError("no indicator \(id)") }
        return index
    }

    /// The result row of a scope, indicator and level (`nil` level for ALL).
    public func row(_ results: Results, _ scope: ScopeKind, _ code: String, _ indicator: String, _ level: Level?) throws -> ResultRow {
        guard let row = results.row(scope, code, indicator: try self.indicator(indicator), level: level) else {
            throw TestSetupError("no row \(scope.rawValue) \(code) \(indicator) \(level?.rawValue ?? "ALL")")
        }
        return row
    }
}

extension ValidationOutcome {
    /// The findings reported under a rule.
    public func findings(_ rule: Rule) -> [Finding] { findings.filter { $0.rule == rule } }

    /// The rule ids of every finding, in the order reported.
    public var ruleIDs: [String] { findings.map(\.rule.rawValue) }

    /// The (unit_code, level) of the accepted rows, as registry code and level code.
    public func acceptedKeys(in registry: Registry) -> [String] {
        accepted.map { "\(registry.units[$0.unit].code)/\($0.level.rawValue)" }
    }
}

/// Relative closeness for computed decimals (1e-12 of the larger magnitude).
public func isClose(_ actual: Double?, _ expected: Double, tolerance: Double = 1e-12) -> Bool {
    guard let actual else { return false }
    return abs(actual - expected) <= tolerance * max(1, abs(expected))
}
