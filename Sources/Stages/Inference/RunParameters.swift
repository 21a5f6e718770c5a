import Foundation

/// A run's recorded spec fields (`RunRecord.parameters`, dotted path → canonical value) read back as
/// typed values. Lists are accepted as written by SpecValue (`[-1000, 400]` or `[-1000,400]`).
public struct RunParameters: Sendable {
    public let runID: String
    public let values: [String: String]

    public init(runID: String, pairs: [[String]]) {
        self.runID = runID
        var values: [String: String] = [:]
        for pair in pairs where pair.count == 2 { values[pair[0]] = pair[1] }
        self.values = values
    }

    public init(record: RunRecord) { self.init(runID: record.id, pairs: record.parameters) }

    public func has(_ path: String) -> Bool { values[path] != nil }

    public func string(_ path: String) throws -> String {
        guard let value = values[path] else { throw RunParameterError.missing(runID: runID, path: path) }
        return value
    }

    public func double(_ path: String) throws -> Double {
        let text = try string(path)
        guard let value = Double(text) else { throw unreadable(path, text, "a number") }
        return value
    }

    public func int(_ path: String) throws -> Int {
        let text = try string(path)
        guard let value = Int(text) else { throw unreadable(path, text, "a whole number") }
        return value
    }

    public func bool(_ path: String) throws -> Bool {
        let text = try string(path)
        guard let value = Bool(text) else { throw unreadable(path, text, "true or false") }
        return value
    }

    /// A list of numbers of exactly `count` items.
    public func doubles(_ path: String, count: Int) throws -> [Double] {
        let text = try string(path)
        let items = RunParameters.listItems(text).compactMap(Double.init)
        guard items.count == count, RunParameters.listItems(text).count == count else {
            throw unreadable(path, text, "a list of \(count) numbers")
        }
        return items
    }

    /// `resize` as (height, width): `[h, w]`, a single side, or `resize.height`/`resize.width`.
    public func size(_ path: String) throws -> (height: Int, width: Int) {
        if !has(path), has(path + ".height") {
            return (try int(path + ".height"), try int(path + ".width"))
        }
        let text = try string(path)
        let items = RunParameters.listItems(text).compactMap { Int($0) }
        switch items.count {
        case 1: return (items[0], items[0])
        case 2: return (items[0], items[1])
        default: throw unreadable(path, text, "a size [height, width]")
        }
    }

    static func listItems(_ text: String) -> [String] {
        var inner = Substring(text)
        if inner.hasPrefix("[") && inner.hasSuffix("]") { inner = inner.dropFirst().dropLast() }
        return inner.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    }

    private func unreadable(_ path: String, _ value: String, _ expected: String) -> RunParameterError {
        .unreadable(runID: runID, path: path, value: value, expected: expected)
    }
}

public enum RunParameterError: Error, Equatable, CustomStringConvertible {
    case missing(runID: String, path: String)
    case unreadable(runID: String, path: String, value: String, expected: String)

    public var description: String {
        switch self {
        case let .missing(runID, path):
            return "run \(runID) records no '\(path)' in its run.json parameters; it was made by an older "
                + "pipeline, re-run its spec to record it"
        case let .unreadable(runID, path, value, expected):
            return "run \(runID): parameter '\(path)' is '\(value)', expected \(expected); check its run.json"
        }
    }
}
