import ArgumentParser
import Foundation

/// `pipeline plan SPEC`: say what `run` would do and why, without doing it.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show which stages of a spec would run, and why, without running them.",
        discussion: """
        Each stage is listed with either the cache entry it would reuse or the one-line reason \
        it must run: a changed parameter (train.lr changed 0.001 → 0.0003), a changed input \
        file, or no cache entry.

        Example:
          pipeline plan experiments/baseline.yaml
        """
    )

    @Argument(help: ArgumentHelp("The experiment spec file (YAML).", valueName: "spec"))
    var spec: String

    @Flag(help: "Check every cached output against its recorded SHA-256, not only its size.")
    var verify = false

    @OptionGroup var runs: RunsDirectoryOptions

    func validate() throws {
        try ArgumentChecks.requireFile(spec, role: "spec file")
    }

    func run() throws {
        try Actions.plan(PlanRequest(spec: URL(fileURLWithPath: spec), runsDirectory: runs.runsURL, verify: verify))
    }
}
