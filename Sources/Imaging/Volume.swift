/// Where a volume's voxels came from, so callers can report and check it (e.g. "expected int16 HU").
public struct VolumeSource: Equatable, Sendable, CustomStringConvertible {
    public enum Format: String, Sendable { case nifti1, nifti2, memory }

    public var format: Format
    /// Voxel type in the file; nil for volumes built in memory.
    public var dataType: NIfTIDataType?
    /// True for .nii.gz.
    public var compressed: Bool
    /// `scl_slope`/`scl_inter` applied to the stored values (nil when the file stores them unscaled).
    public var slope: Double?
    public var intercept: Double?
    /// Conversions the reader applied, e.g. "big-endian, byte-swapped".
    public var notes: [String]

    public init(format: Format, dataType: NIfTIDataType?, compressed: Bool = false, slope: Double? = nil,
                intercept: Double? = nil, notes: [String] = []) {
        self.format = format
        self.dataType = dataType
        self.compressed = compressed
        self.slope = slope
        self.intercept = intercept
        self.notes = notes
    }

    public static let memory = VolumeSource(format: .memory, dataType: nil)

    public var description: String {
        var text = format == .memory ? "memory float32" : "\(format == .nifti1 ? "NIfTI-1" : "NIfTI-2") \(dataType?.rawValue ?? "?")"
        if compressed { text += ", gzip" }
        if let slope, let intercept { text += ", scaled by scl_slope \(slope), scl_inter \(intercept)" }
        if !notes.isEmpty { text += ", " + notes.joined(separator: ", ") }
        return text
    }
}

/// A 3D scalar volume: `nx × ny × nz` Float voxels with the geometry of the file they came from.
///
/// Voxel order is NIfTI's on-disk order, i fastest: voxel (i, j, k) is `voxels[(k * ny + j) * nx + i]`, so
/// axial slice k is one contiguous block. Values are as the file means them (after `scl_slope`/`scl_inter`):
/// HU for CT, 0/1 for masks. Non-finite values are kept, and counted by `nonFiniteCount`.
public struct Volume: Equatable, Sendable {
    public let nx: Int
    public let ny: Int
    public let nz: Int
    public var voxels: [Float]
    public var geometry: VolumeGeometry
    public var source: VolumeSource

    public init(nx: Int, ny: Int, nz: Int, voxels: [Float], geometry: VolumeGeometry, source: VolumeSource = .memory) {
        precondition(nx > 0 && ny > 0 && nz > 0, "Volume needs a positive size, got \(nx)×\(ny)×\(nz)")
        precondition(voxels.count == nx * ny * nz,
                     "Volume \(nx)×\(ny)×\(nz) needs \(nx * ny * nz) voxels, got \(voxels.count)")
        self.nx = nx
        self.ny = ny
        self.nz = nz
        self.voxels = voxels
        self.geometry = geometry
        self.source = source
    }

    /// Stacks same-size axial slices: slice k becomes k = 0, 1, …; each slice's x runs along i, its y along j
    /// (the inverse of `axialSlice`).
    public init(stacking slices: [Image], geometry: VolumeGeometry) {
        precondition(!slices.isEmpty, "Volume(stacking:) needs at least one slice")
        let width = slices[0].width, height = slices[0].height
        precondition(slices.allSatisfy { $0.width == width && $0.height == height },
                     "Volume(stacking:) needs slices of one size")
        self.init(nx: width, ny: height, nz: slices.count, voxels: slices.flatMap(\.pixels), geometry: geometry)
    }

    public subscript(i: Int, j: Int, k: Int) -> Float {
        get { voxels[(k * ny + j) * nx + i] }
        set { voxels[(k * ny + j) * nx + i] = newValue }
    }

    public var voxelCount: Int { voxels.count }

    /// Voxels that are NaN or ±infinity (e.g. float32 files with missing data). They are kept as read.
    public var nonFiniteCount: Int { voxels.reduce(0) { $0 + ($1.isFinite ? 0 : 1) } }

    /// Axial slice k (0 ≤ k < nz) as a 2D image in the orientation the model sees: the volume's first axis
    /// (i) along image columns (x), its second (j) along rows (y), as NiBabel's `data[:, :, k].T` and
    /// 3D Slicer show it. `Image(x: i, y: j) == volume[i, j, k]`.
    public func axialSlice(_ k: Int) -> Image {
        precondition((0..<nz).contains(k), "axial slice \(k) is outside 0..<\(nz)")
        let size = nx * ny
        return Image(width: nx, height: ny, pixels: Array(voxels[(k * size)..<((k + 1) * size)]))
    }

    /// The same grid and geometry with other voxel values (e.g. a predicted mask for a scan), made in memory.
    public func withVoxels(_ newVoxels: [Float]) -> Volume {
        Volume(nx: nx, ny: ny, nz: nz, voxels: newVoxels, geometry: geometry)
    }

    /// "nx×ny×nz" for messages.
    public var sizeDescription: String { "\(nx)×\(ny)×\(nz)" }
}

/// A volume's size, geometry and provenance without its voxels: what `VolumeReader.readHeader` returns,
/// cheap enough to check every pair of a dataset before loading any voxels.
public struct VolumeHeader: Equatable, Sendable {
    public var nx: Int, ny: Int, nz: Int
    public var geometry: VolumeGeometry
    public var source: VolumeSource

    public init(nx: Int, ny: Int, nz: Int, geometry: VolumeGeometry, source: VolumeSource) {
        (self.nx, self.ny, self.nz) = (nx, ny, nz)
        self.geometry = geometry
        self.source = source
    }

    /// "nx×ny×nz" for messages.
    public var sizeDescription: String { "\(nx)×\(ny)×\(nz)" }

    /// Throws `VolumeError.geometryMismatch` naming the first field in which `mask` does not share `image`'s
    /// voxel grid: size, voxel spacing, or orientation (world affine), each within `tolerance` millimetres.
    public static func requireSameGrid(image: VolumeHeader, imagePath: String, mask: VolumeHeader, maskPath: String,
                                       tolerance: Double = 1e-3) throws {
        guard image.nx == mask.nx, image.ny == mask.ny, image.nz == mask.nz else {
            throw VolumeError.geometryMismatch(image: imagePath, mask: maskPath, field: "size",
                                               imageValue: image.sizeDescription, maskValue: mask.sizeDescription)
        }
        if let difference = image.geometry.disagreement(with: mask.geometry, tolerance: tolerance) {
            throw VolumeError.geometryMismatch(image: imagePath, mask: maskPath, field: difference.field,
                                               imageValue: difference.mine, maskValue: difference.theirs)
        }
    }
}

extension Volume {
    public var header: VolumeHeader { VolumeHeader(nx: nx, ny: ny, nz: nz, geometry: geometry, source: source) }
}
