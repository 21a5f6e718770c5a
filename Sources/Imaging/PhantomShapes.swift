import Foundation
import Randomness

/// A smooth closed shape for the phantom: an ellipse (centre, radii, tilt) whose radius is modulated by a
/// few low harmonics, `r(θ) = 1 + Σ amplitude_k · cos(k·θ + phase_k)`. Coordinates are normalised: the
/// slice spans −1…1 on both axes, y pointing down (posterior).
struct PhantomBlob {
    var centre: (x: Double, y: Double)
    var radii: (x: Double, y: Double)
    var tilt: Double = 0
    var harmonics: [(order: Double, amplitude: Double, phase: Double)] = []

    /// The shape's boundary radius relative to the plain ellipse, scaled by `scale` (< 1 shrinks it).
    func contains(_ x: Double, _ y: Double, scale: Double = 1) -> Bool {
        let dx = x - centre.x, dy = y - centre.y
        let reach = 1.3 * scale * max(radii.x, radii.y)
        if dx * dx + dy * dy > reach * reach { return false }  // cheap rejection before the trigonometry
        let c = cos(tilt), s = sin(tilt)
        let u = (c * dx + s * dy) / radii.x, v = (-s * dx + c * dy) / radii.y
        let r2 = u * u + v * v
        let limit = harmonics.isEmpty ? scale : scale * boundary(atan2(v, u))
        return r2 < limit * limit
    }

    private func boundary(_ theta: Double) -> Double {
        harmonics.reduce(1) { $0 + $1.amplitude * cos($1.order * theta + $1.phase) }
    }

    /// A blob with `count` random harmonics (orders 2…5) of amplitude up to `roughness` each.
    static func irregular(centre: (Double, Double), radii: (Double, Double), tilt: Double, roughness: Double,
                          count: Int, rng: inout SplitMix64) -> PhantomBlob {
        let harmonics = (0..<count).map { k in
            (order: Double(2 + k), amplitude: rng.uniform(0...roughness), phase: rng.uniform(0...(2 * .pi)))
        }
        return PhantomBlob(centre: centre, radii: radii, tilt: tilt, harmonics: harmonics)
    }
}

/// Smooth random texture: a sum of plane waves with random direction, wavelength and phase.
struct PhantomTexture {
    private var waves: [(kx: Double, ky: Double, phase: Double)] = []
    private let amplitude: Double

    init(waveCount: Int, wavelengths: ClosedRange<Double>, amplitude: Double, rng: inout SplitMix64) {
        self.amplitude = amplitude / Double(waveCount).squareRoot()
        for _ in 0..<waveCount {
            let angle = rng.uniform(0...(2 * .pi)), k = 2 * .pi / rng.uniform(wavelengths)
            waves.append((k * cos(angle), k * sin(angle), rng.uniform(0...(2 * .pi))))
        }
    }

    func value(_ x: Double, _ y: Double) -> Double {
        amplitude * waves.reduce(0) { $0 + cos($1.kx * x + $1.ky * y + $1.phase) }
    }
}
