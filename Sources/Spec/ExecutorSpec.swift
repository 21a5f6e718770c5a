/// The optional `executor:` section: where `pipeline run` places the stages (this machine, or a
/// Slurm cluster) and what each Slurm job asks for. It changes where work runs, never what it
/// computes, so no field is part of a stage key and a sweep cannot vary it. Command-line flags win
/// over it; every field is nil when not given.
public struct ExecutorSpec: Equatable, Sendable {
    public enum Kind: String, CaseIterable, Sendable {
        /// This machine: one stage at a time in the process, or `jobs` child processes at once.
        case local
        /// One `sbatch` job per stage, ordered by Slurm dependencies.
        case slurm
    }

    public var kind: Kind?
    /// Stages run at once by the local executor.
    public var jobs: Int?
    public var partition: String?
    /// Slurm's time limit per job: `MM`, `MM:SS`, `HH:MM:SS`, `D-HH`, `D-HH:MM` or `D-HH:MM:SS`.
    public var time: String?
    public var cpusPerTask: Int?
    /// Memory per job as sbatch's `--mem`: a number with an optional K, M, G or T suffix (MB without).
    public var memory: String?
    /// Extra sbatch arguments, each as one word (`--account=lab`).
    public var sbatchArguments: [String]?

    public init(kind: Kind? = nil, jobs: Int? = nil, partition: String? = nil, time: String? = nil,
                cpusPerTask: Int? = nil, memory: String? = nil, sbatchArguments: [String]? = nil) {
        self.kind = kind; self.jobs = jobs; self.partition = partition; self.time = time
        self.cpusPerTask = cpusPerTask; self.memory = memory; self.sbatchArguments = sbatchArguments
    }

    /// True when the spec has no `executor:` section (or an empty one).
    public var isEmpty: Bool { self == ExecutorSpec() }

    /// The fields only the Slurm executor reads, by spec key, for "applies only to" messages.
    public var slurmFieldsGiven: [String] {
        [("partition", partition != nil), ("time", time != nil), ("cpus_per_task", cpusPerTask != nil),
         ("mem", memory != nil), ("sbatch_args", sbatchArguments != nil)].filter(\.1).map(\.0)
    }

    /// sbatch arguments `pipeline` sets itself for every job; giving them again would break the
    /// dependency chain or the log files it reads.
    public static let reservedSbatchOptions = ["--dependency", "-d", "--output", "-o", "--error", "-e", "--job-name", "-J",
                                               "--parsable", "--kill-on-invalid-dep", "--wrap", "--array", "-a"]

    /// Slurm's time formats; nil when `text` is one of them, else what is wrong.
    public static func timeProblem(_ text: String) -> String? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count <= 2 else { return "has more than one '-'" }
        let clock = parts.last!.split(separator: ":", omittingEmptySubsequences: false)
        let allDigits = (parts.count == 2 ? [parts[0]] : []) + clock
        guard allDigits.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }) else {
            return "must be digits separated by ':' (and a 'D-' day prefix)"
        }
        guard clock.count <= 3 else { return "has more than three ':'-separated fields" }
        if clock.count > 1, clock.dropFirst().contains(where: { Int($0)! >= 60 }) { return "minutes and seconds must be below 60" }
        return nil
    }

    /// `4G`, `8000M`, `512`; nil when valid, else what is wrong.
    public static func memoryProblem(_ text: String) -> String? {
        var digits = Substring(text)
        if let last = digits.last, "KMGTkmgt".contains(last) { digits = digits.dropLast() }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), Int(digits)! > 0 else {
            return "must be a positive number with an optional K, M, G or T suffix, e.g. 4G"
        }
        return nil
    }
}
