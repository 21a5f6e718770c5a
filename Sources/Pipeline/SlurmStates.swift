/// Reads job states out of what Slurm's tools print: `squeue -h -t all -o %i|%T|%r`,
/// `sacct -n -P -o JobID,State,ExitCode` (with `-c`, from the job-completion log, when there is no
/// slurmdbd) and `scontrol -o show job`. Pure functions, so the parsing is tested without a cluster.
public enum SlurmStates {
    /// The `%i|%T|%r` format squeue is asked for.
    public static let squeueFormat = "%i|%T|%r"
    /// The fields sacct is asked for.
    public static let sacctFields = "JobID,State,ExitCode"

    /// Slurm's state names, mapped to `JobState`. `reason` and `exitCode` come from the same line.
    public static func state(_ name: String, reason: String? = nil, exitCode: String? = nil) -> JobState? {
        // sacct writes "CANCELLED by 0"; the first word is the state.
        let word = name.split(separator: " ").first.map(String.init)?.uppercased() ?? ""
        let reason = reason.flatMap { $0.isEmpty || $0 == "None" || $0 == "(null)" ? nil : $0 }
        switch word {
        case "PENDING", "CONFIGURING", "REQUEUED", "REQUEUE_HOLD", "REQUEUE_FED", "RESV_DEL_HOLD", "SUSPENDED", "STOPPED":
            return .pending(reason: reason)
        case "RUNNING", "COMPLETING", "SIGNALING", "STAGE_OUT", "RESIZING":
            return .running
        case "COMPLETED":
            return .succeeded
        case "CANCELLED", "REVOKED":
            return .cancelled(reason: reason)
        case "FAILED", "TIMEOUT", "OUT_OF_MEMORY", "NODE_FAIL", "BOOT_FAIL", "DEADLINE", "PREEMPTED", "SPECIAL_EXIT":
            return .failed(state: word, exitCode: exitCode)
        default:
            return nil
        }
    }

    /// `4711|FAILED|NonZeroExitCode` lines → state by job id.
    public static func parseSqueue(_ text: String) -> [String: JobState] {
        var states: [String: JobState] = [:]
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 2, let state = state(fields[1], reason: fields.count > 2 ? fields[2] : nil) else { continue }
            states[fields[0].trimmingSpaces] = state
        }
        return states
    }

    /// `4711|FAILED|3:0` lines → state by job id. Step lines (`4711.batch`) are skipped: the job's
    /// own line carries its state.
    public static func parseSacct(_ text: String) -> [String: JobState] {
        var states: [String: JobState] = [:]
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 2, !fields[0].contains(".") else { continue }
            guard let state = state(fields[1], exitCode: fields.count > 2 ? fields[2] : nil) else { continue }
            states[fields[0].trimmingSpaces] = state
        }
        return states
    }

    /// One `scontrol -o show job` line: JobState, Reason and ExitCode.
    public static func parseScontrol(_ line: String) -> (id: String, state: JobState)? {
        var fields: [String: String] = [:]
        for word in line.split(separator: " ") {
            guard let equals = word.firstIndex(of: "=") else { continue }
            let name = String(word[..<equals])
            if fields[name] == nil { fields[name] = String(word[word.index(after: equals)...]) }
        }
        guard let id = fields["JobId"], let name = fields["JobState"],
              let state = state(name, reason: fields["Reason"], exitCode: fields["ExitCode"]) else { return nil }
        return (id, state)
    }

    /// `4711` or `4711;cluster` (what `sbatch --parsable` prints) → `4711`.
    public static func parseSubmission(_ text: String) -> String? {
        let first = text.split(separator: "\n").first.map { String($0.split(separator: ";").first ?? "") } ?? ""
        let id = first.trimmingSpaces
        return !id.isEmpty && id.allSatisfy(\.isNumber) ? id : nil
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first?.isWhitespace == true { s.removeFirst() }
        while s.last?.isWhitespace == true { s.removeLast() }
        return String(s)
    }
}
