/// Exact squared Euclidean distance transform of a 3D grid with anisotropic spacing (Felzenszwalb &
/// Huttenlocher's separable algorithm, one 1D pass per axis): for every voxel, the squared distance in
/// spacing units (mm² for spacing in mm) to the nearest `true` voxel of `features`, `(k * ny + j) * nx + i`.
/// `.infinity` everywhere when there is no feature.
public func squaredEuclideanDistanceTransform(_ features: [Bool], nx: Int, ny: Int, nz: Int,
                                              spacing: SIMD3<Double>) -> [Double] {
    precondition(features.count == nx * ny * nz, "features must hold nx × ny × nz values")
    var grid = features.map { $0 ? 0.0 : Double.infinity }
    // One pass per axis: `lines` lists each line's first index, `stride` the step along it.
    func pass(count: Int, stride: Int, spacing: Double, lines: [Int]) {
        var line = [Double](repeating: 0, count: count)
        for start in lines {
            for n in 0..<count { line[n] = grid[start + n * stride] }
            let transformed = squaredDistance1D(line, spacing: spacing)
            for n in 0..<count { grid[start + n * stride] = transformed[n] }
        }
    }
    let slab = nx * ny
    pass(count: nx, stride: 1, spacing: spacing.x, lines: (0..<(ny * nz)).map { $0 * nx })
    pass(count: ny, stride: nx, spacing: spacing.y, lines: (0..<nz).flatMap { k in (0..<nx).map { k * slab + $0 } })
    pass(count: nz, stride: slab, spacing: spacing.z, lines: Array(0..<slab))
    return grid
}
