import Foundation

/// What is wrong with one spec field. Each case becomes a message that names the field and
/// says what to do next.
public enum SpecProblem: Equatable, Sendable {
    case specFileNotFound(resolved: String)
    case unreadableSpec(String)
    case brokenYAML(String)
    case unknownKey(suggestion: String?, allowed: [String])
    case duplicateKey(firstLine: Int)
    case wrongType(expected: String, found: String)
    case outOfRange(String)
    case missingField(String)
    case conflict(String)
    case missingFolder(given: String, resolved: String)
    case badSweep(String)
}

/// One problem at one place: prints as `file:line:column: path: message`, the form editors
/// and terminals turn into a link.
public struct SpecDiagnostic: Equatable, Sendable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let column: Int
    /// The dotted field path (`train.lr`), or "" for the document as a whole.
    public let path: String
    public let problem: SpecProblem

    public init(file: String, line: Int, column: Int, path: String, problem: SpecProblem) {
        self.file = file
        self.line = line
        self.column = column
        self.path = path
        self.problem = problem
    }

    /// `file:line:column: message`, or `file: message` for a problem with the file as a whole (line 0).
    public var description: String {
        line > 0 ? "\(file):\(line):\(column): \(message)" : "\(file): \(message)"
    }

    public var message: String {
        let prefix = path.isEmpty ? "" : "\(path): "
        return prefix + detail
    }

    private var detail: String {
        switch problem {
        case .specFileNotFound(let resolved):
            return "spec file not found (resolved to \(resolved)); check the path, or start from experiments/phantom.yaml"
        case .unreadableSpec(let text):
            return text
        case .brokenYAML(let text):
            return "YAML syntax error: \(text)"
        case .unknownKey(let suggestion?, _):
            return "unknown key; did you mean '\(suggestion)'?"
        case .unknownKey(nil, let allowed):
            return "unknown key; allowed here: \(allowed.joined(separator: ", ")) (see experiments/README.md)"
        case .duplicateKey(let firstLine):
            return "duplicate key (first given on line \(firstLine)); keep only one"
        case .wrongType(let expected, let found):
            return "expected \(expected), found \(found)"
        case .outOfRange(let text), .missingField(let text), .conflict(let text), .badSweep(let text):
            return text
        case .missingFolder(let given, let resolved):
            return "folder \(given) does not exist (resolved to \(resolved)); paths are relative to the spec file's folder"
        }
    }
}

/// Every problem found in a spec, reported together. A spec with any diagnostic yields this
/// error and never a partial spec.
public struct SpecErrors: Error, Equatable, Sendable, CustomStringConvertible {
    public let diagnostics: [SpecDiagnostic]

    public init(_ diagnostics: [SpecDiagnostic]) { self.diagnostics = diagnostics }

    public var description: String {
        let count = diagnostics.count == 1 ? "1 problem" : "\(diagnostics.count) problems"
        return diagnostics.map(\.description).joined(separator: "\n") + "\n\(count) in the spec; nothing was run"
    }
}

/// Collects diagnostics while a spec is decoded; duplicates (the same problem seen again in
/// another sweep member) are kept once.
final class Diagnostics {
    let file: String
    private(set) var all: [SpecDiagnostic] = []
    private var seen = Set<String>()

    init(file: String) { self.file = file }

    func report(_ problem: SpecProblem, at mark: YAMLMark, path: String) {
        let d = SpecDiagnostic(file: file, line: mark.line, column: mark.column, path: path, problem: problem)
        if seen.insert(d.description).inserted { all.append(d) }
    }

    var isEmpty: Bool { all.isEmpty }

    /// Diagnostics in reading order: by line, then column.
    var sorted: [SpecDiagnostic] {
        all.enumerated().sorted { a, b in
            (a.element.line, a.element.column, a.offset) < (b.element.line, b.element.column, b.offset)
        }.map(\.element)
    }
}

extension SpecErrors: LocalizedError {
    public var errorDescription: String? { description }
}
