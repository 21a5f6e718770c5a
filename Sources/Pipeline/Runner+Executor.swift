import Foundation

/// What a run on an executor reports as it goes, in order, from the calling thread.
public enum JobEvent {
    /// `earlier`: the job was placed by an earlier invocation and is followed, not resubmitted.
    case submitted(ResolvedStage, JobHandle, earlier: Bool)
    case started(ResolvedStage, JobHandle)
    /// A new line of a running job's log.
    case log(ResolvedStage, String)
    case finished(ResolvedStage, StageOutcome, JobHandle?)
}

/// How a run on an executor behaves besides its executor.
public struct ExecutorRunOptions {
    /// Stop at the first failure: active jobs are cancelled, nothing more is placed.
    public var failFast = false
    /// Seconds between two `check` calls.
    public var pollInterval = 0.5
    /// Jobs placed by an earlier invocation, by key: followed instead of resubmitted.
    public var attached: [String: JobHandle] = [:]
    /// False: nothing is submitted and only attached jobs are followed (`pipeline status`).
    public var submit = true
    /// Return as soon as every stage that can be placed is placed (`--detach`).
    public var detach = false
    /// Polled while following; true cancels the active jobs (Ctrl-C).
    public var interrupted: () -> Bool = { false }
    /// The stage's name in job names and events, e.g. "train · sweep/lr=0.001".
    public var label: (ResolvedStage) -> String = { $0.stage }
    /// The stage's job name (made file-safe): stage and member, e.g. "train · sweep/lr=0.001".
    public var jobName: ((ResolvedStage) -> String)?

    public init() {}
}

/// What a run on an executor did: the outcome of every stage that reached one (all of them unless
/// detached) and every job it placed or followed, by key.
public struct ExecutorRunResult {
    public let summary: RunSummary
    public let jobs: [String: JobHandle]
    /// Returned after placing, without waiting (`--detach`): stages whose jobs are still queued or
    /// running have no outcome in `summary`.
    public let detached: Bool
}

extension Runner {
    /// Runs what is not cached on `executor`: each stage is placed once its inputs are cached, or,
    /// when the executor orders dependencies itself, once the jobs producing them are placed. A failed
    /// job's dependents are skipped (Slurm cancels those already queued); other members go on unless
    /// `failFast`. Outcomes and the run index are the same as `run(_:failFast:progress:)` gives.
    public func run(_ graph: PipelineGraph, executor: Executor, options: ExecutorRunOptions = ExecutorRunOptions(),
                    events: (JobEvent) -> Void = { _ in }) -> ExecutorRunResult {
        withoutActuallyEscaping(events) { events in
            ExecutorRun(runner: self, graph: graph, executor: executor, options: options, events: events).run()
        }
    }
}

/// The state of one run on an executor; lives for one `Runner.run(_:executor:…)` call.
final class ExecutorRun {
    let runner: Runner
    let graph: PipelineGraph
    let executor: Executor
    let options: ExecutorRunOptions
    let events: (JobEvent) -> Void
    let started = Date()
    var outcomes: [String: StageOutcome] = [:]
    var jobs: [String: JobHandle] = [:]
    var active: [String: JobHandle] = [:]
    var running: [String: Date] = [:]
    var logs: [String: JobLog] = [:]
    var firstFailure: String?
    var toRun: [ResolvedStage] = []

    init(runner: Runner, graph: PipelineGraph, executor: Executor, options: ExecutorRunOptions,
         events: @escaping (JobEvent) -> Void) {
        self.runner = runner; self.graph = graph; self.executor = executor; self.options = options; self.events = events
    }

    func run() -> ExecutorRunResult {
        let plan = runner.plan(graph)
        for (stage, item) in zip(graph.stages, plan.items) {
            switch item.decision {
            case .cached:
                recordIndex(stage)
                // Computed by a job this run follows (`pipeline status`): it ran for this run.
                if let job = options.attached[stage.key], case let .valid(entry) = runner.cache.inspect(key: stage.key) {
                    jobs[stage.key] = job
                    finish(stage, .ran(seconds: entry.durationSeconds), job: job)
                } else {
                    finish(stage, .cached, job: nil)
                }
            case .run: toRun.append(stage)
            }
        }
        var detached = false
        while true {
            if options.interrupted() { interrupt(); break }
            place()
            if options.detach, toRun.allSatisfy({ outcomes[$0.key] != nil || jobs[$0.key] != nil }) { detached = true; break }
            if active.isEmpty { break }
            if !poll() { pause() }
        }
        if !detached { settleUnplaced() }
        let results = graph.stages.compactMap { stage in outcomes[stage.key].map { (stage: stage, outcome: $0) } }
        return ExecutorRunResult(summary: RunSummary(results: results, seconds: Date().timeIntervalSince(started)),
                                 jobs: jobs, detached: detached)
    }

    // MARK: Placing

    /// Places every stage whose inputs are ready (and skips those whose inputs failed), in graph order,
    /// up to the executor's capacity.
    func place() {
        for stage in toRun where outcomes[stage.key] == nil && jobs[stage.key] == nil {
            if let failed = stage.dependencies.values.sorted().first(where: { outcomes[$0].map { !$0.succeeded } ?? false }) {
                finish(stage, .skipped(.dependencyFailed(stage: graph.stage(forKey: failed)?.stage ?? failed)), job: nil)
                continue
            }
            if let failure = firstFailure, options.failFast {
                finish(stage, .skipped(.stoppedAfterFailure(stage: failure)), job: nil)
                continue
            }
            let inputs = stage.dependencies.values.sorted()
            let inputsDone = inputs.allSatisfy { outcomes[$0]?.succeeded ?? false }
            let inputsPlaced = executor.ordersDependencies && inputs.allSatisfy { (outcomes[$0]?.succeeded ?? false) || active[$0] != nil }
            guard inputsDone || inputsPlaced else { continue }
            if let earlier = options.attached[stage.key] {
                adopt(stage, earlier, earlier: true)
                continue
            }
            guard options.submit else {
                fail(stage, ExecutorError.notSubmitted(stage: options.label(stage)), job: nil)
                continue
            }
            if let capacity = executor.capacity, active.count >= capacity { return }
            let after = inputs.compactMap { active[$0] }
            do {
                adopt(stage, try executor.submit(ExecutorJob(stage: stage, label: options.label(stage),
                                                                        name: options.jobName?(stage), after: after)), earlier: false)
            } catch {
                fail(stage, error, job: nil)
            }
        }
    }

    func adopt(_ stage: ResolvedStage, _ job: JobHandle, earlier: Bool) {
        jobs[stage.key] = job
        active[stage.key] = job
        logs[stage.key] = JobLog(url: job.log)
        events(.submitted(stage, job, earlier: earlier))
    }

    // MARK: Following

    /// One `check` of the active jobs; true when anything changed.
    func poll() -> Bool {
        let states: [String: JobState]
        do {
            states = try executor.check(Array(active.values))
        } catch {
            // A failing squeue is usually transient (controller busy); the next poll tries again.
            return false
        }
        var changed = false
        for stage in toRun {
            guard let job = active[stage.key], let state = states[job.id] else { continue }
            if case .running = state, running[stage.key] == nil {
                running[stage.key] = Date()
                events(.started(stage, job))
                changed = true
            }
            forwardLog(stage)
            if state.isFinished {
                active[stage.key] = nil
                conclude(stage, job: job, state: state)
                changed = true
            }
        }
        return changed
    }

    func forwardLog(_ stage: ResolvedStage) {
        for line in logs[stage.key]?.newLines() ?? [] where !line.isEmpty { events(.log(stage, line)) }
    }

    /// The outcome of a finished job. The cache decides success: an entry may also have come from
    /// another job or sweep computing the same key.
    func conclude(_ stage: ResolvedStage, job: JobHandle, state: JobState) {
        if case let .valid(entry) = runner.cache.inspect(key: stage.key) {
            recordIndex(stage)
            finish(stage, .ran(seconds: entry.durationSeconds), job: job)
            return
        }
        if case .cancelled = state,
           let failed = stage.dependencies.values.sorted().first(where: { outcomes[$0].map { !$0.succeeded } ?? false }) {
            finish(stage, .skipped(.dependencyFailed(stage: graph.stage(forKey: failed)?.stage ?? failed)), job: job)
            return
        }
        let message = JobLog.stageError(in: job.log) ?? JobFailed.explanation(of: state)
        fail(stage, JobFailed(job: job, state: state, message: message), job: job)
    }

    func fail(_ stage: ResolvedStage, _ error: Error, job: JobHandle?) {
        let seconds = running[stage.key].map { Date().timeIntervalSince($0) } ?? 0
        if firstFailure == nil { firstFailure = stage.stage }
        finish(stage, .failed(error: error, seconds: seconds), job: job)
        if options.failFast { stopAfterFailure() }
    }

    /// Fail-fast: every active job is cancelled and counted as not run.
    func stopAfterFailure() {
        let cancelled = active
        guard !cancelled.isEmpty else { return }
        executor.cancel(Array(cancelled.values))
        active = [:]
        for stage in toRun where cancelled[stage.key] != nil {
            finish(stage, .skipped(.stoppedAfterFailure(stage: firstFailure ?? stage.stage)), job: cancelled[stage.key])
        }
    }

    /// Ctrl-C: cancels what this run placed and is still active; each becomes a failure saying so.
    func interrupt() {
        let cancelled = active
        executor.cancel(Array(cancelled.values))
        active = [:]
        let error = ExecutorError.interrupted(cancelled: cancelled.values.map(\.description).sorted())
        for stage in toRun where outcomes[stage.key] == nil {
            if let job = cancelled[stage.key] { fail(stage, error, job: job) } else { finish(stage, .failed(error: error, seconds: 0), job: nil) }
        }
    }

    /// Stages never placed (their inputs failed after the last placing pass) are skipped.
    func settleUnplaced() {
        place()
        for stage in toRun where outcomes[stage.key] == nil {
            let failed = stage.dependencies.values.sorted().first { outcomes[$0].map { !$0.succeeded } ?? true }
            finish(stage, .skipped(.dependencyFailed(stage: failed.flatMap { graph.stage(forKey: $0)?.stage } ?? "an input")), job: nil)
        }
    }

    func finish(_ stage: ResolvedStage, _ outcome: StageOutcome, job: JobHandle?) {
        guard outcomes[stage.key] == nil else { return }
        outcomes[stage.key] = outcome
        events(.finished(stage, outcome, job))
    }

    func recordIndex(_ stage: ResolvedStage) {
        for use in stage.uses {
            try? runner.index.update(member: use.member, node: use.node, stage: stage, graph: graph)
        }
    }

    /// Sleeps one poll interval in short steps, so Ctrl-C is answered at once.
    func pause() {
        let until = Date().addingTimeInterval(options.pollInterval)
        while Date() < until, !options.interrupted() { Thread.sleep(forTimeInterval: min(0.05, options.pollInterval)) }
    }
}
