import ArgumentParser
import Foundation

/// `pipeline runs`: list the runs recorded under the runs folder.
struct RunsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs",
        abstract: "List recorded runs with their spec, status and headline Dice.",
        discussion: """
        Newest first. The run ids printed here are what `pipeline report` and \
        `pipeline predict --model` accept.

        Example:
          pipeline runs --runs-dir runs
        """
    )

    @OptionGroup var runs: RunsDirectoryOptions

    func run() throws {
        try Actions.listRuns(RunsListRequest(runsDirectory: runs.runsURL))
    }
}
