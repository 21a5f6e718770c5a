/// Cheap facts about a lung mask against its CT image, from which implausible masks are flagged
/// (`MaskCheck`). Fractions are in 0…1; sizes in pixels.
public struct MaskFacts: Equatable, Sendable, Codable {
    /// Mask pixels / slice pixels.
    public var lungFraction: Double
    /// Image-border pixels in the mask / all border pixels: lungs never reach the edge of the scan.
    public var borderContact: Double
    /// Mask pixels outside the body / mask pixels (0 for an empty mask).
    public var outsideBody: Double
    /// Body pixels / slice pixels.
    public var bodyFraction: Double
    /// Pixels inside the body darker than `BodyThresholds.airHU` (lungs, airways, gas) / slice pixels.
    public var internalAir: Double
    /// Of that air inside the body, the part the mask covers; nil when the body holds no air.
    public var airCoverage: Double?
    /// 8-connected components of the mask, and the sizes of the largest two (0 when absent).
    public var componentCount: Int
    public var largestComponent: Int
    public var secondComponent: Int
    /// Mean image value (HU) inside the mask; nil for an empty mask. Lung is about −950 … −500 HU.
    public var meanHU: Double?

    public var isEmpty: Bool { largestComponent == 0 }
}

extension MaskFacts {
    /// Measures `mask` (non-zero = lung) against `image` (HU); both must have one size (validate checks
    /// that first, with an error naming the files).
    public static func measure(image: Image, mask: Image, thresholds: BodyThresholds = .ct) -> MaskFacts {
        precondition(image.width == mask.width && image.height == mask.height,
                     "mask \(mask.width)×\(mask.height) differs from image \(image.width)×\(image.height)")
        let body = image.bodyRegion(thresholds)
        let n = image.pixels.count
        var inMask = 0, outside = 0, bodyPixels = 0, air = 0, airInMask = 0
        var sum = 0.0
        for i in 0..<n {
            let lung = mask.pixels[i] != 0, inBody = body.pixels[i] != 0
            if inBody { bodyPixels += 1 }
            let isAir = inBody && image.pixels[i] < thresholds.airHU
            if isAir { air += 1 }
            guard lung else { continue }
            inMask += 1
            sum += Double(image.pixels[i])
            if !inBody { outside += 1 }
            if isAir { airInMask += 1 }
        }
        let sizes = mask.connectedComponents(connectivity: .eight).sizes.sorted(by: >)
        return MaskFacts(lungFraction: Double(inMask) / Double(n),
                         borderContact: borderContact(of: mask),
                         outsideBody: inMask == 0 ? 0 : Double(outside) / Double(inMask),
                         bodyFraction: Double(bodyPixels) / Double(n),
                         internalAir: Double(air) / Double(n),
                         airCoverage: air == 0 ? nil : Double(airInMask) / Double(air),
                         componentCount: sizes.count,
                         largestComponent: sizes.first ?? 0,
                         secondComponent: sizes.count > 1 ? sizes[1] : 0,
                         meanHU: inMask == 0 ? nil : sum / Double(inMask))
    }

    /// Fraction of the image's border pixels (each counted once) that are in the mask.
    static func borderContact(of mask: Image) -> Double {
        let w = mask.width, h = mask.height
        var border: [Int] = []
        for x in 0..<w { border.append(x); if h > 1 { border.append((h - 1) * w + x) } }
        if h > 2 { for y in 1..<(h - 1) { border.append(y * w); if w > 1 { border.append(y * w + w - 1) } } }
        let touched = border.reduce(0) { $0 + (mask.pixels[$1] != 0 ? 1 : 0) }
        return Double(touched) / Double(border.count)
    }
}
