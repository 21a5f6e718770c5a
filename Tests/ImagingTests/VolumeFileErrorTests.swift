import Foundation
import Imaging
import XCTest

/// Corrupt, truncated, hostile or unsupported NIfTI files are refused with an error naming the file,
/// before any voxel memory is allocated; none crashes or allocates what a header claims.
final class VolumeFileErrorTests: XCTestCase {
    private var folder = ""
    /// A valid 5×4×3 int16 NIfTI-1 .nii, as bytes to patch.
    private var valid: [UInt8] = []

    override func setUpWithError() throws {
        folder = try makeTemporaryFolder(self)
        try VolumeWriter.write(indexVolume(), to: folder + "/valid.nii", dataType: .int16, version: .nifti1)
        valid = try bytes(of: folder + "/valid.nii")
    }

    private func file(_ name: String, _ edit: (inout [UInt8]) -> Void) throws -> String {
        var patched = valid
        edit(&patched)
        try write(patched, to: folder + "/" + name)
        return folder + "/" + name
    }

    func testWrongNameMissingFileAndFolder() throws {
        try write(valid, to: folder + "/scan.img")
        XCTAssertThrowsVolumeError(try VolumeReader.read(path: self.folder + "/scan.img")) {
            guard case .notNIfTI = $0 else { return false }
            return $0.description.contains("scan.img") && $0.description.contains(".nii.gz")
        }
        XCTAssertThrowsVolumeError(try VolumeReader.read(path: self.folder + "/absent.nii")) {
            $0 == .unreadable(path: self.folder + "/absent.nii", reason: "no such file")
        }
        try FileManager.default.createDirectory(atPath: folder + "/dir.nii", withIntermediateDirectories: false)
        XCTAssertThrowsVolumeError(try VolumeReader.read(path: self.folder + "/dir.nii")) {
            $0 == .unreadable(path: self.folder + "/dir.nii", reason: "it is a folder")
        }
    }

    func testNotANIfTIHeader() throws {
        let short = try file("short.nii") { $0 = Array($0[0..<100]) }
        XCTAssertThrowsVolumeError(try VolumeReader.read(path: short)) {
            guard case .notNIfTI(short, _) = $0 else { return false }
            return true
        }
        let png = try file("png.nii") { bytes in for n in 0..<4 { bytes[n] = [0x89, 0x50, 0x4E, 0x47][n] } }
        XCTAssertThrowsVolumeError(try VolumeReader.read(path: png)) {
            $0 == .notNIfTI(path: png, detail: "sizeof_hdr is neither 348 nor 540")
        }
    }

    func testTruncatedDataIsRefusedBeforeReading() throws {
        let cut = try file("cut.nii") { $0.removeLast(10) }
        XCTAssertThrowsVolumeError(try VolumeReader.read(path: cut)) {
            $0 == .sizesDoNotFitFile(path: cut, needed: 472, available: 462, compressed: false)
        }
        XCTAssertThrowsVolumeError(try VolumeReader.readHeader(path: cut)) { if case .sizesDoNotFitFile = $0 { true } else { false } }
    }

    func testHugeSizesAreRefusedWithoutAllocating() throws {
        // 32767³ int16 voxels would be 70 TB.
        let huge = try file("huge.nii") { for d in 1...3 { patch(&$0, at: 40 + 2 * d, Int16(32767)) } }
        XCTAssertThrowsVolumeError(try VolumeReader.read(path: huge)) {
            guard case .tooLarge(huge, "32767×32767×32767", VolumeReader.maximumVoxelCount) = $0 else { return false }
            return true
        }
        // Within the voxel limit (2000×2000×100 = 4·10⁸) but 800 MB of int16 in a file of 472 bytes.
        let big = try file("big.nii") { patch(&$0, at: 42, Int16(2000)); patch(&$0, at: 44, Int16(2000)); patch(&$0, at: 46, Int16(100)) }
        XCTAssertThrowsVolumeError(try VolumeReader.read(path: big)) {
            $0 == .sizesDoNotFitFile(path: big, needed: 352 + 800_000_000, available: 472, compressed: false)
        }
        // The same header gzip-compressed: no deflate stream of this size inflates to 800 MB.
        try gzip(big, to: big + ".gz")
        XCTAssertThrowsVolumeError(try VolumeReader.read(path: big + ".gz")) {
            guard case let .sizesDoNotFitFile(path, needed, available, true) = $0 else { return false }
            return path == big + ".gz" && needed == 800_000_352 && available < 1_000_000
        }
    }

    func testTruncatedGzipIsRefusedWhileReading() throws {
        try VolumeWriter.write(indexVolume(nx: 64, ny: 64, nz: 8), to: folder + "/whole.nii.gz", dataType: .float32)
        let compressed = try bytes(of: folder + "/whole.nii.gz")
        let cut = folder + "/cut.nii.gz"
        try write(Array(compressed[0..<(compressed.count / 2)]), to: cut)
        XCTAssertThrowsVolumeError(try VolumeReader.read(path: cut)) {
            guard case .truncated(cut, _) = $0 else { return false }
            return $0.description.contains("cut.nii.gz")
        }
    }

    func testZeroOrNegativeSizesAreABadHeader() throws {
        let zero = try file("zero.nii") { patch(&$0, at: 42, Int16(0)) }
        XCTAssertThrowsVolumeError(try VolumeReader.read(path: zero)) {
            $0 == .badHeader(path: zero, field: "dim[1]", value: "0")
        }
        let negative = try file("negative.nii") { patch(&$0, at: 42, Int16(-5)) }
        XCTAssertThrowsVolumeError(try VolumeReader.read(path: negative)) {
            $0 == .badHeader(path: negative, field: "dim[1]", value: "-5")
        }
        let noDims = try file("nodims.nii") { patch(&$0, at: 40, Int16(0)) }
        XCTAssertThrowsVolumeError(try VolumeReader.read(path: noDims)) {
            $0 == .badHeader(path: noDims, field: "dim[0]", value: "0")
        }
    }

    func testFourDimensionsAndOtherVoxelTypesAreUnsupported() throws {
        let fourD = try file("4d.nii") { patch(&$0, at: 40, Int16(4)); patch(&$0, at: 48, Int16(2)) }
        XCTAssertThrowsVolumeError(try VolumeReader.read(path: fourD)) {
            guard case let .unsupported(path, what, _) = $0 else { return false }
            return path == fourD && what.contains("5×4×3×2")
        }
        let double = try file("f64.nii") { patch(&$0, at: 70, Int16(64)); patch(&$0, at: 72, Int16(64)) }
        XCTAssertThrowsVolumeError(try VolumeReader.read(path: double)) {
            guard case let .unsupported(path, what, hint) = $0 else { return false }
            return path == double && what.contains("FLOAT64") && hint.contains("int16, uint8, int32 or float32")
        }
    }

    func testValuesThatDoNotFitTheVoxelTypeAreRefused() throws {
        let volume = indexVolume(offset: -1)
        XCTAssertThrowsVolumeError(try VolumeWriter.write(volume, to: self.folder + "/neg.nii", dataType: .uint8)) {
            $0 == .valuesOutOfRange(path: self.folder + "/neg.nii", dataType: "uint8", range: -1...233)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/neg.nii"), "nothing written")
        XCTAssertThrowsVolumeError(try VolumeWriter.write(volume, to: self.folder + "/x.tif", dataType: .int16)) {
            if case .writeFailed = $0 { true } else { false }
        }
    }
}
