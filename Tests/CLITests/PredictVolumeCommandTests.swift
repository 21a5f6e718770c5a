import Foundation
import RunsFixtures
import Imaging
import Stages
import XCTest

/// `pipeline predict` on NIfTI volumes, run as a user would: a mask volume with the scan's header,
/// `lung-volumes.csv` and overlays of representative slices; a broken volume fails naming the file.
final class PredictVolumeCommandTests: XCTestCase {
    var runs: FakeRunsFolder!
    override func setUpWithError() throws { runs = try FakeRunsFolder() }
    override func tearDown() { runs.remove() }

    func testPredictOnAVolumeWritesAMaskWithTheScansHeaderAndOneVolumeRow() throws {
        try runs.addEvaluatedRun(id: "baseline-20250501-100000", started: "2025-05-01T10:00:00Z", dice: [("a", 0.9)])
        let scan = runs.root.appendingPathComponent("chest.nii.gz")
        try VolumeWriter.write(Phantom.volume(seed: 3, index: 0, size: 24, slices: 6).image, to: scan.path, dataType: .int16)
        let out = runs.root.appendingPathComponent("out")
        let result = try BuiltBinary.run(["predict", "--model", "baseline", scan.path, "--out", out.path, "--runs-dir", runs.root.path])
        XCTAssertEqual(result.exitCode, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("1 volume masks"), result.stdout)

        let mask = try VolumeReader.read(path: out.appendingPathComponent("chest-mask.nii.gz").path)
        let header = try VolumeReader.readHeader(path: scan.path)
        XCTAssertEqual([mask.nx, mask.ny, mask.nz], [header.nx, header.ny, header.nz])
        XCTAssertEqual(mask.geometry, header.geometry, "dimensions, spacing, qform and sform as the scan's")
        XCTAssertTrue(mask.voxels.allSatisfy { $0 == 0 || $0 == 1 })

        let csv = try String(contentsOf: out.appendingPathComponent("lung-volumes.csv"), encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(csv.first, "scan,left_ml,right_ml,total_ml,other_ml,components,slices")
        XCTAssertEqual(csv.count, 2)
        let row = csv[1].split(separator: ",", omittingEmptySubsequences: false)
        XCTAssertEqual(row.first, "chest.nii.gz")
        XCTAssertEqual(row.last, "6")
        let lungs = mask.lungVolumes(connectivity: .six)
        XCTAssertEqual(row[3], Substring(String(format: "%.2f", lungs.totalMillilitres)))
        let overlays = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("overlays").path)
        XCTAssertFalse(overlays.isEmpty)
        XCTAssertTrue(overlays.allSatisfy { $0.hasPrefix("chest-k") && $0.hasSuffix(".png") }, "\(overlays)")
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.appendingPathComponent("lung-area.csv").path),
                       "no 2D inputs, no area table")
    }

    func testABrokenVolumeFailsNamingTheFile() throws {
        try runs.addEvaluatedRun(id: "baseline-1", started: "2025-05-01T10:00:00Z", dice: [("a", 0.9)])
        let junk = runs.root.appendingPathComponent("junk.nii.gz")
        try Data("not a volume".utf8).write(to: junk)
        let result = try BuiltBinary.run(["predict", "--model", "baseline-1", junk.path, "--out", runs.root.path + "/o",
                                          "--runs-dir", runs.root.path])
        XCTAssertEqual(result.exitCode, 1)
        XCTAssertTrue(result.stderr.hasPrefix("error: \(junk.path)"), result.stderr)
    }
}
