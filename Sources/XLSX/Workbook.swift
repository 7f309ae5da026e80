import CXLSXWriter
import Foundation

/// An `.xlsx` file being written: the only owner of the C workbook.
///
/// A workbook is a non-copyable handle. Sheets are lent to a closure and cannot outlive
/// it, and the file is written by ``close()``, which consumes the workbook so that it
/// cannot be used or closed again:
///
/// ```swift
/// var book = try Workbook(path: url.path, properties: DocumentProperties(created: reportDate))
/// try book.addWorksheet("Tổng hợp") { sheet in
///     try sheet.write("BÁO CÁO", row: 0, column: 0, style: title)
/// }
/// try book.close()
/// ```
///
/// Nothing is written to `path` before ``close()``. If the workbook is dropped without
/// being closed (an error was thrown while filling it, say), its deinitializer frees the C
/// workbook and writes nothing; no error can be reported from there, which is why callers
/// that want the file must call ``close()``. Writing atomically (to a temporary name, then
/// renaming) is the caller's job: on failure the file at `path` may be missing or partial.
///
/// The default format of the workbook, used by every cell without a style and by empty
/// cells, is set to Times New Roman 12 pt (see ``Options/defaultFontName``), so no Calibri
/// remains anywhere in `styles.xml`.
///
/// A workbook is not thread-safe; use it from one task.
public struct Workbook: ~Copyable {
    let state: WorkbookState

    /// Settings fixed when the workbook is created.
    public struct Options: Hashable, Sendable {
        /// Write each row to a temporary file as soon as a later row is started, keeping
        /// memory flat for very large sheets.
        ///
        /// Constraint: rows must then be written in increasing order; writing to a row
        /// before the current one fails with ``XLSXError/Code/indexOutOfRange``. Strings
        /// are stored inline instead of in the shared-strings table, and chart caches are
        /// not filled (Excel recalculates them on opening).
        public var constantMemory: Bool
        /// Folder for libxlsxwriter's temporary files, or `nil` for the system default.
        /// Nothing but temporary files is written there.
        public var temporaryDirectory: String?
        /// Allow ZIP64 extensions for packages over 4 GB.
        public var useZip64: Bool
        /// The font of the workbook's default format: of empty cells and of cells written
        /// without a style.
        public var defaultFontName: String
        /// The size in points of the workbook's default font.
        public var defaultFontSize: Double

        /// Creates options; the defaults suit a report of ordinary size.
        public init(
            constantMemory: Bool = false,
            temporaryDirectory: String? = nil,
            useZip64: Bool = false,
            defaultFontName: String = CellStyle.defaultFontName,
            defaultFontSize: Double = CellStyle.defaultFontSize
        ) {
            self.constantMemory = constantMemory
            self.temporaryDirectory = temporaryDirectory
            self.useZip64 = useZip64
            self.defaultFontName = defaultFontName
            self.defaultFontSize = defaultFontSize
        }
    }

    /// Creates a workbook that will be written to `path` when closed.
    ///
    /// - Parameters:
    ///   - path: The file to write. Only this file is written (plus temporary files in
    ///     ``Options/temporaryDirectory``).
    ///   - properties: Document properties, including the creation date that makes the
    ///     output reproducible.
    ///   - options: Memory mode, temporary folder and default font.
    /// - Throws: ``XLSXError`` if an argument is invalid (empty path, creation date not
    ///   after 1970, a default font the library would truncate) or the library cannot
    ///   allocate the workbook.
    public init(path: String, properties: DocumentProperties, options: Options = Options()) throws(XLSXError) {
        let operation = "Workbook.init"
        guard !path.isEmpty else {
            throw XLSXError(code: .parameterValidation, operation: operation, detail: "the output path is empty")
        }
        let arena = CStringArena()
        var libraryOptions = lxw_workbook_options()
        libraryOptions.constant_memory = options.constantMemory ? 1 : 0
        libraryOptions.use_zip64 = options.useZip64 ? 1 : 0
        if let folder = options.temporaryDirectory {
            libraryOptions.tmpdir = try arena.copy(folder, operation: operation)
        }
        let defaultStyle = CellStyle(fontName: options.defaultFontName, fontSize: options.defaultFontSize)
        try defaultStyle.validate(operation: operation)
        let filename = try arena.copy(path, operation: operation)
        guard let handle = workbook_new_opt(filename, &libraryOptions) else {
            throw XLSXError(code: .memoryAllocationFailed, operation: "workbook_new_opt", detail: path)
        }
        // From here the state owns the C workbook: if anything below throws, the state's
        // deinit frees the workbook, exactly once.
        let state = WorkbookState(handle: handle, path: path, constantMemory: options.constantMemory, arena: arena)
        try Self.setDefaultFont(of: handle, to: defaultStyle)
        try Self.setProperties(properties, of: handle, arena: state.arena)
        self.state = state
    }

    deinit {
        state.discard()
    }

    /// Writes the file and releases the workbook.
    ///
    /// The workbook is consumed whether or not writing succeeds: the C library frees it in
    /// both cases.
    ///
    /// - Throws: ``XLSXError`` from `workbook_close` (e.g. ``XLSXError/Code/creatingFile``
    ///   when the folder does not exist or is not writable), or before writing anything if a
    ///   chart refers to a sheet the workbook does not have.
    public consuming func close() throws(XLSXError) {
        try state.close()
    }

    /// Adds a worksheet and lends it to `body`.
    ///
    /// The sheet cannot escape the closure: ``Worksheet`` is non-copyable and only its
    /// owner can create one. Sheets appear in the order they are added.
    ///
    /// - Parameters:
    ///   - name: The sheet's name; validated by ``SheetName/validate(_:)`` and required to be
    ///     unique ignoring case. Written in NFC.
    ///   - body: Fills the sheet.
    /// - Returns: What `body` returns.
    /// - Throws: ``XLSXError`` for an invalid or duplicate name, or whatever `body` throws.
    public mutating func addWorksheet<Result>(_ name: String, _ body: (inout Worksheet) throws -> Result) throws
        -> Result
    {
        let sheet = try state.addSheet(name)
        var worksheet = Worksheet(state: state, sheet: sheet)
        return try body(&worksheet)
    }

    /// Lends an existing worksheet to `body` again, e.g. to add a chart once another sheet
    /// holds its data.
    ///
    /// - Parameters:
    ///   - name: The sheet's name, compared ignoring case.
    ///   - body: Changes the sheet.
    /// - Returns: What `body` returns.
    /// - Throws: ``XLSXError`` if there is no such sheet, or whatever `body` throws.
    public mutating func withWorksheet<Result>(named name: String, _ body: (inout Worksheet) throws -> Result)
        throws -> Result
    {
        let key = try Text.prepare(name, operation: "Workbook.withWorksheet", what: "sheet name")
        guard let sheet = state.sheet(named: key) else {
            throw XLSXError(code: .parameterValidation, operation: "Workbook.withWorksheet",
                            detail: "the workbook has no sheet named \"\(name)\"")
        }
        _ = try state.open("Workbook.withWorksheet")
        var worksheet = Worksheet(state: state, sheet: sheet)
        return try body(&worksheet)
    }

    /// The sheets' names in order, as written (NFC).
    public var worksheetNames: [String] { state.sheets.map(\.name) }

    /// The cells written so far (values and styled blanks), for benchmarks.
    public var cellsWritten: Int { state.cellsWritten }

    /// Defines a workbook-wide name such as `Tong_so_truong` for `='Tổng hợp'!$C$5`, or a
    /// sheet-local one when `name` is prefixed with the sheet (`'Tổng hợp'!Dong_tong`).
    ///
    /// - Parameters:
    ///   - name: The name; Excel's rules apply (starts with a letter or underscore, no spaces).
    ///   - formula: What it refers to; use ``SheetRange/formula`` for a range.
    /// - Throws: ``XLSXError`` if either is longer than 127 UTF-8 bytes (libxlsxwriter keeps
    ///   both in fixed 128-byte fields and would cut them), or if `workbook_define_name`
    ///   rejects the name.
    public mutating func defineName(_ name: String, formula: String) throws(XLSXError) {
        let operation = "Workbook.defineName"
        let name = try Text.prepare(name, operation: operation, what: "defined name")
        let formula = try Text.prepare(formula, operation: operation, what: "defined name formula")
        try Text.requireBytes(name, atMost: 127, operation: operation, what: "defined name")
        try Text.requireBytes(formula, atMost: 127, operation: operation, what: "defined name formula")
        try Self.validateDefinedName(name, operation: operation)
        let workbook = try state.open(operation)
        let result = name.withCString { cName in
            formula.withCString { cFormula in workbook_define_name(workbook, cName, cFormula) }
        }
        try check(result, "workbook_define_name", detail: "name \"\(name)\" = \(formula)")
    }

    /// Excel's rules for the name itself, which libxlsxwriter 1.1.4 does not fully check
    /// (it accepts spaces, which make Excel refuse the file).
    private static func validateDefinedName(_ qualified: String, operation: String) throws(XLSXError) {
        let name = qualified.split(separator: "!", omittingEmptySubsequences: false).last.map(String.init) ?? qualified
        func invalid(_ reason: String) -> XLSXError {
            XLSXError(code: .parameterValidation, operation: operation, detail: "defined name \"\(qualified)\" \(reason)")
        }
        guard let first = name.first else { throw invalid("is empty") }
        guard first.isLetter || first == "_" || first == "\\" else {
            throw invalid("must start with a letter, '_' or '\\'")
        }
        if let bad = name.first(where: { !($0.isLetter || $0.isNumber || "_.\\?".contains($0)) }) {
            throw invalid("contains '\(bad)'; only letters, digits, '_', '.', '\\' and '?' are allowed")
        }
        let upper = name.uppercased()
        let looksLikeR1C1 = upper.range(of: "^R[0-9]*C?[0-9]*$", options: .regularExpression) != nil
            || upper.range(of: "^C[0-9]*$", options: .regularExpression) != nil
        if CellAddress(name) != nil || looksLikeR1C1 {
            throw invalid("looks like a cell reference")
        }
        if upper.hasPrefix("_XLNM.") { throw invalid("is reserved by Excel") }
    }

    /// Sets the default format's font, which libxlsxwriter 1.1.4 hard-codes to Calibri 11.
    ///
    /// Why this reaches into the workbook struct: the library has no API for the default
    /// font, and styling every used column and row would still leave the rest of the sheet
    /// (and the "Normal" cell style Excel applies to new cells) in Calibri. The default
    /// format is the first one `workbook_new_opt` creates (xf index 0, written as font 0 and
    /// as the "Normal" style); the check on its index guards against a library whose layout
    /// differs. The default hyperlink format gets the same font, since it also has none.
    private static func setDefaultFont(of workbook: UnsafeMutablePointer<lxw_workbook>, to style: CellStyle)
        throws(XLSXError)
    {
        guard let defaultFormat = workbook.pointee.formats?.pointee.stqh_first,
              defaultFormat.pointee.xf_index == 0
        else {
            throw XLSXError(code: .featureNotSupported, operation: "Workbook.init",
                            detail: "could not find libxlsxwriter's default format to set its font")
        }
        for format in [defaultFormat, workbook_get_default_url_format(workbook)] {
            guard let format else { continue }
            format_set_font_name(format, style.fontName)
            format_set_font_size(format, style.fontSize)
            format_set_font_family(format, style.fontName == "Times New Roman" ? 1 : 2)
        }
    }

    private static func setProperties(_ properties: DocumentProperties,
                                      of workbook: UnsafeMutablePointer<lxw_workbook>,
                                      arena: CStringArena) throws(XLSXError)
    {
        let operation = "Workbook.init"
        let seconds = properties.created.timeIntervalSince1970.rounded(.down)
        // libxlsxwriter reads 0 as "now", which would make the output depend on the clock.
        guard seconds >= 1, seconds < Double(Int32.max) * 4 else {
            throw XLSXError(code: .parameterValidation, operation: operation,
                            detail: "creation date \(properties.created) must be after 1970-01-01T00:00:00Z")
        }
        func text(_ value: String?, _ what: String) throws(XLSXError) -> UnsafeMutablePointer<CChar>? {
            guard let value else { return nil }
            return try arena.copy(try Text.prepare(value, operation: operation, what: what), operation: operation)
        }
        var library = lxw_doc_properties()
        library.title = try text(properties.title, "title")
        library.subject = try text(properties.subject, "subject")
        library.author = try text(properties.author, "author")
        library.manager = try text(properties.manager, "manager")
        library.company = try text(properties.company, "company")
        library.category = try text(properties.category, "category")
        library.keywords = try text(properties.keywords, "keywords")
        library.comments = try text(properties.comments, "comments")
        library.status = try text(properties.status, "status")
        library.created = time_t(seconds)
        try check(workbook_set_properties(workbook, &library), "workbook_set_properties")
    }
}
