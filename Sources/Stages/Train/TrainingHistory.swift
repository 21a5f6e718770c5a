/// One epoch of training as `history.json` (an array of these) records it: written by the trainer,
/// read back by the report and the comparison for their curves. Validation values are nil when
/// validation did not run that epoch.
public struct EpochRecord: Codable, Equatable, Sendable {
    public var epoch: Int
    public var trainLoss: Double
    public var validationLoss: Double?
    public var validationDice: Double?
    public var learningRate: Double
    public var seconds: Double

    enum CodingKeys: String, CodingKey {
        case epoch, trainLoss = "train_loss", validationLoss = "val_loss", validationDice = "val_dice"
        case learningRate = "lr", seconds
    }

    public init(epoch: Int, trainLoss: Double, validationLoss: Double?, validationDice: Double?,
                learningRate: Double, seconds: Double) {
        self.epoch = epoch; self.trainLoss = trainLoss; self.validationLoss = validationLoss
        self.validationDice = validationDice; self.learningRate = learningRate; self.seconds = seconds
    }
}

/// What the train stage's work folder holds between epochs: the last completed epoch, its history,
/// and the checkpoint file with model and optimizer state after that epoch.
struct ResumeState: Codable, Equatable {
    var completedEpochs: Int
    var checkpointFile: String
    var history: [EpochRecord]
}
