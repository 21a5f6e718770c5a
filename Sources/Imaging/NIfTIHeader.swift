/// Voxel types the volume reader and writer handle (NIfTI `datatype` codes).
public enum NIfTIDataType: String, Sendable, CaseIterable, Codable {
    case uint8, int16, int32, float32

    public var code: Int {
        switch self {
        case .uint8: return 2
        case .int16: return 4
        case .int32: return 8
        case .float32: return 16
        }
    }

    public var bytesPerVoxel: Int {
        switch self {
        case .uint8: return 1
        case .int16: return 2
        case .int32, .float32: return 4
        }
    }

    init?(code: Int) {
        guard let type = NIfTIDataType.allCases.first(where: { $0.code == code }) else { return nil }
        self = type
    }
}

/// NIfTI-1 (348-byte header) or NIfTI-2 (540-byte header, 64-bit sizes); both single-file (`.nii`).
public enum NIfTIVersion: Int, Sendable, Codable {
    case nifti1 = 1, nifti2 = 2

    var headerSize: Int { self == .nifti1 ? 348 : 540 }
    /// Header plus the 4-byte extension flag: where voxels start in files we write.
    var dataOffset: Int { headerSize + 4 }
}

/// What the reader needs from a header, as parsed (and byte-swapped) by nifti_clib in `NIfTI.swift`.
struct NIfTIHeader {
    var version: NIfTIVersion
    /// nifti_clib's file type: 1 = NIfTI-1 single file, 2 = NIfTI-1 .hdr/.img pair, 4/5 likewise for NIfTI-2.
    var fileType: Int
    /// `dim[0…7]`: dim[0] is the number of dimensions.
    var dims: [Int]
    var dataTypeCode: Int
    var dataTypeName: String
    /// True when the file's byte order differs from this machine's: voxels must be swapped.
    var byteSwapped: Bool
    /// Byte offset of the first voxel.
    var voxelOffset: Int
    var scaleSlope: Double
    var scaleIntercept: Double
    var geometry: VolumeGeometry

    /// `scl_slope`/`scl_inter` as NIfTI and NiBabel apply them: a zero or non-finite slope means unscaled.
    var scaling: (slope: Double, intercept: Double)? {
        guard scaleSlope != 0, scaleSlope.isFinite else { return nil }
        let intercept = scaleIntercept.isFinite ? scaleIntercept : 0
        return scaleSlope == 1 && intercept == 0 ? nil : (scaleSlope, intercept)
    }
}

/// The checked shape of a header whose voxels the reader will load.
struct NIfTILayout {
    var nx: Int, ny: Int, nz: Int
    var dataType: NIfTIDataType
    var voxelCount: Int { nx * ny * nz }
    var dataBytes: Int { voxelCount * dataType.bytesPerVoxel }
}

extension NIfTIHeader {
    /// Deflate never compresses better than about 1032:1, so a .nii.gz of `n` bytes cannot hold more.
    static let maximumInflation = 1032

    /// Checks the header against limits and against the file's size, before any voxel memory is allocated:
    /// a hostile or corrupt header must not make the reader allocate gigabytes or read past the file.
    func layout(path: String, fileSize: Int, compressed: Bool, maximumVoxels: Int) throws -> NIfTILayout {
        guard fileType == 1 || fileType == 4 else {
            throw VolumeError.unsupported(path: path, what: "a two-file NIfTI/ANALYZE pair (.hdr/.img)",
                                          hint: "convert it to a single .nii or .nii.gz file")
        }
        let ndim = dims[0]
        guard (1...7).contains(ndim) else { throw VolumeError.badHeader(path: path, field: "dim[0]", value: "\(ndim)") }
        // Sizes beyond dim[0] are absent (nifti_clib sets them to 0 or 1); a 3D volume may have dim[0] = 4, nt = 1.
        let sizes = (1...7).map { $0 <= ndim ? dims[$0] : 1 }
        if let bad = sizes.indices.first(where: { sizes[$0] <= 0 }) {
            throw VolumeError.badHeader(path: path, field: "dim[\(bad + 1)]", value: "\(sizes[bad])")
        }
        if sizes[3...].contains(where: { $0 > 1 }) {
            let shown = sizes.map(String.init).joined(separator: "×")
            throw VolumeError.unsupported(path: path, what: "a volume with more than 3 dimensions (\(shown))",
                                          hint: "extract one 3D volume first (e.g. NiBabel's img.slicer[..., 0])")
        }
        guard let dataType = NIfTIDataType(code: dataTypeCode) else {
            throw VolumeError.unsupported(path: path, what: "voxel type \(dataTypeName) (code \(dataTypeCode))",
                                          hint: "re-save it as int16, uint8, int32 or float32")
        }
        let (xy, overflowXY) = sizes[0].multipliedReportingOverflow(by: sizes[1])
        let (xyz, overflowXYZ) = xy.multipliedReportingOverflow(by: sizes[2])
        guard !overflowXY, !overflowXYZ, xyz <= maximumVoxels else {
            throw VolumeError.tooLarge(path: path, voxels: "\(sizes[0])×\(sizes[1])×\(sizes[2])", limit: maximumVoxels)
        }
        let layout = NIfTILayout(nx: sizes[0], ny: sizes[1], nz: sizes[2], dataType: dataType)
        guard voxelOffset >= version.headerSize else {
            throw VolumeError.badHeader(path: path, field: "vox_offset", value: "\(voxelOffset)")
        }
        let (needed, overflow) = voxelOffset.addingReportingOverflow(layout.dataBytes)
        let (inflated, inflationOverflow) = fileSize.multipliedReportingOverflow(by: NIfTIHeader.maximumInflation)
        let available = compressed ? (inflationOverflow ? Int.max : inflated) : fileSize
        guard !overflow, needed <= available else {
            throw VolumeError.sizesDoNotFitFile(path: path, needed: overflow ? Int.max : needed,
                                                available: available, compressed: compressed)
        }
        return layout
    }
}
