import CDSReport
import Foundation

/// The repository's own files, found from this source file's path, so that tests do not depend
/// on the working directory `swift test` runs in.
public enum Repository {
    /// The clone's root folder (the one holding `Package.swift`).
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent() // TestSupport
        .deletingLastPathComponent() // Tests
        .deletingLastPathComponent()

    /// `Indicators/`: the catalogue, the default targets, other plans.
    public static var indicators: URL { root.appendingPathComponent("Indicators") }

    /// The fixtures of the CDSReport tests.
    public static var fixtures: URL { root.appendingPathComponent("Tests/CDSReportTests/Fixtures") }

    /// The worked example shared beside the clone (`../shared/example`), as CI lays it out.
    public static var sharedExample: URL {
        root.deletingLastPathComponent().appendingPathComponent("shared/example")
    }

    /// The indicators folder as the program sees it.
    public static var indicatorsFolder: IndicatorsFolder { IndicatorsFolder(url: indicators) }

    /// Loads `Indicators/catalogue.yaml`.
    public static func catalogue() throws -> Catalogue {
        try indicatorsFolder.loadCatalogue()
    }

    /// The text of a file under `Indicators/`.
    public static func indicatorsText(_ relative: String) throws -> String {
        String(decoding: try Data(contentsOf: indicators.appendingPathComponent(relative)), as: UTF8.self)
    }

    /// The default targets for 2024-2025 (`Indicators/targets/2024-2025.yaml`).
    public static func defaultTargets(catalogue: Catalogue) throws -> TargetSet {
        try TargetSet.load(from: indicators.appendingPathComponent("targets/2024-2025.yaml"),
                           displayName: "Indicators/targets/2024-2025.yaml", catalogue: catalogue,
                           expectedYear: SchoolYear("2024-2025"))
    }
}
