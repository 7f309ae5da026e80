import Foundation
import GRDB

/// What stops a workspace command: exit status 1 with this line (or 64 for bad usage).
public struct WorkspaceError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public let isUsage: Bool
    public init(_ message: String, usage: Bool = false) {
        self.message = message
        isUsage = usage
    }
    public var description: String { message }
}

/// A department's workspace (CONTRACT §6): a folder with its settings (`cds-workspace.yaml`) and
/// an embedded store, remembering the registry's versions, every return as it arrived, and the
/// targets set for each school year.
public final class Workspace: Sendable {
    public static let settingsFile = "cds-workspace.yaml"
    public let folder: URL
    public let settings: WorkspaceSettings
    public let indicators: IndicatorsFolder
    let store: WorkspaceStore

    private init(folder: URL, settings: WorkspaceSettings, indicators: IndicatorsFolder, store: WorkspaceStore) {
        self.folder = folder
        self.settings = settings
        self.indicators = indicators
        self.store = store
    }

    /// The workspace folder: `-w DIR`, else the current folder or the nearest one above it that
    /// holds a workspace.
    public static func locate(_ explicit: String?) -> URL {
        if let explicit { return URL(fileURLWithPath: explicit) }
        var folder = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        for _ in 0..<20 {
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent(settingsFile).path) { return folder }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { break }
            folder = parent
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }

    /// `init DIR --units UNITS`: a missing or empty folder becomes a workspace with its first
    /// registry, in force from the start.
    public static func create(at folder: URL, units: URL, indicators: IndicatorsFolder) throws(WorkspaceError) -> (Workspace, RegistryVersionReport) {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: folder.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw WorkspaceError("\(folder.path) là một tệp, không phải thư mục.") }
            if manager.fileExists(atPath: folder.appendingPathComponent(settingsFile).path) {
                throw WorkspaceError("\(folder.path) đã là một không gian làm việc (có \(settingsFile)); không khởi tạo lại.")
            }
            let entries = (try? manager.contentsOfDirectory(atPath: folder.path))?.filter { !$0.hasPrefix(".") } ?? []
            guard entries.isEmpty else {
                throw WorkspaceError("Thư mục \(folder.path) không trống; hãy chọn một thư mục mới hoặc trống.")
            }
        }
        do { try manager.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
            throw WorkspaceError("Không tạo được thư mục \(folder.path): \(error.localizedDescription)")
        }
        // Check the registry before anything is written, so that a bad one leaves no half workspace.
        let registry = try loadRegistry(units)
        let settings = WorkspaceSettings.default
        do {
            try AtomicFile.write(Array(settings.yaml.utf8), to: folder.appendingPathComponent(settingsFile + ".new"))
        } catch { throw WorkspaceError(error.description) }
        let store: WorkspaceStore
        do { store = try WorkspaceStore(path: folder.appendingPathComponent(settings.storeFile).path) } catch {
            try? manager.removeItem(at: folder.appendingPathComponent(settingsFile + ".new"))
            throw WorkspaceError(error.description)
        }
        let workspace = Workspace(folder: folder, settings: settings, indicators: indicators, store: store)
        let report = try workspace.addRegistryVersion(registry, source: units, effective: nil)
        // The settings file appears last: a folder without it is not a workspace yet.
        guard rename(folder.appendingPathComponent(settingsFile + ".new").path, folder.appendingPathComponent(settingsFile).path) == 0 else {
            throw WorkspaceError("Không ghi được \(settingsFile) trong \(folder.path).")
        }
        return (workspace, report)
    }

    /// Opens an existing workspace.
    public static func open(at folder: URL, indicators: IndicatorsFolder) throws(WorkspaceError) -> Workspace {
        let settingsURL = folder.appendingPathComponent(settingsFile)
        guard FileManager.default.fileExists(atPath: settingsURL.path) else {
            throw WorkspaceError("\(folder.path) không phải không gian làm việc (thiếu \(settingsFile)); dùng `cds-report init` hoặc -w DIR.")
        }
        let settings: WorkspaceSettings
        do { settings = try WorkspaceSettings.load(from: settingsURL) } catch { throw WorkspaceError(error.description) }
        let store: WorkspaceStore
        do { store = try WorkspaceStore(path: folder.appendingPathComponent(settings.storeFile).path) } catch {
            throw WorkspaceError(error.description)
        }
        return Workspace(folder: folder, settings: settings, indicators: indicators, store: store)
    }

    // MARK: Registry versions

    static func loadRegistry(_ url: URL) throws(WorkspaceError) -> LoadedRegistry {
        do { return try RegistryLoader.loadWithNotes(from: url, displayName: url.lastPathComponent) } catch {
            throw WorkspaceError(error.description)
        }
    }

    /// `units -w DIR UNITS [--effective D]`: a new registry version; earlier ones are kept.
    public func addRegistryVersion(from url: URL, effective: Day) throws(WorkspaceError) -> RegistryVersionReport {
        try addRegistryVersion(try Self.loadRegistry(url), source: url, effective: effective)
    }

    private func addRegistryVersion(_ loaded: LoadedRegistry, source: URL, effective: Day?) throws(WorkspaceError) -> RegistryVersionReport {
        let registry = loaded.registry
        let data: Data
        do { data = try Data(contentsOf: source) } catch { throw WorkspaceError("Không đọc được \(source.path).") }
        let hash = WorkspaceStore.hash(data)
        let version: Int64
        do {
            version = try store.write { db in
                try WorkspaceStore.keep(data, hash: hash, in: db)
                try db.execute(sql: """
                    INSERT INTO registry_version(effective, loaded_at, source_name, source_hash, is_export) VALUES (?, ?, ?, ?, ?)
                    """, arguments: [effective?.description ?? "", WorkspaceStore.now(), source.lastPathComponent, hash, loaded.isExport])
                let id = db.lastInsertedRowID
                for (position, note) in loaded.notes.enumerated() {
                    try db.execute(sql: "INSERT INTO registry_note(version_id, position, row, unit_code, name, reason) VALUES (?, ?, ?, ?, ?, ?)",
                                   arguments: [id, position, note.row, note.unitCode, note.name, note.reason.rawValue])
                }
                for (position, unit) in registry.units.enumerated() {
                    try db.execute(sql: """
                        INSERT INTO registry_unit(version_id, position, code, name, kind, levels, parent_code, locality, previous_codes)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """, arguments: [id, position, unit.code, unit.name, unit.kind.rawValue, unit.levels.codes, unit.parentCode,
                                         unit.locality, unit.previousCodes.joined(separator: ";")])
                }
                return id
            }
        } catch { throw WorkspaceError(error.description) }
        return RegistryVersionReport(version: Int(version), effective: effective, registry: registry, notes: loaded.notes)
    }

    /// The registry version in force on a day: the latest whose effective date is not after it.
    public func registry(on day: Day) throws(WorkspaceError) -> Registry { try registryVersion(on: day).registry }

    /// The registry version in force on a day, with what its school list left out (`nil` notes
    /// when it was a §2 table).
    func registryVersion(on day: Day) throws(WorkspaceError) -> (id: Int64, registry: Registry, notes: [RegistryNote]?) {
        do {
            return try store.read { db in
                guard let row = try Row.fetchOne(db, sql: """
                    SELECT id, is_export FROM registry_version WHERE effective <= ? ORDER BY effective DESC, id DESC LIMIT 1
                    """, arguments: [day.description]) else {
                    throw StoreError("Không có danh mục đơn vị nào có hiệu lực vào ngày \(day.display).")
                }
                let id: Int64 = row["id"]
                var notes: [RegistryNote]?
                if (row["is_export"] as Int) != 0 {
                    notes = try Row.fetchAll(db, sql: """
                        SELECT row, unit_code, name, reason FROM registry_note WHERE version_id = ? ORDER BY position
                        """, arguments: [id]).compactMap { note in
                        RegistryNoteReason(rawValue: note["reason"]).map {
                            RegistryNote(row: note["row"], unitCode: note["unit_code"], name: note["name"], reason: $0)
                        }
                    }
                }
                return (id, try Self.registry(version: id, in: db), notes)
            }
        } catch { throw WorkspaceError(error.description) }
    }

    /// The registry a period is validated and reported on: the one in force on its reference date.
    public func registry(for period: Period) throws(WorkspaceError) -> Registry { try registry(on: period.referenceDay) }

    static func registry(version: Int64, in db: Database) throws -> Registry {
        let rows = try Row.fetchAll(db, sql: """
            SELECT code, name, kind, levels, parent_code, locality, previous_codes FROM registry_unit
            WHERE version_id = ? ORDER BY position
            """, arguments: [version])
        let units = rows.map { row in
            Unit(code: row["code"], name: row["name"], kind: UnitKind(rawValue: row["kind"]) ?? .truong,
                 levels: LevelSet((row["levels"] as String).split(separator: ";").compactMap { Level(code: String($0)) }),
                 parentCode: row["parent_code"], locality: row["locality"],
                 previousCodes: (row["previous_codes"] as String).split(separator: ";").map(String.init))
        }
        return Registry(units: units)
    }

    /// Every registry version, oldest first: (id, effective date or nil for "from the start").
    public func registryVersions() throws(WorkspaceError) -> [(id: Int64, effective: Day?, registry: Registry)] {
        do {
            return try store.read { db in
                let versions = try Row.fetchAll(db, sql: "SELECT id, effective FROM registry_version ORDER BY effective, id")
                return try versions.map { row in
                    let id: Int64 = row["id"]
                    return (id, Day(row["effective"] as String), try Self.registry(version: id, in: db))
                }
            }
        } catch { throw WorkspaceError(error.description) }
    }

    // MARK: Targets

    /// `targets -w DIR --year Y FILE`: checks the file and keeps it for the school year.
    public func setTargets(year: SchoolYear, file: URL) throws(WorkspaceError) -> TargetSet {
        let catalogue: Catalogue
        let targets: TargetSet
        do {
            catalogue = try indicators.loadCatalogue()
            targets = try TargetSet.load(from: file, displayName: file.path, catalogue: catalogue, expectedYear: year)
        } catch { throw WorkspaceError(error.description) }
        let text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
        do {
            try store.write { db in
                try db.execute(sql: "INSERT OR REPLACE INTO targets(school_year, source_name, text, set_at) VALUES (?, ?, ?, ?)",
                               arguments: [year.description, file.lastPathComponent, text, WorkspaceStore.now()])
            }
        } catch { throw WorkspaceError(error.description) }
        return targets
    }

    /// The targets of a school year: `file` if given, else those set for the year, else the defaults.
    public func targets(for year: SchoolYear, file: URL?, catalogue: Catalogue) throws(WorkspaceError) -> TargetSet {
        do {
            if let file { return try TargetSet.load(from: file, displayName: file.path, catalogue: catalogue, expectedYear: year) }
            let stored = try store.read { db in
                try Row.fetchOne(db, sql: "SELECT source_name, text FROM targets WHERE school_year = ?", arguments: [year.description])
            }
            if let stored {
                return try TargetSet.parse(stored["text"], file: "\(stored["source_name"] as String) (năm học \(year))",
                                           catalogue: catalogue, expectedYear: year)
            }
            return try indicators.defaultTargets(for: year, catalogue: catalogue)
        } catch let error as ConfigurationError {
            throw WorkspaceError(error.description)
        } catch {
            throw WorkspaceError("\(error)")
        }
    }
}

/// What loading a registry version yields, for the terminal.
public struct RegistryVersionReport: Sendable {
    public let version: Int
    public let effective: Day?
    public let registry: Registry
    /// The school list's rows left out (CONTRACT §2a), empty for a §2 table.
    public let notes: [RegistryNote]

    /// Units by kind and level, one line each.
    public var lines: [String] {
        let units = registry.units
        var lines = ["Danh mục phiên bản \(version), hiệu lực \(effective.map { "từ \($0.display)" } ?? "từ đầu"): \(units.count) đơn vị — Sở: \(registry.so.name) (\(registry.so.code))"]
        for kind in [UnitKind.phong, .xa, .truong, .trungtam] {
            let ofKind = units.filter { $0.kind == kind }
            guard !ofKind.isEmpty else { continue }
            var text = "  \(kind.rawValue): \(ofKind.count)"
            if kind.isReporting {
                let byLevel = Level.allCases.map { level in "\(level.rawValue) \(ofKind.filter { $0.levels.contains(level) }.count)" }
                text += " (" + byLevel.joined(separator: ", ") + ")"
            }
            lines.append(text)
        }
        if !notes.isEmpty { lines += RegistryNotes.lines(notes) }
        return lines
    }
}
