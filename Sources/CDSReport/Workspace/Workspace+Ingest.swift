import Foundation
import GRDB

/// What an `ingest` did, for the terminal.
public struct IngestReport: Sendable {
    public var returnID: Int64?
    public var stored: [String] = []
    /// Files whose exact bytes were already ingested for the period: nothing changed.
    public var alreadyStored: [String] = []
    public var validation: ValidationOutcome?

    public var lines: [String] {
        var lines: [String] = []
        if let returnID { lines.append("Đã nhận lần nộp số \(returnID): \(stored.count) tệp (\(stored.joined(separator: ", ")))") }
        for name in alreadyStored { lines.append("Bỏ qua \(name): cùng nội dung đã nhận trước đó cho kỳ này (không thay đổi gì).") }
        if let validation {
            lines.append("\(validation.accepted.count) dòng hợp lệ, \(validation.rowsRejected) dòng bị loại, \(validation.findings.count) phát hiện.")
        }
        return lines
    }
}

extension Workspace {
    /// `ingest -w DIR --period P [--received D] INPUT...`: the files form one return.
    ///
    /// Each file is kept (its bytes by content hash) in its own transaction, so a kill in the
    /// middle leaves the store as it was before that file. The same bytes for the same period
    /// again change nothing. The return is checked as `run` checks its inputs, and its findings
    /// are recorded with it.
    public func ingest(period: Period, received: Day, inputs: [String]) throws(WorkspaceError) -> IngestReport {
        let catalogue: Catalogue
        do { catalogue = try indicators.loadCatalogue() } catch { throw WorkspaceError(error.description) }
        let registry = try registry(for: period)
        let (files, missing) = InputCollection.collect(inputs, excluding: folder)
        guard missing.isEmpty else { throw WorkspaceError("Không tìm thấy: \(missing.joined(separator: ", "))") }
        guard !files.isEmpty else { throw WorkspaceError("Không có tệp báo cáo (.csv, .xlsx) nào trong \(inputs.joined(separator: ", ")).") }

        var report = IngestReport()
        var fresh: [(file: InputFile, data: Data, hash: String, input: SubmissionInput)] = []
        var seenHashes: Set<String> = []
        for file in files {
            let data: Data
            do { data = try Data(contentsOf: file.url) } catch { throw WorkspaceError("Không đọc được \(file.url.path).") }
            let hash = WorkspaceStore.hash(data)
            let known: Bool
            do {
                known = try store.read { db in
                    try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM return_file WHERE period = ? AND hash = ?)",
                                      arguments: [period.description, hash]) ?? false
                }
            } catch { throw WorkspaceError(error.description) }
            if known || !seenHashes.insert(hash).inserted {
                report.alreadyStored.append(file.displayName)
                continue
            }
            fresh.append((file, data, hash, SubmissionReader.read(data, displayName: file.displayName, catalogue: catalogue)))
        }
        guard !fresh.isEmpty else { return report }

        let validation = Validator(catalogue: catalogue, registry: registry, period: period).validate(fresh.map(\.input))
        report.validation = validation
        var returnID: Int64?
        let who = ProcessInfo.processInfo.environment["USER"] ?? ProcessInfo.processInfo.userName
        for (position, entry) in fresh.enumerated() {
            do {
                try store.write { db in
                    // The return exists from its first file on, so that a kill keeps what was kept.
                    if returnID == nil {
                        try db.execute(sql: "INSERT INTO return(period, received, ingested_at, ingested_by) VALUES (?, ?, ?, ?)",
                                       arguments: [period.description, received.description, WorkspaceStore.now(), who])
                        returnID = db.lastInsertedRowID
                    }
                    // Another process may have kept the same bytes meanwhile.
                    if try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM return_file WHERE period = ? AND hash = ?)",
                                         arguments: [period.description, entry.hash]) == true { return }
                    try WorkspaceStore.keep(entry.data, hash: entry.hash, in: db)
                    try db.execute(sql: """
                        INSERT INTO return_file(return_id, position, display_name, source_path, period, hash) VALUES (?, ?, ?, ?, ?, ?)
                        """, arguments: [returnID, position, entry.file.displayName, entry.file.url.path, period.description, entry.hash])
                    let fileID = db.lastInsertedRowID
                    for (index, finding) in validation.findings.enumerated() where finding.file == entry.file.displayName {
                        try db.execute(sql: """
                            INSERT INTO ingest_finding(return_file_id, position, sheet, row, column, unit_code, level, severity, rule, message)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                            """, arguments: [fileID, index, finding.sheet, finding.row, finding.column, finding.unitCode, finding.level,
                                             finding.severity.rawValue, finding.rule.rawValue, finding.message])
                    }
                }
            } catch { throw WorkspaceError(error.description) }
            report.stored.append(entry.file.displayName)
        }
        report.returnID = returnID
        return report
    }

    /// One stored file of a period, in the order returns count.
    struct StoredFile {
        let returnID: Int64
        let received: Day
        let displayName: String
        let data: Data
    }

    /// The period's files, ordered by the date received, then the order they were ingested.
    func storedFiles(period: Period) throws(WorkspaceError) -> [StoredFile] {
        do {
            return try store.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT r.id AS rid, r.received, f.display_name, b.data FROM return r
                    JOIN return_file f ON f.return_id = r.id JOIN blob b ON b.hash = f.hash
                    WHERE r.period = ? ORDER BY r.received, r.id, f.position
                    """, arguments: [period.description]).map { row in
                    StoredFile(returnID: row["rid"], received: Day(row["received"] as String) ?? Day(year: 1970, month: 1, day: 1)!,
                               displayName: row["display_name"], data: row["data"])
                }
            }
        } catch { throw WorkspaceError(error.description) }
    }

    /// The period's current rows as inputs for validation: for each unit and level, the rows of
    /// the latest return that gives it; earlier ones are left out (they stay in the history).
    /// Rows without a unit code or level are never superseded.
    ///
    /// Also returns, per unit code, the earliest date a return with a row for it was received.
    func currentInputs(period: Period, catalogue: Catalogue) throws(WorkspaceError) -> (inputs: [SubmissionInput], firstReceived: [String: Day]) {
        let files = try storedFiles(period: period)
        var read: [(file: StoredFile, input: SubmissionInput, keys: ReturnKeys?)] = []
        var order: [Int64: Int] = [:]
        for file in files {
            let input = SubmissionReader.read(file.data, displayName: file.displayName, catalogue: catalogue)
            var keys: ReturnKeys?
            if case .success(let table) = input.content { keys = ReturnKeys(table: table, catalogue: catalogue) }
            if order[file.returnID] == nil { order[file.returnID] = order.count }
            read.append((file, input, keys))
        }
        // The latest return (in counting order) giving each unit and level.
        var latest: [String: Int] = [:]
        var firstReceived: [String: Day] = [:]
        for entry in read {
            let rank = order[entry.file.returnID]!
            for key in entry.keys?.keys ?? [] where !key.unit.isEmpty {
                if let day = firstReceived[key.unit], day <= entry.file.received {} else { firstReceived[key.unit] = entry.file.received }
                guard !key.level.isEmpty else { continue }
                let id = key.unit + "\u{1F}" + key.level
                latest[id] = max(latest[id] ?? rank, rank)
            }
        }
        var inputs: [SubmissionInput] = []
        for entry in read {
            guard case .success(let table) = entry.input.content, let keys = entry.keys, let header = keys.headerPosition else {
                inputs.append(entry.input)
                continue
            }
            let rank = order[entry.file.returnID]!
            var dropped: Set<Int> = []
            for key in keys.keys where !key.unit.isEmpty && !key.level.isEmpty {
                if latest[key.unit + "\u{1F}" + key.level]! > rank { dropped.insert(key.position) }
            }
            if dropped.isEmpty {
                inputs.append(entry.input)
            } else if dropped.count == keys.keys.count {
                continue // every row superseded: the file no longer counts
            } else {
                let rows = table.rows.enumerated().filter { $0.offset <= header || !dropped.contains($0.offset) }.map(\.element)
                inputs.append(SubmissionInput(file: entry.input.file,
                                              content: .success(RawTable(file: table.file, sheet: table.sheet, rows: rows, isWorkbook: table.isWorkbook))))
            }
        }
        return (inputs, firstReceived)
    }
}
