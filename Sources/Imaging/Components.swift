/// Neighbourhood used to decide whether two foreground pixels touch.
public enum Connectivity: Sendable {
    /// Edge neighbours only (up, down, left, right).
    case four
    /// Edge and corner neighbours.
    case eight

    var offsets: [(Int, Int)] {
        switch self {
        case .four: return [(1, 0), (-1, 0), (0, 1), (0, -1)]
        case .eight: return [(1, 0), (-1, 0), (0, 1), (0, -1), (1, 1), (1, -1), (-1, 1), (-1, -1)]
        }
    }
}

/// Connected components of a mask's foreground: `labels[i]` is 0 for background, else 1…count, numbered
/// in raster order of each component's first pixel; `sizes[label − 1]` is that component's pixel count.
public struct ComponentLabels: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public let labels: [Int32]
    public let sizes: [Int]
    public var count: Int { sizes.count }
}

extension Image {
    /// Labels the connected regions of non-zero pixels.
    public func connectedComponents(connectivity: Connectivity) -> ComponentLabels {
        let regions = Image.label(width: width, height: height, connectivity: connectivity) { pixels[$0] != 0 }
        return ComponentLabels(width: width, height: height, labels: regions.labels, sizes: regions.sizes)
    }

    /// A 0/1 mask keeping only the `k` largest foreground components (ties: the one met first in raster order).
    public func keepingLargestComponents(_ k: Int, connectivity: Connectivity) -> Image {
        precondition(k >= 0, "keepingLargestComponents needs k ≥ 0, got \(k)")
        let components = connectedComponents(connectivity: connectivity)
        let ranked = components.sizes.indices.sorted { components.sizes[$0] > components.sizes[$1] }
        var keep = [Bool](repeating: false, count: components.count + 1)
        for index in ranked.prefix(k) { keep[index + 1] = true }
        return withPixels(components.labels.map { keep[Int($0)] ? 1 : 0 })
    }

    /// A 0/1 mask with every hole filled: background regions that do not reach the image border become
    /// foreground. Background is traced with 4-connectivity (the dual of 8-connected foreground), so a
    /// region sealed off by diagonal foreground steps counts as a hole.
    public func fillingHoles() -> Image {
        let background = Image.label(width: width, height: height, connectivity: .four) { pixels[$0] == 0 }
        var touchesBorder = [Bool](repeating: false, count: background.sizes.count + 1)
        for x in 0..<width {
            touchesBorder[Int(background.labels[x])] = true
            touchesBorder[Int(background.labels[(height - 1) * width + x])] = true
        }
        for y in 0..<height {
            touchesBorder[Int(background.labels[y * width])] = true
            touchesBorder[Int(background.labels[y * width + width - 1])] = true
        }
        return withPixels(background.labels.map { $0 == 0 || !touchesBorder[Int($0)] ? 1 : 0 })
    }

    /// Flood-fill labelling of pixels where `isMember(index)` holds, with an explicit stack (no recursion).
    static func label(width: Int, height: Int, connectivity: Connectivity,
                      isMember: (Int) -> Bool) -> (labels: [Int32], sizes: [Int]) {
        var labels = [Int32](repeating: 0, count: width * height)
        var sizes: [Int] = []
        var stack: [Int] = []
        let offsets = connectivity.offsets
        for start in 0..<(width * height) where labels[start] == 0 && isMember(start) {
            let label = Int32(sizes.count + 1)
            var size = 0
            labels[start] = label
            stack.append(start)
            while let index = stack.popLast() {
                size += 1
                let x = index % width, y = index / width
                for (dx, dy) in offsets {
                    let nx = x + dx, ny = y + dy
                    guard nx >= 0, nx < width, ny >= 0, ny < height else { continue }
                    let neighbour = ny * width + nx
                    if labels[neighbour] == 0 && isMember(neighbour) {
                        labels[neighbour] = label
                        stack.append(neighbour)
                    }
                }
            }
            sizes.append(size)
        }
        return (labels, sizes)
    }
}
