import Foundation

// What each command asks of the stages once its arguments are parsed and validated. These are
// the seam between the CLI and Stages: the actions receive values, never ArgumentParser types.

struct RunRequest: Equatable {
    var specs: [URL]
    var failFast: Bool
    var runsDirectory: URL
    var quiet: Bool
    var verify: Bool = false
    /// Where the stages run (ExecutorOptions.swift); the default runs them in this process.
    var executor = ExecutorRequest()
}

struct PlanRequest: Equatable {
    var spec: URL
    var runsDirectory: URL
    var verify: Bool = false
}

struct ValidateRequest: Equatable {
    var specs: [URL]
    /// `--masks`: also print the mask check of each spec's data.
    var masks = false
}

struct RunsListRequest: Equatable {
    var runsDirectory: URL
}

struct ReportRequest: Equatable {
    var runIDs: [String]
    var spec: URL?
    var sweep: String?
    var baseline: String?
    var outputDirectory: URL?
    var runsDirectory: URL
}

/// Test-time augmentation applied at prediction.
enum TestTimeAugmentation: String, CaseIterable, Equatable {
    /// Average the prediction with that of the horizontally flipped image.
    case flip
}

struct PredictRequest: Equatable {
    var model: String
    var inputs: [URL]
    var outputDirectory: URL
    var pixelSpacingMillimetres: Double?
    var largestComponents: Int?
    var fillHoles: Bool
    var augmentation: TestTimeAugmentation?
    var runsDirectory: URL
}

struct GCRequest: Equatable {
    var dryRun: Bool
    var runsDirectory: URL
}

struct CheckRequest: Equatable {
    var repair: Bool
    var runsDirectory: URL
}
