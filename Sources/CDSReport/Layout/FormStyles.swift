import XLSX

/// The styles of the official forms (FORMS.md): Times New Roman, black, 12 pt in tables, 13–14 pt
/// in the header, bold for headers and section rows.
///
/// Number formats carry the Vietnamese locale (`[$-42A]`) so that a program honouring it shows
/// `1.234` and `12,50 %` whatever the computer's own settings; the cells stay numbers, equal to
/// `results.csv`.
enum FormStyles {
    static let vietnamese = "[$-42A]"
    static let integerFormat = vietnamese + "#,##0"
    static let percentFormat = vietnamese + "0.00\" \"%"
    static let decimalFormat = vietnamese + "#,##0.00"
    static let dateFormat = "dd/mm/yyyy"

    /// The fill of a result that misses its target (light enough to print in black and white).
    static let missFill = Color(rgb: 0xF4CCCC)

    static let base = CellStyle(fontName: "Times New Roman", fontSize: 12)

    static func text(size: Double = 12, bold: Bool = false, italic: Bool = false, underline: Bool = false,
                     align: CellStyle.HorizontalAlignment = .center, wrap: Bool = true) -> CellStyle {
        base.with {
            $0.fontSize = size
            $0.bold = bold
            $0.italic = italic
            $0.underline = underline ? .single : nil
            $0.horizontalAlignment = align
            $0.verticalAlignment = .center
            $0.wrapText = wrap
        }
    }

    static let thin = CellStyle.Borders.all(.thin)

    static let tableHeader = text(bold: true).with { $0.borders = thin }
    static let numbering = text(italic: true).with { $0.borders = thin; $0.fontSize = 11 }
    static let cellText = text(align: .left).with { $0.borders = thin }
    static let cellCenter = text().with { $0.borders = thin }
    static let sectionText = text(bold: true, align: .left).with { $0.borders = thin }
    static let sectionCenter = text(bold: true).with { $0.borders = thin }
    static let cellInteger = text(align: .right, wrap: false).with { $0.borders = thin; $0.numberFormat = integerFormat }
    static let cellPercent = text(align: .right, wrap: false).with { $0.borders = thin; $0.numberFormat = percentFormat }
    static let cellDecimal = text(align: .right, wrap: false).with { $0.borders = thin; $0.numberFormat = decimalFormat }
    static let sectionPercent = cellPercent.with { $0.bold = true }
    static let sectionDecimal = cellDecimal.with { $0.bold = true }
    static let sectionInteger = cellInteger.with { $0.bold = true }
    static let levelText = text(align: .left).with { $0.borders = thin; $0.indent = 1 }
    static let note = text(size: 11, italic: true, align: .left)
    static let plainLeft = text(align: .left, wrap: false)
}
