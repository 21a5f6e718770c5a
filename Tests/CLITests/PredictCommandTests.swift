import Foundation
import RunsFixtures
import Imaging
import Stages
import XCTest

/// `pipeline predict` run as a user would: masks, overlays and the area CSV, and clear failures.
final class PredictCommandTests: XCTestCase {
    var runs: FakeRunsFolder!
    override func setUpWithError() throws { runs = try FakeRunsFolder() }
    override func tearDown() { runs.remove() }

    func testPredictWritesMasksOverlaysAndAreas() throws {
        try runs.addEvaluatedRun(id: "baseline-20250501-100000", started: "2025-05-01T10:00:00Z", dice: [("a", 0.9)])
        let input = runs.root.appendingPathComponent("scan 1.tif")
        try ImageWriter.writeTIFF(Image(width: 20, height: 12, pixels: (0..<240).map { Float($0 * 5 - 1000) }),
                                  to: input.path, sampleType: .int16)
        let out = runs.root.appendingPathComponent("out")
        let result = try BuiltBinary.run(["predict", "--model", "baseline", input.path, "--out", out.path,
                                          "--pixel-spacing", "0.7", "--largest-components", "2", "--tta", "flip",
                                          "--runs-dir", runs.root.path])
        XCTAssertEqual(result.exitCode, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("largest components 2") && result.stdout.contains("TTA flip"), result.stdout)
        let mask = try ImageReader.read(path: out.appendingPathComponent("scan 1.png").path)
        XCTAssertEqual([mask.width, mask.height], [20, 12])
        XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent("overlays/scan 1.png").path))
        let csv = try String(contentsOf: out.appendingPathComponent("lung-area.csv"), encoding: .utf8)
        let lung = mask.pixels.filter { $0 == 255 }.count
        XCTAssertEqual(csv, "slice,width,height,lung_pixels,lung_area_mm2\nscan 1.tif,20,12,\(lung),\(String(format: "%.3f", Double(lung) * 0.49))\n")
    }

    func testUnknownRunAndUnreadableInputFailWithTheirNames() throws {
        let junk = runs.root.appendingPathComponent("junk.png")
        try Data("text".utf8).write(to: junk)
        let unknown = try BuiltBinary.run(["predict", "--model", "nope", junk.path, "--out", runs.root.path + "/o", "--runs-dir", runs.root.path])
        XCTAssertEqual(unknown.exitCode, 1)
        XCTAssertTrue(unknown.stderr.hasPrefix("error: no run 'nope'"), unknown.stderr)
        try runs.addEvaluatedRun(id: "baseline-1", started: "2025-05-01T10:00:00Z", dice: [("a", 0.9)])
        let unreadable = try BuiltBinary.run(["predict", "--model", "baseline-1", junk.path, "--out", runs.root.path + "/o", "--runs-dir", runs.root.path])
        XCTAssertEqual(unreadable.exitCode, 1)
        XCTAssertTrue(unreadable.stderr.hasPrefix("error: \(junk.path): not a PNG or TIFF"), unreadable.stderr)
    }
}
