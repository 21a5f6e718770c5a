import Foundation
import Pipeline
import Spec

/// What one member's run left behind.
public struct MemberOutcome {
    public let member: String
    public let record: RunRecord
    /// `runs/<id>/`, holding run.json, plan.txt, log.txt and (on success) the report files.
    public let runDirectory: URL
    /// `runs/<id>/report.html`, when the report stage succeeded.
    public let reportPath: URL?
    public var succeeded: Bool { record.status == .succeeded }
}

/// The result of running an experiment: the engine's outcome per stage and one run folder per member.
public struct ExperimentResult {
    public let plan: Plan
    public let summary: Pipeline.RunSummary
    public let members: [MemberOutcome]
    public var succeeded: Bool { members.allSatisfy(\.succeeded) }
    public var stagesRun: Int { summary.ranCount }
}

extension Experiment {
    /// Runs every stage that is not cached (dependencies first; a failed stage skips its dependents,
    /// other members go on unless `failFast`), then writes `runs/<id>/` for every member. `plan` is
    /// the plan the caller showed (made here when nil), so one run decides once. Training progress
    /// goes to `reporter`; warnings (dropped pairs, corrupt cache entries) to `warn` as they happen.
    /// Each member's run folder is created and its record written (status `running`) before any stage
    /// runs, so a killed run is listed as interrupted and gc keeps what it needs. Throws only when the
    /// runs folder cannot be locked or a run folder cannot be created (then nothing ran).
    public func run(plan: Plan? = nil, failFast: Bool = false, verifyHashes: Bool = false, reporter: ProgressReporter? = nil,
                    warn: (String) -> Void = { _ in }) throws -> ExperimentResult {
        // Held shared until the run records are written, so `pipeline gc` cannot delete fresh entries.
        let folderLock = RunsFolderLock(runsRoot: runsRoot)
        try folderLock.acquireShared()
        defer { folderLock.release() }
        let store = RunStore(root: runsRoot)
        let started = Date()
        let folders = try members.map { member -> RunFolder in
            let folder = try store.reserve(member: member.name, started: environment.started)
            try store.write(startRecord(member, id: folder.id, started: started))
            return folder
        }
        defer { folders.forEach { $0.release() } }
        let runner = Runner(runsRoot: runsRoot, verifyHashes: verifyHashes)
        let plan = plan ?? runner.plan(graph)
        var logs: [String: [String]] = [:]   // stage key → lines
        let summary = runner.run(graph, failFast: failFast) { event in
            switch event {
            case let .started(stage):
                logs[stage.key, default: []].append("\(stage.stage): started")
            case let .log(stage, line):
                logs[stage.key, default: []].append("\(stage.stage): \(line)")
                if line.hasPrefix("warning: ") { warn("\(displayName(stage)): \(line.dropFirst(9))") }
            case let .progress(_, progress):
                reporter?.show(progress)
            case let .warning(warning):
                warn(warning.description)
            case let .finished(stage, outcome):
                logs[stage.key, default: []].append("\(stage.stage): \(ExperimentText.outcome(outcome))")
                reporter?.stage(displayName(stage), ExperimentText.status(outcome, key: stage.key))
            }
        }
        let finished = Date()
        let outcomes = zip(members, folders).map { member, folder in
            record(member, id: folder.id, plan: plan, summary: summary, logs: logs, finished: finished)
        }
        return ExperimentResult(plan: plan, summary: summary, members: outcomes)
    }

    /// The stage name, with the member when the graph holds several and the stage is not shared by all.
    func displayName(_ stage: ResolvedStage) -> String {
        guard members.count > 1 else { return stage.stage }
        if stage.uses.count == members.count { return stage.stage }
        if stage.uses.count == 1 { return "\(stage.stage) · \(stage.uses[0].member)" }
        return "\(stage.stage) ×\(stage.uses.count)"
    }
}
