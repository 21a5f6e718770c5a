import ArgumentParser
import Foundation
import Pipeline

/// `pipeline exec-stage`: what every job runs. Hidden: `pipeline run` writes these command lines.
struct ExecStageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exec-stage",
        abstract: "Produce one stage, by key, into the cache (what each job of an executor runs).",
        discussion: """
        Rebuilds the experiment graph from the spec files, finds the stage with --key and produces \
        it into the cache under --runs-dir (per-key lock, atomic rename, training resumes from \
        runs/work/<key>/). Its inputs must be in the cache already.
        """,
        shouldDisplay: false
    )

    @Option(help: ArgumentHelp("The stage's cache key (64 hex digits).", valueName: "key"))
    var key: String

    @Option(help: ArgumentHelp("Cores to pin the job to, e.g. 0,2.", valueName: "list"))
    var cpus: String?

    @Argument(help: ArgumentHelp("The spec files of the run, as submitted.", valueName: "spec"))
    var specs: [String] = []

    @OptionGroup var runs: RunsDirectoryOptions

    func validate() throws {
        try ArgumentChecks.requireSome(specs, what: "spec file")
        for spec in specs { try ArgumentChecks.requireFile(spec, role: "spec file") }
        guard key.count == 64, key.allSatisfy(\.isHexDigit) else { throw ValidationError("--key must be 64 hex digits, got '\(key)'") }
        if let cpus, CPUAffinity.parse(cpus) == nil { throw ValidationError("--cpus needs core numbers like 0,2, got '\(cpus)'") }
    }

    func run() throws {
        try Actions.execStage(ExecStageRequest(key: key, cpus: cpus.flatMap(CPUAffinity.parse),
                                               specs: specs.map { URL(fileURLWithPath: $0) }, runsDirectory: runs.runsURL))
    }
}

struct ExecStageRequest: Equatable {
    var key: String
    var cpus: [Int]?
    var specs: [URL]
    var runsDirectory: URL
}
