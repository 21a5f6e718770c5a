/// An inline SVG of vertical box plots, one per group (run), with Tukey whiskers and outliers.
struct BoxPlot {
    var label: String
    var yTitle: String
    var groups: [(name: String, color: String, values: [Double])]
    var frame = ChartFrame(width: 560, height: 300, bottom: 56)

    var yScale: LinearScale {
        let values = groups.flatMap(\.values)
        let domain = LinearScale.niceDomain(values + [values.max() ?? 1], fromZero: false)
        return LinearScale(domain: domain, range: frame.plotY, flipped: true)
    }

    func render() -> String {
        let y = yScale
        var svg = frame.openSVG(label: label) + frame.yAxis(y, title: yTitle)
        let slot = (frame.plotX.upperBound - frame.plotX.lowerBound) / Double(max(groups.count, 1))
        for (index, group) in groups.enumerated() {
            let center = frame.plotX.lowerBound + slot * (Double(index) + 0.5)
            svg += box(group.values, center: center, halfWidth: min(36, slot * 0.3), color: group.color, y: y)
            svg += "<text class=\"tick\" x=\"\(NumberText.coordinate(center))\" y=\"\(frame.plotY.upperBound + 18)\" text-anchor=\"middle\">\(HTML.escape(Self.shorten(group.name)))<title>\(HTML.escape(group.name))</title></text>"
        }
        return svg + "</svg>"
    }

    private func box(_ values: [Double], center: Double, halfWidth: Double, color: String,
                     y: LinearScale) -> String {
        guard let q = Quartiles(values) else { return "" }
        let c = NumberText.coordinate
        let left = c(center - halfWidth), right = c(center + halfWidth)
        let top = y(q.upper), bottom = y(q.lower)
        var svg = "<g class=\"box\"><title>n=\(values.count)  median \(NumberText.fixed(q.median))  IQR \(NumberText.fixed(q.lower))–\(NumberText.fixed(q.upper))</title>"
        svg += "<line x1=\"\(c(center))\" x2=\"\(c(center))\" y1=\"\(c(y(q.whiskerHigh)))\" y2=\"\(c(top))\" stroke=\"#555\"/>"
        svg += "<line x1=\"\(c(center))\" x2=\"\(c(center))\" y1=\"\(c(bottom))\" y2=\"\(c(y(q.whiskerLow)))\" stroke=\"#555\"/>"
        for whisker in [q.whiskerLow, q.whiskerHigh] {
            svg += "<line x1=\"\(c(center - halfWidth / 2))\" x2=\"\(c(center + halfWidth / 2))\" y1=\"\(c(y(whisker)))\" y2=\"\(c(y(whisker)))\" stroke=\"#555\"/>"
        }
        svg += "<rect x=\"\(left)\" y=\"\(c(top))\" width=\"\(c(2 * halfWidth))\" height=\"\(c(max(bottom - top, 1)))\" fill=\"\(color)\" fill-opacity=\"0.25\" stroke=\"\(color)\" stroke-width=\"1.5\"/>"
        svg += "<line x1=\"\(left)\" x2=\"\(right)\" y1=\"\(c(y(q.median)))\" y2=\"\(c(y(q.median)))\" stroke=\"\(color)\" stroke-width=\"2.5\"/>"
        for outlier in q.outliers {
            svg += "<circle cx=\"\(c(center))\" cy=\"\(c(y(outlier)))\" r=\"2.5\" fill=\"none\" stroke=\"\(color)\"/>"
        }
        return svg + "</g>"
    }

    static func shorten(_ name: String, to length: Int = 22) -> String {
        name.count <= length ? name : String(name.prefix(length - 1)) + "…"
    }
}
