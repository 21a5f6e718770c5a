import Spec

/// What evaluate reads: threshold, post-processing and TTA (`evaluate.*`), how many slices go
/// through the network at once (`train.batch`; it changes speed, not results, but is read) and, for
/// volume data only, the slice selection its per-volume metrics are labelled with (`data.slices`).
struct EvaluateParams: Encodable {
    var evaluate: EvaluateSpec
    var batch: Int
    var slices: SliceSelection? = nil

    static func of(_ spec: ExperimentSpec) -> EvaluateParams {
        EvaluateParams(evaluate: spec.evaluate, batch: spec.train.batch, slices: spec.data.volumeSelection)
    }

    enum CodingKeys: String, CodingKey { case evaluate, train, data }
    enum TrainKeys: String, CodingKey { case batch }
    enum DataKeys: String, CodingKey { case slices }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(evaluate, forKey: .evaluate)
        var train = c.nestedContainer(keyedBy: TrainKeys.self, forKey: .train)
        try train.encode(batch, forKey: .batch)
        guard let slices else { return }
        var data = c.nestedContainer(keyedBy: DataKeys.self, forKey: .data)
        try data.encode(slices.text, forKey: .slices)
    }
}
