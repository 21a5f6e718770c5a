import Foundation
import Pipeline
import Spec
import Stages

// `pipeline run` on an executor (local child processes or Slurm), and the job's side of it,
// `pipeline exec-stage`. A run in this process (the default) stays `Actions.run`.
extension Actions {
    /// `pipeline run` wherever the flags and the specs' `executor:` sections place it.
    static func runAnywhere(_ request: RunRequest) throws {
        let sections = request.specs.compactMap { url in
            (try? SpecLoader.load(path: url.path))?.first.map { (file: url.path, spec: $0.executor) }
        }
        switch try Placement.resolve(request.executor, sections: sections) {
        case .inProcess: try run(request)
        case let .processes(jobs): try runOnExecutor(request, slurm: nil, jobs: jobs, detach: false)
        case let .slurm(settings, detach): try runOnExecutor(request, slurm: settings, jobs: 0, detach: detach)
        }
    }

    static func runOnExecutor(_ request: RunRequest, slurm: SlurmSettings?, jobs: Int, detach: Bool) throws {
        if slurm != nil { try SlurmExecutor.checkAvailable() }
        let experiment = try reportingDiagnostics {
            try Experiment(specPaths: request.specs.map(\.path), runsRoot: request.runsDirectory,
                           environment: .current(toolVersion: ToolVersion.current))
        }
        print(ExperimentText.planSummary(experiment.plan()))
        let submissions = JobSubmissions(runsRoot: request.runsDirectory)
        var submission = submissions.make(for: experiment)
        let folder = submissions.folder(submission.id)
        let binary = try currentExecutable()
        var options = ExecutorRunOptions()
        options.failFast = request.failFast
        options.detach = detach
        // A squeue call costs the controller a little; a finished child costs nothing to notice.
        options.pollInterval = slurm == nil ? 0.1 : 0.5
        let executor: Executor
        if let slurm {
            executor = SlurmExecutor(settings: slurm, jobDirectory: folder) { job in (binary, experiment.jobArguments(for: job.stage)) }
            options.attached = activeJobs(in: submissions)
        } else {
            executor = ProcessExecutor(jobs: jobs, logDirectory: folder) { job, cpus in
                (binary, experiment.jobArguments(for: job.stage, cpus: cpus))
            }
        }
        let interrupt = InterruptSignal.install { print("\ninterrupted: cancelling the jobs this run submitted…"); fflush(stdout) }
        options.interrupted = { interrupt.happened }
        let quiet = request.quiet
        let reporter = ProgressReporter(style: quiet ? .quiet : .plain(everySeconds: 10), stageNames: Experiment.stageNames)
        let (result, placed) = try experiment.run(on: executor, options: options, reporter: reporter) { event in
            if slurm != nil, case let .submitted(stage, job, false) = event {
                submission.jobs.append(JobSubmission.Job(label: experiment.label(stage), stage: stage.stage, handle: job))
                try? submissions.save(submission)
            }
            if !quiet, let line = JobEventText.line(event, label: experiment.label) { say(line) }
        }
        if slurm != nil, !submission.jobs.isEmpty {
            submission.recorded = result != nil
            try? submissions.save(submission)
        }
        guard let result else {
            print("detached: \(placed.jobs.count) Slurm job(s) queued or running; `pipeline status \(submission.id)` "
                  + "follows them and writes the run folders when they are done (Ctrl-C there leaves them running)")
            return
        }
        if interrupt.happened { throw ExecutorError.interrupted(cancelled: interruptedJobs(result.summary)) }
        try finish(result)
    }

    /// Report paths of the members that succeeded; the failed ones in one error, as `run` does.
    static func finish(_ result: ExperimentResult) throws {
        for member in result.members where member.succeeded {
            print("report: \(member.reportPath?.path ?? member.runDirectory.path)  (\(member.member))")
        }
        let failed = result.members.filter { !$0.succeeded }
        guard failed.isEmpty else {
            throw ExperimentFailed(failed: failed.map { ($0.member, $0.record.failure ?? "failed") }, total: result.members.count)
        }
    }

    /// Jobs of earlier submissions of this runs folder still queued or running, by key: a rerun
    /// follows them instead of submitting the same stages again.
    static func activeJobs(in submissions: JobSubmissions) -> [String: JobHandle] {
        let handles = submissions.all().filter { !$0.recorded }.flatMap { $0.jobs.map(\.handle) }
        guard !handles.isEmpty, let states = try? SlurmQueue().states(of: handles.map(\.id)) else { return [:] }
        var active: [String: JobHandle] = [:]
        for handle in handles where states[handle.id].map({ !$0.isFinished }) ?? false { active[handle.key] = handle }
        return active
    }

    static func interruptedJobs(_ summary: Pipeline.RunSummary) -> [String] {
        for (_, outcome) in summary.results {
            if case let .failed(ExecutorError.interrupted(cancelled), _) = outcome { return cancelled }
        }
        return []
    }

    /// This binary, by absolute path: what every job runs.
    static func currentExecutable() throws -> URL {
        let path = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let url = URL(fileURLWithPath: path).standardizedFileURL
        guard FileManager.default.isExecutableFile(atPath: url.path) else {
            throw ExecutorError.cannotStart(what: "jobs", reason: "cannot find this pipeline binary (\(path))")
        }
        return url
    }

    /// A line at once, even when stdout is a file (a job log) or a pipe.
    static func say(_ line: String) {
        print(line)
        fflush(stdout)
    }

    /// `pipeline exec-stage`: one stage, by key, into the cache; its lines go to the job's log.
    static func execStage(_ request: ExecStageRequest) throws {
        if let cpus = request.cpus { try CPUAffinity.restrict(to: cpus) }
        let experiment = try reportingDiagnostics {
            try Experiment(specPaths: request.specs.map(\.path), runsRoot: request.runsDirectory,
                           environment: .current(toolVersion: ToolVersion.current))
        }
        let job = ProcessInfo.processInfo.environment["SLURM_JOB_ID"].map { ", Slurm job \($0)" } ?? ""
        say("pipeline exec-stage \(request.key.prefix(12)) on \(ProcessInfo.processInfo.hostName)\(job)"
            + (request.cpus.map { ", cores \($0.map(String.init).joined(separator: ","))" } ?? ""))
        let started = Date()
        switch try experiment.produceStage(key: request.key, log: say) {
        case .hit: say("cached: \(request.key.prefix(12)) was committed by another job")
        case .computed: say("committed \(request.key.prefix(12)) in \(DurationText.format(Date().timeIntervalSince(started)))")
        }
    }
}

/// The lines `pipeline run` prints while it follows jobs (finished stages print through the
/// progress reporter, as in a run in this process).
enum JobEventText {
    static func line(_ event: JobEvent, label: (ResolvedStage) -> String) -> String? {
        switch event {
        case let .submitted(stage, job, earlier):
            return "\(earlier ? "following" : "submitted") \(label(stage))  key \(stage.shortKey)  \(job)"
                + (earlier ? " (submitted earlier)" : "")
        case let .started(stage, job):
            return "▶ \(label(stage))  running (\(job))"
        case let .log(stage, line):
            let text = line.trimmingCharacters(in: .whitespaces)
            return text.hasPrefix("epoch ") || text.hasPrefix("warning: ") ? "  \(label(stage)): \(text)" : nil
        case let .finished(stage, .skipped(reason), job?):
            return "  \(label(stage)): \(job) cancelled, not run"
        case .finished:
            return nil
        }
    }
}
