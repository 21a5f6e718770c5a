import Foundation

/// Reads NIfTI-1 and NIfTI-2 volumes (`.nii`, `.nii.gz`) with int16, uint8, int32 or float32 voxels.
///
/// The header is read and checked first — sizes positive, at most 3 dimensions, at most
/// `maximumVoxelCount` voxels, header plus voxels fitting the file (for .nii.gz: fitting the most a
/// gzip file of that size can inflate to) — and only then is voxel memory allocated and read.
public enum VolumeReader {
    /// Largest volume the reader loads: 2²⁹ voxels (2 GiB of Float, e.g. 1024 × 1024 × 512).
    public static let maximumVoxelCount = 1 << 29

    /// True for names the reader accepts: ending in `.nii` or `.nii.gz` (lower case, as every tool writes them).
    public static func isNIfTIName(_ path: String) -> Bool { isCompressed(path) != nil }

    /// The size, geometry and provenance of a volume, without reading its voxels.
    public static func readHeader(path: String) throws -> VolumeHeader {
        let (header, layout, compressed) = try checkedHeader(path: path)
        return VolumeHeader(nx: layout.nx, ny: layout.ny, nz: layout.nz, geometry: header.geometry,
                            source: source(of: header, layout: layout, compressed: compressed))
    }

    /// The whole volume, with `scl_slope`/`scl_inter` applied and voxels in `Volume`'s documented order.
    public static func read(path: String) throws -> Volume {
        let (header, layout, compressed) = try checkedHeader(path: path)
        var voxels: [Float] = []
        // A .nii's size was checked exactly; a .nii.gz's only bounded, so memory grows as data really arrives.
        voxels.reserveCapacity(compressed ? min(layout.voxelCount, 1 << 22) : layout.voxelCount)
        let decoder = VoxelDecoder(type: layout.dataType, swapped: header.byteSwapped, scaling: header.scaling)
        try NIfTICodec.readVoxelBytes(path: path, offset: header.voxelOffset, count: layout.dataBytes,
                                      compressed: compressed, chunkSize: 1 << 20) { decoder.append($0, to: &voxels) }
        return Volume(nx: layout.nx, ny: layout.ny, nz: layout.nz, voxels: voxels, geometry: header.geometry,
                      source: source(of: header, layout: layout, compressed: compressed))
    }

    /// nil when the name is not NIfTI's; else whether it is gzip-compressed.
    static func isCompressed(_ path: String) -> Bool? {
        if path.hasSuffix(".nii.gz") { return true }
        if path.hasSuffix(".nii") { return false }
        return nil
    }

    private static func checkedHeader(path: String) throws -> (NIfTIHeader, NIfTILayout, compressed: Bool) {
        guard let compressed = isCompressed(path) else {
            throw VolumeError.notNIfTI(path: path, detail: "the name does not end in .nii or .nii.gz")
        }
        let size = try fileSize(path)
        let header = try NIfTICodec.readHeader(path: path)
        let layout = try header.layout(path: path, fileSize: size, compressed: compressed, maximumVoxels: maximumVoxelCount)
        return (header, layout, compressed)
    }

    private static func fileSize(_ path: String) throws -> Int {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw VolumeError.unreadable(path: path, reason: "no such file")
        }
        guard !isFolder.boolValue else { throw VolumeError.unreadable(path: path, reason: "it is a folder") }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw VolumeError.unreadable(path: path, reason: "permission denied")
        }
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        guard let size = (attributes?[.size] as? NSNumber)?.intValue else {
            throw VolumeError.unreadable(path: path, reason: "cannot read its size")
        }
        return size
    }

    private static func source(of header: NIfTIHeader, layout: NIfTILayout, compressed: Bool) -> VolumeSource {
        VolumeSource(format: header.version == .nifti1 ? .nifti1 : .nifti2, dataType: layout.dataType,
                     compressed: compressed, slope: header.scaling?.slope, intercept: header.scaling?.intercept,
                     notes: header.byteSwapped ? ["opposite byte order, swapped"] : [])
    }
}

/// Converts raw voxel bytes (file byte order) to Float, applying the header's scaling.
struct VoxelDecoder {
    var type: NIfTIDataType
    var swapped: Bool
    var scaling: (slope: Double, intercept: Double)?

    func append(_ raw: UnsafeRawBufferPointer, to voxels: inout [Float]) {
        let count = raw.count / type.bytesPerVoxel
        func each(_ value: (Int) -> Float) {
            if let (slope, intercept) = scaling {
                for n in 0..<count { voxels.append(Float(Double(value(n)) * slope + intercept)) }
            } else {
                for n in 0..<count { voxels.append(value(n)) }
            }
        }
        switch (type, swapped) {
        case (.uint8, _): each { Float(raw[$0]) }
        case (.int16, false): each { Float(raw.loadUnaligned(fromByteOffset: 2 * $0, as: Int16.self)) }
        case (.int16, true): each { Float(Int16(bitPattern: raw.loadUnaligned(fromByteOffset: 2 * $0, as: UInt16.self).byteSwapped)) }
        case (.int32, false): each { Float(raw.loadUnaligned(fromByteOffset: 4 * $0, as: Int32.self)) }
        case (.int32, true): each { Float(Int32(bitPattern: raw.loadUnaligned(fromByteOffset: 4 * $0, as: UInt32.self).byteSwapped)) }
        case (.float32, false): each { raw.loadUnaligned(fromByteOffset: 4 * $0, as: Float.self) }
        case (.float32, true): each { Float(bitPattern: raw.loadUnaligned(fromByteOffset: 4 * $0, as: UInt32.self).byteSwapped) }
        }
    }
}
