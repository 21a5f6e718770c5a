import Foundation

/// Asks the cluster how its jobs are: squeue for jobs the controller still holds (until MinJobAge
/// after they end), then sacct for the rest (slurmdbd, or `sacct -c`: the job-completion log, which
/// needs no database). Exit codes of failed jobs come from scontrol. Used by the Slurm executor and by
/// `pipeline status`, which follows jobs an earlier command submitted.
public final class SlurmQueue {
    /// Polls in a row in which nothing knew a job; after `unknownPollLimit` it counts as lost.
    private var unknownPolls: [String: Int] = [:]
    static let unknownPollLimit = 5

    public init() {}

    public func states(of ids: [String]) throws -> [String: JobState] {
        guard !ids.isEmpty else { return [:] }
        var states = SlurmStates.parseSqueue(try queue(ids))
        let missing = ids.filter { states[$0] == nil }
        if !missing.isEmpty { states.merge(accounting(missing)) { old, _ in old } }
        for (id, state) in states {
            if case let .failed(name, nil) = state, let code = exitCode(id) { states[id] = .failed(state: name, exitCode: code) }
        }
        for id in ids {
            if states[id] != nil { unknownPolls[id] = nil; continue }
            unknownPolls[id, default: 0] += 1
            if unknownPolls[id]! >= Self.unknownPollLimit { states[id] = .failed(state: "UNKNOWN", exitCode: nil) }
        }
        return states
    }

    /// `scancel`; jobs already ended are ignored by Slurm.
    public func cancel(_ ids: [String]) {
        guard !ids.isEmpty else { return }
        _ = try? ToolCommand.run("scancel", ids)
    }

    /// squeue exits 1 when no id is known any more; that is an empty answer, not a failure.
    private func queue(_ ids: [String]) throws -> String {
        let output = try ToolCommand.run("squeue", ["-h", "-t", "all", "-j", ids.joined(separator: ","), "-o", SlurmStates.squeueFormat])
        if output.status != 0, !output.stderr.contains("Invalid job id") {
            throw ExecutorError.commandFailed(command: "squeue", status: output.status, stderr: output.stderr)
        }
        return output.stdout
    }

    private func accounting(_ ids: [String]) -> [String: JobState] {
        let base = ["-n", "-P", "-j", ids.joined(separator: ","), "-o", SlurmStates.sacctFields]
        for arguments in [base, ["-c"] + base] {
            if let output = try? ToolCommand.run("sacct", arguments), output.status == 0 {
                let states = SlurmStates.parseSacct(output.stdout)
                if !states.isEmpty { return states }
            }
        }
        return [:]
    }

    private func exitCode(_ id: String) -> String? {
        guard let output = try? ToolCommand.run("scontrol", ["-o", "show", "job", id]), output.status == 0,
              let parsed = SlurmStates.parseScontrol(output.stdout), case let .failed(_, code) = parsed.state else { return nil }
        return code
    }
}
