/// Exact squared Euclidean distance transform (Felzenszwalb & Huttenlocher 2012): for every pixel, the
/// squared distance to the nearest `true` pixel of `features` (row-major, width × height).
/// Pixels farther than any feature (no feature at all) get `.infinity`.
public func squaredEuclideanDistanceTransform(_ features: [Bool], width: Int, height: Int) -> [Double] {
    precondition(features.count == width * height, "features must hold width × height values")
    var grid = features.map { $0 ? 0.0 : Double.infinity }
    // Columns first, then rows: the 2D transform separates into two 1D passes.
    var column = [Double](repeating: 0, count: height)
    for x in 0..<width {
        for y in 0..<height { column[y] = grid[y * width + x] }
        let transformed = squaredDistance1D(column)
        for y in 0..<height { grid[y * width + x] = transformed[y] }
    }
    for y in 0..<height {
        let row = Array(grid[(y * width)..<((y + 1) * width)])
        grid.replaceSubrange((y * width)..<((y + 1) * width), with: squaredDistance1D(row))
    }
    return grid
}

/// 1D pass: lower envelope of the parabolas (s·(q − p))² + f(p), evaluated at every q, for sample spacing s
/// (1 in pixel units; the voxel size in mm for the anisotropic 3D transform).
func squaredDistance1D(_ f: [Double], spacing: Double = 1) -> [Double] {
    let n = f.count
    let sites = (0..<n).filter { f[$0].isFinite }
    guard !sites.isEmpty else { return f }
    var vertices: [Int] = []          // parabola apexes in the envelope
    var boundaries: [Double] = []     // boundaries[k] = where parabola k starts to win
    for q in sites {
        var s = -Double.infinity
        while let last = vertices.last {
            s = intersection(last, q, f, weight: spacing * spacing)
            if s <= boundaries[boundaries.count - 1] {
                vertices.removeLast(); boundaries.removeLast()
            } else { break }
        }
        vertices.append(q)
        boundaries.append(vertices.count == 1 ? -.infinity : s)
    }
    var result = [Double](repeating: 0, count: n)
    var k = 0
    for q in 0..<n {
        while k + 1 < vertices.count && boundaries[k + 1] < Double(q) { k += 1 }
        let d = Double(q - vertices[k]) * spacing
        result[q] = d * d + f[vertices[k]]
    }
    return result
}

/// Abscissa where the parabolas w·(x − p)² + f(p) and w·(x − q)² + f(q) (p < q) intersect.
/// With w = 1 every product below is exact, so the 2D transform's results do not depend on the weight.
private func intersection(_ p: Int, _ q: Int, _ f: [Double], weight w: Double) -> Double {
    let fp = f[p] + w * Double(p * p), fq = f[q] + w * Double(q * q)
    return (fq - fp) / (w * Double(2 * (q - p)))
}
