import Crypto
import Foundation
import GRDB

/// A store that cannot be opened or written: the command stops with exit status 1.
public struct StoreError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// The workspace's embedded store (SQLite through GRDB), in WAL mode with a busy timeout so that
/// two `ingest` processes at once wait for each other instead of failing or corrupting it.
///
/// Every input file's bytes are kept by content hash, so that any report can be made again; the
/// registry is kept by version with the date each version took effect; returns are kept in the
/// order they arrived, never overwritten.
final class WorkspaceStore: Sendable {
    let pool: DatabasePool

    /// Opens (creating if needed) the store and brings its schema up to date.
    init(path: String) throws(StoreError) {
        var configuration = Configuration()
        configuration.busyMode = .timeout(60)
        configuration.label = "cds-report"
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            try Self.migrator.migrate(pool)
        } catch {
            throw StoreError("Không mở được kho dữ liệu \(path): \(error)")
        }
    }

    /// The schema, one migration per change, from the first day.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE blob (
                    hash TEXT PRIMARY KEY NOT NULL,
                    size INTEGER NOT NULL,
                    data BLOB NOT NULL
                );
                CREATE TABLE registry_version (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    effective TEXT NOT NULL,          -- YYYY-MM-DD; '' = in force from the start
                    loaded_at TEXT NOT NULL,
                    source_name TEXT NOT NULL,
                    source_hash TEXT NOT NULL REFERENCES blob(hash)
                );
                CREATE TABLE registry_unit (
                    version_id INTEGER NOT NULL REFERENCES registry_version(id),
                    position INTEGER NOT NULL,
                    code TEXT NOT NULL,
                    name TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    levels TEXT NOT NULL,
                    parent_code TEXT NOT NULL,
                    locality TEXT NOT NULL,
                    previous_codes TEXT NOT NULL,
                    PRIMARY KEY (version_id, code)
                );
                CREATE TABLE registry_note (
                    version_id INTEGER NOT NULL REFERENCES registry_version(id),
                    position INTEGER NOT NULL,
                    row INTEGER,
                    unit_code TEXT NOT NULL,
                    name TEXT NOT NULL,
                    reason TEXT NOT NULL
                );
                CREATE TABLE return (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    period TEXT NOT NULL,
                    received TEXT NOT NULL,           -- YYYY-MM-DD, the date it reached the department
                    ingested_at TEXT NOT NULL,
                    ingested_by TEXT NOT NULL
                );
                CREATE INDEX return_period ON return(period, received, id);
                CREATE TABLE return_file (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    return_id INTEGER NOT NULL REFERENCES return(id),
                    position INTEGER NOT NULL,
                    display_name TEXT NOT NULL,
                    source_path TEXT NOT NULL,
                    period TEXT NOT NULL,
                    hash TEXT NOT NULL REFERENCES blob(hash),
                    UNIQUE (period, hash)
                );
                CREATE TABLE ingest_finding (
                    return_file_id INTEGER NOT NULL REFERENCES return_file(id),
                    position INTEGER NOT NULL,
                    sheet TEXT NOT NULL,
                    row INTEGER,
                    column TEXT NOT NULL,
                    unit_code TEXT NOT NULL,
                    level TEXT NOT NULL,
                    severity TEXT NOT NULL,
                    rule TEXT NOT NULL,
                    message TEXT NOT NULL
                );
                CREATE TABLE targets (
                    school_year TEXT PRIMARY KEY NOT NULL,
                    source_name TEXT NOT NULL,
                    text TEXT NOT NULL,
                    set_at TEXT NOT NULL
                );
                """)
        }
        // v2: whether a registry version came from the sector database's school list, so that
        // reports on it write registry_notes.csv (CONTRACT §2a) even when nothing was left out.
        migrator.registerMigration("v2-registry-source") { db in
            try db.execute(sql: "ALTER TABLE registry_version ADD COLUMN is_export INTEGER NOT NULL DEFAULT 0")
        }
        return migrator
    }

    /// The SHA-256 of some bytes, hex.
    static func hash(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    func write<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do { return try pool.write(body) } catch let error as StoreError { throw error } catch {
            throw StoreError("Lỗi ghi kho dữ liệu: \(error)")
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do { return try pool.read(body) } catch let error as StoreError { throw error } catch {
            throw StoreError("Lỗi đọc kho dữ liệu: \(error)")
        }
    }

    /// Keeps bytes under their hash (once).
    static func keep(_ data: Data, hash: String, in db: Database) throws {
        try db.execute(sql: "INSERT OR IGNORE INTO blob(hash, size, data) VALUES (?, ?, ?)", arguments: [hash, data.count, data])
    }

    static func now() -> String { ISO8601DateFormatter().string(from: Date()) }
}
