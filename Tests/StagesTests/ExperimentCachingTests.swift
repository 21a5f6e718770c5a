import Foundation
import Pipeline
import XCTest
@testable import Stages

/// Keys and invalidation: each stage's key covers exactly the spec fields it reads and its inputs.
final class ExperimentCachingTests: XCTestCase {
    func testPreprocessKeyOfAFixedSpecIsPinned() throws {
        let sandbox = try ExperimentSandbox()
        try sandbox.writeSpec()
        let experiment = try sandbox.experiment()
        let key = experiment.key(member: experiment.members[0], stage: "preprocess")
        // Changes only when the key layout, the preprocess code version or its fields change, or an input's
        // key does (validate's code version 2, the mask check, changed it).
        XCTAssertEqual(key, "e4ddc6139766d40caf63e1fed5e43ae364a58ce977d2fa2c85b70da3419afc57")
    }

    func testFirstRunRunsAllSixStagesAndSecondRunRunsNone() throws {
        let sandbox = try ExperimentSandbox()
        try sandbox.writeSpec()
        let first = try sandbox.experiment().run()
        XCTAssertTrue(first.succeeded, "\(first.members.map(\.record.failure))")
        XCTAssertEqual(first.summary.ranCount, 6)
        let report = try XCTUnwrap(first.members[0].reportPath)
        XCTAssertTrue(try String(contentsOf: report).contains("tiny"))
        for file in ["run.json", "plan.txt", "log.txt", "report.md", "metrics.json", "metrics.csv"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: first.members[0].runDirectory.appendingPathComponent(file).path), file)
        }

        let again = try sandbox.experiment()
        XCTAssertEqual(ExperimentText.planSummary(again.plan()), "nothing to do: all 6 stages cached")
        let second = try again.run()
        XCTAssertTrue(second.succeeded)
        XCTAssertEqual(second.summary.ranCount, 0, "a cached stage must not run")
        XCTAssertEqual(second.summary.cachedCount, 6)
    }

    func testASecondRunsReportDescribesTheSecondRunEvenWhenEveryStageIsCached() throws {
        let sandbox = try ExperimentSandbox()
        try sandbox.writeSpec()
        let first = try sandbox.experiment().run()
        let again = try Experiment(specPaths: [sandbox.specPath], runsRoot: sandbox.runs,
                                   environment: RunEnvironment(toolVersion: "test-2", gitCommit: "c0ffee", machine: "second machine",
                                                               started: Date().addingTimeInterval(3600)))
        let second = try again.run()
        XCTAssertEqual(second.summary.cachedCount, 6)
        let (firstID, secondID) = (first.members[0].record.id, second.members[0].record.id)
        XCTAssertNotEqual(firstID, secondID)
        let html = try String(contentsOf: XCTUnwrap(second.members[0].reportPath))
        XCTAssertTrue(html.contains(secondID) && !html.contains(firstID), "the report names the run it sits in")
        XCTAssertTrue(html.contains("second machine") && html.contains("c0ffee") && html.contains("test-2"))
        for file in ["report.md", "metrics.json"] {
            let text = try String(contentsOf: second.members[0].runDirectory.appendingPathComponent(file))
            XCTAssertTrue(text.contains(secondID) && !text.contains(firstID), file)
        }
        // The cached report entry holds nothing run-specific.
        let entry = StageCache(root: sandbox.runs).entryDirectory(forKey: try XCTUnwrap(second.members[0].record.stageKeys["report"]))
        let summary = try String(contentsOf: entry.appendingPathComponent(EntryFiles.summary))
        XCTAssertFalse(summary.contains(firstID) || summary.contains("test machine"))
    }

    func testChangingLearningRateRerunsOnlyTrainEvaluateAndReport() throws {
        let sandbox = try ExperimentSandbox()
        try sandbox.writeSpec(lr: "1e-2")
        XCTAssertTrue(try sandbox.experiment().run().succeeded)
        try sandbox.writeSpec(lr: "3e-3")
        XCTAssertEqual(try sandbox.stagesThatWillRun(), ["train", "evaluate", "report"])
        XCTAssertEqual(try sandbox.planLines()["train"], "train.lr changed 0.01 → 0.003")
        XCTAssertEqual(try sandbox.planLines()["evaluate"], "depends on train, which will run")
    }

    func testChangingResizeRerunsPreprocessAndEverythingAfter() throws {
        let sandbox = try ExperimentSandbox()
        try sandbox.writeSpec(resize: 32)
        XCTAssertTrue(try sandbox.experiment().run().succeeded)
        try sandbox.writeSpec(resize: 16)
        XCTAssertEqual(try sandbox.stagesThatWillRun(), ["preprocess", "train", "evaluate", "report"])
        XCTAssertEqual(try sandbox.planLines()["preprocess"], "resize changed [32,32] → [16,16]")
    }

    func testChangedMaskFileRerunsFromIngestAndNamesTheFile() throws {
        let sandbox = try ExperimentSandbox()
        try sandbox.writeSpec(data: try sandbox.writeFolderData())
        XCTAssertTrue(try sandbox.experiment().run().succeeded)
        // Flip one mask pixel: same size, new content.
        let mask = sandbox.root.appendingPathComponent("data/masks/PH_0003.tif").path
        try sandbox.flipFirstPixel(ofMaskAt: mask)
        XCTAssertEqual(try sandbox.stagesThatWillRun(), Experiment.stageNames)
        XCTAssertEqual(try sandbox.planLines()["ingest"], "input changed: masks/PH_0003.tif")
    }

    func testSweepMembersShareStagesUpToTrain() throws {
        let sandbox = try ExperimentSandbox()
        try sandbox.writeSpec(extra: "sweep:\n  train.lr: [1e-2, 3e-3]")
        let experiment = try sandbox.experiment()
        XCTAssertEqual(experiment.members.count, 2)
        let plan = experiment.plan()
        XCTAssertEqual(plan.items.filter { $0.stage == "preprocess" }.count, 1, "shared by both members")
        XCTAssertEqual(plan.items.filter { $0.stage == "train" }.count, 2, "one per member")
        let text = experiment.planText(plan)
        XCTAssertTrue(text.contains("shared by 2 members"), text)
        XCTAssertTrue(text.contains("fans out: 2 variants"), text)
    }
}
