import CDSReport
import Foundation
import Testing
import TestSupport
import XLSX

/// The unit registry (CONTRACT §2): its rules, and every problem listed in one error.
@Suite("The unit registry")
struct RegistryTests {
    static let header = "unit_code,name,kind,levels,parent_code,locality,previous_codes\n"
    static let so = "03,Sở Giáo dục và Đào tạo thành phố Hải Phòng,SO,,,,\n"
    static let phong = "0312,Phòng GDĐT quận Lê Chân,PHONG,,03,Quận Lê Chân,\n"

    static func problems(_ body: String) throws -> [String] {
        try #require(try TestBench.registryError(fromCSV: Self.header + body), "the registry must be refused").problems
    }

    @Test("a valid registry loads; codes are text and keep their leading zeros")
    func leadingZeros() throws {
        let registry = try TestBench.registry(fromCSV: Self.header + Self.so + Self.phong + """
            031205,Trường THCS Lê Lợi,TRUONG,THCS,0312,Phường Lê Chân,0312005
            0399001,Trung tâm GDNN-GDTX,TRUNGTAM,GDTX,03,,
            09001,Trường TH Xã A,TRUONG,th;Thcs,0901,,
            0901,UBND xã An Hòa,XA,,03,,

            """)
        let school = try #require(registry.unit(code: "031205"))
        #expect(school.parentCode == "0312")
        #expect(school.kind == .truong)
        #expect(school.previousCodes == ["0312005"])
        #expect(school.locality == "Phường Lê Chân")
        #expect(registry.unit(code: "31205") == nil, "no numeric matching")
        #expect(registry.so.code == "03")
        #expect(registry.unit(code: "09001")?.levels == LevelSet([.th, .thcs]), "level codes in any case")
        #expect(registry.unit(code: "0901")?.kind == .xa)
        #expect(registry.successor(ofPreviousCode: "0312005")?.code == "031205")
    }

    @Test("columns may come in any order, with extra columns and without the optional ones")
    func columnOrder() throws {
        let registry = try TestBench.registry(fromCSV: """
            ghi_chu,parent_code,levels,kind,name,unit_code
            x,,,SO,Sở,01
            y,01,MN;TH,TRUONG,Trường A,0101

            """)
        #expect(registry.units.map(\.code) == ["01", "0101"])
        #expect(registry.unit(code: "0101")?.levels == LevelSet([.mn, .th]))
    }

    @Test("there must be exactly one SO: none is an error")
    func noSO() throws {
        let problems = try Self.problems("0312,Phòng,PHONG,,03,,\n")
        #expect(problems.contains { $0.contains("SO") })
    }

    @Test("there must be exactly one SO: two are an error naming both")
    func twoSOs() throws {
        let problems = try Self.problems(Self.so + "04,Sở khác,SO,,,,\n")
        #expect(problems.contains { $0.contains("03") && $0.contains("04") })
    }

    @Test("a school's parent must exist")
    func parentMissing() throws {
        let problems = try Self.problems(Self.so + "0312001,Trường A,TRUONG,TH,0399,,\n")
        #expect(problems.contains { $0.contains("0399") })
    }

    @Test("a school's parent must be a PHONG, an XA or the SO, not a school")
    func parentIsSchool() throws {
        let problems = try Self.problems(Self.so + Self.phong + "0312001,Trường A,TRUONG,TH,0312,,\n0312002,Trường B,TRUONG,TH,0312001,,\n")
        #expect(problems.count == 1)
        #expect(problems.first?.contains("0312001") == true)
    }

    @Test("a PHONG's or XA's parent must be the SO", arguments: ["PHONG", "XA"])
    func managingParentIsSO(_ kind: String) throws {
        let problems = try Self.problems(Self.so + Self.phong + "0313,Đơn vị,\(kind),,0312,,\n")
        #expect(problems.count == 1)
        #expect(problems.first?.contains("0313") == true)
        let noParent = try Self.problems(Self.so + "0313,Đơn vị,\(kind),,,,\n")
        #expect(noParent.count == 1)
    }

    @Test("the SO has no parent")
    func soWithParent() throws {
        let problems = try Self.problems("03,Sở,SO,,99,,\n")
        #expect(problems.count == 1)
    }

    @Test("an unknown kind is an error naming it", arguments: ["TRUONGHOC", "SCHOOL", ""])
    func unknownKind(_ kind: String) throws {
        let problems = try Self.problems(Self.so + Self.phong + "0312001,Trường A,\(kind),TH,0312,,\n")
        #expect(problems.contains { $0.contains("0312001") && $0.contains("\"\(kind)\"") })
    }

    @Test("an invalid level is an error naming it", arguments: ["C2", "THPT;PTTH", "Tiểu học"])
    func invalidLevel(_ levels: String) throws {
        let problems = try Self.problems(Self.so + Self.phong + "0312001,Trường A,TRUONG,\(levels),0312,,\n")
        #expect(problems.count == 1)
        #expect(problems.first?.contains("0312001") == true)
    }

    @Test("duplicate codes are an error naming the code")
    func duplicateCodes() throws {
        let problems = try Self.problems(Self.so + Self.phong + "0312001,Trường A,TRUONG,TH,0312,,\n0312001,Trường B,TRUONG,MN,0312,,\n")
        #expect(problems.count == 1)
        #expect(problems.first?.contains("0312001") == true)
    }

    @Test("every problem is listed in one error, not just the first")
    func allProblems() throws {
        let problems = try Self.problems(Self.so + "04,Sở thừa,SO,,,,\n" + Self.phong + """
            0312001,Trường A,TRUONGX,TH,0312,,
            0312002,Trường B,TRUONG,LOP1,0312,,
            0312003,Trường C,TRUONG,TH,0399,,
            0312004,Trường D,TRUONG,TH,0312,,
            0312004,Trường D2,TRUONG,TH,0312,,

            """)
        #expect(problems.count == 5, "\(problems)")
        for code in ["04", "0312001", "0312002", "0399", "0312004"] {
            #expect(problems.contains { $0.contains(code) }, "a problem must name \(code): \(problems)")
        }
        let error = try #require(try TestBench.registryError(fromCSV: Self.header + Self.so + "04,Sở thừa,SO,,,,\n0312001,A,X,TH,03,,\n"))
        #expect(error.description.contains("04") && error.description.contains("0312001"), "the message lists them all")
    }

    @Test("problems name the row of the registry file")
    func problemRow() throws {
        let problems = try Self.problems(Self.so + Self.phong + "0312001,Trường A,TRUONG,C9,0312,,\n")
        #expect(problems.first?.contains("4") == true, "the bad school is on line 4: \(problems)")
    }

    @Test("a registry workbook whose codes are formulas without results names them instead of reading blanks")
    func formulaCells() throws {
        let folder = try TemporaryDirectory("cds-registry-formula")
        let url = folder.path("units.xlsx")
        var book = try Workbook(path: url.path, properties: DocumentProperties(created: Date()))
        try book.addWorksheet("Danh mục") { sheet in
            let rows = [["unit_code", "name", "kind", "levels", "parent_code"], ["03", "Sở GDĐT", "SO", "", ""],
                        ["0312", "Phòng GDĐT", "PHONG", "", "03"], ["", "Trường A", "TRUONG", "TH", "0312"]]
            for (row, cells) in rows.enumerated() {
                for (column, text) in cells.enumerated() where !text.isEmpty { try sheet.write(text, row: row, column: column) }
            }
            try sheet.writeFormula("=\"0312\"&\"001\"", row: 3, column: 0)
        }
        try book.close()
        let error = try #require(throws: RegistryError.self) { try RegistryLoader.load(from: url) }
        #expect(error.problems.count == 1 && error.problems[0].hasPrefix("dòng 4: unit_code là công thức"), "\(error.problems)")
    }
}
