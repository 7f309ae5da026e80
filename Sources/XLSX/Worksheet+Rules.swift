import CXLSXWriter

extension Worksheet {
    /// Adds a conditional format to a range.
    ///
    /// - Parameters:
    ///   - format: The rule and the style it applies.
    ///   - range: The cells it applies to.
    /// - Throws: ``XLSXError`` for a range outside the sheet, a non-finite number, an empty
    ///   formula, or from `worksheet_conditional_format_range`.
    public mutating func addConditionalFormat(_ format: ConditionalFormat, to range: CellRange) throws(XLSXError) {
        let operation = "Worksheet.addConditionalFormat"
        let bounds = try Self.range(range, operation)
        let arena = state.arena
        var rule = lxw_conditional_format()
        rule.format = try state.format(for: format.style, operation: operation)
        rule.stop_if_true = format.stopIfTrue ? 1 : 0

        func operand(_ operand: ConditionalFormat.Operand) throws(XLSXError) -> (Double, UnsafeMutablePointer<CChar>?) {
            switch operand {
            case .number(let value):
                guard value.isFinite else {
                    throw XLSXError(code: .parameterValidation, operation: operation,
                                    detail: "\(name)!\(range): \(value) is not a finite number")
                }
                return (value, nil)
            case .formula(let text):
                let text = try Text.prepare(text, operation: operation, what: "conditional format operand")
                guard !text.isEmpty else {
                    throw XLSXError(code: .parameterValidation, operation: operation,
                                    detail: "\(name)!\(range): empty operand")
                }
                return (0, try arena.copy(text, operation: operation))
            }
        }

        switch format.rule {
        case .cellValue(let comparison, let value):
            rule.type = UInt8(LXW_CONDITIONAL_TYPE_CELL.rawValue)
            rule.criteria = comparison.libraryValue
            (rule.value, rule.value_string) = try operand(value)
        case .between(let low, let high), .notBetween(let low, let high):
            rule.type = UInt8(LXW_CONDITIONAL_TYPE_CELL.rawValue)
            if case .between = format.rule {
                rule.criteria = UInt8(LXW_CONDITIONAL_CRITERIA_BETWEEN.rawValue)
            } else {
                rule.criteria = UInt8(LXW_CONDITIONAL_CRITERIA_NOT_BETWEEN.rawValue)
            }
            (rule.min_value, rule.min_value_string) = try operand(low)
            (rule.max_value, rule.max_value_string) = try operand(high)
        case .formula(let formula):
            let formula = try Text.prepare(formula, operation: operation, what: "conditional format formula")
            guard !formula.isEmpty else {
                throw XLSXError(code: .parameterValidation, operation: operation, detail: "\(name)!\(range): empty formula")
            }
            rule.type = UInt8(LXW_CONDITIONAL_TYPE_FORMULA.rawValue)
            rule.value_string = try arena.copy(formula, operation: operation)
        case .blanks:
            rule.type = UInt8(LXW_CONDITIONAL_TYPE_BLANKS.rawValue)
        case .noBlanks:
            rule.type = UInt8(LXW_CONDITIONAL_TYPE_NO_BLANKS.rawValue)
        }
        try check(worksheet_conditional_format_range(sheet.handle, bounds.firstRow, bounds.firstColumn,
                                                     bounds.lastRow, bounds.lastColumn, &rule),
                  "worksheet_conditional_format_range", detail: "\(name)!\(range)")
    }

    /// Adds a data validation to a range.
    ///
    /// - Parameters:
    ///   - validation: What is allowed and the messages shown.
    ///   - range: The cells it applies to.
    /// - Throws: ``XLSXError`` for a range outside the sheet, a list item containing `,` or
    ///   `"`, an empty list, or from `worksheet_data_validation_range` (e.g.
    ///   ``XLSXError/Code/stringLength32Exceeded`` for a title over 32 characters,
    ///   ``XLSXError/Code/stringLength255Exceeded`` for a message or list over 255).
    public mutating func addDataValidation(_ validation: DataValidation, to range: CellRange) throws(XLSXError) {
        let operation = "Worksheet.addDataValidation"
        let bounds = try Self.range(range, operation)
        let arena = state.arena
        var rule = lxw_data_validation()

        func setNumeric<Value>(_ criterion: DataValidation.Criterion<Value>, _ number: (Value) -> Double)
            throws(XLSXError)
        {
            func finite(_ value: Value) throws(XLSXError) -> Double {
                let result = number(value)
                guard result.isFinite else {
                    throw XLSXError(code: .parameterValidation, operation: operation,
                                    detail: "\(name)!\(range): \(result) is not a finite number")
                }
                return result
            }
            switch criterion {
            case .between(let low, let high), .notBetween(let low, let high):
                rule.minimum_number = try finite(low)
                rule.maximum_number = try finite(high)
                if case .between = criterion {
                    rule.criteria = UInt8(LXW_VALIDATION_CRITERIA_BETWEEN.rawValue)
                } else {
                    rule.criteria = UInt8(LXW_VALIDATION_CRITERIA_NOT_BETWEEN.rawValue)
                }
            case .equal(let value):
                rule.criteria = UInt8(LXW_VALIDATION_CRITERIA_EQUAL_TO.rawValue)
                rule.value_number = try finite(value)
            case .notEqual(let value):
                rule.criteria = UInt8(LXW_VALIDATION_CRITERIA_NOT_EQUAL_TO.rawValue)
                rule.value_number = try finite(value)
            case .greaterThan(let value):
                rule.criteria = UInt8(LXW_VALIDATION_CRITERIA_GREATER_THAN.rawValue)
                rule.value_number = try finite(value)
            case .lessThan(let value):
                rule.criteria = UInt8(LXW_VALIDATION_CRITERIA_LESS_THAN.rawValue)
                rule.value_number = try finite(value)
            case .greaterThanOrEqual(let value):
                rule.criteria = UInt8(LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO.rawValue)
                rule.value_number = try finite(value)
            case .lessThanOrEqual(let value):
                rule.criteria = UInt8(LXW_VALIDATION_CRITERIA_LESS_THAN_OR_EQUAL_TO.rawValue)
                rule.value_number = try finite(value)
            }
        }

        switch validation.rule {
        case .wholeNumber(let criterion):
            rule.validate = UInt8(LXW_VALIDATION_TYPE_INTEGER.rawValue)
            try setNumeric(criterion) { Double($0) }
        case .decimal(let criterion):
            rule.validate = UInt8(LXW_VALIDATION_TYPE_DECIMAL.rawValue)
            try setNumeric(criterion) { $0 }
        case .textLength(let criterion):
            rule.validate = UInt8(LXW_VALIDATION_TYPE_LENGTH.rawValue)
            try setNumeric(criterion) { Double($0) }
        case .list(let items):
            guard !items.isEmpty else {
                throw XLSXError(code: .parameterValidation, operation: operation, detail: "\(name)!\(range): empty list")
            }
            var prepared: [String] = []
            for item in items {
                let item = try Text.prepare(item, operation: operation, what: "list item")
                // Excel stores the list as one quoted, comma-separated text.
                if item.contains(",") || item.contains("\"") {
                    throw XLSXError(code: .parameterValidation, operation: operation,
                                    detail: "\(name)!\(range): list item \"\(item)\" contains ',' or '\"'; use listFromRange instead")
                }
                prepared.append(item)
            }
            rule.validate = UInt8(LXW_VALIDATION_TYPE_LIST.rawValue)
            rule.value_list = try arena.copyList(prepared, operation: operation)
        case .listFromRange(let formula):
            rule.validate = UInt8(LXW_VALIDATION_TYPE_LIST_FORMULA.rawValue)
            rule.value_formula = try arena.copy(try Text.prepare(formula, operation: operation, what: "list range"),
                                                operation: operation)
        case .custom(let formula):
            rule.validate = UInt8(LXW_VALIDATION_TYPE_CUSTOM_FORMULA.rawValue)
            rule.value_formula = try arena.copy(try Text.prepare(formula, operation: operation, what: "formula"),
                                                operation: operation)
        case .any:
            rule.validate = UInt8(LXW_VALIDATION_TYPE_ANY.rawValue)
        }

        let on = UInt8(LXW_VALIDATION_ON.rawValue)
        let off = UInt8(LXW_VALIDATION_OFF.rawValue)
        rule.ignore_blank = validation.ignoreBlank ? on : off
        rule.dropdown = validation.showDropdown ? on : off
        rule.show_input = on
        rule.show_error = on
        switch validation.errorStyle {
        case .stop: rule.error_type = UInt8(LXW_VALIDATION_ERROR_TYPE_STOP.rawValue)
        case .warning: rule.error_type = UInt8(LXW_VALIDATION_ERROR_TYPE_WARNING.rawValue)
        case .information: rule.error_type = UInt8(LXW_VALIDATION_ERROR_TYPE_INFORMATION.rawValue)
        }
        func message(_ text: String?, _ what: String) throws(XLSXError) -> UnsafeMutablePointer<CChar>? {
            guard let text else { return nil }
            return try arena.copy(try Text.prepare(text, operation: operation, what: what), operation: operation)
        }
        rule.input_title = try message(validation.inputTitle, "input title")
        rule.input_message = try message(validation.inputMessage, "input message")
        rule.error_title = try message(validation.errorTitle, "error title")
        rule.error_message = try message(validation.errorMessage, "error message")

        try check(worksheet_data_validation_range(sheet.handle, bounds.firstRow, bounds.firstColumn,
                                                  bounds.lastRow, bounds.lastColumn, &rule),
                  "worksheet_data_validation_range", detail: "\(name)!\(range)")
    }

    /// Protects the sheet: locked cells (the default) can no longer be edited.
    ///
    /// - Parameter protection: The password and what stays allowed.
    /// - Throws: ``XLSXError`` for a password containing NUL.
    public mutating func protect(_ protection: SheetProtection = SheetProtection()) throws(XLSXError) {
        let operation = "Worksheet.protect"
        var options = lxw_protection()
        options.no_select_locked_cells = protection.selectLockedCells ? 0 : 1
        options.no_select_unlocked_cells = protection.selectUnlockedCells ? 0 : 1
        // In lxw_protection a set flag means "allowed" (it is written as e.g.
        // formatCells="0", i.e. not protected), despite the header's wording.
        options.format_cells = protection.formatCells ? 1 : 0
        options.format_columns = protection.formatColumns ? 1 : 0
        options.format_rows = protection.formatRows ? 1 : 0
        options.insert_columns = protection.insertColumns ? 1 : 0
        options.insert_rows = protection.insertRows ? 1 : 0
        options.insert_hyperlinks = protection.insertHyperlinks ? 1 : 0
        options.delete_columns = protection.deleteColumns ? 1 : 0
        options.delete_rows = protection.deleteRows ? 1 : 0
        options.sort = protection.sort ? 1 : 0
        options.autofilter = protection.autofilter ? 1 : 0
        options.pivot_tables = protection.pivotTables ? 1 : 0
        options.objects = protection.editObjects ? 1 : 0
        options.scenarios = protection.editScenarios ? 1 : 0
        let password = try protection.password.map { (value) throws(XLSXError) in
            try Text.prepare(value, operation: operation, what: "password")
        }
        let handle = sheet.handle
        withOptionalCString(password) { worksheet_protect(handle, $0, &options) }
    }
}

extension ConditionalFormat.Comparison {
    var libraryValue: UInt8 {
        switch self {
        case .equal: UInt8(LXW_CONDITIONAL_CRITERIA_EQUAL_TO.rawValue)
        case .notEqual: UInt8(LXW_CONDITIONAL_CRITERIA_NOT_EQUAL_TO.rawValue)
        case .greaterThan: UInt8(LXW_CONDITIONAL_CRITERIA_GREATER_THAN.rawValue)
        case .lessThan: UInt8(LXW_CONDITIONAL_CRITERIA_LESS_THAN.rawValue)
        case .greaterThanOrEqual: UInt8(LXW_CONDITIONAL_CRITERIA_GREATER_THAN_OR_EQUAL_TO.rawValue)
        case .lessThanOrEqual: UInt8(LXW_CONDITIONAL_CRITERIA_LESS_THAN_OR_EQUAL_TO.rawValue)
        }
    }
}
