import Foundation
import Synchronization

/// Reads a submission file into a table: CSV here, workbooks through the XLSX reader.
public enum SubmissionReader {
    /// Reads many files, on every core: files are independent, and reading (decoding, parsing,
    /// inflating workbooks) is most of a large run's time. The order of the result is the order
    /// of `files`.
    public static func readAll(_ files: [InputFile], catalogue: Catalogue,
                               progress: (@Sendable (RunProgress) -> Void)? = nil) -> [SubmissionInput] {
        let results = UnsafeMutableBufferPointer<SubmissionInput?>.allocate(capacity: files.count)
        results.initialize(repeating: nil)
        defer { results.deallocate() }
        nonisolated(unsafe) let slots = results
        let counts = Mutex((files: 0, rows: 0))
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            let input = read(files[index], catalogue: catalogue)
            slots[index] = input
            guard let progress else { return }
            let rows: Int
            if case .success(let table) = input.content { rows = table.rows.count } else { rows = 0 }
            let now = counts.withLock { count in
                count.files += 1
                count.rows += rows
                return count
            }
            progress(.files(done: now.files, total: files.count, rows: now.rows))
        }
        return results.map { $0! }
    }

    /// Reads one file; a file that cannot be read becomes the reason, never a thrown error.
    public static func read(_ file: InputFile, catalogue: Catalogue) -> SubmissionInput {
        // A file far larger than any return (a video or a disk image dropped in the inbox) is
        // refused by its size before it is read, so that memory stays bounded whatever it holds.
        if let size = try? file.url.resourceValues(forKeys: [.fileSizeKey]).fileSize, size > TextDecoding.maximumFileSize {
            return SubmissionInput(file: file.displayName, content: .failure(
                UnreadableFile("Tệp quá lớn (\(size / 1_048_576) MB) để là một báo cáo; hãy kiểm tra lại tệp.")))
        }
        let data: Data
        do {
            data = try Data(contentsOf: file.url)
        } catch {
            return SubmissionInput(file: file.displayName, content: .failure(UnreadableFile("Không mở được tệp: \(error.localizedDescription).")))
        }
        return read(data, displayName: file.displayName, catalogue: catalogue)
    }

    /// Reads a file's bytes (a workbook by its extension or its zip signature, else CSV text).
    public static func read(_ data: Data, displayName: String, catalogue: Catalogue) -> SubmissionInput {
        if displayName.lowercased().hasSuffix(".xlsx") || data.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            return SubmissionInput(file: displayName, content: WorkbookTableReading.read(data, file: displayName, catalogue: catalogue))
        }
        let unitCode = catalogue.unitCodeIndex
        return SubmissionInput(file: displayName, content: Result {
            try CSVTableReader.read(data, file: displayName,
                                    isKey: { catalogue.element(forHeader: $0) == unitCode },
                                    isKnown: { catalogue.element(forHeader: $0) != nil })
        }.mapError { $0 as! UnreadableFile })
    }
}

/// Reading returns from workbooks.
enum WorkbookTableReading {
    static func read(_ data: Data, file: String, catalogue: Catalogue) -> Result<RawTable, UnreadableFile> {
        WorkbookTableReader.read(data, file: file, isKey: { catalogue.element(forHeader: $0) == catalogue.unitCodeIndex })
    }
}
