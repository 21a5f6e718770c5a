/// Why runs cannot be summarised or compared; each message names the run or file and what to do.
public enum CompareError: Error, Equatable, CustomStringConvertible {
    case runNotEvaluated(runID: String, reason: String)
    case unreadableEntryFile(path: String, reason: String)
    case missingEntry(runID: String, stage: String, key: String)
    case caseSetsDiffer(runID: String, baselineID: String, onlyInRun: [String], onlyInBaseline: [String])
    case noRunsSelected(String)

    public var description: String {
        switch self {
        case let .runNotEvaluated(runID, reason):
            return "run \(runID) has no evaluation to compare (\(reason)); leave it out or re-run its spec"
        case let .unreadableEntryFile(path, reason):
            return "\(path): cannot read (\(reason)); the cache entry is damaged, re-run the spec to recreate it"
        case let .missingEntry(runID, stage, key):
            return "run \(runID): its \(stage) cache entry \(key.prefix(12))… is missing or corrupt; "
                + "re-run the run's spec to recreate it"
        case let .caseSetsDiffer(runID, baselineID, onlyInRun, onlyInBaseline):
            func list(_ ids: [String]) -> String {
                ids.isEmpty ? "none" : ids.prefix(5).joined(separator: ", ") + (ids.count > 5 ? ", … (\(ids.count))" : "")
            }
            return "runs \(runID) and \(baselineID) were evaluated on different cases (only in \(runID): \(list(onlyInRun)); "
                + "only in \(baselineID): \(list(onlyInBaseline))); a paired comparison needs the same validation "
                + "cases, so use the same data, split and seed"
        case let .noRunsSelected(what):
            return "no recorded runs match \(what); 'pipeline runs' lists them"
        }
    }
}
