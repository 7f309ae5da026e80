/// Facts about a run's scope that several sheets need: its managing units and their units, who
/// submitted, how managing units are named on the forms.
struct ReportScope {
    let products: RunProducts
    /// Managing units with units in scope, in code order, each with its units (registry indices,
    /// code order).
    let groups: [(code: String, units: [Int])]
    /// Units with at least one row whose key was valid (their return arrived).
    let submitted: Set<Int>

    init(products: RunProducts) {
        self.products = products
        var byParent: [String: [Int]] = [:]
        for unit in products.results.units { byParent[products.registry.units[unit].parentCode, default: []].append(unit) }
        groups = byParent.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.map { ($0, byParent[$0]!) }
        submitted = Set(products.validation.rowsByUnit.filter { $0.value.submitted > 0 }.map(\.key))
    }

    /// How a managing unit is named in tables: its name, or "Trực thuộc Sở" for the Sở's own units.
    func label(ofManaging code: String) -> String {
        if code == products.registry.so.code { return "Trực thuộc Sở" }
        return Self.shortName(products.registry.unit(code: code)?.name ?? code)
    }

    /// A managing unit's name as tables print it: "Phòng Giáo dục và Đào tạo Huyện X" becomes
    /// "Phòng GDĐT Huyện X", the abbreviation every department uses.
    static func shortName(_ name: String) -> String {
        name.replacingOccurrences(of: "Phòng Giáo dục và Đào tạo", with: "Phòng GDĐT")
            .replacingOccurrences(of: "Sở Giáo dục và Đào tạo", with: "Sở GDĐT")
    }

    /// The result rows of a managing unit (the SO's code for the units it manages directly).
    func managingRow(_ code: String, indicator: Int, level: Level?) -> ResultRow? {
        products.results.row(.managingUnit, code, indicator: indicator, level: level)
    }

    func provinceRow(indicator: Int, level: Level?) -> ResultRow? {
        products.results.row(.province, products.registry.so.code, indicator: indicator, level: level)
    }

    /// Indicators that have a target at some level, in catalogue order.
    var targetedIndicators: [Int] {
        products.catalogue.indicators.indices.filter { products.targets.hasAnyTarget(indicator: $0, levels: products.catalogue.indicators[$0].levels) }
    }
}
