/// `results.csv` (CONTRACT §4) and `rejections.csv` (§5).
public enum ReportCSV {
    public static let resultsHeader = ["scope", "scope_code", "scope_name", "level", "indicator", "value", "numerator", "denominator",
                                       "target", "met", "units_reporting", "units_meeting", "shortfall"]
    public static let rejectionsHeader = ["file", "sheet", "row", "column", "unit_code", "level", "severity", "rule", "message"]

    /// The bytes of `results.csv`.
    public static func results(_ results: Results, catalogue: Catalogue) -> [UInt8] {
        var bytes: [UInt8] = []
        writeResults(results, catalogue: catalogue) { bytes += $0 }
        return bytes
    }

    /// Writes `results.csv` in pieces of about a megabyte to `sink` (a national run's file is a
    /// hundred megabytes: it is never held whole).
    public static func writeResults(_ results: Results, catalogue: Catalogue, to sink: (ArraySlice<UInt8>) throws -> Void) rethrows {
        var writer = CSVWriter(header: resultsHeader)
        for row in results.rows {
            if writer.data.count > 1 << 20 { try writer.flush(into: sink) }
            writer.appendRow([
                .text(row.scope.rawValue), .text(row.scopeCode), .text(row.scopeName), .text(row.levelCode),
                .text(catalogue.indicators[row.indicator].id),
                number(row.value), number(row.numerator), number(row.denominator),
                row.target.map { .text($0.description) } ?? .empty,
                row.met.map { .text($0 ? "true" : "false") } ?? .empty,
                .number(String(row.unitsReporting)),
                row.unitsMeeting.map { .number(String($0)) } ?? .empty,
                row.shortfall.map { .number(String($0)) } ?? .empty,
            ])
        }
        try writer.flush(into: sink)
    }

    /// The bytes of `rejections.csv`.
    public static func rejections(_ findings: [Finding]) -> [UInt8] {
        var writer = CSVWriter(header: rejectionsHeader)
        for finding in findings {
            writer.appendRow([
                .text(finding.file), .text(finding.sheet), finding.row.map { .number(String($0)) } ?? .empty,
                .text(finding.column), .text(finding.unitCode), .text(finding.level), .text(finding.severity.rawValue),
                .text(finding.rule.rawValue), .text(finding.message),
            ])
        }
        return writer.data
    }

    private static func number(_ value: Double?) -> CSVWriter.Cell {
        guard let value, value.isFinite else { return .empty }
        return .number(NumberFormatting.plain(value))
    }
}
