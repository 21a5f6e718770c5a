import Foundation
import Randomness

/// A phantom CT volume, its exact lung mask, and the lung volumes that mask holds.
public struct PhantomVolume: Sendable {
    /// HU, integer values in int16 range, with `VolumeGeometry.axial` geometry (i → patient's left,
    /// j → posterior, k → superior).
    public let image: Volume
    /// 0/1, exactly the voxels painted as lung; same grid and geometry as `image`.
    public let mask: Volume
    /// The patient's left lung (painted on the image's right, as radiological display shows it): its mask
    /// voxels × the voxel volume, in mL.
    public let leftLungMillilitres: Double
    /// The patient's right lung (on the image's left), in mL.
    public let rightLungMillilitres: Double

    /// Both lungs: every mask voxel × the voxel volume, in mL.
    public var lungMillilitres: Double { leftLungMillilitres + rightLungMillilitres }
}

extension Phantom {
    /// The phantom chest's physical size, whatever the sampling: 409.6 mm across each axial slice and
    /// 240 mm from the bottom slice to the top, so `size` 512 and `slices` 96 give 0.8 × 0.8 × 2.5 mm voxels
    /// and lung volumes stay adult-like (a few litres) at any resolution.
    public static let volumeFieldOfView = 409.6
    public static let volumeCoverage = 240.0

    /// Voxel spacing (mm) of a phantom volume, rounded to Float as a NIfTI-1 header stores it, so volumes
    /// read back from disk have exactly the geometry (and lung volumes) of the ones made in memory.
    public static func volumeSpacing(size: Int, slices: Int) -> SIMD3<Double> {
        let inPlane = Double(Float(volumeFieldOfView / Double(size)))
        return SIMD3(inPlane, inPlane, Double(Float(volumeCoverage / Double(slices))))
    }

    /// Volume `index` of the family `seed`: `size × size × slices` voxels. A pure function of its arguments.
    /// Slices are painted like `slice(seed:index:size:)` (same tissues, textures, blur and noise) from one
    /// chest whose anatomy varies smoothly along z (see `PhantomChest`); the lungs span most of the stack.
    public static func volume(seed: UInt64, index: Int, size: Int = 128, slices: Int = 48) -> PhantomVolume {
        precondition(size >= 16 && slices >= 4, "phantom volume needs size ≥ 16 and slices ≥ 4, got \(size), \(slices)")
        var rng = SplitMix64(seed: seed, keys: UInt64(truncatingIfNeeded: index), 0x766F_6C75_6D65)  // "volume"
        let chest = PhantomChest(rng: &rng)
        let style = PhantomStyle(rng: &rng)
        var hu: [Float] = [], mask: [Float] = []
        hu.reserveCapacity(size * size * slices)
        mask.reserveCapacity(size * size * slices)
        var lungVoxels = [0, 0]  // per lung index: 0 on the image's left (patient's right), 1 on its right
        for k in 0..<slices {
            let t = (Double(k) + 0.5) / Double(slices)
            let (anatomy, lungIndices) = chest.anatomy(at: t)
            var noise = SplitMix64(seed: seed, keys: UInt64(truncatingIfNeeded: index), UInt64(k))
            let (values, lungs) = render(anatomy, style: style, noise: &noise, size: size, textureShift: 0.8 * t)
            hu += values
            for label in lungs {
                mask.append(label == 0 ? 0 : 1)
                if label > 0 { lungVoxels[lungIndices[Int(label) - 1]] += 1 }
            }
        }
        let spacing = volumeSpacing(size: size, slices: slices)
        // Voxel (0, 0, 0) sits where the grid's centre is the world origin, rounded to Float like the header.
        let extent = SIMD3(-spacing.x, -spacing.y, spacing.z) * SIMD3(Double(size - 1), Double(size - 1), Double(slices - 1))
        let origin = SIMD3(Double(Float(-extent.x / 2)), Double(Float(-extent.y / 2)), Double(Float(-extent.z / 2)))
        let geometry = VolumeGeometry.axial(spacing: spacing, origin: origin)
        let millilitresPerVoxel = geometry.voxelVolumeMillilitres
        return PhantomVolume(
            image: Volume(nx: size, ny: size, nz: slices, voxels: hu, geometry: geometry),
            mask: Volume(nx: size, ny: size, nz: slices, voxels: mask, geometry: geometry),
            leftLungMillilitres: Double(lungVoxels[1]) * millilitresPerVoxel,
            rightLungMillilitres: Double(lungVoxels[0]) * millilitresPerVoxel)
    }

    /// Writes `count` phantom volumes as NIfTI-1: `folder/images/PV_0000.nii.gz` (int16 HU) and
    /// `folder/masks/PV_0000.nii.gz` (uint8 0/1), same names and geometry. Creates the folders; overwrites
    /// existing files. Returns the file names written, in order.
    @discardableResult
    public static func writeVolumeDataset(to folder: String, count: Int, seed: UInt64, size: Int = 128,
                                          slices: Int = 48, prefix: String = "PV") throws -> [String] {
        let images = folder + "/images", masks = folder + "/masks"
        for directory in [images, masks] {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw VolumeError.writeFailed(path: directory, reason: "cannot create folder: \(error.localizedDescription)")
            }
        }
        return try (0..<count).map { index in
            let name = String(format: "%@_%04d.nii.gz", prefix, index)
            let phantom = volume(seed: seed, index: index, size: size, slices: slices)
            try VolumeWriter.write(phantom.image, to: images + "/" + name, dataType: .int16)
            try VolumeWriter.writeMask(phantom.mask, to: masks + "/" + name)
            return name
        }
    }
}
