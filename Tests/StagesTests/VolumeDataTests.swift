import Foundation
import Imaging
@testable import Spec
import XCTest
@testable import Stages

/// NIfTI volumes as training data: slicing, splitting and validating them.
final class VolumeDataTests: XCTestCase {
    let params = PreprocessParams(intensity: .window(lo: -1000, hi: 400), resize: ResizeSpec(height: 32, width: 32))

    /// A volume made by stacking 2D slices, written to disk and read back, preprocesses to exactly the
    /// pixels (and masks) of the slices themselves: the axial orientation matches what the model sees.
    func testAStackOfSlicesPreprocessesToTheSamePixelsAsTheSlices() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("stack-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // Non-square slices, so a swapped i/j would change the size, not only the pixels.
        let slices = (0..<5).map { Phantom.slice(seed: 2, index: $0, size: 48) }
            .map { s in (image: s.image.resizedNearest(width: 48, height: 40), mask: s.mask.resizedNearest(width: 48, height: 40)) }
        let geometry = VolumeGeometry.axial(spacing: SIMD3(0.8, 0.8, 2.5))
        let imagePath = folder.appendingPathComponent("stack.nii.gz").path, maskPath = folder.appendingPathComponent("mask.nii.gz").path
        try VolumeWriter.write(Volume(stacking: slices.map(\.image), geometry: geometry), to: imagePath, dataType: .int16)
        try VolumeWriter.writeMask(Volume(stacking: slices.map(\.mask), geometry: geometry), to: maskPath)

        var fromSlices = PreprocessedData(height: 32, width: 32, cases: [], images: [], masks: [])
        for (k, s) in slices.enumerated() {
            PreprocessStage.append(image: s.image, mask: s.mask, case: .init(id: "s\(k)", originalWidth: 0, originalHeight: 0),
                                   params: params, to: &fromSlices)
        }
        var fromVolume = PreprocessedData(height: 32, width: 32, cases: [], images: [], masks: [])
        let count = try PreprocessStage.appendVolume(id: "stack", image: VolumeReader.read(path: imagePath),
                                                     mask: VolumeReader.read(path: maskPath), selection: .all,
                                                     params: params, to: &fromVolume)
        XCTAssertEqual(count, 5)
        XCTAssertEqual(fromVolume.images, fromSlices.images, "volume slices must preprocess to the 2D slices' pixels")
        XCTAssertEqual(fromVolume.masks, fromSlices.masks)
        XCTAssertEqual(fromVolume.cases.map(\.id), ["stack#k000", "stack#k001", "stack#k002", "stack#k003", "stack#k004"])
        XCTAssertEqual(fromVolume.cases[2].volume, "stack")
        XCTAssertEqual(fromVolume.cases[2].slice, 2)
        XCTAssertEqual(fromVolume.cases[2].spacing ?? [], [0.8, 0.8, 2.5].map { Double(Float($0)) })
        XCTAssertEqual([fromVolume.cases[0].originalWidth, fromVolume.cases[0].originalHeight], [48, 40])
    }

    /// 2D cases write the same cases.json as before volumes existed: the volume fields are absent.
    func testTwoDimensionalCasesEncodeWithoutVolumeFields() throws {
        let json = String(decoding: try JSONEncoder().encode(PreprocessedData.Case(id: "a", originalWidth: 2, originalHeight: 3)), as: UTF8.self)
        XCTAssertFalse(json.contains("volume") || json.contains("slice") || json.contains("spacing"), json)
    }

    func testLungSelectionKeepsTheLungsAndTwoSlicesEitherSide() {
        let lung: Set<Int> = [5, 6, 7, 9]
        XCTAssertEqual(SliceSelection.lung.indices(count: 20) { lung.contains($0) }, Array(3...11))
        XCTAssertEqual(SliceSelection.lung.indices(count: 8) { lung.contains($0) }, Array(3...7), "clipped at the last slice")
        XCTAssertEqual(SliceSelection.lung.indices(count: 20) { _ in false }, [], "no lung, no slices")
        XCTAssertEqual(SliceSelection.every(4).indices(count: 10) { _ in false }, [0, 4, 8])
        XCTAssertEqual(SliceSelection.all.indices(count: 3) { _ in false }, [0, 1, 2])
    }

    /// Slices of one volume never straddle the split: the fraction is drawn over volumes.
    func testTheSplitIsByVolumeNeverBySlice() throws {
        let volumes = (0..<10).map { String(format: "V%02d", $0) }
        let ids = volumes.flatMap { v in (0..<7).map { "\(v)#k\(String(format: "%03d", $0))" } }
        let groups = ids.map { String($0.prefix(3)) }
        for seed in 0..<5 {
            let split = try TrainingSplit.make(ids: ids, groups: groups, spec: .fraction(validation: 0.3), seed: seed)
            let trainVolumes = Set(split.train.map { String($0.prefix(3)) })
            let validationVolumes = Set(split.validation.map { String($0.prefix(3)) })
            XCTAssertTrue(trainVolumes.isDisjoint(with: validationVolumes), "seed \(seed): a volume on both sides")
            XCTAssertEqual(validationVolumes.count, 3, "30 % of 10 volumes")
            XCTAssertEqual(split.validation.count, 21, "every slice of each validation volume")
        }
        // Listed ids may name whole volumes.
        let listed = try TrainingSplit.make(ids: ids, groups: groups, spec: .explicit(train: [], validation: ["V03"]), seed: 0)
        XCTAssertEqual(listed.validation, (0..<7).map { "V03#k\(String(format: "%03d", $0))" })
    }

    /// Without volumes each case is its own group and the draw is the one 2D runs always made.
    func testTwoDimensionalSplitsAreUnchangedByGroups() throws {
        let ids = (0..<20).map { "ID_\($0)" }
        let plain = try TrainingSplit.make(ids: ids, spec: .fraction(validation: 0.25), seed: 4)
        let grouped = try TrainingSplit.make(ids: ids, groups: ids, spec: .fraction(validation: 0.25), seed: 4)
        XCTAssertEqual(plain, grouped)
    }

    func testAMaskOnAnotherGridIsRefusedNamingTheFieldAndTheFiles() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("grid-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let phantom = Phantom.volume(seed: 1, index: 0, size: 16, slices: 4)
        let image = folder.appendingPathComponent("a.nii.gz").path, mask = folder.appendingPathComponent("a-mask.nii").path
        try VolumeWriter.write(phantom.image, to: image, dataType: .int16)
        var shifted = phantom.mask
        shifted.geometry = .axial(spacing: SIMD3(phantom.image.geometry.spacing.x, phantom.image.geometry.spacing.y, 3.0))
        try VolumeWriter.writeMask(shifted, to: mask)
        XCTAssertThrowsError(try VolumePairCheck.check(imagePath: image, maskPath: mask)) { error in
            guard case let VolumeError.geometryMismatch(i, m, field, _, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual([i, m, field], [image, mask, "voxel spacing (mm)"])
            XCTAssertTrue("\(error)".contains("resample the mask"), "\(error)")
        }
    }

    func testNonFiniteVoxelsAndNonBinaryMasksAreRefusedWithFileAndCount() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("finite-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let phantom = Phantom.volume(seed: 1, index: 0, size: 16, slices: 4)
        let image = folder.appendingPathComponent("a.nii").path, mask = folder.appendingPathComponent("m.nii").path
        var holes = phantom.image
        for v in [3, 70, 500] { holes.voxels[v] = .nan }
        try VolumeWriter.write(holes, to: image, dataType: .float32)
        try VolumeWriter.writeMask(phantom.mask, to: mask)
        XCTAssertThrowsError(try VolumePairCheck.check(imagePath: image, maskPath: mask)) { error in
            XCTAssertTrue("\(error)".hasPrefix("\(image): 3 of 1024 voxels are NaN or infinite"), "\(error)")
        }
        try VolumeWriter.write(phantom.image, to: image, dataType: .int16)
        try VolumeWriter.write(phantom.mask.withVoxels(phantom.mask.voxels.map { $0 * 2 }), to: mask, dataType: .uint8)
        XCTAssertThrowsError(try VolumePairCheck.check(imagePath: image, maskPath: mask)) { error in
            XCTAssertTrue("\(error)".hasPrefix("\(mask):") && "\(error)".contains("value 2.0"), "\(error)")
        }
    }

    func testNIfTIStemsDropTheWholeDoubleExtension() {
        XCTAssertEqual(PairFinder.stem("PV_0003.nii.gz"), "PV_0003")
        XCTAssertEqual(PairFinder.stem("PV_0003.nii"), "PV_0003")
        XCTAssertEqual(PairFinder.stem("ID_1.tif"), "ID_1")
        XCTAssertEqual(Predictor.stem(of: URL(fileURLWithPath: "/x/scan.nii.gz")), "scan")
    }
}
