import Foundation
import XLSX

/// The options of `cds-report template`: which workbooks the department sends out for a period.
public struct TemplateOptions: Sendable {
    /// One workbook per what.
    public enum Grouping: String, Sendable, CaseIterable {
        /// One per school or centre: its own level rows.
        case unit
        /// One per managing unit (PHONG, XA, and the Sở for the units it manages directly): a row
        /// per unit and level.
        case managingUnit = "managing-unit"
    }

    public var units: URL
    public var period: Period
    public var output: URL
    public var grouping: Grouping
    /// Only the schools and centres of this managing unit (a PHONG, an XA or the Sở).
    public var managingUnit: String?
    /// Printed as the date of the template and stored as the workbooks' creation date.
    public var reportDate: Date
    public var indicators: IndicatorsFolder

    public init(units: URL, period: Period, output: URL, grouping: Grouping = .managingUnit, managingUnit: String? = nil,
                reportDate: Date = Date(), indicators: IndicatorsFolder) {
        self.units = units
        self.period = period
        self.output = output
        self.grouping = grouping
        self.managingUnit = managingUnit
        self.reportDate = reportDate
        self.indicators = indicators
    }
}

/// What `cds-report template` wrote, for its summary line.
public struct TemplateSummary: Sendable {
    /// The file names written, in order.
    public var written: [String] = []
    /// Schools and centres covered.
    public var units = 0
    /// Data rows (unit × level) over all workbooks.
    public var rows = 0
    /// The output folder's path.
    public var output = ""

    public init() {}

    /// The one line the command ends with.
    public var line: String {
        "Xong: \(written.count) mẫu báo cáo (\(units) đơn vị, \(rows) dòng cần điền) ở \(output)"
    }
}

/// One template workbook: who it is for and the units whose rows it holds.
public struct TemplatePlan: Sendable {
    /// The code in the file name: the unit's, or the managing unit's.
    public let code: String
    /// Who fills the workbook in (the school, or the managing unit collecting its schools' figures).
    public let reportingBody: String
    /// Who the filled workbook goes back to.
    public let receivingBody: String
    /// The schools and centres, in code order.
    public let units: [Unit]
    /// `true` for a managing unit's workbook.
    public let isCollective: Bool
    /// The date the workbook is due, if the calendar has one.
    public let deadline: Day?

    /// The data rows: one per unit and level, levels in the contract's order.
    public var rows: [(unit: Unit, level: Level)] {
        units.flatMap { unit in unit.levels.map { (unit, $0) } }
    }
}

/// The workbooks a department sends out to be filled in (`cds-report template`): a data sheet
/// "Báo cáo" whose hidden row of column ids makes reading back independent of the labels, and an
/// instruction sheet "Hướng dẫn".
public enum TemplateWorkbooks {
    /// The data sheet's name; it is the first sheet, the one `run` reads.
    public static let dataSheetName = "Báo cáo"
    /// The instruction sheet's name.
    public static let instructionsSheetName = "Hướng dẫn"

    /// `mau-bao-cao-2024-2025-HK1-0101.xlsx`: ASCII only (a code's other characters become `_`).
    public static func fileName(period: Period, code: String) -> String {
        let safe = String(code.unicodeScalars.map { scalar -> Character in
            scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || scalar == "-" || scalar == "_") ? Character(scalar) : "_"
        })
        return "mau-bao-cao-\(period.schoolYear)-\(period.kind.rawValue)-\(safe).xlsx"
    }

    /// The workbooks to write for a registry, in code order; managing units without schools or
    /// centres get none.
    public static func plans(registry: Registry, period: Period, grouping: TemplateOptions.Grouping, managingUnit: String?,
                             calendar: ReportingCalendar?) -> [TemplatePlan] {
        let reporting = registry.reportingUnits
            .filter { !$0.levels.isEmpty && (managingUnit == nil || $0.parentCode == managingUnit) }
            .sorted { $0.code < $1.code }
        func parentName(_ unit: Unit) -> String { registry.unit(code: unit.parentCode)?.name ?? registry.so.name }
        switch grouping {
        case .unit:
            return reporting.map { unit in
                TemplatePlan(code: unit.code, reportingBody: unit.name, receivingBody: parentName(unit), units: [unit],
                             isCollective: false, deadline: calendar?.deadline(.schoolToManaging, for: period))
            }
        case .managingUnit:
            let managing = registry.managingUnits.filter { managingUnit == nil || $0.code == managingUnit }
            return managing.compactMap { manager in
                let units = reporting.filter { $0.parentCode == manager.code }
                guard !units.isEmpty else { return nil }
                let isSo = manager.kind == .so
                let deadline = isSo ? calendar?.deadline(.schoolToManaging, for: period)
                    : calendar?.deadline(forUnitManagedBySo: false, period: period)
                let body = isSo ? "Các trường, trung tâm trực thuộc \(manager.name)" : manager.name
                return TemplatePlan(code: manager.code, reportingBody: body,
                                    receivingBody: registry.so.name, units: units, isCollective: true, deadline: deadline)
            }
        }
    }

    /// Reads the configuration and the registry, then writes every template into the output
    /// folder, atomically.
    public static func run(_ options: TemplateOptions) throws(RunFailure) -> TemplateSummary {
        let catalogue: Catalogue
        var calendar: ReportingCalendar?
        do {
            catalogue = try options.indicators.loadCatalogue()
            let calendarURL = options.indicators.url.appendingPathComponent("calendar.yaml")
            if FileManager.default.fileExists(atPath: calendarURL.path) {
                calendar = try ReportingCalendar.load(from: calendarURL)
            }
        } catch {
            throw RunFailure(.failure, error.description)
        }
        let registry: Registry
        do {
            registry = try RegistryLoader.load(from: options.units, displayName: options.units.lastPathComponent)
        } catch {
            throw RunFailure(.failure, error.description)
        }
        if let code = options.managingUnit {
            guard let unit = registry.unit(code: code), unit.kind.isManaging else {
                throw RunFailure(.usage, "--managing-unit \(code): không phải mã của Sở, một Phòng GDĐT hay một UBND xã/phường trong danh mục")
            }
        }
        let plans = plans(registry: registry, period: options.period, grouping: options.grouping,
                          managingUnit: options.managingUnit, calendar: calendar)
        guard !plans.isEmpty else {
            let scope = options.managingUnit.map { " thuộc \($0)" } ?? ""
            throw RunFailure(.failure, "Danh mục \(options.units.lastPathComponent) không có trường hay trung tâm nào\(scope) để lập mẫu báo cáo.")
        }
        var summary = TemplateSummary()
        do {
            try AtomicFile.prepareFolder(options.output)
            for plan in plans {
                summary.written.append(try write(plan, catalogue: catalogue, registry: registry, period: options.period,
                                                 date: options.reportDate, to: options.output))
                summary.units += plan.units.count
                summary.rows += plan.rows.count
            }
        } catch {
            throw RunFailure(.failure, error.description)
        }
        summary.output = options.output.path
        return summary
    }

    /// Writes one template into the folder atomically; returns its file name.
    public static func write(_ plan: TemplatePlan, catalogue: Catalogue, registry: Registry, period: Period, date: Date,
                             to folder: URL) throws(OutputError) -> String {
        let name = fileName(period: period, code: plan.code)
        let url = folder.appendingPathComponent(name)
        try AtomicFile.write(to: url) { temporary throws(OutputError) in
            do {
                try writeWorkbook(plan, catalogue: catalogue, registry: registry, period: period, date: date, path: temporary.path)
            } catch let error as OutputError {
                throw error
            } catch {
                throw OutputError(path: url.path, reason: "\(error)")
            }
        }
        return name
    }

    static func writeWorkbook(_ plan: TemplatePlan, catalogue: Catalogue, registry: Registry, period: Period, date: Date,
                              path: String) throws {
        let properties = DocumentProperties(
            created: date, title: "Mẫu báo cáo chuyển đổi số - \(period.vietnameseTitle)",
            subject: "Mẫu báo cáo số liệu chuyển đổi số: \(plan.reportingBody)", author: registry.so.name,
            company: registry.so.name, category: "Mẫu báo cáo thống kê", keywords: "CĐS; \(period); mẫu báo cáo")
        var workbook = try Workbook(path: path, properties: properties)
        let layout = TemplateLayout(catalogue: catalogue, plan: plan, period: period)
        try workbook.addWorksheet(dataSheetName) { sheet in
            try TemplateDataSheet(layout: layout).write(&sheet)
        }
        try workbook.addWorksheet(instructionsSheetName) { sheet in
            try TemplateInstructions(layout: layout).write(&sheet)
        }
        try workbook.close()
    }
}

/// Where everything sits on a template's data sheet, shared by the two sheets' writers.
struct TemplateLayout {
    let catalogue: Catalogue
    let plan: TemplatePlan
    let period: Period

    /// The key columns, written by the department: code, name, period, level.
    static let keyIDs = ["unit_code", "unit_name", "period", "level"]

    /// Catalogue indices of the columns, in order: the keys, then every integer or yes/no element.
    let columns: [Int]
    /// The number of key columns (the first columns).
    let keyCount: Int

    /// Zero-based rows of the title block.
    static let titleRows = 0...4
    /// Zero-based row of the hidden column ids (Excel row 7).
    static let idRow = 6
    /// Zero-based row of the visible labels (Excel row 8).
    static let labelRow = 7
    /// Zero-based first data row (Excel row 9).
    static let firstDataRow = 8

    init(catalogue: Catalogue, plan: TemplatePlan, period: Period) {
        self.catalogue = catalogue
        self.plan = plan
        self.period = period
        let keys = Self.keyIDs.compactMap(catalogue.element(id:))
        keyCount = keys.count
        columns = keys + catalogue.elements.indices.filter { catalogue.elements[$0].isValue }
    }

    var lastColumn: Int { columns.count - 1 }
    var lastDataRow: Int { Self.firstDataRow + max(plan.rows.count, 1) - 1 }

    /// The column letter of a catalogue element on the data sheet.
    func letter(of element: Int) -> String {
        CellAddress.columnName(columns.firstIndex(of: element) ?? 0)
    }
}
