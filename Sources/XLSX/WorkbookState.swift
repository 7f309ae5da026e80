import CXLSXWriter
import Foundation

/// The C workbook and what must live exactly as long as it: the style cache, the string
/// arena and the sheets' bookkeeping. Shared by ``Workbook`` and the ``Worksheet`` it lends.
final class WorkbookState {
    /// `nil` once the workbook has been closed or discarded; C has freed it then.
    private(set) var handle: UnsafeMutablePointer<lxw_workbook>?
    let path: String
    let constantMemory: Bool
    let arena: CStringArena
    private var formats: [CellStyle: UnsafeMutablePointer<lxw_format>] = [:]
    /// Sheets in the order they were added.
    private(set) var sheets: [SheetState] = []
    private var sheetsByKey: [String: SheetState] = [:]
    /// Cells written so far (values and styled blanks), for benchmarks that compare the writer
    /// with the library writing the same number of cells.
    var cellsWritten = 0
    /// Sheet names that charts refer to, checked when the workbook is closed.
    var chartReferences: [(sheet: String, chart: String)] = []

    init(handle: UnsafeMutablePointer<lxw_workbook>, path: String, constantMemory: Bool, arena: CStringArena) {
        self.handle = handle
        self.arena = arena
        self.path = path
        self.constantMemory = constantMemory
    }

    deinit { discard() }

    func open(_ operation: String) throws(XLSXError) -> UnsafeMutablePointer<lxw_workbook> {
        guard let handle else {
            throw XLSXError(code: .parameterValidation, operation: operation, detail: "the workbook is already closed")
        }
        return handle
    }

    /// The library format for a style, created on first use. `nil` style means the
    /// workbook's default format (Times New Roman, see ``Workbook``).
    func format(for style: CellStyle?, operation: String) throws(XLSXError) -> UnsafeMutablePointer<lxw_format>? {
        guard let style else { return nil }
        if let cached = formats[style] { return cached }
        var written = style
        written.fontName = try Text.prepare(style.fontName, operation: operation, what: "font name")
        if let numberFormat = style.numberFormat {
            written.numberFormat = try Text.prepare(numberFormat, operation: operation, what: "number format")
        }
        try written.validate(operation: operation)
        guard let format = workbook_add_format(try open(operation)) else {
            throw XLSXError(code: .memoryAllocationFailed, operation: "workbook_add_format")
        }
        written.apply(to: format)
        formats[style] = format
        return format
    }

    /// The number of distinct library formats created so far; tests use it to prove the cache.
    var formatCount: Int { formats.count }

    func sheet(named name: String) -> SheetState? {
        sheetsByKey[SheetName.uniquenessKey(name)]
    }

    func addSheet(_ proposed: String) throws(XLSXError) -> SheetState {
        let operation = "Workbook.addWorksheet"
        let name = try SheetName.validate(proposed)
        if let existing = sheet(named: name) {
            throw XLSXError(code: .sheetNameAlreadyUsed, operation: operation,
                            detail: "sheet name \"\(name)\" is already used by \"\(existing.name)\" (Excel ignores case)")
        }
        let workbook = try open(operation)
        // libxlsxwriter's own check as well: a rule it knows and this module missed still
        // surfaces as an error instead of a NULL sheet.
        let cName = try arena.copy(name, operation: operation)
        try check(workbook_validate_sheet_name(workbook, cName), "workbook_validate_sheet_name",
                  detail: "sheet name \"\(name)\"")
        guard let handle = workbook_add_worksheet(workbook, cName) else {
            throw XLSXError(code: .memoryAllocationFailed, operation: "workbook_add_worksheet",
                            detail: "sheet name \"\(name)\"")
        }
        let sheet = SheetState(name: name, handle: handle)
        sheets.append(sheet)
        sheetsByKey[SheetName.uniquenessKey(name)] = sheet
        return sheet
    }

    /// Writes the file and frees the C workbook, whatever the outcome.
    func close() throws(XLSXError) {
        let workbook = try open("Workbook.close")
        for reference in chartReferences where sheet(named: reference.sheet) == nil {
            discard()
            throw XLSXError(code: .parameterValidation, operation: "Workbook.close",
                            detail: "chart \"\(reference.chart)\" refers to sheet \"\(reference.sheet)\", which the workbook does not have; nothing was written")
        }
        handle = nil
        let result = LibraryErrorOutput.silenced { workbook_close(workbook) }
        arena.freeAll()
        try check(result, "workbook_close", detail: "writing \(path)")
        // libxlsxwriter names worksheet parts sheet1.xml, sheet2.xml… in the order added.
        let parts = Set(sheets.enumerated().filter(\.element.blankFirstPageHeader).map { "xl/worksheets/sheet\($0.offset + 1).xml" })
        do {
            try FirstPagePatch.apply(toFile: path, parts: parts)
        } catch {
            throw XLSXError(code: .creatingFile, operation: "Workbook.close", detail: "writing \(path): \(error.localizedDescription)")
        }
    }

    /// Frees the C workbook without writing anything.
    func discard() {
        guard let workbook = handle else { return }
        handle = nil
        lxw_workbook_free(workbook)
        arena.freeAll()
    }
}

/// One worksheet's C handle and the facts this module tracks about it.
final class SheetState {
    let name: String
    let handle: UnsafeMutablePointer<lxw_worksheet>
    /// Merged ranges so far: Excel reports a file with overlapping merges as corrupt, and
    /// libxlsxwriter 1.1.4 does not check.
    var mergedRanges: [CellRange] = []
    var chartCount = 0
    /// The page setup asks for no header and footer on page 1 (see ``FirstPagePatch``).
    var blankFirstPageHeader = false

    init(name: String, handle: UnsafeMutablePointer<lxw_worksheet>) {
        self.name = name
        self.handle = handle
    }
}

/// libxlsxwriter prints its own `[ERROR][packager.c:…]` lines on standard error when it cannot
/// write (a full disk), before returning the error code that ``XLSXError`` already carries with
/// its detail. A command must fail with one clear line of its own (CONTRACT §1), so standard
/// error is pointed at `/dev/null` while the library writes the file.
///
/// Process-wide: a lock and a depth count keep nested or concurrent closes from restoring the
/// wrong descriptor.
enum LibraryErrorOutput {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var depth = 0
    nonisolated(unsafe) private static var saved: Int32 = -1

    static func silenced<T>(_ body: () -> T) -> T {
        lock.lock()
        if depth == 0 {
            fflush(nil)
            saved = dup(STDERR_FILENO)
            let null = open("/dev/null", O_WRONLY)
            if saved >= 0, null >= 0 { dup2(null, STDERR_FILENO) }
            if null >= 0 { close(null) }
        }
        depth += 1
        lock.unlock()
        defer {
            lock.lock()
            depth -= 1
            if depth == 0, saved >= 0 {
                fflush(nil)
                dup2(saved, STDERR_FILENO)
                close(saved)
                saved = -1
            }
            lock.unlock()
        }
        return body()
    }
}
