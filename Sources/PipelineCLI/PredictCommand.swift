import ArgumentParser
import Foundation

extension TestTimeAugmentation: ExpressibleByArgument {}

/// `pipeline predict`: segment new images with a trained run's model.
struct PredictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Segment CT slices or NIfTI volumes with the model of a finished run.",
        discussion: """
        Writes one mask PNG and one overlay PNG per input slice into --out, and lung-area.csv \
        (areas in mm² when --pixel-spacing is given). A NIfTI volume (.nii, .nii.gz) is segmented \
        axial slice by axial slice into <stem>-mask.nii.gz with the scan's header (dimensions, \
        spacing, qform/sform), overlays of three representative slices, and one row of \
        lung-volumes.csv (left, right and total lung in mL, from the header's spacing). \
        Post-processing keeps the K largest connected components and can fill holes inside the lungs.

        Example:
          pipeline predict --model baseline-0501 scans/*.tif --out predictions \\
            --pixel-spacing 0.7 --largest-components 2 --fill-holes --tta flip
        """
    )

    @Option(help: ArgumentHelp("Run id (or run folder) whose trained model to use.", valueName: "run"))
    var model: String

    @Argument(help: ArgumentHelp("CT slices (TIFF or PNG) or volumes (.nii, .nii.gz) to segment.", valueName: "input"))
    var inputs: [String] = []

    @Option(name: .customLong("out"), help: ArgumentHelp("Folder to write masks and overlays into.",
                                                         valueName: "dir"))
    var outputDirectory: String

    @Option(help: ArgumentHelp("In-plane pixel size in millimetres, for areas in mm².", valueName: "mm"))
    var pixelSpacing: Double?

    @Option(help: ArgumentHelp("Keep only the K largest connected components (2 for two lungs).",
                               valueName: "k"))
    var largestComponents: Int?

    @Flag(help: "Fill holes enclosed by the predicted lungs.")
    var fillHoles = false

    @Option(help: ArgumentHelp("Test-time augmentation to average over.", valueName: "kind"))
    var tta: TestTimeAugmentation?

    @OptionGroup var runs: RunsDirectoryOptions

    func validate() throws {
        try ArgumentChecks.requireSome(inputs, what: "input image")
        for input in inputs { try ArgumentChecks.requireFile(input, role: "input image") }
        if let pixelSpacing, !(pixelSpacing > 0 && pixelSpacing.isFinite) {
            throw ValidationError("--pixel-spacing must be a positive number of millimetres, got \(pixelSpacing)")
        }
        if let largestComponents, largestComponents < 1 {
            throw ValidationError("--largest-components must be at least 1, got \(largestComponents)")
        }
        if model.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--model needs a run id")
        }
    }

    func run() throws {
        try Actions.predict(PredictRequest(
            model: model, inputs: inputs.map { URL(fileURLWithPath: $0) },
            outputDirectory: URL(fileURLWithPath: outputDirectory, isDirectory: true),
            pixelSpacingMillimetres: pixelSpacing, largestComponents: largestComponents,
            fillHoles: fillHoles, augmentation: tta, runsDirectory: runs.runsURL))
    }
}
