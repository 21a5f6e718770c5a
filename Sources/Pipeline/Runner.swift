import Foundation

/// Executes a graph in order (dependencies first), one stage at a time: stages parallelise inside
/// themselves. Cached stages are not run. A failed stage skips its dependents; other stages go on,
/// unless `failFast`, which stops at the first failure.
public struct Runner {
    public let cache: StageCache
    public let index: RunIndex
    /// A hit also checks every output's SHA-256 (`--verify`); otherwise only that each exists with its size.
    public let verifyHashes: Bool

    /// Both under one runs/ folder.
    public init(runsRoot: URL, verifyHashes: Bool = false) {
        cache = StageCache(root: runsRoot)
        index = RunIndex(runsRoot: runsRoot)
        self.verifyHashes = verifyHashes
    }

    public func plan(_ graph: PipelineGraph) -> Plan {
        Planner(cache: cache, index: index, verifyHashes: verifyHashes).plan(graph)
    }

    /// Every stage is produced in order (a hit costs a cheap check); nothing needs a plan here, so the
    /// caller's plan, made once, is only for showing.
    public func run(_ graph: PipelineGraph, failFast: Bool = false,
                    progress: (RunEvent) -> Void = { _ in }) -> RunSummary {
        let started = Date()
        var results: [(stage: ResolvedStage, outcome: StageOutcome)] = []
        var unusable: [String: String] = [:]   // key → stage name, of stages that failed or were skipped
        var firstFailure: String?
        for stage in graph.stages {
            let outcome: StageOutcome
            if let failed = firstFailure, failFast {
                outcome = .skipped(.stoppedAfterFailure(stage: failed))
            } else if let blocked = stage.dependencies.values.sorted().compactMap({ unusable[$0] }).first {
                outcome = .skipped(.dependencyFailed(stage: blocked))
            } else {
                outcome = execute(stage, graph: graph, progress: progress)
            }
            if !outcome.succeeded {
                unusable[stage.key] = stage.stage
                if case .failed = outcome, firstFailure == nil { firstFailure = stage.stage }
            }
            if case .skipped = outcome { progress(.finished(stage, outcome)) }
            results.append((stage, outcome))
        }
        return RunSummary(results: results, seconds: Date().timeIntervalSince(started))
    }

    private func execute(_ stage: ResolvedStage, graph: PipelineGraph, progress: (RunEvent) -> Void) -> StageOutcome {
        let started = Date()
        let inputs = stage.dependencies.mapValues { cache.entryDirectory(forKey: $0) }
        var outcome: StageOutcome
        do {
            let result = try withoutActuallyEscaping(progress) { progress -> ProduceResult in
                try cache.produce(stage, inputDirectories: inputs, verifyingHashes: verifyHashes, log: { progress(.log(stage, $0)) },
                                  progress: { progress(.progress(stage, $0)) }, warn: { progress(.warning($0)) }, willRun: { progress(.started(stage)) })
            }
            switch result {
            case .hit: outcome = .cached
            case .computed: outcome = .ran(seconds: Date().timeIntervalSince(started))
            }
            for use in stage.uses {
                try index.update(member: use.member, node: use.node, stage: stage, graph: graph)
            }
        } catch {
            outcome = .failed(error: error, seconds: Date().timeIntervalSince(started))
        }
        progress(.finished(stage, outcome))
        return outcome
    }
}
