import Foundation

/// The official workbooks of a run.
public enum ReportWorkbooks {
    /// Writes the workbooks into the folder; returns their names.
    public static func write(_ products: RunProducts, to folder: URL) throws(OutputError) -> [String] {
        []
    }
}
