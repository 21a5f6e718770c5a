/// Writes volumes as single-file NIfTI with their geometry (pixdim, units, qform and sform with codes), so
/// a mask written for a scan overlays it in 3D Slicer or ITK-SNAP. A name ending in `.nii.gz` is
/// gzip-compressed. Each write goes to a temporary file renamed into place. Values are checked to fit the
/// voxel type: one that would be clamped is an error; non-integers are rounded for integer types.
public enum VolumeWriter {
    /// Writes `volume` as `dataType`; `version` nil means NIfTI-1 when every size fits its 16-bit fields
    /// (≤ 32767), else NIfTI-2.
    public static func write(_ volume: Volume, to path: String, dataType: NIfTIDataType,
                             version: NIfTIVersion? = nil) throws {
        try write(volume, to: path, dataType: dataType, version: version, scaling: nil)
    }

    /// Writes a binary mask as uint8 0/1 (every nonzero voxel is 1) with the mask's geometry — for a
    /// prediction, make the mask with `scan.withVoxels(…)` so it carries the scan's header.
    public static func writeMask(_ mask: Volume, to path: String) throws {
        guard mask.nonFiniteCount == 0 else {
            throw VolumeError.valuesOutOfRange(path: path, dataType: "uint8 mask", range: mask.voxels.reduce(0...0, span))
        }
        try write(mask.withVoxels(mask.voxels.map { $0 != 0 ? 1 : 0 }), to: path, dataType: .uint8)
    }

    /// `scaling` stores `(value − intercept) / slope` and sets scl_slope/scl_inter (tests of the reader use it).
    static func write(_ volume: Volume, to path: String, dataType: NIfTIDataType, version: NIfTIVersion?,
                      scaling: (slope: Double, intercept: Double)?) throws {
        guard let compressed = VolumeReader.isCompressed(path) else {
            throw VolumeError.writeFailed(path: path, reason: "the name must end in .nii or .nii.gz")
        }
        let fitsNIfTI1 = [volume.nx, volume.ny, volume.nz].allSatisfy { $0 <= Int(Int16.max) }
        let request = NIfTIWriteRequest(nx: volume.nx, ny: volume.ny, nz: volume.nz, dataType: dataType,
                                        version: version ?? (fitsNIfTI1 ? .nifti1 : .nifti2),
                                        geometry: volume.geometry, scaling: scaling, description: "pipeline")
        let stored = scaling.map { s in volume.voxels.map { Float((Double($0) - s.intercept) / s.slope) } } ?? volume.voxels
        func put<T>(_ samples: [T]) throws {
            try samples.withUnsafeBytes { bytes in
                try writeAtomically(to: path) {
                    try NIfTICodec.write(request, voxels: bytes, to: $0, compressed: compressed, reportingAs: path)
                }
            }
        }
        switch dataType {
        case .uint8: try put(try integers(stored, as: UInt8.self, path: path, name: "uint8"))
        case .int16: try put(try integers(stored, as: Int16.self, path: path, name: "int16"))
        case .int32: try put(try integers(stored, as: Int32.self, path: path, name: "int32"))
        case .float32: try put(stored)
        }
    }

    /// Rounds to `T`, refusing (not clamping) values outside its range and NaN.
    private static func integers<T: FixedWidthInteger>(_ values: [Float], as type: T.Type, path: String,
                                                        name: String) throws -> [T] {
        // Float(T.max) rounds up for 32-bit types, so the upper bound is exclusive of that rounded value.
        let low = Float(T.min), high = Float(T.max)
        guard values.allSatisfy({ let r = $0.rounded(); return r >= low && (T.bitWidth < 32 ? r <= high : r < high) }) else {
            throw VolumeError.valuesOutOfRange(path: path, dataType: name, range: values.reduce(values[0]...values[0], span))
        }
        return values.map { T($0.rounded()) }
    }

    private static func span(_ range: ClosedRange<Float>, _ value: Float) -> ClosedRange<Float> {
        value.isNaN ? range : min(range.lowerBound, value)...max(range.upperBound, value)
    }
}
