import Foundation
import Imaging
import XCTest

/// A small volume whose voxels are all different: voxel (i, j, k) = i + 10 j + 100 k + offset.
func indexVolume(nx: Int = 5, ny: Int = 4, nz: Int = 3, offset: Float = 0,
                 geometry: VolumeGeometry = .axial(spacing: [0.75, 0.75, 2.5])) -> Volume {
    var voxels: [Float] = []
    for k in 0..<nz { for j in 0..<ny { for i in 0..<nx { voxels.append(Float(i + 10 * j + 100 * k) + offset) } } }
    return Volume(nx: nx, ny: ny, nz: nz, voxels: voxels, geometry: geometry)
}

/// An oblique geometry with distinct qform and sform, values exactly representable in a NIfTI-1 header
/// (Float), so a round trip must return them bit for bit.
func obliqueGeometry() -> VolumeGeometry {
    // qform: rotation by the unit quaternion (a, b, c, d) = (0.8, 0.2, 0.4, 0.4) (a² = 1 − b² − c² − d²).
    let (b, c, d) = (Double(Float(0.2)), Double(Float(0.4)), Double(Float(0.4)))
    let a = (1 - b * b - c * c - d * d).squareRoot()
    let spacing = SIMD3(0.5, 0.75, 2.5), offset = SIMD3(-100.5, 20.25, 7.125)
    let r = [[a*a + b*b - c*c - d*d, 2 * (b*c - a*d), 2 * (b*d + a*c)],
             [2 * (b*c + a*d), a*a + c*c - b*b - d*d, 2 * (c*d - a*b)],
             [2 * (b*d - a*c), 2 * (c*d + a*b), a*a + d*d - c*c - b*b]]
    let qfac = -1.0
    func row(_ n: Int, _ o: Double) -> SIMD4<Double> {
        SIMD4(r[n][0] * spacing.x, r[n][1] * spacing.y, r[n][2] * spacing.z * qfac, o)
    }
    let qform = Affine(x: row(0, offset.x), y: row(1, offset.y), z: row(2, offset.z))
    let sform = Affine(x: [-0.5, 0, 0, 90], y: [0, 0.75, 0.125, -120], z: [0, -0.0625, 2.5, -60])
    return VolumeGeometry(pixelDimensions: spacing, spatialUnit: .millimetre, qformCode: 1,
                          quaternion: QuaternionForm(b: b, c: c, d: d, offset: offset, qfac: qfac),
                          qform: qform, sformCode: 2, sform: sform)
}

func bytes(of path: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) }

func write(_ bytes: [UInt8], to path: String) throws { try Data(bytes).write(to: URL(fileURLWithPath: path)) }

/// Overwrites a little-endian value in a byte array (header patching for hostile-file tests).
func patch<T: FixedWidthInteger>(_ bytes: inout [UInt8], at offset: Int, _ value: T) {
    withUnsafeBytes(of: value.littleEndian) { for (n, byte) in $0.enumerated() { bytes[offset + n] = byte } }
}

func patch(_ bytes: inout [UInt8], at offset: Int, float value: Float) { patch(&bytes, at: offset, value.bitPattern) }

/// Compresses `source` to `destination` with the system's gzip (a test-only route to a .nii.gz whose
/// header we patched; the project itself writes .nii.gz through nifti_clib's znzlib).
func gzip(_ source: String, to destination: String) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/gzip")
    process.arguments = ["-c", source]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { throw CocoaError(.fileWriteUnknown) }
    try data.write(to: URL(fileURLWithPath: destination))
}

/// A big-endian copy of a little-endian NIfTI-1 .nii with 2-byte voxels: every numeric header field and
/// every voxel byte-swapped, as an old SGI/Sun tool would have written it.
func bigEndianNIfTI1(_ little: [UInt8], bytesPerVoxel: Int) -> [UInt8] {
    var big = little
    func swap(_ offset: Int, _ width: Int) { big[offset..<(offset + width)].reverse() }
    let fourByteFields = [0, 32, 56, 60, 64] + (0..<8).map { 76 + 4 * $0 } + [108, 112, 116, 124, 128, 132, 136, 140, 144]
        + (0..<18).map { 256 + 4 * $0 }
    let twoByteFields = (0..<8).map { 40 + 2 * $0 } + [36, 68, 70, 72, 74, 120, 252, 254]
    for offset in fourByteFields { swap(offset, 4) }
    for offset in twoByteFields { swap(offset, 2) }
    if bytesPerVoxel > 1 {
        for offset in stride(from: 352, to: big.count, by: bytesPerVoxel) { swap(offset, bytesPerVoxel) }
    }
    return big
}

func XCTAssertThrowsVolumeError(_ expression: @autoclosure () throws -> Any, file: StaticString = #filePath,
                                line: UInt = #line, _ check: (VolumeError) -> Bool) {
    do {
        _ = try expression()
        XCTFail("expected a VolumeError, got a value", file: file, line: line)
    } catch let error as VolumeError {
        XCTAssertTrue(check(error), "unexpected error: \(error)", file: file, line: line)
    } catch {
        XCTFail("expected a VolumeError, got \(error)", file: file, line: line)
    }
}
