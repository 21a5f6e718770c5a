import Foundation
import Randomness

/// Tissue classes the phantom paints, with their mean Hounsfield units.
enum PhantomTissue: UInt8 {
    case air, fat, muscle, lung, heart, aorta, spinalCanal, vertebra, cortex, rib, table

    var hounsfield: Double {
        switch self {
        case .air: return -1000
        case .fat: return -100
        case .muscle: return 40
        case .lung: return -850
        case .heart: return 35
        case .aorta: return 45
        case .spinalCanal: return 15
        case .vertebra: return 300
        case .cortex: return 700
        case .rib: return 650
        case .table: return 80
        }
    }
}

/// One slice's randomly drawn anatomy, in normalised coordinates (−1…1, y down = posterior).
struct PhantomAnatomy {
    var body: PhantomBlob
    var lungs: [PhantomBlob]
    var heart: PhantomBlob
    var aorta: PhantomBlob
    var vertebra: PhantomBlob
    var spinalCanal: PhantomBlob
    var spinousProcess: PhantomBlob
    var ribs: [PhantomBlob]
    var vessels: [(x: Double, y: Double, radius: Double, contrast: Double)]
    var tableTop: Double?
    var fatThickness: Double

    init(rng: inout SplitMix64) {
        let bw = rng.uniform(0.78...0.94), bh = bw * rng.uniform(0.68...0.80)
        let bx = rng.uniform(-0.04...0.04), by = rng.uniform(-0.02...0.06)
        body = .irregular(centre: (bx, by), radii: (bw, bh), tilt: rng.uniform(-0.04...0.04), roughness: 0.015,
                          count: 3, rng: &rng)
        fatThickness = rng.uniform(0.04...0.09)
        lungs = [-1.0, 1.0].map { side in
            let lw = bw * rng.uniform(0.27...0.37), lh = bh * rng.uniform(0.55...0.74)
            let lx = bx + side * bw * rng.uniform(0.44...0.50), ly = by - bh * rng.uniform(0.0...0.14)
            return .irregular(centre: (lx, ly), radii: (lw, lh), tilt: side * rng.uniform(-0.25...0.05),
                              roughness: 0.05, count: 3, rng: &rng)
        }
        heart = .irregular(centre: (bx + bw * rng.uniform(0.04...0.14), by - bh * rng.uniform(0.05...0.25)),
                           radii: (bw * rng.uniform(0.20...0.28), bh * rng.uniform(0.28...0.40)),
                           tilt: rng.uniform(-0.5...0.0), roughness: 0.04, count: 2, rng: &rng)
        let spineY = by + bh * rng.uniform(0.55...0.65), vr = bw * rng.uniform(0.08...0.10)
        vertebra = PhantomBlob(centre: (bx, spineY), radii: (vr, vr * 0.9))
        spinalCanal = PhantomBlob(centre: (bx, spineY + vr * 1.45), radii: (vr * 0.45, vr * 0.45))
        spinousProcess = PhantomBlob(centre: (bx, spineY + vr * 2.3), radii: (vr * 0.25, vr * 0.6))
        aorta = PhantomBlob(centre: (bx + vr * 1.3, spineY - vr * 1.5), radii: (vr * 0.6, vr * 0.6))
        ribs = PhantomAnatomy.drawRibs(body: body, fat: fatThickness, rng: &rng)
        vessels = PhantomAnatomy.drawVessels(in: lungs, rng: &rng)
        tableTop = rng.chance(0.7) ? by + bh + rng.uniform(0.03...0.07) : nil
    }

    /// Rib cross-sections: short arcs just inside the body wall on both sides, sparing front and back.
    private static func drawRibs(body: PhantomBlob, fat: Double, rng: inout SplitMix64) -> [PhantomBlob] {
        var ribs: [PhantomBlob] = []
        for side in [0.0, Double.pi] {  // right side of the image, then the left
            let count = Int(rng.uniform(5...7.99))
            for i in 0..<count {
                let theta = side - 1.15 + 2.3 * (Double(i) + rng.uniform(0.3...0.7)) / Double(count)
                let along = 1 - fat / body.radii.x - 0.05
                let x = body.centre.x + along * body.radii.x * cos(theta)
                let y = body.centre.y + along * body.radii.y * sin(theta)
                let tangent = atan2(body.radii.y * cos(theta), -body.radii.x * sin(theta))
                ribs.append(PhantomBlob(centre: (x, y), radii: (rng.uniform(0.035...0.06), rng.uniform(0.014...0.02)),
                                        tilt: tangent))
            }
        }
        return ribs
    }

    static func drawVessels(in lungs: [PhantomBlob], rng: inout SplitMix64)
        -> [(x: Double, y: Double, radius: Double, contrast: Double)] {
        var vessels: [(x: Double, y: Double, radius: Double, contrast: Double)] = []
        for lung in lungs {
            for _ in 0..<Int(rng.uniform(18...34)) {
                let angle = rng.uniform(0...(2 * .pi)), r = rng.uniform(0...0.85).squareRoot()
                vessels.append((lung.centre.x + r * lung.radii.x * cos(angle),
                                lung.centre.y + r * lung.radii.y * sin(angle),
                                rng.uniform(0.004...0.014), rng.uniform(500...900)))
            }
        }
        return vessels
    }

    /// The tissue at a point: later structures override earlier ones, so the lung class is exactly what
    /// is left of the lungs after the mediastinum, spine and ribs are drawn.
    func tissue(_ x: Double, _ y: Double) -> PhantomTissue {
        if !body.contains(x, y) {
            if let top = tableTop, y > top, y < top + 0.035, abs(x - body.centre.x) < 0.9 { return .table }
            return .air
        }
        let wallScale = 1 - fatThickness / body.radii.x
        var tissue: PhantomTissue = body.contains(x, y, scale: wallScale) ? .muscle : .fat
        let insideRibcage = body.contains(x, y, scale: wallScale - 0.08)
        if insideRibcage && lungs.contains(where: { $0.contains(x, y) }) { tissue = .lung }
        if heart.contains(x, y) { tissue = .heart }
        if aorta.contains(x, y) { tissue = .aorta }
        if vertebra.contains(x, y) { tissue = vertebra.contains(x, y, scale: 0.8) ? .vertebra : .cortex }
        if spinousProcess.contains(x, y) { tissue = .cortex }
        if spinalCanal.contains(x, y) { tissue = .spinalCanal }
        if ribs.contains(where: { $0.contains(x, y) }) { tissue = .rib }
        return tissue
    }
}
