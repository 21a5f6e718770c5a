import Spec

/// What training reads: the seed (weights, batch order, augmentation and the validation split), the
/// split, the augmentations, the model's shape and the optimisation settings (`seed`, `split.*`,
/// `augment.*`, `model.*`, `train.*`).
struct TrainParams: Encodable {
    var seed: Int
    var split: SplitSpec
    var augment: AugmentSpec
    var model: ModelSpec
    var train: TrainSpec

    static func of(_ spec: ExperimentSpec) -> TrainParams {
        TrainParams(seed: spec.seed, split: spec.split, augment: spec.augment, model: spec.model, train: spec.train)
    }
}
