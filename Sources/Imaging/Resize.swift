/// Resampling to a new size. Both functions return the input unchanged (bit for bit) at the same size.
extension Image {
    /// Bilinear resize with align-corners = false, the convention of PyTorch `interpolate(mode: "bilinear",
    /// align_corners=False)` and OpenCV `INTER_LINEAR`: output pixel centre `o` samples input coordinate
    /// `(o + 0.5) · in/out − 0.5`, clamped to the image (edge pixels are replicated). For images, not masks.
    public func resizedBilinear(width newWidth: Int, height newHeight: Int) -> Image {
        if newWidth == width && newHeight == height { return self }
        let xs = Image.bilinearTaps(input: width, output: newWidth)
        let ys = Image.bilinearTaps(input: height, output: newHeight)
        var out = [Float](repeating: 0, count: newWidth * newHeight)
        pixels.withUnsafeBufferPointer { src in
            for oy in 0..<newHeight {
                let (y0, y1, wy) = ys[oy]
                let row0 = y0 * width, row1 = y1 * width
                for ox in 0..<newWidth {
                    let (x0, x1, wx) = xs[ox]
                    let top = src[row0 + x0] + (src[row0 + x1] - src[row0 + x0]) * wx
                    let bottom = src[row1 + x0] + (src[row1 + x1] - src[row1 + x0]) * wx
                    out[oy * newWidth + ox] = top + (bottom - top) * wy
                }
            }
        }
        return withPixels(out, width: newWidth, height: newHeight)
    }

    /// Nearest-neighbour resize for masks (labels are never blended): output pixel `o` takes input pixel
    /// `floor((o + 0.5) · in/out)`, the centre-aligned rule of PyTorch `mode="nearest-exact"` and PIL
    /// `NEAREST` (PyTorch's older `"nearest"` uses `floor(o · in/out)`, which shifts by half a pixel).
    public func resizedNearest(width newWidth: Int, height newHeight: Int) -> Image {
        if newWidth == width && newHeight == height { return self }
        let xs = Image.nearestTaps(input: width, output: newWidth)
        let ys = Image.nearestTaps(input: height, output: newHeight)
        var out = [Float](repeating: 0, count: newWidth * newHeight)
        for oy in 0..<newHeight {
            let row = ys[oy] * width
            for ox in 0..<newWidth { out[oy * newWidth + ox] = pixels[row + xs[ox]] }
        }
        return withPixels(out, width: newWidth, height: newHeight)
    }

    /// For each output index: the two input indices and the weight of the second.
    static func bilinearTaps(input: Int, output: Int) -> [(Int, Int, Float)] {
        let scale = Double(input) / Double(output)
        return (0..<output).map { o in
            let position = max((Double(o) + 0.5) * scale - 0.5, 0)
            let i0 = min(Int(position), input - 1)
            let i1 = min(i0 + 1, input - 1)
            return (i0, i1, Float(position - Double(i0)))
        }
    }

    static func nearestTaps(input: Int, output: Int) -> [Int] {
        let scale = Double(input) / Double(output)
        return (0..<output).map { o in min(Int((Double(o) + 0.5) * scale), input - 1) }
    }
}
