import Foundation

/// Reads a CSV file into a ``RawTable``, choosing its delimiter the way CONTRACT §3 says.
enum CSVTableReader {
    /// How many rows may stand above the header.
    static let headerSearchRows = 20

    /// Reads the whole file.
    ///
    /// The delimiter is the one of `,` and `;` with which the header row (the first of the first 20
    /// rows that names the key column) names more known columns; Vietnamese labels contain commas,
    /// so counting separators would mislead.
    /// - Parameters:
    ///   - isKey: whether a header cell names the key column (`unit_code`).
    ///   - isKnown: whether a header cell names any known column.
    /// - Throws: ``UnreadableFile``.
    static func read(_ data: Data, file: String, isKey: (String) -> Bool, isKnown: (String) -> Bool) throws(UnreadableFile) -> RawTable {
        let bytes = try TextDecoding.utf8Bytes(of: data)
        var best: (delimiter: UInt8, score: Int) = (UInt8(ascii: ","), -1)
        for delimiter in [UInt8(ascii: ","), UInt8(ascii: ";")] {
            var parser = CSVParser(bytes: bytes, delimiter: delimiter)
            var score = -1
            for _ in 0..<headerSearchRows {
                guard let row = try parser.next() else { break }
                if row.cells.contains(where: isKey) {
                    score = row.cells.filter(isKnown).count
                    break
                }
            }
            if score > best.score { best = (delimiter, score) }
        }
        var parser = CSVParser(bytes: bytes, delimiter: best.delimiter)
        var rows: [RawRow] = []
        while let row = try parser.next() { rows.append(row) }
        return RawTable(file: file, rows: rows)
    }
}
