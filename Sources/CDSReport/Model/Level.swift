/// An education level (cấp học) as the registry and the returns name it.
///
/// The declaration order is the order the contract fixes for reports: `MN`, `TH`, `THCS`,
/// `THPT`, `GDTX`.
public enum Level: String, CaseIterable, Comparable, Sendable, Hashable, Codable {
    case mn = "MN"
    case th = "TH"
    case thcs = "THCS"
    case thpt = "THPT"
    case gdtx = "GDTX"

    /// Parses a level code in any case, trimmed; `nil` for anything else.
    public init?(code: String) {
        switch code.trimmingCharacters(in: .whitespacesAndNewlines).uppercased() {
        case "MN": self = .mn
        case "TH": self = .th
        case "THCS": self = .thcs
        case "THPT": self = .thpt
        case "GDTX": self = .gdtx
        default: return nil
        }
    }

    /// The levels in the contract's order, built once.
    public static let ordered: [Level] = [.mn, .th, .thcs, .thpt, .gdtx]

    /// The position in the contract's order.
    public var ordinal: Int {
        switch self {
        case .mn: 0
        case .th: 1
        case .thcs: 2
        case .thpt: 3
        case .gdtx: 4
        }
    }

    /// The Vietnamese name a clerk reads in a report.
    public var vietnameseName: String {
        switch self {
        case .mn: "Mầm non"
        case .th: "Tiểu học"
        case .thcs: "Trung học cơ sở"
        case .thpt: "Trung học phổ thông"
        case .gdtx: "Giáo dục thường xuyên"
        }
    }

    public static func < (lhs: Level, rhs: Level) -> Bool { lhs.ordinal < rhs.ordinal }
}

/// A small set of levels, stored as a bit mask so that sets compare and hash cheaply.
public struct LevelSet: Hashable, Sendable, Sequence {
    private(set) var bits: UInt8

    public init() { bits = 0 }
    public init<S: Sequence>(_ levels: S) where S.Element == Level {
        bits = 0
        for level in levels { insert(level) }
    }

    public static let all = LevelSet(Level.allCases)

    public mutating func insert(_ level: Level) { bits |= 1 << UInt8(level.ordinal) }
    public func contains(_ level: Level) -> Bool { bits & (1 << UInt8(level.ordinal)) != 0 }
    public var isEmpty: Bool { bits == 0 }
    public var count: Int { bits.nonzeroBitCount }
    public func intersection(_ other: LevelSet) -> LevelSet {
        var copy = self
        copy.bits &= other.bits
        return copy
    }
    public func union(_ other: LevelSet) -> LevelSet {
        var copy = self
        copy.bits |= other.bits
        return copy
    }

    /// The levels in the contract's order, read off the bits (no allocation: sets are iterated
    /// in the aggregator's innermost loops).
    public func makeIterator() -> Iterator { Iterator(bits: bits) }

    /// Iterates the set bits from the lowest (MN) up.
    public struct Iterator: IteratorProtocol {
        var bits: UInt8

        public mutating func next() -> Level? {
            guard bits != 0 else { return nil }
            let ordinal = bits.trailingZeroBitCount
            bits &= bits - 1
            return Level.ordered[ordinal]
        }
    }

    /// `TH;THCS` style, as the registry writes it.
    public var codes: String { map(\.rawValue).joined(separator: ";") }
}
