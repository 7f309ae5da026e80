import CDSReport
import Foundation
import Testing
import TestSupport

/// Reading a CSV return (CONTRACT §3): encodings, delimiters, line breaks, quoting, the header and
/// the findings about a whole file.
@Suite("Reading CSV returns")
struct CSVReadingTests {
    /// One valid TH row of school 0101002, with ids as headers.
    static let validText = ReturnCSV.text([ReturnCSV.validRow("0101002", "TH")])

    /// The same row with the Vietnamese labels as headers (non-ASCII text to decode).
    static let labelText = ReturnCSV.text([ReturnCSV.validRow("0101002", "TH")],
                                          header: ReturnCSV.columns.map { ReturnCSV.labels[$0]! })

    enum Encoding: String, CaseIterable, Sendable {
        case utf8, utf8BOM, utf16LE, utf16BE

        func encode(_ text: String) -> Data {
            switch self {
            case .utf8: Data(text.utf8)
            case .utf8BOM: Data([0xEF, 0xBB, 0xBF]) + Data(text.utf8)
            case .utf16LE: Data([0xFF, 0xFE]) + text.data(using: .utf16LittleEndian)!
            case .utf16BE: Data([0xFE, 0xFF]) + text.data(using: .utf16BigEndian)!
            }
        }
    }

    // MARK: Encodings

    @Test("UTF-8 with or without BOM and UTF-16 LE/BE with BOM are read alike", arguments: Encoding.allCases)
    func encodings(_ encoding: Encoding) throws {
        let bench = try TestBench()
        let outcome = bench.validate([try bench.input(encoding.encode(Self.labelText))])
        #expect(outcome.findings.isEmpty, "\(outcome.findings.map { "\($0.rule.rawValue): \($0.message)" })")
        let row = try #require(outcome.accepted.first)
        #expect(outcome.accepted.count == 1)
        #expect(row.values[try bench.element("students")] == .int(100))
        #expect(row.values[try bench.element("cashless")] == .bool(true), "the Vietnamese \"Có\" must survive decoding")
    }

    @Test("bytes that are not UTF-8 (a legacy encoding) make the file unreadable_file, a whole-file error")
    func notUTF8() throws {
        let bench = try TestBench()
        // "Mã" in Latin-1/Windows-1258: 0xE3 is not valid UTF-8 on its own.
        var bytes = Data("unit_code,level,students\n0101002,TH,100\nM".utf8)
        bytes.append(contentsOf: [0xE3, 0x20, 0xF0, 0x0A])
        let outcome = bench.validate([try bench.input(bytes)])
        let finding = try #require(outcome.findings.first)
        #expect(outcome.findings.count == 1)
        #expect(finding.rule == .unreadableFile)
        #expect(finding.severity == .error)
        #expect(finding.row == nil && finding.column.isEmpty && finding.unitCode.isEmpty && finding.level.isEmpty,
                "a finding about a whole file has no row, column, unit or level")
        #expect(outcome.accepted.isEmpty)
        #expect(outcome.filesUnreadable == 1)
    }

    @Test("an unreadable file does not stop the other files from being read")
    func otherFilesGoOn() throws {
        let bench = try TestBench()
        let bad = try bench.input(Data([0x41, 0xFF, 0xFE, 0x0A, 0xC3]), named: "a.csv")
        let good = try bench.input(Self.validText, named: "b.csv")
        let outcome = bench.validate([bad, good])
        #expect(outcome.findings.map(\.rule) == [.unreadableFile])
        #expect(outcome.findings.first?.file == "a.csv")
        #expect(outcome.accepted.count == 1, "b.csv's row is still accepted")
    }

    // MARK: Delimiters and line breaks

    @Test("a ;-delimited file whose labels contain commas is read with ;")
    func semicolonWithLabels() throws {
        let bench = try TestBench()
        let text = ReturnCSV.text([ReturnCSV.validRow("0101002", "TH")], header: ReturnCSV.columns.map { ReturnCSV.labels[$0]! },
                                  delimiter: ";")
        #expect(text.contains("Số cán bộ, giáo viên, nhân viên;"), "the header really carries a comma inside a label")
        let outcome = try bench.validate(text)
        #expect(outcome.findings.isEmpty, "\(outcome.findings.map(\.message))")
        let row = try #require(outcome.accepted.first)
        #expect(row.values[try bench.element("staff")] == .int(10))
        #expect(row.values[try bench.element("managers_teachers")] == .int(8))
    }

    @Test("a ,-delimited file with quoted labels that contain commas is read with ,")
    func commaWithQuotedLabels() throws {
        let bench = try TestBench()
        #expect(Self.labelText.contains("\"Số cán bộ, giáo viên, nhân viên\","))
        let outcome = try bench.validate(Self.labelText)
        #expect(outcome.findings.isEmpty)
        let row = try #require(outcome.accepted.first)
        #expect(row.values[try bench.element("staff")] == .int(10))
    }

    @Test("a ;-delimited file with ids and grouped numbers using commas is read with ;")
    func semicolonWithIDs() throws {
        let bench = try TestBench()
        let text = ReturnCSV.text([ReturnCSV.validRow("0101002", "TH", ["students": "1,234", "fee_payers": "1.000"])], delimiter: ";")
        let outcome = try bench.validate(text)
        #expect(outcome.findings.isEmpty, "\(outcome.findings.map(\.message))")
        let row = try #require(outcome.accepted.first)
        #expect(row.values[try bench.element("students")] == .int(1234))
        #expect(row.values[try bench.element("fee_payers")] == .int(1000))
    }

    @Test("CRLF line breaks are read like LF, and rows keep their line numbers")
    func crlf() throws {
        let bench = try TestBench()
        let text = ReturnCSV.text([ReturnCSV.validRow("0101002", "TH"), ReturnCSV.validRow("0101001", "MN", ["students": "abc"])],
                                  lineEnding: "\r\n")
        let outcome = try bench.validate(text)
        #expect(outcome.accepted.count == 1)
        let finding = try #require(outcome.findings(.notANumber).first)
        #expect(finding.row == 3, "header is row 1, the second data row is row 3")
        #expect(finding.unitCode == "0101001", "no stray CR in the last cells or the key")
        #expect(outcome.accepted.first?.values[try bench.element("inspected")] == .bool(false), "the last cell has no CR left")
    }

    // MARK: Quoting

    @Test("a quoted field may hold the delimiter, doubled quotes and line breaks; row is the line where the record starts")
    func quotedFieldsAndRowNumbers() throws {
        let bench = try TestBench()
        let text = """
            unit_code,level,students,classes,ghi_chu
            0101002,TH,100,4,"một, hai ""ba""
            bốn
            năm"
            0101001,MN,abc,4,"x,y"

            """
        let table = try bench.table(Data(text.utf8)).get()
        let numbers = table.rows.map(\.number)
        #expect(numbers.prefix(3) == [1, 2, 5], "records start on lines 1, 2 and 5")
        #expect(table.rows[1].cells.count == 5)
        #expect(table.rows[1].cells[4] == "một, hai \"ba\"\nbốn\nnăm")
        let outcome = try bench.validate(text)
        let finding = try #require(outcome.findings(.notANumber).first)
        #expect(finding.row == 5, "the record after a three-line field starts on line 5")
        #expect(outcome.accepted.count == 1)
    }

    @Test("a quoted field with CRLF inside counts each line break once")
    func quotedCRLF() throws {
        let bench = try TestBench()
        let text = "unit_code,level,students,classes,ghi_chu\r\n0101002,TH,100,4,\"a\r\nb\"\r\n0101001,MN,-3,4,z\r\n"
        let outcome = try bench.validate(text)
        let finding = try #require(outcome.findings(.negative).first)
        #expect(finding.row == 4)
    }

    // MARK: The header

    @Test("headers match by id or by Vietnamese label, in any case, with extra spaces, NFC or decomposed",
          arguments: [
              ["unit_code", "level", "students"],
              ["UNIT_CODE", "Level", "STUDENTS"],
              [" unit_code ", "  level", "students  "],
              ["Mã đơn vị", "Cấp học", "Số học sinh"],
              ["MÃ ĐƠN VỊ", "CẤP HỌC", "SỐ HỌC SINH"],
              ["  mã   đơn vị ", "cấp  học", " Số  học   sinh "],
              ["Mã đơn vị".decomposedStringWithCanonicalMapping, "Cấp học".decomposedStringWithCanonicalMapping,
               "Số học sinh".decomposedStringWithCanonicalMapping],
          ])
    func headerForms(_ header: [String]) throws {
        let bench = try TestBench()
        let text = ReturnCSV.text([["unit_code": "0101001", "level": "MN", "students": "abc"]],
                                  columns: ["unit_code", "level", "students"], header: header)
        let outcome = try bench.validate(text)
        #expect(outcome.findings(.unknownColumn).isEmpty, "every header must be recognised: \(outcome.findings.map(\.column))")
        let finding = try #require(outcome.findings(.notANumber).first, "students must be found and read")
        #expect(finding.column == header[2].trimmingCharacters(in: .whitespaces), "column is the header as written")
        #expect(finding.unitCode == "0101001")
    }

    @Test("rows above the header (a title block) are ignored when the header is within the first 20 rows")
    func titleBlock() throws {
        let bench = try TestBench()
        let title = "BÁO CÁO CHUYỂN ĐỔI SỐ,,\nHọc kỳ I năm học 2024-2025,,\n,,\n"
        let body = ReturnCSV.text([ReturnCSV.validRow("0101002", "TH"), ReturnCSV.validRow("0101001", "MN", ["classes": "x"])])
        let outcome = try bench.validate(title + body)
        #expect(outcome.accepted.count == 1)
        let finding = try #require(outcome.findings(.notANumber).first)
        #expect(finding.row == 6, "3 title lines, the header on line 4, data on 5 and 6")
        #expect(outcome.findings.count == 1, "\(outcome.ruleIDs)")
    }

    @Test("the header may be row 20 but not row 21 (no_header)", arguments: [(19, true), (20, false)])
    func headerWithinTwentyRows(_ linesAbove: Int, _ found: Bool) throws {
        let bench = try TestBench()
        let title = (1...linesAbove).map { "Dòng tiêu đề \($0)" }.joined(separator: "\n") + "\n"
        let outcome = try bench.validate(title + Self.validText)
        if found {
            #expect(outcome.findings.isEmpty, "\(outcome.ruleIDs)")
            #expect(outcome.accepted.count == 1)
        } else {
            #expect(outcome.ruleIDs == ["no_header"])
            #expect(outcome.findings.first?.severity == .error)
            #expect(outcome.findings.first?.row == nil)
            #expect(outcome.accepted.isEmpty)
        }
    }

    @Test("a file with text but no unit_code column is no_header, an error about the whole file")
    func noHeader() throws {
        let bench = try TestBench()
        let outcome = try bench.validate("ma_truong,cap_hoc\n0101002,TH\n")
        let finding = try #require(outcome.findings.first)
        #expect(outcome.findings.count == 1)
        #expect(finding.rule == .noHeader && finding.severity == .error)
        #expect(finding.row == nil && finding.column.isEmpty)
    }

    @Test("an empty file and a header-only file are empty_file warnings",
          arguments: ["", "unit_code,level,students\n", "unit_code,level,students\n\n,,\n"])
    func emptyFile(_ text: String) throws {
        let bench = try TestBench()
        let outcome = try bench.validate(text)
        let finding = try #require(outcome.findings.first)
        #expect(outcome.findings.count == 1, "\(outcome.ruleIDs)")
        #expect(finding.rule == .emptyFile)
        #expect(finding.severity == .warning)
        #expect(finding.row == nil && finding.column.isEmpty && finding.unitCode.isEmpty && finding.level.isEmpty)
        #expect(outcome.filesUnreadable == 0)
    }

    @Test("an unknown column is a warning naming it as written; the row is kept")
    func unknownColumn() throws {
        let bench = try TestBench()
        let text = ReturnCSV.text([ReturnCSV.validRow("0101002", "TH", ["Ghi chú ": "tốt"])],
                                  columns: ReturnCSV.columns + ["Ghi chú "])
        let outcome = try bench.validate(text)
        let finding = try #require(outcome.findings.first)
        #expect(outcome.findings.count == 1)
        #expect(finding.rule == .unknownColumn && finding.severity == .warning)
        #expect(finding.column == "Ghi chú")
        #expect(finding.row == 1, "the header row")
        #expect(finding.message.contains("Ghi chú"))
        #expect(outcome.accepted.count == 1)
    }

    @Test("blank lines are not data rows but still count as lines")
    func blankLines() throws {
        let bench = try TestBench()
        let text = "unit_code,level,students,classes\n\n0101002,TH,100,4\n,,,\n0101001,MN,-1,4\n"
        let outcome = try bench.validate(text)
        #expect(outcome.rowsRead == 2)
        #expect(outcome.findings(.negative).first?.row == 5)
    }
}
