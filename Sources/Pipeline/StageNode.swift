import Foundation
import JSON

/// Where a stage input comes from: another stage of the same member (by node id), or external content
/// identified by its hash (e.g. one data file, named by its path so a change can be reported by name).
public enum StageInput: Hashable, Sendable {
    case node(String)
    case content(hash: String)
}

/// One stage of one experiment member, before keys are resolved. The engine knows nothing of what
/// `run` does: it only hashes `stage`, `codeVersion`, `params` and `inputs`.
public struct StageNode {
    /// Unique within a member, e.g. "preprocess"; used to name dependencies and in the run index.
    public let id: String
    /// The stage kind, e.g. "train"; part of the key.
    public let stage: String
    /// Bump when the stage's code changes what it produces; part of the key.
    public let codeVersion: Int
    /// Exactly the spec fields the stage reads, keyed by dotted path ("train.lr").
    public let params: [String: JSONValue]
    /// Input name → dependency or content hash.
    public let inputs: [String: StageInput]
    /// Produces the stage's outputs in `context.outputDirectory`. Throwing leaves no cache entry.
    public let run: (StageContext) throws -> Void

    /// A stage whose params are given as dotted paths directly (engine tests, generic stages).
    public init(id: String, stage: String, codeVersion: Int, params: [String: JSONValue] = [:],
                inputs: [String: StageInput] = [:], run: @escaping (StageContext) throws -> Void) {
        self.id = id
        self.stage = stage
        self.codeVersion = codeVersion
        self.params = params
        self.inputs = inputs
        self.run = run
    }

    /// A stage with a typed params struct: the struct, encoded and flattened to dotted paths
    /// (`{"train": {"lr": 0.001}}` → `train.lr`), is what the key hashes, and `run` receives only the
    /// struct, so nothing the stage reads can be missing from its key.
    public init<Params: Encodable>(id: String, stage: String, codeVersion: Int, params: Params,
                                   inputs: [String: StageInput] = [:],
                                   run: @escaping (Params, StageContext) throws -> Void) throws {
        self.init(id: id, stage: stage, codeVersion: codeVersion,
                  params: try JSONValueEncoder().encode(params).flattenedPaths(), inputs: inputs) { context in
            try run(params, context)
        }
    }
}

/// Structured progress a stage reports while it runs (e.g. one training batch). The engine passes it
/// to the caller untouched; only the caller, which knows the stage, looks inside.
public protocol StageProgress: Sendable {}

/// What a running stage sees: where to write, where its inputs are, and a folder that survives a kill.
public struct StageContext {
    public let key: String
    public let stage: String
    /// A temporary folder in the cache; its contents become the entry only if `run` returns.
    public let outputDirectory: URL
    /// `runs/work/<key>/`: kept across failures and kills (checkpoints for resuming), removed once
    /// the entry is committed.
    public let workDirectory: URL
    /// Committed entry folders of the stage's dependencies, by input name.
    public let inputDirectories: [String: URL]
    /// Free-text progress from inside the stage (e.g. one line per epoch).
    public let log: (String) -> Void
    /// Structured progress for the caller's display (e.g. a training progress bar).
    public let progress: (StageProgress) -> Void

    public init(key: String, stage: String, outputDirectory: URL, workDirectory: URL, inputDirectories: [String: URL],
                log: @escaping (String) -> Void = { _ in }, progress: @escaping (StageProgress) -> Void = { _ in }) {
        self.key = key; self.stage = stage; self.outputDirectory = outputDirectory; self.workDirectory = workDirectory
        self.inputDirectories = inputDirectories; self.log = log; self.progress = progress
    }

    /// The committed output folder of dependency `name`; throws `GraphError.missingInput` otherwise.
    public func inputDirectory(_ name: String) throws -> URL {
        guard let url = inputDirectories[name] else { throw GraphError.missingInput(stage: stage, name: name) }
        return url
    }
}

/// One use of a resolved stage: which member, and which node id in it.
public struct StageUse: Hashable, Sendable, CustomStringConvertible {
    public let member: String
    public let node: String
    public init(member: String, node: String) { self.member = member; self.node = node }
    public var description: String { "\(member)/\(node)" }
}

/// A stage with its key resolved; shared by every member whose node has the same key.
public struct ResolvedStage {
    public let key: String
    public let identity: StageKey
    /// Input name → key of the dependency stage (the stage-typed subset of `identity.inputs`).
    public let dependencies: [String: String]
    /// Every (member, node) that resolved to this key; the first one's `run` is used.
    public internal(set) var uses: [StageUse]
    let run: (StageContext) throws -> Void

    public var stage: String { identity.stage }
    /// First 12 hex digits, enough to tell entries apart in a listing.
    public var shortKey: String { String(key.prefix(12)) }
}
