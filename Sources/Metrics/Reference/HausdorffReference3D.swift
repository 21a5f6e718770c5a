/// Brute-force oracle for the volume `hausdorffDistance`: every surface voxel against every other, with
/// spacing. O(|A|·|B|); the test oracle, never used for real evaluation.
public func hausdorffDistanceReference(prediction: BinaryVolume, truth: BinaryVolume, spacing: SIMD3<Double>,
                                       percentile q: Double) throws -> Double? {
    try prediction.requireSameSize(as: truth)
    switch (prediction.isEmpty, truth.isEmpty) {
    case (true, true): return 0
    case (true, false), (false, true): return nil
    case (false, false): break
    }
    let a = surfaceVoxels(of: prediction), b = surfaceVoxels(of: truth)
    let nx = truth.nx, ny = truth.ny
    func position(_ v: Int) -> SIMD3<Double> {
        SIMD3(Double(v % nx), Double((v / nx) % ny), Double(v / (nx * ny))) * spacing
    }
    func nearest(_ v: Int, in set: [Int]) -> Double {
        let p = position(v)
        var best = Double.infinity
        for other in set {
            let d = p - position(other)
            best = min(best, (d * d).sum().squareRoot())
        }
        return best
    }
    let ab = a.map { nearest($0, in: b) }.sorted()
    let ba = b.map { nearest($0, in: a) }.sorted()
    return max(percentile(sorted: ab, q), percentile(sorted: ba, q))
}
