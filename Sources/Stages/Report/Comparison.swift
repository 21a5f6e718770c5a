/// Several runs compared against one of them.
public struct Comparison: Equatable, Sendable {
    public var title: String
    public var runs: [RunSummary]
    /// The `runID` of the run the others are compared against; must be one of `runs`.
    public var baselineID: String
    /// 95 % confidence intervals for mean Dice(run) − mean Dice(baseline), keyed by run id, as
    /// Metrics computed them (paired over cases). Runs without one show "—".
    public var diceDifferenceIntervals: [String: ConfidenceInterval]
    /// Whether re-running the baseline reproduced its outputs bit for bit; nil when not checked.
    public var reproducedBitForBit: Bool?
    /// Configurations repeated over seeds, when the runs hold any (empty for a single-seed comparison).
    public var configurations: [ConfigurationSummary]
    /// Caveats a reader must see (e.g. runs scored on different cases, so intervals are unpaired).
    public var notes: [String]

    public init(title: String, runs: [RunSummary], baselineID: String,
                diceDifferenceIntervals: [String: ConfidenceInterval] = [:],
                reproducedBitForBit: Bool? = nil, configurations: [ConfigurationSummary] = [], notes: [String] = []) {
        self.title = title; self.runs = runs; self.baselineID = baselineID
        self.diceDifferenceIntervals = diceDifferenceIntervals
        self.reproducedBitForBit = reproducedBitForBit
        self.configurations = configurations; self.notes = notes
    }

    public var baseline: RunSummary? { runs.first { $0.runID == baselineID } }

    /// The parameters whose value is not the same in every run (a path missing from a run
    /// counts as different), in order of first appearance. Each row holds one value per run,
    /// nil where the run lacks the path.
    public var differingParameters: [(path: String, values: [String?])] {
        var paths: [String] = []
        var seen = Set<String>()
        for run in runs {
            for parameter in run.parameters where seen.insert(parameter.path).inserted {
                paths.append(parameter.path)
            }
        }
        return paths.compactMap { path in
            let values = runs.map { $0.value(of: path) }
            let first = values[0]
            return values.allSatisfy({ $0 == first }) ? nil : (path, values)
        }
    }
}

public struct ConfidenceInterval: Equatable, Sendable {
    public var lower: Double
    public var upper: Double
    public init(lower: Double, upper: Double) { self.lower = lower; self.upper = upper }

    /// True when the interval excludes zero, i.e. the difference is significant at 5 %.
    public var excludesZero: Bool { lower > 0 || upper < 0 }
}

/// Errors a report can raise; each says which input is wrong and how to fix it.
public enum ReportError: Error, Equatable, CustomStringConvertible {
    case noRuns
    case unknownBaseline(String, available: [String])

    public var description: String {
        switch self {
        case .noRuns:
            return "a comparison needs at least one run; pass run ids, --spec or --sweep"
        case let .unknownBaseline(id, available):
            return "baseline '\(id)' is not among the compared runs (\(available.joined(separator: ", "))); pass one of them with --baseline"
        }
    }
}
