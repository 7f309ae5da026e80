// libFuzzer target: the Indicators/ loaders (catalogue.yaml, a targets file, forms.yaml), which
// read YAML through Yams (libyaml) into strictly checked values. Built by Fuzz/build.sh with the
// sources of Sources/CDSReport/Catalogue and what they need in the same module.
//
// The first byte picks the loader, the rest is the file's bytes, read as the program reads them
// (readConfigurationText: UTF-8, optional BOM). A bad file must give a ConfigurationError naming
// the file and a line ≥ 1 (the run's one line on stderr), never a crash or a hang.
import Foundation

/// The shipped catalogue, for parsing targets files against it.
private let catalogue: Catalogue = {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    let folder = ProcessInfo.processInfo.environment["CDS_REPORT_INDICATORS"].map { URL(fileURLWithPath: $0) }
        ?? root.appendingPathComponent("Indicators")
    do { return try IndicatorsFolder(url: folder).loadCatalogue() } catch { fatalError("fuzz-indicators: \(error)") }
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size >= 1 else { return 0 }
    let selector = data[0] % 3
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("fuzz-indicators-\(getpid()).yaml")
    guard FileManager.default.createFile(atPath: file.path, contents: Data(bytes: data + 1, count: size - 1)) else { return 0 }
    do {
        switch selector {
        case 0: _ = try Catalogue.load(from: file, displayName: "catalogue.yaml")
        case 1: _ = try TargetSet.load(from: file, displayName: "targets.yaml", catalogue: catalogue, expectedYear: SchoolYear("2024-2025"))
        default: _ = try FormSettings.load(from: file, displayName: "forms.yaml")
        }
    } catch {
        precondition(error.line >= 1 && !error.problem.isEmpty, "a configuration error names a line and a problem")
        precondition(!error.description.contains("\n"), "the run stops with one line: \(error.description)")
    }
    return 0
}
