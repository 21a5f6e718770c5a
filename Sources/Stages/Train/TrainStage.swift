import Foundation
import Imaging
import NN
import Pipeline
import Spec

/// Trains the U-Net on the preprocessed cases. Outputs `model.safetensors` (weights only),
/// `history.json` (one record per epoch) and `split.json`. Checkpoints after every epoch into the
/// stage's work folder, so a rerun after a kill resumes from the last completed epoch.
enum TrainStage {
    static let name = "train"
    /// 2: batch norm's moments in one pass about a shift (models with batch norm differ in the last bits
    /// from version 1's, so entries of the two are not mixed).
    static let codeVersion = 2

    static func node(_ params: TrainParams, hooks: TrainingHooks) throws -> StageNode {
        try StageNode(id: name, stage: name, codeVersion: codeVersion, params: params,
                      inputs: ["preprocess": .node(PreprocessStage.name)]) { params, context in
            try run(params, hooks: hooks, context: context)
        }
    }

    static func run(_ params: TrainParams, hooks: TrainingHooks, context: StageContext) throws {
        let data = try PreprocessedData.read(from: try context.inputDirectory("preprocess"))
        let split = try TrainingSplit.make(ids: data.cases.map(\.id), groups: data.cases.map(\.group),
                                          spec: params.split.split, seed: params.splitSeed)
        context.log("\(split.train.count) training, \(split.validation.count) validation cases")
        func makeTrainer() throws -> Trainer {
            try Trainer(data: data, split: split, params: params, hooks: hooks, progress: context.progress)
        }
        var trainer = try makeTrainer()
        var history: [EpochRecord] = []
        do {
            history = try TrainingCheckpoint.resume(model: trainer.model, optimizer: trainer.optimizer, work: context.workDirectory)
            if !history.isEmpty { context.log("resuming after epoch \(history.count) of \(params.train.epochs)") }
        } catch {
            context.log("warning: cannot resume from \(context.workDirectory.path) (\(error)); training from the start")
            TrainingCheckpoint.discard(work: context.workDirectory)
            trainer = try makeTrainer()
        }
        history = try trainer.train(resumingAfter: history, work: context.workDirectory)
        let out = context.outputDirectory
        try FileIO.write(trainer.model.checkpoint(), to: out.appendingPathComponent(EntryFiles.model))
        try StageFiles.writeJSON(history, to: out.appendingPathComponent(EntryFiles.history))
        try StageFiles.writeJSON(split, to: out.appendingPathComponent(EntryFiles.split))
    }

    static func lossKind(_ loss: Spec.LossKind) -> NN.LossKind {
        switch loss {
        case .bce: return .bce
        case .dice: return .dice
        case .bceDice: return .bceDice
        }
    }

    /// Cosine decays to 0 over all updates of the run; step multiplies every `stepSize` epochs.
    static func schedule(_ train: TrainSpec, batchesPerEpoch: Int) -> LearningRateSchedule {
        switch train.schedule {
        case .constant: return .constant
        case .cosine: return .cosine(totalSteps: train.epochs * batchesPerEpoch, minimum: 0)
        case let .step(stepSize, gamma): return .step(every: stepSize * batchesPerEpoch, gamma: Float(gamma))
        }
    }

    /// Rotation and zoom are each applied with `augment.probability`, when they can change anything.
    static func augmentation(_ a: AugmentSpec) -> AugmentationParams {
        AugmentationParams(horizontalFlipProbability: a.flipHorizontal, verticalFlipProbability: a.flipVertical,
                           rotationProbability: a.rotation > 0 ? a.probability : 0,
                           rotationDegrees: -a.rotation...a.rotation,
                           zoomProbability: a.zoom != (1, 1) ? a.probability : 0,
                           zoomRange: a.zoom.lo...a.zoom.hi)
    }
}
