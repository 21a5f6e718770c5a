import Spec

/// What training reads: the seed (weights, batch order, augmentation), the split (and `split.seed`
/// when it is not `seed`), the augmentations, the model's shape and the optimisation settings
/// (`seed`, `split.*`, `augment.*`, `model.*`, `train.*`).
struct TrainParams: Encodable {
    var seed: Int
    var split: SplitFields
    var augment: AugmentSpec
    var model: ModelSpec
    var train: TrainSpec

    static func of(_ spec: ExperimentSpec) -> TrainParams {
        TrainParams(seed: spec.seed, split: spec.splitFields, augment: spec.augment, model: spec.model, train: spec.train)
    }

    /// The seed the validation split is drawn with.
    var splitSeed: Int { split.seed ?? seed }
}
