import Foundation
import Testing

@testable import CDSReport

/// The synthetic province behind `cds-report demo`: deterministic, shaped like a real province,
/// and with exactly the faults it says it planted.
@Suite("Demo province")
struct DemoProvinceTests {
    static let province = DemoProvince.generate()

    // MARK: - Determinism

    @Test("the same seed gives byte-identical files")
    func sameSeedSameBytes() {
        let again = DemoProvince.generate()
        let first = Self.province
        #expect(again.registryCSV == first.registryCSV, "the registry must not depend on the run")
        #expect(again.returns == first.returns, "every return must be byte-identical for one seed")
        #expect(again.plannedFaults == first.plannedFaults)
        #expect(again.nonSubmitters == first.nonSubmitters)
        #expect(again.period == first.period)
    }

    @Test("another seed gives another province")
    func otherSeedOtherProvince() {
        let other = DemoProvince.generate(seed: 7)
        #expect(other.registryCSV != Self.province.registryCSV)
        #expect(other.returns.map(\.bytes) != Self.province.returns.map(\.bytes))
    }

    @Test("the period is written into the returns", arguments: ["2024-2025/HK1", "2023-2024/CN"])
    func periodIsUsed(period: String) throws {
        let province = DemoProvince.generate(period: period)
        #expect(province.period == period)
        let text = try #require(Self.text(of: province.returns[0].bytes))
        #expect(text.contains(period), "the first return fills its period column")
    }

    // MARK: - The registry

    @Test("the registry has the §2 header, one SO, and every parent exists")
    func registryIsWellFormed() throws {
        let rows = try Self.registryRows(Self.province)
        let header = try #require(String(data: Self.province.registryCSV, encoding: .utf8)?
            .split(separator: "\n").first)
        #expect(header == "unit_code,name,kind,levels,parent_code,locality,previous_codes")
        let kinds = Dictionary(rows.map { ($0[0], $0[2]) }, uniquingKeysWith: { first, _ in first })
        #expect(kinds.count == rows.count, "unit codes are unique")
        let so = rows.filter { $0[2] == "SO" }
        #expect(so.count == 1, "exactly one SO row")
        #expect(so.first?[4] == "", "the SO has no parent")
        for row in rows where row[2] != "SO" {
            let parentKind = kinds[row[4]]
            if row[2] == "PHONG" {
                #expect(parentKind == "SO", "\(row[0]): a PHONG's parent is the SO")
                #expect(row[3] == "", "\(row[0]): a PHONG serves no level")
            } else {
                #expect(parentKind == "PHONG" || parentKind == "SO", "\(row[0]): parent \(row[4]) must be a PHONG or the SO")
                #expect(!row[3].isEmpty, "\(row[0]): a school or centre serves at least one level")
            }
        }
        for row in rows {
            #expect(row[1] == row[1].precomposedStringWithCanonicalMapping, "\(row[0]): names are NFC")
        }
    }

    @Test("about 600 units, 15 district offices, the proportions of a real province")
    func provinceHasRealisticShape() throws {
        let rows = try Self.registryRows(Self.province)
        #expect((570...660).contains(rows.count), "\(rows.count) units")
        #expect(rows.filter { $0[2] == "PHONG" }.count == 15)
        let schools = rows.filter { $0[2] == "TRUONG" || $0[2] == "TRUNGTAM" }
        let districtRun = schools.filter { $0[4].count == 4 }
        func share(_ levels: String) -> Double {
            Double(districtRun.filter { $0[3] == levels }.count) / Double(districtRun.count)
        }
        #expect((0.28...0.42).contains(share("MN")), "about 35 % preschools")
        #expect((0.28...0.42).contains(share("TH")), "about 35 % primary schools")
        #expect((0.18...0.30).contains(share("THCS")), "about 25 % lower-secondary schools")
        for row in schools {
            #expect(row[0].count == 7 && row[0].hasPrefix("07"), "\(row[0]): a 7-digit code with leading zero")
        }
    }

    @Test("every level is served, and multi-level schools and both kinds of centre exist")
    func everyLevelAndMultiLevel() throws {
        let rows = try Self.registryRows(Self.province)
        let levels = Set(rows.flatMap { $0[3].split(separator: ";").map(String.init) })
        #expect(levels == ["MN", "TH", "THCS", "THPT", "GDTX"])
        #expect(rows.contains { $0[3] == "TH;THCS" && $0[1].hasPrefix("Trường TH&THCS") })
        #expect(rows.contains { $0[3] == "THCS;THPT" && $0[1].hasPrefix("Trường THCS&THPT") && $0[4] == "07" })
        #expect(rows.contains { $0[2] == "TRUNGTAM" && $0[3] == "GDTX" && $0[4] == "07" }, "centres the SO manages")
        #expect(rows.contains { $0[2] == "TRUNGTAM" && $0[3] == "GDTX" && $0[4].count == 4 }, "a district-run centre")
        #expect(rows.allSatisfy { $0[3] != "THPT" || $0[4] == "07" }, "THPT schools are the SO's")
    }

    // MARK: - The returns

    @Test("one return per district office and one for the SO's own units")
    func returnsPerManagingUnit() {
        let paths = Self.province.returns.map(\.relativePath)
        #expect(paths.count == 16)
        #expect(paths.contains("phong_0701/nop_0701.csv"))
        #expect(paths.contains("so/nop_truc_thuoc_so.csv"))
        #expect(Set(paths).count == paths.count)
    }

    @Test("the planted faults cover every rule of §3 and the duplicate_copy warning")
    func plannedFaultsCoverEveryRule() {
        let rules = Set(Self.province.plannedFaults.map(\.rule))
        let expected: Set<String> = [
            "unknown_unit", "level_not_served", "wrong_period", "missing_key", "not_a_number",
            "not_a_boolean", "negative", "out_of_range", "exceeds_total", "inconsistent",
            "conflicting_unit_values", "duplicate_conflict", "duplicate_copy",
        ]
        #expect(expected.isSubset(of: rules), "missing: \(expected.subtracting(rules).sorted())")
        let errors = Self.province.plannedFaults.filter { $0.severity == .error }
        #expect((10...18).contains(errors.count), "about a dozen bad rows, not \(errors.count)")
        #expect(Self.province.plannedFaults.filter { $0.rule == "duplicate_copy" }.allSatisfy { $0.severity == .warning })
    }

    @Test("each planted fault points at its row, which holds the code it names")
    func plannedFaultsPointAtTheirRows() throws {
        for fault in Self.province.plannedFaults {
            let file = try #require(Self.province.returns.first { $0.relativePath == fault.relativePath })
            let table = try #require(Self.table(file.bytes), "\(fault.relativePath) decodes")
            guard let row = fault.row else { continue }
            let record = try #require(table.records.first { $0.line == row }, "\(fault.relativePath):\(row) starts a record")
            #expect(record.value("unit_code", in: table) == fault.unitCode, "\(fault.relativePath):\(row)")
            #expect(record.value("level", in: table)?.uppercased() == fault.level, "\(fault.relativePath):\(row)")
        }
    }

    @Test("non-submitters have no row in any return, and are about 3 % of the units")
    func nonSubmittersSendNothing() throws {
        let silent = Set(Self.province.nonSubmitters)
        #expect((10...30).contains(silent.count), "\(silent.count) non-submitters")
        for file in Self.province.returns {
            let table = try #require(Self.table(file.bytes))
            for record in table.records {
                let code = record.value("unit_code", in: table) ?? ""
                #expect(!silent.contains(code), "\(code) is listed as a non-submitter but has a row in \(file.relativePath)")
            }
        }
    }

    @Test("rows that are not planted faults are internally consistent")
    func cleanRowsAreConsistent() throws {
        let planted = Set(Self.province.plannedFaults.compactMap { fault in fault.row.map { "\(fault.relativePath):\($0)" } })
        let parts = [("managers_teachers", "staff"), ("staff_esign", "managers_teachers"), ("staff_trained", "staff"),
                     ("periods_online", "periods_planned"), ("fee_payers_cashless", "fee_payers"), ("fee_payers", "students")]
        var checked = 0
        for file in Self.province.returns {
            let table = try #require(Self.table(file.bytes))
            for record in table.records where !planted.contains("\(file.relativePath):\(record.line)") {
                let here = "\(file.relativePath):\(record.line)"
                func int(_ id: String) -> Int? { record.value(id, in: table).flatMap(Self.integer) }
                for (part, whole) in parts {
                    if let p = int(part), let w = int(whole) { #expect(p <= w, "\(here): \(part) ≤ \(whole)") }
                }
                if let students = int("students"), students > 0 { #expect((int("classes") ?? 1) > 0, "\(here): classes") }
                if let pcs = int("pcs_teaching"), pcs > 0 { #expect((int("computer_labs") ?? 1) > 0, "\(here): labs") }
                if let sis = int("sis_modules") { #expect((0...5).contains(sis), "\(here): sis_modules") }
                if let cds = int("cds_level") { #expect((1...3).contains(cds), "\(here): cds_level") }
                let level = record.value("level", in: table)?.uppercased() ?? ""
                if level == "MN" || level == "TH" {
                    #expect(record.value("periods_planned", in: table) ?? "" == "", "\(here): no lesson counts at \(level)")
                }
                checked += 1
            }
        }
        #expect(checked > 550)
    }

    @Test("the returns use the dialects of §3")
    func dialectsVary() throws {
        let bytes = Self.province.returns.map { [UInt8]($0.bytes.prefix(3)) }
        #expect(bytes.filter { $0.starts(with: [0xFF, 0xFE]) }.count == 1, "one UTF-16 LE file with BOM")
        #expect(bytes.contains { $0 == [0xEF, 0xBB, 0xBF] }, "some UTF-8 with BOM")
        #expect(bytes.contains { $0.first == UInt8(ascii: "u") }, "some plain UTF-8")
        let texts = try Self.province.returns.map { try #require(Self.text(of: $0.bytes)) }
        #expect(texts.contains { $0.hasPrefix("unit_code;") })
        #expect(texts.contains { $0.hasPrefix("unit_code,") })
        #expect(texts.contains { $0.hasPrefix("Mã đơn vị") }, "some headed by Vietnamese labels")
        #expect(texts.contains { $0.contains("\r\n") })
        #expect(texts.contains { $0.contains(";Có;") } && texts.contains { $0.contains(",x,") })
        #expect(texts.contains { $0.range(of: #";\d{1,3}\.\d{3};"#, options: .regularExpression) != nil },
                "thousands grouping")
        #expect(texts.contains { $0.contains("\"Đã rà soát lại số liệu,\nđề nghị") }, "a quoted line break")
    }

    @Test("write(to:) lays out units.csv and the inbox")
    func writesFiles() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("demo-province-\(UUID().uuidString)", isDirectory: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.province.write(to: directory)
        #expect(try Data(contentsOf: directory.appendingPathComponent("units.csv")) == Self.province.registryCSV)
        for file in Self.province.returns {
            let url = directory.appendingPathComponent("inbox").appendingPathComponent(file.relativePath)
            #expect(try Data(contentsOf: url) == file.bytes, "\(file.relativePath)")
        }
    }

    // MARK: - A small reader, independent of the module's own

    private static func registryRows(_ province: DemoProvince) throws -> [[String]] {
        let text = try #require(String(data: province.registryCSV, encoding: .utf8))
        let table = try #require(parse(text, delimiter: ","))
        return table.records.map { $0.fields + Array(repeating: "", count: max(0, 7 - $0.fields.count)) }
    }

    static func text(of bytes: Data) -> String? {
        if bytes.starts(with: [0xFF, 0xFE]) { return String(data: bytes.dropFirst(2), encoding: .utf16LittleEndian) }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return String(data: bytes.dropFirst(3), encoding: .utf8) }
        return String(data: bytes, encoding: .utf8)
    }

    struct Table {
        var header: [String]
        var records: [Record]
    }

    struct Record {
        var line: Int
        var fields: [String]

        func value(_ id: String, in table: Table) -> String? {
            guard let field = DemoField(rawValue: id) else { return nil }
            let names = [field.rawValue, field.label].map { $0.precomposedStringWithCanonicalMapping.lowercased() }
            guard let index = table.header.firstIndex(where: {
                names.contains($0.precomposedStringWithCanonicalMapping.trimmingCharacters(in: .whitespaces).lowercased())
            }), index < fields.count else { return nil }
            return fields[index].trimmingCharacters(in: .whitespaces)
        }
    }

    static func table(_ bytes: Data) -> Table? {
        guard let text = text(of: bytes) else { return nil }
        let firstLine = text.prefix { $0 != "\n" && $0 != "\r\n" }
        let delimiter: Character = firstLine.filter { $0 == ";" }.count > 5 ? ";" : ","
        return parse(text, delimiter: delimiter)
    }

    /// RFC 4180 with either delimiter; each record keeps the line it starts on (header = 1).
    static func parse(_ text: String, delimiter: Character) -> Table? {
        var rows: [Record] = []
        var fields: [String] = []
        var field = ""
        var quoted = false
        var line = 1
        var start = 1
        for character in text {
            if quoted {
                if character == "\"" { quoted = false } else { field.append(character) }
                if character == "\n" || character == "\r\n" { line += 1 }
                continue
            }
            switch character {
            case "\"":
                if !field.isEmpty { field.append("\"") }  // a doubled quote inside a quoted field
                quoted = true
            case delimiter:
                fields.append(field); field = ""
            case "\n", "\r\n":
                fields.append(field); field = ""
                rows.append(Record(line: start, fields: fields)); fields = []
                line += 1; start = line
            default:
                field.append(character)
            }
        }
        if !field.isEmpty || !fields.isEmpty { fields.append(field); rows.append(Record(line: start, fields: fields)) }
        guard let header = rows.first else { return nil }
        return Table(header: header.fields, records: Array(rows.dropFirst()))
    }

    /// An integer with optional thousands grouping (`1.234`, `1,234`).
    static func integer(_ text: String) -> Int? {
        if let value = Int(text) { return value }
        for separator in [".", ","] where text.contains(separator) {
            let groups = text.split(separator: Character(separator), omittingEmptySubsequences: false)
            guard let head = groups.first, (1...3).contains(head.count),
                  groups.dropFirst().allSatisfy({ $0.count == 3 }) else { continue }
            return Int(groups.joined())
        }
        return nil
    }
}
