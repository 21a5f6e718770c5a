import Foundation
import Pipeline
import Stages

extension Actions {
    /// `pipeline status`: each submitted stage's Slurm state; once every job of a submission has
    /// ended, its run folders are written (as the submitting `pipeline run` would have).
    static func status(_ request: StatusRequest) throws {
        let submissions = JobSubmissions(runsRoot: request.runsDirectory)
        let chosen = try submissions.select(request.ids)
        guard !chosen.isEmpty else {
            print("no Slurm submissions waiting in \(submissions.directory.path); "
                  + "`pipeline run SPEC --executor slurm --detach` makes one (`pipeline status ID` shows a finished one)")
            return
        }
        try SlurmExecutor.checkAvailable()
        var failures: [Error] = []
        for submission in chosen {
            do { try show(submission, in: submissions, runsRoot: request.runsDirectory) } catch { failures.append(error) }
        }
        if let first = failures.first { throw first }
    }

    static func show(_ submission: JobSubmission, in submissions: JobSubmissions, runsRoot: URL) throws {
        let states = try SlurmQueue().states(of: submission.jobs.map(\.handle.id))
        let members = submission.runIDs.count
        print("submission \(submission.id): \(members) member\(members == 1 ? "" : "s"), \(submission.jobs.count) job(s), "
              + "submitted \(submission.created)\(submission.recorded ? ", run folders written" : "")")
        let width = submission.jobs.map(\.label.count).max() ?? 0
        for job in submission.jobs {
            let state = states[job.handle.id]?.description ?? "unknown to Slurm"
            print("  \(job.label.padding(toLength: width, withPad: " ", startingAt: 0))  \(job.handle.key.prefix(12))  "
                  + "\(job.handle)  \(state)")
        }
        let unfinished = submission.jobs.filter { !(states[$0.handle.id]?.isFinished ?? false) }
        guard !submission.recorded else { return }
        guard unfinished.isEmpty else {
            print("  \(unfinished.count) of \(submission.jobs.count) job(s) not finished; run `pipeline status \(submission.id)` again later")
            return
        }
        try record(submission, in: submissions, runsRoot: runsRoot)
    }

    /// Every job has ended: the graph is rebuilt from the submitted spec files, the jobs' outcomes read
    /// back (nothing is submitted), and the run folders written with the ids chosen at submission.
    static func record(_ submission: JobSubmission, in submissions: JobSubmissions, runsRoot: URL) throws {
        let experiment = try reportingDiagnostics {
            try Experiment(specPaths: submission.specFiles, runsRoot: runsRoot,
                           environment: .current(toolVersion: ToolVersion.current))
        }
        let binary = try currentExecutable()
        let executor = SlurmExecutor(settings: SlurmSettings(), jobDirectory: submissions.folder(submission.id)) { job in
            (binary, experiment.jobArguments(for: job.stage))
        }
        var options = ExecutorRunOptions()
        options.submit = false
        options.attached = Dictionary(submission.jobs.map { ($0.handle.key, $0.handle) }) { first, _ in first }
        let reporter = ProgressReporter(style: .plain(everySeconds: 10), stageNames: Experiment.stageNames)
        let (result, _) = try experiment.run(on: executor, options: options, reporter: reporter)
        var done = submission
        done.recorded = true
        for member in result?.members ?? [] { done.runIDs[member.member] = member.record.id }
        try submissions.save(done)
        guard let result else { return }
        for member in result.members { print("run folder: \(member.runDirectory.path)  (\(member.member))") }
        try finish(result)
    }
}
