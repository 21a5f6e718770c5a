/// `data.on_suspect_mask` and `data.mask_check`: what validate does with a mask that looks wrong
/// against its image, and the limits that decide it. The defaults equal Imaging's `MaskThresholds`
/// (a test in StagesTests checks that they agree); they apply to folder data and the phantom alike.
public struct MaskCheckSpec: Equatable, Sendable {
    public var onSuspectMask: SuspectMaskPolicy = .warn
    /// Most of the mask that may lie outside the body.
    public var maxOutsideBody = 0.05
    /// Most of the image border the mask may cover.
    public var maxBorderContact = 0.02
    /// Highest plausible mean HU inside the mask.
    public var maxMeanHU = -400.0
    /// Largest plausible share of the slice.
    public var maxLungFraction = 0.6
    /// Share of the slice that is air inside the body above which lungs count as visible.
    public var visibleAir = 0.02
    /// Least share of the air inside the body the mask must cover.
    public var minAirCoverage = 0.4
    /// Robust score (scaled MADs from the dataset's median) above which a pair is an outlier.
    public var maxScore = 6.0
    /// Fewest pairs for which robust scores are computed.
    public var minPairsForScores = 8

    public init() {}
}

public enum SuspectMaskPolicy: String, CaseIterable, Sendable {
    /// Keep the pair and warn (the run log and the report name it).
    case warn
    /// Leave the pair out and warn, like a bad pair.
    case drop
    /// Stop the run, listing every suspect pair.
    case fail
}

extension SpecDecoder {
    /// `data.on_suspect_mask` and the `data.mask_check` section of the data section `d`.
    func decodeMaskCheck(_ d: SectionReader) -> MaskCheckSpec {
        var m = MaskCheckSpec()
        m.onSuspectMask = d.choice("on_suspect_mask", default: .warn)
        let t = d.section("mask_check", allowed: SpecSchema.maskCheck)
        m.maxOutsideBody = t.probability("max_outside_body", default: m.maxOutsideBody)
        m.maxBorderContact = t.probability("max_border_contact", default: m.maxBorderContact)
        m.maxMeanHU = t.double("max_mean_hu", default: m.maxMeanHU, must: "in -1024…3071 HU") { (-1024...3071).contains($0) }
        m.maxLungFraction = t.probability("max_lung_fraction", default: m.maxLungFraction)
        m.visibleAir = t.probability("visible_air", default: m.visibleAir)
        m.minAirCoverage = t.probability("min_air_coverage", default: m.minAirCoverage)
        m.maxScore = t.double("max_score", default: m.maxScore, must: "greater than 0") { $0 > 0 }
        m.minPairsForScores = t.int("min_pairs_for_scores", default: m.minPairsForScores, in: 3...Int.max)
        return m
    }
}
