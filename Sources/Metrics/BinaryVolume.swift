/// A 3D binary segmentation mask, `voxels[(k * ny + j) * nx + i]` (i fastest, as NIfTI stores voxels),
/// `true` = foreground. Spacing is not part of the mask: distance metrics take it as an argument.
public struct BinaryVolume: Equatable, Sendable {
    public let nx: Int
    public let ny: Int
    public let nz: Int
    public let voxels: [Bool]

    /// Throws when a size is not positive or the count does not match `nx * ny * nz`.
    public init(nx: Int, ny: Int, nz: Int, voxels: [Bool]) throws {
        guard nx > 0, ny > 0, nz > 0, voxels.count == nx * ny * nz else {
            throw MetricsError.voxelCountMismatch(size: "\(nx)×\(ny)×\(nz)", count: voxels.count)
        }
        self.nx = nx
        self.ny = ny
        self.nz = nz
        self.voxels = voxels
    }

    /// Any nonzero value is foreground (so 0/1 and 0/255 masks, and Float voxels of a mask volume, read alike).
    public init(nx: Int, ny: Int, nz: Int, values: [Float]) throws {
        try self.init(nx: nx, ny: ny, nz: nz, voxels: values.map { $0 != 0 })
    }

    public var foregroundCount: Int { voxels.reduce(0) { $0 + ($1 ? 1 : 0) } }
    public var isEmpty: Bool { !voxels.contains(true) }
    public var sizeDescription: String { "\(nx)×\(ny)×\(nz)" }

    public subscript(i: Int, j: Int, k: Int) -> Bool { voxels[(k * ny + j) * nx + i] }

    func requireSameSize(as truth: BinaryVolume) throws {
        guard nx == truth.nx, ny == truth.ny, nz == truth.nz else {
            throw MetricsError.sizeMismatch(prediction: sizeDescription, truth: truth.sizeDescription)
        }
    }
}

extension ConfusionCounts {
    /// Voxel counts over a whole volume (so `.dice` is the volume Dice, not a mean of slice Dice);
    /// same empty-mask policy as for 2D. Throws `MetricsError.sizeMismatch` when the sizes differ.
    public init(prediction: BinaryVolume, truth: BinaryVolume) throws {
        try prediction.requireSameSize(as: truth)
        var tp = 0, fp = 0, fn = 0
        for (p, t) in zip(prediction.voxels, truth.voxels) {
            if p && t { tp += 1 } else if p { fp += 1 } else if t { fn += 1 }
        }
        self.init(tp: tp, fp: fp, fn: fn, tn: truth.voxels.count - tp - fp - fn)
    }
}
