import Foundation
import Pipeline
import Stages

// The actions over finished runs: runs, report, predict, gc. Each reads only run.json files and the
// cache entries they name (RunStore, EntryFiles), and prints what it did to stdout.
extension Actions {
    static func listRuns(_ request: RunsListRequest) throws {
        let (records, unreadable) = RunStore(root: request.runsDirectory).scan()
        guard !records.isEmpty || !unreadable.isEmpty else {
            print("no runs recorded in \(request.runsDirectory.path); 'pipeline run SPEC' makes one")
            return
        }
        print(RunsTable.render(records), terminator: "")
        for run in unreadable {
            FileHandle.standardError.write(Data("warning: run folder \(run.id) has no readable record: \(run.reason)\n".utf8))
        }
    }

    static func report(_ request: ReportRequest) throws {
        let store = RunStore(root: request.runsDirectory)
        let (records, baselineID) = try RunSelection.select(ids: request.runIDs, spec: request.spec, sweep: request.sweep,
                                                            baseline: request.baseline, store: store)
        let evidence = try records.map { try RunEvidence.load($0, runsRoot: request.runsDirectory) }
        if evidence.count == 1 {
            let folder = request.outputDirectory ?? store.directory(for: evidence[0].record.id)
            let files = try ReportFiles.writeRun(evidence[0].summary, to: folder)
            print(files[0].path)
            return
        }
        let title = request.sweep.map { "Sweep \($0)" } ?? "Comparison of \(evidence.count) runs"
        let result = try ComparisonBuilder.build(evidence, baselineID: baselineID, title: title)
        for check in result.reproductions {
            let verdict = check.bitForBit ? "identical model and metrics"
                : "differ (model \(check.identicalModel ? "identical" : "differs"), metrics \(check.identicalMetrics ? "identical" : "differ"))"
            print("reproduced bit for bit: \(check.bitForBit ? "yes" : "no"): \(check.runID) vs \(check.otherID) "
                  + "share parameters and data; \(verdict)")
        }
        let folder = request.outputDirectory ?? defaultReportFolder(request.runsDirectory, ids: records.map(\.id))
        let files = try ReportFiles.writeComparison(result.comparison, to: folder)
        print(files[0].path)
    }

    /// runs/reports/<yyyyMMdd-HHmmss>-<8 hex of the run ids>/: sortable, and two reports made in the
    /// same second over different runs do not collide.
    static func defaultReportFolder(_ runs: URL, ids: [String]) -> URL {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        let hex = ContentHash.sha256Hex(ids.joined(separator: "\n")).prefix(8)
        return runs.appendingPathComponent("reports", isDirectory: true)
            .appendingPathComponent("\(formatter.string(from: Date()))-\(hex)", isDirectory: true)
    }

    static func predict(_ request: PredictRequest) throws {
        let run = try TrainedRun.load(request.model, runsRoot: request.runsDirectory)
        let segmenter = run.segmenter(largestComponents: request.largestComponents, fillHoles: request.fillHoles,
                                      flipTTA: request.augmentation.map { $0 == .flip })
        let predictor = Predictor(segmenter: segmenter, preprocessor: run.preprocessor)
        print("model of run \(run.record.id): threshold \(segmenter.threshold), largest components "
              + "\(segmenter.largestComponents == 0 ? "all" : String(segmenter.largestComponents)), fill holes "
              + "\(segmenter.fillHoles ? "yes" : "no"), TTA \(segmenter.flipTTA ? "flip" : "none")")
        let volumeInputs = request.inputs.filter(Predictor.isVolume), sliceInputs = request.inputs.filter { !Predictor.isVolume($0) }
        let out = request.outputDirectory
        if !sliceInputs.isEmpty {
            let slices = try predictor.predict(inputs: sliceInputs, outputDirectory: out,
                                               pixelSpacing: request.pixelSpacingMillimetres) { slice in
                let area = slice.lungAreaSquareMillimetres.map { String(format: ", %.1f mm²", $0) } ?? ""
                print("\(slice.mask)  \(slice.lungPixels) lung pixels\(area)")
            }
            print("\(slices.count) masks, overlays in \(out.appendingPathComponent(Predictor.overlayFolder).path), "
                  + "areas in \(out.appendingPathComponent(Predictor.areaFileName).path)")
        }
        if !volumeInputs.isEmpty {
            let volumes = try predictor.predictVolumes(inputs: volumeInputs, outputDirectory: out) { v in
                print("\(v.mask)  \(v.nz) slices, lungs \(String(format: "%.1f", v.lungs.totalMillilitres)) mL")
            }
            print("\(volumes.count) volume masks, overlays in \(out.appendingPathComponent(Predictor.overlayFolder).path), "
                  + "volumes in \(out.appendingPathComponent(Predictor.volumeFileName).path)")
        }
    }

    static func collectGarbage(_ request: GCRequest) throws {
        let (entries, inUse, kept) = try CacheCollection.collect(runsRoot: request.runsDirectory, dryRun: request.dryRun)
        print(CacheCollection.render(entries, inUse: inUse, kept: kept, dryRun: request.dryRun), terminator: "")
    }

    /// `pipeline check`: problems and repairs, one line each; throws (exit 1) while any is left.
    static func check(_ request: CheckRequest) throws {
        let result = try RunsFolderCheck.run(runsRoot: request.runsDirectory, repair: request.repair)
        print(result.text, terminator: "")
        guard result.isClean else { throw CheckFailed(count: result.problems.count) }
    }
}

/// `pipeline check` found problems (listed above); the one line the CLI ends with.
struct CheckFailed: Error, CustomStringConvertible {
    var count: Int
    var description: String { "\(count) problem\(count == 1 ? "" : "s") in the runs folder (see the lines above)" }
}
