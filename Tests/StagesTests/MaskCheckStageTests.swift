import Foundation
import Imaging
import Spec
import XCTest
@testable import Stages

/// The five label errors of issue 10, written as folder data among clean phantom slices, flow through a
/// real run: validate names each with its reason in the log and the report, `drop` leaves them out,
/// `fail` stops naming them, and the report gives the mean Dice with and without them.
final class MaskCheckStageTests: XCTestCase {
    static let size = 128
    /// Defect name → what it does to a clean slice's mask, and a fragment of the reason it must get.
    static let defects: [(id: String, reason: String, damage: (Imaging.Image, Imaging.Image) -> Imaging.Image)] = [
        ("BAD_outside", "lies outside the body", { image, _ in outsideAir(image) }),
        ("BAD_shifted", "lies outside the body", { _, mask in shifted(mask, dx: 40) }),
        ("BAD_one_lung", "air coverage", { _, mask in mask.keepingLargestComponents(1, connectivity: .eight) }),
        ("BAD_inverted", "touches the image border", { _, mask in Imaging.Image(width: mask.width, height: mask.height, pixels: mask.pixels.map { 1 - $0 }) }),
        ("BAD_empty", "the mask is empty", { _, mask in Imaging.Image(width: mask.width, height: mask.height) }),
    ]

    /// 16 clean slices `PH_00xx` and the five defects, as int16 HU images and uint8 masks.
    func writeData(in sandbox: ExperimentSandbox, onSuspectMask: String? = nil) throws {
        let data = sandbox.root.appendingPathComponent("data")
        try Phantom.writeDataset(to: data.path, count: 16, seed: 3, size: Self.size)
        for (index, defect) in Self.defects.enumerated() {
            let (image, mask) = Phantom.slice(seed: 9, index: index, size: Self.size)
            try ImageWriter.writeTIFF(image, to: data.path + "/images/\(defect.id).tif", sampleType: .int16, compression: .none)
            try ImageWriter.writeTIFF(defect.damage(image, mask), to: data.path + "/masks/\(defect.id).tif", sampleType: .uint8,
                                      compression: .lzw)
        }
        try writeSpec(in: sandbox, onSuspectMask: onSuspectMask,
                      validation: ["PH_0000", "PH_0001", "PH_0002", "BAD_outside", "BAD_inverted"])
    }

    /// One epoch of a width-4 U-Net on 32×32 slices; the given cases are the validation set.
    func writeSpec(in sandbox: ExperimentSandbox, onSuspectMask: String?, validation: [String]) throws {
        let policy = onSuspectMask.map { "\n  on_suspect_mask: \($0)" } ?? ""
        try """
        name: masks
        data:
          images: data/images
          masks: data/masks\(policy)
        resize: 32
        split:
          validation_ids: [\(validation.joined(separator: ", "))]
        model: {width: 4, depth: 2}
        train: {lr: 1e-2, batch: 4, epochs: 1}
        """.write(toFile: sandbox.specPath, atomically: true, encoding: .utf8)
    }

    func entry(_ experiment: Experiment, _ stage: String, in sandbox: ExperimentSandbox) throws -> URL {
        let key = try XCTUnwrap(experiment.key(member: experiment.members[0], stage: stage))
        return sandbox.runs.appendingPathComponent("cache/\(key.prefix(2))/\(key)")
    }

    func testTheFiveDefectsAreNamedWithTheirReasonsInTheLogAndTheReportWithDiceWithAndWithoutThem() throws {
        let sandbox = try ExperimentSandbox()
        try writeData(in: sandbox)
        var warnings: [String] = []
        let experiment = try sandbox.experiment()
        let result = try experiment.run(warn: { warnings.append($0) })
        XCTAssertTrue(result.succeeded, "\(result.members.map(\.record.failure))")
        let suspect = warnings.filter { $0.contains("suspect mask") }
        XCTAssertEqual(suspect.count, Self.defects.count, "one warning per defect, none for a clean slice: \(suspect)")
        for defect in Self.defects {
            XCTAssertTrue(suspect.contains { $0.contains("suspect mask \(defect.id): ") && $0.contains(defect.reason) },
                          "\(defect.id) with '\(defect.reason)' in \(suspect)")
        }
        let log = try String(contentsOf: result.members[0].runDirectory.appendingPathComponent("log.txt"), encoding: .utf8)
        XCTAssertTrue(log.contains("suspect mask BAD_outside: "), "the run log has the warnings")

        let validate = try entry(experiment, "validate", in: sandbox)
        let check = try StageFiles.readJSON(MaskCheckResults.self, from: validate.appendingPathComponent(EntryFiles.maskCheck))
        XCTAssertEqual(check.pairs.count, 21)
        XCTAssertEqual(Set(check.flagged.map(\.id)), Set(Self.defects.map(\.id)))
        for flagged in check.flagged {
            let overlay = try XCTUnwrap(flagged.overlay)
            let png = try ImageReader.read(path: validate.appendingPathComponent(overlay).path)
            XCTAssertEqual(png.width, Self.size * 2 + 4, "image | mask over it")
        }

        let html = try String(contentsOf: try XCTUnwrap(result.members[0].reportPath), encoding: .utf8)
        XCTAssertTrue(html.contains("<h2>Suspect masks</h2>"))
        for defect in Self.defects { XCTAssertTrue(html.contains("alt=\"suspect mask \(defect.id)\""), "\(defect.id)'s overlay") }
        let summary = try StageFiles.readJSON(RunContent.self, from: try entry(experiment, "report", in: sandbox)
                                                .appendingPathComponent(EntryFiles.summary))
        let metrics = summary.metrics
        XCTAssertEqual(metrics.cases.count, 5)
        let without = try XCTUnwrap(metrics.withoutFlagged, "two flagged cases are evaluated")
        XCTAssertEqual(without.count, 3)
        let clean = metrics.cases.filter { $0.caseID.hasPrefix("PH_") }.map(\.dice)
        XCTAssertEqual(without.mean, clean.reduce(0, +) / 3, accuracy: 1e-12)
        XCTAssertTrue(html.contains("without the 2 flagged masks"), "the Dice card says both")
        let markdown = try String(contentsOf: result.members[0].runDirectory.appendingPathComponent("report.md"), encoding: .utf8)
        XCTAssertTrue(markdown.contains("## Suspect masks") && markdown.contains("without the 2 flagged masks"))
        let metricsJSON = try String(contentsOf: result.members[0].runDirectory.appendingPathComponent("metrics.json"), encoding: .utf8)
        XCTAssertTrue(metricsJSON.contains("\"dice_without_flagged\": {\"mean\": "), metricsJSON)
    }

    func testDropLeavesTheSuspectPairsOutWithTheirReasons() throws {
        let sandbox = try ExperimentSandbox()
        try writeData(in: sandbox, onSuspectMask: "drop")
        try writeSpec(in: sandbox, onSuspectMask: "drop", validation: ["PH_0000", "PH_0001", "PH_0002"])
        var warnings: [String] = []
        let experiment = try sandbox.experiment()
        XCTAssertTrue(try experiment.run(warn: { warnings.append($0) }).succeeded)
        let pairs = try StageFiles.readJSON(ValidatedPairs.self,
                                            from: try entry(experiment, "validate", in: sandbox).appendingPathComponent(EntryFiles.pairs))
        XCTAssertEqual(pairs.kept.count, 16)
        XCTAssertEqual(Set(pairs.dropped.map(\.id)), Set(Self.defects.map(\.id)))
        for defect in Self.defects {
            XCTAssertTrue(warnings.contains { $0.contains("dropped \(defect.id): suspect mask: ") && $0.contains(defect.reason) }, "\(warnings)")
        }
    }

    func testFailStopsTheRunNamingEverySuspectPairAndWhatToDo() throws {
        let sandbox = try ExperimentSandbox()
        try writeData(in: sandbox, onSuspectMask: "fail")
        let result = try sandbox.experiment().run()
        XCTAssertFalse(result.succeeded)
        let failure = try XCTUnwrap(result.members[0].record.failure)
        XCTAssertTrue(failure.hasPrefix("validate failed: 5 suspect mask(s)"), failure)
        for defect in Self.defects { XCTAssertTrue(failure.contains("\(defect.id): ") && failure.contains(defect.reason), failure) }
        XCTAssertTrue(failure.contains("set data.on_suspect_mask: drop"), failure)
    }

    func testTheListingJudgesTheSameDataWithoutTheCache() throws {
        let sandbox = try ExperimentSandbox()
        try writeData(in: sandbox)
        let listing = try MaskCheckListing.check(try SpecLoader.load(path: sandbox.specPath)[0])
        XCTAssertEqual(Set(listing.flagged.map(\.id)), Set(Self.defects.map(\.id)))
        XCTAssertTrue(listing.table.hasSuffix("5 of 21 pairs flagged\n"), listing.table)
        XCTAssertFalse(FileManager.default.fileExists(atPath: sandbox.runs.path), "nothing cached")
    }

    /// The mask check's fields are in validate's key only where they differ from their defaults, so
    /// specs that never name them changed their keys only through validate's code version.
    func testDefaultMaskCheckFieldsStayOutOfValidatesKeyAndChangedOnesGoIn() throws {
        let sandbox = try ExperimentSandbox()
        try sandbox.writeSpec()
        XCTAssertEqual(try ValidatePairsStage.node(.of(SpecLoader.load(path: sandbox.specPath)[0])).params.keys.sorted(), [])
        try sandbox.writeSpec(data: "  phantom: {count: 8, size: 32}\n  on_suspect_mask: drop\n  mask_check: {max_mean_hu: -300}")
        XCTAssertEqual(try ValidatePairsStage.node(.of(SpecLoader.load(path: sandbox.specPath)[0])).params.keys.sorted(),
                       ["data.mask_check.max_mean_hu", "data.on_suspect_mask"])
        XCTAssertEqual(MaskCheckSpec().thresholds, MaskThresholds(), "the spec's defaults are Imaging's")
    }
}

/// The air outside the body as a mask (a mask drawn on the wrong side of the skin).
private func outsideAir(_ image: Imaging.Image) -> Imaging.Image {
    let body = image.bodyRegion()
    return Imaging.Image(width: image.width, height: image.height,
                         pixels: zip(image.pixels, body.pixels).map { $1 == 0 && $0 < -500 ? 1 : 0 })
}

/// Moved `dx` pixels to the right, zeros coming in from the left.
private func shifted(_ mask: Imaging.Image, dx: Int) -> Imaging.Image {
    var out = Imaging.Image(width: mask.width, height: mask.height)
    for y in 0..<mask.height { for x in 0..<mask.width where x - dx >= 0 { out[x, y] = mask[x - dx, y] } }
    return out
}
