import Foundation

/// A submission file to read, with the name reports give it.
public struct InputFile: Sendable, Hashable {
    public let url: URL
    /// The path relative to the folder given on the command line, or the base name of a file
    /// given directly.
    public let displayName: String
}

/// Finds the submission files named on the command line (CONTRACT §1).
public enum InputCollection {
    static let extensions: Set<String> = ["csv", "xlsx"]

    /// Files given directly, and every `.csv`/`.xlsx` inside the folders given (recursively, in
    /// name order), skipping names that start with `.` or `~$` and anything inside `excluding`
    /// (the output folder, so that a run never reads its own reports).
    public static func collect(_ paths: [String], excluding: URL? = nil) -> (files: [InputFile], missing: [String]) {
        var files: [InputFile] = []
        var missing: [String] = []
        var seen: Set<String> = []
        let excluded = excluding.map { $0.standardizedFileURL.resolvingSymlinksInPath().path + "/" }
        let manager = FileManager.default
        for path in paths {
            let url = URL(fileURLWithPath: path)
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
                missing.append(path)
                continue
            }
            if !isDirectory.boolValue {
                let resolved = url.standardizedFileURL.resolvingSymlinksInPath().path
                if seen.insert(resolved).inserted { files.append(InputFile(url: url, displayName: url.lastPathComponent)) }
                continue
            }
            var found: [(relative: String, url: URL)] = []
            let base = url.standardizedFileURL.resolvingSymlinksInPath()
            if let enumerator = manager.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey]) {
                for case let file as URL in enumerator {
                    let name = file.lastPathComponent
                    guard !name.hasPrefix("."), !name.hasPrefix("~$"), extensions.contains(file.pathExtension.lowercased()) else { continue }
                    let resolved = file.standardizedFileURL.resolvingSymlinksInPath()
                    if let excluded, resolved.path.hasPrefix(excluded) { continue }
                    guard (try? resolved.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
                    let relative = String(resolved.path.dropFirst(base.path.count).drop(while: { $0 == "/" }))
                    found.append((relative, resolved))
                }
            }
            found.sort { $0.relative.utf8.lexicographicallyPrecedes($1.relative.utf8) }
            for entry in found where seen.insert(entry.url.path).inserted {
                files.append(InputFile(url: entry.url, displayName: entry.relative))
            }
        }
        return (files, missing)
    }
}
