import ArgumentParser
import Foundation

/// `pipeline report`: render one run's report, or compare several runs.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Render a run's report, or compare runs against a baseline.",
        discussion: """
        With one run: a Markdown and a self-contained HTML report (spec, metrics, confusion \
        matrix, training curves, per-case Dice, sample overlays). With several runs, the runs of \
        a spec, or a sweep: a comparison showing only the parameters that differ, metric deltas \
        against the baseline with a 95 % confidence interval for the Dice difference, overlaid \
        curves, per-case Dice box plots and the worst cases.

        Examples:
          pipeline report baseline-0501
          pipeline report baseline-0501 lr-3e-4-0501 --baseline baseline-0501
          pipeline report --sweep lr --baseline baseline-0501 --out reports/lr
        """
    )

    @Argument(help: ArgumentHelp("Run ids, as listed by `pipeline runs`.", valueName: "run-id"))
    var runIDs: [String] = []

    @Option(help: ArgumentHelp("Report on the runs of this spec file.", valueName: "spec"))
    var spec: String?

    @Option(help: ArgumentHelp("Compare the runs of the named sweep.", valueName: "name"))
    var sweep: String?

    @Option(help: ArgumentHelp("The run the others are compared against (default: the first).",
                               valueName: "run-id"))
    var baseline: String?

    @Option(name: .customLong("out"), help: ArgumentHelp(
        "Folder to write the report into (default: the run's folder).", valueName: "dir"))
    var outputDirectory: String?

    @OptionGroup var runs: RunsDirectoryOptions

    func validate() throws {
        guard !runIDs.isEmpty || spec != nil || sweep != nil else {
            throw ValidationError("name the runs to report on: give run ids, --spec or --sweep")
        }
        if let spec { try ArgumentChecks.requireFile(spec, role: "spec file") }
        if let sweep, sweep.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--sweep needs a sweep name")
        }
        if let baseline, !runIDs.isEmpty, !runIDs.contains(baseline) {
            throw ValidationError("baseline '\(baseline)' is not among the runs given; add it or pick one of them")
        }
        if let duplicate = firstDuplicate(runIDs) {
            throw ValidationError("run '\(duplicate)' is given twice")
        }
    }

    func run() throws {
        try Actions.report(ReportRequest(
            runIDs: runIDs, spec: spec.map { URL(fileURLWithPath: $0) }, sweep: sweep,
            baseline: baseline,
            outputDirectory: outputDirectory.map { URL(fileURLWithPath: $0, isDirectory: true) },
            runsDirectory: runs.runsURL))
    }

    private func firstDuplicate(_ values: [String]) -> String? {
        var seen = Set<String>()
        return values.first { !seen.insert($0).inserted }
    }
}
