import Foundation

/// Three school years of one synthetic province, as a department's workspace receives them
/// (CONTRACT §6): the registry before and after the 1 July 2025 reorganisation, and every return
/// of the semester-1 period (HK1) in the order it is ingested.
///
/// - 2023-2024 and 2024-2025 are on registry version 1: one Sở, fifteen district offices
///   (PHONG) and their schools, the Sở's own upper-secondary schools and centres.
/// - 2025-2026 is on version 2 (in force from 2025-07-01; HK1's reference date is 31 December
///   2025): the district offices are gone, each district's schools pass to two or three commune or
///   ward People's Committees (XA, "UBND xã …" / "UBND phường …"), two pairs of schools have
///   merged, three schools have new codes, one has closed and two have opened; the centres the
///   districts ran pass to the Sở. Every changed code is listed in `previous_codes`.
///
/// Each year most returns arrive before the deadline (20 January of the school year's second
/// calendar year), one arrives five days late, one district re-sends a file byte for byte (a
/// no-op for the workspace), and one re-sends its file after fixing two rows, which supersede
/// the earlier ones. The figures of a unit move plausibly from year to year, except the two
/// jumps listed in `anomalies`, planted for the year-on-year comparison to flag.
///
/// The same seed and scale give byte-identical output: every draw goes through the demo's own
/// seeded generator, never through dictionary order, the locale or the clock.
public struct DemoHistory: Sendable {
    /// One version of the unit registry (CONTRACT §2), in force from `effective`.
    public struct RegistryVersion: Sendable {
        /// `YYYY-MM-DD`; empty for the first version, in force from the start (`cds-report init`).
        public let effective: String
        /// The registry as CSV: UTF-8, LF, header `unit_code,name,kind,levels,parent_code,locality,previous_codes`.
        public let csv: Data
        /// `units-v1.csv`, `units-v2.csv`.
        public let fileName: String
    }

    /// A row of a return, by its key: a unit code and a level as written.
    public struct RowKey: Sendable, Hashable, Comparable {
        public let unitCode: String
        public let level: String

        public static func < (lhs: RowKey, rhs: RowKey) -> Bool {
            (lhs.unitCode, lhs.level) < (rhs.unitCode, rhs.level)
        }
    }

    /// One `cds-report ingest` call: one return.
    public struct Delivery: Sendable {
        /// What the delivery is, for people and tests.
        public enum Kind: String, Sendable {
            /// A first return, received by the deadline.
            case onTime = "on_time"
            /// A first return, received after the deadline.
            case late
            /// The same bytes as an earlier delivery of the period: the workspace ignores it.
            case resend
            /// An earlier file sent again with rows fixed or changed: those rows supersede the earlier ones.
            case corrected
        }

        /// The period ingested (`2023-2024/HK1`).
        public let period: String
        /// `--received`, `YYYY-MM-DD`.
        public let received: String
        /// The files of the return; `relativePath` like `2023-2024-HK1/dot-1/phong_0701.csv`.
        public let files: [DemoProvince.File]
        /// In Vietnamese: "Báo cáo đúng hạn", "Nộp muộn 5 ngày", "Gửi lại sau khi sửa lỗi" …
        public let note: String
        public let kind: Kind
        /// The code of the managing unit whose return it is (a PHONG, an XA, or the Sở for its own units).
        public let managingUnit: String
        /// For `resend` and `corrected`: the relative path of the earlier file sent again.
        public let resends: String?
        /// For `corrected`: the rows whose values differ from the earlier file.
        public let changedRows: [RowKey]
        /// The bad rows planted in the files, and what a correct reader reports for each.
        public let plannedFaults: [DemoProvince.PlannedFault]
    }

    /// What the reorganisation of 1 July 2025 changed in the registry (version 2 against version 1).
    public struct Reorganisation: Sendable {
        /// A school formed by merging others: its new code and the codes it replaces.
        public struct Merger: Sendable, Equatable {
            public let code: String
            public let name: String
            public let previousCodes: [String]
        }

        /// A school that kept its identity under a new code.
        public struct Renumbering: Sendable, Equatable {
            public let oldCode: String
            public let newCode: String
        }

        public let mergers: [Merger]
        public let renumberings: [Renumbering]
        /// Schools absent from version 2, with no successor.
        public let closed: [String]
        /// Schools new in version 2, with no predecessor.
        public let opened: [String]
        /// Centres a district office ran that the Sở manages directly in version 2 (same code).
        public let movedToSo: [String]
    }

    /// A figure that jumps implausibly from one year to the next, planted on purpose.
    public struct Anomaly: Sendable, Equatable {
        /// The school year in which the odd figure is reported.
        public let schoolYear: String
        public let unitCode: String
        public let level: String
        /// The field's id (CONTRACT §3).
        public let field: String
        public let description: String
    }

    /// Version 1 (PHONG era, from the start) and version 2 (XA era, effective 2025-07-01).
    public let registries: [RegistryVersion]
    /// Every return, in the order to ingest them: by year, then by received date.
    public let deliveries: [Delivery]
    /// `["2023-2024", "2024-2025", "2025-2026"]`.
    public let years: [String]
    /// `HK1`.
    public let periodKind: String
    public let reorganisation: Reorganisation
    public let anomalies: [Anomaly]
    /// For each period, the codes of the schools and centres that sent no row at all, in code order.
    public let nonSubmitters: [String: [String]]

    /// Generates the history for `seed`.
    ///
    /// - Parameters:
    ///   - seed: any value; the same value always gives the same bytes.
    ///   - unitsScale: the share of the province's schools and centres kept (1.0 ≈ 600 units;
    ///     0.2 ≈ 130, for fast tests). Every district keeps at least a few schools of each kind;
    ///     values above 1 give the full province.
    public static func generate(seed: UInt64 = 20250120, unitsScale: Double = 1.0) -> DemoHistory {
        var builder = DemoHistoryBuilder(seed: seed, unitsScale: unitsScale)
        return builder.build()
    }

    /// Writes the registries (`units-v1.csv`, `units-v2.csv`) into `directory`, each delivery's
    /// files under `directory/history/`, and `deliveries.csv` (one line per delivery, in ingest
    /// order: `period,received,kind,managing_unit,note,files`, the files `;`-separated relative to
    /// `directory`). Missing folders are created; files are replaced atomically.
    public func write(to directory: URL) throws {
        let manager = FileManager.default
        try manager.createDirectory(at: directory, withIntermediateDirectories: true)
        for registry in registries {
            try registry.csv.write(to: directory.appendingPathComponent(registry.fileName), options: .atomic)
        }
        let history = directory.appendingPathComponent("history", isDirectory: true)
        var lines = ["period,received,kind,managing_unit,note,files"]
        for delivery in deliveries {
            for file in delivery.files {
                var url = history
                for component in file.relativePath.split(separator: "/") {
                    url.appendPathComponent(String(component))
                }
                try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try file.bytes.write(to: url, options: .atomic)
            }
            let files = delivery.files.map { "history/" + $0.relativePath }.joined(separator: ";")
            lines.append([delivery.period, delivery.received, delivery.kind.rawValue, delivery.managingUnit,
                          delivery.note, files].map { DemoCSV.escape($0, delimiter: ",") }.joined(separator: ","))
        }
        try Data((lines.joined(separator: "\n") + "\n").utf8)
            .write(to: directory.appendingPathComponent("deliveries.csv"), options: .atomic)
    }
}
