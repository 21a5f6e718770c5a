import Foundation

/// A placed job that did not produce its stage's entry: which job, how it ended, where its log is,
/// and the stage's own error read from the log's tail.
public struct JobFailed: Error, Equatable, CustomStringConvertible {
    public let job: JobHandle
    public let state: JobState
    /// The stage's own message (`training diverged: …`), or what the scheduler's state means.
    public let message: String

    public init(job: JobHandle, state: JobState, message: String) {
        self.job = job; self.state = state; self.message = message
    }

    public var description: String {
        "\(job) \(state.description): \(message) (log \(job.log.path))"
    }

    /// What a scheduler state means and what to do, for jobs whose log holds no error line.
    public static func explanation(of state: JobState) -> String {
        switch state {
        case .failed("TIMEOUT", _): return "the job ran past its time limit; give a longer --time and rerun (training resumes from its checkpoint)"
        case .failed("OUT_OF_MEMORY", _): return "the job ran out of memory; give a larger --mem and rerun"
        case .failed("NODE_FAIL", _): return "the node running the job failed; rerun to resubmit it"
        case .failed("PREEMPTED", _): return "the job was preempted; rerun to resubmit it (training resumes from its checkpoint)"
        case let .failed(_, code?): return "the stage exited with code \(code) and left no error line in its log"
        case .failed: return "the job failed and left no error line in its log"
        case .cancelled: return "the job was cancelled (scancel, Ctrl-C or an administrator); rerun to resubmit it"
        case .succeeded: return "the job ended with exit code 0 but the stage's cache entry is missing or corrupt"
        case .pending, .running: return "the job has not finished"
        }
    }
}

/// Failures of the executors' own work (starting processes, talking to Slurm).
public enum ExecutorError: Error, Equatable, CustomStringConvertible {
    /// `sbatch` or another tool is not on PATH.
    case toolMissing(tool: String)
    case commandFailed(command: String, status: Int32, stderr: String)
    case unexpectedOutput(command: String, output: String)
    case cannotStart(what: String, reason: String)
    /// Ctrl-C (SIGINT) while following: the listed jobs were cancelled.
    case interrupted(cancelled: [String])
    /// A stage for which no job was submitted (`pipeline status` never submits).
    case notSubmitted(stage: String)

    public var description: String {
        switch self {
        case let .toolMissing(tool):
            return "\(tool) is not on PATH; run this on a Slurm login node, or use --executor local"
        case let .commandFailed(command, status, stderr):
            let detail = stderr.trimmingCharacters(in: .whitespacesAndNewlines)
            return "\(command) failed (exit \(status))\(detail.isEmpty ? "" : ": \(detail)"); check SLURM_CONF and that the cluster is up (sinfo)"
        case let .unexpectedOutput(command, output):
            return "\(command) printed '\(output)', which is not a job id; check the Slurm version and --sbatch-arg values"
        case let .cannotStart(what, reason):
            return "cannot start \(what): \(reason)"
        case let .interrupted(cancelled) where cancelled.isEmpty:
            return "interrupted (Ctrl-C); no jobs were active"
        case let .interrupted(cancelled):
            return "interrupted (Ctrl-C); cancelled \(cancelled.count) job(s) this run submitted: \(cancelled.joined(separator: ", "))"
        case let .notSubmitted(stage):
            return "no job was submitted for \(stage); run the same `pipeline run` again to submit what is missing"
        }
    }
}
