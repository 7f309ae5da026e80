import CXLSXWriter

extension CellStyle {
    /// The longest font name or number format libxlsxwriter keeps: it copies both into
    /// fixed 128-byte fields and silently truncates anything longer.
    static let maximumFieldBytes = 127

    /// Rejects what libxlsxwriter would silently truncate or clamp.
    func validate(operation: String) throws(XLSXError) {
        func invalid(_ detail: String) -> XLSXError {
            XLSXError(code: .parameterValidation, operation: operation, detail: detail)
        }
        if fontName.isEmpty || fontName.utf8.count > Self.maximumFieldBytes {
            throw invalid("font name must be 1 to \(Self.maximumFieldBytes) UTF-8 bytes: \"\(fontName)\"")
        }
        if let numberFormat, numberFormat.utf8.count > Self.maximumFieldBytes {
            throw invalid("number format longer than \(Self.maximumFieldBytes) UTF-8 bytes: \"\(numberFormat)\"")
        }
        if !(1.0...409.0).contains(fontSize) {
            throw invalid("font size \(fontSize) is outside 1...409 points")
        }
        if !(0...15).contains(indent) {
            throw invalid("indent \(indent) is outside 0...15")
        }
        if !((-90...90).contains(rotation) || rotation == 270) {
            throw invalid("rotation \(rotation) must be within -90...90 degrees or 270")
        }
    }

    /// Sets every property of this style on a fresh library format.
    ///
    /// Format setters in libxlsxwriter return nothing and copy their string arguments into
    /// the format's own fields, so no pointer outlives the call.
    func apply(to format: UnsafeMutablePointer<lxw_format>) {
        format_set_font_name(format, fontName)
        format_set_font_size(format, fontSize)
        // Excel writes family 1 (Roman) for Times New Roman; matching it keeps the font
        // record identical to one Excel would write.
        format_set_font_family(format, fontName == "Times New Roman" ? 1 : 2)
        if bold { format_set_bold(format) }
        if italic { format_set_italic(format) }
        if let underline { format_set_underline(format, underline.libraryValue) }
        if let fontColor { format_set_font_color(format, fontColor.libraryValue) }
        if horizontalAlignment != .general { format_set_align(format, horizontalAlignment.libraryValue) }
        if let verticalAlignment { format_set_align(format, verticalAlignment.libraryValue) }
        if wrapText { format_set_text_wrap(format) }
        if indent > 0 { format_set_indent(format, UInt8(indent)) }
        if rotation != 0 { format_set_rotation(format, Int16(rotation)) }
        if let numberFormat { format_set_num_format(format, numberFormat) }
        if let fillColor {
            format_set_pattern(format, UInt8(LXW_PATTERN_SOLID.rawValue))
            format_set_bg_color(format, fillColor.libraryValue)
        }
        if let top = borders.top {
            format_set_top(format, top.style.libraryValue)
            if let color = top.color { format_set_top_color(format, color.libraryValue) }
        }
        if let bottom = borders.bottom {
            format_set_bottom(format, bottom.style.libraryValue)
            if let color = bottom.color { format_set_bottom_color(format, color.libraryValue) }
        }
        if let left = borders.left {
            format_set_left(format, left.style.libraryValue)
            if let color = left.color { format_set_left_color(format, color.libraryValue) }
        }
        if let right = borders.right {
            format_set_right(format, right.style.libraryValue)
            if let color = right.color { format_set_right_color(format, color.libraryValue) }
        }
        if !locked { format_set_unlocked(format) }
        if hidden { format_set_hidden(format) }
        if shrinkToFit { format_set_shrink(format) }
    }
}

extension CellStyle.Underline {
    var libraryValue: UInt8 {
        switch self {
        case .single: UInt8(LXW_UNDERLINE_SINGLE.rawValue)
        case .double: UInt8(LXW_UNDERLINE_DOUBLE.rawValue)
        case .singleAccounting: UInt8(LXW_UNDERLINE_SINGLE_ACCOUNTING.rawValue)
        case .doubleAccounting: UInt8(LXW_UNDERLINE_DOUBLE_ACCOUNTING.rawValue)
        }
    }
}

extension CellStyle.HorizontalAlignment {
    var libraryValue: UInt8 {
        switch self {
        case .general: UInt8(LXW_ALIGN_NONE.rawValue)
        case .left: UInt8(LXW_ALIGN_LEFT.rawValue)
        case .center: UInt8(LXW_ALIGN_CENTER.rawValue)
        case .right: UInt8(LXW_ALIGN_RIGHT.rawValue)
        case .fill: UInt8(LXW_ALIGN_FILL.rawValue)
        case .justify: UInt8(LXW_ALIGN_JUSTIFY.rawValue)
        case .centerAcrossSelection: UInt8(LXW_ALIGN_CENTER_ACROSS.rawValue)
        case .distributed: UInt8(LXW_ALIGN_DISTRIBUTED.rawValue)
        }
    }
}

extension CellStyle.VerticalAlignment {
    var libraryValue: UInt8 {
        switch self {
        case .top: UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue)
        case .center: UInt8(LXW_ALIGN_VERTICAL_CENTER.rawValue)
        case .bottom: UInt8(LXW_ALIGN_VERTICAL_BOTTOM.rawValue)
        case .justify: UInt8(LXW_ALIGN_VERTICAL_JUSTIFY.rawValue)
        case .distributed: UInt8(LXW_ALIGN_VERTICAL_DISTRIBUTED.rawValue)
        }
    }
}

extension CellStyle.BorderStyle {
    var libraryValue: UInt8 {
        switch self {
        case .thin: UInt8(LXW_BORDER_THIN.rawValue)
        case .medium: UInt8(LXW_BORDER_MEDIUM.rawValue)
        case .dashed: UInt8(LXW_BORDER_DASHED.rawValue)
        case .dotted: UInt8(LXW_BORDER_DOTTED.rawValue)
        case .thick: UInt8(LXW_BORDER_THICK.rawValue)
        case .double: UInt8(LXW_BORDER_DOUBLE.rawValue)
        case .hair: UInt8(LXW_BORDER_HAIR.rawValue)
        case .mediumDashed: UInt8(LXW_BORDER_MEDIUM_DASHED.rawValue)
        case .dashDot: UInt8(LXW_BORDER_DASH_DOT.rawValue)
        case .mediumDashDot: UInt8(LXW_BORDER_MEDIUM_DASH_DOT.rawValue)
        case .dashDotDot: UInt8(LXW_BORDER_DASH_DOT_DOT.rawValue)
        case .mediumDashDotDot: UInt8(LXW_BORDER_MEDIUM_DASH_DOT_DOT.rawValue)
        case .slantDashDot: UInt8(LXW_BORDER_SLANT_DASH_DOT.rawValue)
        }
    }
}
