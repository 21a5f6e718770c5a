import Foundation

/// Places stages somewhere to run: child processes on this machine, or jobs of a Slurm cluster.
/// Three calls, after Snakemake's executor plugins (run_job, check_active_jobs, cancel_jobs): the
/// engine plans and decides what is ready, the executor places it, and the job itself runs the same
/// `pipeline` binary on one stage, by key, into the shared cache (`StageCache.produce`).
public protocol Executor: AnyObject {
    /// What a job is called in messages: "Slurm job", "local job".
    var jobKind: String { get }
    /// How many jobs may be active at once; nil when the executor queues them itself.
    var capacity: Int? { get }
    /// True when a job may be placed before the jobs it waits for have finished, because the
    /// executor orders them itself (Slurm's `--dependency=afterok:`).
    var ordersDependencies: Bool { get }

    /// run_job: places `job` and returns its handle at once (it need not have started).
    func submit(_ job: ExecutorJob) throws -> JobHandle
    /// check_active_jobs: the current state of each of `active`; a job missing from the answer is
    /// taken as unchanged.
    func check(_ active: [JobHandle]) throws -> [String: JobState]
    /// cancel_jobs: stops each of `active`, queued or running.
    func cancel(_ active: [JobHandle])
}

/// A stage handed to an executor: its inputs are in the cache, or (for an executor that orders
/// dependencies) produced by the jobs in `after`.
public struct ExecutorJob {
    public let stage: ResolvedStage
    /// For people and job names: "train · sweep/lr=0.001" (see `Runner.run(_:executor:…)`).
    public let label: String
    /// For job and log file names: stage and member(s), e.g. "train-sweep-lr=0.001".
    public let name: String
    /// Jobs of this run that produce inputs of this stage; empty when every input is cached.
    public let after: [JobHandle]

    public init(stage: ResolvedStage, label: String, name: String? = nil, after: [JobHandle]) {
        self.stage = stage; self.label = label; self.name = JobNames.slug(name ?? label); self.after = after
    }
}

/// A placed job: the executor's id for it ("4711"), the stage key it produces and its log file.
public struct JobHandle: Hashable, Codable, Sendable, CustomStringConvertible {
    public let id: String
    public let key: String
    /// Where the job's standard output and error go; the stage's own error is read from its tail.
    public let log: URL
    /// "Slurm job", "local job".
    public let kind: String

    public init(id: String, key: String, log: URL, kind: String) {
        self.id = id; self.key = key; self.log = log; self.kind = kind
    }

    /// `Slurm job 4711`.
    public var description: String { "\(kind) \(id)" }
}

/// Where a placed job is.
public enum JobState: Equatable, Sendable {
    /// Queued; `reason` is the scheduler's word for why (`Dependency`, `Resources`), when it gives one.
    case pending(reason: String?)
    case running
    /// Ended with exit code 0. The engine still checks that the stage's cache entry is there.
    case succeeded
    /// Ended badly: non-zero exit, TIMEOUT, OUT_OF_MEMORY, NODE_FAIL, a signal.
    case failed(state: String, exitCode: String?)
    /// Cancelled before or while running: by `scancel`, by Ctrl-C, or by the scheduler because a
    /// dependency failed (`reason` DependencyNeverSatisfied).
    case cancelled(reason: String?)

    public var isFinished: Bool {
        switch self {
        case .pending, .running: return false
        case .succeeded, .failed, .cancelled: return true
        }
    }

    /// `running`, `pending (Dependency)`, `FAILED (exit 1:0)`: for `pipeline status`.
    public var description: String {
        switch self {
        case let .pending(reason?): return "pending (\(reason))"
        case .pending(nil): return "pending"
        case .running: return "running"
        case .succeeded: return "completed"
        case let .failed(state, code?): return "\(state) (exit \(code))"
        case let .failed(state, nil): return state
        case let .cancelled(reason?): return "cancelled (\(reason))"
        case .cancelled(nil): return "cancelled"
        }
    }
}
