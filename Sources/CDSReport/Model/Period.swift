import Foundation

/// A reporting period: a school year and the point in it (`2024-2025/HK1`).
public struct Period: Hashable, Sendable, CustomStringConvertible {
    /// The point in the school year a return describes.
    public enum Kind: String, Sendable, CaseIterable {
        /// Start of year (đầu năm).
        case dn = "DN"
        /// Semester-1 review (sơ kết học kỳ I).
        case hk1 = "HK1"
        /// Year end (cuối năm).
        case cn = "CN"
    }

    /// The first calendar year of the school year (2024 for 2024-2025).
    public let firstYear: Int
    public let kind: Kind

    public init(firstYear: Int, kind: Kind) {
        self.firstYear = firstYear
        self.kind = kind
    }

    /// Parses `YYYY-YYYY/DN|HK1|CN`, trimmed and in any case; the years must be consecutive.
    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines).uppercased()
        let parts = trimmed.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let kind = Kind(rawValue: String(parts[1])) else { return nil }
        guard let year = SchoolYear(String(parts[0])) else { return nil }
        self.firstYear = year.firstYear
        self.kind = kind
    }

    /// `2024-2025/HK1`.
    public var description: String { "\(schoolYear)/\(kind.rawValue)" }

    public var schoolYear: SchoolYear { SchoolYear(firstYear: firstYear) }

    /// How the period is named on a printed form: "Học kỳ I năm học 2024-2025".
    public var vietnameseTitle: String {
        switch kind {
        case .dn: "Đầu năm học \(schoolYear)"
        case .hk1: "Học kỳ I năm học \(schoolYear)"
        case .cn: "Cuối năm học \(schoolYear)"
        }
    }

    /// The form-code letters for the period (FORMS.md: `ĐN`, `HK1`, `CN`).
    public var formCode: String {
        switch kind {
        case .dn: "ĐN"
        case .hk1: "HK1"
        case .cn: "CN"
        }
    }
}

/// A school year, `2024-2025`.
public struct SchoolYear: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let firstYear: Int

    public init(firstYear: Int) { self.firstYear = firstYear }

    /// Parses `YYYY-YYYY` with consecutive years.
    public init?(_ text: String) {
        let parts = text.trimmingCharacters(in: .whitespacesAndNewlines)
            .split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ $0.count == 4 && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let first = Int(parts[0]), let second = Int(parts[1]), second == first + 1
        else { return nil }
        firstYear = first
    }

    public var description: String { "\(firstYear)-\(firstYear + 1)" }

    public static func < (lhs: SchoolYear, rhs: SchoolYear) -> Bool { lhs.firstYear < rhs.firstYear }
}
