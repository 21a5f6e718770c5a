import Spec

/// What validate reads: the bad-pair policy of folder data (`data.on_bad_pair`). Generated phantom
/// pairs are never bad, so a problem there fails the run (no field, policy `fail`).
struct ValidateParams: Encodable {
    var onBadPair: BadPairPolicy?

    var policy: BadPairPolicy { onBadPair ?? .fail }

    static func of(_ spec: ExperimentSpec) -> ValidateParams {
        if case .folders(let folders) = spec.data { return ValidateParams(onBadPair: folders.onBadPair) }
        return ValidateParams(onBadPair: nil)
    }

    enum CodingKeys: String, CodingKey { case data }
    enum DataKeys: String, CodingKey { case onBadPair = "on_bad_pair" }

    func encode(to encoder: Encoder) throws {
        guard let onBadPair else { return }
        var c = encoder.container(keyedBy: CodingKeys.self)
        var data = c.nestedContainer(keyedBy: DataKeys.self, forKey: .data)
        try data.encode(onBadPair.rawValue, forKey: .onBadPair)
    }
}
