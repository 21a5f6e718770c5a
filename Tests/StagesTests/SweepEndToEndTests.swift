import Foundation
import Imaging
import Pipeline
import XCTest
@testable import Stages

/// A sweep run end to end, then read back the way `pipeline report` and `pipeline predict` read it.
final class SweepEndToEndTests: XCTestCase {
    func testRepeatedSeedsTrainDifferentModelsOnOneSplitAndCompareAsOneConfiguration() throws {
        let sandbox = try ExperimentSandbox()
        try sandbox.writeSpec(extra: "sweep:\n  seeds: [0, 1, 2]")
        let result = try sandbox.experiment().run()
        XCTAssertTrue(result.succeeded, "\(result.members.map(\.record.failure))")
        let cache = StageCache(root: sandbox.runs)
        let splits = try result.members.map { member in
            try StageFiles.readJSON(TrainingSplit.self, from: cache.entryDirectory(forKey: member.record.stageKeys["train"]!)
                .appendingPathComponent(EntryFiles.split))
        }
        XCTAssertEqual(Set(splits.map(\.validation)).count, 1, "every seed is scored on the same cases: \(splits)")
        XCTAssertEqual(Set(result.members.map { $0.record.stageKeys["train"]! }).count, 3, "each seed trains its own model")
        let evidence = try result.members.map { try RunEvidence.load($0.record, runsRoot: sandbox.runs) }
        let comparison = try ComparisonBuilder.build(evidence, title: "seeds").comparison
        XCTAssertEqual(comparison.configurations.count, 1)
        XCTAssertEqual(comparison.configurations[0].seeds, ["0", "1", "2"])
        XCTAssertTrue(comparison.notes.isEmpty, "\(comparison.notes)")
    }

    func testSweepSharesPreprocessAndItsRunsCompareAndPredictLikeEvaluate() throws {
        let sandbox = try ExperimentSandbox()
        try sandbox.writeSpec(epochs: 2, extra: "sweep:\n  train.lr: [1e-2, 3e-3]")
        let result = try sandbox.experiment().run()
        XCTAssertTrue(result.succeeded, "\(result.members.map(\.record.failure))")
        XCTAssertEqual(result.members.count, 2)
        let ran = result.summary.results.map(\.stage.stage)
        XCTAssertEqual(ran.filter { $0 == "preprocess" }.count, 1, "shared stages run once: \(ran)")
        XCTAssertEqual(ran.filter { $0 == "train" }.count, 2, "train fans out: \(ran)")

        // The comparison reads what evaluate wrote: per-case metrics, worst-case overlays, a paired CI.
        let evidence = try result.members.map { try RunEvidence.load($0.record, runsRoot: sandbox.runs) }
        let comparison = try ComparisonBuilder.build(evidence, title: "lr sweep").comparison
        XCTAssertEqual(comparison.differingParameters.map(\.path), ["train.lr"])
        XCTAssertNotNil(comparison.diceDifferenceIntervals[result.members[1].record.id])
        XCTAssertFalse(evidence[0].summary.overlays.isEmpty, "worst cases are shown as overlays")

        // predict on the validation slices at the training size gives evaluate's masks, pixel for pixel.
        let record = result.members[0].record
        let cache = StageCache(root: sandbox.runs)
        let split = try StageFiles.readJSON(TrainingSplit.self, from: cache.entryDirectory(forKey: record.stageKeys["train"]!)
                                                .appendingPathComponent(EntryFiles.split))
        let slices = cache.entryDirectory(forKey: record.stageKeys["ingest"]!).appendingPathComponent("data/images")
        let inputs = split.validation.map { slices.appendingPathComponent("\($0).tif") }
        let run = try TrainedRun.load(record.id, runsRoot: sandbox.runs)
        let out = sandbox.root.appendingPathComponent("predicted")
        try Predictor(segmenter: run.segmenter(), preprocessor: run.preprocessor)
            .predict(inputs: inputs, outputDirectory: out)
        let evaluated = [UInt8](try Data(contentsOf: cache.entryDirectory(forKey: record.stageKeys["evaluate"]!)
                                                .appendingPathComponent(EntryFiles.predictions)))
        let predicted = try split.validation.flatMap { id in
            try ImageReader.read(path: out.appendingPathComponent("\(id).png").path).pixels.map { UInt8($0 > 0 ? 1 : 0) }
        }
        XCTAssertEqual(predicted.count, evaluated.count)
        XCTAssertEqual(predicted, evaluated, "predict and evaluate must agree on the same slices")
    }
}
