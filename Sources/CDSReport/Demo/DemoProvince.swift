import Foundation

/// A synthetic province generated from a seed: its unit registry (CONTRACT §2), one return per
/// managing unit in the CSV dialects Excel produces (§3), and the bad rows deliberately planted
/// in them.
///
/// The same seed and period give byte-identical files on every machine: every draw goes through
/// the demo's own seeded generator, and nothing depends on dictionary order, the locale or the
/// clock. `cds-report demo` runs the whole job on it; tests use it as a province of realistic size
/// whose faults are known in advance.
public struct DemoProvince: Sendable {
    /// A return: its path under the inbox folder and its exact bytes.
    public struct File: Sendable, Equatable {
        /// The path relative to the inbox, with `/` separators (`phong_0701/nop_0701.csv`).
        public let relativePath: String
        public let bytes: Data
    }

    /// A bad row (or, for `unknown_column`, a bad column) planted in a return, and the finding a
    /// correct reader reports for it.
    public struct PlannedFault: Sendable, Equatable {
        public enum Severity: String, Sendable { case error, warning }
        /// The return holding it, as in `returns`.
        public let relativePath: String
        /// The row a person sees in the file (the header is row 1); `nil` for a column finding.
        public let row: Int?
        /// The unit code as written in the row (blank for `missing_key` and column findings).
        public let unitCode: String
        /// The level as written in the row.
        public let level: String
        /// The rule id of CONTRACT §3.
        public let rule: String
        public let severity: Severity
        /// The header of the offending field as written in the file, where the contract names
        /// one for the rule; `nil` where the finding concerns the whole row.
        public let column: String?
        /// What was planted, for people reading a test failure.
        public let description: String
    }

    /// The unit registry as CSV (CONTRACT §2): UTF-8, LF, header
    /// `unit_code,name,kind,levels,parent_code,locality,previous_codes`.
    public let registryCSV: Data
    /// The returns, one per district office and one for the units the Sở manages directly.
    public let returns: [File]
    /// The reporting period the returns are for (`2024-2025/HK1`).
    public let period: String
    /// Every planted fault, ordered by file and row.
    public let plannedFaults: [PlannedFault]
    /// The codes of the schools and centres that sent no row at all, in code order.
    public let nonSubmitters: [String]

    /// Generates the province for `seed`.
    ///
    /// - Parameters:
    ///   - seed: any value; the same value always gives the same bytes.
    ///   - period: the period written in the returns; it also sets how many teaching weeks the
    ///     lesson counts cover.
    public static func generate(seed: UInt64 = 20250120, period: String = "2024-2025/HK1") -> DemoProvince {
        var builder = DemoProvinceBuilder(seed: seed, period: period)
        return builder.build()
    }

    /// Writes `units.csv` into `directory` and each return under `directory/inbox/`, creating
    /// the folders that are missing; existing files of the same names are replaced atomically.
    public func write(to directory: URL) throws {
        let manager = FileManager.default
        try manager.createDirectory(at: directory, withIntermediateDirectories: true)
        try registryCSV.write(to: directory.appendingPathComponent("units.csv"), options: .atomic)
        let inbox = directory.appendingPathComponent("inbox", isDirectory: true)
        for file in returns {
            var url = inbox
            for component in file.relativePath.split(separator: "/") {
                url.appendPathComponent(String(component))
            }
            try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try file.bytes.write(to: url, options: .atomic)
        }
    }
}
