/// When each unit's return reached the department, against its deadline (CONTRACT §6,
/// issue 5): on time, late by so many days, or not submitted. Rates per managing unit are
/// reported as DHIS2 reports reporting rates: submitted / expected, and on time / expected.
public struct Timeliness: Sendable {
    /// One unit's standing.
    public struct Entry: Sendable {
        public let deadline: Day?
        /// The first date a return with a row for the unit was received.
        public let received: Day?

        public var submitted: Bool { received != nil }

        /// Days past the deadline (0 when on time); `nil` when not submitted or no deadline.
        public var daysLate: Int? {
            guard let received, let deadline else { return nil }
            return max(0, received.ordinal - deadline.ordinal)
        }

        public var onTime: Bool { submitted && (daysLate ?? 0) == 0 }

        /// "Đúng hạn", "Muộn 5 ngày", "Chưa nộp".
        public var label: String {
            guard submitted else { return "Chưa nộp" }
            if let late = daysLate, late > 0 { return "Muộn \(late) ngày" }
            return "Đúng hạn"
        }
    }

    /// By registry index.
    public let byUnit: [Int: Entry]

    /// Each unit of the run with its deadline and first receipt.
    public init(results: Results, registry: Registry, period: Period, calendar: ReportingCalendar, firstReceived: [String: Day]) {
        var byUnit: [Int: Entry] = [:]
        for index in results.units {
            let unit = registry.units[index]
            let deadline = calendar.deadline(forUnitManagedBySo: unit.parentCode == registry.so.code, period: period)
            byUnit[index] = Entry(deadline: deadline, received: firstReceived[unit.code])
        }
        self.byUnit = byUnit
    }
}
