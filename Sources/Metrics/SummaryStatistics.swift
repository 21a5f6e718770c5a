/// Mean ± SD and median of per-case values, with undefined cases counted rather than dropped silently.
public struct SummaryStatistics: Codable, Equatable, Sendable {
    /// Number of defined values the statistics are computed from.
    public let count: Int
    /// Cases whose value was undefined (nil, e.g. HD95 with exactly one empty mask); not in the statistics.
    public let undefinedCount: Int
    public let mean: Double
    /// Sample standard deviation (n − 1 in the denominator); 0 for a single case.
    public let standardDeviation: Double
    public let median: Double
    public let minimum: Double
    public let maximum: Double

    /// Throws `MetricsError.noCases` when no value is defined.
    public init(_ values: [Double?]) throws {
        let defined = values.compactMap { $0 }
        guard !defined.isEmpty else { throw MetricsError.noCases }
        let sorted = defined.sorted()
        let n = Double(defined.count)
        let mean = defined.reduce(0, +) / n
        let squares = defined.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        count = defined.count
        undefinedCount = values.count - defined.count
        self.mean = mean
        standardDeviation = defined.count > 1 ? (squares / (n - 1)).squareRoot() : 0
        median = percentile(sorted: sorted, 50)
        minimum = sorted[0]
        maximum = sorted[sorted.count - 1]
    }

    public init(_ values: [Double]) throws {
        try self.init(values.map { Optional($0) })
    }

    /// Statistics known already (a report fixture, or a summary written by another tool).
    public init(count: Int, undefinedCount: Int = 0, mean: Double, standardDeviation: Double, median: Double,
                minimum: Double, maximum: Double) {
        self.count = count; self.undefinedCount = undefinedCount; self.mean = mean
        self.standardDeviation = standardDeviation; self.median = median; self.minimum = minimum; self.maximum = maximum
    }
}

/// The q-th percentile (0...100) of ascending values by linear interpolation between closest ranks
/// (numpy's default), so the 50th of [1, 2, 3, 4] is 2.5. `sorted` must be non-empty.
public func percentile(sorted: [Double], _ q: Double) -> Double {
    precondition(!sorted.isEmpty, "percentile of no values")
    let position = q / 100 * Double(sorted.count - 1)
    let lower = Int(position.rounded(.down))
    let upper = min(lower + 1, sorted.count - 1)
    let fraction = position - Double(lower)
    return sorted[lower] + (sorted[upper] - sorted[lower]) * fraction
}
