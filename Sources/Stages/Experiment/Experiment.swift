import Foundation
import Pipeline
import Spec

/// One experiment member as it will run: its spec and its stages' keys. Its run folder (and id) is
/// created when the run starts.
public struct ExperimentMember {
    public let spec: ExperimentSpec
    public let specText: String
    /// (stage, key) in execution order.
    public let stageKeys: [(stage: String, key: String)]

    public var name: String { spec.memberName }
}

/// Every member of one or more spec files in ONE PipelineGraph: ingest → validate → preprocess →
/// train → evaluate → report per member, deduplicated by key, so stages that sweep members share run
/// once. Building it loads and checks every spec (all diagnostics at once) and hashes the data files.
public struct Experiment {
    /// The stage order of the experiment DAG, listed once.
    public static let stageNames = [IngestStage.name, ValidatePairsStage.name, PreprocessStage.name,
                                    TrainStage.name, EvaluateStage.name, ReportStage.name]

    /// A record's stage keys in DAG order; stages it names beyond these follow, sorted.
    public static func orderedKeys(_ keys: [String: String]) -> [(stage: String, key: String)] {
        let known = stageNames.filter { keys[$0] != nil }
        let others = keys.keys.filter { !stageNames.contains($0) }.sorted()
        return (known + others).map { ($0, keys[$0]!) }
    }

    /// One member's stages, each built from its own params struct (which is its key).
    static func nodes(for spec: ExperimentSpec, hashes: FileHashCache, hooks: TrainingHooks) throws -> [StageNode] {
        [try IngestStage.node(.of(spec), hashes: hashes), try ValidatePairsStage.node(.of(spec)),
         try PreprocessStage.node(.of(spec)), try TrainStage.node(.of(spec), hooks: hooks),
         try EvaluateStage.node(.of(spec)), try ReportStage.node()]
    }

    public let members: [ExperimentMember]
    public let graph: PipelineGraph
    public let runsRoot: URL
    /// Where and by what the run is made: recorded in run.json and the run folder's report.
    public let environment: RunEnvironment

    /// Throws `SpecErrors` with the diagnostics of every file when any spec has a problem (nothing is
    /// built then), and `StageError`/`CacheError` when data cannot be listed or hashed.
    public init(specPaths: [String], runsRoot: URL, environment: RunEnvironment, hooks: TrainingHooks = TrainingHooks()) throws {
        var loaded: [(spec: ExperimentSpec, text: String)] = []
        var diagnostics: [SpecDiagnostic] = []
        for path in specPaths {
            do {
                let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
                loaded += try SpecLoader.load(path: path).map { ($0, text) }
            } catch let errors as SpecErrors {
                diagnostics += errors.diagnostics
            }
        }
        guard diagnostics.isEmpty else { throw SpecErrors(diagnostics) }
        self.runsRoot = runsRoot
        let hashes = FileHashCache(runsRoot: runsRoot)
        defer { hashes.save() }
        var graph = PipelineGraph()
        var members: [ExperimentMember] = []
        for (spec, text) in loaded {
            try graph.add(member: spec.memberName, nodes: Experiment.nodes(for: spec, hashes: hashes, hooks: hooks))
            let keys = Experiment.stageNames.compactMap { stage in
                graph.key(member: spec.memberName, node: stage).map { (stage: stage, key: $0) }
            }
            members.append(ExperimentMember(spec: spec, specText: text, stageKeys: keys))
        }
        self.members = members
        self.graph = graph
        self.environment = environment
    }

    /// The cache key of `stage` for `member`.
    public func key(member: ExperimentMember, stage: String) -> String? {
        graph.key(member: member.name, node: stage)
    }

    /// Decides per stage whether it is cached or why it will run; changes nothing on disk.
    public func plan(verifyHashes: Bool = false) -> Plan { Runner(runsRoot: runsRoot, verifyHashes: verifyHashes).plan(graph) }
}

/// Where and by what a run is made: recorded in reports and run.json, never part of a key.
public struct RunEnvironment: Sendable {
    public var toolVersion: String
    public var gitCommit: String?
    public var machine: String
    public var started: Date

    public init(toolVersion: String, gitCommit: String?, machine: String, started: Date = Date()) {
        self.toolVersion = toolVersion; self.gitCommit = gitCommit; self.machine = machine; self.started = started
    }

    /// This machine, and the git commit of the working directory's repository when there is one.
    public static func current(toolVersion: String) -> RunEnvironment {
        RunEnvironment(toolVersion: toolVersion, gitCommit: MachineFacts.gitCommit(), machine: MachineFacts.description())
    }
}
