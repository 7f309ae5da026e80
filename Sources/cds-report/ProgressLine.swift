import CDSReport
import Foundation
import Synchronization

/// A progress line on the terminal, rewritten in place: only when stderr is a terminal, so that
/// scripts, pipes and CI see nothing but the summary line.
enum ProgressLine {
    private static let state = Mutex((shown: false, last: UInt64(0)))

    /// A reporter writing to stderr, or `nil` when stderr is not a terminal.
    static func standardError() -> (@Sendable (RunProgress) -> Void)? {
        guard isatty(STDERR_FILENO) == 1 else { return nil }
        return { event in
            let text: String
            switch event {
            case .stage(let name): text = name + "…"
            case .files(let done, let total, let rows):
                // At most ten updates a second: a terminal is slower than the reader.
                let now = DispatchTime.now().uptimeNanoseconds
                let due = state.withLock { value -> Bool in
                    guard done == total || now - value.last > 100_000_000 else { return false }
                    value.last = now
                    return true
                }
                guard due else { return }
                text = "Đã đọc \(done)/\(total) tệp, \(rows) dòng"
            }
            state.withLock { $0.shown = true }
            FileHandle.standardError.write(Data("\r\u{1B}[K\(text)".utf8))
        }
    }

    /// Clears the line before the summary is printed.
    static func clear() {
        let shown = state.withLock { value -> Bool in
            defer { value.shown = false }
            return value.shown
        }
        if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
