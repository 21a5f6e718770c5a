import Foundation
import Metrics
import Pipeline
import Spec

extension Experiment {
    /// Writes `runs/<id>/`: run.json (RunRecord), plan.txt, log.txt and, when the report stage
    /// succeeded, copies of its report files.
    func record(_ member: ExperimentMember, plan: Plan, summary: Pipeline.RunSummary,
                logs: [String: [String]], finished: Date) -> MemberOutcome {
        let store = RunStore(root: runsRoot)
        let directory = store.directory(for: member.runID)
        let keys = member.provenance.stageKeys
        let failure = firstFailure(keys: keys, summary: summary)
        var reportPath: URL?
        var copyProblem: String?
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let planLines = keys.compactMap { stage, key in
                plan.items.first { $0.key == key }.map { "\(stage.padding(toLength: 10, withPad: " ", startingAt: 0)) \($0.explanation)" }
            }
            try (planLines.joined(separator: "\n") + "\n").write(to: directory.appendingPathComponent("plan.txt"), atomically: true, encoding: .utf8)
            let logLines = keys.flatMap { logs[$0.key] ?? ["\($0.stage): \(ExperimentText.outcome(summary.outcome(forKey: $0.key)))"] }
            try (logLines.joined(separator: "\n") + "\n").write(to: directory.appendingPathComponent("log.txt"), atomically: true, encoding: .utf8)
            if failure == nil, let reportKey = keys.last?.key {
                reportPath = try copyReport(from: Runner(runsRoot: runsRoot).cache.entryDirectory(forKey: reportKey), to: directory)
            }
        } catch {
            copyProblem = "cannot write the run folder \(directory.path): \(error)"
        }
        let record = RunRecord(
            id: member.runID, name: member.spec.name, member: member.name, sweepValues: member.spec.sweepValues,
            specFile: member.spec.sourceFile, specText: member.specText,
            started: ExperimentText.timestamp(finished.addingTimeInterval(-summary.seconds)),
            finished: ExperimentText.timestamp(finished),
            status: failure == nil && copyProblem == nil ? .succeeded : .failed, failure: failure ?? copyProblem,
            stageKeys: Dictionary(uniqueKeysWithValues: keys.map { ($0.stage, $0.key) }),
            parameters: member.spec.fields().map { [$0.path, $0.value.description] },
            metrics: failure == nil ? headlineMetrics(evaluateKey: keys.first { $0.stage == EvaluateStage.name }?.key) : [:],
            toolVersion: member.provenance.toolVersion, gitCommit: member.provenance.gitCommit, machine: member.provenance.machine)
        try? store.write(record)
        return MemberOutcome(member: member.name, record: record, runDirectory: directory, reportPath: reportPath)
    }

    /// "train failed: …" for the first of the member's stages that failed or was skipped.
    func firstFailure(keys: [(stage: String, key: String)], summary: Pipeline.RunSummary) -> String? {
        for (stage, key) in keys {
            guard let outcome = summary.outcome(forKey: key) else { continue }
            switch outcome {
            case let .failed(error, _): return "\(stage) failed: \(ExperimentText.oneLine(error))"
            case let .skipped(reason) where reason != .notNeeded: return "\(stage) \(reason)"
            default: continue
            }
        }
        return nil
    }

    func copyReport(from entry: URL, to directory: URL) throws -> URL {
        for name in [EntryFiles.reportHTML, EntryFiles.reportMarkdown, EntryFiles.metricsJSON, EntryFiles.metricsCSV] {
            let target = directory.appendingPathComponent(name)
            try? FileManager.default.removeItem(at: target)
            try FileManager.default.copyItem(at: entry.appendingPathComponent(name), to: target)
        }
        return directory.appendingPathComponent(EntryFiles.reportHTML)
    }

    /// dice.mean, dice.pooled, iou.mean, hd95.median (pixels) from the evaluate entry.
    func headlineMetrics(evaluateKey: String?) -> [String: Double] {
        guard let evaluateKey,
              let result = try? StageFiles.readJSON(EvaluationResult.self, from: Runner(runsRoot: runsRoot).cache
                  .entryDirectory(forKey: evaluateKey).appendingPathComponent(EntryFiles.caseMetrics)),
              let metrics = try? ReportStage.metrics(result) else { return [:] }
        let c = metrics.confusion
        var values = ["dice.mean": metrics.dice.mean, "iou.mean": metrics.iou.mean,
                      "dice.pooled": Metrics.ConfusionCounts(tp: c.truePositive, fp: c.falsePositive, fn: c.falseNegative, tn: c.trueNegative).dice]
        if let hd95 = metrics.hd95Pixels { values["hd95.median"] = hd95.median }
        return values
    }
}
