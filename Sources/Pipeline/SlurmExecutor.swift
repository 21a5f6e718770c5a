import Foundation

/// What every job of a sweep asks Slurm for; nil fields are left to the site's defaults.
public struct SlurmSettings: Equatable, Sendable {
    public var partition: String?
    /// `HH:MM:SS`, `MM:SS`, `D-HH:MM:SS`, … as sbatch accepts it.
    public var time: String?
    public var cpusPerTask: Int?
    /// `4G`, `8000M`: per node, as sbatch's `--mem`.
    public var memory: String?
    /// Passed to sbatch as they are, after the settings above (`--account=lab`, `--qos=short`).
    public var extraArguments: [String] = []

    public init(partition: String? = nil, time: String? = nil, cpusPerTask: Int? = nil, memory: String? = nil,
                extraArguments: [String] = []) {
        self.partition = partition; self.time = time; self.cpusPerTask = cpusPerTask; self.memory = memory
        self.extraArguments = extraArguments
    }

    var sbatchArguments: [String] {
        var arguments: [String] = []
        if let partition { arguments.append("--partition=\(partition)") }
        if let time { arguments.append("--time=\(time)") }
        if let cpusPerTask { arguments.append("--cpus-per-task=\(cpusPerTask)") }
        if let memory { arguments.append("--mem=\(memory)") }
        return arguments + extraArguments
    }
}

/// Every stage that is not cached becomes one `sbatch` job running `pipeline exec-stage` on its key,
/// with `--dependency=afterok:` on the jobs of its inputs, so Slurm orders the work, and
/// `--kill-on-invalid-dep=yes`, so a failed job's dependents are cancelled instead of pending forever.
/// Each job's script and log (`-o`) sit in `jobDirectory`, which must be on a file system the nodes see.
public final class SlurmExecutor: Executor {
    /// The job's command line (the `pipeline` binary and its one-stage subcommand).
    public typealias Command = (ExecutorJob) -> (executable: URL, arguments: [String])

    public let jobKind = "Slurm job"
    public let capacity: Int? = nil
    public let ordersDependencies = true
    public let settings: SlurmSettings
    public let jobDirectory: URL
    private let command: Command
    private let queue = SlurmQueue()

    public init(settings: SlurmSettings, jobDirectory: URL, command: @escaping Command) {
        self.settings = settings
        self.jobDirectory = jobDirectory
        self.command = command
    }

    /// Fails early, with what to do, when the client tools are missing (not a login node).
    public static func checkAvailable() throws {
        for tool in ["sbatch", "squeue", "scancel"] where ToolCommand.locate(tool) == nil {
            throw ExecutorError.toolMissing(tool: tool)
        }
    }

    public func submit(_ job: ExecutorJob) throws -> JobHandle {
        try FileIO.createDirectory(jobDirectory)
        let name = JobNames.file(job)
        let script = jobDirectory.appendingPathComponent(name + ".sh")
        let (executable, arguments) = command(job)
        let line = ([executable.path] + arguments).map(ToolCommand.shellQuoted).joined(separator: " ")
        let text = "#!/bin/sh\n# \(job.label), key \(job.stage.key)\nexec \(line)\n"
        try FileIO.write(Array(text.utf8), to: script)
        var sbatch = ["--parsable", "--job-name=\(job.name)",
                      "--output=\(jobDirectory.appendingPathComponent(name).path)-%j.out", "--kill-on-invalid-dep=yes"]
        if !job.after.isEmpty { sbatch.append("--dependency=afterok:" + job.after.map(\.id).joined(separator: ":")) }
        sbatch += settings.sbatchArguments + [script.path]
        let printed = try ToolCommand.succeed("sbatch", sbatch)
        guard let id = SlurmStates.parseSubmission(printed) else {
            throw ExecutorError.unexpectedOutput(command: "sbatch --parsable", output: printed.trimmingSpaces)
        }
        return JobHandle(id: id, key: job.stage.key, log: jobDirectory.appendingPathComponent("\(name)-\(id).out"), kind: jobKind)
    }

    public func check(_ active: [JobHandle]) throws -> [String: JobState] { try queue.states(of: active.map(\.id)) }

    public func cancel(_ active: [JobHandle]) { queue.cancel(active.map(\.id)) }
}
