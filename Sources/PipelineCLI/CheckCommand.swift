import ArgumentParser
import Foundation

/// `pipeline check`: verify a runs folder and, with --repair, mend what can be mended.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Verify every cache entry and run record in a runs folder.",
        discussion: """
        Every cache entry's files are checked against the sizes and SHA-256 hashes recorded when \
        it was written. Also listed: unfinished temporaries left by killed runs, run folders \
        without a readable run.json, interrupted runs, and recorded runs whose entries are gone. \
        Exits 1 while anything is left that needs attention.

        With --repair, damaged entries and unfinished temporaries are removed (the next run that \
        needs an entry rebuilds it) and interrupted runs are recorded as interrupted.

        Example:
          pipeline check --repair
        """
    )

    @Flag(help: "Remove damaged entries and unfinished temporaries; record interrupted runs as such.")
    var repair = false

    @OptionGroup var runs: RunsDirectoryOptions

    func run() throws {
        try Actions.check(CheckRequest(repair: repair, runsDirectory: runs.runsURL))
    }
}
