import Foundation
@testable import Imaging
import XCTest

/// The volume phantom: smooth along z, exact masks, known lung volumes, written as NIfTI by the project.
final class PhantomVolumeTests: XCTestCase {
    func testSameArgumentsGiveTheSameVolume() {
        let a = Phantom.volume(seed: 4, index: 1, size: 48, slices: 12)
        XCTAssertEqual(a.image, Phantom.volume(seed: 4, index: 1, size: 48, slices: 12).image)
        XCTAssertNotEqual(a.mask, Phantom.volume(seed: 4, index: 2, size: 48, slices: 12).mask)
    }

    /// Stacking the 2D slices of a volume and taking axial slices back gives the same pixels; on disk too.
    func testAxialSlicesAreTheStackedSlices() throws {
        let slices = (0..<5).map { Phantom.slice(seed: 9, index: $0, size: 32) }
        let geometry = VolumeGeometry.axial(spacing: [0.5, 0.5, 2])
        let volume = Volume(stacking: slices.map(\.image), geometry: geometry)
        let path = try makeTemporaryFolder(self) + "/stack.nii.gz"
        try VolumeWriter.write(volume, to: path, dataType: .int16)
        let read = try VolumeReader.read(path: path)
        for k in 0..<5 {
            XCTAssertEqual(volume.axialSlice(k), slices[k].image, "slice \(k) in memory")
            XCTAssertEqual(read.axialSlice(k).pixels, slices[k].image.pixels, "slice \(k) read back")
            XCTAssertEqual(read.axialSlice(k)[7, 3], read[7, 3, k], "x runs along i, y along j")
        }
    }

    func testLungsVarySmoothlyAlongZAndSpanMostOfTheStack() {
        let phantom = Phantom.volume(seed: 2, index: 0, size: 64, slices: 40)
        let areas = (0..<40).map { phantom.mask.axialSlice($0).pixels.reduce(0, +) }
        XCTAssertEqual(areas.first, 0, "below the lung bases")
        XCTAssertEqual(areas.last, 0, "above the apices")
        XCTAssertGreaterThan(areas.filter { $0 > 0 }.count, 28, "lungs span most of the stack: \(areas)")
        let peak = areas.max()!
        for k in 1..<40 where areas[k] > 0.2 * peak && areas[k - 1] > 0.2 * peak {
            XCTAssertLessThan(abs(areas[k] - areas[k - 1]), 0.2 * peak, "slice \(k): lung area jumps \(areas[k - 1]) → \(areas[k])")
        }
        let lung = zip(phantom.image.voxels, phantom.mask.voxels).filter { $0.1 == 1 }.map { Double($0.0) }
        let mean = lung.reduce(0, +) / Double(lung.count)
        XCTAssertTrue((-900 ... -700).contains(mean), "lung mean \(mean) HU")
        XCTAssertTrue(phantom.image.voxels.allSatisfy { $0 == $0.rounded() && $0 >= -2048 && $0 <= 3071 }, "int16 HU")
    }

    /// The mask's two largest components are exactly the two lungs, so the measurement equals the exact volume.
    func testMeasuredLungVolumesEqualTheExactOnes() {
        for index in 0..<3 {
            let phantom = Phantom.volume(seed: 7, index: index, size: 64, slices: 32)
            let measured = phantom.mask.lungVolumes()
            XCTAssertEqual(measured.componentCount, 2, "volume \(index): two lungs in 3D")
            XCTAssertEqual(measured.totalMillilitres, phantom.lungMillilitres, accuracy: 1e-9)
            XCTAssertEqual(try XCTUnwrap(measured.leftMillilitres), phantom.leftLungMillilitres, accuracy: 1e-9)
            XCTAssertEqual(try XCTUnwrap(measured.rightMillilitres), phantom.rightLungMillilitres, accuracy: 1e-9)
            XCTAssertEqual(measured.sideRule, "world x (RAS)")
            let count = Double(phantom.mask.voxels.reduce(0, +))
            XCTAssertEqual(phantom.lungMillilitres, count * phantom.mask.geometry.voxelVolumeMillilitres, accuracy: 1e-9)
            XCTAssertTrue((2_000...8_000).contains(phantom.lungMillilitres), "adult-like lungs: \(phantom.lungMillilitres) mL")
        }
    }

    /// Lung volume hardly depends on sampling: the phantom is one physical chest (409.6 mm × 240 mm).
    func testLungVolumeIsAboutTheSameAtAnyResolution() {
        let coarse = Phantom.volume(seed: 3, index: 0, size: 48, slices: 24).lungMillilitres
        let fine = Phantom.volume(seed: 3, index: 0, size: 128, slices: 64).lungMillilitres
        XCTAssertEqual(coarse / fine, 1, accuracy: 0.05, "coarse \(coarse) mL, fine \(fine) mL")
        XCTAssertEqual(Phantom.volumeSpacing(size: 512, slices: 96), [Double(Float(0.8)), Double(Float(0.8)), 2.5])
    }

    func testDatasetIsWrittenAsNIfTIAndReadsBackExactly() throws {
        let folder = try makeTemporaryFolder(self)
        let names = try Phantom.writeVolumeDataset(to: folder, count: 2, seed: 5, size: 40, slices: 16)
        XCTAssertEqual(names, ["PV_0000.nii.gz", "PV_0001.nii.gz"])
        let expected = Phantom.volume(seed: 5, index: 1, size: 40, slices: 16)
        let image = try VolumeReader.read(path: folder + "/images/PV_0001.nii.gz")
        let mask = try VolumeReader.read(path: folder + "/masks/PV_0001.nii.gz")
        XCTAssertEqual(image.voxels, expected.image.voxels)
        XCTAssertEqual(mask.voxels, expected.mask.voxels)
        XCTAssertEqual(image.geometry, expected.image.geometry, "Float-rounded geometry survives the header exactly")
        XCTAssertEqual(mask.geometry, image.geometry)
        XCTAssertEqual(image.source.dataType, .int16)
        XCTAssertEqual(mask.source.dataType, .uint8)
        XCTAssertEqual(mask.lungVolumes().totalMillilitres, expected.lungMillilitres, accuracy: 1e-9)
    }
}
