/// 95th-percentile symmetric Hausdorff distance between the surfaces of two mask volumes, in millimetres
/// (or whatever unit `spacing` is in: the voxel size along i, j, k).
///
/// Definition (as MONAI's `compute_hausdorff_distance(percentile: 95, spacing:)`): a **surface voxel** is a
/// foreground voxel with at least one of its 6 face neighbours background or outside the volume; for each
/// surface voxel of one mask, the Euclidean distance (with spacing) to the nearest surface voxel of the
/// other; the 95th percentile (linear interpolation) of each directed set; the larger of the two.
///
/// Empty-mask policy, as in 2D: both empty → 0; exactly one empty → `nil` (undefined: report it, count it,
/// never average it as a number).
public func hausdorffDistance95(prediction: BinaryVolume, truth: BinaryVolume, spacing: SIMD3<Double>) throws -> Double? {
    try hausdorffDistance(prediction: prediction, truth: truth, spacing: spacing, percentile: 95)
}

/// Symmetric percentile Hausdorff distance of volumes; `percentile: 100` is the classic (maximum) one.
public func hausdorffDistance(prediction: BinaryVolume, truth: BinaryVolume, spacing: SIMD3<Double>,
                              percentile q: Double) throws -> Double? {
    try prediction.requireSameSize(as: truth)
    switch (prediction.isEmpty, truth.isEmpty) {
    case (true, true): return 0
    case (true, false), (false, true): return nil
    case (false, false): break
    }
    let a = surfaceVoxels(of: prediction), b = surfaceVoxels(of: truth)
    let box = VoxelBox(enclosing: a + b, nx: truth.nx, ny: truth.ny)
    let toTruth = box.directedDistances(from: a, to: b, spacing: spacing)
    let toPrediction = box.directedDistances(from: b, to: a, spacing: spacing)
    return max(percentile(sorted: toTruth.sorted(), q), percentile(sorted: toPrediction.sorted(), q))
}

/// Indices of the foreground voxels with a face neighbour that is background or outside the volume.
public func surfaceVoxels(of mask: BinaryVolume) -> [Int] {
    let (nx, ny, nz) = (mask.nx, mask.ny, mask.nz)
    let slab = nx * ny
    var result: [Int] = []
    for k in 0..<nz {
        for j in 0..<ny {
            for i in 0..<nx {
                let v = (k * ny + j) * nx + i
                guard mask.voxels[v] else { continue }
                let inside = i > 0 && i < nx - 1 && j > 0 && j < ny - 1 && k > 0 && k < nz - 1
                let interior = inside && mask.voxels[v - 1] && mask.voxels[v + 1] && mask.voxels[v - nx]
                    && mask.voxels[v + nx] && mask.voxels[v - slab] && mask.voxels[v + slab]
                if !interior { result.append(v) }
            }
        }
    }
    return result
}

/// The bounding box of a set of voxels. The distance transform runs on this box only: every source and
/// target voxel lies inside it, so the nearest target of each source is found exactly, at a fraction of
/// the memory of the whole volume (a CT is mostly air around the lungs).
struct VoxelBox {
    let low: SIMD3<Int>
    let size: SIMD3<Int>
    let nx: Int, ny: Int

    init(enclosing voxels: [Int], nx: Int, ny: Int) {
        var low = SIMD3(Int.max, Int.max, Int.max), high = SIMD3(Int.min, Int.min, Int.min)
        for v in voxels {
            let p = SIMD3(v % nx, (v / nx) % ny, v / (nx * ny))
            low = pointwiseMin(low, p)
            high = pointwiseMax(high, p)
        }
        self.low = low
        self.size = high &- low &+ 1
        self.nx = nx
        self.ny = ny
    }

    /// Index inside the box of volume voxel `v`.
    func local(_ v: Int) -> Int {
        let p = SIMD3(v % nx, (v / nx) % ny, v / (nx * ny)) &- low
        return (p.z * size.y + p.y) * size.x + p.x
    }

    func directedDistances(from source: [Int], to target: [Int], spacing: SIMD3<Double>) -> [Double] {
        var isTarget = [Bool](repeating: false, count: size.x * size.y * size.z)
        for v in target { isTarget[local(v)] = true }
        let squared = squaredEuclideanDistanceTransform(isTarget, nx: size.x, ny: size.y, nz: size.z, spacing: spacing)
        return source.map { squared[local($0)].squareRoot() }
    }
}
