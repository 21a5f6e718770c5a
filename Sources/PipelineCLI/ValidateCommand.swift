import ArgumentParser
import Foundation

/// `pipeline validate SPEC...`: check specs without touching data or the cache.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check experiment specs for unknown keys, bad values and missing data.",
        discussion: """
        Every problem is reported with its file, line and column and, for a misspelt key, the \
        key that was probably meant. Nothing is trained or written.

        Example:
          pipeline validate experiments/*.yaml
        """
    )

    @Argument(help: ArgumentHelp("Experiment spec files (YAML).", valueName: "spec"))
    var specs: [String] = []

    func validate() throws {
        try ArgumentChecks.requireSome(specs, what: "spec file")
        for spec in specs { try ArgumentChecks.requireFile(spec, role: "spec file") }
    }

    func run() throws {
        try Actions.validate(ValidateRequest(specs: specs.map { URL(fileURLWithPath: $0) }))
    }
}
