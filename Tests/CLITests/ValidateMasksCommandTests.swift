import Foundation
import Imaging
import XCTest

/// `pipeline validate SPEC --masks` as a user runs it before any training: a folder with one
/// mislabelled slice, named in the table with its reason; a report, so exit 0.
final class ValidateMasksCommandTests: XCTestCase {
    func testAMislabelledSliceIsNamedWithItsReasonAndTheRestAreOK() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cli-masks-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try Phantom.writeDataset(to: folder.path + "/data", count: 12, seed: 4, size: 128)
        // PH_0005's label marks the background as lung: the kind of error a glance catches.
        let maskPath = folder.path + "/data/masks/PH_0005.tif"
        let mask = try ImageReader.read(path: maskPath)
        try ImageWriter.writeTIFF(Imaging.Image(width: mask.width, height: mask.height, pixels: mask.pixels.map { $0 == 0 ? 1 : 0 }),
                                  to: maskPath, sampleType: .uint8, compression: .lzw)
        let spec = folder.appendingPathComponent("masks.yaml")
        try "name: masks\ndata:\n  images: data/images\n  masks: data/masks\n".write(to: spec, atomically: true, encoding: .utf8)

        let result = try BuiltBinary.run(["validate", spec.path, "--masks"])
        XCTAssertEqual(result.exitCode, 0, result.stderr)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.contains { $0.hasPrefix("id ") && $0.contains("lung") && $0.contains("outside") && $0.contains("border")
                                           && $0.contains("mean HU") && $0.hasSuffix("verdict") }, result.stdout)
        let flagged = try XCTUnwrap(lines.first { $0.hasPrefix("PH_0005 ") }, result.stdout)
        XCTAssertTrue(flagged.contains("SUSPECT: ") && flagged.contains("the mask touches the image border"), flagged)
        XCTAssertEqual(lines.filter { $0.hasPrefix("PH_") && $0.hasSuffix("  ok") }.count, 11, result.stdout)
        XCTAssertEqual(lines.last, "1 of 12 pairs flagged")
    }
}
