import ArgumentParser
import Foundation

/// `pipeline gc`: delete cache entries no recorded run refers to.
struct GCCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gc",
        abstract: "Delete cache entries that no recorded run refers to.",
        discussion: """
        Entries used by any run folder are kept, so every recorded run can still be reported \
        and reproduced. Use --dry-run first to see what would go and how much space it frees.

        Example:
          pipeline gc --dry-run
        """
    )

    @Flag(help: "List what would be deleted and the space freed, and delete nothing.")
    var dryRun = false

    @OptionGroup var runs: RunsDirectoryOptions

    func run() throws {
        try Actions.collectGarbage(GCRequest(dryRun: dryRun, runsDirectory: runs.runsURL))
    }
}
