import Foundation

/// What the printed returns say, from `Indicators/forms.yaml`: form numbers, titles, signers,
/// place name and receivers. Empty values are derived from the registry.
public struct FormSettings: Sendable {
    /// One form of the set.
    public struct Form: Sendable {
        public let number: String
        public let sheet: String
        public let title: String
    }

    /// The forms a workbook may hold, in the order they appear.
    public enum FormID: String, CaseIterable, Sendable {
        case summary
        case byManagingUnit = "by_managing_unit"
        case unitDetail = "unit_detail"
        case shortfalls
        case submissionStatus = "submission_status"
        case findings
        case charts
        case compareSummary = "compare_summary"
        case compareManaging = "compare_managing"
        case compareBackwards = "compare_backwards"
        case compareJumps = "compare_jumps"
        case compareCharts = "compare_charts"
    }

    public var superiorBody: String
    public var issuingBody: String
    public var placeName: String
    public var documentNumber: String
    public var instrument: String
    public var receiver: String
    public var subReportReceiver: String
    public var preparedByTitle: String
    public var headTitle: String
    public var signerName: String
    public var forms: [FormID: Form]

    public func form(_ id: FormID) -> Form { forms[id]! }

    /// Loads and checks the settings; unknown keys and forms are errors naming the line.
    public static func load(from url: URL, displayName: String = "Indicators/forms.yaml") throws(ConfigurationError) -> FormSettings {
        try parse(try readConfigurationText(url, displayName: displayName), file: displayName)
    }

    public static func parse(_ text: String, file: String) throws(ConfigurationError) -> FormSettings {
        let root = try YAMLNode.parse(text, file: file)
        var map = try root.map("forms")
        let versionNode = try map.required("version")
        guard try versionNode.int("version") == 1 else { throw versionNode.error("phiên bản không được hỗ trợ (expected 1)") }
        func field(_ key: String) throws(ConfigurationError) -> String { try map.required(key).string(key) }
        var settings = FormSettings(
            superiorBody: try field("superior_body"), issuingBody: try field("issuing_body"), placeName: try field("place_name"),
            documentNumber: try field("document_number"), instrument: try field("instrument"), receiver: try field("receiver"),
            subReportReceiver: try field("sub_report_receiver"), preparedByTitle: try field("prepared_by_title"),
            headTitle: try field("head_title"), signerName: try field("signer_name"), forms: [:])
        var formsMap = try map.required("forms").map("forms")
        for id in FormID.allCases {
            var form = try formsMap.required(id.rawValue).map(id.rawValue)
            settings.forms[id] = Form(number: try form.required("number").string("number"), sheet: try form.required("sheet").string("sheet"),
                                      title: try form.required("title").string("title"))
            try form.rejectUnknownKeys()
        }
        try formsMap.rejectUnknownKeys()
        try map.rejectUnknownKeys()
        return settings
    }

    /// Fills the values left empty from the registry's SO.
    public func resolved(for registry: Registry) -> FormSettings {
        var copy = self
        let province = registry.provinceName
        if copy.superiorBody.isEmpty { copy.superiorBody = "UBND " + province.uppercased(with: Locale(identifier: "vi_VN")) }
        if copy.issuingBody.isEmpty {
            let name = registry.so.name
            let bare = name.hasSuffix(province) ? String(name.dropLast(province.count)).trimmingCharacters(in: .whitespaces) : name
            copy.issuingBody = bare.uppercased(with: Locale(identifier: "vi_VN"))
        }
        if copy.placeName.isEmpty {
            var place = province
            for prefix in ["tỉnh ", "Tỉnh ", "thành phố ", "Thành phố ", "TP. ", "TP "] where place.hasPrefix(prefix) {
                place = String(place.dropFirst(prefix.count))
            }
            copy.placeName = place
        }
        return copy
    }
}
