/// An RGB colour for fonts, fills, borders, tabs and chart elements.
///
/// Stored as `0xRRGGBB`. Black is an ordinary value here; the translation to the library's
/// special black (`0x1000000`, because `0` means "unset" in C) happens when the colour is
/// passed to C.
public struct Color: Hashable, Sendable, CustomStringConvertible {
    /// The colour as `0xRRGGBB`.
    public let rgb: UInt32

    /// Creates a colour from `0xRRGGBB`; bits above the lower 24 are dropped.
    public init(rgb: UInt32) { self.rgb = rgb & 0xFF_FFFF }

    /// Creates a colour from `"#RRGGBB"` or `"RRGGBB"`, or returns `nil` for anything else.
    public init?(hex: String) {
        let digits = hex.hasPrefix("#") ? hex.dropFirst() : Substring(hex)
        guard digits.count == 6, let value = UInt32(digits, radix: 16) else { return nil }
        self.rgb = value
    }

    /// `#RRGGBB`.
    public var description: String {
        let hex = String(rgb, radix: 16, uppercase: true)
        return "#" + String(repeating: "0", count: 6 - hex.count) + hex
    }

    /// The value libxlsxwriter expects (`lxw_color_t`).
    var libraryValue: UInt32 { rgb == 0 ? 0x100_0000 : rgb }

    /// Black, the colour of official documents' text.
    public static let black = Color(rgb: 0x000000)
    /// White.
    public static let white = Color(rgb: 0xFFFFFF)
    /// Red, e.g. for a value under its target.
    public static let red = Color(rgb: 0xFF0000)
    /// Green.
    public static let green = Color(rgb: 0x008000)
    /// Blue.
    public static let blue = Color(rgb: 0x0000FF)
    /// A light grey fill for header rows.
    public static let lightGray = Color(rgb: 0xD9D9D9)
}
