/// One series of a line chart.
struct LineSeries: Equatable {
    enum Style: Equatable { case solid, dashed, markers }
    var name: String
    var color: String
    var style: Style = .solid
    var points: [(x: Double, y: Double)]

    static func == (lhs: LineSeries, rhs: LineSeries) -> Bool {
        lhs.name == rhs.name && lhs.color == rhs.color && lhs.style == rhs.style
            && lhs.points.map(\.x) == rhs.points.map(\.x) && lhs.points.map(\.y) == rhs.points.map(\.y)
    }
}

/// An inline SVG line chart: training curves, or per-case values drawn as markers.
struct LineChart {
    var label: String
    var xTitle: String
    var yTitle: String
    var series: [LineSeries]
    /// Fixed y range (e.g. 0…1 for Dice); nil fits the data, from zero when `yFromZero`.
    var yDomain: ClosedRange<Double>? = nil
    var yFromZero = true
    var frame = ChartFrame()

    var xScale: LinearScale {
        let xs = series.flatMap { $0.points.map(\.x) }
        let low = xs.min() ?? 0, high = xs.max() ?? 1
        return LinearScale(domain: low...(high > low ? high : low + 1), range: frame.plotX)
    }

    var yScale: LinearScale {
        let domain = yDomain ?? LinearScale.niceDomain(series.flatMap { $0.points.map(\.y) },
                                                       fromZero: yFromZero)
        return LinearScale(domain: domain, range: frame.plotY, flipped: true)
    }

    /// The pixel positions of one series' points, as written into the SVG.
    func pixelPoints(of index: Int) -> [(x: Double, y: Double)] {
        let x = xScale, y = yScale
        return series[index].points.filter { $0.y.isFinite }.map { (x($0.x), y($0.y)) }
    }

    func render() -> String {
        var svg = frame.openSVG(label: label)
        svg += frame.yAxis(yScale, title: yTitle)
        svg += xTicks()
        svg += frame.xTitle(xTitle)
        for index in series.indices { svg += draw(index) }
        svg += legend()
        return svg + "</svg>"
    }

    private func draw(_ index: Int) -> String {
        let line = series[index]
        let points = pixelPoints(of: index)
        let coordinates = points.map { "\(NumberText.coordinate($0.x)),\(NumberText.coordinate($0.y))" }
        switch line.style {
        case .solid, .dashed:
            let dash = line.style == .dashed ? " stroke-dasharray=\"6 4\"" : ""
            return "<polyline class=\"series\" fill=\"none\" stroke=\"\(line.color)\" stroke-width=\"2\"\(dash) points=\"\(coordinates.joined(separator: " "))\"/>"
        case .markers:
            return zip(points, line.points.filter { $0.y.isFinite }).map { pixel, datum in
                "<circle cx=\"\(NumberText.coordinate(pixel.x))\" cy=\"\(NumberText.coordinate(pixel.y))\" r=\"3\" fill=\"\(line.color)\"><title>\(HTML.escape(line.name)): \(NumberText.fixed(datum.y))</title></circle>"
            }.joined()
        }
    }

    private func xTicks() -> String {
        let scale = xScale
        let ticks = scale.ticks(count: 6)
        let step = ticks.count > 1 ? ticks[1] - ticks[0] : 1
        let baseline = NumberText.coordinate(frame.plotY.upperBound)
        return "<line class=\"axis\" x1=\"\(frame.left)\" x2=\"\(frame.width - frame.right)\" y1=\"\(baseline)\" y2=\"\(baseline)\"/>"
            + ticks.map { tick in
                "<text class=\"tick\" x=\"\(NumberText.coordinate(scale(tick)))\" y=\"\(frame.plotY.upperBound + 16)\" text-anchor=\"middle\">\(LinearScale.label(tick, step: step))</text>"
            }.joined()
    }

    /// Legend entries laid out left to right above the plot's top-right corner.
    private func legend() -> String {
        guard series.count > 1 else { return "" }
        var x = frame.left + 8
        return series.map { line in
            let swatch = line.style == .markers
                ? "<circle cx=\"\(x + 7)\" cy=\"\(frame.top + 8)\" r=\"3.5\" fill=\"\(line.color)\"/>"
                : "<line x1=\"\(x)\" x2=\"\(x + 14)\" y1=\"\(frame.top + 8)\" y2=\"\(frame.top + 8)\" stroke=\"\(line.color)\" stroke-width=\"2\"\(line.style == .dashed ? " stroke-dasharray=\"4 3\"" : "")/>"
            let text = "<text class=\"legend\" x=\"\(x + 19)\" y=\"\(frame.top + 8)\" dominant-baseline=\"middle\">\(HTML.escape(line.name))</text>"
            x += 30 + Double(line.name.count) * 6.5
            return swatch + text
        }.joined()
    }
}
