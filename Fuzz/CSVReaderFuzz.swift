// libFuzzer target: the CSV reader (TextDecoding → CSVParser → CSVTableReader), as `run` reads a
// return. Built by Fuzz/build.sh with the sources of Sources/CDSReport/Read in the same module.
//
// Besides "no crash, no hang", it checks what callers rely on: a table's row numbers are the
// lines a person sees, so they start at 1 or more and strictly increase; a failure is always an
// UnreadableFile with a message (the `unreadable_file` finding), never anything else.
import Foundation

/// Headers the reader must recognise, as the catalogue's ids and labels do (trimmed, any case).
private let keyHeaders: Set<String> = ["unit_code", "mã đơn vị"]
private let knownHeaders: Set<String> = keyHeaders.union([
    "period", "kỳ báo cáo", "level", "cấp học", "students", "số học sinh", "staff", "số cán bộ, giáo viên, nhân viên",
    "classes", "số lớp", "cashless", "fiber", "sis_modules", "cds_level", "inspected",
])

private func headerKey(_ text: String) -> String {
    text.nfc.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(bytes: data, count: size)
    do {
        let table = try CSVTableReader.read(bytes, file: "fuzz.csv", isKey: { keyHeaders.contains(headerKey($0)) },
                                            isKnown: { knownHeaders.contains(headerKey($0)) })
        var previous = 0
        for row in table.rows {
            precondition(row.number > previous, "row numbers must increase: \(row.number) after \(previous)")
            precondition(!row.cells.isEmpty, "a record has at least one field")
            previous = row.number
            _ = row.isBlank
        }
    } catch {
        precondition(!error.message.isEmpty, "an unreadable file needs a message")
    }
    return 0
}
