import Foundation
import Metrics
import Pipeline
import Spec

/// Facts about the run that produces a report, known only once the graph is built (the keys) or
/// the run starts (its id). A class so the stage closure, created earlier, sees them filled in.
final class ReportProvenance {
    var runID = ""
    var specText = ""
    var stageKeys: [(stage: String, key: String)] = []
    var toolVersion = ""
    var gitCommit: String?
    var machine = ""
}

/// Renders the member's report (Markdown, self-contained HTML, metrics.json/csv) from the evaluate,
/// train and ingest entries. Its key covers the member's name and the spec text it shows, so editing
/// a comment in the spec re-renders the report and nothing else.
enum ReportStage {
    static let name = "report"
    static let codeVersion = 1

    static func node(for spec: ExperimentSpec, specText: String, provenance: ReportProvenance) -> StageNode {
        let params: [String: JSONValue] = ["report.member": .string(spec.memberName),
                                           "report.spec_sha256": .string(ContentHash.sha256Hex(specText))]
        return StageNode(id: name, stage: name, codeVersion: codeVersion, params: params,
                         inputs: ["evaluate": .node(EvaluateStage.name), "train": .node(TrainStage.name),
                                  "ingest": .node(IngestStage.name)]) { context in
            let summary = try makeSummary(spec: spec, provenance: provenance, context: context)
            try ReportFiles.writeRun(summary, to: context.outputDirectory)
            context.log("report written")
        }
    }

    static func makeSummary(spec: ExperimentSpec, provenance: ReportProvenance, context: StageContext) throws -> RunSummary {
        let evaluate = try context.inputDirectory("evaluate")
        let result = try StageFiles.readJSON(EvaluationResult.self, from: evaluate.appendingPathComponent(EntryFiles.caseMetrics))
        let history = try StageFiles.readJSON([EpochRecord].self,
                                              from: try context.inputDirectory("train").appendingPathComponent(EntryFiles.history))
        let manifest = try context.inputDirectory("ingest").appendingPathComponent(EntryFiles.manifest)
        let curve = history.map { CurvePoint(epoch: $0.epoch, trainLoss: $0.trainLoss, validationLoss: $0.validationLoss,
                                             validationDice: $0.validationDice) }
        return RunSummary(
            runID: provenance.runID, name: spec.memberName,
            parameters: spec.fields().map { Parameter(path: $0.path, value: $0.value.description) },
            metrics: try metrics(result), curve: curve,
            provenance: Provenance(specText: provenance.specText, stageKeys: provenance.stageKeys,
                                   dataManifestHash: try ContentHash.sha256Hex(ofFile: manifest),
                                   toolVersion: provenance.toolVersion, gitCommit: provenance.gitCommit,
                                   machine: provenance.machine),
            overlays: try overlays(in: evaluate.appendingPathComponent(EvaluateStage.overlayFolder), resolution: result.resolution))
    }

    /// Per-case scores summarised with the Metrics module's statistics; HD95 over the cases where it
    /// is defined. HD95 is in pixels of the preprocessed slices (the report's "mm" column: see the note).
    static func metrics(_ result: EvaluationResult) throws -> RunMetrics {
        let cases = result.cases
        func summary(_ values: [Double?]) throws -> MetricSummary {
            let s = try SummaryStatistics(values)
            return MetricSummary(mean: s.mean, standardDeviation: s.standardDeviation, median: s.median, count: s.count)
        }
        let defined = cases.compactMap(\.hd95Pixels)
        let pooled = cases.reduce(Metrics.ConfusionCounts.zero) { $0 + Metrics.ConfusionCounts(tp: $1.tp, fp: $1.fp, fn: $1.fn, tn: $1.tn) }
        return RunMetrics(
            cases: cases.map { CaseMetrics(caseID: $0.id, dice: $0.dice, iou: $0.iou, precision: $0.precision,
                                           recall: $0.recall, hd95Pixels: $0.hd95Pixels) },
            dice: try summary(cases.map(\.dice)), iou: try summary(cases.map(\.iou)),
            precision: try summary(cases.map(\.precision)), recall: try summary(cases.map(\.recall)),
            hd95Pixels: defined.isEmpty ? nil : try summary(defined),
            confusion: ConfusionCounts(truePositive: pooled.tp, falsePositive: pooled.fp,
                                       falseNegative: pooled.fn, trueNegative: pooled.tn))
    }

    /// The evaluate stage's overlay PNGs, worst cases first (their file names sort that way).
    static func overlays(in folder: URL, resolution: String) throws -> [OverlayImage] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".png") }
        let ordered = names.filter { $0.hasPrefix("worst-") }.sorted() + names.filter { $0.hasPrefix("sample-") }.sorted()
        return try ordered.map { name in
            let parts = (name as NSString).deletingPathExtension.split(separator: "-", maxSplits: 2).map(String.init)
            let role: OverlayImage.Role = parts[0] == "worst" ? .worst : .sample
            let caption = (role == .worst ? "lowest Dice #\(parts[1])" : "sample") + " · image | truth | prediction, \(resolution)"
            return OverlayImage(caseID: parts.count > 2 ? parts[2] : name, role: role, caption: caption,
                                png: try Data(contentsOf: folder.appendingPathComponent(name)))
        }
    }
}
