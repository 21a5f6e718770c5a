import XCTest
@testable import Stages

final class ProgressFormattingTests: XCTestCase {
    func testStageLinesShowSymbolShortKeyAndDuration() {
        let key = "3fa2c1d9e8b7a6f5"
        XCTAssertEqual(StageLine.format(stage: "preprocess", status: .cached(key: key, seconds: 0.01)),
                       "✓ preprocess  cached 3fa2c1d 0.0s")
        XCTAssertEqual(StageLine.format(stage: "train", status: .running), "▶ train  running…")
        XCTAssertEqual(StageLine.format(stage: "train", status: .ran(key: "9c01e2aaaa", seconds: 41.25)),
                       "✓ train  ran 9c01e2a 41.2s")
        XCTAssertEqual(StageLine.format(stage: "evaluate", status: .failed(message: "mask ID_0003 missing\nat line 2")),
                       "✗ evaluate  failed: mask ID_0003 missing")
        XCTAssertEqual(StageLine.format(stage: "report", status: .skipped(dependency: "train")),
                       "↷ report  skipped: depends on train, which failed")
    }

    func testStageNamesArePaddedSoColumnsAlign() {
        XCTAssertEqual(StageLine.format(stage: "train", status: .running, nameWidth: 10), "▶ train       running…")
        XCTAssertEqual(StageLine.format(stage: "preprocess", status: .running, nameWidth: 5), "▶ preprocess  running…")
    }

    func testDurationsSwitchUnitsAtAMinuteAndAnHour() {
        XCTAssertEqual(DurationText.format(0), "0.0s")
        XCTAssertEqual(DurationText.format(59.94), "59.9s")
        XCTAssertEqual(DurationText.format(65), "1m05s")
        XCTAssertEqual(DurationText.format(3725), "1h02m")
        XCTAssertEqual(DurationText.format(.nan), "?")
    }

    func testBarFillsInProportionRoundingDown() {
        XCTAssertEqual(TrainingLine.bar(fraction: 0, width: 4), "░░░░")
        XCTAssertEqual(TrainingLine.bar(fraction: 0.74, width: 4), "██░░")
        XCTAssertEqual(TrainingLine.bar(fraction: 1, width: 4), "████")
        XCTAssertEqual(TrainingLine.bar(fraction: 7, width: 4), "████")
    }

    func testTrainingLineEstimatesTimeLeftFromAveragePace() {
        // 15 of 40 batches done in 15 s → 25 batches left at 1 s each.
        let progress = TrainingProgress(epoch: 2, epochs: 4, batch: 5, batches: 10, loss: 0.2345678,
                                        imagesPerSecond: 38, elapsedSeconds: 15)
        XCTAssertEqual(progress.fractionDone, 0.375)
        XCTAssertEqual(progress.estimatedSecondsRemaining, 25)
        XCTAssertEqual(TrainingLine.format(progress, withBar: false),
                       "epoch 2/4  batch 5/10  loss 0.2346  38.0 img/s  ETA 25.0s")
        let bar = String(repeating: "█", count: 9) + String(repeating: "░", count: 15)
        XCTAssertEqual(TrainingLine.format(progress, withBar: true),
                       "epoch 2/4  batch 5/10  [\(bar)]  loss 0.2346  38.0 img/s  ETA 25.0s")
    }

    func testNoEstimateBeforeAnyTimeHasPassed() {
        let progress = TrainingProgress(epoch: 1, epochs: 4, batch: 1, batches: 10, loss: 1,
                                        imagesPerSecond: 0, elapsedSeconds: 0)
        XCTAssertNil(progress.estimatedSecondsRemaining)
        XCTAssertTrue(TrainingLine.format(progress, withBar: false).hasSuffix("ETA --"))
    }

    func testEpochSummaryLineOmitsMissingValidation() {
        let full = EpochSummary(epoch: 3, epochs: 20, trainLoss: 0.23141, validationLoss: 0.25112,
                                validationDice: 0.93121, seconds: 12.31)
        XCTAssertEqual(full.line, "epoch 3/20  loss 0.2314  val loss 0.2511  val dice 0.9312  12.3s")
        let trainOnly = EpochSummary(epoch: 1, epochs: 2, trainLoss: 0.5, validationLoss: nil,
                                     validationDice: nil, seconds: 1)
        XCTAssertEqual(trainOnly.line, "epoch 1/2  loss 0.5000  1.0s")
    }
}
