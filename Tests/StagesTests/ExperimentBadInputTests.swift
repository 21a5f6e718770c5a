import Foundation
import Imaging
import Spec
import XCTest
@testable import Stages

/// Broken specs run nothing; bad data is reported per file under the spec's policy; a diverging run
/// says what to do.
final class ExperimentBadInputTests: XCTestCase {
    func testBrokenYAMLIsASpecErrorWithItsLine() throws {
        let sandbox = try ExperimentSandbox()
        try "name: x\ndata: [unclosed\n".write(toFile: sandbox.specPath, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try sandbox.experiment()) { error in
            let errors = error as? SpecErrors
            XCTAssertNotNil(errors)
            XCTAssertTrue(errors?.diagnostics.first?.description.hasPrefix(sandbox.specPath + ":") ?? false, "\(error)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: sandbox.runs.appendingPathComponent("cache").path), "nothing ran")
    }

    func testUnknownKeyIsReportedWithASuggestion() throws {
        let sandbox = try ExperimentSandbox()
        try sandbox.writeSpec(extra: "evaluate:\n  treshold: 0.4")
        XCTAssertThrowsError(try sandbox.experiment()) { error in
            XCTAssertTrue("\(error)".contains("did you mean 'threshold'"), "\(error)")
        }
    }

    func testMissingMaskIsDroppedWithAWarningNamingTheFile() throws {
        let sandbox = try ExperimentSandbox()
        try sandbox.writeSpec(data: try sandbox.writeFolderData())
        try FileManager.default.removeItem(atPath: sandbox.root.appendingPathComponent("data/masks/PH_0005.tif").path)
        var warnings: [String] = []
        let result = try sandbox.experiment().run(warn: { warnings.append($0) })
        XCTAssertTrue(result.succeeded, "\(result.members.map(\.record.failure))")
        XCTAssertTrue(warnings.contains { $0.contains("images/PH_0005.tif has no mask") }, "\(warnings)")
    }

    func testNaNPixelsMakeAPairBadNamingTheFileAndTheCount() throws {
        let sandbox = try ExperimentSandbox()
        let data = try sandbox.writeFolderData()
        let image = sandbox.root.appendingPathComponent("data/images/PH_0003.tif").path
        try writeNaNTIFF(at: image, count: 5)
        try sandbox.writeSpec(data: data)
        var warnings: [String] = []
        XCTAssertTrue(try sandbox.experiment().run(warn: { warnings.append($0) }).succeeded)
        XCTAssertTrue(warnings.contains { $0.contains("dropped PH_0003") && $0.contains(image) && $0.contains("5 pixels are NaN or infinite") },
                      "\(warnings)")
        try sandbox.writeSpec(data: data.replacingOccurrences(of: "drop", with: "fail"))
        let failed = try sandbox.experiment().run()
        XCTAssertTrue(failed.members[0].record.failure?.contains("5 pixels are NaN or infinite") ?? false, "\(failed.members[0].record.failure ?? "")")
    }

    func testCorruptImageIsDroppedUnderDropAndFailsTheStageUnderFail() throws {
        let sandbox = try ExperimentSandbox()
        let data = try sandbox.writeFolderData()
        try Data("not an image".utf8).write(to: sandbox.root.appendingPathComponent("data/images/PH_0002.tif"))
        try sandbox.writeSpec(data: data)
        var warnings: [String] = []
        XCTAssertTrue(try sandbox.experiment().run(warn: { warnings.append($0) }).succeeded)
        XCTAssertTrue(warnings.contains { $0.contains("PH_0002.tif: not a PNG or TIFF file") }, "\(warnings)")

        try sandbox.writeSpec(data: data.replacingOccurrences(of: "drop", with: "fail"))
        let failed = try sandbox.experiment().run()
        XCTAssertFalse(failed.succeeded)
        let failure = try XCTUnwrap(failed.members[0].record.failure)
        XCTAssertTrue(failure.hasPrefix("validate failed: 1 bad image/mask pair"), failure)
        XCTAssertTrue(failure.contains("PH_0002.tif: not a PNG or TIFF file"), failure)
        XCTAssertTrue(failure.contains("set data.on_bad_pair: drop"), failure)
    }

    /// The spec caps train.lr at 1, which this small model survives, so divergence is provoked with a
    /// non-finite input pixel: the loss of the first batch is NaN.
    func testNonFiniteLossStopsWithAnErrorNamingEpochBatchAndWhatToDo() throws {
        let sandbox = try ExperimentSandbox()
        try sandbox.writeSpec(lr: "1e-2", epochs: 2)
        let spec = try SpecLoader.load(path: sandbox.specPath)[0]
        var images = [Float](repeating: 0.5, count: 4 * 16 * 16)
        images[3] = .nan
        let data = PreprocessedData(height: 16, width: 16,
                                    cases: (0..<4).map { .init(id: "c\($0)", originalWidth: 16, originalHeight: 16) },
                                    images: images, masks: [UInt8](repeating: 1, count: 4 * 16 * 16))
        let split = TrainingSplit(train: ["c0", "c1", "c2"], validation: ["c3"])
        let trainer = try Trainer(data: data, split: split, params: .of(spec), hooks: TrainingHooks(), progress: { _ in })
        XCTAssertThrowsError(try trainer.train(resumingAfter: [], work: sandbox.root)) { error in
            XCTAssertEqual("\(error)", "training diverged: loss is nan at epoch 1, batch 1 with train.lr 0.01; "
                           + "lower train.lr (e.g. 10× smaller) and run again")
        }
    }
}
