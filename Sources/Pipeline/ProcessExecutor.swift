import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs up to `jobs` stages at once on this machine, each as a child process (the `pipeline` binary's
/// one-stage subcommand), dividing the cores between them: with 2 jobs on 2 cores each child is pinned
/// to one core. Pinning does not change a stage's result: the number of threads the kernels split
/// work into is the machine's core count in every child (ProcessInfo ignores affinity), so
/// `--jobs 2` gives the bits `--jobs 1` gives.
public final class ProcessExecutor: Executor {
    /// The child's command line for a stage and the cores it may use.
    public typealias Command = (_ job: ExecutorJob, _ cpus: [Int]) -> (executable: URL, arguments: [String])

    public let jobKind = "local job"
    public var capacity: Int? { jobs }
    public let ordersDependencies = false
    public let jobs: Int
    public let logDirectory: URL
    private let command: Command
    private let cores: Int
    private var children: [String: (process: Process, slot: Int)] = [:]

    /// Logs go to `logDirectory/<label slug>-<key[0..7]>.log`.
    public init(jobs: Int, logDirectory: URL, cores: Int = ProcessInfo.processInfo.activeProcessorCount,
                command: @escaping Command) {
        self.jobs = max(1, jobs)
        self.logDirectory = logDirectory
        self.cores = max(1, cores)
        self.command = command
    }

    /// Slot `slot` of `jobs`: every jobs-th core from `slot`, or one shared core when there are
    /// more jobs than cores.
    public static func cpus(slot: Int, jobs: Int, cores: Int) -> [Int] {
        guard jobs > 1 else { return Array(0..<cores) }
        guard jobs <= cores else { return [slot % cores] }
        return Array(stride(from: slot, to: cores, by: jobs))
    }

    public func submit(_ job: ExecutorJob) throws -> JobHandle {
        let used = Set(children.values.map(\.slot))
        let slot = (0..<jobs).first { !used.contains($0) } ?? 0
        let (executable, arguments) = command(job, Self.cpus(slot: slot, jobs: jobs, cores: cores))
        try FileIO.createDirectory(logDirectory)
        let log = logDirectory.appendingPathComponent(JobNames.file(job) + ".log")
        guard FileManager.default.createFile(atPath: log.path, contents: nil),
              let output = try? FileHandle(forWritingTo: log) else {
            throw CacheError.writeFailed(path: log.path, reason: "cannot create the job's log file")
        }
        defer { try? output.close() }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch {
            throw ExecutorError.cannotStart(what: "\(executable.path) for \(job.label)", reason: "\(error)")
        }
        let id = String(process.processIdentifier)
        children[id] = (process, slot)
        return JobHandle(id: id, key: job.stage.key, log: log, kind: jobKind)
    }

    public func check(_ active: [JobHandle]) throws -> [String: JobState] {
        var states: [String: JobState] = [:]
        for job in active {
            guard let child = children[job.id]?.process else { continue }
            if child.isRunning { states[job.id] = .running; continue }
            children[job.id] = nil
            switch (child.terminationReason, child.terminationStatus) {
            case (.exit, 0): states[job.id] = .succeeded
            case let (.exit, status): states[job.id] = .failed(state: "FAILED", exitCode: String(status))
            case let (.uncaughtSignal, signal) where signal == SIGTERM || signal == SIGINT:
                states[job.id] = .cancelled(reason: "signal \(signal)")
            case let (.uncaughtSignal, signal): states[job.id] = .failed(state: "KILLED", exitCode: "signal \(signal)")
            @unknown default: states[job.id] = .failed(state: "FAILED", exitCode: nil)
            }
        }
        return states
    }

    /// SIGTERM, then waits for each child: a stage killed mid-training keeps its checkpoint.
    public func cancel(_ active: [JobHandle]) {
        let stopping = active.compactMap { children[$0.id]?.process }
        stopping.forEach { if $0.isRunning { $0.terminate() } }
        stopping.forEach { $0.waitUntilExit() }
        active.forEach { children[$0.id] = nil }
    }
}

/// File and job names made from stage labels: letters, digits, `.`, `_`, `=` and `-` kept,
/// anything else (`/`, `,`, ` · `) becomes `-`, runs of `-` collapsed.
public enum JobNames {
    public static func slug(_ label: String) -> String {
        var out = ""
        for c in label {
            let keep = c.isASCII && (c.isLetter || c.isNumber || "._=".contains(c))
            if keep { out.append(c) } else if !out.hasSuffix("-") { out.append("-") }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return out.isEmpty ? "stage" : out
    }

    /// `train-sweep-lr=0.001-3fa2c1d`: unique per key even when two labels read alike.
    public static func file(_ job: ExecutorJob) -> String { job.name + "-" + job.stage.key.prefix(7) }
}
