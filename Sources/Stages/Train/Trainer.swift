import Foundation
import Pipeline
import Imaging
import NN
import Randomness
import Spec
import Tensor

/// A seam for tests: called after each checkpointed epoch. Progress goes through the stage context.
public struct TrainingHooks {
    /// Called with the 1-based epoch just checkpointed; throwing stops training there, as a kill would.
    public var afterEpoch: (Int) throws -> Void

    public init(afterEpoch: @escaping (Int) throws -> Void = { _ in }) {
        self.afterEpoch = afterEpoch
    }
}

/// Trains a U-Net on the training cases of a split. Every random choice comes from a stream keyed by
/// (seed, epoch, sample), never from a generator carried across epochs, so resuming from the
/// checkpoint after epoch k replays epochs k+1… exactly as an uninterrupted run would.
final class Trainer {
    let data: PreprocessedData
    let params: TrainParams
    let model: UNet
    let optimizer: Adam
    let augmenter: Augmenter
    let trainIndices: [Int]
    let validationIndices: [Int]
    let hooks: TrainingHooks
    let progress: (StageProgress) -> Void

    init(data: PreprocessedData, split: TrainingSplit, params: TrainParams, hooks: TrainingHooks,
         progress: @escaping (StageProgress) -> Void) throws {
        self.data = data; self.params = params; self.hooks = hooks; self.progress = progress
        let position = Dictionary(uniqueKeysWithValues: data.cases.enumerated().map { ($1.id, $0) })
        trainIndices = split.train.compactMap { position[$0] }
        validationIndices = split.validation.compactMap { position[$0] }
        model = UNet(width: params.model.width, depth: params.model.depth, batchNorm: params.model.batchNorm,
                     seed: UInt64(bitPattern: Int64(params.seed)))
        try model.checkInput(height: data.height, width: data.width)
        let batchesPerEpoch = (trainIndices.count + params.train.batch - 1) / params.train.batch
        optimizer = Adam(for: model, learningRate: Float(params.train.lr), beta1: Float(params.train.beta1),
                         beta2: Float(params.train.beta2), epsilon: Float(params.train.eps),
                         weightDecay: Float(params.train.weightDecay),
                         schedule: TrainStage.schedule(params.train, batchesPerEpoch: batchesPerEpoch))
        var seeds = SplitMix64(seed: UInt64(bitPattern: Int64(params.seed)), keys: 0xA06)
        augmenter = Augmenter(params: TrainStage.augmentation(params.augment), seed: seeds.next())
    }

    /// Trains from `history.count` completed epochs to `train.epochs`, checkpointing into `work`.
    func train(resumingAfter history: [EpochRecord], work: URL) throws -> [EpochRecord] {
        var history = history
        let lossKind = TrainStage.lossKind(params.train.loss)
        let started = Date()
        var imagesSeen = 0
        for epoch in stride(from: history.count + 1, through: params.train.epochs, by: 1) {
            let epochStarted = Date()
            let order = epochOrder(epoch)
            let learningRate = Double(optimizer.currentLearningRate)
            var lossSum = 0.0, seenThisEpoch = 0
            let batches = stride(from: 0, to: order.count, by: params.train.batch).map {
                Array(order[$0..<min($0 + params.train.batch, order.count)])
            }
            for (b, members) in batches.enumerated() {
                let (input, target) = tensors(members, epoch: epoch)
                let loss = model.trainStep(input: input, target: target, loss: lossKind, optimizer: optimizer)
                guard loss.isFinite else { throw StageError.diverged(epoch: epoch, batch: b + 1, loss: loss, lr: params.train.lr) }
                lossSum += Double(loss) * Double(members.count)
                imagesSeen += members.count
                seenThisEpoch += members.count
                let elapsed = Date().timeIntervalSince(started)
                progress(TrainingProgress(epoch: epoch, epochs: params.train.epochs, batch: b + 1, batches: batches.count,
                                                loss: lossSum / Double(seenThisEpoch),
                                                imagesPerSecond: Double(imagesSeen) / max(elapsed, 1e-9), elapsedSeconds: elapsed))
            }
            let (validationLoss, validationDice) = validate(lossKind)
            let record = EpochRecord(epoch: epoch, trainLoss: lossSum / Double(order.count), validationLoss: validationLoss,
                                     validationDice: validationDice, learningRate: learningRate,
                                     seconds: Date().timeIntervalSince(epochStarted))
            history.append(record)
            try TrainingCheckpoint.save(model: model, optimizer: optimizer, history: history, work: work)
            progress(EpochSummary(epoch: epoch, epochs: params.train.epochs, trainLoss: record.trainLoss,
                                             validationLoss: validationLoss, validationDice: validationDice, seconds: record.seconds))
            try hooks.afterEpoch(epoch)
        }
        return history
    }

    /// The training cases in this epoch's order: a shuffle keyed by (seed, epoch).
    func epochOrder(_ epoch: Int) -> [Int] {
        var rng = SplitMix64(seed: UInt64(bitPattern: Int64(params.seed)), keys: 0xE90C, UInt64(epoch))
        return TrainingSplit.shuffled(trainIndices, using: &rng)
    }

    /// One batch: each case augmented by the draw of (epoch, case index).
    func tensors(_ members: [Int], epoch: Int) -> (Tensor, Tensor) {
        var images: [Float] = [], masks: [Float] = []
        for index in members {
            let image = Image(width: data.width, height: data.height, pixels: data.image(index))
            let mask = Image(width: data.width, height: data.height, pixels: data.mask(index).map(Float.init))
            let (a, b) = augmenter.apply(image: image, mask: mask, epoch: epoch, sample: index)
            images += a.pixels; masks += b.pixels
        }
        return (Trainer.tensor(images, count: members.count, data), Trainer.tensor(masks, count: members.count, data))
    }

    /// Validation loss (mean over cases) and mean per-case Dice at threshold 0.5, in inference mode.
    func validate(_ lossKind: NN.LossKind) -> (loss: Double, dice: Double) {
        var lossSum = 0.0, diceSum = 0.0
        for start in stride(from: 0, to: validationIndices.count, by: params.train.batch) {
            let members = Array(validationIndices[start..<min(start + params.train.batch, validationIndices.count)])
            let input = Trainer.tensor(members.flatMap { data.image($0) }, count: members.count, data)
            let target = Trainer.tensor(members.flatMap { data.mask($0).map(Float.init) }, count: members.count, data)
            lossSum += Double(model.evaluateLoss(input: input, target: target, loss: lossKind)) * Double(members.count)
            let probabilities = model.predict(input).nchw()
            for (i, index) in members.enumerated() {
                let truth = data.mask(index)
                let predicted = probabilities[(i * data.pixelsPerCase)..<((i + 1) * data.pixelsPerCase)]
                diceSum += CaseScoring.counts(prediction: predicted.map { $0 >= 0.5 ? 1 : 0 }, truth: truth).dice
            }
        }
        let n = Double(max(validationIndices.count, 1))
        return (lossSum / n, diceSum / n)
    }

    static func tensor(_ values: [Float], count: Int, _ data: PreprocessedData) -> Tensor {
        let tensor = Tensor(batch: count, channels: 1, height: data.height, width: data.width)
        tensor.load(nchw: values)
        return tensor
    }
}
