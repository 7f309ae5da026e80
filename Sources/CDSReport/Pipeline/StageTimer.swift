import Foundation

/// Measures how long each stage of a run takes, for `run --timings` and `make bench`.
public final class StageTimer: @unchecked Sendable {
    private var entries: [(stage: String, seconds: Double, peakMB: Int)] = []
    private let lock = NSLock()

    public init() {}

    /// Runs `body`, recording its duration under `stage`.
    public func measure<T, E: Error>(_ stage: String, _ body: () throws(E) -> T) throws(E) -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        defer {
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            var usage = rusage()
            getrusage(RUSAGE_SELF.rawValue, &usage)
            lock.lock()
            entries.append((stage, seconds, usage.ru_maxrss / 1024))
            lock.unlock()
        }
        return try body()
    }

    /// `stage=seconds` pairs in the order measured, e.g. `read=0.412 validate=0.101`, then the
    /// peak resident memory (MB) reached by the end of each stage.
    public var line: String {
        lock.lock()
        defer { lock.unlock() }
        return entries.map { "\($0.stage)=\(String(format: "%.3f", $0.seconds))" }.joined(separator: " ")
            + " | peak MB: " + entries.map { "\($0.stage)=\($0.peakMB)" }.joined(separator: " ")
    }
}
