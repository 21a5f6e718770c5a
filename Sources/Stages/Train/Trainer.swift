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
    /// Input, target and probability tensors per batch size, filled anew for every batch: a batch
    /// allocates (and the kernel zero-fills) nothing after the first of its size.
    private var buffers: [Int: BatchBuffers] = [:]

    struct BatchBuffers {
        let input, target, probabilities: Tensor
    }

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

    /// One batch: each case augmented by the draw of (epoch, case index), the cases split over the
    /// cores (each draw depends only on its own key, so the batch is the same whatever the split).
    func tensors(_ members: [Int], epoch: Int) -> (Tensor, Tensor) {
        let batch = buffers(count: members.count)
        fill(batch, members) { index in
            let image = Image(width: data.width, height: data.height, pixels: data.image(index))
            let mask = Image(width: data.width, height: data.height, pixels: data.mask(index).map(Float.init))
            let (a, b) = augmenter.apply(image: image, mask: mask, epoch: epoch, sample: index)
            return (a.pixels, b.pixels)
        }
        return (batch.input, batch.target)
    }

    /// Validation loss (mean over cases) and mean per-case Dice at threshold 0.5, in inference mode:
    /// one forward pass per batch gives both.
    func validate(_ lossKind: NN.LossKind) -> (loss: Double, dice: Double) {
        var lossSum = 0.0, diceSum = 0.0
        for start in stride(from: 0, to: validationIndices.count, by: params.train.batch) {
            let members = Array(validationIndices[start..<min(start + params.train.batch, validationIndices.count)])
            let batch = buffers(count: members.count)
            fill(batch, members) { index in (Array(data.image(index)), data.mask(index).map(Float.init)) }
            lossSum += Double(model.evaluate(input: batch.input, target: batch.target, loss: lossKind,
                                             probabilities: batch.probabilities)) * Double(members.count)
            let probabilities = batch.probabilities.nchw()
            for (i, index) in members.enumerated() {
                let truth = data.mask(index)
                let predicted = probabilities[(i * data.pixelsPerCase)..<((i + 1) * data.pixelsPerCase)]
                diceSum += CaseScoring.counts(prediction: predicted.map { $0 >= 0.5 ? 1 : 0 }, truth: truth).dice
            }
        }
        let n = Double(max(validationIndices.count, 1))
        return (lossSum / n, diceSum / n)
    }

    private func buffers(count: Int) -> BatchBuffers {
        if let b = buffers[count] { return b }
        func make() -> Tensor { Tensor(batch: count, channels: 1, height: data.height, width: data.width) }
        let b = BatchBuffers(input: make(), target: make(), probabilities: make())
        buffers[count] = b
        return b
    }

    /// Loads case `members[n]`'s image and mask (from `pixels`) into image n of the batch, one case per core at a time.
    private func fill(_ batch: BatchBuffers, _ members: [Int], pixels: (Int) -> (image: [Float], mask: [Float])) {
        let threads = max(1, min(defaultConvThreads, members.count))
        DispatchQueue.concurrentPerform(iterations: threads) { t in
            for n in stride(from: t, to: members.count, by: threads) {
                let (image, mask) = pixels(members[n])
                precondition(image.count == data.pixelsPerCase && mask.count == data.pixelsPerCase,
                             "case \(members[n]): \(image.count) image and \(mask.count) mask pixels, expected \(data.pixelsPerCase)")
                image.withUnsafeBufferPointer { batch.input.load(image: n, nchw: $0.baseAddress!) }
                mask.withUnsafeBufferPointer { batch.target.load(image: n, nchw: $0.baseAddress!) }
            }
        }
    }
}
