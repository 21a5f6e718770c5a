/// The five numbers a box plot draws, with Tukey whiskers.
public struct Quartiles: Equatable, Sendable {
    public var lower: Double        // Q1
    public var median: Double
    public var upper: Double        // Q3
    /// Smallest and largest values within 1.5 × IQR of the box.
    public var whiskerLow: Double
    public var whiskerHigh: Double
    /// Values beyond the whiskers, ascending.
    public var outliers: [Double]

    /// Quantiles by linear interpolation between order statistics (numpy's default, "type 7").
    /// Returns nil for an empty list; non-finite values are not allowed.
    public init?(_ values: [Double]) {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let q1 = Self.quantile(sorted, 0.25), q3 = Self.quantile(sorted, 0.75)
        let reach = 1.5 * (q3 - q1)
        let inside = sorted.filter { $0 >= q1 - reach && $0 <= q3 + reach }
        lower = q1
        median = Self.quantile(sorted, 0.5)
        upper = q3
        whiskerLow = inside.first ?? q1
        whiskerHigh = inside.last ?? q3
        outliers = sorted.filter { $0 < q1 - reach || $0 > q3 + reach }
    }

    /// `p` in 0...1 of an ascending, non-empty list.
    public static func quantile(_ sorted: [Double], _ p: Double) -> Double {
        let position = p * Double(sorted.count - 1)
        let below = Int(position.rounded(.down))
        let above = min(below + 1, sorted.count - 1)
        let weight = position - Double(below)
        return sorted[below] + (sorted[above] - sorted[below]) * weight
    }
}
