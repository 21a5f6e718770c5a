import Foundation
import Pipeline
import XCTest
@testable import Stages

/// A training run killed after epoch k and rerun ends with exactly the weights of a run that was
/// never interrupted: every random stream is keyed by (seed, epoch, sample) and the checkpoint
/// holds the model, Adam's moments and step, and the history.
final class TrainingResumeTests: XCTestCase {
    struct SimulatedKill: Error {}

    func testInterruptedTrainingResumesToBitwiseIdenticalWeights() throws {
        let uninterrupted = try ExperimentSandbox()
        try uninterrupted.writeSpec(epochs: 3, extra: "augment:\n  flip_horizontal: 0.5\n  rotation: 10")
        let reference = try uninterrupted.experiment().run()
        XCTAssertTrue(reference.succeeded, "\(reference.members.map(\.record.failure))")

        let interrupted = try ExperimentSandbox()
        try interrupted.writeSpec(epochs: 3, extra: "augment:\n  flip_horizontal: 0.5\n  rotation: 10")
        let killed = try interrupted.experiment(hooks: TrainingHooks(afterEpoch: { if $0 == 2 { throw SimulatedKill() } })).run()
        XCTAssertFalse(killed.succeeded)
        // Progress reaches the reporter through the stage context: only epoch 3 is trained again.
        var printed = ""
        let reporter = ProgressReporter(style: .plain(everySeconds: 1e9), write: { printed += $0 })
        let resumed = try interrupted.experiment().run(reporter: reporter)
        XCTAssertTrue(resumed.succeeded, "\(resumed.members.map(\.record.failure))")
        let epochLines = printed.split(separator: "\n").filter { $0.hasPrefix("  epoch ") && $0.contains(" loss ") && !$0.contains("batch") }
        XCTAssertEqual(epochLines.map { $0.split(separator: " ")[1] }, ["3/3"], "epochs 1 and 2 come from the checkpoint: \(printed)")

        let a = try modelBytes(reference, runs: uninterrupted.runs)
        let b = try modelBytes(resumed, runs: interrupted.runs)
        XCTAssertEqual(a.count, b.count)
        XCTAssertTrue(a == b, "resumed weights differ from the uninterrupted run's")
        let historyA = try Data(contentsOf: entry(reference, "train", runs: uninterrupted.runs).appendingPathComponent("history.json"))
        let historyB = try Data(contentsOf: entry(resumed, "train", runs: interrupted.runs).appendingPathComponent("history.json"))
        XCTAssertEqual(try losses(historyA), try losses(historyB))
    }

    private func entry(_ result: ExperimentResult, _ stage: String, runs: URL) throws -> URL {
        let key = try XCTUnwrap(result.members[0].record.stageKeys[stage])
        return StageCache(root: runs).entryDirectory(forKey: key)
    }

    private func modelBytes(_ result: ExperimentResult, runs: URL) throws -> Data {
        try Data(contentsOf: entry(result, "train", runs: runs).appendingPathComponent("model.safetensors"))
    }

    private func losses(_ history: Data) throws -> [Double] {
        try JSONDecoder().decode([EpochRecord].self, from: history).map(\.trainLoss)
    }
}
