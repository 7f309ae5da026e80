import Foundation
import XLSX

/// Reads a table from a workbook (`.xlsx`) through the streaming reader: the first sheet whose
/// first 20 rows name the key column, else the first sheet.
enum WorkbookTableReader {
    /// The most data rows read from one sheet: far beyond any return or registry.
    static let maximumRows = 2_000_000

    /// Reads the table; a file that is not a readable workbook becomes the reason.
    /// - Parameter isKey: whether a header cell names the key column.
    static func read(_ data: Data, file: String, isKey: (String) -> Bool) -> Result<RawTable, UnreadableFile> {
        do {
            let reader = try XLSXReader(data: data)
            guard !reader.sheetNames.isEmpty else {
                return .failure(UnreadableFile("Tệp Excel không có trang tính (sheet) nào."))
            }
            var fallback: RawTable?
            for name in reader.sheetNames {
                let table = try readSheet(reader, name: name, file: file)
                let hasHeader = table.rows.prefix(CSVTableReader.headerSearchRows).contains { $0.cells.contains(where: isKey) }
                if hasHeader { return .success(table) }
                if fallback == nil { fallback = table }
            }
            return .success(fallback!)
        } catch let error as XLSXReadError {
            return .failure(UnreadableFile(error.description))
        } catch let error as UnreadableFile {
            return .failure(error)
        } catch {
            return .failure(UnreadableFile("Không đọc được tệp Excel: \(error)."))
        }
    }

    private static func readSheet(_ reader: XLSXReader, name: String, file: String) throws -> RawTable {
        var rows: [RawRow] = []
        try reader.forEachRow(inSheet: name) { row in
            guard rows.count < maximumRows else {
                throw UnreadableFile("Trang tính \(name) có hơn \(maximumRows) dòng: quá lớn để là một báo cáo.")
            }
            rows.append(RawRow(number: row.number, cells: row.cells, uncalculatedFormulas: row.uncalculatedFormulas))
        }
        return RawTable(file: file, sheet: name, rows: rows, isWorkbook: true)
    }
}
