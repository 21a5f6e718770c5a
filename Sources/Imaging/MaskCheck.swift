import Foundation

/// Limits beyond which a mask is implausible, with documented defaults. Absolute limits flag a pair on
/// its own; robust scores flag a pair against the rest of its dataset.
public struct MaskThresholds: Equatable, Sendable, Codable {
    /// Most of the mask that may lie outside the body (default 5 %): lung is inside the patient.
    public var maxOutsideBody: Double = 0.05
    /// Most of the image border the mask may cover (default 2 %): lungs never reach the scan's edge.
    public var maxBorderContact: Double = 0.02
    /// Highest plausible mean HU inside the mask (default −400): lung is about −950 … −500 HU.
    public var maxMeanHU: Double = -400
    /// Largest plausible share of the slice (default 60 %).
    public var maxLungFraction: Double = 0.6
    /// Air inside the body above this share of the slice (default 2 %) means lungs are visible, so an
    /// empty mask is suspect, and a mask must cover at least `minAirCoverage` of that air.
    public var visibleAir: Double = 0.02
    /// Least share of the air inside the body the mask must cover (default 40 %; airways, stomach and
    /// bowel gas are air too, so it is not close to 100 %).
    public var minAirCoverage: Double = 0.4
    /// Robust score (distance from the dataset's median in scaled MADs) above which a pair is an
    /// outlier (default 6), computed only when the dataset has at least `minPairsForScores` pairs (8).
    public var maxScore: Double = 6
    public var minPairsForScores: Int = 8

    public init() {}
}

/// One reason a mask looks wrong, with the measured value.
public enum MaskFinding: Equatable, Sendable, Codable, CustomStringConvertible {
    case outsideBody(fraction: Double)
    case touchesBorder(fraction: Double)
    case notLungDensity(meanHU: Double)
    case tooLarge(fraction: Double)
    case emptyWithVisibleLungs(internalAir: Double)
    case missesAir(coverage: Double)
    /// `fact` is far from the dataset's median (`score` scaled MADs).
    case outlier(fact: String, value: Double, median: Double, score: Double)

    public var description: String {
        switch self {
        case .outsideBody(let f): return "\(percent(f)) of the mask lies outside the body (air around the patient)"
        case .touchesBorder(let f): return "the mask touches the image border along \(percent(f)) of it"
        case .notLungDensity(let hu):
            return "the mean inside the mask is \(Int(hu.rounded())) HU, which is not lung (about −950 … −500 HU)"
        case .tooLarge(let f): return "the mask covers \(percent(f)) of the slice, more than lungs can"
        case .emptyWithVisibleLungs(let air):
            return "the mask is empty, but \(percent(air)) of the slice is air inside the body (lungs)"
        case .missesAir(let c): return "the mask covers only \(percent(c)) of the air inside the body (a lung missing, or the mask misplaced)"
        case let .outlier(fact, value, median, score):
            return "\(fact) \(MaskFinding.format(fact, value)) is far from the dataset's median "
                + "\(MaskFinding.format(fact, median)) (robust score \(String(format: "%.1f", score)))"
        }
    }

    static func format(_ fact: String, _ value: Double) -> String {
        fact.hasSuffix("HU") ? "\(Int(value.rounded())) HU" : percent(value)
    }
}

private func percent(_ fraction: Double) -> String {
    fraction < 0.1 ? String(format: "%.1f %%", fraction * 100) : String(format: "%.0f %%", fraction * 100)
}

/// The verdict on one pair: its facts and every reason it looks wrong (none: plausible).
public struct MaskVerdict: Equatable, Sendable, Codable, CustomStringConvertible {
    public var id: String
    public var facts: MaskFacts
    public var findings: [MaskFinding]

    public var isSuspect: Bool { !findings.isEmpty }

    /// `ID_0007: 41 % of the mask lies outside the body (…); the mask touches the image border along 38 % of it`
    public var description: String {
        id + ": " + (findings.isEmpty ? "plausible" : findings.map(\.description).joined(separator: "; "))
    }
}
