import Foundation

/// What a unit's rows do in the demo besides reporting cleanly.
enum DemoRole: Sendable {
    /// A renumbered school that still writes its old code (`unknown_unit`).
    case oldCode(String)
    /// A primary school that also sends a THCS row (`level_not_served`).
    case extraLevel
    /// Last year's period left in the row (`wrong_period`).
    case lastYearsPeriod
    /// The unit code cell left empty (`missing_key`).
    case blankCode
    /// A figure written as a decimal or as words (`not_a_number`).
    case notANumber(DemoField, String)
    /// A yes/no field answered with something else (`not_a_boolean`).
    case notABoolean
    /// A negative count (`negative`).
    case negative
    /// A per-unit code outside its range (`out_of_range`).
    case outOfRange(DemoField, Int)
    /// More e-signatures than managers and teachers (`exceeds_total`).
    case moreSignaturesThanTeachers
    /// Pupils and no classes (`inconsistent`).
    case noClasses
    /// A TH&THCS school whose two rows disagree on fibre (`conflicting_unit_values`).
    case fiberDisagrees
    /// The row sent again, corrected, at the end of the file (`duplicate_conflict`).
    case correctedCopy
    /// The row pasted twice (`duplicate_copy`).
    case exactCopy
    /// A multi-level school that gives `inspected` on its first level row only (allowed).
    case inspectedOnFirstRowOnly
    /// A primary school with pupils and no computer room (allowed: labs 0, PCs 0).
    case noComputers
    /// A school that formed by merging two, listing both old codes in the registry.
    case merged
}

/// Builds a `DemoProvince` step by step from one seeded generator.
struct DemoProvinceBuilder {
    private var rng: DemoSeededGenerator
    private let period: String
    private var registry: DemoRegistry
    private var roles: [String: DemoRole] = [:]
    private var nonSubmitters: Set<String> = []
    private var pending: [PendingFault] = []

    private struct PendingFault {
        var file: Int
        var row: Int
        var unitCode: String
        var level: String
        var rule: String
        var severity: DemoProvince.PlannedFault.Severity
        var column: DemoField?
        var description: String
    }

    /// The folders of the inbox, one per managing unit (the Sở's own last).
    private static let soFileIndex = DemoNames.districts.count

    init(seed: UInt64, period: String) {
        rng = DemoSeededGenerator(seed: seed)
        self.period = period
        registry = DemoRegistry.build(using: &rng)
    }

    /// How each return is written. The index is the district's (the Sở's own is last); the files
    /// cover every dialect CONTRACT §3 accepts.
    static func dialect(forFile index: Int) -> DemoDialect {
        var d = DemoDialect()
        switch index {
        case 0: d.booleans = .excel
        case 1: d = semicolonBOM(); d.periods = .mostlyFilled
        case 2: d.header = .labels
        case 3: d.encoding = .utf16LEBOM; d.lineEnding = "\r\n"; d.booleans = .mixed
        case 4: d.encoding = .utf8BOM; d.lineEnding = "\r\n"; d.booleans = .cross; d.periods = .blank
        case 5: d = semicolonBOM(); d.header = .labels; d.periods = .mostlyFilled
        case 6: d.booleans = .digits; d.noteColumn = true
        case 7: d = semicolonBOM(); d.booleans = .ascii; d.periods = .lowercase; d.lowercaseLevels = true
        case 8: d.booleans = .mixed; d.grouping = .comma
        case 9: d = semicolonBOM(); d.header = .labelsNFD
        case 10: d.booleans = .english; d.periods = .mostlyFilled; d.reorderedColumns = true
        case 11: d = semicolonBOM()
        case 12: d.booleans = .excel; d.periods = .blank
        case 13: d.header = .labels; d.encoding = .utf8BOM; d.lineEnding = "\r\n"; d.booleans = .mixed
                 d.periods = .mostlyFilled
        case 14: d.booleans = .digits
        default: d = semicolonBOM(); d.header = .labels; d.periods = .mostlyFilled
        }
        return d
    }

    /// Excel's "CSV UTF-8" in a Vietnamese locale: BOM, `;`, CRLF, `1.234`.
    private static func semicolonBOM() -> DemoDialect {
        DemoDialect(encoding: .utf8BOM, delimiter: ";", lineEnding: "\r\n", grouping: .dot)
    }

    /// The files whose faults would be reported with text other than the canonical one
    /// (lower-case levels, decomposed headers) carry none, so that `plannedFaults` is exact.
    private static let filesWithoutFaults: Set<Int> = [7, 9]

    mutating func build() -> DemoProvince {
        assignRoles()
        var files: [DemoProvince.File] = []
        var rowLines: [[Int]] = []
        let fileCount = registry.districts.count + 1
        for index in 0..<fileCount {
            let dialect = Self.dialect(forFile: index)
            let units = index < registry.districts.count ? registry.districts[index].units : registry.direct
            var rows = rows(for: units, file: index, dialect: dialect)
            if dialect.noteColumn { addNotes(to: &rows) }
            let rendered = DemoCSV.render(rows: rows, dialect: dialect, using: &rng)
            files.append(DemoProvince.File(relativePath: Self.path(forFile: index), bytes: rendered.bytes))
            rowLines.append(rendered.lines)
        }
        var faults = pending.map { fault -> DemoProvince.PlannedFault in
            let dialect = Self.dialect(forFile: fault.file)
            return DemoProvince.PlannedFault(
                relativePath: Self.path(forFile: fault.file), row: rowLines[fault.file][fault.row],
                unitCode: fault.unitCode, level: fault.level, rule: fault.rule, severity: fault.severity,
                column: fault.column.map(dialect.headerName), description: fault.description)
        }
        if let noteFile = (0..<fileCount).first(where: { Self.dialect(forFile: $0).noteColumn }) {
            faults.append(DemoProvince.PlannedFault(
                relativePath: Self.path(forFile: noteFile), row: nil, unitCode: "", level: "",
                rule: "unknown_column", severity: .warning, column: DemoField.note.rawValue,
                description: "the district added a free-text column \"ghi_chu\" that no reader knows"))
        }
        faults.sort { ($0.relativePath, $0.row ?? 0) < ($1.relativePath, $1.row ?? 0) }
        return DemoProvince(
            registryCSV: registry.csv(), returns: files, period: period, plannedFaults: faults,
            nonSubmitters: nonSubmitters.sorted())
    }

    static func path(forFile index: Int) -> String {
        guard index < DemoNames.districts.count else { return "so/nop_truc_thuoc_so.csv" }
        let code = DemoRegistry.soCode + demoPad(index + 1, width: 2)
        return "phong_\(code)/nop_\(code).csv"
    }

    // MARK: - Who does what

    private mutating func assignRoles() {
        // One district per planted fault, never two in one district, so that each return is a
        // plausible office's work: a few slips, not a catalogue.
        let districtFaults: [(DemoRole, (DemoUnit) -> Bool)] = [
            (.oldCode(""), { $0.levels == [.thcs] }),
            (.extraLevel, { $0.levels == [.th] }),
            (.lastYearsPeriod, { $0.levels == [.mn] }),
            (.blankCode, { $0.levels == [.th] }),
            (.notANumber(.periodsOnline, "12,5"), { $0.levels == [.thcs] }),
            (.notABoolean, { $0.levels == [.mn] }),
            (.negative, { $0.levels == [.th] }),
            (.outOfRange(.sisModules, 7), { $0.levels == [.thcs] }),
            (.moreSignaturesThanTeachers, { $0.levels == [.thcs] }),
            (.noClasses, { $0.levels == [.th] }),
            (.fiberDisagrees, { $0.levels == [.th, .thcs] }),
            (.correctedCopy, { $0.levels == [.thcs] }),
            (.exactCopy, { $0.levels == [.mn] }),
        ]
        let eligible = rng.shuffled(
            Array(registry.districts.indices).filter { !Self.filesWithoutFaults.contains($0) })
        for ((role, accepts), district) in zip(districtFaults, eligible) {
            guard let code = pickUnit(in: registry.districts[district].units, where: accepts) else { continue }
            if case .oldCode = role {
                let old = DemoRegistry.soCode + demoPad(district + 1, width: 2) + "9" + demoPad(rng.int(in: 1...49), width: 2)
                roles[code] = .oldCode(old)
                updateUnit(code) { $0.previousCodes = [old] }
            } else {
                roles[code] = role
            }
        }
        let direct = registry.direct
        for role in [DemoRole.notANumber(.computerLabs, "hai"), .outOfRange(.cdsLevel, 4)] {
            if let code = pickUnit(in: direct, where: { $0.levels == [.thpt] && !$0.name.contains("chuyên") }) {
                roles[code] = role
            }
        }
        // Allowed oddities that readers must not reject.
        let allUnits = registry.reportingUnits
        for _ in 0..<2 {
            if let code = pickUnit(in: allUnits, where: { $0.levels == [.th, .thcs] }) {
                roles[code] = .merged
                let district = String(code.prefix(4))
                let first = rng.int(in: 50...97)
                updateUnit(code) { $0.previousCodes = [district + "9" + demoPad(first, width: 2), district + "9" + demoPad(first + 1, width: 2)] }
            }
        }
        if let code = pickUnit(in: allUnits, where: { $0.isMultiLevel }) {
            roles[code] = .inspectedOnFirstRowOnly
        }
        for _ in 0..<4 {
            if let code = pickUnit(in: allUnits, where: { $0.levels == [.th] }) { roles[code] = .noComputers }
        }
        // About 3 % of the schools and centres send nothing at all.
        let quiet = rng.shuffled(allUnits.filter { roles[$0.code] == nil }.map(\.code))
        let count = Int((Double(allUnits.count) * 0.03).rounded())
        nonSubmitters = Set(quiet.prefix(count))
    }

    /// A random unit of `units` that satisfies `accepts` and has no role yet.
    private mutating func pickUnit(in units: [DemoUnit], where accepts: (DemoUnit) -> Bool) -> String? {
        let candidates = units.filter { accepts($0) && roles[$0.code] == nil }
        guard !candidates.isEmpty else { return nil }
        return rng.pick(candidates).code
    }

    private mutating func updateUnit(_ code: String, _ change: (inout DemoUnit) -> Void) {
        for d in registry.districts.indices {
            if let u = registry.districts[d].units.firstIndex(where: { $0.code == code }) {
                change(&registry.districts[d].units[u])
                return
            }
        }
        if let u = registry.direct.firstIndex(where: { $0.code == code }) { change(&registry.direct[u]) }
    }

    // MARK: - Rows

    private var lastYearsPeriod: String {
        let parts = period.split(separator: "/", maxSplits: 1).map(String.init)
        let years = parts.first?.split(separator: "-").compactMap { Int($0) } ?? []
        if parts.count == 2, years.count == 2 {
            return "\(years[0] - 1)-\(years[1] - 1)/\(parts[1])"
        }
        return period == "2023-2024/HK1" ? "2022-2023/HK1" : "2023-2024/HK1"
    }

    private mutating func periodCell(_ dialect: DemoDialect) -> DemoCell {
        switch dialect.periods {
        case .filled: .text(period)
        case .blank: .blank
        case .mostlyFilled: rng.chance(0.85) ? .text(period) : .blank
        case .lowercase: .text(period.lowercased())
        }
    }

    private mutating func rows(for units: [DemoUnit], file: Int, dialect: DemoDialect) -> [DemoRow] {
        let weeks = DemoFigures.weeks(in: period)
        var rows: [DemoRow] = []
        var appended: [(DemoRow, PendingFault)] = []
        func levelText(_ level: DemoLevel) -> String {
            dialect.lowercaseLevels ? level.rawValue.lowercased() : level.rawValue
        }
        for unit in units {
            // Draw every unit's figures, even a silent one's, so that who submits does not
            // shift the figures of the others.
            var profile = DemoProfile.draw(using: &rng)
            let role = roles[unit.code]
            if case .fiberDisagrees = role { profile.fiber = true }
            let share = unit.isMultiLevel ? 0.55 : 1
            var unitRows: [DemoRow] = []
            for level in unit.levels {
                var noComputers = false
                if case .noComputers = role { noComputers = true }
                let figures = DemoFigures.draw(
                    level: level, profile: profile, weeks: weeks, share: share, noComputers: noComputers, using: &rng)
                var row = DemoRow(unit: unit, level: level, profile: profile, figures: figures, period: periodCell(dialect))
                row[.level] = .text(levelText(level))
                unitRows.append(row)
            }
            if nonSubmitters.contains(unit.code) { continue }
            func fault(_ rule: String, _ column: DemoField?, _ what: String, row: Int? = nil,
                       level: String? = nil, code: String? = nil,
                       severity: DemoProvince.PlannedFault.Severity = .error) -> PendingFault {
                PendingFault(
                    file: file, row: row ?? rows.count, unitCode: code ?? unit.code, level: level ?? unit.levels[0].rawValue,
                    rule: rule, severity: severity, column: column, description: "\(unit.code) \(unit.name): \(what)")
            }
            switch role {
            case .oldCode(let old)?:
                unitRows[0][.unitCode] = .text(old)
                pending.append(fault("unknown_unit", nil, "renumbered, still writes its old code \(old)", code: old))
            case .extraLevel?:
                let figures = DemoFigures.draw(level: .thcs, profile: profile, weeks: weeks, using: &rng)
                var extra = DemoRow(unit: unit, level: .thcs, profile: profile, figures: figures, period: periodCell(dialect))
                extra[.level] = .text(levelText(.thcs))
                unitRows.append(extra)
                pending.append(fault("level_not_served", nil, "a primary school sent a THCS row too",
                                     row: rows.count + 1, level: "THCS"))
            case .lastYearsPeriod?:
                unitRows[0][.period] = .text(lastYearsPeriod)
                pending.append(fault("wrong_period", nil, "last year's period \(lastYearsPeriod) left in the row"))
            case .blankCode?:
                unitRows[0][.unitCode] = .blank
                pending.append(fault("missing_key", .unitCode, "its row has no unit code", code: ""))
            case .notANumber(let field, let text)?:
                unitRows[0][field] = .text(text)
                pending.append(fault("not_a_number", field, "\(field.rawValue) written as \"\(text)\""))
            case .notABoolean?:
                unitRows[0][.fiber] = .text("có lẽ")
                pending.append(fault("not_a_boolean", .fiber, "fiber answered \"có lẽ\" (maybe)"))
            case .negative?:
                unitRows[0][.staffTrained] = .text("-4")
                pending.append(fault("negative", .staffTrained, "staff_trained written as -4"))
            case .outOfRange(let field, let value)?:
                unitRows[0][field] = .int(value)
                pending.append(fault("out_of_range", field, "\(field.rawValue) = \(value)"))
            case .moreSignaturesThanTeachers?:
                if case .int(let teachers) = unitRows[0][.managersTeachers] {
                    unitRows[0][.staffEsign] = .int(teachers + rng.int(in: 1...4))
                }
                pending.append(fault("exceeds_total", .staffEsign, "more e-signatures than managers and teachers"))
            case .noClasses?:
                unitRows[0][.classes] = .int(0)
                pending.append(fault("inconsistent", .classes, "pupils reported with 0 classes"))
            case .fiberDisagrees?:
                unitRows[1][.fiber] = .bool(false)
                for (offset, levelRow) in unit.levels.enumerated() {
                    pending.append(fault("conflicting_unit_values", nil, "fiber yes on the TH row, no on the THCS row",
                                         row: rows.count + offset, level: levelRow.rawValue))
                }
            case .correctedCopy?:
                var corrected = unitRows[0]
                if case .int(let students) = corrected[.students] {
                    corrected[.students] = .int(students + rng.int(in: 5...25))
                }
                pending.append(fault("duplicate_conflict", nil, "first of two rows with different students"))
                appended.append((corrected, fault("duplicate_conflict", nil, "second row, students corrected, at the end of the file")))
            case .exactCopy?:
                var copy = unitRows[0]
                copy.repeatsPrevious = true
                unitRows.append(copy)
                pending.append(fault("duplicate_copy", nil, "the same row pasted twice", row: rows.count + 1,
                                     severity: .warning))
            case .inspectedOnFirstRowOnly?:
                for index in unitRows.indices.dropFirst() { unitRows[index][.inspected] = .blank }
            case .noComputers?, .merged?, nil:
                break
            }
            rows.append(contentsOf: unitRows)
        }
        for (row, var fault) in appended {
            fault.row = rows.count
            pending.append(fault)
            rows.append(row)
        }
        return rows
    }

    /// Free-text notes as district clerks write them: a line break, the delimiter, quotes.
    private mutating func addNotes(to rows: inout [DemoRow]) {
        let notes = [
            "Đã rà soát lại số liệu,\nđề nghị Phòng xác nhận",
            "Phòng máy hỏng 5 máy; chờ kinh phí sửa chữa",
            "Đang dùng phần mềm \"SMAS\" cho học bạ số",
        ]
        let picks = rng.shuffled(Array(rows.indices)).prefix(notes.count).sorted()
        for (index, note) in zip(picks, notes) {
            rows[index][.note] = .text(DemoNames.nfc(note))
        }
    }
}
