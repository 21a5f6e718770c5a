/// Verdicts for a whole dataset: each pair's absolute limits, then robust scores against the others.
public enum MaskCheck {
    /// The facts scored against the dataset (name, value, floor on the spread): the floor keeps a dataset
    /// of nearly equal values from making small differences look huge.
    static let scoredFacts: [(name: String, value: (MaskFacts) -> Double?, floor: Double)] = [
        ("lung fraction", { $0.lungFraction }, 0.02),
        ("mean HU", { $0.meanHU }, 30),
        ("air coverage", { $0.airCoverage }, 0.05),
    ]

    /// One verdict per pair, in the order given; `id` names the pair in messages.
    public static func verdicts(_ pairs: [(id: String, facts: MaskFacts)],
                                thresholds: MaskThresholds = MaskThresholds()) -> [MaskVerdict] {
        var verdicts = pairs.map { MaskVerdict(id: $0.id, facts: $0.facts, findings: absoluteFindings($0.facts, thresholds)) }
        guard pairs.count >= thresholds.minPairsForScores else { return verdicts }
        for fact in scoredFacts {
            let values = pairs.compactMap { fact.value($0.facts) }
            guard let median = RobustStatistics.median(values), let spread = RobustStatistics.scaledMAD(values) else { continue }
            for i in verdicts.indices {
                guard let value = fact.value(verdicts[i].facts) else { continue }
                let score = RobustStatistics.score(value, median: median, scaledMAD: spread, floor: fact.floor)
                if score > thresholds.maxScore {
                    verdicts[i].findings.append(.outlier(fact: fact.name, value: value, median: median, score: score))
                }
            }
        }
        return verdicts
    }

    /// What is wrong with one pair on its own.
    public static func absoluteFindings(_ f: MaskFacts, _ t: MaskThresholds = MaskThresholds()) -> [MaskFinding] {
        var found: [MaskFinding] = []
        if f.isEmpty {
            if f.internalAir > t.visibleAir { found.append(.emptyWithVisibleLungs(internalAir: f.internalAir)) }
            return found
        }
        if f.outsideBody > t.maxOutsideBody { found.append(.outsideBody(fraction: f.outsideBody)) }
        if f.borderContact > t.maxBorderContact { found.append(.touchesBorder(fraction: f.borderContact)) }
        if let hu = f.meanHU, hu > t.maxMeanHU { found.append(.notLungDensity(meanHU: hu)) }
        if f.lungFraction > t.maxLungFraction { found.append(.tooLarge(fraction: f.lungFraction)) }
        if f.internalAir > t.visibleAir, let c = f.airCoverage, c < t.minAirCoverage { found.append(.missesAir(coverage: c)) }
        return found
    }
}
