/// Neighbourhood used to decide whether two foreground voxels touch.
public enum Connectivity3D: Sendable {
    /// Face neighbours only (±i, ±j, ±k): the strictest, so structures touching only at an edge stay apart.
    case six
    /// Face, edge and corner neighbours.
    case twentySix

    var offsets: [(Int, Int, Int)] {
        var result: [(Int, Int, Int)] = []
        for dk in -1...1 {
            for dj in -1...1 {
                for di in -1...1 where (di, dj, dk) != (0, 0, 0) {
                    if self == .twentySix || abs(di) + abs(dj) + abs(dk) == 1 { result.append((di, dj, dk)) }
                }
            }
        }
        return result
    }
}

/// Connected components of a volume's foreground: `labels[v]` is 0 for background, else 1…count, numbered
/// in voxel order of each component's first voxel; `sizes[label − 1]` is its voxel count and
/// `centroids[label − 1]` its mean (i, j, k).
public struct VolumeComponents: Equatable, Sendable {
    public let labels: [Int32]
    public let sizes: [Int]
    public let centroids: [SIMD3<Double>]
    public var count: Int { sizes.count }

    /// Component labels (1-based) ordered by decreasing size (ties: the one met first in voxel order).
    public var bySize: [Int] { sizes.indices.sorted { sizes[$0] > sizes[$1] || (sizes[$0] == sizes[$1] && $0 < $1) }.map { $0 + 1 } }
}

extension Volume {
    /// Labels the connected regions of nonzero voxels.
    public func connectedComponents(connectivity: Connectivity3D) -> VolumeComponents {
        let offsets = connectivity.offsets
        var labels = [Int32](repeating: 0, count: voxels.count)
        var sizes: [Int] = [], centroids: [SIMD3<Double>] = []
        var stack: [Int] = []
        let slab = nx * ny
        for start in voxels.indices where labels[start] == 0 && voxels[start] != 0 {
            let label = Int32(sizes.count + 1)
            var size = 0, sum = SIMD3<Double>.zero
            labels[start] = label
            stack.append(start)
            while let index = stack.popLast() {
                let i = index % nx, j = (index / nx) % ny, k = index / slab
                size += 1
                sum += SIMD3(Double(i), Double(j), Double(k))
                for (di, dj, dk) in offsets {
                    let ni = i + di, nj = j + dj, nk = k + dk
                    guard ni >= 0, ni < nx, nj >= 0, nj < ny, nk >= 0, nk < nz else { continue }
                    let neighbour = (nk * ny + nj) * nx + ni
                    if labels[neighbour] == 0 && voxels[neighbour] != 0 {
                        labels[neighbour] = label
                        stack.append(neighbour)
                    }
                }
            }
            sizes.append(size)
            centroids.append(sum / Double(size))
        }
        return VolumeComponents(labels: labels, sizes: sizes, centroids: centroids)
    }

    /// A 0/1 mask keeping only the `k` largest foreground components (ties: the one met first in voxel order).
    public func keepingLargestComponents(_ k: Int, connectivity: Connectivity3D) -> Volume {
        precondition(k >= 0, "keepingLargestComponents needs k ≥ 0, got \(k)")
        let components = connectedComponents(connectivity: connectivity)
        var keep = [Bool](repeating: false, count: components.count + 1)
        for label in components.bySize.prefix(k) { keep[label] = true }
        return withVoxels(components.labels.map { keep[Int($0)] ? 1 : 0 })
    }
}
