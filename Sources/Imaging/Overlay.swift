/// RGB pictures of slices with masks drawn on them, for reports.
public enum Overlay {
    public typealias Colour = (r: UInt8, g: UInt8, b: UInt8)
    public static let truthColour: Colour = (40, 220, 40)
    public static let predictionColour: Colour = (230, 40, 40)
    /// Opacity of a filled prediction.
    public static let fillOpacity: Float = 0.35

    /// The image windowed to `window` as gray, with `prediction` filled translucent red and the outline of
    /// `truth` in green (a truth pixel is on the outline when one of its 4 neighbours is outside the mask).
    public static func render(image: Image, window: ClosedRange<Float>, truth: Image? = nil,
                              prediction: Image? = nil) -> RGBImage {
        for mask in [truth, prediction].compactMap({ $0 }) {
            precondition(mask.width == image.width && mask.height == image.height,
                         "overlay mask \(mask.width)×\(mask.height) differs from image \(image.width)×\(image.height)")
        }
        var rgb = gray(image, window: window)
        if let prediction { fill(&rgb, where: prediction, colour: predictionColour, opacity: fillOpacity) }
        if let truth { fill(&rgb, where: outline(of: truth), colour: truthColour, opacity: 1) }
        return rgb
    }

    /// Three panels side by side, separated by 4 black columns: the windowed image, the image with the
    /// truth filled green, and the image with the prediction filled red and the truth outlined green.
    public static func strip(image: Image, truth: Image, prediction: Image, window: ClosedRange<Float>) -> RGBImage {
        var truthPanel = gray(image, window: window)
        fill(&truthPanel, where: truth, colour: truthColour, opacity: fillOpacity)
        let panels = [gray(image, window: window), truthPanel,
                      render(image: image, window: window, truth: truth, prediction: prediction)]
        let gap = 4, width = image.width * 3 + gap * 2
        var out = RGBImage(width: width, height: image.height)
        for (p, panel) in panels.enumerated() {
            for y in 0..<image.height {
                let source = y * image.width * 3, target = (y * width + p * (image.width + gap)) * 3
                out.bytes.replaceSubrange(target..<(target + image.width * 3),
                                          with: panel.bytes[source..<(source + image.width * 3)])
            }
        }
        return out
    }

    static func gray(_ image: Image, window: ClosedRange<Float>) -> RGBImage {
        let unit = image.windowed(low: window.lowerBound, high: window.upperBound)
        var bytes = [UInt8](repeating: 0, count: image.pixels.count * 3)
        for (i, v) in unit.pixels.enumerated() {
            let level = byte(v)
            bytes[3 * i] = level; bytes[3 * i + 1] = level; bytes[3 * i + 2] = level
        }
        return RGBImage(width: image.width, height: image.height, bytes: bytes)
    }

    /// A unit value as a byte, clamped to 0…255, NaN as 0: `UInt8(Float.nan)` traps, and a NaN pixel
    /// (float TIFF) windows to NaN.
    static func byte(_ unit: Float) -> UInt8 {
        guard unit > 0 else { return 0 }  // false for NaN
        return unit >= 1 ? 255 : UInt8((unit * 255).rounded())
    }

    static func fill(_ rgb: inout RGBImage, where mask: Image, colour: Colour, opacity: Float) {
        let target = [colour.r, colour.g, colour.b].map(Float.init)
        for i in mask.pixels.indices where mask.pixels[i] != 0 {
            for c in 0..<3 {
                let old = Float(rgb.bytes[3 * i + c])
                rgb.bytes[3 * i + c] = byte((old + (target[c] - old) * opacity) / 255)
            }
        }
    }

    /// Foreground pixels with at least one 4-neighbour in the background (the image border counts as background).
    static func outline(of mask: Image) -> Image {
        var edge = [Float](repeating: 0, count: mask.pixels.count)
        for y in 0..<mask.height {
            for x in 0..<mask.width where mask[x, y] != 0 {
                let inside = x > 0 && x < mask.width - 1 && y > 0 && y < mask.height - 1
                    && mask[x - 1, y] != 0 && mask[x + 1, y] != 0 && mask[x, y - 1] != 0 && mask[x, y + 1] != 0
                if !inside { edge[y * mask.width + x] = 1 }
            }
        }
        return mask.withPixels(edge)
    }
}
