import Imaging

/// What is wrong with a pair of NIfTI volumes beyond what the reader itself refuses. Each message names
/// the file and says what to do next.
enum VolumePairProblem: Error, CustomStringConvertible {
    /// One file of the pair is a volume and the other a 2D slice.
    case mixedKinds(image: String, mask: String)
    /// NaN or infinite voxels (float32 files with missing data).
    case nonFinite(path: String, count: Int, total: Int)
    /// A mask voxel that is neither background nor lung.
    case notBinary(path: String, value: Float, count: Int)

    var description: String {
        switch self {
        case let .mixedKinds(image, mask):
            return "\(image) and \(mask): one is a NIfTI volume and the other a 2D slice; pair volumes with volume masks"
        case let .nonFinite(path, count, total):
            return "\(path): \(count) of \(total) voxels are NaN or infinite; fill or crop the missing data and re-export"
        case let .notBinary(path, value, count):
            return "\(path): \(count) voxels have value \(value), but a mask holds only 0 and 1 (or 0 and 255); "
                + "binarize it (e.g. label > 0) and re-export"
        }
    }
}

/// Checks a NIfTI image/mask pair: headers first (one voxel grid: size, spacing, orientation), then the
/// voxels (all finite; the mask binary, 0/1 or 0/255).
enum VolumePairCheck {
    static func isVolumePair(image: String, mask: String) -> Bool {
        VolumeReader.isNIfTIName(image) || VolumeReader.isNIfTIName(mask)
    }

    static func check(imagePath: String, maskPath: String) throws {
        guard VolumeReader.isNIfTIName(imagePath), VolumeReader.isNIfTIName(maskPath) else {
            throw VolumePairProblem.mixedKinds(image: imagePath, mask: maskPath)
        }
        try VolumeHeader.requireSameGrid(image: try VolumeReader.readHeader(path: imagePath), imagePath: imagePath,
                                         mask: try VolumeReader.readHeader(path: maskPath), maskPath: maskPath)
        for path in [imagePath, maskPath] {
            let volume = try VolumeReader.read(path: path)
            let nonFinite = volume.nonFiniteCount
            guard nonFinite == 0 else { throw VolumePairProblem.nonFinite(path: path, count: nonFinite, total: volume.voxelCount) }
            if path == maskPath { try requireBinary(volume, path: path) }
        }
    }

    /// 0/1 or 0/255, as for 2D masks.
    static func requireBinary(_ mask: Volume, path: String) throws {
        let foreground: Float = mask.voxels.contains(255) ? 255 : 1
        var stray: Float?, count = 0
        for value in mask.voxels where value != 0 && value != foreground {
            stray = stray ?? value
            count += 1
        }
        if let stray { throw VolumePairProblem.notBinary(path: path, value: stray, count: count) }
    }
}
