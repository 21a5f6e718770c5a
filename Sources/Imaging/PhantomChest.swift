import Foundation
import Randomness

/// One phantom chest in 3D: an anatomy drawn once per volume, and the axial slice of it at height
/// t ∈ (0, 1) (0 = the bottom of the stack, 1 = the top, superior). Every parameter varies smoothly with t:
/// each lung is absent below its base and above its apex, has a domed base, its widest section just above
/// the base, and tapers to the apex, drifting medially and anteriorly and turning its outline slowly; the
/// heart occupies the lower half; the body narrows slightly at both ends; spine, aorta and ribs are tubes.
struct PhantomChest {
    private var base: PhantomAnatomy
    /// Per lung (index as in `PhantomAnatomy.lungs`: 0 on the image's left, 1 on its right), t of base and apex.
    private var lungBase: [Double]
    private var lungApex: [Double]
    /// Per lung, how far (radians) the outline's harmonics turn from base to apex.
    private var twist: [Double]
    /// Vessels drawn per lung, relative to that lung's base outline.
    private var vessels: [[(x: Double, y: Double, radius: Double, contrast: Double)]]
    private var heartCentre: Double
    private var heartHalfHeight: Double

    init(rng: inout SplitMix64) {
        base = PhantomAnatomy(rng: &rng)
        lungBase = (0..<2).map { _ in rng.uniform(0.05...0.14) }
        lungApex = (0..<2).map { _ in rng.uniform(0.86...0.95) }
        twist = (0..<2).map { _ in rng.uniform(-0.6...0.6) }
        vessels = base.lungs.map { PhantomAnatomy.drawVessels(in: [$0], rng: &rng) }
        heartCentre = rng.uniform(0.28...0.40)
        heartHalfHeight = rng.uniform(0.22...0.30)
    }

    /// A lung's cross-section scale at fraction u of the way from its base (0) to its apex (1): zero outside
    /// (0, 1), rising steeply above the domed base, then narrowing like an ellipsoid towards the apex.
    static func lungScale(_ u: Double) -> Double {
        guard u > 0, u < 1 else { return 0 }
        return ((1 - u * u) * (1 - exp(-u / 0.12))).squareRoot()
    }

    /// The slice at height t. `lungs` of the result holds only the lungs present there; `lungIndices[n]` is
    /// the index (0 or 1, as in `base.lungs`) of its n-th lung.
    func anatomy(at t: Double) -> (anatomy: PhantomAnatomy, lungIndices: [Int]) {
        var slice = base
        let bodyScale = 0.95 + 0.05 * sin(Double.pi * t)
        slice.body.radii = (base.body.radii.x * bodyScale, base.body.radii.y * bodyScale)
        let heartScale = max(0, 1 - pow((t - heartCentre) / heartHalfHeight, 2)).squareRoot()
        slice.heart.radii = (base.heart.radii.x * heartScale, base.heart.radii.y * heartScale)
        slice.lungs = []
        slice.vessels = []
        var indices: [Int] = []
        for (index, lung) in base.lungs.enumerated() {
            let u = (t - lungBase[index]) / (lungApex[index] - lungBase[index])
            let scale = PhantomChest.lungScale(u)
            guard scale > 0.02 else { continue }
            var section = lung
            section.centre = (base.body.centre.x + (lung.centre.x - base.body.centre.x) * (1 - 0.12 * u),
                              lung.centre.y + 0.05 * (0.4 - u))
            section.radii = (lung.radii.x * scale, lung.radii.y * scale)
            section.harmonics = lung.harmonics.map { ($0.order, $0.amplitude, $0.phase + twist[index] * u) }
            slice.lungs.append(section)
            slice.vessels += vessels[index].map { vessel in
                (section.centre.x + (vessel.x - lung.centre.x) * scale, section.centre.y + (vessel.y - lung.centre.y) * scale,
                 vessel.radius * max(scale, 0.5), vessel.contrast)
            }
            indices.append(index)
        }
        return (slice, indices)
    }
}
