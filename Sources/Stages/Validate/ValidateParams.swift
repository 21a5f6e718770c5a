import Imaging
import Spec

/// What validate reads: the bad-pair policy of folder data (`data.on_bad_pair`), and the mask check
/// (`data.on_suspect_mask`, `data.mask_check`) of any data. Generated phantom pairs are never bad, so a
/// problem there fails the run (no field, policy `fail`). The mask check's fields enter the key only
/// where they differ from their defaults, so specs that never name them keep their encoding.
struct ValidateParams: Encodable {
    var onBadPair: BadPairPolicy?
    var maskCheck = MaskCheckSpec()

    var policy: BadPairPolicy { onBadPair ?? .fail }

    static func of(_ spec: ExperimentSpec) -> ValidateParams {
        if case .folders(let folders) = spec.data { return ValidateParams(onBadPair: folders.onBadPair, maskCheck: spec.maskCheck) }
        return ValidateParams(onBadPair: nil, maskCheck: spec.maskCheck)
    }

    /// The spec's limits as the Imaging check takes them.
    var thresholds: MaskThresholds { maskCheck.thresholds }

    enum CodingKeys: String, CodingKey { case data }
    enum DataKeys: String, CodingKey { case onBadPair = "on_bad_pair" }

    func encode(to encoder: Encoder) throws {
        guard onBadPair != nil || !maskCheck.isDefault else { return }
        var c = encoder.container(keyedBy: CodingKeys.self)
        let data = c.superEncoder(forKey: .data)
        if let onBadPair {
            var d = data.container(keyedBy: DataKeys.self)
            try d.encode(onBadPair.rawValue, forKey: .onBadPair)
        }
        try maskCheck.encodeChanges(to: data)
    }
}

extension MaskCheckSpec {
    var thresholds: MaskThresholds {
        var t = MaskThresholds()
        t.maxOutsideBody = maxOutsideBody; t.maxBorderContact = maxBorderContact; t.maxMeanHU = maxMeanHU
        t.maxLungFraction = maxLungFraction; t.visibleAir = visibleAir; t.minAirCoverage = minAirCoverage
        t.maxScore = maxScore; t.minPairsForScores = minPairsForScores
        return t
    }
}
