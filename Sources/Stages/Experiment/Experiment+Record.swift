import Foundation
import Pipeline
import Spec

extension Experiment {
    /// Writes `runs/<id>/`: plan.txt, log.txt and, when every stage succeeded, report.html, report.md,
    /// metrics.json and metrics.csv rendered from the report entry with this run's own facts; run.json
    /// (RunRecord) last, so a folder with a finished record is complete. A folder that cannot be written
    /// makes the member fail with the reason; it is never silently left half-written.
    func record(_ member: ExperimentMember, id: String, plan: Plan, summary: Pipeline.RunSummary,
                logs: [String: [String]], finished: Date) -> MemberOutcome {
        let store = RunStore(root: runsRoot)
        let directory = store.directory(for: id)
        var record = makeRecord(member, id: id, started: finished.addingTimeInterval(-summary.seconds), finished: finished)
        if let failure = firstFailure(keys: member.stageKeys, summary: summary) {
            (record.status, record.failure) = (.failed, failure)
        }
        var reportPath: URL?
        do {
            try FileIO.createDirectory(directory)
            try FileIO.writeAtomically(planText(member, plan: plan), to: directory.appendingPathComponent("plan.txt"))
            try FileIO.writeAtomically(logText(member, summary: summary, logs: logs), to: directory.appendingPathComponent("log.txt"))
            if record.status == .succeeded, let reportKey = record.stageKeys[ReportStage.name] {
                let run = try RunSummary(record: record, reportEntry: Runner(runsRoot: runsRoot).cache.entryDirectory(forKey: reportKey))
                record.metrics = run.metrics.headline
                reportPath = try ReportFiles.writeRun(run, to: directory).first
            }
        } catch {
            record.status = .failed
            record.failure = "cannot write the run folder \(directory.path): \(ExperimentText.oneLine(error))"
            reportPath = nil
        }
        do { try store.write(record) } catch {
            record.status = .failed
            record.failure = "cannot write \(directory.appendingPathComponent(RunStore.recordFileName).path): \(ExperimentText.oneLine(error))"
        }
        return MemberOutcome(member: member.name, record: record, runDirectory: directory, reportPath: reportPath)
    }

    /// The record written as the run starts: everything but the outcome, so gc keeps its entries and
    /// work folders, and a kill leaves it listed as interrupted.
    func startRecord(_ member: ExperimentMember, id: String, started: Date) -> RunRecord {
        var record = makeRecord(member, id: id, started: started, finished: nil)
        record.status = .running
        return record
    }

    /// The member's record; succeeded unless the caller says otherwise. Metrics are added from the
    /// report entry once it is read.
    func makeRecord(_ member: ExperimentMember, id: String, started: Date, finished: Date?) -> RunRecord {
        RunRecord(
            id: id, name: member.spec.name, member: member.name, sweepValues: member.spec.sweepValues,
            specFile: member.spec.sourceFile, specText: member.specText,
            started: ExperimentText.timestamp(started), finished: finished.map(ExperimentText.timestamp) ?? "",
            status: .succeeded, failure: nil,
            stageKeys: Dictionary(uniqueKeysWithValues: member.stageKeys.map { ($0.stage, $0.key) }),
            parameters: member.spec.fields().map { [$0.path, $0.value.description] }, metrics: [:],
            toolVersion: environment.toolVersion, gitCommit: environment.gitCommit, machine: environment.machine)
    }

    func planText(_ member: ExperimentMember, plan: Plan) -> String {
        member.stageKeys.compactMap { stage, key in
            plan.items.first { $0.key == key }.map { "\(stage.padding(toLength: 10, withPad: " ", startingAt: 0)) \($0.explanation)" }
        }.joined(separator: "\n") + "\n"
    }

    func logText(_ member: ExperimentMember, summary: Pipeline.RunSummary, logs: [String: [String]]) -> String {
        member.stageKeys.flatMap { logs[$0.key] ?? ["\($0.stage): \(ExperimentText.outcome(summary.outcome(forKey: $0.key)))"] }
            .joined(separator: "\n") + "\n"
    }

    /// "train failed: …" for the first of the member's stages that failed or was skipped.
    func firstFailure(keys: [(stage: String, key: String)], summary: Pipeline.RunSummary) -> String? {
        for (stage, key) in keys {
            guard let outcome = summary.outcome(forKey: key) else { continue }
            switch outcome {
            case let .failed(error, _): return "\(stage) failed: \(ExperimentText.oneLine(error))"
            case let .skipped(reason): return "\(stage) \(reason)"
            default: continue
            }
        }
        return nil
    }
}

extension RunMetrics {
    /// dice.mean, dice.pooled, iou.mean, hd95.median (pixels): what run.json and `pipeline runs` show.
    public var headline: [String: Double] {
        var values = ["dice.mean": dice.mean, "iou.mean": iou.mean, "dice.pooled": pooledDice]
        if let hd95Pixels { values["hd95.median"] = hd95Pixels.median }
        return values
    }
}
