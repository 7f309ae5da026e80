import ArgumentParser
import CDSReport
import Foundation

/// `cds-report registry FILE [--csv OUT]` (CONTRACT §2a): what a registry file yields.
struct RegistryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "registry",
        abstract: "Xem danh mục đơn vị đọc được từ một tệp (bảng danh mục CSV/XLSX hoặc bản xuất danh sách trường từ CSDL ngành).",
        discussion: """
        Prints the SO, the managing units, the schools and centres by kind and level under each \
        managing unit, and, for a school-list export of the sector database (CSDL ngành), every row \
        left out with its reason (blank_code, inactive, outside_department, bad_cap_hoc, \
        duplicate_code, code_conflict). --csv OUT writes the registry as the §2 CSV \
        (unit_code,name,kind,levels,parent_code,locality,previous_codes), to keep or edit. \
        Exit status: 0 the registry is usable; 1 it is not (one line on stderr); 64 bad usage.
        """
    )

    @Argument(help: ArgumentHelp("The registry: a §2 table (CSV or XLSX) or the sector database's school-list export (XLSX).",
                                 valueName: "FILE"))
    var file: String

    @Option(help: ArgumentHelp("Also write the registry as the §2 CSV to this file.", valueName: "OUT"))
    var csv: String?

    func run() throws {
        let url = URL(fileURLWithPath: file)
        let loaded = try Terminal.perform { () throws -> LoadedRegistry in
            do {
                return try RegistryLoader.loadWithNotes(from: url, displayName: url.lastPathComponent)
            } catch {
                throw Failure(message: "\(error)")
            }
        }
        RegistryOverview.lines(loaded, file: url.lastPathComponent).forEach { print($0) }
        if let csv {
            let out = URL(fileURLWithPath: csv)
            try Terminal.perform {
                do {
                    try AtomicFile.write(RegistryLoader.csv(loaded.registry), to: out)
                } catch {
                    throw Failure(message: "\(error)")
                }
            }
            print("Đã ghi danh mục (CSV mục 2) vào \(csv)")
        }
    }
}
