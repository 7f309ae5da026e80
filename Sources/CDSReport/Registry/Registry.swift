/// The unit registry (danh mục đơn vị), checked: exactly one SO, every parent a managing unit,
/// codes unique.
///
/// Lookups by code are dictionary lookups; the order of ``units`` is the order of the file.
public struct Registry: Sendable {
    public let units: [Unit]
    /// The index of the SO in ``units``.
    public let soIndex: Int
    private let indexByCode: [String: Int]
    /// For each code that some unit lists in `previous_codes`, that unit's index.
    private let successorByPreviousCode: [String: Int]

    /// Builds a registry from units already read; ``RegistryChecks`` has run.
    init(units: [Unit]) {
        self.units = units
        var byCode: [String: Int] = [:]
        var successor: [String: Int] = [:]
        for (index, unit) in units.enumerated() {
            byCode[unit.code] = index
            for previous in unit.previousCodes { successor[previous] = index }
        }
        indexByCode = byCode
        successorByPreviousCode = successor
        soIndex = units.firstIndex { $0.kind == .so } ?? 0
    }

    public var so: Unit { units[soIndex] }

    /// The index of the unit with this code (exact match).
    public func index(of code: String) -> Int? { indexByCode[code] }

    public func unit(code: String) -> Unit? { indexByCode[code].map { units[$0] } }

    /// The unit that lists this code among its previous codes, if any.
    public func successor(ofPreviousCode code: String) -> Unit? { successorByPreviousCode[code].map { units[$0] } }

    /// The managing units (SO, PHONG, XA) in code order.
    public var managingUnits: [Unit] {
        units.filter(\.kind.isManaging).sorted { $0.code < $1.code }
    }

    /// The reporting units (schools and centres).
    public var reportingUnits: [Unit] { units.filter(\.kind.isReporting) }

    /// The province's name for headers, from the SO's name: "Sở Giáo dục và Đào tạo tỉnh Bắc Minh"
    /// gives "tỉnh Bắc Minh".
    public var provinceName: String {
        let name = so.name
        for prefix in ["Sở Giáo dục và Đào tạo ", "Sở Giáo dục - Đào tạo ", "Sở GDĐT ", "Sở GD&ĐT "] where name.hasPrefix(prefix) {
            return String(name.dropFirst(prefix.count))
        }
        return name
    }
}
