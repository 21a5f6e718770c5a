import Imaging
import Spec
@testable import Stages
import XCTest

/// Preprocessor: intensity first, then bilinear resize; built from a spec or a run's parameters.
final class InferencePreprocessorTests: XCTestCase {
    func testWindowsBeforeResizing() {
        // Window first: [-2000, 2000] → [0, 1], then 2 → 4 wide gives 0, ¼, ¾, 1. Resizing raw HU first
        // would give −2000, −1000, 1000, 2000 → 0, 0, 1, 1.
        let raw = Image(width: 2, height: 1, pixels: [-2000, 2000])
        let pre = Preprocessor(intensity: .window(lo: -1000, hi: 400), height: 1, width: 4)
        XCTAssertEqual(pre.apply(raw).pixels, [0, 0.25, 0.75, 1])
    }

    func testScaleDividesWithoutClipping() {
        let raw = Image(width: 2, height: 2, pixels: [0, 51, 255, 510])
        let pre = Preprocessor(intensity: .scale(255), height: 2, width: 2)
        // Multiplies by 1/divisor, as the preprocess stage does, so values agree to the bit with it.
        for (value, expected) in zip(pre.apply(raw).pixels, [0, 0.2, 1, 2] as [Float]) {
            XCTAssertEqual(value, expected, accuracy: 1e-6)
        }
        XCTAssertEqual(pre.displayWindow, 0...255)
    }

    func testARunsRecordedSpecGivesThePreprocessingItTrainedWithEvenWhenItsDataHasMoved() throws {
        let yaml = """
        name: moved
        data: {images: /nowhere/images, masks: /nowhere/masks}
        intensity:
          window: [-900, 300]
        resize: [32, 16]
        model: {depth: 2}
        """
        let record = RunRecord(id: "moved-1", name: "moved", member: "moved", sweepValues: [:], specFile: "/gone/moved.yaml",
                               specText: yaml, started: "", finished: "", status: .succeeded, failure: nil, stageKeys: [:],
                               parameters: [], metrics: [:], toolVersion: "test", gitCommit: nil, machine: "test")
        let spec = try TrainedRun.recordedSpec(record)
        XCTAssertEqual(PreprocessParams.of(spec).preprocessor, Preprocessor(intensity: .window(lo: -900, hi: 300), height: 32, width: 16))
    }

    func testARecordedSpecThatNoLongerParsesNamesTheRun() {
        let record = RunRecord(id: "odd-1", name: "odd", member: "odd", sweepValues: [:], specFile: "odd.yaml",
                               specText: "data: [", started: "", finished: "", status: .succeeded, failure: nil, stageKeys: [:],
                               parameters: [], metrics: [:], toolVersion: "test", gitCommit: nil, machine: "test")
        XCTAssertThrowsError(try TrainedRun.recordedSpec(record)) {
            XCTAssertTrue("\($0)".hasPrefix("run odd-1: the spec text in its run.json cannot be read back"), "\($0)")
        }
    }
}
