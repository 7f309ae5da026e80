import CDSReport
import Foundation
import Testing
import TestSupport

/// The department workbook read back with openpyxl (a reader that shares nothing with the
/// writer): the official header and footer, every figure of the summary, managing-unit and
/// shortfall returns equal to results.csv, print settings on every sheet, and a district
/// sub-report holding only its own units (issues 2 and 3).
@Suite("The report workbook, read back")
struct ReportWorkbookTests {
    /// Every sheet as (row, column, value) triples, and its print settings, as JSON.
    static let dump = """
    import json, sys, openpyxl
    wb = openpyxl.load_workbook(sys.argv[1])
    out = {"sheets": wb.sheetnames, "cells": {}, "setup": {}}
    for ws in wb.worksheets:
        cells = []
        for row in ws.iter_rows():
            for c in row:
                if c.value is not None:
                    cells.append([c.row, c.column, c.value])
        out["cells"][ws.title] = cells
        ps = ws.page_setup
        out["setup"][ws.title] = {"orientation": ps.orientation, "paper": ps.paperSize,
            "fitToPage": bool(ws.sheet_properties.pageSetUpPr and ws.sheet_properties.pageSetUpPr.fitToPage),
            "fitToWidth": ps.fitToWidth, "titles": ws.print_title_rows,
            "differentFirst": bool(ws.HeaderFooter.differentFirst), "pageNumber": ws.oddHeader.center.text or "",
            "firstHeader": ws.firstHeader.center.text or "",
            "firstPageNumber": (ps.firstPageNumber or 1) if ps.useFirstPageNumber else None}
    print(json.dumps(out, ensure_ascii=False))
    """

    struct Book {
        let sheets: [String]
        let cells: [String: [(row: Int, column: Int, value: Any)]]
        let setup: [String: [String: Any]]

        /// The values of a sheet by row, columns 1-based.
        func rows(_ sheet: String) -> [Int: [Int: Any]] {
            var rows: [Int: [Int: Any]] = [:]
            for cell in cells[sheet] ?? [] { rows[cell.row, default: [:]][cell.column] = cell.value }
            return rows
        }

        func texts(_ sheet: String) -> [String] { (cells[sheet] ?? []).compactMap { $0.value as? String } }
    }

    static func read(_ file: URL) throws -> Book {
        let json = try XLSXInspection.openpyxl(dump, file: file)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let sheets = object["sheets"] as? [String] ?? []
        var cells: [String: [(Int, Int, Any)]] = [:]
        for (sheet, list) in object["cells"] as? [String: [[Any]]] ?? [:] {
            cells[sheet] = list.map { ($0[0] as! Int, $0[1] as! Int, $0[2]) }
        }
        return Book(sheets: sheets, cells: cells, setup: object["setup"] as? [String: [String: Any]] ?? [:])
    }

    /// The worked example, computed and written as `run` writes it, and its workbook read back
    /// while the temporary folder still exists.
    static func example(managingUnit: String? = nil) throws -> (RunProducts, Book) {
        let folder = try TemporaryDirectory()
        let example = Repository.sharedExample
        let options = RunOptions(units: example.appendingPathComponent("units.csv"), period: Period("2024-2025/HK1")!,
                                 output: folder.url, inputs: [example.appendingPathComponent("inputs").path],
                                 managingUnit: managingUnit, reportDate: Day("2025-01-20")!.date, indicators: Repository.indicatorsFolder)
        let products = try RunPipeline.compute(options)
        let written = try RunPipeline.write(products, to: folder.url)
        let workbook = try #require(written.first { $0.hasSuffix(".xlsx") })
        let book = try read(folder.url.appendingPathComponent(workbook))
        withExtendedLifetime(folder) {}
        return (products, book)
    }

    /// Printed by LibreOffice as one PDF (all sheets), as a clerk prints the workbook: each
    /// sheet's first page has no number, its next pages are numbered from 2.
    @Test("printed by LibreOffice: every sheet's pages numbered from 2, none on its first page",
          .enabled(if: PrintCheck.available, "LibreOffice and pdftotext are not installed"))
    func printedPageNumbers() throws {
        let folder = try TemporaryDirectory()
        let example = Repository.sharedExample
        let options = RunOptions(units: example.appendingPathComponent("units.csv"), period: Period("2024-2025/HK1")!,
                                 output: folder.url, inputs: [example.appendingPathComponent("inputs").path],
                                 reportDate: Day("2025-01-20")!.date, indicators: Repository.indicatorsFolder)
        let written = try RunPipeline.write(try RunPipeline.compute(options), to: folder.url)
        let workbook = folder.url.appendingPathComponent(try #require(written.first { $0.hasSuffix(".xlsx") }))
        let pages = try PrintCheck.pageTexts(workbook, in: folder.url)
        #expect(pages.count > 10, "\(pages.count) pages")
        // A sheet starts where the official header block is (only its first page has it); a
        // page's number, when it has one, is its first line.
        var expected = 0
        for (index, page) in pages.enumerated() {
            let first = page.split(separator: "\n").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            if page.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") {
                expected = 1
                #expect(Int(first) == nil, "page \(index + 1) starts a sheet: no number")
            } else {
                expected += 1
                #expect(first == String(expected), "page \(index + 1) is the sheet's page \(expected): \(first)")
            }
        }
    }

    static func same(_ a: Any?, _ b: Double?) -> Bool {
        guard let b else { return a == nil }
        if let number = a as? Double { return abs(number - b) <= 1e-12 * max(1, abs(b)) }
        guard let number = (a as? Double) ?? (a as? Int).map(Double.init) else { return false }
        return abs(number - b) <= 1e-12 * max(1, abs(b))
    }

    @Test("the sheets are the full set of returns, in order, each set up to print on A4 fitted to the width, numbered from page 2")
    func sheetsAndPrintSettings() throws {
        let (products, book) = try Self.example()
        let forms: [FormSettings.FormID] = [.summary, .byManagingUnit, .unitDetail, .shortfalls, .submissionStatus, .findings, .charts]
        #expect(book.sheets == forms.map { products.forms.form($0).sheet })
        for sheet in book.sheets {
            let setup = try #require(book.setup[sheet])
            #expect(setup["paper"] as? Int == 9, "A4: \(sheet)")
            // OOXML leaves fitToWidth out when it is 1, its default; openpyxl then says None.
            #expect(setup["fitToPage"] as? Bool == true && (setup["fitToWidth"] as? Int ?? 1) == 1, "fitted to the width: \(sheet)")
            #expect(["landscape", "portrait"].contains(setup["orientation"] as? String ?? ""), "orientation set: \(sheet)")
            // FORMS.md: page numbers centred, not on the first page.
            #expect((setup["pageNumber"] as? String ?? "").hasSuffix("&P") && setup["differentFirst"] as? Bool == true
                        && setup["firstHeader"] as? String == "", "page numbers from page 2: \(sheet) \(setup)")
            #expect(setup["firstPageNumber"] as? Int == 1, "each sheet numbered on its own, also when printed as one document: \(sheet)")
            if sheet != products.forms.form(.charts).sheet {
                #expect((setup["titles"] as? String ?? "").contains(":"), "table header repeated on every page: \(sheet)")
            }
        }
    }

    @Test("the summary return carries the official header, form code, title, place and date, and signature blocks")
    func summaryHeader() throws {
        let (products, book) = try Self.example()
        let texts = Set(book.texts(products.forms.form(.summary).sheet))
        for expected in ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "UBND TỈNH BẮC MINH", "SỞ GIÁO DỤC VÀ ĐÀO TẠO",
                         "Biểu số: 01.HK1-CĐS", "BÁO CÁO KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CHUYỂN ĐỔI SỐ", "Học kỳ I năm học 2024-2025",
                         "Bắc Minh, ngày 20 tháng 01 năm 2025", "Đơn vị báo cáo: Sở Giáo dục và Đào tạo tỉnh Bắc Minh",
                         "Đơn vị nhận báo cáo: Bộ Giáo dục và Đào tạo", "NGƯỜI LẬP BIỂU", "THỦ TRƯỞNG ĐƠN VỊ", "(Ký, ghi rõ họ tên)"] {
            #expect(texts.contains(expected), "\(expected)")
        }
        #expect(!texts.contains { $0.contains("–") }, "plain hyphens, never en-dashes")
    }

    @Test("every figure of the summary return equals the province's row of results.csv")
    func summaryFigures() throws {
        let (products, book) = try Self.example()
        let rows = book.rows(products.forms.form(.summary).sheet)
        let so = products.registry.so.code
        var checked = 0
        for (index, indicator) in products.catalogue.indicators.enumerated() {
            let line = try #require(rows.first { $0.value[2] as? String == indicator.name }, "\(indicator.id)")
            let all = try #require(products.results.row(.province, so, indicator: index, level: nil))
            #expect(Self.same(line.value[5], all.value), "\(indicator.id) ALL value")
            #expect(Self.same(line.value[7], Double(all.unitsReporting)), "\(indicator.id) ALL units reporting")
            #expect(Self.same(line.value[8], all.unitsMeeting.map(Double.init)), "\(indicator.id) ALL units meeting")
            #expect(Self.same(line.value[9], all.shortfall.map(Double.init)), "\(indicator.id) ALL shortfall")
            checked += 1
            // Its levels follow under "Chia ra:", in the contract's order.
            var next = line.key + 2
            for level in Level.ordered {
                guard let result = products.results.row(.province, so, indicator: index, level: level) else { continue }
                let cells = try #require(rows[next], "\(indicator.id) \(level)")
                #expect(cells[2] as? String == "- \(level.vietnameseName)")
                #expect(Self.same(cells[5], result.value), "\(indicator.id) \(level) value")
                #expect(Self.same(cells[7], Double(result.unitsReporting)), "\(indicator.id) \(level) reporting")
                #expect(Self.same(cells[9], result.shortfall.map(Double.init)), "\(indicator.id) \(level) shortfall")
                #expect((cells[6] as? String ?? "") == (result.met == true ? "Đạt" : result.met == false ? "Chưa đạt" : ""))
                next += 1
                checked += 1
            }
        }
        #expect(checked == products.results.rows.filter { $0.scope == .province }.count)
    }

    @Test("every number on the managing-unit return is a figure of that managing unit's (or the province's) results")
    func managingUnitFigures() throws {
        let (products, book) = try Self.example()
        let rows = book.rows(products.forms.form(.byManagingUnit).sheet)
        let registry = products.registry
        var codeOf: [String: (ScopeKind, String)] = ["Trực thuộc Sở": (.managingUnit, registry.so.code), "Toàn tỉnh": (.province, registry.so.code)]
        for unit in registry.managingUnits where unit.kind != .so {
            codeOf[unit.name.replacingOccurrences(of: "Phòng Giáo dục và Đào tạo", with: "Phòng GDĐT")] = (.managingUnit, unit.code)
        }
        var lines = 0
        for (_, cells) in rows {
            guard let label = cells[2] as? String, let (scope, code) = codeOf[label] else { continue }
            lines += 1
            let results = products.results.rows(scope, code).filter { $0.level == nil }
            let figures: [Double?] = results.flatMap { row -> [Double?] in
                [row.value, Double(row.unitsReporting), row.unitsMeeting.map(Double.init)]
            }
            for (column, value) in cells where column > 2 {
                if let text = value as? String, text.contains("/") {
                    let parts = text.split(separator: "/").compactMap { Int($0) }
                    #expect(results.contains { $0.unitsMeeting == parts.first && $0.unitsReporting == parts.last }, "\(label) \(text)")
                } else if let number = (value as? Double) ?? (value as? Int).map(Double.init), column < cells.keys.max()! {
                    #expect(figures.contains { Self.same(number, $0) }, "\(label) column \(column): \(number)")
                }
            }
        }
        #expect(lines == products.results.managingUnits.count + 1)
    }

    @Test("every shortfall on the shortfall return equals the unit's or managing unit's shortfall in results.csv")
    func shortfallFigures() throws {
        let (products, book) = try Self.example()
        let rows = book.rows(products.forms.form(.shortfalls).sheet)
        var indicator: Int?
        var checked = 0
        for row in rows.keys.sorted() {
            let cells = rows[row]!
            if let text = cells[1] as? String, let index = products.catalogue.indicators.firstIndex(where: { text.contains(". \($0.name) — ") }) {
                indicator = index
                continue
            }
            guard let indicator, let code = cells[2] as? String, let levelText = cells[4] as? String else { continue }
            let shortfall = cells[7]
            let basis = products.targets.basis(indicator: indicator)
            let scope: ScopeKind = basis == .average ? .managingUnit : .unit
            let level = levelText.contains(";") ? nil : Level(code: levelText)
            let isShare: Bool
            if case .unitShare = products.catalogue.indicators[indicator].kind { isShare = true } else { isShare = false }
            let result = try #require(products.results.row(scope, code, indicator: indicator, level: isShare && basis == .eachUnit ? nil : level),
                                      "\(code) \(levelText)")
            #expect(Self.same(shortfall, result.shortfall.map(Double.init)), "\(code) \(levelText) \(products.catalogue.indicators[indicator].id)")
            checked += 1
        }
        #expect(checked > 50)
    }

    @Test("a district's sub-report holds only that district's units and is issued in its name")
    func subReport() throws {
        let (products, book) = try Self.example(managingUnit: "0101")
        let texts = Set(book.texts(products.forms.form(.summary).sheet))
        #expect(texts.contains("Đơn vị báo cáo: Phòng Giáo dục và Đào tạo Thành phố Bắc Minh"))
        #expect(texts.contains("Đơn vị nhận báo cáo: Sở Giáo dục và Đào tạo tỉnh Bắc Minh"))
        #expect(texts.contains("PHÒNG GIÁO DỤC VÀ ĐÀO TẠO"))
        let detail = book.rows(products.forms.form(.unitDetail).sheet)
        let codes = Set(detail.values.compactMap { $0[2] as? String }.filter { $0.count == 7 && $0.allSatisfy(\.isNumber) })
        #expect(!codes.isEmpty)
        #expect(codes.allSatisfy { products.registry.unit(code: $0)?.parentCode == "0101" }, "\(codes.sorted().prefix(5))")
        #expect(codes.count == products.registry.units.filter { $0.parentCode == "0101" && $0.kind.isReporting }.count)
    }
}

/// LibreOffice (`soffice`) and poppler's `pdftotext`, where installed: the workbook as printed.
enum PrintCheck {
    static let soffice = ["/usr/bin/soffice", "/usr/local/bin/soffice", "/opt/libreoffice/program/soffice"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }
    static let pdftotext = ["/usr/bin/pdftotext", "/usr/local/bin/pdftotext"].first { FileManager.default.isExecutableFile(atPath: $0) }
    static var available: Bool { soffice != nil && pdftotext != nil }

    /// The text of each printed page of a workbook (the text goes to a file: `Hardening.shell`
    /// mixes the programs' warnings into their output).
    static func pageTexts(_ workbook: URL, in folder: URL) throws -> [String] {
        let profile = folder.appendingPathComponent("lo-profile", isDirectory: true)
        let pdf = workbook.deletingPathExtension().appendingPathExtension("pdf")
        let textFile = folder.appendingPathComponent("pages.txt")
        for (program, arguments) in [(soffice!, ["-env:UserInstallation=\(profile.absoluteString)", "--headless", "--norestore",
                                                  "--convert-to", "pdf", "--outdir", folder.path, workbook.path]),
                                     (pdftotext!, ["-layout", pdf.path, textFile.path])] {
            let (status, output) = try Hardening.shell(program, arguments)
            guard status == 0 else { throw TestSetupError("\(program) exited with \(status): \(output)") }
        }
        var pages = try String(contentsOf: textFile, encoding: .utf8).components(separatedBy: "\u{0C}")
        if pages.last?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty == true { pages.removeLast() }
        return pages
    }
}
