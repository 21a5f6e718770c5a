import Metrics

/// Scores of one validation volume: one row of `volume-metrics.json`, written by evaluate and read by
/// the report and the comparison. Measured over the volume's evaluated slices (those `data.slices`
/// chose), stacked in slice order at the preprocessed in-plane resolution, with voxels of
/// (spacing_i · W₀/W) × (spacing_j · H₀/H) × (spacing_k · step) mm, where `step` is the distance in
/// slices between consecutive evaluated slices (1 for `lung` and `all`, K for `every K`: each
/// evaluated slice then stands for K). Dice over all voxels (both empty → 1, one empty → 0); HD95 in
/// mm, 3D and spacing-aware, nil when exactly one mask is empty (undefined, written as null).
public struct VolumeScore: Codable, Equatable, Sendable {
    public var volume: String
    public var slices: Int
    public var sliceStep: Int
    public var dice: Double
    public var predictedMillilitres: Double
    public var referenceMillilitres: Double
    public var hd95Millimetres: Double?
    public var tp: Int, fp: Int, fn: Int, tn: Int

    /// Predicted minus reference lung volume, mL.
    public var differenceMillilitres: Double { predictedMillilitres - referenceMillilitres }

    enum CodingKeys: String, CodingKey {
        case volume, slices, sliceStep = "slice_step", dice, predictedMillilitres = "predicted_ml"
        case referenceMillilitres = "reference_ml", differenceMillilitres = "difference_ml"
        case hd95Millimetres = "hd95_mm", tp, fp, fn, tn
    }

    public init(volume: String, slices: Int, sliceStep: Int, counts c: ConfusionCounts, millilitresPerVoxel: Double,
                hd95Millimetres: Double?) {
        self.volume = volume; self.slices = slices; self.sliceStep = sliceStep; dice = c.dice
        predictedMillilitres = Double(c.tp + c.fp) * millilitresPerVoxel
        referenceMillilitres = Double(c.tp + c.fn) * millilitresPerVoxel
        self.hd95Millimetres = hd95Millimetres
        tp = c.tp; fp = c.fp; fn = c.fn; tn = c.tn
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        volume = try c.decode(String.self, forKey: .volume)
        slices = try c.decode(Int.self, forKey: .slices)
        sliceStep = try c.decode(Int.self, forKey: .sliceStep)
        dice = try c.decode(Double.self, forKey: .dice)
        predictedMillilitres = try c.decode(Double.self, forKey: .predictedMillilitres)
        referenceMillilitres = try c.decode(Double.self, forKey: .referenceMillilitres)
        hd95Millimetres = try c.decodeIfPresent(Double.self, forKey: .hd95Millimetres)
        tp = try c.decode(Int.self, forKey: .tp); fp = try c.decode(Int.self, forKey: .fp)
        fn = try c.decode(Int.self, forKey: .fn); tn = try c.decode(Int.self, forKey: .tn)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(volume, forKey: .volume); try c.encode(slices, forKey: .slices)
        try c.encode(sliceStep, forKey: .sliceStep); try c.encode(dice, forKey: .dice)
        try c.encode(predictedMillilitres, forKey: .predictedMillilitres)
        try c.encode(referenceMillilitres, forKey: .referenceMillilitres)
        try c.encode(differenceMillilitres, forKey: .differenceMillilitres)
        try c.encode(hd95Millimetres, forKey: .hd95Millimetres)
        try c.encode(tp, forKey: .tp); try c.encode(fp, forKey: .fp)
        try c.encode(fn, forKey: .fn); try c.encode(tn, forKey: .tn)
    }
}

/// What evaluate leaves in `volume-metrics.json` when validation cases come from volumes.
public struct VolumeEvaluation: Codable, Equatable, Sendable {
    /// Which slices the numbers cover, e.g. "the slices data.slices: lung chose (lungs ± 2 slices)".
    public var coverage: String
    public var volumes: [VolumeScore]

    public init(coverage: String, volumes: [VolumeScore]) { self.coverage = coverage; self.volumes = volumes }
}

enum VolumeScoring {
    /// One validation volume's evaluated slices: (slice index, predicted mask, reference mask), each
    /// `width × height` 0/1, plus the volume's spacing and the slices' original size.
    struct Slices {
        var volume: String
        var spacing: SIMD3<Double>
        var originalWidth: Int, originalHeight: Int
        var slices: [(k: Int, prediction: [UInt8], truth: [UInt8])]
    }

    static func score(_ v: Slices, width: Int, height: Int) throws -> VolumeScore {
        let ordered = v.slices.sorted { $0.k < $1.k }
        let gaps = zip(ordered.dropFirst(), ordered).map { $0.k - $1.k }
        let step = gaps.min() ?? 1
        let voxel = SIMD3(v.spacing.x * Double(v.originalWidth) / Double(width),
                          v.spacing.y * Double(v.originalHeight) / Double(height), v.spacing.z * Double(step))
        let prediction = try BinaryVolume(nx: width, ny: height, nz: ordered.count,
                                          voxels: ordered.flatMap { $0.prediction.map { $0 != 0 } })
        let truth = try BinaryVolume(nx: width, ny: height, nz: ordered.count, voxels: ordered.flatMap { $0.truth.map { $0 != 0 } })
        return VolumeScore(volume: v.volume, slices: ordered.count, sliceStep: step,
                           counts: try ConfusionCounts(prediction: prediction, truth: truth),
                           millilitresPerVoxel: voxel.x * voxel.y * voxel.z / 1000,
                           hd95Millimetres: try hausdorffDistance95(prediction: prediction, truth: truth, spacing: voxel))
    }
}
