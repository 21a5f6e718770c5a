import Foundation
import Pipeline

/// Writes report files into a folder, each via a temporary file renamed into place so a
/// reader never sees half a report.
public enum ReportFiles {
    /// Writes `report.html`, `report.md`, `metrics.json` and `metrics.csv`; returns their URLs.
    @discardableResult
    public static func writeRun(_ run: RunSummary, to directory: URL) throws -> [URL] {
        try write([("report.html", RunReport.html(for: run)), ("report.md", RunReport.markdown(for: run)),
                   ("metrics.json", MetricsFiles.json(for: run)), ("metrics.csv", MetricsFiles.csv(for: run))],
                  to: directory)
    }

    /// Writes `comparison.html` and `comparison.md`; returns their URLs.
    @discardableResult
    public static func writeComparison(_ comparison: Comparison, to directory: URL) throws -> [URL] {
        try write([("comparison.html", ComparisonReport.html(for: comparison)),
                   ("comparison.md", ComparisonReport.markdown(for: comparison))], to: directory)
    }

    private static func write(_ files: [(name: String, text: String)], to directory: URL) throws -> [URL] {
        try FileIO.createDirectory(directory)
        return try files.map { file in
            let target = directory.appendingPathComponent(file.name)
            try FileIO.writeAtomically(file.text, to: target)
            return target
        }
    }
}
