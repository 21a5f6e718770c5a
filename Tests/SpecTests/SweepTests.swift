import XCTest
@testable import Spec

final class SweepTests: XCTestCase {
    let grid = phantomData + """
        name: grid
        sweep:
          train.lr: [1e-3, 3e-4]
          model.width: [16, 32]
        """

    func testTheGridExpandsToTheCartesianProductFirstAxisSlowest() throws {
        let specs = try SpecLoader.parse(yaml: grid, file: testFile)
        XCTAssertEqual(specs.map(\.memberName), [
            "grid/lr=0.001,width=16", "grid/lr=0.001,width=32",
            "grid/lr=0.0003,width=16", "grid/lr=0.0003,width=32",
        ])
        XCTAssertEqual(specs.map(\.train.lr), [0.001, 0.001, 0.0003, 0.0003])
        XCTAssertEqual(specs.map(\.model.width), [16, 32, 16, 32])
        XCTAssertEqual(specs[3].sweepValues, ["train.lr": "0.0003", "model.width": "32"])
        XCTAssertEqual(Set(specs.map(\.name)), ["grid"])
    }

    func testSeedsRepeatTheExperimentAndListValuesNameCompactly() throws {
        let specs = try SpecLoader.parse(yaml: phantomData + "sweep: {seeds: [0, 1, 2], augment.zoom: [[0.9, 1.1]]}\n",
                                         file: testFile)
        XCTAssertEqual(specs.map(\.seed), [0, 1, 2])
        XCTAssertEqual(specs.map(\.memberName), ["exp/seed=0,zoom=0.9x1.1", "exp/seed=1,zoom=0.9x1.1", "exp/seed=2,zoom=0.9x1.1"])
    }

    func testAnUnknownSweepPathIsReportedWithASuggestion() {
        let found = diagnostics(phantomData + "sweep:\n  train.lrr: [0.1]\n  model: [1]\n")
        XCTAssertEqual(found.map(\.description), [
            "\(testFile):4:3: sweep: train.lrr is not a spec field; did you mean train.lr?",
            "\(testFile):5:3: sweep: model is not a spec field; it is a section, sweep its fields instead: model.width, model.depth, model.batch_norm",
        ])
    }

    func testEachMemberIsValidatedAndProblemsPointAtTheSweep() {
        let found = diagnostics(phantomData + "sweep:\n  train.lr: [0.001, -1, fast]\n")
        XCTAssertEqual(found.map(\.description), [
            "\(testFile):4:21: train.lr: must be greater than 0 and at most 1, found -1",
            "\(testFile):4:25: train.lr: expected a number, found 'fast'",
        ])
    }

    func testAValueListedTwiceIsRejected() {
        let found = diagnostics(phantomData + "sweep: {train.lr: [1e-3, 0.001]}\n")
        XCTAssertEqual(found.map(\.message),
                       ["sweep: members 1 and 2 are the same experiment (exp/lr=0.001); a value is listed twice"])
    }

    func testSweepValuesMustBeANonEmptyList() {
        XCTAssertEqual(diagnostics(phantomData + "sweep: {train.lr: 0.1}\n").map(\.message),
                       ["sweep.train.lr: expected a non-empty list of values to try, found '0.1'"])
    }
}
