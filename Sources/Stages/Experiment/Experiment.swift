import Foundation
import Pipeline
import Spec

/// One experiment member as it will run: its spec, its run folder id and its report's provenance.
public struct ExperimentMember {
    public let spec: ExperimentSpec
    public let specText: String
    public let runID: String
    let provenance: ReportProvenance

    public var name: String { spec.memberName }
}

/// Every member of one or more spec files in ONE PipelineGraph: ingest → validate → preprocess →
/// train → evaluate → report per member, deduplicated by key, so stages that sweep members share run
/// once. Building it loads and checks every spec (all diagnostics at once) and hashes the data files.
public struct Experiment {
    public static let stageNames = [IngestStage.name, ValidatePairsStage.name, PreprocessStage.name,
                                    TrainStage.name, EvaluateStage.name, ReportStage.name]

    public let members: [ExperimentMember]
    public let graph: PipelineGraph
    public let runsRoot: URL

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
        var usedIDs = Set<String>()
        for (spec, text) in loaded {
            let provenance = ReportProvenance()
            provenance.runID = RunIDs.make(member: spec.memberName, started: environment.started, runsRoot: runsRoot, taken: &usedIDs)
            provenance.specText = text
            provenance.toolVersion = environment.toolVersion
            provenance.gitCommit = environment.gitCommit
            provenance.machine = environment.machine
            let nodes = [try IngestStage.node(for: spec, hashes: hashes), ValidatePairsStage.node(for: spec),
                         PreprocessStage.node(for: spec), TrainStage.node(for: spec, hooks: hooks),
                         EvaluateStage.node(for: spec), ReportStage.node(for: spec, specText: text, provenance: provenance)]
            try graph.add(member: spec.memberName, nodes: nodes)
            provenance.stageKeys = Experiment.stageNames.compactMap { stage in
                graph.key(member: spec.memberName, node: stage).map { (stage: stage, key: $0) }
            }
            members.append(ExperimentMember(spec: spec, specText: text, runID: provenance.runID, provenance: provenance))
        }
        self.members = members
        self.graph = graph
    }

    /// The cache key of `stage` for `member`.
    public func key(member: ExperimentMember, stage: String) -> String? {
        graph.key(member: member.name, node: stage)
    }

    /// Decides per stage whether it is cached or why it will run; changes nothing on disk.
    public func plan() -> Plan { Runner(runsRoot: runsRoot).plan(graph) }
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
