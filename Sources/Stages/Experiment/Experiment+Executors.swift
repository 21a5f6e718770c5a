import Foundation
import Pipeline
import Spec

/// Running an experiment on an `Executor` (local child processes, Slurm), and the other end: one
/// stage, by key, inside a job (`pipeline exec-stage`). The graph is rebuilt from the same spec files
/// in every job; building it is deterministic, so each job finds the keys the submitter planned.
extension Experiment {
    /// The spec files the members came from, absolute, in order, each once.
    public var specFiles: [String] {
        members.map(\.spec.sourceFile).reduce(into: [String]()) { files, file in if !files.contains(file) { files.append(file) } }
    }

    /// "train · sweep/lr=0.001" for a stage of one member, "preprocess" for one all members share.
    public func label(_ stage: ResolvedStage) -> String { displayName(stage) }

    /// A job's name: the stage and its member, or the experiment for a stage members share
    /// ("train · sweep/lr=0.001", "preprocess · sweep").
    func jobName(_ stage: ResolvedStage) -> String {
        if stage.uses.count == 1 { return "\(stage.stage) · \(stage.uses[0].member)" }
        let names = stage.uses.compactMap { use in members.first { $0.name == use.member }?.spec.name }
        return "\(stage.stage) · " + names.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }.joined(separator: "+")
    }

    /// `exec-stage --runs-dir R --key K [--cpus 0,2] SPEC…`: the arguments of the job that produces
    /// `stage`, for the `pipeline` binary. (A job needs no run id: cached entries hold no run facts.)
    public func jobArguments(for stage: ResolvedStage, cpus: [Int]? = nil) -> [String] {
        var arguments = ["exec-stage", "--runs-dir", runsRoot.absoluteURL.standardizedFileURL.path, "--key", stage.key]
        if let cpus { arguments += ["--cpus", cpus.map(String.init).joined(separator: ",")] }
        return arguments + specFiles
    }

    /// Runs what is not cached on `executor`, then (unless detached) writes `runs/<id>/` for every
    /// member, as `run(failFast:reporter:warn:)` does: unless detached, each member's folder and a
    /// `running` record are made before anything is placed. Each stage's log lines in log.txt are its
    /// job's log. `events` sees every job event as it happens (submissions, starts, log lines).
    public func run(on executor: Executor, options: ExecutorRunOptions, reporter: ProgressReporter? = nil,
                    events: (JobEvent) -> Void = { _ in }) throws -> (result: ExperimentResult?, jobs: ExecutorRunResult) {
        let folderLock = RunsFolderLock(runsRoot: runsRoot)
        try folderLock.acquireShared()
        defer { folderLock.release() }
        let store = RunStore(root: runsRoot)
        let folders = options.detach ? [] : try members.map { member -> RunFolder in
            let folder = try store.reserve(member: member.name, started: environment.started)
            try store.write(startRecord(member, id: folder.id, started: Date()))
            return folder
        }
        defer { folders.forEach { $0.release() } }
        let runner = Runner(runsRoot: runsRoot)
        let plan = runner.plan(graph)
        var options = options
        options.label = { self.displayName($0) }
        options.jobName = { self.jobName($0) }
        var logs: [String: [String]] = [:]
        let jobs = runner.run(graph, executor: executor, options: options) { event in
            switch event {
            case let .submitted(stage, job, earlier):
                logs[stage.key, default: []].append("\(stage.stage): \(earlier ? "following" : "submitted as") \(job) (log \(job.log.path))")
            case let .started(stage, job):
                logs[stage.key, default: []].append("\(stage.stage): \(job) started")
            case let .log(stage, line):
                logs[stage.key, default: []].append(line.hasPrefix("\(stage.stage): ") ? line : "\(stage.stage): \(line)")
            case let .finished(stage, outcome, job):
                if let job, case .skipped = outcome { logs[stage.key, default: []].append("\(stage.stage): \(job) cancelled") }
                logs[stage.key, default: []].append("\(stage.stage): \(ExperimentText.outcome(outcome))")
                reporter?.stage(displayName(stage), ExperimentText.status(outcome, key: stage.key))
            }
            events(event)
        }
        guard !jobs.detached else { return (nil, jobs) }
        let finished = Date()
        let outcomes = zip(members, folders).map { record($0, id: $1.id, plan: plan, summary: jobs.summary, logs: logs, finished: finished) }
        return (ExperimentResult(plan: plan, summary: jobs.summary, members: outcomes), jobs)
    }

    /// Inside a job: produces the stage with `key` into the cache (per-key lock, atomic rename, resume
    /// from runs/work/<key>/). Its inputs must be in the cache already: their jobs ran first.
    /// Training's epoch lines go to `log` as they end.
    public func produceStage(key: String, log: @escaping (String) -> Void) throws -> ProduceResult {
        guard let stage = graph.stage(forKey: key) else { throw ExecutorStageError.unknownKey(key: key, specs: specFiles) }
        let cache = StageCache(root: runsRoot)
        var inputs: [String: URL] = [:]
        for (name, inputKey) in stage.dependencies {
            guard case .valid = cache.inspect(key: inputKey) else {
                throw ExecutorStageError.missingInput(stage: stage.stage, input: name, key: inputKey)
            }
            inputs[name] = cache.entryDirectory(forKey: inputKey)
        }
        let folderLock = RunsFolderLock(runsRoot: runsRoot)
        try folderLock.acquireShared()
        defer { folderLock.release() }
        return try cache.produce(stage, inputDirectories: inputs, log: { log("\(stage.stage): \($0)") },
                                 progress: { if let epoch = $0 as? EpochSummary { log("  " + epoch.line) } }, warn: { log("warning: \($0)") }, willRun: { log("\(stage.stage): running \(stage.shortKey)…") })
    }
}

/// Why a job could not produce its stage.
public enum ExecutorStageError: Error, Equatable, CustomStringConvertible {
    case unknownKey(key: String, specs: [String])
    case missingInput(stage: String, input: String, key: String)

    public var description: String {
        switch self {
        case let .unknownKey(key, specs):
            return "no stage of \(specs.joined(separator: ", ")) has key \(key.prefix(12)); the spec files or the data changed "
                + "after the job was submitted: run `pipeline run` again to submit jobs for the current keys"
        case let .missingInput(stage, input, key):
            return "\(stage) needs \(input) (\(key.prefix(12))), which is not in the cache; its job must succeed first "
                + "(run `pipeline run` again to resubmit it)"
        }
    }
}
