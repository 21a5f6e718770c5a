import XCTest
@testable import Stages

final class ProgressReporterTests: XCTestCase {
    private var output: [String] = []
    private var clock = 0.0

    private func reporter(_ style: ProgressReporter.Style) -> ProgressReporter {
        ProgressReporter(style: style, stageNames: ["ingest", "train"],
                         write: { [unowned self] in self.output.append($0) }, now: { [unowned self] in self.clock })
    }

    private func progress(batch: Int) -> TrainingProgress {
        TrainingProgress(epoch: 1, epochs: 1, batch: batch, batches: 4, loss: 0.5,
                         imagesPerSecond: 10, elapsedSeconds: Double(batch))
    }

    func testTerminalRedrawsTheBarInPlaceAndClearsItBeforeTheNextStageLine() {
        let r = reporter(.terminal)
        r.stage("train", .running)
        r.training(progress(batch: 1))
        r.training(progress(batch: 2))
        r.stage("train", .ran(key: "abcdef0123", seconds: 2))
        XCTAssertEqual(output.count, 5)
        XCTAssertEqual(output[0], "▶ train   running…\n")
        XCTAssertTrue(output[1].hasPrefix("\repoch 1/1  batch 1/4  ["))
        XCTAssertTrue(output[2].hasSuffix("\u{1B}[K"))
        XCTAssertFalse(output[2].contains("\n"), "a redrawn bar never scrolls the terminal")
        XCTAssertEqual(output[3], "\r\u{1B}[K")
        XCTAssertEqual(output[4], "✓ train   ran abcdef0 2.0s\n")
    }

    func testPlainOutputPrintsATrainingLineAtMostOncePerInterval() {
        let r = reporter(.plain(everySeconds: 10))
        r.training(progress(batch: 1))     // t = 0: printed
        clock = 9.9
        r.training(progress(batch: 2))     // too soon
        clock = 10
        r.training(progress(batch: 3))     // printed
        XCTAssertEqual(output, ["  epoch 1/1  batch 1/4  loss 0.5000  10.0 img/s  ETA 3.0s\n",
                                "  epoch 1/1  batch 3/4  loss 0.5000  10.0 img/s  ETA 1.0s\n"])
        XCTAssertFalse(output.joined().contains("\r"))
    }

    func testQuietShowsOnlyFailuresAndSkips() {
        let r = reporter(.quiet)
        r.stage("ingest", .cached(key: "0123456789", seconds: 0))
        r.stage("train", .running)
        r.training(progress(batch: 1))
        r.epochFinished(EpochSummary(epoch: 1, epochs: 1, trainLoss: 1, validationLoss: nil,
                                     validationDice: nil, seconds: 1))
        r.stage("train", .failed(message: "out of memory"))
        r.stage("report", .skipped(dependency: "train"))
        XCTAssertEqual(output, ["✗ train   failed: out of memory\n",
                                "↷ report  skipped: depends on train, which failed\n"])
    }

    func testQuietFlagChoosesQuietStyle() {
        XCTAssertEqual(ProgressReporter.standardOutputStyle(quiet: true), .quiet)
    }
}
