/// A snapshot of training, reported after each batch.
public struct TrainingProgress: Equatable, Sendable {
    public var epoch: Int          // 1-based
    public var epochs: Int
    public var batch: Int          // 1-based, within the epoch
    public var batches: Int        // per epoch
    public var loss: Double        // running mean of this epoch's training loss
    public var imagesPerSecond: Double
    public var elapsedSeconds: Double

    public init(epoch: Int, epochs: Int, batch: Int, batches: Int, loss: Double,
                imagesPerSecond: Double, elapsedSeconds: Double) {
        self.epoch = epoch; self.epochs = epochs; self.batch = batch; self.batches = batches
        self.loss = loss; self.imagesPerSecond = imagesPerSecond; self.elapsedSeconds = elapsedSeconds
    }

    /// Batches done out of all batches of all epochs, in 0...1.
    public var fractionDone: Double {
        let total = epochs * batches
        guard total > 0 else { return 0 }
        let done = (epoch - 1) * batches + batch
        return min(1, max(0, Double(done) / Double(total)))
    }

    /// Seconds left if the rest goes at the average pace so far; nil before any batch is done.
    public var estimatedSecondsRemaining: Double? {
        let fraction = fractionDone
        guard fraction > 0, elapsedSeconds > 0 else { return nil }
        return elapsedSeconds * (1 - fraction) / fraction
    }
}

/// Pure formatting of the training line, with or without a bar.
public enum TrainingLine {
    public static let barWidth = 24

    /// `epoch 3/20  batch 14/60  [█████░░░]  loss 0.2314  38.2 img/s  ETA 4m12s`
    public static func format(_ progress: TrainingProgress, withBar: Bool) -> String {
        var parts = [
            "epoch \(progress.epoch)/\(progress.epochs)",
            "batch \(progress.batch)/\(progress.batches)",
        ]
        if withBar { parts.append("[\(bar(fraction: progress.fractionDone, width: barWidth))]") }
        parts.append(String(format: "loss %.4f", progress.loss))
        parts.append(String(format: "%.1f img/s", progress.imagesPerSecond))
        parts.append("ETA " + (progress.estimatedSecondsRemaining.map(DurationText.format) ?? "--"))
        return parts.joined(separator: "  ")
    }

    /// `width` cells, filled in proportion to `fraction` (rounded down, so full means done).
    public static func bar(fraction: Double, width: Int) -> String {
        let clamped = min(1, max(0, fraction.isFinite ? fraction : 0))
        let filled = Int((clamped * Double(width)).rounded(.down))
        return String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
    }
}
