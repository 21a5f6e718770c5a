import Foundation
import Randomness

/// Synthetic axial chest-CT slices with exact lung masks, for tests and for running the whole pipeline
/// without real data. Each slice is a pure function of (seed, index): body outline with a fat layer, two
/// lungs of varying size, shape and position with texture and bright vessel dots (vessels count as lung in
/// the mask, as in hand-drawn masks), heart, aorta, vertebra with spinal canal, rib cross-sections, an
/// optional table, partial-volume blur, Gaussian noise and, in about half the slices, scanner padding
/// (−2048 HU) outside a circular field of view. The mask is exactly the pixels painted as lung.
public enum Phantom {
    /// The HU image (integer values, int16 range) and its 0/1 lung mask, both `size × size`.
    public static func slice(seed: UInt64, index: Int, size: Int = 512) -> (image: Image, mask: Image) {
        precondition(size >= 16, "phantom size must be at least 16, got \(size)")
        var rng = SplitMix64(seed: seed, keys: UInt64(truncatingIfNeeded: index))
        let anatomy = PhantomAnatomy(rng: &rng)
        let style = PhantomStyle(rng: &rng)
        let (hu, lungs) = render(anatomy, style: style, noise: &rng, size: size)
        let mask = lungs.map { $0 == 0 ? Float(0) : 1 }
        return (Image(width: size, height: size, pixels: hu), Image(width: size, height: size, pixels: mask))
    }

    /// Paints one slice: HU values (blurred, noisy, rounded, clamped to −1024…3071 or −2048 padding) and,
    /// per pixel, 0 outside the lungs or 1 + the index in `anatomy.lungs` of the lung painted there.
    /// `textureShift` moves the textures along y, so stacked slices get smoothly varying texture.
    static func render(_ anatomy: PhantomAnatomy, style: PhantomStyle, noise rng: inout SplitMix64, size: Int,
                       textureShift: Double = 0) -> (hu: [Float], lungs: [UInt8]) {
        let half = Double(size) / 2, centre = Double(size - 1) / 2
        var hu = [Float](repeating: 0, count: size * size)
        var lungs = [UInt8](repeating: 0, count: size * size)
        for py in 0..<size {
            let y = (Double(py) - centre) / half
            for px in 0..<size {
                let x = (Double(px) - centre) / half
                let tissue = anatomy.tissue(x, y)
                var value = tissue.hounsfield
                switch tissue {
                case .lung:
                    lungs[py * size + px] = UInt8(1 + (anatomy.lungs.firstIndex { $0.contains(x, y) } ?? 0))
                    value += style.lungTexture.value(x, y + textureShift) + 60 * y + vesselContrast(anatomy.vessels, x, y)
                case .fat, .muscle, .heart: value += style.softTexture.value(x, y + textureShift)
                default: break
                }
                hu[py * size + px] = Float(value)
            }
        }
        hu = partialVolumeBlur(hu, size: size)
        for i in hu.indices {
            let px = i % size, py = i / size
            let r2 = pow((Double(px) - centre) / half, 2) + pow((Double(py) - centre) / half, 2)
            if style.paddedFieldOfView && r2 > 1 { hu[i] = -2048; continue }
            hu[i] = min(max((hu[i] + Float(style.noiseSigma * rng.gaussian())).rounded(), -1024), 3071)
        }
        return (hu, lungs)
    }

    /// Vessels are Gaussian bright spots added to the lung's HU.
    private static func vesselContrast(_ vessels: [(x: Double, y: Double, radius: Double, contrast: Double)],
                                       _ x: Double, _ y: Double) -> Double {
        var total = 0.0
        for vessel in vessels {
            let d2 = (x - vessel.x) * (x - vessel.x) + (y - vessel.y) * (y - vessel.y)
            let r2 = vessel.radius * vessel.radius
            if d2 < 9 * r2 { total += vessel.contrast * exp(-d2 / (2 * r2)) }
        }
        return total
    }

    /// Separable [1 2 1]/4 blur: edges in CT are never a single pixel sharp.
    private static func partialVolumeBlur(_ values: [Float], size: Int) -> [Float] {
        func pass(_ input: [Float], step: Int, length: (Int) -> Int) -> [Float] {
            var output = input
            for i in input.indices {
                let coordinate = length(i)
                let previous = coordinate > 0 ? input[i - step] : input[i]
                let next = coordinate < size - 1 ? input[i + step] : input[i]
                output[i] = 0.25 * previous + 0.5 * input[i] + 0.25 * next
            }
            return output
        }
        let horizontal = pass(values, step: 1) { $0 % size }
        return pass(horizontal, step: size) { $0 / size }
    }
}

/// A slice's (or volume's) look, drawn after its anatomy: textures, noise level, field-of-view padding.
struct PhantomStyle {
    var lungTexture: PhantomTexture
    var softTexture: PhantomTexture
    var noiseSigma: Double
    var paddedFieldOfView: Bool

    init(rng: inout SplitMix64) {
        lungTexture = PhantomTexture(waveCount: 12, wavelengths: 0.03...0.25, amplitude: 45, rng: &rng)
        softTexture = PhantomTexture(waveCount: 8, wavelengths: 0.05...0.4, amplitude: 12, rng: &rng)
        noiseSigma = rng.uniform(8...25)
        paddedFieldOfView = rng.chance(0.5)
    }
}
