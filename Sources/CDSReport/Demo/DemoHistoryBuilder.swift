import Foundation

/// Builds a `DemoHistory`: the two registry versions, each unit's figures year by year, and the
/// returns of each year with their delivery dates.
struct DemoHistoryBuilder {
    static let years = ["2023-2024", "2024-2025", "2025-2026"]
    static let periodKind = "HK1"
    /// The 2025 reorganisation: registry version 2 is in force from this date.
    static let reorganisationDay = "2025-07-01"
    /// The deadline day of January (HK1: school → managing unit → Sở, 20/01).
    static let deadlineDay = 20
    /// How many days after the deadline the late return arrives.
    static let daysLate = 5

    private let seed: UInt64
    private let scale: Double
    /// Registry and reorganisation draws.
    private var rng: DemoSeededGenerator
    /// Figures, year by year.
    private var figureRng: DemoSeededGenerator
    /// Returns: roles, who submits, dates, rows.
    private var returnRng: DemoSeededGenerator

    init(seed: UInt64, unitsScale: Double) {
        self.seed = seed
        scale = unitsScale.isFinite ? unitsScale : 1
        rng = DemoSeededGenerator(seed: seed)
        figureRng = DemoSeededGenerator(seed: seed ^ 0x5DEE_CE66_D1CE_4E5B)
        returnRng = DemoSeededGenerator(seed: seed ^ 0xA076_1D64_78BD_642F)
    }

    // MARK: - The whole history

    mutating func build() -> DemoHistory {
        let v1 = DemoHistoryRegistry.version1(scale: scale, using: &rng)
        let weeks = DemoFigures.weeks(in: "2023-2024/" + Self.periodKind)

        // 2023-2024: every unit drawn as the province demo draws it.
        var first: [String: DemoHistoryState] = [:]
        for unit in v1.reportingUnits {
            first[unit.code] = DemoHistoryState.draw(levels: unit.levels, weeks: weeks, using: &figureRng)
        }
        // A few primary schools still without an Informatics room (allowed: labs 0, PCs 0).
        let primaries = v1.offices.flatMap(\.units).filter { $0.levels == [.th] }.map(\.code)
        for code in rng.shuffled(primaries).prefix(3) {
            first[code]?.levels[0].figures.computerLabs = 0
            first[code]?.levels[0].figures.pcsTeaching = 0
        }

        let plan = DemoHistoryReorganisation.choose(in: v1, states: first, using: &rng)
        let v2 = plan.version2(of: v1, using: &rng)

        // 2024-2025: the same units a year on, and two implausible jumps.
        var second: [String: DemoHistoryState] = [:]
        for unit in v1.reportingUnits {
            second[unit.code] = first[unit.code]!.nextYear(using: &figureRng)
        }
        var reserved = plan.involvedCodes
        let tripled = rng.shuffled(v1.offices.flatMap(\.units).filter {
            $0.kind == .truong && ($0.levels == [.th] || $0.levels == [.thcs]) && !reserved.contains($0.code)
        }).first
        if let tripled { reserved.insert(tripled.code) }
        // Computers halved: an upper-secondary school, or any school with a computer room.
        func computerRoom(_ unit: DemoHistoryUnit) -> Bool {
            unit.levels.count == 1 && unit.levels[0] != .mn && !reserved.contains(unit.code)
                && (first[unit.code]?.levels[0].figures.pcsTeaching ?? 0) >= 20
        }
        let halved = rng.shuffled(v1.reportingUnits.filter { computerRoom($0) && $0.levels == [.thpt] }).first
            ?? rng.shuffled(v1.reportingUnits.filter(computerRoom)).first
        var anomalies: [DemoHistory.Anomaly] = []
        if let tripled {
            anomalies.append(DemoHistory.Anomaly(
                schoolYear: Self.years[1], unitCode: tripled.code, level: tripled.levels[0].rawValue, field: "students",
                description: "\(tripled.name): số học sinh gấp ba năm trước (lỗi nhập liệu, không được sửa)"))
        }
        if let halved {
            reserved.insert(halved.code)
            // Half of last year's computers, so that the comparison's ×½ test catches it.
            let before = first[halved.code]!.levels[0].figures.pcsTeaching
            second[halved.code]!.levels[0].figures.pcsTeaching = before / 2
            anomalies.append(DemoHistory.Anomaly(
                schoolYear: Self.years[1], unitCode: halved.code, level: halved.levels[0].rawValue, field: "pcs_teaching",
                description: "\(halved.name): số máy tính giảm một nửa (\(before) → \(before / 2))"))
        }

        // 2025-2026: the units of version 2, followed from their predecessors.
        var third: [String: DemoHistoryState] = [:]
        for unit in v2.reportingUnits {
            if let merger = plan.mergers.first(where: { $0.code == unit.code }) {
                let a = second[merger.first]!.nextYear(using: &figureRng)
                let b = second[merger.second]!.nextYear(using: &figureRng)
                third[unit.code] = a.merged(with: b, levels: unit.levels)
            } else if plan.opened.contains(where: { $0.unit.code == unit.code }) {
                third[unit.code] = DemoHistoryState.draw(levels: unit.levels, weeks: weeks, using: &figureRng)
            } else {
                let old = unit.previousCodes.first ?? unit.code
                third[unit.code] = second[old]!.nextYear(using: &figureRng)
            }
        }

        var deliveries: [DemoHistory.Delivery] = []
        var nonSubmitters: [String: [String]] = [:]
        let faultPlans: [[(DemoRole, (DemoHistoryUnit) -> Bool)]] = [
            [(.moreSignaturesThanTeachers, { $0.levels == [.thcs] }),
             (.extraLevel, { $0.levels == [.th] }),
             (.lastYearsPeriod, { $0.levels == [.mn] }),
             (.notANumber(.periodsOnline, "12,5"), { $0.levels == [.thcs] }),
             (.negative, { $0.levels == [.th] }),
             (.exactCopy, { $0.levels == [.mn] })],
            [(.noClasses, { $0.levels == [.th] }),
             (.blankCode, { $0.levels == [.th] }),
             (.notABoolean, { $0.levels == [.mn] }),
             (.outOfRange(.sisModules, 7), { $0.levels == [.thcs] }),
             (.correctedCopy, { $0.levels == [.thcs] }),
             (.fiberDisagrees, { $0.levels == [.th, .thcs] })],
            [(.moreSignaturesThanTeachers, { $0.levels == [.thcs] }),
             (.extraLevel, { $0.levels == [.th] }),
             (.lastYearsPeriod, { $0.levels == [.mn] }),
             (.negative, { $0.levels == [.th] }),
             (.exactCopy, { $0.levels == [.mn] })],
        ]
        let soFaults: [DemoRole] = [.outOfRange(.cdsLevel, 4), .notANumber(.computerLabs, "hai"), .outOfRange(.cdsLevel, 4)]
        let states = [first, second, third]
        for (index, year) in Self.years.enumerated() {
            var context = YearContext(
                index: index, schoolYear: year, registry: index < 2 ? v1 : v2, isCommuneEra: index == 2,
                states: states[index], reserved: reserved,
                tripled: index == 1 ? tripled.map { ($0.code, 3 * first[$0.code]!.levels[0].figures.students) } : nil)
            if index == 2 {
                context.oldCodes = plan.renumberings.map { ($0.old, $0.new) }
            }
            let result = yearDeliveries(context, faults: faultPlans[index], soFault: soFaults[index])
            deliveries += result.deliveries
            nonSubmitters[context.period] = result.nonSubmitters
        }

        return DemoHistory(
            registries: [
                DemoHistory.RegistryVersion(effective: "", csv: v1.csv(), fileName: "units-v1.csv"),
                DemoHistory.RegistryVersion(effective: Self.reorganisationDay, csv: v2.csv(), fileName: "units-v2.csv"),
            ],
            deliveries: deliveries, years: Self.years, periodKind: Self.periodKind,
            reorganisation: DemoHistory.Reorganisation(
                mergers: plan.mergers.map {
                    DemoHistory.Reorganisation.Merger(code: $0.code, name: $0.name, previousCodes: [$0.first, $0.second].sorted())
                },
                renumberings: plan.renumberings.map { DemoHistory.Reorganisation.Renumbering(oldCode: $0.old, newCode: $0.new) },
                closed: [plan.closed].compactMap { $0 },
                opened: plan.opened.map(\.unit.code),
                movedToSo: plan.movedToSo),
            anomalies: anomalies, nonSubmitters: nonSubmitters)
    }

    // MARK: - One year's returns

    /// What one year's returns are made from.
    private struct YearContext {
        var index: Int
        var schoolYear: String
        var registry: DemoHistoryRegistry
        var isCommuneEra: Bool
        var states: [String: DemoHistoryState]
        /// Units whose story the history tells (reorganised, anomalous): they always report, cleanly.
        var reserved: Set<String>
        /// The school whose students are written three times last year's, and that figure.
        var tripled: (code: String, students: Int)?
        /// (old, new) codes of renumbered schools: one of them still writes its old code.
        var oldCodes: [(String, String)] = []

        var period: String { schoolYear + "/" + DemoHistoryBuilder.periodKind }
        var folder: String { schoolYear + "-" + DemoHistoryBuilder.periodKind }
        var secondCalendarYear: Int { (Int(schoolYear.prefix(4)) ?? 2023) + 1 }

        func date(day: Int) -> String {
            "\(secondCalendarYear)-01-\(demoPad(day, width: 2))"
        }
    }

    /// One return file: a managing unit's, or the Sở's for its own units (last).
    private struct YearFile {
        var managingUnit: String
        var name: String
        var dialect: DemoDialect
        var units: [DemoHistoryUnit]
        var isSo: Bool

        /// Files whose findings a reader would report with other text (lower-case levels,
        /// decomposed headers) carry no planted fault, so that the planned faults are exact.
        var takesFaults: Bool { !dialect.lowercaseLevels && dialect.header != .labelsNFD }
    }

    /// A planted fault before its file is rendered: `row` indexes the file's rows.
    private struct PendingFault {
        var row: Int?
        var unitCode: String
        var level: String
        var rule: String
        var severity: DemoProvince.PlannedFault.Severity
        var column: DemoField?
        var description: String
    }

    /// A file's rows before rendering, with the faults planted in them and the clean rows that
    /// fix the faults a district corrects.
    private struct FileRows {
        var rows: [DemoRow] = []
        var faults: [PendingFault] = []
        var fixes: [(row: Int, clean: DemoRow)] = []
    }

    private mutating func yearDeliveries(
        _ context: YearContext, faults: [(DemoRole, (DemoHistoryUnit) -> Bool)], soFault: DemoRole
    ) -> (deliveries: [DemoHistory.Delivery], nonSubmitters: [String]) {
        let registry = context.registry
        var files: [YearFile] = registry.offices.enumerated().map { index, office in
            YearFile(
                managingUnit: office.office.code,
                name: (context.isCommuneEra ? "xa_" : "phong_") + office.office.code + ".csv",
                dialect: DemoProvinceBuilder.dialect(forFile: index % DemoNames.districts.count),
                units: office.units, isSo: false)
        }
        files.append(YearFile(
            managingUnit: registry.so.code, name: "so_" + registry.so.code + ".csv",
            dialect: DemoProvinceBuilder.dialect(forFile: DemoNames.districts.count), units: registry.direct, isSo: true))

        // Who does what: one planted fault per file, never two in one file.
        var roles: [String: DemoRole] = [:]
        var usedFiles = Set<Int>()
        func fileIndex(of code: String) -> Int? { files.firstIndex { $0.units.contains { $0.code == code } } }
        for (old, new) in context.oldCodes {
            if let index = fileIndex(of: new), files[index].takesFaults, !usedFiles.contains(index) {
                roles[new] = .oldCode(old)
                usedFiles.insert(index)
                break
            }
        }
        var correctionFile: Int?
        let candidates = returnRng.shuffled(files.indices.filter { !files[$0].isSo && files[$0].takesFaults })
        for (position, (role, accepts)) in faults.enumerated() {
            for index in candidates where !usedFiles.contains(index) {
                let units = files[index].units.filter {
                    accepts($0) && roles[$0.code] == nil && !context.reserved.contains($0.code)
                }
                guard !units.isEmpty else { continue }
                roles[returnRng.pick(units).code] = role
                usedFiles.insert(index)
                if position == 0 { correctionFile = index }
                break
            }
        }
        let soIndex = files.count - 1
        let soUnits = files[soIndex].units.filter {
            $0.levels == [.thpt] && !$0.name.contains("chuyên") && roles[$0.code] == nil && !context.reserved.contains($0.code)
        }
        if !soUnits.isEmpty { roles[returnRng.pick(soUnits).code] = soFault }

        // About 2 % of the schools and centres send nothing at all.
        let all = registry.reportingUnits
        let quiet = returnRng.shuffled(all.filter { roles[$0.code] == nil && !context.reserved.contains($0.code) }.map(\.code))
        let nonSubmitters = Set(quiet.prefix(Int((Double(all.count) * 0.02).rounded())))

        // The rows and the bytes of each file.
        let managing = files.indices.filter { !files[$0].isSo }
        let corrected = correctionFile ?? managing[0]
        let late = returnRng.pick(managing.filter { $0 != corrected })
        let resent = returnRng.pick(managing.filter { $0 != corrected && $0 != late })
        var days: [Int] = files.map { $0.isSo ? returnRng.int(in: 15...19) : returnRng.int(in: 8...19) }
        days[resent] = returnRng.int(in: 8...15)
        days[late] = Self.deadlineDay + Self.daysLate

        var deliveries: [(order: Int, delivery: DemoHistory.Delivery)] = []
        for (index, file) in files.enumerated() {
            var content = rows(for: file, context: context, roles: roles, nonSubmitters: nonSubmitters)
            if file.dialect.noteColumn { addNote(to: &content, dialect: file.dialect) }
            let renderSeed = seed ^ (UInt64(context.index + 1) &* 0x9E37_79B9_7F4A_7C15)
                ^ (UInt64(index + 1) &* 0xC2B2_AE3D_27D4_EB4F)
            let path = context.folder + "/dot-1/" + file.name
            let original = render(content, file: file, path: path, renderSeed: renderSeed)
            let kind: DemoHistory.Delivery.Kind = index == late ? .late : .onTime
            deliveries.append((index, DemoHistory.Delivery(
                period: context.period, received: context.date(day: days[index]), files: [original.file],
                note: index == late ? "Nộp muộn \(Self.daysLate) ngày" : "Báo cáo đúng hạn", kind: kind,
                managingUnit: file.managingUnit, resends: nil, changedRows: [], plannedFaults: original.faults)))
            if index == resent {
                let again = DemoProvince.File(relativePath: context.folder + "/dot-2/" + file.name, bytes: original.file.bytes)
                deliveries.append((files.count, DemoHistory.Delivery(
                    period: context.period, received: context.date(day: days[index] + returnRng.int(in: 2...4)),
                    files: [again], note: "Gửi lại tệp đã nộp (trùng nội dung)", kind: .resend,
                    managingUnit: file.managingUnit, resends: path, changedRows: [],
                    plannedFaults: original.faults.map { $0.moved(to: again.relativePath) })))
            }
            if index == corrected {
                var fixed = content
                let changed = correct(&fixed, file: file, context: context, roles: roles)
                let correctedPath = context.folder + "/dot-3/" + file.name
                let sent = render(fixed, file: file, path: correctedPath, renderSeed: renderSeed)
                deliveries.append((files.count + 1, DemoHistory.Delivery(
                    period: context.period,
                    received: context.date(day: Self.deadlineDay + Self.daysLate + 2),
                    files: [sent.file], note: "Gửi lại sau khi sửa lỗi", kind: .corrected,
                    managingUnit: file.managingUnit, resends: path, changedRows: changed, plannedFaults: sent.faults)))
            }
        }
        deliveries.sort { ($0.delivery.received, $0.order) < ($1.delivery.received, $1.order) }
        return (deliveries.map(\.delivery), nonSubmitters.sorted())
    }

    /// Fixes the rows a district corrected: the faulty row put right, and one more figure changed
    /// after a recount (computers repaired, or pupils recounted).
    private mutating func correct(
        _ content: inout FileRows, file: YearFile, context: YearContext, roles: [String: DemoRole]
    ) -> [DemoHistory.RowKey] {
        var changed: [DemoHistory.RowKey] = []
        func key(_ row: DemoRow) -> DemoHistory.RowKey? {
            guard case .text(let code) = row[.unitCode], case .text(let level) = row[.level] else { return nil }
            return DemoHistory.RowKey(unitCode: code, level: level)
        }
        let fixedRows = Set(content.fixes.map(\.row))
        for (row, clean) in content.fixes {
            content.rows[row] = clean
            if let key = key(clean) { changed.append(key) }
        }
        content.faults.removeAll { $0.row.map(fixedRows.contains) ?? false }
        func plain(_ index: Int) -> Bool {
            let row = content.rows[index]
            guard !row.repeatsPrevious, !fixedRows.contains(index), case .text(let code) = row[.unitCode] else { return false }
            return roles[code] == nil && !context.reserved.contains(code)
                && !content.rows.enumerated().contains { $0.offset != index && $0.element.repeatsPrevious && key($0.element) == key(row) }
        }
        let withComputers = content.rows.indices.filter {
            guard plain($0), case .int(let pcs) = content.rows[$0][.pcsTeaching] else { return false }
            return pcs > 0
        }
        if !withComputers.isEmpty {
            let index = returnRng.pick(withComputers)
            if case .int(let pcs) = content.rows[index][.pcsTeaching] {
                content.rows[index][.pcsTeaching] = .int(pcs + returnRng.int(in: 4...10))
            }
            if let key = key(content.rows[index]) { changed.append(key) }
        } else if let index = content.rows.indices.first(where: plain),
                  case .int(let students) = content.rows[index][.students] {
            content.rows[index][.students] = .int(students + max(1, students / 50))
            if let key = key(content.rows[index]) { changed.append(key) }
        }
        return changed.sorted()
    }

    private func render(
        _ content: FileRows, file: YearFile, path: String, renderSeed: UInt64
    ) -> (file: DemoProvince.File, faults: [DemoProvince.PlannedFault]) {
        var renderRng = DemoSeededGenerator(seed: renderSeed)
        let rendered = DemoCSV.render(rows: content.rows, dialect: file.dialect, using: &renderRng)
        let faults = content.faults.map { fault in
            DemoProvince.PlannedFault(
                relativePath: path, row: fault.row.map { rendered.lines[$0] }, unitCode: fault.unitCode,
                level: fault.level, rule: fault.rule, severity: fault.severity,
                column: fault.column.map(file.dialect.headerName), description: fault.description)
        }.sorted { ($0.row ?? 0) < ($1.row ?? 0) }
        return (DemoProvince.File(relativePath: path, bytes: rendered.bytes), faults)
    }

    /// A clerk's note in the free-text column some offices add (`unknown_column`).
    private mutating func addNote(to content: inout FileRows, dialect: DemoDialect) {
        guard !content.rows.isEmpty else { return }
        let index = returnRng.int(in: 0...(content.rows.count - 1))
        if !content.rows[index].repeatsPrevious {
            content.rows[index][.note] = .text(DemoNames.nfc("Số liệu đã rà soát; máy tính \"cũ\" chưa thay,\nđề nghị xem xét"))
        }
        content.faults.insert(PendingFault(
            row: nil, unitCode: "", level: "", rule: "unknown_column", severity: .warning, column: .note,
            description: "the office added a free-text column \"\(dialect.headerName(.note))\" that no reader knows"), at: 0)
    }

    // MARK: - Rows

    private mutating func periodCell(_ dialect: DemoDialect, _ period: String) -> DemoCell {
        switch dialect.periods {
        case .filled: .text(period)
        case .blank: .blank
        case .mostlyFilled: returnRng.chance(0.85) ? .text(period) : .blank
        case .lowercase: .text(period.lowercased())
        }
    }

    private static func lastYearsPeriod(of period: String) -> String {
        let parts = period.split(separator: "/", maxSplits: 1).map(String.init)
        let years = parts.first?.split(separator: "-").compactMap { Int($0) } ?? []
        guard parts.count == 2, years.count == 2 else { return period }
        return "\(years[0] - 1)-\(years[1] - 1)/\(parts[1])"
    }

    /// The rows of one file, with the faults its units' roles plant, as the province demo writes them.
    private mutating func rows(
        for file: YearFile, context: YearContext, roles: [String: DemoRole], nonSubmitters: Set<String>
    ) -> FileRows {
        let dialect = file.dialect
        let period = context.period
        let weeks = DemoFigures.weeks(in: period)
        var content = FileRows()
        var appended: [(DemoRow, PendingFault)] = []
        func levelText(_ level: DemoLevel) -> String {
            dialect.lowercaseLevels ? level.rawValue.lowercased() : level.rawValue
        }
        for unit in file.units {
            guard let state = context.states[unit.code] else { continue }
            let role = roles[unit.code]
            var profile = state.profile
            if case .fiberDisagrees = role { profile.fiber = true }
            var unitRows: [DemoRow] = []
            for (level, stateFigures) in state.levels {
                var figures = stateFigures
                if unit.code == context.tripled?.code { figures.students = context.tripled!.students }
                var row = DemoRow(unit: unit.demoUnit, level: level, profile: profile, figures: figures,
                                  period: periodCell(dialect, period))
                row[.level] = .text(levelText(level))
                unitRows.append(row)
            }
            if nonSubmitters.contains(unit.code) || unitRows.isEmpty { continue }
            let clean = unitRows[0]
            let at = content.rows.count
            func fault(_ rule: String, _ column: DemoField?, _ what: String, row: Int? = nil,
                       level: String? = nil, code: String? = nil,
                       severity: DemoProvince.PlannedFault.Severity = .error) -> PendingFault {
                PendingFault(
                    row: row ?? at, unitCode: code ?? unit.code, level: level ?? levelText(unit.levels[0]),
                    rule: rule, severity: severity, column: column, description: "\(unit.code) \(unit.name): \(what)")
            }
            switch role {
            case .oldCode(let old)?:
                unitRows[0][.unitCode] = .text(old)
                content.faults.append(fault("unknown_unit", nil, "renumbered, still writes its old code \(old)", code: old))
            case .extraLevel?:
                let figures = DemoFigures.draw(level: .thcs, profile: profile, weeks: weeks, using: &returnRng)
                var extra = DemoRow(unit: unit.demoUnit, level: .thcs, profile: profile, figures: figures,
                                    period: periodCell(dialect, period))
                extra[.level] = .text(levelText(.thcs))
                unitRows.append(extra)
                content.faults.append(fault("level_not_served", nil, "a primary school sent a THCS row too",
                                            row: at + 1, level: levelText(.thcs)))
            case .lastYearsPeriod?:
                let last = Self.lastYearsPeriod(of: period)
                unitRows[0][.period] = .text(last)
                content.faults.append(fault("wrong_period", nil, "last year's period \(last) left in the row"))
            case .blankCode?:
                unitRows[0][.unitCode] = .blank
                content.faults.append(fault("missing_key", .unitCode, "its row has no unit code", code: ""))
            case .notANumber(let field, let text)?:
                unitRows[0][field] = .text(text)
                content.faults.append(fault("not_a_number", field, "\(field.rawValue) written as \"\(text)\""))
            case .notABoolean?:
                unitRows[0][.fiber] = .text(DemoNames.nfc("có lẽ"))
                content.faults.append(fault("not_a_boolean", .fiber, "fiber answered \"có lẽ\" (maybe)"))
            case .negative?:
                unitRows[0][.staffTrained] = .text("-4")
                content.faults.append(fault("negative", .staffTrained, "staff_trained written as -4"))
            case .outOfRange(let field, let value)?:
                unitRows[0][field] = .int(value)
                content.faults.append(fault("out_of_range", field, "\(field.rawValue) = \(value)"))
            case .moreSignaturesThanTeachers?:
                if case .int(let teachers) = unitRows[0][.managersTeachers] {
                    unitRows[0][.staffEsign] = .int(teachers + returnRng.int(in: 1...4))
                }
                content.faults.append(fault("exceeds_total", .staffEsign, "more e-signatures than managers and teachers"))
                content.fixes.append((at, clean))
            case .noClasses?:
                unitRows[0][.classes] = .int(0)
                content.faults.append(fault("inconsistent", .classes, "pupils reported with 0 classes"))
                content.fixes.append((at, clean))
            case .fiberDisagrees?:
                unitRows[1][.fiber] = .bool(false)
                for (offset, level) in unit.levels.enumerated() {
                    content.faults.append(fault("conflicting_unit_values", nil, "fiber yes on the TH row, no on the THCS row",
                                                row: at + offset, level: levelText(level)))
                }
            case .correctedCopy?:
                var second = unitRows[0]
                if case .int(let students) = second[.students] {
                    second[.students] = .int(students + returnRng.int(in: 5...25))
                }
                content.faults.append(fault("duplicate_conflict", nil, "first of two rows with different students"))
                appended.append((second, fault("duplicate_conflict", nil, "second row, students corrected, at the end of the file")))
            case .exactCopy?:
                var copy = unitRows[0]
                copy.repeatsPrevious = true
                unitRows.insert(copy, at: 1)
                content.faults.append(fault("duplicate_copy", nil, "the same row pasted twice", row: at + 1,
                                            severity: .warning))
            default:
                break
            }
            content.rows.append(contentsOf: unitRows)
        }
        for (row, var fault) in appended {
            fault.row = content.rows.count
            content.faults.append(fault)
            content.rows.append(row)
        }
        return content
    }
}

extension DemoProvince.PlannedFault {
    /// The same fault in a copy of its file at another path.
    func moved(to relativePath: String) -> DemoProvince.PlannedFault {
        DemoProvince.PlannedFault(
            relativePath: relativePath, row: row, unitCode: unitCode, level: level, rule: rule,
            severity: severity, column: column, description: description)
    }
}
