import Foundation
import RunsFixtures
import Imaging
import NN
@testable import Stages
import XCTest

/// `pipeline predict` as a library: a tiny U-Net saved as a fake run's model, PNG and TIFF inputs of
/// other sizes, masks restored to each input's size, overlays and the area CSV.
final class PredictTests: XCTestCase {
    var runs: FakeRunsFolder!
    var out: URL!

    override func setUpWithError() throws {
        runs = try FakeRunsFolder()
        out = runs.root.appendingPathComponent("predictions", isDirectory: true)
    }

    override func tearDown() { runs.remove() }

    /// A CT-like slice in HU: air outside, a body disc, two darker lung ellipses.
    func slice(width: Int, height: Int) -> Image {
        var image = Image(width: width, height: height, filledWith: -1000)
        for y in 0..<height { for x in 0..<width {
            let u = (Double(x) + 0.5) / Double(width) * 2 - 1, v = (Double(y) + 0.5) / Double(height) * 2 - 1
            if u * u + v * v < 0.8 { image[x, y] = 40 }
            if (u - 0.35) * (u - 0.35) / 0.06 + v * v / 0.3 < 1 || (u + 0.35) * (u + 0.35) / 0.06 + v * v / 0.3 < 1 {
                image[x, y] = -850
            }
        } }
        return image
    }

    func writeInputs() throws -> [URL] {
        let png = runs.root.appendingPathComponent("slice-a.png"), tiff = runs.root.appendingPathComponent("slice-b.tif")
        // The PNG stores (HU + 1024) / 8 in 8 bits; the TIFF stores HU as int16.
        let a = slice(width: 24, height: 20)
        try ImageWriter.writePNG(Image(width: 24, height: 20, pixels: a.pixels.map { (($0 + 1024) / 8).rounded() }), to: png.path)
        try ImageWriter.writeTIFF(slice(width: 30, height: 18), to: tiff.path, sampleType: .int16)
        return [png, tiff]
    }

    func testMasksOverlaysAndAreasAtEachInputsOwnSize() throws {
        try runs.addEvaluatedRun(id: "baseline-20250501-100000", started: "2025-05-01T10:00:00Z", dice: [("a", 0.9)])
        let run = try TrainedRun.load("baseline", runsRoot: runs.root)
        let predictor = Predictor(segmenter: run.segmenter(), preprocessor: run.preprocessor, batch: 2)
        let inputs = try writeInputs()
        let slices = try predictor.predict(inputs: inputs, outputDirectory: out, pixelSpacing: 0.5)

        XCTAssertEqual(slices.map(\.mask), [out.appendingPathComponent("slice-a.png").path, out.appendingPathComponent("slice-b.png").path])
        for (slice, input) in zip(slices, inputs) {
            let image = try ImageReader.read(path: input.path)
            let mask = try ImageReader.read(path: slice.mask)
            XCTAssertEqual([mask.width, mask.height], [image.width, image.height], "mask restored to the input's size")
            XCTAssertTrue(Set(mask.pixels).isSubset(of: [0, 255]))
            XCTAssertEqual(mask.pixels.filter { $0 == 255 }.count, slice.lungPixels)
            XCTAssertEqual(slice.lungAreaSquareMillimetres, Double(slice.lungPixels) * 0.25)
            // Independent of Predictor: preprocess, predict at 16×16, resize back, threshold at 0.5.
            let small = try run.segmenter().probabilities(images: [run.preprocessorInput(image)], height: 16, width: 16, batch: 1)[0]
            let restored = Image(width: 16, height: 16, pixels: small).resizedBilinear(width: image.width, height: image.height)
            XCTAssertEqual(mask.pixels, restored.pixels.map { $0 >= 0.5 ? 255 : 0 })
            let overlay = try ImageReader.read(path: slice.overlay)
            XCTAssertEqual([overlay.width, overlay.height], [image.width, image.height])
        }
        // The random model must cut through the slices, or the comparisons above would be trivial.
        XCTAssertTrue(slices.allSatisfy { $0.lungPixels > 0 && $0.lungPixels < $0.width * $0.height }, "\(slices.map(\.lungPixels))")
        let csv = try String(contentsOf: out.appendingPathComponent(Predictor.areaFileName), encoding: .utf8)
        XCTAssertEqual(csv, """
            slice,width,height,lung_pixels,lung_area_mm2
            slice-a.png,24,20,\(slices[0].lungPixels),\(String(format: "%.3f", Double(slices[0].lungPixels) * 0.25))
            slice-b.tif,30,18,\(slices[1].lungPixels),\(String(format: "%.3f", Double(slices[1].lungPixels) * 0.25))

            """)
    }

    func testAreaCSVWithoutSpacingHasNoMillimetreColumn() {
        let slice = PredictedSlice(input: "/x/a,b.png", mask: "", overlay: "", width: 4, height: 2, lungPixels: 3,
                                   lungAreaSquareMillimetres: nil)
        XCTAssertEqual(Predictor.areaCSV([slice], pixelSpacing: nil), "slice,width,height,lung_pixels\n\"a,b.png\",4,2,3\n")
    }

    func testDefaultsComeFromTheRunsEvaluateSettingsAndFlagsOverrideThem() throws {
        let spec = FakeRunsFolder.specText(extra: "evaluate:\n  threshold: 0.3\n  tta: flip\n  postprocess: {largest_components: 2, fill_holes: true}")
        try runs.addEvaluatedRun(id: "tuned-1", started: "2025-05-01T10:00:00Z", specText: spec, dice: [("a", 0.9)])
        let run = try TrainedRun.load("tuned-1", runsRoot: runs.root)
        let recorded = run.segmenter()
        XCTAssertEqual([recorded.threshold], [0.3])
        XCTAssertEqual(recorded.largestComponents, 2)
        XCTAssertTrue(recorded.fillHoles && recorded.flipTTA)
        let overridden = try run.segmenter(largestComponents: 1, flipTTA: false)
        XCTAssertEqual(overridden.largestComponents, 1)
        XCTAssertFalse(overridden.flipTTA)
    }

    func testUnknownRunRunWithoutModelAndMissingModelFileAreExplained() throws {
        XCTAssertThrowsError(try TrainedRun.load("nope", runsRoot: runs.root)) {
            XCTAssertTrue("\($0)".contains("no run 'nope'"), "\($0)")
        }
        try runs.addRun(runs.failedRun(id: "broken-1", started: "2025-05-01T09:00:00Z"))
        XCTAssertThrowsError(try TrainedRun.load("broken-1", runsRoot: runs.root)) {
            XCTAssertEqual($0 as? PredictError, .noModel(runID: "broken-1", reason: "the run failed before training: train: out of memory"))
        }
        let record = try runs.addEvaluatedRun(id: "gone-1", started: "2025-05-01T10:00:00Z", dice: [("a", 0.9)])
        let model = runs.cache.entryDirectory(forKey: record.stageKeys["train"]!).appendingPathComponent(EntryFiles.model)
        try FileManager.default.removeItem(at: model)
        XCTAssertThrowsError(try TrainedRun.load("gone-1", runsRoot: runs.root)) {
            XCTAssertTrue("\($0)".contains(model.path) && "\($0)".contains("re-run"), "\($0)")
        }
    }

    func testAnInputWithNaNPixelsIsRefusedNamingItNotSegmented() throws {
        try runs.addEvaluatedRun(id: "baseline-1", started: "2025-05-01T10:00:00Z", dice: [("a", 0.9)])
        let run = try TrainedRun.load("baseline-1", runsRoot: runs.root)
        let path = runs.root.appendingPathComponent("nan.tif").path
        try writeNaNTIFF(at: path, count: 2)
        XCTAssertThrowsError(try Predictor(segmenter: run.segmenter(), preprocessor: run.preprocessor)
            .predict(inputs: [URL(fileURLWithPath: path)], outputDirectory: out)) {
            XCTAssertEqual($0 as? ImageError, .nonFinitePixels(path: path, count: 2))
        }
    }

    func testUnreadableInputIsNamedAndClashingNamesAreRefusedBeforeWriting() throws {
        try runs.addEvaluatedRun(id: "baseline-1", started: "2025-05-01T10:00:00Z", dice: [("a", 0.9)])
        let run = try TrainedRun.load("baseline-1", runsRoot: runs.root)
        let predictor = Predictor(segmenter: run.segmenter(), preprocessor: run.preprocessor)
        let junk = runs.root.appendingPathComponent("notes.png")
        try Data("not an image".utf8).write(to: junk)
        XCTAssertThrowsError(try predictor.predict(inputs: [junk], outputDirectory: out)) {
            XCTAssertTrue("\($0)".hasPrefix(junk.path), "\($0)")
        }
        let inputs = try writeInputs()
        let twin = runs.root.appendingPathComponent("slice-a.tif")
        try FileManager.default.copyItem(at: inputs[1], to: twin)
        XCTAssertThrowsError(try predictor.predict(inputs: [inputs[0], twin], outputDirectory: out)) {
            XCTAssertEqual($0 as? PredictError, .duplicateStem("slice-a", inputs: [inputs[0].path, twin.path]))
        }
        XCTAssertThrowsError(try predictor.predict(inputs: [inputs[0]], outputDirectory: runs.root)) {
            XCTAssertEqual($0 as? PredictError, .wouldOverwriteInput(inputs[0].standardizedFileURL.path))
        }
    }
}

extension TrainedRun {
    func preprocessorInput(_ image: Image) -> [Float] { preprocessor.apply(image).pixels }
}
