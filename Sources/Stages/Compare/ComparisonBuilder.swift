import Foundation
import Metrics

/// Two runs with the same parameters and data, and whether their outputs came out identical.
public struct Reproduction: Equatable, Sendable {
    public var runID: String
    public var otherID: String
    public var identicalModel: Bool
    public var identicalMetrics: Bool
    public var bitForBit: Bool { identicalModel && identicalMetrics }
}

/// A comparison ready to render, plus the reproduction checks it found.
public struct ComparisonResult {
    public var comparison: Comparison
    /// One entry per run that shares parameters and data manifest with an earlier run of the list.
    public var reproductions: [Reproduction]
}

/// Builds the comparison of several evaluated runs against a baseline: the paired bootstrap 95 % CI of
/// the mean Dice difference on the same cases, and the bit-for-bit reproduction checks.
public enum ComparisonBuilder {
    /// Seed and resample count of the bootstrap; fixed so a report is the same every time it is made.
    public static let bootstrapSeed: UInt64 = 20_240_601
    public static let bootstrapResamples = 10_000

    public static func build(_ runs: [RunEvidence], baselineID: String? = nil, title: String) throws -> ComparisonResult {
        guard let first = runs.first else { throw ReportError.noRuns }
        let baselineID = baselineID ?? first.record.id
        guard let baseline = runs.first(where: { $0.record.id == baselineID }) else {
            throw ReportError.unknownBaseline(baselineID, available: runs.map(\.record.id))
        }
        var intervals: [String: ConfidenceInterval] = [:]
        var unpaired: [String] = []
        for run in runs where run.record.id != baselineID {
            do {
                let (base, other) = try pairedDice(baseline: baseline, run: run)
                let ci = try pairedBootstrapMeanDifference(first: base, second: other, resamples: bootstrapResamples,
                                                           confidence: 0.95, seed: bootstrapSeed)
                intervals[run.record.id] = ConfidenceInterval(lower: ci.lower, upper: ci.upper)
            } catch let error as CompareError {
                guard case .caseSetsDiffer = error else { throw error }
                unpaired.append(run.record.id)
            }
        }
        var notes: [String] = []
        if !unpaired.isEmpty {
            notes.append("\(unpaired.joined(separator: ", ")) \(unpaired.count == 1 ? "was" : "were") evaluated on other validation cases "
                         + "than the baseline \(baselineID) (different data, split or split seed): their rows are unpaired summaries "
                         + "and have no paired interval")
        }
        let groups = Configurations.group(runs)
        var configurations: [ConfigurationSummary] = []
        // Seed mode only when some configuration was repeated with different seeds (not a plain rerun).
        if groups.contains(where: { Set($0.map(Configurations.seedParameter)).count > 1 }) {
            let grouped = try Configurations.summaries(groups, baselineID: baselineID, seed: bootstrapSeed, resamples: bootstrapResamples)
            configurations = grouped.configurations
            if let note = grouped.note { notes.append(note) }
        }
        let reproductions = reproductionChecks(runs)
        let baselineChecks = reproductions.filter { $0.runID == baselineID || $0.otherID == baselineID }
        let comparison = Comparison(title: title, runs: runs.map(\.summary), baselineID: baselineID,
                                    diceDifferenceIntervals: intervals,
                                    reproducedBitForBit: baselineChecks.isEmpty ? nil : baselineChecks.allSatisfy(\.bitForBit),
                                    configurations: configurations, notes: notes)
        return ComparisonResult(comparison: comparison, reproductions: reproductions)
    }

    /// Per-case Dice of both runs in the baseline's case order; refuses unless the case sets are equal.
    static func pairedDice(baseline: RunEvidence, run: RunEvidence) throws -> ([Double], [Double]) {
        let baseCases = baseline.summary.metrics.cases, runCases = run.summary.metrics.cases
        let runDice = Dictionary(runCases.map { ($0.caseID, $0.dice) }, uniquingKeysWith: { a, _ in a })
        let baseIDs = Set(baseCases.map(\.caseID))
        guard baseIDs == Set(runDice.keys), baseCases.count == runCases.count else {
            throw CompareError.caseSetsDiffer(runID: run.record.id, baselineID: baseline.record.id,
                                              onlyInRun: runCases.map(\.caseID).filter { !baseIDs.contains($0) },
                                              onlyInBaseline: baseCases.map(\.caseID).filter { runDice[$0] == nil })
        }
        return (baseCases.map(\.dice), baseCases.map { runDice[$0.caseID]! })
    }

    /// Each run against the first earlier run with identical parameters and data manifest.
    static func reproductionChecks(_ runs: [RunEvidence]) -> [Reproduction] {
        var checks: [Reproduction] = []
        for (index, run) in runs.enumerated() {
            guard let twin = runs[..<index].first(where: {
                $0.record.parameters == run.record.parameters && $0.dataManifestHash == run.dataManifestHash
            }) else { continue }
            checks.append(Reproduction(runID: run.record.id, otherID: twin.record.id,
                                       identicalModel: run.modelHash != nil && run.modelHash == twin.modelHash,
                                       identicalMetrics: run.caseMetricsHash == twin.caseMetricsHash))
        }
        return checks
    }
}
