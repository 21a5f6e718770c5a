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

        With --masks, also judges every mask against its image (lung fraction, mask outside the \
        body, border contact, mean HU, connected parts; robust outliers over the data set) with the \
        spec's data.mask_check limits, and prints one row per pair with its verdict and reason. \
        It is a report: it exits 0 however many masks it flags.

        Examples:
          pipeline validate experiments/*.yaml
          pipeline validate experiments/baseline.yaml --masks
        """
    )

    @Argument(help: ArgumentHelp("Experiment spec files (YAML).", valueName: "spec"))
    var specs: [String] = []

    @Flag(help: "Judge every mask against its image and print the table of facts and verdicts.")
    var masks = false

    func validate() throws {
        try ArgumentChecks.requireSome(specs, what: "spec file")
        for spec in specs { try ArgumentChecks.requireFile(spec, role: "spec file") }
    }

    func run() throws {
        try Actions.validate(ValidateRequest(specs: specs.map { URL(fileURLWithPath: $0) }, masks: masks))
    }
}
