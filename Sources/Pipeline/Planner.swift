/// Decides for each stage whether it is cached or why it will run, reading the cache and run index
/// only (planning changes nothing on disk).
public struct Planner {
    /// Changed inputs listed one by one before the rest are summarised as a count.
    public static let listedInputChanges = 5
    public let cache: StageCache
    public let index: RunIndex
    /// Also compare every output's SHA-256 with its record (`--verify`), not only its size.
    public let verifyHashes: Bool

    public init(cache: StageCache, index: RunIndex, verifyHashes: Bool = false) {
        self.cache = cache
        self.index = index
        self.verifyHashes = verifyHashes
    }

    /// A stage with a valid entry is cached whatever its dependencies' state; every other stage runs.
    /// "Cached" is a promise that the entry is there and intact, so a missing entry is rebuilt even when
    /// every stage after it is cached (the run's record names it, and predict or a comparison reads it).
    public func plan(_ graph: PipelineGraph) -> Plan {
        var willRun: [String: String] = [:]   // key → stage name, of stages that will run
        var items: [PlanItem] = []
        for stage in graph.stages {
            let decision = decide(stage, state: cache.inspect(key: stage.key, verifyingHashes: verifyHashes), willRun: willRun)
            if decision.willRun { willRun[stage.key] = stage.stage }
            items.append(PlanItem(key: stage.key, stage: stage.stage, uses: stage.uses, decision: decision))
        }
        return Plan(items: items)
    }

    private func decide(_ stage: ResolvedStage, state: StageCache.EntryState, willRun: [String: String]) -> PlanDecision {
        var reasons: [RunReason] = []
        switch state {
        case .valid: return .cached(key: stage.key)
        case let .corrupt(reason): reasons.append(.corruptEntry(reason: reason))
        case .absent: break
        }
        var changes: [RunReason] = []
        for use in stage.uses {
            guard let record = index.record(member: use.member, node: use.node), record.key != stage.key else { continue }
            for change in differences(from: record.identity, to: stage, willRun: willRun) where !changes.contains(change) {
                changes.append(change)
            }
        }
        for (_, key) in stage.dependencies.sorted(by: { $0.key < $1.key }) {
            if let name = willRun[key], !reasons.contains(.dependsOn(stage: name)) { reasons.append(.dependsOn(stage: name)) }
        }
        // Local changes first: they are the more specific explanation.
        reasons = changes + reasons
        if reasons.isEmpty { reasons = [.noCacheEntry] }
        return .run(reasons: reasons)
    }

    /// What differs between the last completed description and this one. Inputs fed by a stage that
    /// will run are not listed: `depends on <stage>` already explains them.
    func differences(from old: StageKey, to stage: ResolvedStage, willRun: [String: String]) -> [RunReason] {
        let new = stage.identity
        var reasons: [RunReason] = []
        if old.codeVersion != new.codeVersion {
            reasons.append(.codeVersionChanged(old: old.codeVersion, new: new.codeVersion))
        }
        for path in Set(old.params.keys).union(new.params.keys).sorted() where old.params[path] != new.params[path] {
            reasons.append(.paramChanged(path: path, old: old.params[path], new: new.params[path]))
        }
        let changedInputs = Set(old.inputs.keys).union(new.inputs.keys).sorted()
            .filter { old.inputs[$0] != new.inputs[$0] && !(stage.dependencies[$0].map { willRun[$0] != nil } ?? false) }
        for name in changedInputs.prefix(Planner.listedInputChanges) { reasons.append(.inputChanged(name: name)) }
        if changedInputs.count > Planner.listedInputChanges {
            reasons.append(.moreInputsChanged(count: changedInputs.count - Planner.listedInputChanges))
        }
        return reasons
    }
}
