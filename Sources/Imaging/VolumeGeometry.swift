/// An affine map from voxel indices (i, j, k) to world coordinates (x, y, z): `world = M · (i, j, k, 1)`,
/// `x`, `y`, `z` being the matrix rows (NIfTI's `srow_x`, `srow_y`, `srow_z`; the last row is 0 0 0 1).
/// NIfTI world space is RAS+: x grows towards the patient's Right, y Anterior, z Superior.
public struct Affine: Equatable, Sendable, Codable {
    public var x: SIMD4<Double>
    public var y: SIMD4<Double>
    public var z: SIMD4<Double>

    public init(x: SIMD4<Double>, y: SIMD4<Double>, z: SIMD4<Double>) {
        self.x = x
        self.y = y
        self.z = z
    }

    /// Axis-aligned scaling `steps` per voxel, then a shift to `origin` (the world position of voxel 0, 0, 0).
    public static func diagonal(_ steps: SIMD3<Double>, origin: SIMD3<Double> = .zero) -> Affine {
        Affine(x: [steps.x, 0, 0, origin.x], y: [0, steps.y, 0, origin.y], z: [0, 0, steps.z, origin.z])
    }

    /// The world position of a (possibly fractional) voxel index.
    public func apply(_ ijk: SIMD3<Double>) -> SIMD3<Double> {
        let v = SIMD4(ijk.x, ijk.y, ijk.z, 1)
        return SIMD3((x * v).sum(), (y * v).sum(), (z * v).sum())
    }

    /// The world step of one voxel along axis 0 (i), 1 (j) or 2 (k): a column of the matrix.
    public func column(_ axis: Int) -> SIMD3<Double> { SIMD3(x[axis], y[axis], z[axis]) }

    /// The same map with every entry multiplied by `factor` (unit conversion).
    func scaled(by factor: Double) -> Affine { Affine(x: x * factor, y: y * factor, z: z * factor) }

    var rowsDescription: String {
        [x, y, z].map { row in "[" + (0..<4).map { "\(row[$0])" }.joined(separator: " ") + "]" }.joined(separator: " ")
    }
}

/// NIfTI's spatial unit code (`xyzt_units & 7`).
public enum SpatialUnit: Int, Sendable, Codable {
    case unknown = 0, metre = 1, millimetre = 2, micron = 3

    /// Millimetres per unit. An unknown unit is taken as millimetres, as NiBabel, ITK and 3D Slicer do.
    public var millimetres: Double {
        switch self {
        case .unknown, .millimetre: return 1
        case .metre: return 1000
        case .micron: return 0.001
        }
    }
}

/// NIfTI's quaternion form of the qform: rotation (b, c, d; a is implied), offset, and qfac (±1, the sign
/// of the third axis). Kept as stored so a mask written for a scan carries the scan's exact qform.
public struct QuaternionForm: Equatable, Sendable, Codable {
    public var b: Double, c: Double, d: Double
    public var offset: SIMD3<Double>
    public var qfac: Double

    public init(b: Double = 0, c: Double = 0, d: Double = 0, offset: SIMD3<Double> = .zero, qfac: Double = 1) {
        self.b = b; self.c = c; self.d = d
        self.offset = offset
        self.qfac = qfac
    }
}

/// Where a volume's voxels sit in space, as its NIfTI header says. A mask written for a scan copies this
/// whole value, so it overlays the scan in 3D Slicer or ITK-SNAP.
public struct VolumeGeometry: Equatable, Sendable, Codable {
    /// `pixdim[1…3]` as stored, in `spatialUnit` (always positive).
    public var pixelDimensions: SIMD3<Double>
    public var spatialUnit: SpatialUnit
    /// 0 = no qform; 1 = scanner, 2 = aligned, 3 = Talairach, 4 = MNI, 5 = template.
    public var qformCode: Int
    public var quaternion: QuaternionForm
    /// The qform as a matrix, in `spatialUnit` (NIfTI method 2; `diag(pixdim)` when `qformCode` is 0).
    public var qform: Affine
    /// 0 = no sform; codes as for the qform.
    public var sformCode: Int
    /// The sform (`srow_x/y/z`), in `spatialUnit`; meaningful only when `sformCode` > 0.
    public var sform: Affine

    public init(pixelDimensions: SIMD3<Double>, spatialUnit: SpatialUnit = .millimetre, qformCode: Int,
                quaternion: QuaternionForm, qform: Affine, sformCode: Int, sform: Affine) {
        self.pixelDimensions = pixelDimensions
        self.spatialUnit = spatialUnit
        self.qformCode = qformCode
        self.quaternion = quaternion
        self.qform = qform
        self.sformCode = sformCode
        self.sform = sform
    }

    /// An axis-aligned scanner-space grid in millimetres, as CT volumes exported from DICOM usually are:
    /// i towards the patient's left, j towards posterior, k towards superior (NiBabel's axis codes L, P, S;
    /// the qform's rotation is 180° about z). Both qform and sform are set (code 1, scanner).
    public static func axial(spacing: SIMD3<Double>, origin: SIMD3<Double> = .zero) -> VolumeGeometry {
        let matrix = Affine.diagonal(SIMD3(-spacing.x, -spacing.y, spacing.z), origin: origin)
        return VolumeGeometry(pixelDimensions: spacing, spatialUnit: .millimetre, qformCode: 1,
                              quaternion: QuaternionForm(b: 0, c: 0, d: 1, offset: origin, qfac: 1),
                              qform: matrix, sformCode: 1, sform: matrix)
    }

    /// Voxel spacing in millimetres along i, j, k.
    public var spacing: SIMD3<Double> { pixelDimensions * spatialUnit.millimetres }

    /// One voxel's volume in millilitres (cm³).
    public var voxelVolumeMillilitres: Double { (spacing.x * spacing.y * spacing.z) / 1000 }

    /// The voxel-to-world map a viewer uses, in millimetres: the sform when its code is set, else the qform
    /// when its code is set, else nil (the file says nothing about orientation).
    public var worldAffine: Affine? {
        if sformCode > 0 { return sform.scaled(by: spatialUnit.millimetres) }
        if qformCode > 0 { return qform.scaled(by: spatialUnit.millimetres) }
        return nil
    }
}

extension VolumeGeometry {
    /// The first field in which `other` differs from `self` by more than `tolerance` millimetres (spacing,
    /// then each world-affine entry), as (field, self's value, other's value); nil when they agree.
    public func disagreement(with other: VolumeGeometry, tolerance: Double = 1e-3)
        -> (field: String, mine: String, theirs: String)? {
        let a = spacing, b = other.spacing
        if (0..<3).contains(where: { abs(a[$0] - b[$0]) > tolerance }) {
            return ("voxel spacing (mm)", "\(a.x)×\(a.y)×\(a.z)", "\(b.x)×\(b.y)×\(b.z)")
        }
        switch (worldAffine, other.worldAffine) {
        case (nil, nil): return nil
        case let (mine?, nil): return ("orientation (qform/sform)", mine.rowsDescription, "none (qform and sform codes 0)")
        case let (nil, theirs?): return ("orientation (qform/sform)", "none (qform and sform codes 0)", theirs.rowsDescription)
        case let (mine?, theirs?):
            let rows = [(mine.x, theirs.x), (mine.y, theirs.y), (mine.z, theirs.z)]
            let differs = rows.contains { pair in (0..<4).contains { abs(pair.0[$0] - pair.1[$0]) > tolerance } }
            return differs ? ("voxel-to-world affine (mm)", mine.rowsDescription, theirs.rowsDescription) : nil
        }
    }
}
