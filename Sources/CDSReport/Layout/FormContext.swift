import Foundation

/// Who issues a return, to whom, for which period and on which date: what the header and footer
/// of every sheet say.
public struct FormContext: Sendable {
    /// The body above the issuer, upper case ("UBND TỈNH BẮC MINH").
    public let superiorBody: String
    /// The issuer, upper case ("SỞ GIÁO DỤC VÀ ĐÀO TẠO").
    public let issuingBody: String
    /// "Số:        /BC-SGDĐT".
    public let documentNumber: String
    /// The reporting body's full name ("Sở Giáo dục và Đào tạo tỉnh Bắc Minh").
    public let reportingBody: String
    public let receivingBody: String
    public let placeName: String
    public let instrument: String
    public let period: Period
    public let date: Date
    public let settings: FormSettings

    /// The context of a department's own report, or of a managing unit's sub-report.
    public init(settings: FormSettings, registry: Registry, period: Period, date: Date, managingUnit: String?) {
        self.settings = settings
        self.period = period
        self.date = date
        placeName = settings.placeName
        instrument = settings.instrument
        let upper = Locale(identifier: "vi_VN")
        if let code = managingUnit, let unit = registry.unit(code: code), unit.kind != .so {
            reportingBody = unit.name
            receivingBody = registry.so.name
            switch unit.kind {
            case .phong:
                let district = unit.locality.isEmpty ? Self.district(of: unit.name) : unit.locality
                superiorBody = ("UBND " + district).uppercased(with: upper)
                issuingBody = Self.stripPlace(unit.name, place: district).uppercased(with: upper)
                documentNumber = "Số:        /BC-PGDĐT"
            default:
                superiorBody = settings.superiorBody
                issuingBody = unit.name.uppercased(with: upper)
                documentNumber = "Số:        /BC-UBND"
            }
        } else {
            reportingBody = registry.so.name
            receivingBody = settings.receiver
            superiorBody = settings.superiorBody
            issuingBody = settings.issuingBody
            documentNumber = settings.documentNumber
        }
    }

    /// "Hải Phòng, ngày 05 tháng 01 năm 2025": day and month zero-padded (FORMS.md).
    public var placeAndDate: String { "\(placeName), \(Self.longDate(date))" }

    /// "ngày 05 tháng 01 năm 2025".
    public static func longDate(_ date: Date) -> String {
        let parts = components(date)
        return String(format: "ngày %02d tháng %02d năm %04d", parts.day!, parts.month!, parts.year!)
    }

    /// "05/01/2025", as tables show dates.
    public static func shortDate(_ date: Date) -> String {
        let parts = components(date)
        return String(format: "%02d/%02d/%04d", parts.day!, parts.month!, parts.year!)
    }

    static func components(_ date: Date) -> DateComponents {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh") ?? TimeZone(secondsFromGMT: 7 * 3600)!
        return calendar.dateComponents([.year, .month, .day], from: date)
    }

    /// "Biểu số: 01.HK1-CĐS".
    public func formCode(_ form: FormSettings.Form) -> String { "Biểu số: \(form.number).\(period.formCode)-CĐS" }

    private static func district(of name: String) -> String {
        for marker in ["Huyện ", "Quận ", "Thị xã ", "Thành phố ", "huyện ", "quận ", "thị xã ", "thành phố "] {
            if let range = name.range(of: marker) { return String(name[range.lowerBound...]) }
        }
        return name
    }

    private static func stripPlace(_ name: String, place: String) -> String {
        guard name.hasSuffix(place) else { return name }
        return String(name.dropLast(place.count)).trimmingCharacters(in: .whitespaces)
    }
}
