import Foundation

/// A registry as read from a file, with what a school-list export left out (CONTRACT §2a).
public struct LoadedRegistry: Sendable {
    public let registry: Registry
    /// The export's rows left out, in row order; empty for a §2 table.
    public let notes: [RegistryNote]
    /// The export, when the file was one; `nil` for a §2 table (CSV or XLSX).
    public let export: SchoolListExport?

    public init(registry: Registry, notes: [RegistryNote] = [], export: SchoolListExport? = nil) {
        self.registry = registry
        self.notes = notes
        self.export = export
    }

    /// Whether the file was a school-list export (then `registry_notes.csv` is written).
    public var isExport: Bool { export != nil }
}

extension RegistryLoader {
    /// Reads a registry file as ``load(from:displayName:)`` does, keeping the rows a school-list
    /// export left out.
    /// - Throws: ``RegistryError`` listing every problem.
    public static func loadWithNotes(from url: URL, displayName: String? = nil) throws(RegistryError) -> LoadedRegistry {
        let name = displayName ?? url.lastPathComponent
        if let data = try? Data(contentsOf: url), let export = try SchoolListExport.read(data, file: name) {
            return LoadedRegistry(registry: export.registry, notes: export.notes, export: export)
        }
        return LoadedRegistry(registry: try load(from: url, displayName: name))
    }

    /// The §2 CSV of a registry (`unit_code,name,kind,levels,parent_code,locality,previous_codes`),
    /// in the registry's order, text guarded against formulas: the file a department can keep
    /// and edit, and that reads back as the same registry.
    public static func csv(_ registry: Registry) -> [UInt8] {
        var writer = CSVWriter(header: columns)
        for unit in registry.units {
            writer.appendRow([.text(unit.code), .text(unit.name), .text(unit.kind.rawValue), .text(unit.levels.codes), .text(unit.parentCode),
                              .text(unit.locality), .text(unit.previousCodes.joined(separator: ";"))])
        }
        return writer.data
    }
}

/// What a registry yields, for the terminal (`registry`, and `init`/`units` may show it too):
/// units by kind and level, per managing unit, then every row left out with its reason.
public enum RegistryOverview {
    public static func lines(_ loaded: LoadedRegistry, file: String) -> [String] {
        let registry = loaded.registry
        let source = loaded.export.map { "bản xuất danh sách trường từ CSDL ngành, trang \($0.sheet): \($0.rowsRead) dòng, \($0.schools.count) nhận, \(loaded.notes.count) bỏ qua" }
            ?? "bảng danh mục (mục 2)"
        var lines = ["Danh mục đơn vị \(file) (\(source)): \(registry.units.count) đơn vị",
                     "Sở: \(registry.so.name) (\(registry.so.code))"]
        let managing = registry.units.filter { $0.kind == .phong || $0.kind == .xa }
        let byKind = [UnitKind.phong, .xa].map { kind in "\(managing.filter { $0.kind == kind }.count) \(kind.rawValue)" }
        lines.append("Đơn vị quản lý: " + byKind.joined(separator: ", "))
        lines.append("Trường, trung tâm: " + breakdown(registry.reportingUnits))
        lines.append("Theo đơn vị quản lý:")
        var children: [String: [Unit]] = [:]
        for unit in registry.reportingUnits { children[unit.parentCode, default: []].append(unit) }
        for unit in [registry.so] + managing {
            let label = unit.kind == .so ? "trực thuộc Sở" : unit.kind.rawValue
            let own = children[unit.code] ?? []
            lines.append("  \(unit.code) \(unit.name) [\(label)]: " + (own.isEmpty ? "không có trường, trung tâm" : breakdown(own)))
        }
        if loaded.isExport { lines += RegistryNotes.lines(loaded.notes) }
        return lines
    }

    /// `N đơn vị — TRUONG a (MN x, TH y…), TRUNGTAM b (GDTX z)`: a multi-level unit counts in
    /// each of its levels.
    static func breakdown(_ units: [Unit]) -> String {
        let parts = [UnitKind.truong, .trungtam].compactMap { kind -> String? in
            let ofKind = units.filter { $0.kind == kind }
            guard !ofKind.isEmpty else { return nil }
            let levels = Level.allCases.compactMap { level -> String? in
                let count = ofKind.reduce(0) { $0 + ($1.levels.contains(level) ? 1 : 0) }
                return count == 0 ? nil : "\(level.rawValue) \(count)"
            }
            return "\(kind.rawValue) \(ofKind.count) (\(levels.joined(separator: ", ")))"
        }
        return parts.isEmpty ? "\(units.count) đơn vị" : "\(units.count) đơn vị — " + parts.joined(separator: ", ")
    }
}
