import Foundation
import RunsFixtures
import Metrics
@testable import Stages
import XCTest

/// Comparisons built from hand-made runs: differing parameters, paired CI on the same cases, refusal of
/// different case sets, bit-for-bit reproduction, and run selection by id, spec and sweep.
final class CompareTests: XCTestCase {
    var runs: FakeRunsFolder!
    override func setUpWithError() throws { runs = try FakeRunsFolder() }
    override func tearDown() { runs.remove() }

    let baseDice = [("c1", 0.90), ("c2", 0.80), ("c3", 0.85), ("c4", 0.95)]

    func spec(lr: String) -> String { FakeRunsFolder.specText(lr: lr) }

    func evidence(_ records: RunRecord...) throws -> [RunEvidence] {
        try records.map { try RunEvidence.load($0, runsRoot: runs.root) }
    }

    func testSummaryIsReadFromRecordAndEntries() throws {
        let record = try runs.addEvaluatedRun(id: "base-1", started: "2025-05-01T10:00:00Z", dice: baseDice)
        let summary = try evidence(record)[0].summary
        XCTAssertEqual(summary.metrics.cases.map(\.caseID), ["c1", "c2", "c3", "c4"])
        XCTAssertEqual(summary.metrics.dice.mean, 0.875, accuracy: 1e-12)
        XCTAssertEqual(summary.metrics.dice.median, 0.875, accuracy: 1e-12)
        XCTAssertEqual(summary.metrics.hd95Pixels?.mean ?? -1, 2 * (1 - 0.875), accuracy: 1e-12)
        XCTAssertEqual(summary.metrics.confusion.tp, 900 + 800 + 850 + 950)
        XCTAssertEqual(summary.curve, [EpochRecord(epoch: 1, trainLoss: 0.6, validationLoss: 0.5, validationDice: 0.7,
                                                   learningRate: 0.001, seconds: 2)])
        XCTAssertEqual(summary.provenance.stageKeys.map(\.stage), ["ingest", "train", "evaluate", "report"])
        XCTAssertEqual(summary.value(of: "train.lr"), "0.001")
    }

    func testComparisonShowsDifferingParametersAndAPairedInterval() throws {
        let base = try runs.addEvaluatedRun(id: "base-1", started: "2025-05-01T10:00:00Z", dice: baseDice)
        // Better on every case by 0.02 or 0.03: the paired CI lies above zero.
        let better = try runs.addEvaluatedRun(id: "lr-1", member: "lr", started: "2025-05-01T11:00:00Z", specText: spec(lr: "0.0003"),
                                              dice: [("c4", 0.98), ("c3", 0.88), ("c2", 0.83), ("c1", 0.92)])
        let result = try ComparisonBuilder.build(try evidence(base, better), title: "t")
        XCTAssertEqual(result.comparison.baselineID, "base-1")
        XCTAssertEqual(result.comparison.differingParameters.map(\.path), ["train.lr"])
        XCTAssertEqual(result.comparison.differingParameters[0].values, ["0.001", "0.0003"])
        let ci = try XCTUnwrap(result.comparison.diceDifferenceIntervals["lr-1"])
        // Paired by case id, not by position: the second run lists its cases in reverse.
        let expected = try pairedBootstrapMeanDifference(first: [0.90, 0.80, 0.85, 0.95], second: [0.92, 0.83, 0.88, 0.98],
                                                         resamples: ComparisonBuilder.bootstrapResamples,
                                                         seed: ComparisonBuilder.bootstrapSeed)
        XCTAssertEqual(ci, ConfidenceInterval(lower: expected.lower, upper: expected.upper))
        XCTAssertTrue(ci.excludesZero && ci.lower >= 0.02 - 1e-12 && ci.upper <= 0.03 + 1e-12, "\(ci)")
        XCTAssertNil(result.comparison.diceDifferenceIntervals["base-1"])
        XCTAssertNil(result.comparison.reproducedBitForBit, "no two runs share parameters")
        let html = try ComparisonReport.html(for: result.comparison)
        XCTAssertTrue(html.contains("train.lr") && html.contains(NumberText.signed(ci.lower)), "CI rendered")
    }

    func testDifferentCaseSetsGiveAnUnpairedSummaryWithANoteInsteadOfARefusal() throws {
        let base = try runs.addEvaluatedRun(id: "base-1", started: "2025-05-01T10:00:00Z", dice: baseDice)
        let other = try runs.addEvaluatedRun(id: "other-1", started: "2025-05-01T11:00:00Z",
                                             dice: [("c1", 0.9), ("c2", 0.8), ("c3", 0.85), ("c9", 0.95)])
        XCTAssertThrowsError(try ComparisonBuilder.pairedDice(baseline: try evidence(base)[0], run: try evidence(other)[0])) {
            XCTAssertEqual($0 as? CompareError, .caseSetsDiffer(runID: "other-1", baselineID: "base-1", onlyInRun: ["c9"], onlyInBaseline: ["c4"]))
        }
        let result = try ComparisonBuilder.build(try evidence(base, other), title: "t")
        XCTAssertNil(result.comparison.diceDifferenceIntervals["other-1"], "no paired interval over different cases")
        XCTAssertEqual(result.comparison.notes.count, 1)
        XCTAssertTrue(result.comparison.notes[0].contains("other-1") && result.comparison.notes[0].contains("unpaired"))
        XCTAssertTrue(try ComparisonReport.html(for: result.comparison).contains("Note: other-1 was evaluated on other validation cases"))
    }

    func testRerunWithSameParametersAndDataIsCheckedBitForBit() throws {
        let first = try runs.addEvaluatedRun(id: "base-1", started: "2025-05-01T10:00:00Z", dice: baseDice)
        let same = try runs.addEvaluatedRun(id: "base-2", started: "2025-05-02T10:00:00Z", dice: baseDice)
        let drifted = try runs.addEvaluatedRun(id: "base-3", started: "2025-05-03T10:00:00Z",
                                               dice: baseDice.map { ($0.0, $0.1 - 0.01) })
        let identical = try ComparisonBuilder.build(try evidence(first, same), title: "t")
        XCTAssertEqual(identical.reproductions, [Reproduction(runID: "base-2", otherID: "base-1", identicalModel: true, identicalMetrics: true)])
        XCTAssertEqual(identical.comparison.reproducedBitForBit, true)
        let differs = try ComparisonBuilder.build(try evidence(first, drifted), title: "t")
        XCTAssertEqual(differs.comparison.reproducedBitForBit, false)
        XCTAssertEqual(differs.reproductions.first?.identicalMetrics, false)
        let otherData = try runs.addEvaluatedRun(id: "base-4", started: "2025-05-04T10:00:00Z", dice: baseDice, manifest: "other data")
        XCTAssertEqual(try ComparisonBuilder.build(try evidence(first, otherData), title: "t").reproductions, [])
    }

    func testFailedRunsCannotBeComparedAndSayWhy() throws {
        let failed = try runs.addRun(runs.failedRun(id: "broken-1", started: "2025-05-01T10:00:00Z"))
        XCTAssertThrowsError(try RunEvidence.load(failed, runsRoot: runs.root)) {
            XCTAssertEqual($0 as? CompareError, .runNotEvaluated(runID: "broken-1", reason: "it failed: train: out of memory"))
        }
    }

    func testSelectionBySweepAndSpecTakesTheNewestRunOfEachMember() throws {
        let sweep = "experiments/sweep-example.yaml"
        try runs.addEvaluatedRun(id: "base-1", started: "2025-05-01T09:00:00Z", dice: baseDice)
        try runs.addEvaluatedRun(id: "lr-a-1", member: "lr/lr=0.001", name: "lr", sweepValues: ["train.lr": "0.001"], specFile: sweep, started: "2025-05-01T10:00:00Z", dice: baseDice)
        try runs.addEvaluatedRun(id: "lr-b-1", member: "lr/lr=0.0003", name: "lr", sweepValues: ["train.lr": "0.0003"], specFile: sweep, started: "2025-05-01T10:05:00Z", dice: baseDice)
        try runs.addEvaluatedRun(id: "lr-a-2", member: "lr/lr=0.001", name: "lr", sweepValues: ["train.lr": "0.001"], specFile: sweep, started: "2025-05-02T10:00:00Z", dice: baseDice)
        let bySweep = try RunSelection.select(ids: [], spec: nil, sweep: "lr", baseline: "base", store: runs.store)
        XCTAssertEqual(bySweep.runs.map(\.id), ["base-1", "lr-a-2", "lr-b-1"])
        XCTAssertEqual(bySweep.baselineID, "base-1")
        let bySpec = try RunSelection.select(ids: [], spec: URL(fileURLWithPath: sweep), sweep: nil, baseline: nil, store: runs.store)
        XCTAssertEqual(bySpec.runs.map(\.id), ["lr-a-2", "lr-b-1"])
        XCTAssertThrowsError(try RunSelection.select(ids: [], spec: nil, sweep: "zoom", baseline: nil, store: runs.store)) {
            XCTAssertEqual($0 as? CompareError, .noRunsSelected("sweep 'zoom'"))
        }
    }
}
