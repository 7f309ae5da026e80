import CDSReport
import Foundation
import Testing
import TestSupport

/// Targets files (CONTRACT §4a): every mistake stops the run naming the file and the line; a valid
/// file replaces the defaults entirely; the shipped files load and agree with the contract.
@Suite("Targets files")
struct TargetsFileTests {
    static let year = SchoolYear("2024-2025")

    static func parse(_ text: String) throws -> TargetSet {
        try TargetSet.parse(text, file: "ke-hoach.yaml", catalogue: try Repository.catalogue(), expectedYear: year)
    }

    struct BadFile: Sendable, CustomTestStringConvertible {
        let what: String
        let text: String
        let line: Int
        var testDescription: String { what }
    }

    static let badFiles: [BadFile] = [
        BadFile(what: "unknown top-level key", text: """
            plan: "P"
            school_year: 2024-2025
            owner: "Sở"
            targets:
              - indicator: esign_coverage
                target: ">= 1"
            """, line: 3),
        BadFile(what: "unknown key in an entry", text: """
            plan: "P"
            targets:
              - indicator: esign_coverage
                target: ">= 1"
                goal: 1
            """, line: 5),
        BadFile(what: "unknown indicator", text: """
            plan: "P"
            targets:
              - indicator: esign_coverage
                target: ">= 1"
              - indicator: online
                target: ">= 0.1"
            """, line: 5),
        BadFile(what: "unknown level", text: """
            plan: "P"
            targets:
              - indicator: esign_coverage
                levels: [TH, C2]
                target: ">= 1"
            """, line: 4),
        BadFile(what: "level the indicator does not apply to", text: """
            plan: "P"
            targets:
              - indicator: online_share
                levels:
                  - THCS
                  - MN
                target: ">= 0.1"
            """, line: 6),
        BadFile(what: "level named twice in one entry", text: """
            plan: "P"
            targets:
              - indicator: esign_coverage
                levels: [TH, th]
                target: ">= 1"
            """, line: 4),
        BadFile(what: "level named twice across entries", text: """
            plan: "P"
            targets:
              - indicator: students_per_pc
                levels: [TH, THCS]
                target: "<= 2"
              - indicator: students_per_pc
                levels:
                  - THPT
                  - THCS
                target: "<= 1"
            """, line: 9),
        BadFile(what: "malformed target (no operator)", text: """
            plan: "P"
            targets:
              - indicator: esign_coverage
                target: "1.0"
            """, line: 4),
        BadFile(what: "malformed target (> alone)", text: """
            plan: "P"
            targets:
              - indicator: esign_coverage
                target: "> 0.9"
            """, line: 4),
        BadFile(what: "malformed target (not a decimal)", text: """
            plan: "P"
            targets:
              - indicator: esign_coverage
                target: ">= 90%"
            """, line: 4),
        BadFile(what: "malformed target (decimal comma)", text: """
            plan: "P"
            targets:
              - indicator: esign_coverage
                target: ">= 0,9"
            """, line: 4),
        BadFile(what: "unquoted >= is YAML syntax", text: """
            plan: "P"
            targets:
              - indicator: esign_coverage
                target: >= 0.9
            """, line: 4),
        BadFile(what: "average on a <= target", text: """
            plan: "P"
            targets:
              - indicator: students_per_pc
                target: "<= 2"
                basis: average
            """, line: 5),
        BadFile(what: "unknown basis", text: """
            plan: "P"
            targets:
              - indicator: esign_coverage
                target: ">= 1"
                basis: mean
            """, line: 5),
        BadFile(what: "two bases for one indicator", text: """
            plan: "P"
            targets:
              - indicator: esign_coverage
                levels: [TH]
                target: ">= 1"
                basis: average
              - indicator: esign_coverage
                levels: [THCS]
                target: ">= 1"
                basis: each_unit
            """, line: 7),
        BadFile(what: "school_year other than the run's", text: """
            plan: "P"
            school_year: 2023-2024
            targets:
              - indicator: esign_coverage
                target: ">= 1"
            """, line: 2),
        BadFile(what: "malformed school_year", text: """
            # comment
            plan: "P"
            school_year: 2024-2026
            targets: []
            """, line: 3),
        BadFile(what: "missing plan", text: """
            targets:
              - indicator: esign_coverage
                target: ">= 1"
            """, line: 1),
        BadFile(what: "missing targets", text: """
            plan: "P"
            school_year: 2024-2025
            """, line: 1),
        BadFile(what: "missing indicator in an entry", text: """
            plan: "P"
            targets:
              - target: ">= 1"
                levels: [TH]
            """, line: 3),
    ]

    @Test("a mistake in a targets file is a ConfigurationError naming the file and the line", arguments: badFiles)
    func badFile(_ bad: BadFile) throws {
        let error = #expect(throws: ConfigurationError.self) { try Self.parse(bad.text) }
        #expect(error?.file == "ke-hoach.yaml")
        #expect(error?.line == bad.line, "\(String(describing: error))")
        #expect(error?.description.hasPrefix("ke-hoach.yaml:\(bad.line): ") == true, "\(String(describing: error))")
    }

    @Test("a file that cannot be read names the file, line 1")
    func missingFile() throws {
        let folder = try TemporaryDirectory()
        let error = #expect(throws: ConfigurationError.self) {
            try TargetSet.load(from: folder.path("none.yaml"), displayName: "none.yaml", catalogue: try Repository.catalogue(),
                               expectedYear: Self.year)
        }
        #expect(error?.description.hasPrefix("none.yaml:1: ") == true)
    }

    @Test("a valid file replaces the defaults entirely; levels match in any case; no basis means each_unit")
    func replacesDefaults() throws {
        let catalogue = try Repository.catalogue()
        let set = try Self.parse("""
            plan: "Kế hoạch riêng"
            targets:
              - indicator: esign_coverage
                levels: [th, Thcs]
                target: ">=0.75"
            """)
        let esign = try #require(catalogue.indicator(id: "esign_coverage"))
        #expect(set.plan == "Kế hoạch riêng")
        #expect(set.target(indicator: esign, level: .th)?.description == ">=0.75")
        #expect(set.target(indicator: esign, level: .thcs)?.description == ">=0.75")
        #expect(set.target(indicator: esign, level: .mn) == nil, "a level the file does not name has no target")
        #expect(set.basis(indicator: esign) == .eachUnit)
        for (index, indicator) in catalogue.indicators.enumerated() where indicator.id != "esign_coverage" {
            for level in Level.allCases {
                #expect(set.target(indicator: index, level: level) == nil, "\(indicator.id) \(level.rawValue) must have no target")
            }
        }
    }

    @Test("an entry without levels covers every level of the indicator")
    func entryWithoutLevels() throws {
        let catalogue = try Repository.catalogue()
        let set = try Self.parse("plan: \"P\"\ntargets:\n  - indicator: online_share\n    target: \">= 0.2\"\n")
        let online = try #require(catalogue.indicator(id: "online_share"))
        #expect([Level.thcs, .thpt, .gdtx].allSatisfy { set.target(indicator: online, level: $0)?.description == ">=0.2" })
        #expect(set.target(indicator: online, level: .th) == nil)
    }

    // MARK: The shipped files

    /// The default targets of CONTRACT §4 (plan 1115/KH-SGDĐT).
    static let contractDefaults: [(indicator: String, levels: [Level], target: String, basis: TargetBasis)] = [
        ("online_share", [.thcs, .thpt], ">=0.1", .average),
        ("cashless_units", Level.allCases, ">=1", .eachUnit),
        ("students_per_pc", [.th, .thcs], "<=2", .eachUnit),
        ("students_per_pc", [.thpt], "<=1", .eachUnit),
        ("esign_coverage", Level.allCases, ">=1", .eachUnit),
        ("sis_complete_units", Level.allCases, ">=1", .eachUnit),
        ("inspected_units", Level.allCases, ">=0.3", .average),
    ]

    static func shippedTargetFiles() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: Repository.indicators.appendingPathComponent("targets").path)
            .filter { $0.hasSuffix(".yaml") }.sorted()
    }

    @Test("each shipped default targets file loads for its year and holds exactly the contract's default targets")
    func shippedDefaults() throws {
        let catalogue = try Repository.catalogue()
        let files = try Self.shippedTargetFiles()
        #expect(files.contains("2024-2025.yaml"))
        for file in files {
            let year = try #require(SchoolYear(String(file.dropLast(5))), "\(file) is named after its school year")
            let set = try TargetSet.load(from: Repository.indicators.appendingPathComponent("targets/\(file)"), displayName: file,
                                         catalogue: catalogue, expectedYear: year)
            var expected: [String: String] = [:]
            for entry in Self.contractDefaults {
                let index = try #require(catalogue.indicator(id: entry.indicator))
                #expect(set.basis(indicator: index) == entry.basis, "\(file): \(entry.indicator)")
                for level in entry.levels { expected["\(entry.indicator) \(level.rawValue)"] = entry.target }
            }
            for (index, indicator) in catalogue.indicators.enumerated() {
                for level in Level.allCases {
                    let key = "\(indicator.id) \(level.rawValue)"
                    #expect(set.target(indicator: index, level: level)?.description == expected[key], "\(file): \(key)")
                }
            }
        }
    }

    @Test("a school year without its own file gets the 2024-2025 defaults")
    func otherYearsGetDefaults() throws {
        let catalogue = try Repository.catalogue()
        let set = try Repository.indicatorsFolder.defaultTargets(for: SchoolYear(firstYear: 2031), catalogue: catalogue)
        let reference = try Repository.defaultTargets(catalogue: catalogue)
        for index in catalogue.indicators.indices {
            #expect(set.basis(indicator: index) == reference.basis(indicator: index))
            for level in Level.allCases {
                #expect(set.target(indicator: index, level: level) == reference.target(indicator: index, level: level))
            }
        }
    }

    @Test("the second plan (seed 003) loads for any school year with its targets")
    func secondPlan() throws {
        let catalogue = try Repository.catalogue()
        let url = Repository.indicators.appendingPathComponent("plans/ba-ria-vung-tau-2025.yaml")
        for year in ["2024-2025", "2025-2026"] {
            let set = try TargetSet.load(from: url, catalogue: catalogue, expectedYear: SchoolYear(year))
            for (id, target) in [("cashless_payers", ">=0.95"), ("staff_trained_share", ">=1"), ("fiber_units", ">=1"),
                                 ("digital_records_units", ">=1"), ("cashless_units", ">=1")] {
                let index = try #require(catalogue.indicator(id: id))
                #expect(set.target(indicator: index, level: .th)?.description == target, "\(id)")
            }
        }
    }

    @Test("the worked example's targets file loads")
    func exampleTargets() throws {
        let url = Repository.sharedExample.appendingPathComponent("targets.yaml")
        try #require(FileManager.default.fileExists(atPath: url.path), "shared/example must sit beside the clone")
        _ = try TargetSet.load(from: url, catalogue: try Repository.catalogue(), expectedYear: Self.year)
    }
}

/// The catalogue (`Indicators/catalogue.yaml`): it loads, agrees with the contract's columns, and
/// rejects unknown keys naming the line.
@Suite("The catalogue")
struct CatalogueTests {
    @Test("the shipped catalogue loads with the §3 columns, labels and levels in order")
    func loads() throws {
        let catalogue = try Repository.catalogue()
        // The §3 columns in order, plus `unit_name`: an informational column (the school's name,
        // as templates show it) that is read without a warning and never validated.
        let informational: Set<String> = ["unit_name"]
        #expect(catalogue.elements.map(\.id).filter { !informational.contains($0) } == ReturnCSV.columns)
        let name = try #require(catalogue.element(id: "unit_name"))
        #expect(catalogue.elements[name].type == .text && !catalogue.elements[name].isValue)
        #expect(catalogue.elements[name].label == "Tên đơn vị")
        for element in catalogue.elements where !informational.contains(element.id) {
            #expect(element.label == ReturnCSV.labels[element.id], "\(element.id)")
            if let levels = ReturnCSV.levelsOf[element.id] {
                #expect(Set(element.levels.map(\.rawValue)) == levels, "\(element.id)")
            }
        }
        let perUnit = Set(catalogue.elements.filter(\.perUnit).map(\.id))
        #expect(perUnit == ["cashless", "fiber", "sis_modules", "digital_records", "cds_level", "inspected"])
        #expect(catalogue.elements[try #require(catalogue.element(id: "sis_modules"))].range == 0...5)
        #expect(catalogue.elements[try #require(catalogue.element(id: "cds_level"))].range == 1...3)
    }

    /// The catalogue's text with `line` inserted after line `after` (1-based).
    static func catalogue(inserting line: String, after: Int) throws -> String {
        var lines = try Repository.indicatorsText("catalogue.yaml").components(separatedBy: "\n")
        lines.insert(line, at: after)
        return lines.joined(separator: "\n")
    }

    static func lineNumber(of text: String) throws -> Int {
        let lines = try Repository.indicatorsText("catalogue.yaml").components(separatedBy: "\n")
        return try #require(lines.firstIndex(of: text)) + 1
    }

    @Test("an unknown key in a data element is an error naming the line")
    func unknownElementKey() throws {
        let at = try Self.lineNumber(of: "  - id: staff")
        let text = try Self.catalogue(inserting: "    colour: red", after: at)
        let error = #expect(throws: ConfigurationError.self) { try Catalogue.parse(text, file: "catalogue-copy.yaml") }
        #expect(error?.line == at + 1)
        #expect(error?.description.hasPrefix("catalogue-copy.yaml:\(at + 1): ") == true)
    }

    @Test("an unknown top-level key is an error naming the line")
    func unknownTopKey() throws {
        let at = try Self.lineNumber(of: "version: 1")
        let text = try Self.catalogue(inserting: "author: someone", after: at)
        let error = #expect(throws: ConfigurationError.self) { try Catalogue.parse(text, file: "c.yaml") }
        #expect(error?.line == at + 1)
    }

    @Test("an unknown key in an indicator is an error naming the line")
    func unknownIndicatorKey() throws {
        let at = try Self.lineNumber(of: "  - id: online_share")
        let text = try Self.catalogue(inserting: "    weight: 2", after: at)
        let error = #expect(throws: ConfigurationError.self) { try Catalogue.parse(text, file: "c.yaml") }
        #expect(error?.line == at + 1)
    }
}
