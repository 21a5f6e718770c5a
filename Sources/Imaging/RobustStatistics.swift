/// Median and median absolute deviation: location and spread that a few wild values cannot move, for
/// scoring each pair of a dataset against the others.
public enum RobustStatistics {
    /// The middle value (mean of the two middle values for an even count); nil for no values.
    public static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }

    /// Median of |x − median|, scaled by 1.4826 so that it estimates the standard deviation of normal data.
    public static func scaledMAD(_ values: [Double]) -> Double? {
        guard let centre = median(values) else { return nil }
        return median(values.map { abs($0 - centre) }).map { 1.4826 * $0 }
    }

    /// |x − median| / max(scaled MAD, `floor`): how many robust standard deviations `x` is from the
    /// middle. `floor` keeps a dataset whose values are nearly all equal from making any difference huge.
    public static func score(_ x: Double, median: Double, scaledMAD: Double, floor: Double) -> Double {
        abs(x - median) / max(scaledMAD, floor)
    }
}
