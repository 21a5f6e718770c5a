import Spec

/// What evaluate reads: threshold, post-processing and TTA (`evaluate.*`), and how many slices go
/// through the network at once (`train.batch`; it changes speed, not results, but is read).
struct EvaluateParams: Encodable {
    var evaluate: EvaluateSpec
    var batch: Int

    static func of(_ spec: ExperimentSpec) -> EvaluateParams { EvaluateParams(evaluate: spec.evaluate, batch: spec.train.batch) }

    enum CodingKeys: String, CodingKey { case evaluate, train }
    enum TrainKeys: String, CodingKey { case batch }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(evaluate, forKey: .evaluate)
        var train = c.nestedContainer(keyedBy: TrainKeys.self, forKey: .train)
        try train.encode(batch, forKey: .batch)
    }
}
