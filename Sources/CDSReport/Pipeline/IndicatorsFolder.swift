import Foundation

/// The `Indicators/` folder: the catalogue, the default targets per school year, other plans and
/// the form settings.
public struct IndicatorsFolder: Sendable {
    public let url: URL

    public init(url: URL) { self.url = url }

    /// Finds the folder: `explicit` if given, else `$CDS_REPORT_INDICATORS`, else an `Indicators`
    /// folder beside the executable or above it (a build inside the repository), else in
    /// `share/cds-report/` next to the executable's `bin/` (an installed copy), else in the
    /// current directory.
    public static func locate(explicit: String?) -> IndicatorsFolder? {
        var candidates: [URL] = []
        if let explicit { return IndicatorsFolder(url: URL(fileURLWithPath: explicit)) }
        if let environment = ProcessInfo.processInfo.environment["CDS_REPORT_INDICATORS"], !environment.isEmpty {
            return IndicatorsFolder(url: URL(fileURLWithPath: environment))
        }
        var directory = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath().deletingLastPathComponent()
        if let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() { directory = executable.deletingLastPathComponent() }
        candidates.append(directory.deletingLastPathComponent().appendingPathComponent("share/cds-report/Indicators"))
        var walk = directory
        for _ in 0..<6 {
            candidates.append(walk.appendingPathComponent("Indicators"))
            walk = walk.deletingLastPathComponent()
        }
        candidates.append(URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("Indicators"))
        return candidates.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("catalogue.yaml").path) }
            .map(IndicatorsFolder.init)
    }

    public var catalogueURL: URL { url.appendingPathComponent("catalogue.yaml") }

    public func loadCatalogue() throws(ConfigurationError) -> Catalogue {
        try Catalogue.load(from: catalogueURL, displayName: "Indicators/catalogue.yaml")
    }

    /// The form settings (`forms.yaml`).
    public func loadForms() throws(ConfigurationError) -> FormSettings {
        try FormSettings.load(from: url.appendingPathComponent("forms.yaml"))
    }

    /// The default targets for a school year: its own file if there is one, else those of the
    /// plan's own year (2024-2025), which apply to every year without targets of its own.
    public func defaultTargets(for year: SchoolYear, catalogue: Catalogue) throws(ConfigurationError) -> TargetSet {
        let own = url.appendingPathComponent("targets/\(year).yaml")
        if FileManager.default.fileExists(atPath: own.path) {
            return try TargetSet.load(from: own, displayName: "Indicators/targets/\(year).yaml", catalogue: catalogue, expectedYear: year)
        }
        return try TargetSet.load(from: url.appendingPathComponent("targets/2024-2025.yaml"),
                                  displayName: "Indicators/targets/2024-2025.yaml", catalogue: catalogue, expectedYear: nil)
    }
}
