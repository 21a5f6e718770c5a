/// One epoch of training as `history.json` records it.
public struct EpochRecord: Codable, Equatable, Sendable {
    public var epoch: Int
    public var trainLoss: Double
    public var validationLoss: Double
    public var validationDice: Double
    public var learningRate: Double
    public var seconds: Double

    enum CodingKeys: String, CodingKey {
        case epoch, trainLoss = "train_loss", validationLoss = "val_loss", validationDice = "val_dice"
        case learningRate = "lr", seconds
    }
}

/// What the train stage's work folder holds between epochs: the last completed epoch, its history,
/// and the checkpoint file with model and optimizer state after that epoch.
struct ResumeState: Codable, Equatable {
    var completedEpochs: Int
    var checkpointFile: String
    var history: [EpochRecord]
}
