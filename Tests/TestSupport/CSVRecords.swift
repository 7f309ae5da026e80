/// A small RFC 4180 reader for the program's outputs, independent of the program's own reader,
/// so that a bug in one cannot hide a bug in the other.
public enum CSVRecords {
    /// The records of comma-separated text (LF or CRLF line breaks; quoted fields may hold commas,
    /// doubled quotes and line breaks). A final line break does not start an empty record.
    public static func parse(_ text: String) -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var quoted = false
        var afterQuote = false
        var index = text.unicodeScalars.startIndex
        let scalars = text.unicodeScalars
        var pending = false
        while index < scalars.endIndex {
            let scalar = scalars[index]
            index = scalars.index(after: index)
            if quoted {
                if scalar == "\"" {
                    if index < scalars.endIndex, scalars[index] == "\"" {
                        field.unicodeScalars.append("\"")
                        index = scalars.index(after: index)
                    } else {
                        quoted = false
                        afterQuote = true
                    }
                } else {
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"" where field.isEmpty && !afterQuote:
                quoted = true
                pending = true
            case ",":
                record.append(field)
                field = ""
                afterQuote = false
                pending = true
            case "\r":
                continue
            case "\n":
                record.append(field)
                records.append(record)
                record = []
                field = ""
                afterQuote = false
                pending = false
            default:
                field.unicodeScalars.append(scalar)
                pending = true
            }
        }
        if pending || !field.isEmpty || !record.isEmpty {
            record.append(field)
            records.append(record)
        }
        return records
    }

    /// The header and the rows of a CSV text, each row keyed by the header's cells.
    public static func table(_ text: String) -> (header: [String], rows: [[String: String]]) {
        var records = parse(text)
        guard !records.isEmpty else { return ([], []) }
        let header = records.removeFirst()
        let rows = records.map { record in
            var row: [String: String] = [:]
            for (index, name) in header.enumerated() { row[name] = index < record.count ? record[index] : "" }
            return row
        }
        return (header, rows)
    }
}
