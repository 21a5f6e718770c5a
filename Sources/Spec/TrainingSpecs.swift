/// The U-Net's shape.
public struct ModelSpec: Equatable, Sendable {
    /// Channels of the first level; each level down doubles them.
    public var width = 16
    /// Number of down-sampling levels (1…6); the input side must be divisible by 2^depth.
    public var depth = 4
    public var batchNorm = false
}

public enum LossKind: String, CaseIterable, Sendable {
    case bce
    case dice
    case bceDice = "bce+dice"
}

public enum LRSchedule: Equatable, Sendable {
    case constant
    /// Cosine decay from `lr` to 0 over the run.
    case cosine
    /// Multiply the rate by `gamma` every `stepSize` epochs.
    case step(stepSize: Int, gamma: Double)

    public var name: String {
        switch self {
        case .constant: return "constant"
        case .cosine: return "cosine"
        case .step: return "step"
        }
    }
}

/// Optimisation: Adam with decoupled weight decay when `weightDecay` > 0.
public struct TrainSpec: Equatable, Sendable {
    public var loss = LossKind.bceDice
    public var lr = 1e-3
    public var schedule = LRSchedule.constant
    public var weightDecay = 0.0
    public var batch = 16
    public var epochs = 30
    public var beta1 = 0.9
    public var beta2 = 0.999
    public var eps = 1e-8
}

public enum TTAKind: String, CaseIterable, Sendable {
    case none
    /// Average the prediction with that of the left-right flipped slice.
    case flip
}

/// How predictions become masks and are scored.
public struct EvaluateSpec: Equatable, Sendable {
    public var threshold = 0.5
    /// Keep the k largest connected components (0 keeps all).
    public var largestComponents = 0
    public var fillHoles = false
    public var tta = TTAKind.none
}
