import Foundation

/// A workspace's settings (`cds-workspace.yaml`): where the store is, and what overrides the
/// configuration in `Indicators/` for this department (form wording, the reporting calendar).
public struct WorkspaceSettings: Sendable {
    public var storeFile: String
    public var superiorBody: String
    public var issuingBody: String
    public var placeName: String
    /// The raw `calendar:` mapping text, applied over `Indicators/calendar.yaml`.
    var calendarOverride: YAMLNodeBox?

    static let `default` = WorkspaceSettings(storeFile: "store.sqlite", superiorBody: "", issuingBody: "", placeName: "", calendarOverride: nil)

    /// The settings file a new workspace starts with, commented for the clerk who edits it.
    var yaml: String {
        """
        # Không gian làm việc cds-report (workspace settings). Edit with care; see README.
        version: 1
        # The embedded store (SQLite), relative to this folder.
        store: \(storeFile)
        # Form wording; empty = derived from the registry (see Indicators/forms.yaml).
        superior_body: ""
        issuing_body: ""
        place_name: ""
        # Deadlines overriding Indicators/calendar.yaml, same shape, e.g.
        # calendar:
        #   HK1:
        #     school_to_managing: "01-19"
        #     managing_to_so: "01-19"
        calendar: {}

        """
    }

    static func load(from url: URL) throws(ConfigurationError) -> WorkspaceSettings {
        let name = url.lastPathComponent
        let root = try YAMLNode.parse(try readConfigurationText(url, displayName: name), file: name)
        var map = try root.map("settings")
        let version = try map.required("version")
        guard try version.int("version") == 1 else { throw version.error("phiên bản không được hỗ trợ (expected 1)") }
        var settings = WorkspaceSettings.default
        if let store = map.optional("store") { settings.storeFile = try store.string("store") }
        if let value = map.optional("superior_body") { settings.superiorBody = try value.string("superior_body") }
        if let value = map.optional("issuing_body") { settings.issuingBody = try value.string("issuing_body") }
        if let value = map.optional("place_name") { settings.placeName = try value.string("place_name") }
        if let calendar = map.optional("calendar") {
            var probe = ReportingCalendar(deadlines: [:])
            try probe.apply(calendar)
            settings.calendarOverride = YAMLNodeBox(node: calendar)
        }
        try map.rejectUnknownKeys()
        return settings
    }

    /// The form settings with this workspace's wording over the defaults.
    func forms(_ base: FormSettings) -> FormSettings {
        var forms = base
        if !superiorBody.isEmpty { forms.superiorBody = superiorBody }
        if !issuingBody.isEmpty { forms.issuingBody = issuingBody }
        if !placeName.isEmpty { forms.placeName = placeName }
        return forms
    }

    /// The calendar of `Indicators/` with this workspace's overrides.
    func calendar(_ base: ReportingCalendar) throws(ConfigurationError) -> ReportingCalendar {
        var calendar = base
        if let node = calendarOverride?.node { try calendar.apply(node) }
        return calendar
    }
}

/// A parsed YAML node carried in a `Sendable` value.
struct YAMLNodeBox: @unchecked Sendable {
    let node: YAMLNode
}
