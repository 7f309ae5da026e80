import ArgumentParser
import CDSReport
import Foundation

/// `cds-report`: the root command only lists the subcommands.
@main
struct CDSReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cds-report",
        abstract: "Tổng hợp báo cáo chuyển đổi số ngành giáo dục (digital-transformation returns of Vietnamese education).",
        discussion: """
        Reads the returns of schools and centres (CSV or XLSX), rejects bad rows with a message in \
        Vietnamese, computes every indicator per unit, managing unit and province, checks the plan's \
        targets and writes results.csv, rejections.csv and the official workbook.
        """,
        version: "0.1.0",
        subcommands: [Run.self, Demo.self, Init.self, Units.self, Ingest.self, Report.self, Status.self, Targets.self, Compare.self, RegistryCommand.self, Template.self]
    )
}

/// Options every command that reads the configuration shares.
struct ConfigurationOptions: ParsableArguments {
    @Option(name: .customLong("indicators"), help: ArgumentHelp("The Indicators/ folder (catalogue, targets, forms).", valueName: "DIR"))
    var indicators: String?

    func folder() throws -> IndicatorsFolder {
        guard let folder = IndicatorsFolder.locate(explicit: indicators) else {
            throw Failure(message: "Không tìm thấy thư mục Indicators/ (catalogue.yaml); dùng --indicators DIR hoặc biến CDS_REPORT_INDICATORS.")
        }
        return folder
    }
}

/// A failure that ends the command with exit status 1 and one line on stderr.
struct Failure: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

enum Terminal {
    static func error(_ line: String) {
        FileHandle.standardError.write(Data("cds-report: \(line)\n".utf8))
    }

    static func info(_ line: String) {
        FileHandle.standardError.write(Data("\(line)\n".utf8))
    }

    /// Runs a pipeline step, mapping its failure to the exit status the contract gives.
    static func perform<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let failure as RunFailure {
            if failure.kind == .usage { throw ValidationError(failure.message) }
            error(failure.message)
            throw ExitCode(failure.exitStatus)
        } catch let failure as Failure {
            error(failure.message)
            throw ExitCode(1)
        }
    }
}

/// Parses `YYYY-MM-DD`.
func parseDate(_ text: String) -> Date? {
    let parts = text.split(separator: "-")
    guard parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else { return nil }
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh") ?? .current
    let components = DateComponents(year: year, month: month, day: day, hour: 12)
    guard let date = calendar.date(from: components), calendar.component(.day, from: date) == day else { return nil }
    return date
}
