import Imaging
import XCTest

/// Lung volumes on masks with a volume known analytically: two digitised ellipsoids on an anisotropic grid.
final class LungVolumeTests: XCTestCase {
    /// Ellipsoids with semi-axes (mm) `a` centred at voxel `c`, on a grid of `spacing` mm.
    private func ellipsoids(_ shapes: [(c: SIMD3<Double>, a: SIMD3<Double>)], spacing: SIMD3<Double>,
                            geometry: VolumeGeometry) -> Volume {
        let (nx, ny, nz) = (120, 90, 40)
        var voxels = [Float](repeating: 0, count: nx * ny * nz)
        for k in 0..<nz { for j in 0..<ny { for i in 0..<nx {
            let p = SIMD3(Double(i), Double(j), Double(k))
            if shapes.contains(where: { s in (((p - s.c) * spacing / s.a) * ((p - s.c) * spacing / s.a)).sum() <= 1 }) {
                voxels[(k * ny + j) * nx + i] = 1
            }
        } } }
        return Volume(nx: nx, ny: ny, nz: nz, voxels: voxels, geometry: geometry)
    }

    func testEllipsoidVolumesMatchTheAnalyticOnesAndSidesFollowTheAffine() throws {
        let spacing = SIMD3(1.5, 1.5, 4.0)
        // Bigger ellipsoid at small i; with i towards the patient's left (LPS-like affine) it is the right lung.
        let big = (c: SIMD3(30.0, 45.0, 20.0), a: SIMD3(40.0, 55.0, 70.0))
        let small = (c: SIMD3(88.0, 45.0, 20.0), a: SIMD3(35.0, 50.0, 60.0))
        let analytic = { (a: SIMD3<Double>) in 4 / 3 * Double.pi * a.x * a.y * a.z / 1000 }
        let radiological = ellipsoids([big, small, (c: SIMD3(60, 80, 3), a: SIMD3(3, 3, 4))], spacing: spacing,
                                      geometry: .axial(spacing: spacing))
        let measured = radiological.lungVolumes()
        XCTAssertEqual(measured.componentCount, 3)
        XCTAssertEqual(try XCTUnwrap(measured.rightMillilitres) / analytic(big.a), 1, accuracy: 0.01)
        XCTAssertEqual(try XCTUnwrap(measured.leftMillilitres) / analytic(small.a), 1, accuracy: 0.01)
        XCTAssertGreaterThan(measured.otherMillilitres, 0, "the small blob is reported, not counted as lung")
        XCTAssertEqual(measured.totalMillilitres, measured.leftMillilitres! + measured.rightMillilitres!)

        // The same voxels with i towards the patient's right (RAS-like affine): the sides swap.
        var anatomical = radiological
        anatomical.geometry.sform = .diagonal(spacing)
        anatomical.geometry.qformCode = 0
        XCTAssertEqual(anatomical.lungVolumes().leftMillilitres, measured.rightMillilitres)
        XCTAssertEqual(anatomical.lungVolumes().sideRule, "world x (RAS)")

        // No orientation in the header: radiological storage is assumed (larger i = patient's left).
        var unoriented = radiological
        (unoriented.geometry.qformCode, unoriented.geometry.sformCode) = (0, 0)
        XCTAssertEqual(unoriented.lungVolumes().leftMillilitres, measured.leftMillilitres)
        XCTAssertEqual(unoriented.lungVolumes().sideRule, "voxel i (radiological)")
    }

    func testOneOrNoComponent() {
        let geometry = VolumeGeometry.axial(spacing: [1, 1, 1])
        var one = Volume(nx: 4, ny: 4, nz: 4, voxels: [Float](repeating: 0, count: 64), geometry: geometry)
        XCTAssertEqual(one.lungVolumes(), LungVolumes(leftMillilitres: nil, rightMillilitres: nil, totalMillilitres: 0,
                                                      otherMillilitres: 0, componentCount: 0, sideRule: "world x (RAS)"))
        one[1, 1, 1] = 1
        one[1, 2, 1] = 1
        XCTAssertEqual(one.lungVolumes().totalMillilitres, 0.002)
        XCTAssertNil(one.lungVolumes().leftMillilitres, "one component: the sides are not told apart")
    }

    func testSixAndTwentySixConnectivity() {
        var diagonal = Volume(nx: 3, ny: 3, nz: 3, voxels: [Float](repeating: 0, count: 27),
                              geometry: .axial(spacing: [1, 1, 1]))
        diagonal[0, 0, 0] = 1
        diagonal[1, 1, 1] = 1
        diagonal[2, 2, 1] = 1
        XCTAssertEqual(diagonal.connectedComponents(connectivity: .six).count, 3)
        XCTAssertEqual(diagonal.connectedComponents(connectivity: .twentySix).count, 1)
        XCTAssertEqual(diagonal.connectedComponents(connectivity: .twentySix).centroids, [SIMD3(1, 1, 2.0 / 3)])
        XCTAssertEqual(diagonal.keepingLargestComponents(1, connectivity: .six).voxels.reduce(0, +), 1)
    }
}
