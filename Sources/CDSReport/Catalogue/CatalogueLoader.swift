import Foundation

extension Catalogue {
    /// The catalogue version this program understands.
    public static let supportedVersion = 1

    /// Loads and checks a catalogue file.
    ///
    /// Every key is checked: an unknown key, a duplicate or unknown id, an unknown level, a
    /// reference to a missing element, or a missing required element (`unit_code`, `period`,
    /// `level`) is an error naming the file and the line.
    /// - Throws: ``ConfigurationError``.
    public static func load(from url: URL, displayName: String? = nil) throws(ConfigurationError) -> Catalogue {
        let name = displayName ?? url.lastPathComponent
        return try parse(try readConfigurationText(url, displayName: name), file: name)
    }

    /// Parses catalogue text (see ``load(from:displayName:)``).
    public static func parse(_ text: String, file: String) throws(ConfigurationError) -> Catalogue {
        let root = try YAMLNode.parse(text, file: file)
        var map = try root.map("catalogue")
        let versionNode = try map.required("version")
        let version = try versionNode.int("version")
        guard version == supportedVersion else {
            throw versionNode.error("phiên bản danh mục \(version) không được hỗ trợ (expected \(supportedVersion))")
        }
        let elementNodes = try map.required("data_elements").list("data_elements")
        let indicatorNodes = try map.required("indicators").list("indicators")
        try map.rejectUnknownKeys()

        // First pass: ids, so that references may point forward.
        var ids: [String: Int] = [:]
        var raw: [(map: YAMLMap, id: String, node: YAMLNode)] = []
        for node in elementNodes {
            var element = try node.map("data element")
            let idNode = try element.required("id")
            let id = try idNode.string("id")
            guard isIdentifier(id) else { throw idNode.error("mã trường \"\(id)\" không hợp lệ (ids are lower_snake_case)") }
            guard ids[id] == nil else { throw idNode.error("mã trường \"\(id)\" bị lặp (duplicate id)") }
            ids[id] = raw.count
            raw.append((element, id, node))
        }
        for required in ["unit_code", "period", "level"] where ids[required] == nil {
            throw root.error("thiếu trường bắt buộc \"\(required)\" trong data_elements")
        }

        var elements: [DataElement] = []
        for (var map, id, _) in raw {
            let label = try map.required("label").string("label")
            let typeNode = try map.required("type")
            let typeText = try typeNode.string("type")
            guard let type = ElementType(rawValue: typeText) else {
                throw typeNode.error("kiểu \"\(typeText)\" không hợp lệ (text, period, level, integer, boolean)")
            }
            let required = try map.optional("required").map { node throws(ConfigurationError) in try boolean(node, "required") } ?? false
            let levels = try map.optional("levels").map { node throws(ConfigurationError) in try levelSet(node, "levels") } ?? LevelSet()
            var perUnit = false
            if let scopeNode = map.optional("scope") {
                switch try scopeNode.string("scope") {
                case "per_unit": perUnit = true
                case "per_level": perUnit = false
                case let other: throw scopeNode.error("scope \"\(other)\" không hợp lệ (per_unit or per_level)")
                }
            }
            var range: ClosedRange<Int>?
            if let rangeNode = map.optional("range") {
                let bounds = try rangeNode.list("range")
                guard bounds.count == 2 else { throw rangeNode.error("range phải có 2 số [min, max]") }
                let low = try bounds[0].int("range"), high = try bounds[1].int("range")
                guard low <= high else { throw rangeNode.error("range [\(low), \(high)] rỗng") }
                range = low...high
            }
            func reference(_ key: String) throws(ConfigurationError) -> Int? {
                guard let node = map.optional(key) else { return nil }
                let target = try node.string(key)
                guard let index = ids[target] else { throw node.error("\(key): không có trường \"\(target)\" (unknown id)") }
                return index
            }
            let atMost = try reference("at_most")
            let nonzero = try reference("nonzero_when_positive")
            let unit = try map.optional("unit_of_measure")?.string("unit_of_measure") ?? ""
            try map.rejectUnknownKeys()
            if type == .integer || type == .boolean, levels.isEmpty {
                throw raw[elements.count].node.error("trường \"\(id)\" cần danh sách levels")
            }
            elements.append(DataElement(id: id, label: label, type: type, required: required, levels: levels, perUnit: perUnit,
                                        range: range, atMost: atMost, nonzeroWhenPositive: nonzero, unitOfMeasure: unit))
        }
        for (index, element) in elements.enumerated() {
            for reference in [element.atMost, element.nonzeroWhenPositive].compactMap({ $0 }) where elements[reference].type != .integer || element.type != .integer {
                throw raw[index].node.error("trường \"\(element.id)\": at_most / nonzero_when_positive chỉ dùng giữa các trường số nguyên")
            }
        }

        var indicators: [Indicator] = []
        for node in indicatorNodes {
            var map = try node.map("indicator")
            let idNode = try map.required("id")
            let id = try idNode.string("id")
            guard isIdentifier(id) else { throw idNode.error("mã chỉ tiêu \"\(id)\" không hợp lệ") }
            guard !indicators.contains(where: { $0.id == id }) else { throw idNode.error("mã chỉ tiêu \"\(id)\" bị lặp (duplicate id)") }
            let name = try map.required("name").string("name")
            let kindNode = try map.required("kind")
            func field(_ key: String, _ type: ElementType) throws(ConfigurationError) -> Int {
                let node = try map.required(key)
                let target = try node.string(key)
                guard let index = ids[target] else { throw node.error("\(key): không có trường \"\(target)\" (unknown id)") }
                guard elements[index].type == type || (type == .integer && elements[index].type == .boolean && key == "field") else {
                    throw node.error("\(key): trường \"\(target)\" phải có kiểu \(type.rawValue)")
                }
                return index
            }
            let kind: IndicatorKind
            switch try kindNode.string("kind") {
            case "ratio":
                kind = .ratio(numerator: try field("numerator", .integer), denominator: try field("denominator", .integer))
            case "unit_share":
                let fieldNode = try map.required("field")
                let fieldID = try fieldNode.string("field")
                guard let fieldIndex = ids[fieldID] else { throw fieldNode.error("field: không có trường \"\(fieldID)\" (unknown id)") }
                let conditionNode = try map.required("condition")
                let condition = try parseCondition(try conditionNode.string("condition"), node: conditionNode)
                switch (condition, elements[fieldIndex].type) {
                case (.isTrue, .boolean), (.equals, .integer), (.atLeast, .integer): break
                default: throw conditionNode.error("condition không hợp với kiểu của trường \"\(fieldID)\"")
                }
                kind = .unitShare(field: fieldIndex, condition: condition)
            case "students_per_pc":
                for key in ["students", "classes", "computer_labs", "pcs_teaching"] where ids[key] == nil {
                    throw kindNode.error("students_per_pc cần trường \"\(key)\"")
                }
                kind = .studentsPerPC(students: ids["students"]!, classes: ids["classes"]!, labs: ids["computer_labs"]!, pcs: ids["pcs_teaching"]!)
            case let other:
                throw kindNode.error("kind \"\(other)\" không hợp lệ (ratio, unit_share, students_per_pc)")
            }
            let levelsNode = try map.required("levels")
            let levels = try levelSet(levelsNode, "levels")
            for input in kind.inputs {
                let missing = Level.allCases.filter { levels.contains($0) && !elements[input].levels.contains($0) }
                if !missing.isEmpty {
                    throw levelsNode.error("chỉ tiêu \"\(id)\" áp dụng cho \(missing.map(\.rawValue).joined(separator: ", ")) nhưng trường \"\(elements[input].id)\" thì không")
                }
            }
            let directionNode = try map.required("direction")
            let directionText = try directionNode.string("direction")
            guard let direction = Direction(rawValue: directionText) else {
                throw directionNode.error("direction \"\(directionText)\" không hợp lệ (higher_is_better, lower_is_better)")
            }
            let unit = try map.required("unit_of_measure").string("unit_of_measure")
            let shortfallUnit = try map.optional("shortfall_unit")?.string("shortfall_unit") ?? ""
            let shortfallLabel = try map.optional("shortfall_label")?.string("shortfall_label") ?? "Phần còn thiếu"
            try map.rejectUnknownKeys()
            indicators.append(Indicator(id: id, name: name, kind: kind, levels: levels, direction: direction,
                                        unitOfMeasure: unit, shortfallUnit: shortfallUnit, shortfallLabel: shortfallLabel))
        }
        guard !indicators.isEmpty else { throw root.error("danh mục không có chỉ tiêu nào") }
        return Catalogue(version: version, elements: elements, indicators: indicators)
    }

    private static func isIdentifier(_ text: String) -> Bool {
        !text.isEmpty && text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    private static func parseCondition(_ text: String, node: YAMLNode) throws(ConfigurationError) -> UnitCondition {
        let compact = text.filter { !$0.isWhitespace }.lowercased()
        if compact == "yes" || compact == "true" { return .isTrue }
        if compact.hasPrefix(">="), let bound = Int(compact.dropFirst(2)) { return .atLeast(bound) }
        if compact.hasPrefix("="), let value = Int(compact.dropFirst(1)) { return .equals(value) }
        throw node.error("condition \"\(text)\" không hợp lệ (\"yes\", \"= N\" or \">= N\")")
    }
}

func boolean(_ node: YAMLNode, _ what: String) throws(ConfigurationError) -> Bool {
    switch try node.string(what).lowercased() {
    case "true", "yes": return true
    case "false", "no": return false
    case let other: throw node.error("\(what) phải là true hoặc false, gặp \"\(other)\"")
    }
}

func levelSet(_ node: YAMLNode, _ what: String) throws(ConfigurationError) -> LevelSet {
    var set = LevelSet()
    for (code, item) in try node.strings(what) {
        guard let level = Level(code: code) else {
            throw item.error("cấp học \"\(code)\" không hợp lệ (MN, TH, THCS, THPT, GDTX)")
        }
        set.insert(level)
    }
    return set
}
