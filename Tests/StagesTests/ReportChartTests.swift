import XCTest
@testable import Stages

final class ReportChartTests: XCTestCase {
    // Default frame: 560×280, plot x 56…544, plot y 16…236.
    func testLineChartPlacesATinySeriesWhereTheScaleSays() {
        let chart = LineChart(label: "loss", xTitle: "epoch", yTitle: "loss",
                              series: [LineSeries(name: "train", color: "#000", points: [(1, 0.5), (2, 0.25), (3, 0)])],
                              yDomain: 0...1)
        let svg = chart.render()
        XCTAssertTrue(svg.contains("points=\"56.0,126.0 300.0,181.0 544.0,236.0\""), svg)
        XCTAssertTrue(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        XCTAssertTrue(svg.hasSuffix("</svg>"))
    }

    func testFittedAxisStartsAtZeroAndEndsOnANiceValue() {
        let chart = LineChart(label: "loss", xTitle: "epoch", yTitle: "loss",
                              series: [LineSeries(name: "train", color: "#000", points: [(1, 0.47), (2, 0.25), (3, 0)])])
        XCTAssertEqual(chart.yScale.domain, 0...0.5)
        XCTAssertEqual(chart.yScale.ticks(), [0, 0.1, 0.2, 0.3, 0.4, 0.5].map { $0 }, accuracy: 1e-12)
        XCTAssertTrue(chart.render().contains(">0.5</text>"))
    }

    func testMarkersSkipNonFiniteValues() {
        let chart = LineChart(label: "d", xTitle: "x", yTitle: "y",
                              series: [LineSeries(name: "d", color: "#000", style: .markers, points: [(1, 0.5), (2, .nan), (3, 1)])],
                              yDomain: 0...1)
        XCTAssertEqual(chart.render().components(separatedBy: "<circle").count - 1, 2)
    }

    func testQuartilesInterpolateBetweenOrderStatistics() {
        let nine = Quartiles([9, 1, 8, 2, 7, 3, 6, 4, 5])!
        XCTAssertEqual([nine.lower, nine.median, nine.upper], [3, 5, 7])
        XCTAssertEqual([nine.whiskerLow, nine.whiskerHigh], [1, 9])
        XCTAssertEqual(nine.outliers, [])
        let four = Quartiles([1, 2, 3, 4])!
        XCTAssertEqual([four.lower, four.median, four.upper], [1.75, 2.5, 3.25])
    }

    func testPointsBeyondOneAndAHalfIQRAreOutliers() {
        let q = Quartiles([1, 2, 3, 4, 100])!   // Q1 2, Q3 4, fences -1 and 7
        XCTAssertEqual([q.lower, q.median, q.upper], [2, 3, 4])
        XCTAssertEqual([q.whiskerLow, q.whiskerHigh], [1, 4])
        XCTAssertEqual(q.outliers, [100])
        XCTAssertNil(Quartiles([]))
    }

    func testBoxPlotDrawsOneBoxPerRunAndEachOutlier() {
        let plot = BoxPlot(label: "dice", yTitle: "Dice",
                           groups: [("a", "#000", [0.9, 0.91, 0.92, 0.93, 0.5]), ("b", "#111", [0.94, 0.95, 0.96])])
        let svg = plot.render()
        XCTAssertEqual(svg.components(separatedBy: "<rect").count - 1, 2)
        XCTAssertEqual(svg.components(separatedBy: "<circle").count - 1, 1)
    }
}

private func XCTAssertEqual(_ a: [Double], _ b: [Double], accuracy: Double, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(a.count, b.count, file: file, line: line)
    for (x, y) in zip(a, b) { XCTAssertEqual(x, y, accuracy: accuracy, file: file, line: line) }
}
