/// What a registry row is (CONTRACT §2).
public enum UnitKind: String, Sendable, Hashable, CaseIterable {
    /// The provincial department (Sở GDĐT).
    case so = "SO"
    /// A district office (Phòng GDĐT), until the 2025 reorganisation.
    case phong = "PHONG"
    /// A commune or ward People's Committee managing schools, from 1 July 2025.
    case xa = "XA"
    /// A school.
    case truong = "TRUONG"
    /// A centre (GDNN-GDTX).
    case trungtam = "TRUNGTAM"

    /// `true` for the kinds that manage schools (SO, PHONG, XA).
    public var isManaging: Bool { self == .so || self == .phong || self == .xa }

    /// `true` for the kinds that report figures (schools and centres).
    public var isReporting: Bool { self == .truong || self == .trungtam }
}

/// One unit of the registry.
public struct Unit: Sendable, Hashable {
    /// The code as text, leading zeros kept.
    public let code: String
    public let name: String
    public let kind: UnitKind
    public let levels: LevelSet
    /// The managing unit's code; empty for the SO.
    public let parentCode: String
    public let locality: String
    public let previousCodes: [String]

    public init(code: String, name: String, kind: UnitKind, levels: LevelSet, parentCode: String,
                locality: String = "", previousCodes: [String] = []) {
        self.code = code
        self.name = name
        self.kind = kind
        self.levels = levels
        self.parentCode = parentCode
        self.locality = locality
        self.previousCodes = previousCodes
    }
}
