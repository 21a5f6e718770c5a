/// Why a stage did not run at all.
public enum SkipReason: Equatable, CustomStringConvertible {
    /// A stage it depends on failed (or was itself skipped).
    case dependencyFailed(stage: String)
    /// Fail-fast: the run stopped after this stage failed.
    case stoppedAfterFailure(stage: String)

    public var description: String {
        switch self {
        case let .dependencyFailed(stage): return "skipped: depends on \(stage), which failed"
        case let .stoppedAfterFailure(stage): return "not run: stopped after \(stage) failed (fail-fast)"
        }
    }
}

/// What happened to one stage in a run.
public enum StageOutcome {
    case cached
    case ran(seconds: Double)
    case failed(error: Error, seconds: Double)
    case skipped(SkipReason)

    public var succeeded: Bool {
        switch self {
        case .cached, .ran: return true
        case .failed, .skipped: return false
        }
    }
}

/// Progress reported while a run executes, in order, from the runner's thread.
public enum RunEvent {
    case started(ResolvedStage)
    /// Stage output lines (`StageContext.log`).
    case log(ResolvedStage, String)
    /// Structured progress (`StageContext.progress`).
    case progress(ResolvedStage, StageProgress)
    case warning(CacheWarning)
    case finished(ResolvedStage, StageOutcome)
}

/// The result of a run: every stage's outcome in execution order.
public struct RunSummary {
    public let results: [(stage: ResolvedStage, outcome: StageOutcome)]
    public let seconds: Double

    public var succeeded: Bool { results.allSatisfy(\.outcome.succeeded) }

    public func outcome(forKey key: String) -> StageOutcome? {
        results.first { $0.stage.key == key }?.outcome
    }

    public var ranCount: Int { results.filter { if case .ran = $0.outcome { return true }; return false }.count }
    public var cachedCount: Int { results.filter { if case .cached = $0.outcome { return true }; return false }.count }
    public var failedCount: Int { results.filter { if case .failed = $0.outcome { return true }; return false }.count }
    public var skippedCount: Int {
        results.filter { if case .skipped = $0.outcome { return true }; return false }.count
    }
}
