import Metrics
import XCTest
@testable import Stages

final class ReportMetricsFilesTests: XCTestCase {
    private func tinyRun() -> RunSummary {
        let summary = stats(mean: 0.75, sd: 0.25, median: 0.75, count: 2)
        var metrics = try! RunMetrics(cases: [
            CaseScore(caseID: "ID_0001", dice: 1, iou: 1, precision: 1, recall: 1, hd95Pixels: 0, tp: 1, fp: 0, fn: 0, tn: 5),
            CaseScore(caseID: "odd,name", dice: 0.5, iou: 1.0 / 3, precision: 0.25, recall: 0.75, hd95Pixels: nil,
                      tp: 2, fp: 1, fn: 2, tn: 5),
        ])
        (metrics.dice, metrics.iou, metrics.precision, metrics.recall, metrics.hd95Pixels) = (summary, summary, summary, summary, nil)
        metrics.confusion = ConfusionCounts(tp: 3, fp: 1, fn: 2, tn: 10)
        return RunSummary(
            runID: "r1", name: "tiny \"run\"", parameters: [],
            metrics: metrics,
            curve: [], provenance: Provenance(specText: "", stageKeys: [], dataManifestHash: "", toolVersion: "0.1.0",
                                              gitCommit: nil, machine: "m"),
            overlays: [])
    }

    func testCSVHasOneRowPerCaseWithFixedDecimalsAndQuotedFields() {
        XCTAssertEqual(MetricsFiles.csv(for: tinyRun()), """
        case,dice,iou,precision,recall,hd95_px
        ID_0001,1.000000,1.000000,1.000000,1.000000,0.000000
        "odd,name",0.500000,0.333333,0.250000,0.750000,

        """)
    }

    func testJSONHasFixedKeyOrderAndNullForUndefinedValues() {
        let s = #"{"mean": 0.750000, "sd": 0.250000, "median": 0.750000, "n": 2}"#
        XCTAssertEqual(MetricsFiles.json(for: tinyRun()), """
        {
          "run": "r1",
          "name": "tiny \\"run\\"",
          "aggregate": {
            "dice": \(s),
            "iou": \(s),
            "precision": \(s),
            "recall": \(s),
            "hd95_px": null
          },
          "confusion": {"tp": 3, "fp": 1, "fn": 2, "tn": 10},
          "cases": [
            {"case": "ID_0001", "dice": 1.000000, "iou": 1.000000, "precision": 1.000000, "recall": 1.000000, "hd95_px": 0.000000},
            {"case": "odd,name", "dice": 0.500000, "iou": 0.333333, "precision": 0.250000, "recall": 0.750000, "hd95_px": null}
          ]
        }

        """)
    }

    func testJSONIsValidAndNaNBecomesNull() throws {
        var run = tinyRun()
        run.metrics.cases[0].dice = .nan
        let text = MetricsFiles.json(for: run)
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        let cases = object?["cases"] as? [[String: Any]]
        XCTAssertTrue(cases?[0]["dice"] is NSNull)
        XCTAssertEqual(MetricsFiles.string("a\u{1}\t"), #""a\u0001\t""#)
    }

    func testWritesTheFourRunFilesIntoAFolder() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("report-files-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let urls = try ReportFiles.writeRun(tinyRun(), to: folder)
        XCTAssertEqual(urls.map(\.lastPathComponent), ["report.html", "report.md", "metrics.json", "metrics.csv"])
        XCTAssertEqual(try String(contentsOf: urls[3], encoding: .utf8), MetricsFiles.csv(for: tinyRun()))
    }
}
