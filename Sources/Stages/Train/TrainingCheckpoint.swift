import Foundation
import NN
import Pipeline

/// The train stage's resumable state in its work folder: `epoch-NNNN.safetensors` (model and Adam
/// state after that epoch) and `resume.json` naming it with the history so far. The checkpoint is
/// written before `resume.json` points at it, and older checkpoints are removed only after, so a kill
/// at any moment leaves a consistent pair.
enum TrainingCheckpoint {
    static let resumeFile = "resume.json"

    static func save(model: UNet, optimizer: Adam, history: [EpochRecord], work: URL) throws {
        let name = String(format: "epoch-%04d.safetensors", history.count)
        try FileIO.writeAtomically(model.checkpoint(optimizer: optimizer), to: work.appendingPathComponent(name))
        try StageFiles.writeJSON(ResumeState(completedEpochs: history.count, checkpointFile: name, history: history),
                                 to: work.appendingPathComponent(resumeFile))
        let stale = ((try? FileManager.default.contentsOfDirectory(atPath: work.path)) ?? [])
            .filter { $0.hasPrefix("epoch-") && $0 != name }
        for file in stale { try? FileManager.default.removeItem(at: work.appendingPathComponent(file)) }
    }

    /// Loads the last completed epoch into `model` and `optimizer`; returns its history, or [] when
    /// there is nothing to resume. Throws when a checkpoint exists but cannot be loaded; the caller
    /// then starts over with a fresh model (a half-loaded one must not be trained on).
    static func resume(model: UNet, optimizer: Adam, work: URL) throws -> [EpochRecord] {
        let resumeURL = work.appendingPathComponent(resumeFile)
        guard FileManager.default.fileExists(atPath: resumeURL.path) else { return [] }
        let state = try StageFiles.readJSON(ResumeState.self, from: resumeURL)
        let bytes = try FileIO.readAll(work.appendingPathComponent(state.checkpointFile))
        try model.load(checkpoint: bytes)
        try optimizer.load(checkpoint: bytes, for: model)
        return state.history
    }

    /// Forgets a resume state that could not be loaded.
    static func discard(work: URL) {
        try? FileManager.default.removeItem(at: work.appendingPathComponent(resumeFile))
    }
}
