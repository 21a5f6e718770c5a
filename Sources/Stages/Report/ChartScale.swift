import Foundation

/// Maps data values linearly onto pixels.
struct LinearScale: Equatable {
    var domain: ClosedRange<Double>
    var range: ClosedRange<Double>
    /// SVG's y axis points down, so vertical scales map the domain's low end to the range's high end.
    var flipped = false

    func callAsFunction(_ value: Double) -> Double {
        let span = domain.upperBound - domain.lowerBound
        let t = span == 0 ? 0.5 : (value - domain.lowerBound) / span
        let u = flipped ? 1 - t : t
        return range.lowerBound + u * (range.upperBound - range.lowerBound)
    }

    /// "Nice" tick values (steps of 1, 2 or 5 × 10ⁿ) inside the domain, about `count` of them.
    func ticks(count: Int = 5) -> [Double] {
        let step = Self.niceStep(span: domain.upperBound - domain.lowerBound, count: count)
        guard step > 0 else { return [domain.lowerBound] }
        var value = (domain.lowerBound / step).rounded(.up) * step
        var ticks: [Double] = []
        while value <= domain.upperBound + step * 1e-9 {
            ticks.append(abs(value) < step * 1e-9 ? 0 : value)
            value += step
        }
        return ticks
    }

    static func niceStep(span: Double, count: Int) -> Double {
        guard span > 0, count > 0 else { return 0 }
        let raw = span / Double(count)
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        let fraction = raw / magnitude
        let slack = 1 + 1e-9   // 0.5 / 5 must give a step of 0.1, not 0.2, despite rounding
        let nice: Double = fraction <= slack ? 1 : fraction <= 2 * slack ? 2 : fraction <= 5 * slack ? 5 : 10
        return nice * magnitude
    }

    /// The smallest domain with nice ends that holds `values`; includes 0 when `fromZero`.
    static func niceDomain(_ values: [Double], fromZero: Bool, count: Int = 5) -> ClosedRange<Double> {
        let finite = values.filter(\.isFinite)
        guard var low = finite.min(), var high = finite.max() else { return 0...1 }
        if fromZero { low = min(low, 0); high = max(high, 0) }
        if low == high { low -= 0.5; high += 0.5 }
        let step = niceStep(span: high - low, count: count)
        return (low / step).rounded(.down) * step ... (high / step).rounded(.up) * step
    }

    /// Tick label with as many decimals as the step needs.
    static func label(_ value: Double, step: Double) -> String {
        let decimals = step >= 1 ? 0 : Int((-log10(step)).rounded(.up))
        return String(format: "%.\(decimals)f", value)
    }
}

/// The colour of each run or series, chosen for contrast and colour-blind safety (Okabe–Ito).
enum Palette {
    static let colors = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]
    static func color(_ index: Int) -> String { colors[index % colors.count] }
}

/// Plot area and margins shared by the SVG charts.
struct ChartFrame: Equatable {
    var width: Double = 560
    var height: Double = 280
    var left: Double = 56
    var right: Double = 16
    var top: Double = 16
    var bottom: Double = 44

    var plotX: ClosedRange<Double> { left...(width - right) }
    var plotY: ClosedRange<Double> { top...(height - bottom) }

    func openSVG(label: String) -> String {
        let w = NumberText.coordinate(width), h = NumberText.coordinate(height)
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(w) \(h)\" width=\"\(w)\" height=\"\(h)\" role=\"img\" aria-label=\"\(HTML.escape(label))\" class=\"chart\">"
    }

    /// Horizontal grid lines with y tick labels, and the axis titles.
    func yAxis(_ scale: LinearScale, title: String) -> String {
        let ticks = scale.ticks()
        let step = ticks.count > 1 ? ticks[1] - ticks[0] : 1
        var out = ticks.map { tick -> String in
            let y = NumberText.coordinate(scale(tick))
            return "<line class=\"grid\" x1=\"\(left)\" x2=\"\(width - right)\" y1=\"\(y)\" y2=\"\(y)\"/>"
                + "<text class=\"tick\" x=\"\(left - 6)\" y=\"\(y)\" text-anchor=\"end\" dominant-baseline=\"middle\">\(LinearScale.label(tick, step: step))</text>"
        }.joined()
        let middle = NumberText.coordinate((plotY.lowerBound + plotY.upperBound) / 2)
        out += "<text class=\"axis-title\" transform=\"translate(14 \(middle)) rotate(-90)\" text-anchor=\"middle\">\(HTML.escape(title))</text>"
        return out
    }

    func xTitle(_ title: String) -> String {
        let middle = NumberText.coordinate((plotX.lowerBound + plotX.upperBound) / 2)
        return "<text class=\"axis-title\" x=\"\(middle)\" y=\"\(height - 6)\" text-anchor=\"middle\">\(HTML.escape(title))</text>"
    }
}
