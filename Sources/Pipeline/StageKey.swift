import JSON

/// The cache key of a stage: SHA-256 (hex) of the canonical JSON of
/// `{"code_version": Int, "inputs": {name: key or content hash}, "params": {dotted.path: value}, "stage": name}`.
///
/// `params` holds exactly the spec fields the stage reads, so editing an unrelated field does not
/// invalidate it; `inputs` holds the keys of upstream stages, so a change upstream propagates down.
/// Changing this layout changes every key and orphans every cached entry; the pinned-key test guards it.
public struct StageKey: Hashable, Sendable {
    public let stage: String
    public let codeVersion: Int
    public let params: [String: JSONValue]
    public let inputs: [String: String]

    public init(stage: String, codeVersion: Int, params: [String: JSONValue], inputs: [String: String]) {
        self.stage = stage
        self.codeVersion = codeVersion
        self.params = params
        self.inputs = inputs
    }

    /// The description that is hashed; also what the run index stores to explain the next change.
    public var description: JSONValue {
        .object([
            "stage": .string(stage),
            "code_version": .int(codeVersion),
            "params": .object(params),
            "inputs": .object(inputs.mapValues { .string($0) }),
        ])
    }

    /// Throws `JSONError.nonFiniteNumber` when a param is NaN or infinite.
    public func hex() throws -> String {
        ContentHash.sha256Hex(try description.canonicalBytes())
    }
}
