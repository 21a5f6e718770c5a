import ArgumentParser
import Foundation

/// `pipeline status [ID...]`: follow Slurm jobs a `pipeline run --executor slurm` submitted.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the Slurm jobs of submitted runs; write their run folders once they are done.",
        discussion: """
        Lists each submitted stage with its key, Slurm job id and state (pending, running, \
        completed, FAILED, TIMEOUT, cancelled…). When every job of a submission has ended, writes \
        its run folders (run.json, plan, log, report) as a run that waited would have. Without an \
        id: every submission whose run folders are not written yet.

        Example:
          pipeline run experiments/sweep-example.yaml --executor slurm --detach
          pipeline status
        """
    )

    @Argument(help: ArgumentHelp("Submission ids (as `pipeline run --detach` prints) or run ids, or a prefix.",
                                 valueName: "id"))
    var ids: [String] = []

    @OptionGroup var runs: RunsDirectoryOptions

    func run() throws {
        try Actions.status(StatusRequest(ids: ids, runsDirectory: runs.runsURL))
    }
}

struct StatusRequest: Equatable {
    var ids: [String]
    var runsDirectory: URL
}
