import Foundation

/// A calendar day, `YYYY-MM-DD`, compared and subtracted without time zones.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), (1...Day.length(of: month, in: year)).contains(day), (1...9999).contains(year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`.
    public init?(_ text: String) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// Today in Vietnam.
    public static func today(_ now: Date = Date()) -> Day {
        let parts = FormContext.components(now)
        return Day(year: parts.year!, month: parts.month!, day: parts.day!)!
    }

    static func length(of month: Int, in year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 (proleptic Gregorian), for differences.
    public var ordinal: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// `dd/MM/yyyy`, as tables show dates.
    public var display: String { String(format: "%02d/%02d/%04d", day, month, year) }

    public var description: String { String(format: "%04d-%02d-%02d", year, month, day) }

    /// Noon of the day in Vietnam, for documents' dates.
    public var date: Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh") ?? TimeZone(secondsFromGMT: 7 * 3600)!
        return calendar.date(from: DateComponents(year: year, month: month, day: day, hour: 12))!
    }

    public static func < (lhs: Day, rhs: Day) -> Bool { (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day) }
}

extension Period {
    /// The date whose registry a period is validated and reported on (CONTRACT §6): DN 30
    /// September of the first year, HK1 31 December of the first year, CN 31 May of the second.
    public var referenceDay: Day {
        switch kind {
        case .dn: Day(year: firstYear, month: 9, day: 30)!
        case .hk1: Day(year: firstYear, month: 12, day: 31)!
        case .cn: Day(year: firstYear + 1, month: 5, day: 31)!
        }
    }
}

/// The deadlines of the reporting cascade per period (`Indicators/calendar.yaml`, overridable in
/// the workspace settings).
public struct ReportingCalendar: Sendable {
    /// The steps of the cascade.
    public enum Step: String, CaseIterable, Sendable {
        case schoolToManaging = "school_to_managing"
        case managingToSo = "managing_to_so"
        case soToMinistry = "so_to_ministry"
    }

    /// `deadlines[period kind][step]` as (month, day); absent when the step has no deadline.
    var deadlines: [Period.Kind: [Step: (month: Int, day: Int)]]

    /// The deadline of a step for a period, if there is one.
    public func deadline(_ step: Step, for period: Period) -> Day? {
        guard let monthDay = deadlines[period.kind]?[step] else { return nil }
        let year = monthDay.month >= 8 ? period.firstYear : period.firstYear + 1
        return Day(year: year, month: monthDay.month, day: monthDay.day)
    }

    /// The deadline by which a unit's return must reach the department: the school → managing
    /// unit deadline for the Sở's own units, the managing unit → Sở deadline for the others (their
    /// returns come through their managing unit).
    public func deadline(forUnitManagedBySo managedBySo: Bool, period: Period) -> Day? {
        deadline(managedBySo ? .schoolToManaging : .managingToSo, for: period) ?? deadline(.schoolToManaging, for: period)
    }

    /// Loads `calendar.yaml`.
    public static func load(from url: URL, displayName: String = "Indicators/calendar.yaml") throws(ConfigurationError) -> ReportingCalendar {
        let root = try YAMLNode.parse(try readConfigurationText(url, displayName: displayName), file: displayName)
        var map = try root.map("calendar")
        let version = try map.required("version")
        guard try version.int("version") == 1 else { throw version.error("phiên bản không được hỗ trợ (expected 1)") }
        var calendar = ReportingCalendar(deadlines: [:])
        try calendar.apply(try map.required("periods"))
        try map.rejectUnknownKeys()
        return calendar
    }

    /// Applies a `periods:`-shaped mapping over the current deadlines (workspace overrides).
    mutating func apply(_ node: YAMLNode) throws(ConfigurationError) {
        var periods = try node.map("periods")
        for kind in Period.Kind.allCases {
            guard let periodNode = periods.optional(kind.rawValue) else { continue }
            var steps = try periodNode.map(kind.rawValue)
            for step in Step.allCases {
                guard let value = steps.optional(step.rawValue) else { continue }
                let text = try value.string(step.rawValue)
                if text.isEmpty {
                    deadlines[kind, default: [:]][step] = nil
                    continue
                }
                let parts = text.split(separator: "-")
                guard parts.count == 2, let month = Int(parts[0]), let day = Int(parts[1]), Day(year: 2000, month: month, day: day) != nil else {
                    throw value.error("ngày \"\(text)\" không hợp lệ (MM-DD)")
                }
                deadlines[kind, default: [:]][step] = (month, day)
            }
            try steps.rejectUnknownKeys()
        }
        try periods.rejectUnknownKeys()
    }
}
