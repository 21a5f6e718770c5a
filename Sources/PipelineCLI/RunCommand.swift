import ArgumentParser
import Foundation

/// `pipeline run SPEC...`: execute every stage of each spec, reusing cached stages.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the stages of one or more experiment specs, reusing cached results.",
        discussion: """
        Each spec becomes one run folder under --runs-dir holding its plan, log, metrics and \
        report. A stage whose inputs, parameters and code are unchanged is taken from the cache. \
        When a stage fails its dependents are skipped; with several specs the others still run \
        unless --fail-fast is given.

        By default stages run one at a time in this process. --executor local --jobs N runs \
        independent stages (sweep members) N at once, each a child process on its share of the \
        cores. --executor slurm submits one sbatch job per stage that is not cached, ordered by \
        Slurm dependencies, into the shared cache under --runs-dir (on a file system every node \
        sees), and follows them; Ctrl-C cancels them, --detach leaves them running (see \
        `pipeline status`). The same settings may sit in a spec's executor: section; flags win.

        Examples:
          pipeline run experiments/baseline.yaml experiments/lr-3e-4.yaml --fail-fast
          pipeline run experiments/sweep-example.yaml --executor local --jobs 2
          pipeline run experiments/sweep-example.yaml --executor slurm --time 01:00:00
        """
    )

    @Argument(help: ArgumentHelp("Experiment spec files (YAML).", valueName: "spec"))
    var specs: [String] = []

    @Flag(help: "Stop at the first spec that fails instead of running the rest.")
    var failFast = false

    @Flag(help: "Print only failures and the final summary; no progress bar.")
    var quiet = false

    @Flag(help: "Check every cached output against its recorded SHA-256, not only its size; rebuild what differs.")
    var verify = false

    @OptionGroup var runs: RunsDirectoryOptions

    @OptionGroup(title: "Executor") var placement: ExecutorOptions

    func validate() throws {
        try ArgumentChecks.requireSome(specs, what: "spec file")
        for spec in specs { try ArgumentChecks.requireFile(spec, role: "spec file") }
    }

    func run() throws {
        try Actions.runAnywhere(RunRequest(
            specs: specs.map { URL(fileURLWithPath: $0) }, failFast: failFast,
            runsDirectory: runs.runsURL, quiet: quiet, verify: verify, executor: placement.request))
    }
}
