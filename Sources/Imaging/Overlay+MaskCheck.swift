/// The picture of a suspect mask: what a reader needs to see at a glance whether the label is wrong.
extension Overlay {
    /// Two panels, 4 black columns apart: the image windowed to its own 1–99 % range (folder data
    /// need not be HU), and the same with the mask filled green and outlined. Scaled down so the longer
    /// side is at most `maxSide` pixels (image bilinear, mask nearest), so a report stays small.
    public static func maskPanels(image: Image, mask: Image, maxSide: Int = 256) -> RGBImage {
        precondition(mask.width == image.width && mask.height == image.height,
                     "overlay mask \(mask.width)×\(mask.height) differs from image \(image.width)×\(image.height)")
        var image = image, mask = mask
        let longer = max(image.width, image.height)
        if longer > maxSide {
            let w = max(1, image.width * maxSide / longer), h = max(1, image.height * maxSide / longer)
            image = image.resizedBilinear(width: w, height: h)
            mask = mask.resizedNearest(width: w, height: h)
        }
        let window = robustWindow(image)
        var filled = gray(image, window: window)
        fill(&filled, where: mask, colour: truthColour, opacity: fillOpacity)
        fill(&filled, where: outline(of: mask), colour: truthColour, opacity: 1)
        return sideBySide([gray(image, window: window), filled])
    }

    /// The 1st to 99th percentile of the finite pixels above the lowest value (a CT scan's padding outside
    /// its field of view would otherwise set the dark end and wash the lungs out to gray); a one-unit
    /// window when nothing is left.
    static func robustWindow(_ image: Image) -> ClosedRange<Float> {
        let finite = image.pixels.filter(\.isFinite)
        guard let lowest = finite.min() else { return 0...1 }
        let sorted = finite.filter { $0 > lowest }.sorted()
        guard !sorted.isEmpty else { return lowest...(lowest + 1) }
        let lo = sorted[Int(Double(sorted.count - 1) * 0.01)], hi = sorted[Int(Double(sorted.count - 1) * 0.99)]
        return hi > lo ? lo...hi : lowest...(lowest + 1)
    }

    /// Panels of one height side by side, separated by 4 black columns.
    static func sideBySide(_ panels: [RGBImage]) -> RGBImage {
        let gap = 4, height = panels.map(\.height).max() ?? 0
        let width = panels.map(\.width).reduce(0, +) + gap * max(0, panels.count - 1)
        var out = RGBImage(width: width, height: height)
        var left = 0
        for panel in panels {
            for y in 0..<panel.height {
                let source = y * panel.width * 3, target = (y * width + left) * 3
                out.bytes.replaceSubrange(target..<(target + panel.width * 3), with: panel.bytes[source..<(source + panel.width * 3)])
            }
            left += panel.width + gap
        }
        return out
    }
}
