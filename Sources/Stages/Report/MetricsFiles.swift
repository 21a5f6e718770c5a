import Foundation
import JSON
import Metrics

/// `metrics.json` and `metrics.csv` for one run. Formatting is fixed (keys in a set order,
/// six decimals, `\n` line ends) so the same run always produces the same bytes and files diff
/// cleanly between runs.
public enum MetricsFiles {
    public static let decimals = 6

    public static func json(for run: RunSummary) -> String {
        let m = run.metrics
        var aggregate = [
            "    \"dice\": \(summaryJSON(m.dice))",
            "    \"iou\": \(summaryJSON(m.iou))",
            "    \"precision\": \(summaryJSON(m.precision))",
            "    \"recall\": \(summaryJSON(m.recall))",
        ]
        aggregate.append("    \"hd95_px\": " + (m.hd95Pixels.map(summaryJSON) ?? "null"))
        // Only when an evaluated case was flagged by validate's mask check, so other runs keep their bytes.
        if let without = m.withoutFlagged { aggregate.append("    \"dice_without_flagged\": \(summaryJSON(without))") }
        let c = m.confusion
        let confusion = "{\"tp\": \(c.tp), \"fp\": \(c.fp), \"fn\": \(c.fn), \"tn\": \(c.tn)}"
        let cases = m.cases.map { item in
            "    {\"case\": \(string(item.caseID)), \"dice\": \(number(item.dice)), \"iou\": \(number(item.iou)), "
                + "\"precision\": \(number(item.precision)), \"recall\": \(number(item.recall)), "
                + "\"hd95_px\": \(number(item.hd95Pixels))}"
        }
        return """
        {
          "run": \(string(run.runID)),
          "name": \(string(run.name)),
          "aggregate": {
        \(aggregate.joined(separator: ",\n"))
          },
          "confusion": \(confusion),
          "cases": [
        \(cases.joined(separator: ",\n"))
          ]\(volumesJSON(run.volumes))
        }

        """
    }

    /// `,\n  "volumes": [...]` for runs on volume data (per-volume 3D scores); nothing otherwise.
    static func volumesJSON(_ volumes: VolumeMetrics?) -> String {
        guard let volumes else { return "" }
        let rows = volumes.volumes.map { v in
            "    {\"volume\": \(string(v.volume)), \"slices\": \(v.slices), \"dice\": \(number(v.dice)), "
                + "\"predicted_ml\": \(number(v.predictedMillilitres)), \"reference_ml\": \(number(v.referenceMillilitres)), "
                + "\"difference_ml\": \(number(v.differenceMillilitres)), \"hd95_mm\": \(number(v.hd95Millimetres))}"
        }
        return ",\n  \"volume_coverage\": \(string(volumes.coverage)),\n  \"volumes\": [\n" + rows.joined(separator: ",\n") + "\n  ]"
    }

    /// One row per case: `case,dice,iou,precision,recall,hd95_px`; HD95 empty when undefined.
    public static func csv(for run: RunSummary) -> String {
        var lines = ["case,dice,iou,precision,recall,hd95_px"]
        for item in run.metrics.cases {
            let fields = [csvField(item.caseID), fixed(item.dice), fixed(item.iou), fixed(item.precision),
                          fixed(item.recall), item.hd95Pixels.map(fixed) ?? ""]
            lines.append(fields.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func summaryJSON(_ s: SummaryStatistics) -> String {
        "{\"mean\": \(number(s.mean)), \"sd\": \(number(s.standardDeviation)), \"median\": \(number(s.median)), \"n\": \(s.count)}"
    }

    /// Six decimals; non-finite values and nil become `null`, never a silently wrong number.
    static func number(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "null" }
        return fixed(value)
    }

    static func fixed(_ value: Double) -> String {
        value.isFinite ? String(format: "%.\(decimals)f", value) : (value.isNaN ? "NaN" : value > 0 ? "inf" : "-inf")
    }

    /// A JSON string literal with the escapes RFC 8259 requires.
    static func string(_ text: String) -> String { JSONValue.quoted(text) }

    /// RFC 4180: quote a field holding a comma, quote or line break, doubling inner quotes.
    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
