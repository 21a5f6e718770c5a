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

/// Repeated seeds vary the training and keep the validation cases; the split moves only when asked.
final class SplitSeedTests: XCTestCase {
    func testASeedSweepDrawsEveryMembersSplitWithTheSpecsOwnSeed() throws {
        let specs = try SpecLoader.parse(yaml: phantomData + "seed: 7\nsweep: {seeds: [0, 1, 2]}\n", file: testFile)
        XCTAssertEqual(specs.map(\.seed), [0, 1, 2])
        XCTAssertEqual(specs.map(\.effectiveSplitSeed), [7, 7, 7])
        XCTAssertEqual(specs.map { $0.values["split.seed"] }, [.int(7), .int(7), .int(7)])
    }

    func testWithoutASeedSweepTheSplitSeedIsTheSeedAndNoFieldAppears() throws {
        let spec = try single(phantomData + "seed: 3\n")
        XCTAssertEqual(spec.effectiveSplitSeed, 3)
        XCTAssertNil(spec.values["split.seed"], "specs that never name it keep their fields")
        let sweep = try SpecLoader.parse(yaml: phantomData + "sweep: {train.lr: [1e-3, 3e-4]}\n", file: testFile)
        XCTAssertEqual(sweep.map(\.effectiveSplitSeed), [0, 0])
    }

    func testAnExplicitSplitSeedIsKeptAndCanBeSweptToVaryTheSplit() throws {
        let fixed = try SpecLoader.parse(yaml: phantomData + "split: {validation: 0.2, seed: 11}\nsweep: {seeds: [0, 1]}\n", file: testFile)
        XCTAssertEqual(fixed.map(\.effectiveSplitSeed), [11, 11])
        let varied = try SpecLoader.parse(yaml: phantomData + "sweep: {seeds: [0, 1], split.seed: [5, 6]}\n", file: testFile)
        XCTAssertEqual(varied.map(\.effectiveSplitSeed), [5, 6, 5, 6])
    }

    func testASplitSeedBesideListedIDsIsAConflict() {
        XCTAssertThrowsError(try SpecLoader.parse(
            yaml: phantomData + "split: {train_ids: [a], validation_ids: [b], seed: 2}\n", file: testFile)) {
            XCTAssertTrue("\($0)".contains("split.seed draws split.validation"), "\($0)")
        }
    }

    func testGridsFarPastTwoHundredFiftySixMembersAreAccepted() throws {
        let values = (1...300).map { "\($0)e-5" }.joined(separator: ", ")
        let specs = try SpecLoader.parse(yaml: phantomData + "sweep: {train.lr: [\(values)]}\n", file: testFile)
        XCTAssertEqual(specs.count, 300)
    }
}
