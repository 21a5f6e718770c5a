/// One series of a line chart.
struct LineSeries: Equatable {
    enum Style: Equatable { case solid, dashed, markers }
    var name: String
    var color: String
    var style: Style = .solid
    var points: [(x: Double, y: Double)]
    /// A shaded range drawn under the line (e.g. lowest to highest over seeds); empty for none.
    var band: [(x: Double, low: Double, high: Double)] = []

    static func == (lhs: LineSeries, rhs: LineSeries) -> Bool {
        lhs.name == rhs.name && lhs.color == rhs.color && lhs.style == rhs.style
            && lhs.points.map(\.x) == rhs.points.map(\.x) && lhs.points.map(\.y) == rhs.points.map(\.y)
            && lhs.band.map(\.low) == rhs.band.map(\.low) && lhs.band.map(\.high) == rhs.band.map(\.high)
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

    /// Markers get half a step of room at each end so the first and last are not cut by the frame.
    var xScale: LinearScale {
        let xs = series.flatMap { $0.points.map(\.x) }
        var low = xs.min() ?? 0, high = xs.max() ?? 1
        if high <= low { high = low + 1 }
        if series.contains(where: { $0.style == .markers }) { low -= 0.5; high += 0.5 }
        return LinearScale(domain: low...high, range: plotFrame.plotX)
    }

    var yScale: LinearScale {
        let domain = yDomain ?? LinearScale.niceDomain(series.flatMap { $0.points.map(\.y) + $0.band.flatMap { [$0.low, $0.high] } },
                                                       fromZero: yFromZero)
        return LinearScale(domain: domain, range: plotFrame.plotY, flipped: true)
    }

    /// The pixel positions of one series' points, as written into the SVG.
    func pixelPoints(of index: Int) -> [(x: Double, y: Double)] {
        let x = xScale, y = yScale
        return series[index].points.filter { $0.y.isFinite }.map { (x($0.x), y($0.y)) }
    }

    func render() -> String {
        let plot = plotFrame
        var svg = plot.openSVG(label: label)
        svg += plot.yAxis(yScale, title: yTitle)
        svg += xTicks()
        svg += plot.xTitle(xTitle)
        for index in series.indices { svg += drawBand(index) }
        for index in series.indices { svg += draw(index) }
        svg += legend()
        return svg + "</svg>"
    }

    /// The band as one translucent polygon: along the highs, back along the lows.
    private func drawBand(_ index: Int) -> String {
        let band = series[index].band.filter { $0.low.isFinite && $0.high.isFinite }
        guard band.count > 1 else { return "" }
        let x = xScale, y = yScale, c = NumberText.coordinate
        let outline = band.map { "\(c(x($0.x))),\(c(y($0.high)))" } + band.reversed().map { "\(c(x($0.x))),\(c(y($0.low)))" }
        return "<polygon class=\"band\" fill=\"\(series[index].color)\" fill-opacity=\"0.15\" stroke=\"none\" points=\"\(outline.joined(separator: " "))\"/>"
    }

    private func draw(_ index: Int) -> String {
        let line = series[index]
        let points = pixelPoints(of: index)
        let coordinates = points.map { "\(NumberText.coordinate($0.x)),\(NumberText.coordinate($0.y))" }
        switch line.style {
        case .solid where points.count == 1, .dashed where points.count == 1:
            // One epoch: a line needs two points, so the value is drawn as a dot.
            return "<circle cx=\"\(NumberText.coordinate(points[0].x))\" cy=\"\(NumberText.coordinate(points[0].y))\" r=\"3\" fill=\"\(line.color)\"/>"
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
        let scale = xScale, frame = plotFrame
        // Epochs and ranks are whole numbers: never label 2.5.
        let integral = series.allSatisfy { $0.points.allSatisfy { $0.x == $0.x.rounded() } }
        let ticks = scale.ticks(count: 6).filter { !integral || $0 == $0.rounded() }
        let step = max(ticks.count > 1 ? ticks[1] - ticks[0] : 1, integral ? 1 : 0)
        let baseline = NumberText.coordinate(frame.plotY.upperBound)
        return "<line class=\"axis\" x1=\"\(frame.left)\" x2=\"\(frame.width - frame.right)\" y1=\"\(baseline)\" y2=\"\(baseline)\"/>"
            + ticks.map { tick in
                "<text class=\"tick\" x=\"\(NumberText.coordinate(scale(tick)))\" y=\"\(frame.plotY.upperBound + 16)\" text-anchor=\"middle\">\(LinearScale.label(tick, step: step))</text>"
            }.joined()
    }

    /// Legend entries left to right above the plot, wrapping to a new row when one is full.
    /// Series with an empty name are left out (e.g. each run's dashed validation line).
    func legendLayout() -> [(series: LineSeries, x: Double, row: Int)] {
        let named = series.filter { !$0.name.isEmpty }
        guard named.count > 1 else { return [] }
        var x = frame.left, row = 0
        return named.map { line in
            let width = 30 + Double(line.name.count) * 6.5
            if x + width > frame.width - frame.right, x > frame.left { x = frame.left; row += 1 }
            defer { x += width }
            return (line, x, row)
        }
    }

    /// The frame with the top margin grown to hold the legend rows.
    var plotFrame: ChartFrame {
        var plot = frame
        if let rows = legendLayout().map(\.row).max() { plot.top += Double(rows + 1) * Self.legendRowHeight }
        return plot
    }

    static let legendRowHeight = 16.0

    private func legend() -> String {
        let c = NumberText.coordinate
        return legendLayout().map { line, x, row in
            let y = c(frame.top + Double(row) * Self.legendRowHeight)
            let dash = line.style == .dashed ? " stroke-dasharray=\"4 3\"" : ""
            let swatch = line.style == .markers
                ? "<circle cx=\"\(c(x + 7))\" cy=\"\(y)\" r=\"3.5\" fill=\"\(line.color)\"/>"
                : "<line x1=\"\(c(x))\" x2=\"\(c(x + 14))\" y1=\"\(y)\" y2=\"\(y)\" stroke=\"\(line.color)\" stroke-width=\"2\"\(dash)/>"
            return swatch + "<text class=\"legend\" x=\"\(c(x + 19))\" y=\"\(y)\" dominant-baseline=\"middle\">\(HTML.escape(line.name))</text>"
        }.joined()
    }
}
