import CXLSXWriter
import Foundation

/// C strings and structs that must stay valid until the C workbook is freed.
///
/// Why: libxlsxwriter copies the text given to its cell-writing functions (into the
/// shared-strings table or a `lxw_strdup` per cell), to `workbook_define_name` (fixed
/// arrays), to the format setters (fixed arrays) and to `worksheet_protect` (hashed), so
/// those calls get a pointer that lives only for the call. The header promises nothing for
/// the rest: option structs with `char *` fields (document properties, data validations,
/// conditional formats, chart fonts, the temporary directory), sheet names, headers and
/// footers, and chart texts. Rather than rely on each function's current implementation,
/// every such string is allocated here and freed only after `workbook_close` or
/// `lxw_workbook_free` has returned.
final class CStringArena {
    private var allocations: [UnsafeMutableRawPointer] = []

    /// Returns a NUL-terminated copy of `text` owned by the arena.
    func copy(_ text: String, operation: String) throws(XLSXError) -> UnsafeMutablePointer<CChar> {
        guard let pointer = strdup(text) else {
            throw XLSXError(code: .memoryAllocationFailed, operation: operation)
        }
        allocations.append(UnsafeMutableRawPointer(pointer))
        return pointer
    }

    /// Returns a NULL-terminated array of copies of `texts`, as libxlsxwriter's list
    /// arguments expect.
    func copyList(_ texts: [String], operation: String) throws(XLSXError)
        -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>
    {
        let stride = MemoryLayout<UnsafeMutablePointer<CChar>?>.stride
        guard let raw = malloc(stride * (texts.count + 1)) else {
            throw XLSXError(code: .memoryAllocationFailed, operation: operation)
        }
        allocations.append(raw)
        let list = raw.bindMemory(to: UnsafeMutablePointer<CChar>?.self, capacity: texts.count + 1)
        for (index, text) in texts.enumerated() {
            list[index] = try copy(text, operation: operation)
        }
        list[texts.count] = nil
        return list
    }

    /// Returns a copy of a plain C struct (a chart font, line or fill) owned by the arena,
    /// for the same reason as strings: the struct's address may be kept by the library.
    /// Only for trivial C structs: the memory is released with `free`, without
    /// deinitializing.
    func store<Value>(_ value: Value, operation: String) throws(XLSXError) -> UnsafeMutablePointer<Value> {
        guard let raw = malloc(MemoryLayout<Value>.stride) else {
            throw XLSXError(code: .memoryAllocationFailed, operation: operation)
        }
        allocations.append(raw)
        let pointer = raw.bindMemory(to: Value.self, capacity: 1)
        pointer.initialize(to: value)
        return pointer
    }

    /// Frees everything. Called only once the C workbook no longer exists.
    func freeAll() {
        for pointer in allocations { free(pointer) }
        allocations.removeAll()
    }

    deinit { freeAll() }
}
