import Foundation
@testable import Imaging
import XCTest

/// NIfTI volumes written by the project read back with the same voxels, sizes and geometry.
final class VolumeRoundTripTests: XCTestCase {
    func testEveryVoxelTypeVersionAndCompressionRoundTrips() throws {
        let folder = try makeTemporaryFolder(self)
        for type in NIfTIDataType.allCases {
            let source = indexVolume(offset: type == .uint8 ? 0 : -200)  // uint8: 0…234
            let expected = source.voxels
            for version in [NIfTIVersion.nifti1, .nifti2] {
                for name in ["v.nii", "v.nii.gz"] {
                    let path = "\(folder)/\(type.rawValue)-\(version.rawValue)-\(name)"
                    try VolumeWriter.write(source, to: path, dataType: type, version: version)
                    let read = try VolumeReader.read(path: path)
                    XCTAssertEqual(read.voxels, expected, path)
                    XCTAssertEqual([read.nx, read.ny, read.nz], [source.nx, source.ny, source.nz], path)
                    XCTAssertEqual(read.geometry, source.geometry, path)
                    XCTAssertEqual(read.source, VolumeSource(format: version == .nifti1 ? .nifti1 : .nifti2,
                                                             dataType: type, compressed: name.hasSuffix(".gz")), path)
                }
            }
        }
    }

    /// Voxels are stored in NIfTI's order, i fastest, checked on the raw bytes rather than through our reader.
    func testVoxelsAreStoredIFastestAfterTheHeader() throws {
        let path = try makeTemporaryFolder(self) + "/order.nii"
        let volume = indexVolume(nx: 5, ny: 4, nz: 3)
        try VolumeWriter.write(volume, to: path, dataType: .int16, version: .nifti1)
        let raw = try bytes(of: path)
        XCTAssertEqual(raw.count, 352 + 2 * 60, "348-byte header, 4-byte extension flag, then 60 int16 voxels")
        func stored(_ i: Int, _ j: Int, _ k: Int) -> Int16 {
            let offset = 352 + 2 * ((k * 4 + j) * 5 + i)
            return Int16(littleEndian: raw.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: Int16.self) })
        }
        XCTAssertEqual(stored(0, 0, 0), 0)
        XCTAssertEqual(stored(1, 0, 0), 1)
        XCTAssertEqual(stored(0, 1, 0), 10)
        XCTAssertEqual(stored(4, 3, 2), 234)
        XCTAssertEqual(Array(raw[344..<348]), Array("n+1".utf8) + [0], "NIfTI-1 single-file magic")
    }

    func testObliqueQformAndSformAreCopiedBitForBit() throws {
        let folder = try makeTemporaryFolder(self)
        let scan = indexVolume(geometry: obliqueGeometry())
        for name in ["scan.nii", "scan.nii.gz"] {
            try VolumeWriter.write(scan, to: "\(folder)/\(name)", dataType: .int16)
            let read = try VolumeReader.read(path: "\(folder)/\(name)")
            let mask = read.withVoxels(read.voxels.map { $0 > 100 ? 1 : 0 })
            try VolumeWriter.writeMask(mask, to: "\(folder)/mask-\(name)")
            let back = try VolumeReader.read(path: "\(folder)/mask-\(name)")
            XCTAssertEqual(back.geometry, read.geometry, "the mask carries the scan's header")
            XCTAssertEqual(back.geometry.sform, scan.geometry.sform)
            XCTAssertEqual(back.geometry.quaternion, scan.geometry.quaternion)
            XCTAssertEqual([back.geometry.qformCode, back.geometry.sformCode], [1, 2])
            for (row, expected) in zip([back.geometry.qform.x, back.geometry.qform.y, back.geometry.qform.z],
                                       [scan.geometry.qform.x, scan.geometry.qform.y, scan.geometry.qform.z]) {
                XCTAssertLessThanOrEqual((0..<4).map { abs(row[$0] - expected[$0]) }.max()!, 1e-12, "qform row \(row) vs \(expected)")
            }
            XCTAssertEqual(back.source.dataType, .uint8)
            XCTAssertEqual(back.voxels, mask.voxels)
            try Volume.requireSameGridHeaders(read, back)
        }
    }

    func testScaleSlopeAndInterceptAreApplied() throws {
        let path = try makeTemporaryFolder(self) + "/scaled.nii"
        let volume = indexVolume(offset: -1024)  // stored as (v + 1024) / 2, so even values round-trip exactly
        let even = volume.withVoxels(volume.voxels.map { ($0 / 2).rounded(.down) * 2 })
        try VolumeWriter.write(even, to: path, dataType: .int16, version: .nifti1, scaling: (slope: 2, intercept: -1024))
        let read = try VolumeReader.read(path: path)
        XCTAssertEqual(read.voxels, even.voxels)
        XCTAssertEqual(read.source.slope, 2)
        XCTAssertEqual(read.source.intercept, -1024)
        let raw = try bytes(of: path)
        let last = raw.withUnsafeBytes { Int16(littleEndian: $0.loadUnaligned(fromByteOffset: 352 + 2 * 59, as: Int16.self)) }
        XCTAssertEqual(last, 117, "the file stores (−790 + 1024) / 2, unscaled")
    }

    func testNonFiniteFloatVoxelsAreKeptAndCounted() throws {
        let path = try makeTemporaryFolder(self) + "/nan.nii"
        var volume = indexVolume()
        volume[1, 1, 1] = .nan
        volume[2, 0, 0] = .infinity
        volume[0, 3, 2] = -.infinity
        try VolumeWriter.write(volume, to: path, dataType: .float32)
        let read = try VolumeReader.read(path: path)
        XCTAssertEqual(read.nonFiniteCount, 3)
        XCTAssertTrue(read[1, 1, 1].isNaN)
        XCTAssertEqual(read[2, 0, 0], .infinity)
        XCTAssertEqual(read[0, 3, 2], -.infinity)
        XCTAssertEqual(read[4, 3, 2], 234)
    }

    func testBigEndianFilesAreSwapped() throws {
        let folder = try makeTemporaryFolder(self)
        let volume = indexVolume(offset: -150, geometry: obliqueGeometry())
        try VolumeWriter.write(volume, to: folder + "/little.nii", dataType: .int16, version: .nifti1)
        try write(bigEndianNIfTI1(try bytes(of: folder + "/little.nii"), bytesPerVoxel: 2), to: folder + "/big.nii")
        let big = try VolumeReader.read(path: folder + "/big.nii")
        let little = try VolumeReader.read(path: folder + "/little.nii")
        XCTAssertEqual(big.voxels, volume.voxels)
        XCTAssertEqual(big.geometry, little.geometry)
        XCTAssertEqual(big.source.notes, ["opposite byte order, swapped"])
    }

    func testHeaderAloneGivesSizeAndGeometry() throws {
        let path = try makeTemporaryFolder(self) + "/h.nii.gz"
        let volume = indexVolume(nx: 7, ny: 6, nz: 5, geometry: obliqueGeometry())
        try VolumeWriter.write(volume, to: path, dataType: .float32)
        let header = try VolumeReader.readHeader(path: path)
        XCTAssertEqual([header.nx, header.ny, header.nz], [7, 6, 5])
        XCTAssertEqual(header.geometry.sform, volume.geometry.sform)
        XCTAssertEqual(header.source.dataType, .float32)
    }

    func testGridMismatchNamesTheField() throws {
        let image = indexVolume().header
        var spacing = image
        spacing.geometry.pixelDimensions.z = 3
        var flipped = image
        flipped.geometry.sform.x.x = 0.75
        let size = indexVolume(nx: 6).header
        XCTAssertNoThrow(try VolumeHeader.requireSameGrid(image: image, imagePath: "i.nii", mask: image, maskPath: "m.nii"))
        for (mask, field) in [(spacing, "voxel spacing (mm)"), (flipped, "voxel-to-world affine (mm)"), (size, "size")] {
            XCTAssertThrowsVolumeError(try VolumeHeader.requireSameGrid(image: image, imagePath: "i.nii", mask: mask,
                                                                        maskPath: "m.nii")) {
                guard case let .geometryMismatch("i.nii", "m.nii", found, _, _) = $0 else { return false }
                return found == field && $0.description.contains("m.nii")
            }
        }
    }
}

extension Volume {
    static func requireSameGridHeaders(_ a: Volume, _ b: Volume) throws {
        try VolumeHeader.requireSameGrid(image: a.header, imagePath: "a", mask: b.header, maskPath: "b", tolerance: 0)
    }
}
