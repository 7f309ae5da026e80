import CXLSXWriter

extension Worksheet {
    /// Applies a page setup to the sheet.
    ///
    /// Call it once per sheet: libxlsxwriter only switches options on, so a second call
    /// cannot turn off centring set by the first.
    ///
    /// - Parameter setup: The page setup.
    /// - Throws: ``XLSXError`` for a negative margin, a scale or fit outside Excel's range,
    ///   repeated rows or a print area outside the sheet, or from `worksheet_set_header_opt`
    ///   / `worksheet_set_footer_opt` (``XLSXError/Code/stringLength255Exceeded`` for a
    ///   header over 255 characters), `worksheet_repeat_rows` and `worksheet_print_area`.
    public mutating func setPageSetup(_ setup: PageSetup) throws(XLSXError) {
        let operation = "Worksheet.setPageSetup"
        func invalid(_ detail: String) -> XLSXError {
            XLSXError(code: .parameterValidation, operation: operation, detail: "\(name): \(detail)")
        }
        let handle = sheet.handle
        let margins = setup.margins
        for (label, value) in [("left", margins.left), ("right", margins.right), ("top", margins.top),
                               ("bottom", margins.bottom), ("header", margins.header), ("footer", margins.footer)]
        where !(value.isFinite && value >= 0)
        {
            throw invalid("\(label) margin \(value) must be a non-negative number of inches")
        }

        worksheet_set_paper(handle, UInt8(setup.paper.rawValue))
        switch setup.orientation {
        case .portrait: worksheet_set_portrait(handle)
        case .landscape: worksheet_set_landscape(handle)
        }
        worksheet_set_margins(handle, margins.left, margins.right, margins.top, margins.bottom)

        if let fit = setup.fitToPages {
            guard (0...Int(UInt16.max)).contains(fit.width), (0...Int(UInt16.max)).contains(fit.height) else {
                throw invalid("fit to \(fit.width) × \(fit.height) pages is out of range")
            }
            worksheet_fit_to_pages(handle, UInt16(fit.width), UInt16(fit.height))
        }
        if let scale = setup.scale {
            guard (10...400).contains(scale) else { throw invalid("print scale \(scale)% is outside 10...400") }
            worksheet_set_print_scale(handle, UInt16(scale))
        }
        if let rows = setup.repeatRows {
            let (first, _) = try Self.cell(rows.lowerBound, 0, operation)
            let (last, _) = try Self.cell(rows.upperBound, 0, operation)
            try check(worksheet_repeat_rows(handle, first, last), "worksheet_repeat_rows",
                      detail: "\(name) rows \(rows)")
        }
        if let area = setup.printArea {
            let bounds = try Self.range(area, operation)
            try check(worksheet_print_area(handle, bounds.firstRow, bounds.firstColumn, bounds.lastRow, bounds.lastColumn),
                      "worksheet_print_area", detail: "\(name)!\(area)")
        }
        if setup.centerHorizontally { worksheet_center_horizontally(handle) }
        if setup.centerVertically { worksheet_center_vertically(handle) }
        if let header = setup.header {
            let header = try Text.prepare(header, operation: operation, what: "header")
            var options = lxw_header_footer_options()
            options.margin = margins.header
            let result = worksheet_set_header_opt(handle, try state.arena.copy(header, operation: operation), &options)
            try check(result, "worksheet_set_header_opt", detail: "\(name) header \"\(header)\"")
        }
        if let footer = setup.footer {
            let footer = try Text.prepare(footer, operation: operation, what: "footer")
            var options = lxw_header_footer_options()
            options.margin = margins.footer
            let result = worksheet_set_footer_opt(handle, try state.arena.copy(footer, operation: operation), &options)
            try check(result, "worksheet_set_footer_opt", detail: "\(name) footer \"\(footer)\"")
        }
        sheet.blankFirstPageHeader = (setup.header != nil || setup.footer != nil) && !setup.headerAndFooterOnFirstPage
        if let number = setup.firstPageNumber {
            guard (0...Int(UInt16.max)).contains(number) else { throw invalid("first page number \(number) is out of range") }
            worksheet_set_start_page(handle, UInt16(number))
        }
        let gridlines: lxw_gridlines
        switch setup.gridlines {
        case .hidden: gridlines = LXW_HIDE_ALL_GRIDLINES
        case .screen: gridlines = LXW_SHOW_SCREEN_GRIDLINES
        case .print: gridlines = LXW_SHOW_PRINT_GRIDLINES
        case .screenAndPrint: gridlines = LXW_SHOW_ALL_GRIDLINES
        }
        worksheet_gridlines(handle, UInt8(gridlines.rawValue))
    }
}
