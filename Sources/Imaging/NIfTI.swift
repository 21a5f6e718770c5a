import CNIfTI
import Foundation

/// The only importer of nifti_clib (Debian's libnifti2 and its znzlib, which reads .nii and .nii.gz alike).
///
/// The library parses, byte-swaps and encodes headers (NIfTI-1 and NIfTI-2, quaternion to matrix and back).
/// Voxel bytes are streamed through znzlib but decoded in Swift, for two reasons found in nifti_clib 3.0.1:
/// `nifti_image_load` allocates whatever the header claims before reading (so a hostile header could ask
/// for gigabytes), and its `nifti_read_buffer` silently replaces NaN and infinite float voxels with 0,
/// which would hide them from `Volume.nonFiniteCount`. The header is therefore read first, checked against
/// the file's size (`NIfTIHeader.layout`), and only then are voxels read, in bounded chunks.
enum NIfTICodec {
    /// nifti_clib prints diagnostics to stderr unless its debug level is 0; our errors carry the cause instead.
    private static let quiet: Void = { nifti_set_debug_level(0) }()

    static func readHeader(path: String) throws -> NIfTIHeader {
        _ = quiet
        var version: Int32 = -1
        guard let raw = nifti_read_header(path, &version, 0) else {
            throw VolumeError.notNIfTI(path: path, detail: "no complete header could be read")
        }
        defer { free(raw) }
        let image: UnsafeMutablePointer<nifti_image>?
        switch version {
        case 1:
            let h = raw.load(as: nifti_1_header.self)
            try precheck(path: path, dim: withUnsafeBytes(of: h.dim) { $0.bindMemory(to: Int16.self).map(Int.init) },
                         datatype: h.datatype, swap: { Int(Int16(bitPattern: UInt16(truncatingIfNeeded: $0).byteSwapped)) })
            image = nifti_convert_n1hdr2nim(h, path)
        case 2:
            let h = raw.load(as: nifti_2_header.self)
            try precheck(path: path, dim: withUnsafeBytes(of: h.dim) { $0.bindMemory(to: Int64.self).map { Int($0) } },
                         datatype: h.datatype, swap: { Int(Int64($0).byteSwapped) })
            image = nifti_convert_n2hdr2nim(h, path)
        case 0: throw VolumeError.unsupported(path: path, what: "an ANALYZE 7.5 header (no NIfTI magic)",
                                              hint: "convert it to NIfTI (.nii or .nii.gz)")
        default: throw VolumeError.notNIfTI(path: path, detail: "sizeof_hdr is neither 348 nor 540")
        }
        guard let image else {
            throw VolumeError.badHeader(path: path, field: "dim[0], sizeof_hdr or datatype", value: "out of range")
        }
        defer { nifti_image_free(image) }
        return header(of: image.pointee, version: version == 1 ? .nifti1 : .nifti2)
    }

    /// The fields nifti_clib's header conversion rejects with a line on stderr (dim[0], dim[1], datatype),
    /// checked first so the error names the field instead. `swap` reverses a value's byte order.
    private static func precheck(path: String, dim: [Int], datatype: Int16, swap: (Int) -> Int) throws {
        let swapped = !(1...7).contains(dim[0])
        guard !swapped || (1...7).contains(swap(dim[0])) else {
            throw VolumeError.badHeader(path: path, field: "dim[0]", value: "\(dim[0])")
        }
        let size = swapped ? swap(dim[1]) : dim[1]
        guard size > 0 else { throw VolumeError.badHeader(path: path, field: "dim[1]", value: "\(size)") }
        let type = swapped ? Int(datatype.byteSwapped) : Int(datatype)
        guard type > 1 else { throw VolumeError.badHeader(path: path, field: "datatype", value: "\(type)") }
    }

    private static func header(of nim: nifti_image, version: NIfTIVersion) -> NIfTIHeader {
        let dims = withUnsafeBytes(of: nim.dim) { $0.bindMemory(to: Int64.self).map { Int($0) } }
        let typeName = nifti_datatype_to_string(nim.datatype).map { String(cString: $0) } ?? "unknown"
        let quaternion = QuaternionForm(b: nim.quatern_b, c: nim.quatern_c, d: nim.quatern_d,
                                        offset: SIMD3(nim.qoffset_x, nim.qoffset_y, nim.qoffset_z),
                                        qfac: nim.qfac < 0 ? -1 : 1)
        let geometry = VolumeGeometry(
            pixelDimensions: SIMD3(abs(nim.dx), abs(nim.dy), abs(nim.dz)),
            spatialUnit: SpatialUnit(rawValue: Int(nim.xyz_units)) ?? .unknown,
            qformCode: Int(nim.qform_code), quaternion: quaternion, qform: affine(nim.qto_xyz),
            sformCode: Int(nim.sform_code),
            sform: nim.sform_code > 0 ? affine(nim.sto_xyz) : Affine.diagonal(.zero))
        return NIfTIHeader(version: version, fileType: Int(nim.nifti_type), dims: dims,
                           dataTypeCode: Int(nim.datatype), dataTypeName: typeName,
                           byteSwapped: nim.byteorder != nifti_short_order(), voxelOffset: Int(nim.iname_offset),
                           scaleSlope: nim.scl_slope, scaleIntercept: nim.scl_inter, geometry: geometry)
    }

    private static func affine(_ matrix: nifti_dmat44) -> Affine {
        let m = withUnsafeBytes(of: matrix.m) { Array($0.bindMemory(to: Double.self)) }
        return Affine(x: SIMD4(m[0], m[1], m[2], m[3]), y: SIMD4(m[4], m[5], m[6], m[7]),
                      z: SIMD4(m[8], m[9], m[10], m[11]))
    }

    private static func dmat44(_ affine: Affine) -> nifti_dmat44 {
        var matrix = nifti_dmat44()
        let values = [affine.x, affine.y, affine.z, SIMD4(0, 0, 0, 1)].flatMap { row in (0..<4).map { row[$0] } }
        withUnsafeMutableBytes(of: &matrix.m) { bytes in
            for (index, value) in values.enumerated() { bytes.storeBytes(of: value, toByteOffset: index * 8, as: Double.self) }
        }
        return matrix
    }
}

extension NIfTICodec {
    /// Streams `count` bytes starting at `offset` through `body`, in chunks of at most `chunkSize` bytes
    /// (a multiple of the voxel size), through znzlib (gzip when `compressed`). Errors name `path`.
    static func readVoxelBytes(path: String, offset: Int, count: Int, compressed: Bool, chunkSize: Int,
                               _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        guard let opened = znzopen(path, "rb", compressed ? 1 : 0) else {
            throw VolumeError.unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        var file: znzFile? = opened
        defer { Xznzclose(&file) }
        guard znzseek(file, off_t(offset), SEEK_SET) >= 0 else {
            throw VolumeError.truncated(path: path, detail: "cannot seek to the voxels at byte \(offset)")
        }
        var buffer = [UInt8](repeating: 0, count: min(chunkSize, max(count, 1)))
        var done = 0
        while done < count {
            let wanted = min(buffer.count, count - done)
            let got = buffer.withUnsafeMutableBytes { znzread($0.baseAddress, 1, wanted, file) }
            guard got <= wanted else {  // gzread's −1, passed through as size_t
                throw VolumeError.truncated(path: path, detail: "gzip data is corrupt after \(done) voxel bytes")
            }
            guard got == wanted else {
                throw VolumeError.truncated(path: path, detail: "file ends after \(done + got) of \(count) voxel bytes")
            }
            try buffer.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[0..<wanted])) }
            done += wanted
        }
    }
}

/// Header fields of a volume to write; everything else in the header is zero.
struct NIfTIWriteRequest {
    var nx: Int, ny: Int, nz: Int
    var dataType: NIfTIDataType
    var version: NIfTIVersion
    var geometry: VolumeGeometry
    var scaling: (slope: Double, intercept: Double)?
    var description: String
}

extension NIfTICodec {
    /// Writes header, the 4-byte extension flag (no extensions) and `voxels` (already in file byte order:
    /// this machine's) to `file`, gzip-compressed when `compressed` — at level 1, as NiBabel does: several
    /// times faster than zlib's default for CT, for files about a tenth larger. Errors name `path`.
    static func write(_ request: NIfTIWriteRequest, voxels: UnsafeRawBufferPointer, to file: String,
                      compressed: Bool, reportingAs path: String) throws {
        _ = quiet
        let headerBytes = try encodeHeader(request, path: path)
        guard let opened = znzopen(file, compressed ? "wb1" : "wb", compressed ? 1 : 0) else {
            throw VolumeError.writeFailed(path: path, reason: String(cString: strerror(errno)))
        }
        var output: znzFile? = opened
        var closed = false
        defer { if !closed { Xznzclose(&output) } }
        func put(_ bytes: UnsafeRawBufferPointer) throws {
            guard bytes.count == 0 || znzwrite(bytes.baseAddress, 1, bytes.count, output) == bytes.count else {
                throw VolumeError.writeFailed(path: path, reason: "short write (disk full?)")
            }
        }
        try headerBytes.withUnsafeBytes { try put($0) }
        try [UInt8](repeating: 0, count: 4).withUnsafeBytes { try put($0) }
        try put(voxels)
        closed = true
        guard Xznzclose(&output) == 0 else {
            throw VolumeError.writeFailed(path: path, reason: "closing the file failed (disk full?)")
        }
    }

    /// The header bytes nifti_clib encodes from a `nifti_image` holding the request's fields.
    private static func encodeHeader(_ request: NIfTIWriteRequest, path: String) throws -> [UInt8] {
        guard let nim = nifti_simple_init_nim() else {
            throw VolumeError.writeFailed(path: path, reason: "nifti_clib could not allocate an image")
        }
        defer { nifti_image_free(nim) }
        fill(nim, with: request)
        switch request.version {
        case .nifti1:
            var header = nifti_1_header()
            guard nifti_convert_nim2n1hdr(nim, &header) == 0 else {
                throw VolumeError.writeFailed(path: path, reason: "the sizes do not fit a NIfTI-1 header")
            }
            return withUnsafeBytes(of: &header) { Array($0) }
        case .nifti2:
            var header = nifti_2_header()
            guard nifti_convert_nim2n2hdr(nim, &header) == 0 else {
                throw VolumeError.writeFailed(path: path, reason: "nifti_clib could not encode a NIfTI-2 header")
            }
            // nifti_clib 3.0.1 writes only "n+2\0"; the standard's magic ends in \r\n\032\n (NiBabel checks it).
            header.magic = (0x6E, 0x2B, 0x32, 0, 0x0D, 0x0A, 0x1A, 0x0A)
            return withUnsafeBytes(of: &header) { Array($0) }
        }
    }

    private static func fill(_ nim: UnsafeMutablePointer<nifti_image>, with request: NIfTIWriteRequest) {
        let g = request.geometry
        let sizes: [Int64] = [3, Int64(request.nx), Int64(request.ny), Int64(request.nz), 1, 1, 1, 1]
        withUnsafeMutableBytes(of: &nim.pointee.dim) { bytes in
            for (index, size) in sizes.enumerated() { bytes.storeBytes(of: size, toByteOffset: index * 8, as: Int64.self) }
        }
        nim.pointee.ndim = 3
        (nim.pointee.nx, nim.pointee.ny, nim.pointee.nz) = (sizes[1], sizes[2], sizes[3])
        (nim.pointee.nt, nim.pointee.nu, nim.pointee.nv, nim.pointee.nw) = (1, 1, 1, 1)
        nim.pointee.nvox = sizes[1] * sizes[2] * sizes[3]
        nim.pointee.datatype = Int32(request.dataType.code)
        nim.pointee.nbyper = Int32(request.dataType.bytesPerVoxel)
        (nim.pointee.dx, nim.pointee.dy, nim.pointee.dz) = (g.pixelDimensions.x, g.pixelDimensions.y, g.pixelDimensions.z)
        (nim.pointee.dt, nim.pointee.du, nim.pointee.dv, nim.pointee.dw) = (0, 0, 0, 0)
        nim.pointee.xyz_units = Int32(g.spatialUnit.rawValue)
        nim.pointee.time_units = 0
        nim.pointee.scl_slope = request.scaling?.slope ?? 0
        nim.pointee.scl_inter = request.scaling?.intercept ?? 0
        nim.pointee.qform_code = Int32(g.qformCode)
        let q = g.quaternion
        (nim.pointee.quatern_b, nim.pointee.quatern_c, nim.pointee.quatern_d) = (q.b, q.c, q.d)
        (nim.pointee.qoffset_x, nim.pointee.qoffset_y, nim.pointee.qoffset_z) = (q.offset.x, q.offset.y, q.offset.z)
        nim.pointee.qfac = q.qfac
        nim.pointee.qto_xyz = dmat44(g.qform)
        nim.pointee.sform_code = Int32(g.sformCode)
        nim.pointee.sto_xyz = dmat44(g.sform)
        nim.pointee.nifti_type = request.version == .nifti1 ? NIFTI_FTYPE_NIFTI1_1 : NIFTI_FTYPE_NIFTI2_1
        nim.pointee.iname_offset = Int64(request.version.dataOffset)
        withUnsafeMutableBytes(of: &nim.pointee.descrip) { bytes in
            for (index, byte) in request.description.utf8.prefix(79).enumerated() { bytes[index] = byte }
        }
    }
}
