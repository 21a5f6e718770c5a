import JSON

/// One output file of a cache entry, as recorded in its manifest.
public struct OutputFile: Equatable, Sendable {
    /// Relative to the entry folder, "/"-separated.
    public let path: String
    public let bytes: Int
    public let sha256: String

    public init(path: String, bytes: Int, sha256: String) {
        self.path = path; self.bytes = bytes; self.sha256 = sha256
    }
}

/// The record `entry.json` of a committed cache entry: what was computed, from what, how long it took,
/// and what it produced. An entry whose record is missing, unparsable or disagrees with the files on
/// disk is corrupt and treated as a miss.
public struct CacheEntry: Equatable, Sendable {
    public static let fileName = "entry.json"
    /// Bumped when the record's layout changes; older records still parse if fields are compatible.
    public static let formatVersion = 1

    public let identity: StageKey
    public let key: String
    /// ISO 8601, UTC.
    public let created: String
    public let durationSeconds: Double
    public let outputs: [OutputFile]

    public init(identity: StageKey, key: String, created: String, durationSeconds: Double, outputs: [OutputFile]) {
        self.identity = identity
        self.key = key
        self.created = created
        self.durationSeconds = durationSeconds
        self.outputs = outputs
    }

    public var totalBytes: Int { outputs.reduce(0) { $0 + $1.bytes } }

    public var json: JSONValue {
        .object([
            "format": .int(CacheEntry.formatVersion),
            "key": .string(key),
            "stage": .string(identity.stage),
            "code_version": .int(identity.codeVersion),
            "params": .object(identity.params),
            "inputs": .object(identity.inputs.mapValues { .string($0) }),
            "created": .string(created),
            "duration_seconds": .double(durationSeconds),
            "outputs": .array(outputs.map {
                .object(["path": .string($0.path), "bytes": .int($0.bytes), "sha256": .string($0.sha256)])
            }),
        ])
    }

    /// Parses a record; throws naming the first missing or mistyped field.
    public init(json: JSONValue) throws {
        func field<T>(_ name: String, _ read: (JSONValue) -> T?) throws -> T {
            guard let value = json[name], let typed = read(value) else { throw EntryProblem.field(name) }
            return typed
        }
        let inputs = try field("inputs") { $0.objectValue }
        var inputHashes: [String: String] = [:]
        for (name, value) in inputs {
            guard let hash = value.stringValue else { throw EntryProblem.field("inputs.\(name)") }
            inputHashes[name] = hash
        }
        var outputs: [OutputFile] = []
        for (index, item) in try field("outputs", { $0.arrayValue }).enumerated() {
            guard let path = item["path"]?.stringValue, let bytes = item["bytes"]?.intValue,
                  let hash = item["sha256"]?.stringValue else { throw EntryProblem.field("outputs[\(index)]") }
            outputs.append(OutputFile(path: path, bytes: bytes, sha256: hash))
        }
        identity = StageKey(stage: try field("stage") { $0.stringValue },
                            codeVersion: try field("code_version") { $0.intValue },
                            params: try field("params") { $0.objectValue }, inputs: inputHashes)
        key = try field("key") { $0.stringValue }
        created = try field("created") { $0.stringValue }
        durationSeconds = try field("duration_seconds") { $0.doubleValue }
        self.outputs = outputs
    }
}

/// Why a record could not be read; becomes the text of a corrupt-entry warning.
enum EntryProblem: Error, CustomStringConvertible {
    case field(String)
    var description: String {
        switch self { case let .field(name): return "field \(name) is missing or has the wrong type" }
    }
}
