import Foundation
import Testing
import TestSupport
import XLSX

@testable import CDSReport

/// The detail sheets ("Chi tiết đơn vị", "Lỗi dữ liệu") and the feedback workbooks, written for a
/// small province and read back with openpyxl and `unzip`, readers that share no code with ours.
@Suite("Detail sheets and feedback workbooks")
struct DetailSheetsTests {
    // MARK: - The province

    /// One PHONG with three schools (one serves TH and THCS, one sends nothing) and two units the
    /// Sở manages directly.
    static let registryCSV = """
        unit_code,name,kind,levels,parent_code,locality
        01,Sở Giáo dục và Đào tạo tỉnh Thử Nghiệm,SO,,,
        0101,Phòng Giáo dục và Đào tạo Huyện An Lạc,PHONG,,01,Huyện An Lạc
        0101001,Trường Mầm non Hoa Sen,TRUONG,MN,0101,Huyện An Lạc
        0101002,Trường Tiểu học và THCS Lê Lợi,TRUONG,TH;THCS,0101,Huyện An Lạc
        0101003,Trường Tiểu học Kim Đồng,TRUONG,TH,0101,Huyện An Lạc
        0199001,Trường THPT Chu Văn An,TRUONG,THPT,01,
        0199002,Trung tâm GDNN-GDTX tỉnh Thử Nghiệm,TRUNGTAM,GDTX,01,

        """

    static let header = "unit_code,period,level,students,staff,managers_teachers,staff_esign,staff_trained,classes,computer_labs,"
        + "pcs_teaching,periods_planned,periods_online,fee_payers,fee_payers_cashless,cashless,fiber,sis_modules,digital_records,cds_level,inspected"

    /// The district's return: row 2 lacks the cashless payers (a warning), row 4 has more
    /// managers and teachers than staff (THCS rejected).
    static let districtReturn = header + """

        0101001,2024-2025/HK1,MN,200,20,18,9,20,8,,,,,190,,Có,Có,5,,,Không
        0101002,2024-2025/HK1,TH,400,30,28,28,30,14,2,40,,,380,380,Có,Có,5,Có,2,Có
        0101002,2024-2025/HK1,THCS,350,25,30,20,25,10,1,30,1000,120,340,300,Có,Có,5,Có,2,Có

        """

    /// The Sở's own units: a school with students and no computer, a centre with a decimal staff
    /// count (rejected), an unknown code and a row without a code.
    static let departmentReturn = header + """

        0199001,,THPT,900,40,38,38,40,24,0,0,5000,600,880,700,Có,Có,5,Có,3,Có
        0199002,,GDTX,300,"12,5",18,18,20,12,1,15,2000,100,290,200,Có,Không,4,,2,Không
        0109999,,TH,100,10,9,9,10,4,1,20,,,90,90,Có,Có,5,Có,2,Có
        ,,TH,100,10,9,9,10,4,1,20,,,90,90,Có,Có,5,Có,2,Có

        """

    /// Every unit × level in code order with the status the sheet must show.
    static let expectedStatuses: [(code: String, level: String, status: String)] = [
        ("0101001", "MN", "Đã nộp"), ("0101002", "TH", "Đã nộp"), ("0101002", "THCS", "Bị loại"),
        ("0101003", "TH", "Chưa nộp"), ("0199001", "THPT", "Đã nộp"), ("0199002", "GDTX", "Bị loại"),
    ]

    /// The findings in the sheet's order: managing unit code ("" for no known unit), unit code,
    /// file, row.
    static let expectedFindings: [(unit: String, rule: String, managing: String)] = [
        ("", "missing_key", "Không xác định"), ("0109999", "unknown_unit", "Không xác định"),
        ("0199002", "not_a_number", "Trực thuộc Sở"),
        ("0101001", "incomplete_inputs", "Phòng GDĐT Huyện An Lạc"), ("0101002", "exceeds_total", "Phòng GDĐT Huyện An Lạc"),
    ]

    /// The repository's root, from this file's path.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// 5 January 2025, the report date of every workbook here.
    static let reportDate = Date(timeIntervalSince1970: 1_736_035_200)

    /// Writes the province into a fresh folder and runs validation and aggregation on it.
    private static func compute() throws -> (RunProducts, URL) {
        let folder = try XLSXInspection.temporaryFolder("detail-sheets")
        let units = folder.appendingPathComponent("units.csv")
        try registryCSV.write(to: units, atomically: true, encoding: .utf8)
        let inbox = folder.appendingPathComponent("inbox", isDirectory: true)
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        try districtReturn.write(to: inbox.appendingPathComponent("a_phong.csv"), atomically: true, encoding: .utf8)
        try departmentReturn.write(to: inbox.appendingPathComponent("b_so.csv"), atomically: true, encoding: .utf8)
        let period = try #require(Period("2024-2025/HK1"))
        let options = RunOptions(units: units, period: period, output: folder.appendingPathComponent("out"), inputs: [inbox.path],
                                 reportDate: reportDate, indicators: IndicatorsFolder(url: root.appendingPathComponent("Indicators")))
        return (try RunPipeline.compute(options), folder)
    }

    /// A workbook holding only the two sheets under test.
    private static func writeWorkbook(_ products: RunProducts, to url: URL) throws {
        let context = FormContext(settings: products.forms, registry: products.registry, period: products.period,
                                  date: products.reportDate, managingUnit: products.managingUnit)
        var workbook = try Workbook(path: url.path, properties: DocumentProperties(created: products.reportDate))
        try UnitDetailSheet(products: products, context: context, managingUnit: products.managingUnit).write(&workbook)
        try FindingsSheet(products: products, context: context, managingUnit: products.managingUnit).write(&workbook)
        try workbook.close()
    }

    /// The province computed and its workbook written.
    private static func fixture() throws -> (products: RunProducts, folder: URL, workbook: URL) {
        let (products, folder) = try compute()
        let workbook = folder.appendingPathComponent("detail.xlsx")
        try writeWorkbook(products, to: workbook)
        return (products, folder, workbook)
    }

    // MARK: - Reading back

    /// A sheet's table as openpyxl reads it: the header row (1-based), its labels, the data rows
    /// below the numbering row, and each data row's font colours and bold flags.
    struct Table {
        let headerRow: Int
        let header: [String]
        let rows: [[Any]]
        let fontColors: [[String]]
        let bold: [[Bool]]
        let fills: [[String]]
        let freeze: String
        let filter: String

        /// The column of a header label.
        func column(_ label: String) throws -> Int { try #require(header.firstIndex(of: label), "no column \(label)") }
    }

    /// Reads the table of a sheet: the rows from two below the header (`TT`) while column A holds a number.
    private static func table(_ sheet: String, in file: URL) throws -> Table {
        let hex = sheet.utf8.map { String(format: "%02x", $0) }.joined()
        let script = """
            import sys, json, openpyxl
            wb = openpyxl.load_workbook(sys.argv[1])
            ws = wb[bytes.fromhex("\(hex)").decode("utf-8")]
            header = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "TT")
            cols = ws.max_column
            while cols > 1 and ws.cell(header, cols).value is None:
                cols -= 1
            rows, colors, bold, fills = [], [], [], []
            r = header + 2
            while r <= ws.max_row and isinstance(ws.cell(r, 1).value, int):
                cells = [ws.cell(r, c) for c in range(1, cols + 1)]
                rows.append([c.value for c in cells])
                colors.append([str(c.font.color.rgb) if c.font.color is not None else "" for c in cells])
                bold.append([bool(c.font.b) for c in cells])
                fills.append([str(c.fill.fgColor.rgb) if c.fill.fill_type else "" for c in cells])
                r += 1
            print(json.dumps({"headerRow": header, "header": [ws.cell(header, c).value for c in range(1, cols + 1)],
                              "rows": rows, "colors": colors, "bold": bold, "fills": fills,
                              "freeze": ws.freeze_panes or "", "filter": ws.auto_filter.ref or ""}))
            """
        let output = try XLSXInspection.openpyxl(script, file: file)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        return Table(headerRow: try #require(object["headerRow"] as? Int),
                     header: (object["header"] as? [Any] ?? []).map { ($0 as? String) ?? "" },
                     rows: try #require(object["rows"] as? [[Any]]),
                     fontColors: try #require(object["colors"] as? [[String]]),
                     bold: try #require(object["bold"] as? [[Bool]]),
                     fills: try #require(object["fills"] as? [[String]]),
                     freeze: object["freeze"] as? String ?? "", filter: object["filter"] as? String ?? "")
    }

    /// A cell read back as text (`nil` for an empty cell).
    private static func text(_ value: Any) -> String? { value as? String }

    /// A cell read back as a number (`nil` for text or an empty cell).
    private static func number(_ value: Any) -> Double? {
        guard !(value is String), let number = value as? NSNumber else { return nil }
        return number.doubleValue
    }

    // MARK: - Chi tiết đơn vị

    @Test("every unit × level is listed once, in code order, with its status and managing unit")
    func statusOfEveryUnitLevel() throws {
        let (products, _, workbook) = try Self.fixture()
        let sheet = products.forms.form(.unitDetail).sheet
        let table = try Self.table(sheet, in: workbook)
        let code = try table.column("Mã đơn vị"), level = try table.column("Cấp học"), status = try table.column("Tình trạng")
        let managing = try table.column("Đơn vị quản lý")
        let listed = table.rows.map { (Self.text($0[code]) ?? "", Self.text($0[level]) ?? "", Self.text($0[status]) ?? "") }
        #expect(listed.map { "\($0.0) \($0.1) \($0.2)" } == Self.expectedStatuses.map { "\($0.code) \($0.level) \($0.status)" })
        #expect(table.rows.map { Self.number($0[0]) } == (1...Self.expectedStatuses.count).map { Double($0) }, "TT numbers the rows")
        for (index, row) in table.rows.enumerated() {
            let expected = Self.expectedStatuses[index].code.hasPrefix("0101") ? "Phòng GDĐT Huyện An Lạc" : "Trực thuộc Sở"
            #expect(Self.text(row[managing]) == expected)
            let name = try #require(products.registry.unit(code: Self.expectedStatuses[index].code)?.name)
            #expect(Self.text(row[try table.column("Tên đơn vị")]) == name)
        }
        // The non-submitter's whole row is grey; the others are black (automatic).
        let missing = try #require(Self.expectedStatuses.firstIndex { $0.status == "Chưa nộp" })
        #expect(table.fontColors[missing].prefix(6).allSatisfy { $0 == "FF808080" }, "\(table.fontColors[missing])")
        #expect(!table.fontColors[0].contains("FF808080"))
        // A rejected level's status is bold, so that it reads in black-and-white print.
        #expect(table.bold[2][status] && !table.bold[1][status])
    }

    @Test("figures and results are the accepted rows' values and the unit rows of results, exactly")
    func valuesEqualResults() throws {
        let (products, _, workbook) = try Self.fixture()
        let table = try Self.table(products.forms.form(.unitDetail).sheet, in: workbook)
        let catalogue = products.catalogue
        var compared = 0
        var noComputer = 0
        for (index, row) in table.rows.enumerated() {
            let key = Self.expectedStatuses[index]
            let level = try #require(Level(code: key.level))
            let unit = try #require(products.registry.index(of: key.code))
            let accepted = products.validation.accepted.first { $0.unit == unit && $0.level == level }
            for (element, definition) in catalogue.elements.enumerated() where definition.isValue {
                let cell = row[try table.column(definition.label)]
                switch accepted?.values[element] {
                case .int(let value)?: #expect(Self.number(cell) == Double(value), "\(key) \(definition.id)")
                case .bool(let flag)?: #expect(Self.text(cell) == (flag ? "Có" : "Không"), "\(key) \(definition.id)")
                default: #expect(cell is NSNull, "\(key) \(definition.id) must be blank")
                }
            }
            for (indicatorIndex, indicator) in catalogue.indicators.enumerated() {
                let cell = row[try table.column("\(indicator.name) (\(indicator.unitOfMeasure))")]
                let result = products.results.row(.unit, key.code, indicator: indicatorIndex, level: level)
                if let value = result?.value {
                    let read = try #require(Self.number(cell), "\(key) \(indicator.id) must be a number")
                    #expect(abs(read - value) <= 1e-12 * max(1, abs(value)), "\(key) \(indicator.id): \(read) ≠ \(value)")
                    compared += 1
                } else if result?.met == false {
                    #expect(Self.text(cell) == "Không có máy", "\(key) \(indicator.id)")
                    let column = try table.column("\(indicator.name) (\(indicator.unitOfMeasure))")
                    #expect(table.bold[index][column] && table.fills[index][column].hasSuffix("F4CCCC"))
                    noComputer += 1
                } else {
                    #expect(cell is NSNull, "\(key) \(indicator.id) must be blank")
                }
            }
        }
        #expect(compared > 20, "the accepted rows give many results")
        #expect(noComputer == 1, "0199001 has students and no computer")
    }

    @Test("results that miss a target are highlighted by one formula rule per targeted column; filter and frozen panes set")
    func conditionalFormatsFilterAndPanes() throws {
        let (products, _, workbook) = try Self.fixture()
        let table = try Self.table(products.forms.form(.unitDetail).sheet, in: workbook)
        let xml = try XLSXInspection.part("xl/worksheets/sheet1.xml", of: workbook)
        let first = table.headerRow + 2, last = first + Self.expectedStatuses.count - 1
        let lastColumn = CellAddress.columnName(table.header.count - 1)

        let indicators = products.catalogue.indicators
        // Targets for the scope as a whole (basis average) judge no single unit: no highlight.
        let targeted = indicators.indices.filter { index in
            products.targets.hasAnyTarget(indicator: index, levels: indicators[index].levels) && products.targets.basis(indicator: index) == .eachUnit
        }
        #expect(targeted.count == 4, "the default plan has unit targets for four indicators")
        let blocks = XLSXInspection.attributeValues("sqref", of: "conditionalFormatting", in: xml)
        var expectedRanges: [String] = []
        for index in targeted {
            let letter = CellAddress.columnName(try table.column("\(indicators[index].name) (\(indicators[index].unitOfMeasure))"))
            expectedRanges.append("\(letter)\(first):\(letter)\(last)")
        }
        #expect(blocks.sorted() == expectedRanges.sorted(), "one range per targeted column, first to last data row")

        // students_per_pc: ≤ 2 at TH and THCS, ≤ 1 at THPT, relative to the first data row.
        let perPC = try #require(products.catalogue.indicator(id: "students_per_pc"))
        let z = CellAddress.columnName(try table.column("\(indicators[perPC].name) (\(indicators[perPC].unitOfMeasure))"))
        let cell = "\(z)\(first)", level = "$E\(first)"
        let formula = "AND(ISNUMBER(\(cell)),OR(AND(\(level)=\"TH\",\(cell)&gt;2),AND(\(level)=\"THCS\",\(cell)&gt;2),AND(\(level)=\"THPT\",\(cell)&gt;1)))"
        #expect(xml.contains("<formula>\(formula)</formula>") || xml.contains("<formula>\(formula.replacingOccurrences(of: "\"", with: "&quot;"))</formula>"),
                "\(xml.components(separatedBy: "<conditionalFormatting").dropFirst().map { String($0.prefix(300)) })")
        // esign_coverage: ≥ 1 at every level, so a value below 1 is a miss.
        let esign = try #require(products.catalogue.indicator(id: "esign_coverage"))
        let x = CellAddress.columnName(try table.column("\(indicators[esign].name) (\(indicators[esign].unitOfMeasure))"))
        #expect(xml.contains("AND($E\(first)=") && xml.contains("\(x)\(first)&lt;1)"))
        #expect(xml.components(separatedBy: "<cfRule").count - 1 == targeted.count, "one rule per targeted column")
        // The highlight: bold on a light red fill.
        let styles = try XLSXInspection.part("xl/styles.xml", of: workbook)
        let dxfs = try #require(styles.range(of: "<dxfs").map { String(styles[$0.lowerBound...]) })
        #expect(dxfs.contains("<b/>") && dxfs.contains("F4CCCC"))

        #expect(table.filter == "A\(table.headerRow + 1):\(lastColumn)\(last)", "the filter spans the numbering row and the data")
        #expect(table.freeze == "D\(first)", "frozen below the numbering row, right of the name column")
        #expect(xml.contains("state=\"frozen\""))
        // Landscape, one page wide, header rows repeated.
        #expect(xml.contains("orientation=\"landscape\"") && xml.contains("fitToPage=\"1\"") && xml.contains("fitToHeight=\"0\""))
        let book = try XLSXInspection.part("xl/workbook.xml", of: workbook)
        #expect(book.contains("_xlnm.Print_Titles") && book.contains("$\(table.headerRow):$\(table.headerRow + 1)"))
    }

    @Test("the CF formula of students per computer is the plan's targets, relative to the first data row")
    func missFormulaFromTargets() throws {
        let catalogue = try IndicatorsFolder(url: Self.root.appendingPathComponent("Indicators")).loadCatalogue()
        let targets = try IndicatorsFolder(url: Self.root.appendingPathComponent("Indicators"))
            .defaultTargets(for: SchoolYear(firstYear: 2024), catalogue: catalogue)
        let perPC = try #require(catalogue.indicator(id: "students_per_pc"))
        #expect(UnitDetailSheet.missFormula(column: 25, firstRow: 11, indicator: perPC, catalogue: catalogue, targets: targets)
            == "=AND(ISNUMBER(Z12),OR(AND($E12=\"TH\",Z12>2),AND($E12=\"THCS\",Z12>2),AND($E12=\"THPT\",Z12>1)))")
        let online = try #require(catalogue.indicator(id: "online_share"))
        #expect(UnitDetailSheet.missFormula(column: 1, firstRow: 0, indicator: online, catalogue: catalogue, targets: targets) == nil,
                "an average for the scope as a whole judges no single unit")
        let sis = try #require(catalogue.indicator(id: "sis_complete_units"))
        #expect(UnitDetailSheet.missFormula(column: 1, firstRow: 0, indicator: sis, catalogue: catalogue, targets: targets)
            == "=AND(ISNUMBER(B1),OR(AND($E1=\"MN\",B1<1),AND($E1=\"TH\",B1<1),AND($E1=\"THCS\",B1<1),AND($E1=\"THPT\",B1<1),AND($E1=\"GDTX\",B1<1)))")
        let fiber = try #require(catalogue.indicator(id: "fiber_units"))
        #expect(UnitDetailSheet.missFormula(column: 1, firstRow: 0, indicator: fiber, catalogue: catalogue, targets: targets) == nil)
    }

    // MARK: - Lỗi dữ liệu

    @Test("the findings sheet has one row per finding, by managing unit, unit, file and row")
    func findingsInOrder() throws {
        let (products, _, workbook) = try Self.fixture()
        #expect(products.validation.findings.count == Self.expectedFindings.count, "\(products.validation.findings.map(\.rule))")
        let table = try Self.table(products.forms.form(.findings).sheet, in: workbook)
        #expect(table.header == FindingsSheet.headers)
        let unit = try table.column("Mã đơn vị"), rule = try table.column("Mã lỗi"), managing = try table.column("Đơn vị quản lý")
        #expect(table.rows.map { "\(Self.text($0[unit]) ?? "")/\(Self.text($0[rule]) ?? "")/\(Self.text($0[managing]) ?? "")" }
            == Self.expectedFindings.map { "\($0.unit)/\($0.rule)/\($0.managing)" })
        // Each row is the finding itself.
        let byKey = Dictionary(grouping: products.validation.findings) { "\($0.unitCode)/\($0.rule.rawValue)" }
        for (index, row) in table.rows.enumerated() {
            let finding = try #require(byKey["\(Self.expectedFindings[index].unit)/\(Self.expectedFindings[index].rule)"]?.first)
            #expect(Self.text(row[try table.column("Nội dung")]) == finding.message)
            #expect(Self.text(row[try table.column("Tệp")]) == finding.file)
            #expect(Self.number(row[try table.column("Dòng")]) == finding.row.map(Double.init))
            #expect(Self.text(row[try table.column("Mức độ")]) == (finding.severity == .error ? "Lỗi" : "Cảnh báo"))
            #expect(Self.text(row[try table.column("Cột")]) == (finding.column.isEmpty ? nil : finding.column))
            #expect(table.bold[index][try table.column("Mức độ")] == (finding.severity == .error), "errors bold")
        }
        let sheetXML = try XLSXInspection.part("xl/worksheets/sheet2.xml", of: workbook)
        #expect(sheetXML.contains("state=\"frozen\"") && sheetXML.contains("<autoFilter ref="))
        #expect(table.freeze == "A\(table.headerRow + 2)")
        let shared = try XLSXInspection.part("xl/sharedStrings.xml", of: workbook)
        #expect(shared.contains("Tổng số: 4 lỗi (4 dòng bị loại), 1 cảnh báo"))
        #expect(products.validation.rowsRejected == 4)
    }

    @Test("wrapped texts are measured so that rows do not print over each other")
    func wrappedRowHeights() {
        #expect(FindingsSheet.lineCount("Thiếu mã đơn vị", width: 60) == 1)
        #expect(FindingsSheet.rowHeight([("Thiếu mã đơn vị", 60)]) == nil, "one line keeps the default height")
        let long = String(repeating: "Số cán bộ quản lý, giáo viên ", count: 8)
        #expect(FindingsSheet.lineCount(long, width: 60) >= 4)
        #expect(FindingsSheet.lineCount("conflicting_unit_values_and_more", width: 10) >= 3, "a word longer than a line is broken")
        #expect((FindingsSheet.rowHeight([(long, 60), ("x", 10)]) ?? 0) >= 60)
    }

    // MARK: - Phản hồi

    @Test("feedback files exist exactly for the units with findings, plus khong-xac-dinh.xlsx, each listing its findings")
    func feedbackWorkbooks() throws {
        let (products, folder) = try Self.compute()
        let out = folder.appendingPathComponent("out", isDirectory: true)
        let written = try FeedbackWorkbooks.write(products, to: out)
        let expected = ["0101001.xlsx", "0101002.xlsx", "0199002.xlsx", "khong-xac-dinh.xlsx"]
        #expect(written == expected.map { "phan-hoi/\($0)" })
        let listed = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("phan-hoi").path).sorted()
        #expect(listed == expected, "no other file, no temporary file left")
        for name in expected {
            let file = out.appendingPathComponent("phan-hoi/\(name)")
            let code = name == "khong-xac-dinh.xlsx" ? nil : String(name.dropLast(5))
            let own = products.validation.findings.filter { finding in
                if let code { return finding.unitCode == code }
                return products.registry.index(of: finding.unitCode) == nil
            }
            let table = try Self.table("Phản hồi", in: file)
            #expect(table.header == FeedbackWorkbooks.headers)
            let message = try table.column("Giá trị/Mô tả lỗi"), remedy = try table.column("Cách sửa")
            #expect(table.rows.compactMap { Self.text($0[message]) } == own.map(\.message), "\(name)")
            #expect(table.rows.compactMap { Self.text($0[remedy]) } == own.map { FeedbackWorkbooks.remedy($0.rule) })
            let shared = try XLSXInspection.part("xl/sharedStrings.xml", of: file)
            #expect(shared.contains(FeedbackWorkbooks.title))
            if let code, let unit = products.registry.unit(code: code) {
                #expect(shared.contains("\(unit.name) (\(code)) — Học kỳ I năm học 2024-2025"))
            }
        }
        // The same run gives the same bytes.
        let again = folder.appendingPathComponent("again", isDirectory: true)
        _ = try FeedbackWorkbooks.write(products, to: again)
        for name in expected {
            let first = try Data(contentsOf: out.appendingPathComponent("phan-hoi/\(name)"))
            let second = try Data(contentsOf: again.appendingPathComponent("phan-hoi/\(name)"))
            #expect(first == second, "\(name) must be deterministic")
        }
    }

    @Test("feedback file names are safe and unique whatever the code holds")
    func safeFileNames() {
        var used: Set<String> = []
        #expect(FeedbackWorkbooks.uniqueFileName("0101001", used: &used) == "0101001.xlsx")
        #expect(FeedbackWorkbooks.uniqueFileName("../etc/x", used: &used) == "___etc_x.xlsx")
        #expect(FeedbackWorkbooks.uniqueFileName(".hidden", used: &used) == "_hidden.xlsx")
        #expect(FeedbackWorkbooks.uniqueFileName("01/01", used: &used) == "01_01.xlsx")
        #expect(FeedbackWorkbooks.uniqueFileName("01:01", used: &used) == "01_01-2.xlsx", "a collision after sanitising")
        #expect(FeedbackWorkbooks.uniqueFileName("Trường", used: &used) == "Tr__ng.xlsx")
        #expect(FeedbackWorkbooks.uniqueFileName("khong-xac-dinh", used: &used) == "khong-xac-dinh-2.xlsx")
        #expect(FeedbackWorkbooks.uniqueFileName(nil, used: &used) == "khong-xac-dinh.xlsx")
    }

    @Test("every rule has a short instruction in Vietnamese")
    func remedyForEveryRule() {
        for rule in Rule.allCases {
            let text = FeedbackWorkbooks.remedy(rule)
            #expect(!text.isEmpty && text.count < 120, "\(rule)")
            #expect(text == text.precomposedStringWithCanonicalMapping, "\(rule): NFC")
        }
        #expect(FeedbackWorkbooks.remedy(.notANumber) == "Ghi số nguyên, không có chữ, không có phần thập phân")
        #expect(FeedbackWorkbooks.remedy(.exceedsTotal) == "Kiểm tra lại: số thành phần không được lớn hơn tổng")
    }

    // MARK: - Rendering for review

    /// Writes the shared example's detail sheets and feedback into `$CDS_RENDER_DIR`, to look at
    /// them printed (LibreOffice → PDF → PNG); skipped unless that variable is set.
    @Test("render the shared example", .enabled(if: ProcessInfo.processInfo.environment["CDS_RENDER_DIR"] != nil))
    func renderSharedExample() throws {
        let target = URL(fileURLWithPath: try #require(ProcessInfo.processInfo.environment["CDS_RENDER_DIR"]), isDirectory: true)
        let example = Self.root.deletingLastPathComponent().appendingPathComponent("shared/example")
        let options = RunOptions(units: example.appendingPathComponent("units.csv"), period: try #require(Period("2024-2025/HK1")),
                                 output: target, inputs: [example.appendingPathComponent("inputs").path], reportDate: Self.reportDate,
                                 indicators: IndicatorsFolder(url: Self.root.appendingPathComponent("Indicators")))
        let products = try RunPipeline.compute(options)
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        try Self.writeWorkbook(products, to: target.appendingPathComponent("detail.xlsx"))
        _ = try FeedbackWorkbooks.write(products, to: target)
    }
}
