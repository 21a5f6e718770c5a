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

    func testReadsARunsRecordedParametersInEitherListSpelling() throws {
        let spaced = RunParameters(runID: "r1", pairs: [["intensity.window", "[-1000, 400]"], ["resize", "[256, 128]"]])
        XCTAssertEqual(try Preprocessor(parameters: spaced),
                       Preprocessor(intensity: .window(lo: -1000, hi: 400), height: 256, width: 128))
        let compact = RunParameters(runID: "r2", pairs: [["intensity.scale", "255"], ["resize", "[64,64]"]])
        XCTAssertEqual(try Preprocessor(parameters: compact), Preprocessor(intensity: .scale(255), height: 64, width: 64))
    }

    func testMissingOrUnreadableParametersNameTheRunAndPath() {
        let noResize = RunParameters(runID: "r1", pairs: [["intensity.window", "[-1000, 400]"]])
        XCTAssertThrowsError(try Preprocessor(parameters: noResize)) {
            XCTAssertEqual($0 as? RunParameterError, .missing(runID: "r1", path: "resize"))
            XCTAssertTrue("\($0)".contains("'resize'"))
        }
        let badWindow = RunParameters(runID: "r1", pairs: [["intensity.window", "[-1000]"], ["resize", "[8, 8]"]])
        XCTAssertThrowsError(try Preprocessor(parameters: badWindow)) {
            XCTAssertEqual($0 as? RunParameterError,
                           .unreadable(runID: "r1", path: "intensity.window", value: "[-1000]", expected: "a list of 2 numbers"))
        }
    }

    func testSpecAndRecordedParametersAgree() throws {
        var pairs: [[String]] = []
        let yaml = "name: t\ndata:\n  phantom: {count: 4, size: 32}\nintensity:\n  window: [-900, 300]\nresize: [32, 16]\nmodel: {depth: 2}\n"
        let spec = try XCTUnwrap(SpecLoader.parse(yaml: yaml, file: "t.yaml").first)
        for field in spec.fields() { pairs.append([field.path, field.value.description]) }
        XCTAssertEqual(try Preprocessor(parameters: RunParameters(runID: "t", pairs: pairs)), Preprocessor(spec: spec))
    }
}
