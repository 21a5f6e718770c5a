import Foundation
import Metrics

/// One configuration of a comparison: the runs that differ only in `seed`, summarised over seeds.
public struct ConfigurationSummary: Equatable, Sendable {
    /// The parameters that set it apart from the other configurations, e.g. `train.lr=0.001, model.width=4`.
    public var label: String
    public var runIDs: [String]
    public var seeds: [String]
    /// Over seeds, of each run's mean Dice over cases.
    public var dice: SummaryStatistics
    /// Over seeds, of each run's mean HD95 (pixels); nil when no run has one.
    public var hd95Pixels: SummaryStatistics?
    /// Mean Dice(configuration) − mean Dice(baseline configuration), over seeds and cases; nil for the baseline.
    public var diceDifference: ConfidenceInterval?
    /// Validation Dice per epoch: mean, lowest and highest over seeds.
    public var curve: [(epoch: Int, mean: Double, low: Double, high: Double)]
    public var isBaseline: Bool

    public static func == (a: ConfigurationSummary, b: ConfigurationSummary) -> Bool {
        a.label == b.label && a.runIDs == b.runIDs && a.seeds == b.seeds && a.dice == b.dice && a.hd95Pixels == b.hd95Pixels
            && a.diceDifference == b.diceDifference && a.isBaseline == b.isBaseline
            && a.curve.map(\.epoch) == b.curve.map(\.epoch) && a.curve.map(\.mean) == b.curve.map(\.mean)
    }
}

/// Groups runs into configurations repeated over seeds and compares each with the baseline's.
enum Configurations {
    /// Runs grouped by every recorded parameter except `seed`, in order of first appearance.
    static func group(_ runs: [RunEvidence]) -> [[RunEvidence]] {
        var order: [String] = [], groups: [String: [RunEvidence]] = [:]
        for run in runs {
            let key = run.record.parameters.filter { $0.first != "seed" }.map { $0.joined(separator: "=") }.joined(separator: "\n")
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(run)
        }
        return order.map { groups[$0]! }
    }

    /// One summary per configuration, each against the baseline's configuration with the two-level
    /// bootstrap (paired over cases when every run of both scored the same cases). `note` is set when
    /// cases differ, so the intervals are unpaired.
    static func summaries(_ groups: [[RunEvidence]], baselineID: String, seed: UInt64, resamples: Int) throws
        -> (configurations: [ConfigurationSummary], note: String?) {
        let labels = self.labels(groups)
        guard let baseline = groups.first(where: { $0.contains { $0.record.id == baselineID } }) else { return ([], nil) }
        let caseOrder = baseline[0].summary.metrics.cases.map(\.caseID)
        let sameCases = groups.joined().allSatisfy { Set($0.summary.metrics.cases.map(\.caseID)) == Set(caseOrder)
            && $0.summary.metrics.cases.count == caseOrder.count }
        func diceRows(_ group: [RunEvidence]) -> [[Double]] {
            group.map { run in
                guard sameCases else { return run.summary.metrics.cases.map(\.dice) }
                let byCase = Dictionary(run.summary.metrics.cases.map { ($0.caseID, $0.dice) }, uniquingKeysWith: { a, _ in a })
                return caseOrder.map { byCase[$0]! }
            }
        }
        let configurations = try zip(groups, labels).map { group, label -> ConfigurationSummary in
            let isBaseline = group.contains { $0.record.id == baselineID }
            let interval = isBaseline ? nil : try seedAndCaseBootstrapMeanDifference(
                first: diceRows(baseline), second: diceRows(group), pairedCases: sameCases, resamples: resamples, seed: seed)
            let hd95 = group.compactMap { $0.summary.metrics.hd95Pixels?.mean }
            return ConfigurationSummary(
                label: label, runIDs: group.map(\.record.id), seeds: group.map { $0.record.sweepValues["seed"] ?? seedParameter($0) },
                dice: try SummaryStatistics(group.map(\.summary.metrics.dice.mean)),
                hd95Pixels: hd95.isEmpty ? nil : try SummaryStatistics(hd95),
                diceDifference: interval.map { ConfidenceInterval(lower: $0.lower, upper: $0.upper) },
                curve: meanCurve(group.map(\.summary.curve)), isBaseline: isBaseline)
        }
        let note = sameCases ? nil : "runs were evaluated on different validation cases (the split differs), so each interval "
            + "resamples every run's own cases: it is unpaired and wider than a paired one would be"
        return (configurations, note)
    }

    static func seedParameter(_ run: RunEvidence) -> String {
        run.record.parameters.first { $0.first == "seed" }?.last ?? "?"
    }

    /// `path=value` of the parameters (except seed) that differ between configurations.
    static func labels(_ groups: [[RunEvidence]]) -> [String] {
        let parameters = groups.map { group in
            Dictionary(group[0].record.parameters.filter { $0.count == 2 && $0[0] != "seed" }.map { ($0[0], $0[1]) },
                       uniquingKeysWith: { a, _ in a })
        }
        let paths = Set(parameters.flatMap(\.keys)).sorted().filter { path in Set(parameters.map { $0[path] }).count > 1 }
        return zip(groups, parameters).map { group, values in
            paths.isEmpty ? group[0].record.name : paths.map { "\($0)=\(values[$0] ?? "—")" }.joined(separator: ", ")
        }
    }

    /// Validation Dice per epoch over the runs that recorded it: mean, lowest, highest.
    static func meanCurve(_ curves: [[EpochRecord]]) -> [(epoch: Int, mean: Double, low: Double, high: Double)] {
        let epochs = Set(curves.flatMap { $0.map(\.epoch) }).sorted()
        return epochs.compactMap { epoch in
            let values = curves.compactMap { $0.first { $0.epoch == epoch }?.validationDice }
            guard !values.isEmpty else { return nil }
            return (epoch, values.reduce(0, +) / Double(values.count), values.min()!, values.max()!)
        }
    }
}
