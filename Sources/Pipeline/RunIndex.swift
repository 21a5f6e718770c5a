import Foundation
import JSON

/// The last completed key of each (member, stage node), so `plan` can say what changed from what:
/// `runs/index/<member>/<node>.json` holds the key, the hashed description (stage, code version,
/// params, inputs) and the stage names of the inputs that are dependencies.
public struct RunIndex {
    public let directory: URL

    /// `runsRoot` is the runs/ folder; the index lives in runs/index/.
    public init(runsRoot: URL) { directory = runsRoot.appendingPathComponent("index") }

    /// What a member's node last completed with.
    public struct Record: Equatable {
        public let key: String
        public let identity: StageKey
        /// Input name → stage name of the dependency that fed it.
        public let dependencyStages: [String: String]
    }

    public func record(member: String, node: String) -> Record? {
        guard let bytes = try? FileIO.readAll(url(member: member, node: node)),
              let json = try? JSONValue(parsing: bytes),
              let key = json["key"]?.stringValue, let stage = json["stage"]?.stringValue,
              let codeVersion = json["code_version"]?.intValue, let params = json["params"]?.objectValue,
              let inputs = json["inputs"]?.objectValue?.compactMapValues(\.stringValue),
              let dependencyStages = json["dependency_stages"]?.objectValue?.compactMapValues(\.stringValue)
        else { return nil }
        return Record(key: key, identity: StageKey(stage: stage, codeVersion: codeVersion, params: params, inputs: inputs),
                      dependencyStages: dependencyStages)
    }

    /// Records that `member`'s `node` completed (ran or hit) with `stage`; written via rename so a
    /// reader never sees half a file.
    public func update(member: String, node: String, stage: ResolvedStage, graph: PipelineGraph) throws {
        var json = stage.identity.description
        if case var .object(members) = json {
            members["key"] = .string(stage.key)
            members["dependency_stages"] = .object(stage.dependencies.compactMapValues { key in
                graph.stage(forKey: key).map { .string($0.stage) }
            })
            json = .object(members)
        }
        let destination = url(member: member, node: node)
        try FileIO.createDirectory(destination.deletingLastPathComponent())
        let temporary = destination.appendingPathExtension("tmp-\(UUID().uuidString)")
        try FileIO.write(Array(try json.prettyString().utf8), to: temporary)
        try FileIO.rename(temporary, to: destination)
    }

    private func url(member: String, node: String) -> URL {
        directory.appendingPathComponent(Self.safeName(member)).appendingPathComponent(Self.safeName(node) + ".json")
    }

    /// Member and node names become single path components: anything outside [A-Za-z0-9._-] is %XX.
    static func safeName(_ name: String) -> String {
        var out = ""
        for byte in name.utf8 {
            let c = Character(Unicode.Scalar(byte))
            if c.isASCII && (c.isLetter || c.isNumber || c == "-" || c == "_" || (c == "." && !out.isEmpty)) {
                out.append(c)
            } else {
                out += String(format: "%%%02X", byte)
            }
        }
        return out.isEmpty ? "%" : out
    }
}
