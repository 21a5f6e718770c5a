import Randomness
/// Paired bootstrap confidence interval for the mean difference of a per-case metric between two runs
/// scored on the same cases (difference = second − first, so positive means the second run is better
/// for Dice). Percentile method: resample case indices with replacement, take the mean difference of
/// each resample, report the (1 − confidence)/2 and (1 + confidence)/2 percentiles.
public struct BootstrapInterval: Equatable, Sendable {
    /// Mean of (second − first) over the original cases.
    public let meanDifference: Double
    public let lower: Double
    public let upper: Double
    public let confidence: Double
    public let resamples: Int
    public let seed: UInt64

    /// True when the interval lies entirely on one side of zero.
    public var excludesZero: Bool { lower > 0 || upper < 0 }
}

/// Deterministic for a given seed: the same inputs and seed give the same interval on every machine.
/// Throws when the runs have different case counts or no cases.
public func pairedBootstrapMeanDifference(
    first: [Double], second: [Double],
    resamples: Int = 10_000, confidence: Double = 0.95, seed: UInt64 = 20_240_601
) throws -> BootstrapInterval {
    guard first.count == second.count else {
        throw MetricsError.caseCountMismatch(first: first.count, second: second.count)
    }
    guard !first.isEmpty else { throw MetricsError.noCases }
    precondition(resamples > 0 && confidence > 0 && confidence < 1, "resamples > 0 and 0 < confidence < 1")
    let differences = zip(first, second).map { $1 - $0 }
    let n = differences.count
    var generator = SplitMix64(seed: seed)
    var means = [Double](repeating: 0, count: resamples)
    for r in 0..<resamples {
        var sum = 0.0
        for _ in 0..<n { sum += differences[generator.nextIndex(below: n)] }
        means[r] = sum / Double(n)
    }
    means.sort()
    let tail = (1 - confidence) / 2 * 100
    return BootstrapInterval(
        meanDifference: differences.reduce(0, +) / Double(n),
        lower: percentile(sorted: means, tail), upper: percentile(sorted: means, 100 - tail),
        confidence: confidence, resamples: resamples, seed: seed)
}
