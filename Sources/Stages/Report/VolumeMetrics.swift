import Metrics

/// The per-volume scores of one run and their summaries (means over validation volumes), computed once
/// by the report stage and stored in `summary.json` beside the slice metrics; absent for 2D data.
public struct VolumeMetrics: Codable, Equatable, Sendable {
    /// Which slices the volume numbers cover (see `VolumeEvaluation.coverage`).
    public var coverage: String
    public var volumes: [VolumeScore]
    public var dice: SummaryStatistics
    /// |predicted − reference| lung volume, mL.
    public var absoluteDifferenceMillilitres: SummaryStatistics
    /// nil when HD95 is undefined for every volume.
    public var hd95Millimetres: SummaryStatistics?

    public init(_ evaluation: VolumeEvaluation) throws {
        guard !evaluation.volumes.isEmpty else { throw StageError.noEvaluatedCases }
        coverage = evaluation.coverage
        volumes = evaluation.volumes
        dice = try SummaryStatistics(volumes.map(\.dice))
        absoluteDifferenceMillilitres = try SummaryStatistics(volumes.map { abs($0.differenceMillilitres) })
        let hd95 = volumes.map(\.hd95Millimetres)
        hd95Millimetres = hd95.contains { $0 != nil } ? try SummaryStatistics(hd95) : nil
    }

    enum CodingKeys: String, CodingKey {
        case coverage, volumes, dice, absoluteDifferenceMillilitres = "abs_difference_ml", hd95Millimetres = "hd95_mm"
    }
}

/// The per-volume sections of the run report and the comparison, labelled apart from the slice metrics.
enum VolumeSections {
    static let header = ["Volume", "Slices", "Dice", "Predicted (mL)", "Reference (mL)", "Δ (mL)", "HD95 (mm)"]

    static func rows(_ v: VolumeMetrics) -> [[String]] {
        v.volumes.map { s in
            [s.volume, "\(s.slices)", NumberText.fixed(s.dice), NumberText.fixed(s.predictedMillilitres, 1),
             NumberText.fixed(s.referenceMillilitres, 1), NumberText.fixed(s.differenceMillilitres, 1),
             NumberText.fixed(s.hd95Millimetres, 2)]
        }
    }

    static func note(_ v: VolumeMetrics) -> String {
        "Per volume (3D): Dice over all voxels of the evaluated slices, lung volumes from the header's voxel spacing, "
            + "HD95 in mm (spacing-aware). They cover \(v.coverage). Mean volume Dice \(NumberText.fixed(v.dice.mean)), "
            + "mean |Δ| \(NumberText.fixed(v.absoluteDifferenceMillilitres.mean, 1)) mL."
    }

    static func html(_ v: VolumeMetrics?) -> String {
        guard let v else { return "" }
        let cells = rows(v).map { row in [TableCell(row[0], "key")] + row.dropFirst().map { TableCell.number($0) } }
        return "<h2>Per-volume metrics (3D)</h2>" + HTML.table(header: [TableCell("Volume")] + header.dropFirst().map { .number($0) },
                                                              rows: cells)
            + "<p class=\"note\">\(HTML.escape(note(v)))</p>"
    }

    static func markdown(_ v: VolumeMetrics?) -> [String] {
        guard let v else { return [] }
        return ["", "## Per-volume metrics (3D)", ""] + Markdown.table(header: header, rows: rows(v), rightAligned: [1, 2, 3, 4, 5, 6])
            + ["", note(v)]
    }

    /// One row per run that has volume metrics; empty when none has.
    static func comparisonRows(_ runs: [RunSummary]) -> [[String]] {
        runs.compactMap { run in
            run.volumes.map { v in
                [run.name, "\(v.volumes.count)", NumberText.fixed(v.dice.mean), NumberText.fixed(v.absoluteDifferenceMillilitres.mean, 1),
                 NumberText.fixed(v.hd95Millimetres?.mean, 2)]
            }
        }
    }

    static let comparisonHeader = ["Run", "Volumes", "Mean volume Dice", "Mean |Δ| (mL)", "Mean HD95 (mm)"]

    static func comparisonHTML(_ runs: [RunSummary]) -> String {
        let rows = comparisonRows(runs)
        guard !rows.isEmpty else { return "" }
        return "<h2>Per-volume metrics (3D)</h2>" + HTML.table(
            header: [TableCell("Run")] + comparisonHeader.dropFirst().map { .number($0) },
            rows: rows.map { [TableCell($0[0])] + $0.dropFirst().map { TableCell.number($0) } })
            + "<p class=\"note\">Means over each run's validation volumes, over the slices its data.slices chose.</p>"
    }

    static func comparisonMarkdown(_ runs: [RunSummary]) -> [String] {
        let rows = comparisonRows(runs)
        guard !rows.isEmpty else { return [] }
        return ["", "## Per-volume metrics (3D)", ""] + Markdown.table(header: comparisonHeader, rows: rows, rightAligned: [1, 2, 3, 4])
    }
}
