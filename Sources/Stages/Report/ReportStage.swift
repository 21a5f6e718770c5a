import Foundation
import Pipeline

/// What the report stage reads from the spec: nothing. Its summary is made from its inputs' entries
/// alone; what a report also shows of the spec (its text, its parameters) and of the run (id, machine,
/// commit, tool version) comes from the run record when the run folder is written, never from the cache.
struct ReportParams: Encodable {}

/// Summarises a member's evaluation and training into `summary.json` (`RunContent`) and keeps the
/// overlays beside it, from the evaluate, train and ingest entries, and the masks validate flagged
/// (with the mean Dice without them) from the validate entry. The run folder's report.html,
/// report.md, metrics.json and metrics.csv are rendered from this entry and the run's own record.
enum ReportStage {
    static let name = "report"
    /// 2: the entry holds the summary, not rendered pages (which named the run that first made them).
    /// The key also changed when validate became an input (suspect masks), without a version bump.
    static let codeVersion = 2
    static let overlayFolder = "overlays"

    static func node() throws -> StageNode {
        try StageNode(id: name, stage: name, codeVersion: codeVersion, params: ReportParams(),
                      inputs: ["evaluate": .node(EvaluateStage.name), "train": .node(TrainStage.name),
                               "ingest": .node(IngestStage.name), "validate": .node(ValidatePairsStage.name)]) { _, context in
            try run(context)
        }
    }

    static func run(_ context: StageContext) throws {
        let evaluate = try context.inputDirectory("evaluate")
        let result = try StageFiles.readJSON(EvaluationResult.self, from: evaluate.appendingPathComponent(EntryFiles.caseMetrics))
        let history = try StageFiles.readJSON([EpochRecord].self,
                                              from: try context.inputDirectory("train").appendingPathComponent(EntryFiles.history))
        let manifest = try context.inputDirectory("ingest").appendingPathComponent(EntryFiles.manifest)
        let overlays = try copyOverlays(from: evaluate.appendingPathComponent(EvaluateStage.overlayFolder),
                                        to: context.outputDirectory.appendingPathComponent(overlayFolder),
                                        resolution: result.resolution)
        let suspects = try suspectMasks(validateEntry: try context.inputDirectory("validate"),
                                        evaluated: Set(result.cases.map(\.caseID)), into: context.outputDirectory)
        let flagged = Set((suspects ?? []).map(\.caseID))
        var content = RunContent(metrics: try RunMetrics(cases: result.cases, flaggedIDs: flagged), curve: history,
                                 dataManifestSHA256: try ContentHash.sha256Hex(ofFile: manifest),
                                 resolution: result.resolution, overlays: overlays, suspectMasks: suspects)
        let volumeFile = evaluate.appendingPathComponent(EntryFiles.volumeMetrics)
        if FileManager.default.fileExists(atPath: volumeFile.path) {
            content.volumes = try VolumeMetrics(try StageFiles.readJSON(VolumeEvaluation.self, from: volumeFile))
        }
        try StageFiles.writeJSON(content, to: context.outputDirectory.appendingPathComponent(EntryFiles.summary))
        context.log("summary of \(result.cases.count) cases written")
    }

    /// The evaluate stage's overlay PNGs, worst cases first (their file names sort that way), copied
    /// into the entry so a report needs only this entry.
    static func copyOverlays(from folder: URL, to target: URL, resolution: String) throws -> [RunContent.Overlay] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".png") }
        let ordered = names.filter { $0.hasPrefix("worst-") }.sorted() + names.filter { $0.hasPrefix("sample-") }.sorted()
        try FileIO.createDirectory(target)
        return try ordered.map { name in
            try FileIO.write(FileIO.readAll(folder.appendingPathComponent(name)), to: target.appendingPathComponent(name))
            let parts = (name as NSString).deletingPathExtension.split(separator: "-", maxSplits: 2).map(String.init)
            let role: OverlayImage.Role = parts[0] == "worst" ? .worst : .sample
            let caption = (role == .worst ? "lowest Dice #\(parts[1])" : "sample") + " · image | truth | prediction, \(resolution)"
            return RunContent.Overlay(file: overlayFolder + "/" + name, caseID: parts.count > 2 ? parts[2] : name,
                                      role: role, caption: caption)
        }
    }
}
