import Randomness

/// A 95 % interval for the difference between two configurations, each repeated over seeds and scored
/// on cases, that accounts for both sources of variation (a two-level bootstrap). `first` and `second`
/// hold one row per seed, one value per case.
///
/// - paired over cases (`pairedCases: true`, every row of both has the same cases in the same order):
///   each resample draws case indices with replacement once and uses them for both configurations, and
///   draws seeds with replacement within each configuration;
/// - unpaired (cases differ between runs): each resample draws seeds, and for each drawn seed its own
///   cases with replacement.
///
/// The statistic is mean over drawn seeds of the mean over drawn cases, second minus first; the interval
/// is the percentile interval of `resamples` such differences. Deterministic for a given seed.
public func seedAndCaseBootstrapMeanDifference(
    first: [[Double]], second: [[Double]], pairedCases: Bool,
    resamples: Int = 10_000, confidence: Double = 0.95, seed: UInt64 = 20_240_601
) throws -> BootstrapInterval {
    guard !first.isEmpty, !second.isEmpty, !(first + second).contains(where: \.isEmpty) else { throw MetricsError.noCases }
    if pairedCases {
        let n = first[0].count
        guard (first + second).allSatisfy({ $0.count == n }) else {
            throw MetricsError.caseCountMismatch(first: first[0].count, second: (first + second).first { $0.count != n }!.count)
        }
    }
    precondition(resamples > 0 && confidence > 0 && confidence < 1, "resamples > 0 and 0 < confidence < 1")
    var generator = SplitMix64(seed: seed)
    var differences = [Double](repeating: 0, count: resamples)
    var caseDraw: [Int] = []
    for r in 0..<resamples {
        if pairedCases { caseDraw = (0..<first[0].count).map { _ in generator.nextIndex(below: first[0].count) } }
        let a = resampledMean(first, cases: caseDraw, using: &generator)
        let b = resampledMean(second, cases: caseDraw, using: &generator)
        differences[r] = b - a
    }
    differences.sort()
    let mean = { (rows: [[Double]]) in rows.map { $0.reduce(0, +) / Double($0.count) }.reduce(0, +) / Double(rows.count) }
    let tail = (1 - confidence) / 2 * 100
    return BootstrapInterval(meanDifference: mean(second) - mean(first),
                             lower: percentile(sorted: differences, tail), upper: percentile(sorted: differences, 100 - tail),
                             confidence: confidence, resamples: resamples, seed: seed)
}

/// Mean over seeds drawn with replacement of each seed's mean over `cases` (or over its own cases drawn
/// with replacement when `cases` is empty).
private func resampledMean(_ rows: [[Double]], cases: [Int], using generator: inout SplitMix64) -> Double {
    var total = 0.0
    for _ in rows.indices {
        let row = rows[generator.nextIndex(below: rows.count)]
        if cases.isEmpty {
            var sum = 0.0
            for _ in row.indices { sum += row[generator.nextIndex(below: row.count)] }
            total += sum / Double(row.count)
        } else {
            total += cases.reduce(0) { $0 + row[$1] } / Double(cases.count)
        }
    }
    return total / Double(rows.count)
}
