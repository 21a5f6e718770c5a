import Foundation
import NN
import Pipeline
import Spec

/// A finished run's trained model together with the settings it was trained and evaluated with:
/// what `pipeline predict --model RUN` needs. Read only from run.json (whose spec text is read back
/// into the typed spec the run used) and the train cache entry.
public struct TrainedRun {
    public let record: RunRecord
    /// The member's spec exactly as the run recorded it.
    public let spec: ExperimentSpec
    public let model: UNet
    /// Where the model was read from (runs/cache/<k>/<key>/model.safetensors).
    public let modelFile: URL

    /// Finds the run by id or unique id prefix (or a path to its folder) and loads its model.
    public static func load(_ idOrFolder: String, runsRoot: URL) throws -> TrainedRun {
        let store = RunStore(root: runsRoot)
        let record = try findRecord(idOrFolder, store: store)
        let spec = try recordedSpec(record)
        guard let trainKey = record.stageKeys["train"] else {
            throw PredictError.noModel(runID: record.id, reason: record.failure.map { "the run failed before training: \($0)" }
                                       ?? "its run.json names no train stage")
        }
        let file = StageCache(root: runsRoot).entryDirectory(forKey: trainKey).appendingPathComponent(EntryFiles.model)
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw PredictError.noModel(runID: record.id, reason: "\(file.path) is missing (removed by 'pipeline gc' or never written); "
                                       + "re-run the run's spec to recreate it")
        }
        let model: UNet
        do { model = try UNet(checkpoint: [UInt8](data)) } catch {
            throw PredictError.unreadableModel(path: file.path, reason: "\(error)")
        }
        return TrainedRun(record: record, spec: spec, model: model, modelFile: file)
    }

    /// The run's member spec, parsed from the spec text its run.json holds (data folders are not
    /// checked: they may have moved since, and predict reads none of them).
    static func recordedSpec(_ record: RunRecord) throws -> ExperimentSpec {
        let members: [ExperimentSpec]
        do {
            members = try SpecLoader.parse(yaml: record.specText, file: record.specFile, checkingFolders: false)
        } catch {
            throw PredictError.unreadableRecordedSpec(runID: record.id, reason: ExperimentText.oneLine(error))
        }
        guard let spec = members.first(where: { $0.memberName == record.member }) else {
            throw PredictError.unreadableRecordedSpec(runID: record.id, reason: "it has no member named '\(record.member)'")
        }
        return spec
    }

    /// An id, an id prefix, or a run folder path (`runs/baseline-20250501-101500/`).
    static func findRecord(_ idOrFolder: String, store: RunStore) throws -> RunRecord {
        let folder = URL(fileURLWithPath: idOrFolder)
        let recordFile = folder.appendingPathComponent(RunStore.recordFileName)
        if idOrFolder.contains("/"), FileManager.default.fileExists(atPath: recordFile.path) {
            do {
                return try JSONDecoder().decode(RunRecord.self, from: Data(contentsOf: recordFile))
            } catch {
                throw PredictError.unreadableRecord(path: recordFile.path, reason: "\(error)")
            }
        }
        return try store.find(idOrFolder)
    }

    /// The run's evaluate settings (threshold, post-processing, TTA) with the caller's overrides.
    public func segmenter(largestComponents: Int? = nil, fillHoles: Bool = false, flipTTA: Bool? = nil) -> Segmenter {
        var settings = spec.evaluate
        settings.largestComponents = largestComponents ?? settings.largestComponents
        settings.fillHoles = fillHoles || settings.fillHoles
        if let flipTTA { settings.tta = flipTTA ? .flip : TTAKind.none }
        return Segmenter(model: model, evaluate: settings)
    }

    /// The run's preprocessing (intensity, then resize to the model's input size).
    public var preprocessor: Preprocessor {
        PreprocessParams.of(spec).preprocessor
    }
}

/// Why `pipeline predict` cannot go on; each message names the run or file and what to do.
public enum PredictError: Error, Equatable, CustomStringConvertible {
    case noModel(runID: String, reason: String)
    case unreadableModel(path: String, reason: String)
    case unreadableRecord(path: String, reason: String)
    case unreadableRecordedSpec(runID: String, reason: String)
    case duplicateStem(String, inputs: [String])
    case wouldOverwriteInput(String)

    public var description: String {
        switch self {
        case let .noModel(runID, reason):
            return "run \(runID) has no trained model: \(reason)"
        case let .unreadableModel(path, reason):
            return "\(path): not a readable model checkpoint (\(reason)); re-run the spec to retrain it"
        case let .unreadableRecord(path, reason):
            return "\(path): not a readable run record (\(reason))"
        case let .unreadableRecordedSpec(runID, reason):
            return "run \(runID): the spec text in its run.json cannot be read back (\(reason)); re-run its spec to record it again"
        case let .duplicateStem(stem, inputs):
            return "inputs \(inputs.joined(separator: " and ")) would both write mask \(stem).png; "
                + "rename one or predict them into different --out folders"
        case let .wouldOverwriteInput(path):
            return "writing the mask \(path) would overwrite an input image; choose another --out folder"
        }
    }
}
