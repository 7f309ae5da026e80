/// A configuration file (`Indicators/`, a targets file) that cannot be used: the run stops.
///
/// The description is the one line a user sees: the file, the line (1 when no line applies) and
/// what is wrong, e.g. `targets.yaml:7: unknown indicator "online"`.
public struct ConfigurationError: Error, CustomStringConvertible, Sendable, Equatable {
    public let file: String
    public let line: Int
    public let problem: String

    public init(file: String, line: Int, problem: String) {
        self.file = file
        self.line = max(1, line)
        self.problem = problem
    }

    /// One line even when the problem quotes a value that spans lines (a quoted YAML string can).
    public var description: String {
        "\(file):\(line): " + problem.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).joined(separator: "\\n")
    }
}
