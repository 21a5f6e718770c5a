import ArgumentParser
import Foundation
import Pipeline
import Spec

extension ExecutorSpec.Kind: ExpressibleByArgument {}

/// `pipeline run`'s choice of where stages run; each flag wins over the spec's `executor:` section.
struct ExecutorOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Where stages run: local (this machine) or slurm (one sbatch job per stage).",
                               valueName: "kind"))
    var executor: ExecutorSpec.Kind?

    @Option(help: ArgumentHelp("Local: stages run at once, each a child process on its share of the cores (default 1).",
                               valueName: "n"))
    var jobs: Int?

    @Option(help: ArgumentHelp("Slurm partition of every job.", valueName: "name"))
    var partition: String?

    @Option(help: ArgumentHelp("Slurm time limit per job, e.g. 02:00:00.", valueName: "time"))
    var time: String?

    @Option(help: ArgumentHelp("CPUs per Slurm job.", valueName: "n"))
    var cpusPerTask: Int?

    @Option(help: ArgumentHelp("Memory per Slurm job, e.g. 4G.", valueName: "size"))
    var mem: String?

    @Option(name: .customLong("sbatch-arg"), parsing: .unconditionalSingleValue,
            help: ArgumentHelp("An extra sbatch argument, e.g. --sbatch-arg --account=lab (repeatable).", valueName: "arg"))
    var sbatchArguments: [String] = []

    @Flag(help: "Slurm: return once the jobs are submitted; `pipeline status` follows them and writes the run folders.")
    var detach = false

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1, got \(jobs)") }
        if let cpusPerTask, cpusPerTask < 1 { throw ValidationError("--cpus-per-task must be at least 1, got \(cpusPerTask)") }
        if let time, let problem = ExecutorSpec.timeProblem(time) { throw ValidationError("--time '\(time)' \(problem); e.g. 02:00:00") }
        if let mem, let problem = ExecutorSpec.memoryProblem(mem) { throw ValidationError("--mem '\(mem)' \(problem)") }
        for argument in sbatchArguments {
            let option = String(argument.split(separator: "=", maxSplits: 1).first ?? "")
            if ExecutorSpec.reservedSbatchOptions.contains(option) {
                throw ValidationError("--sbatch-arg \(argument): pipeline sets \(option) itself for every job")
            }
        }
        if executor == .local {
            if let flag = slurmFlags.first { throw ValidationError("\(flag) applies to --executor slurm, not local") }
            if detach { throw ValidationError("--detach needs --executor slurm: a local run ends with this command") }
        }
        if executor == .slurm, jobs != nil {
            throw ValidationError("--jobs applies to --executor local; Slurm decides how many jobs run at once")
        }
    }

    /// The Slurm-only flags given, as typed.
    var slurmFlags: [String] {
        [("--partition", partition != nil), ("--time", time != nil), ("--cpus-per-task", cpusPerTask != nil),
         ("--mem", mem != nil), ("--sbatch-arg", !sbatchArguments.isEmpty), ("--detach", detach)].filter(\.1).map(\.0)
    }

    var request: ExecutorRequest {
        ExecutorRequest(flags: ExecutorSpec(kind: executor, jobs: jobs, partition: partition, time: time, cpusPerTask: cpusPerTask,
                                            memory: mem, sbatchArguments: sbatchArguments.isEmpty ? nil : sbatchArguments),
                        detach: detach)
    }
}

/// The executor flags as values (the CLI's seam: actions never see ArgumentParser types).
struct ExecutorRequest: Equatable {
    var flags = ExecutorSpec()
    var detach = false
}

/// Where a run's stages go once flags and spec sections are combined.
enum Placement: Equatable {
    /// One stage at a time in this process (the default).
    case inProcess
    case processes(jobs: Int)
    case slurm(SlurmSettings, detach: Bool)

    /// Flags win field by field over the specs' `executor:` sections, which must agree with each other.
    static func resolve(_ request: ExecutorRequest, sections: [(file: String, spec: ExecutorSpec)]) throws -> Placement {
        let given = sections.filter { !$0.spec.isEmpty }
        if let first = given.first, let other = given.first(where: { $0.spec != first.spec }) {
            throw PlacementProblem("\(first.file) and \(other.file) have different executor: sections; give them the same one, "
                                   + "or choose with --executor and its flags")
        }
        let spec = given.first?.spec ?? ExecutorSpec()
        let flags = request.flags
        let kind = flags.kind ?? spec.kind ?? .local
        switch kind {
        case .local:
            if request.detach { throw PlacementProblem("--detach needs --executor slurm: a local run ends with this command") }
            if flags.kind == nil, let flag = ExecutorOptionsNames.slurmFlags(in: flags).first {
                throw PlacementProblem("\(flag) applies to --executor slurm; the executor here is local")
            }
            let jobs = flags.jobs ?? spec.jobs ?? 1
            return jobs > 1 ? .processes(jobs: jobs) : .inProcess
        case .slurm:
            if flags.jobs != nil { throw PlacementProblem("--jobs applies to --executor local; Slurm decides how many jobs run at once") }
            return .slurm(SlurmSettings(partition: flags.partition ?? spec.partition, time: flags.time ?? spec.time,
                                        cpusPerTask: flags.cpusPerTask ?? spec.cpusPerTask, memory: flags.memory ?? spec.memory,
                                        extraArguments: (spec.sbatchArguments ?? []) + (flags.sbatchArguments ?? [])),
                          detach: request.detach)
        }
    }
}

enum ExecutorOptionsNames {
    static func slurmFlags(in flags: ExecutorSpec) -> [String] {
        flags.slurmFieldsGiven.map { ["cpus_per_task": "--cpus-per-task", "sbatch_args": "--sbatch-arg"][$0] ?? "--\($0)" }
    }
}

/// Flags and spec sections that do not fit together; names both and what to do.
struct PlacementProblem: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
