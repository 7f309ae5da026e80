import Foundation
import XLSX
import Yams

/// A YAML node with the file and line it came from, so that every check can name them.
///
/// Configuration is read strictly: every mapping is read through ``YAMLMap``, which remembers the
/// keys it was asked for, and ``YAMLMap/rejectUnknownKeys()`` turns any other key into an error.
struct YAMLNode {
    let node: Node
    let file: String

    var line: Int { node.mark?.line ?? 1 }

    func error(_ problem: String) -> ConfigurationError {
        ConfigurationError(file: file, line: line, problem: problem)
    }

    /// Parses a whole document; a syntax error names the line libyaml reports.
    static func parse(_ text: String, file: String) throws(ConfigurationError) -> YAMLNode {
        do {
            guard let root = try Yams.compose(yaml: text) else {
                throw ConfigurationError(file: file, line: 1, problem: "tệp trống (empty file)")
            }
            return YAMLNode(node: root, file: file)
        } catch let error as ConfigurationError {
            throw error
        } catch let error as YamlError {
            throw ConfigurationError(file: file, line: Self.line(of: error), problem: "không đọc được YAML: \(Self.problem(of: error))")
        } catch {
            throw ConfigurationError(file: file, line: 1, problem: "không đọc được YAML: \(error)")
        }
    }

    private static func line(of error: YamlError) -> Int {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark.line
        case .duplicatedKeysInMapping(_, let context): context.mark.line
        default: 1
        }
    }

    /// One line: Yams' own description of some errors quotes the whole document, and the run
    /// stops with one line on stderr (CONTRACT §4a).
    private static func problem(of error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _), .reader(let problem, _, _, _):
            problem
        case .duplicatedKeysInMapping(let duplicates, _):
            "khóa bị lặp (duplicate key): \(duplicates.joined(separator: ", "))"
        default:
            "\(error)".split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        }
    }

    func map(_ what: String) throws(ConfigurationError) -> YAMLMap {
        guard case .mapping(let mapping) = node else { throw error("\(what) phải là một bảng khóa: giá trị (a mapping)") }
        return YAMLMap(mapping: mapping, file: file, line: line)
    }

    func list(_ what: String) throws(ConfigurationError) -> [YAMLNode] {
        guard case .sequence(let sequence) = node else { throw error("\(what) phải là một danh sách (a sequence)") }
        return sequence.map { YAMLNode(node: $0, file: file) }
    }

    func string(_ what: String) throws(ConfigurationError) -> String {
        guard case .scalar(let scalar) = node else { throw error("\(what) phải là một giá trị đơn (a scalar)") }
        return scalar.string.nfc
    }

    func int(_ what: String) throws(ConfigurationError) -> Int {
        let text = try string(what)
        guard let value = Int(text.trimmingCharacters(in: .whitespaces)) else { throw error("\(what) phải là số nguyên, gặp \"\(text)\"") }
        return value
    }

    /// A list of strings, or one string taken as a list of one.
    func strings(_ what: String) throws(ConfigurationError) -> [(String, YAMLNode)] {
        if case .scalar = node { return [(try string(what), self)] }
        var result: [(String, YAMLNode)] = []
        for item in try list(what) { result.append((try item.string(what), item)) }
        return result
    }
}

/// A mapping read key by key; keys never asked for are errors.
struct YAMLMap {
    private var pairs: [(key: String, value: YAMLNode, line: Int)] = []
    private var asked: Set<String> = []
    let file: String
    let line: Int

    init(mapping: Node.Mapping, file: String, line: Int) {
        self.file = file
        self.line = line
        for (key, value) in mapping {
            pairs.append((key.string ?? "\(key)", YAMLNode(node: value, file: file), key.mark?.line ?? line))
        }
    }

    /// The value of an optional key.
    mutating func optional(_ key: String) -> YAMLNode? {
        asked.insert(key)
        return pairs.first { $0.key == key }?.value
    }

    /// The value of a required key.
    mutating func required(_ key: String) throws(ConfigurationError) -> YAMLNode {
        guard let value = optional(key) else {
            throw ConfigurationError(file: file, line: line, problem: "thiếu khóa bắt buộc \"\(key)\" (missing key)")
        }
        return value
    }

    /// Fails on the first key nobody asked for, naming its line; duplicates are errors too.
    func rejectUnknownKeys() throws(ConfigurationError) {
        var seen: Set<String> = []
        for pair in pairs {
            guard asked.contains(pair.key) else {
                throw ConfigurationError(file: file, line: pair.line, problem: "khóa không hợp lệ \"\(pair.key)\" (unknown key)")
            }
            guard seen.insert(pair.key).inserted else {
                throw ConfigurationError(file: file, line: pair.line, problem: "khóa \"\(pair.key)\" bị lặp (duplicate key)")
            }
        }
    }
}

/// Reads a configuration file as UTF-8 text, or fails naming it.
func readConfigurationText(_ url: URL, displayName: String) throws(ConfigurationError) -> String {
    let data: Data
    do { data = try Data(contentsOf: url) } catch {
        throw ConfigurationError(file: displayName, line: 1, problem: "không mở được tệp (cannot read the file)")
    }
    var bytes = data
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
    guard let text = String(data: bytes, encoding: .utf8) else {
        throw ConfigurationError(file: displayName, line: 1, problem: "tệp không phải văn bản UTF-8 (not UTF-8 text)")
    }
    return text
}
