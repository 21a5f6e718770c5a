import Foundation
import Imaging
import Pipeline
import XCTest
@testable import Stages

/// `experiments/phantom-volumes.yaml` end to end: phantom NIfTI volumes are trained on, evaluated per
/// volume and reported in mL; the run's model then segments a new phantom volume with `predict`.
final class VolumeRunTests: XCTestCase {
    static let experimentsFolder: String = {
        var parts = "\(#filePath)".split(separator: "/").map(String.init)
        parts.removeLast(3)  // Tests/StagesTests/VolumeRunTests.swift
        return "/" + (parts + ["experiments"]).joined(separator: "/")
    }()

    func testPhantomVolumesTrainEvaluatePerVolumeReportMillilitresAndPredictAVolume() throws {
        let sandbox = try ExperimentSandbox()
        try FileManager.default.copyItem(atPath: VolumeRunTests.experimentsFolder + "/phantom-volumes.yaml", toPath: sandbox.specPath)
        let result = try sandbox.experiment().run()
        XCTAssertTrue(result.succeeded, "\(result.members.map(\.record.failure))")
        let record = result.members[0].record
        let cache = StageCache(root: sandbox.runs)
        func entry(_ stage: String) -> URL { cache.entryDirectory(forKey: record.stageKeys[stage]!) }

        // Split by volume: every validation slice's volume is absent from training.
        let split = try StageFiles.readJSON(TrainingSplit.self, from: entry("train").appendingPathComponent(EntryFiles.split))
        let volumeOf = { (id: String) in String(id.split(separator: "#")[0]) }
        XCTAssertTrue(Set(split.train.map(volumeOf)).isDisjoint(with: split.validation.map(volumeOf)))
        XCTAssertEqual(Set(split.validation.map(volumeOf)).count, 2, "25 % of 8 volumes")

        // Per volume: the reference mL is the phantom's exact lung volume (all its lung slices are selected).
        let volumes = try StageFiles.readJSON(VolumeEvaluation.self, from: entry("evaluate").appendingPathComponent(EntryFiles.volumeMetrics))
        XCTAssertEqual(volumes.volumes.map(\.volume), Set(split.validation.map(volumeOf)).sorted())
        for score in volumes.volumes {
            let index = Int(score.volume.dropFirst(3))!
            let exact = Phantom.volume(seed: 0, index: index, size: 64, slices: 24).lungMillilitres
            XCTAssertEqual(score.referenceMillilitres, exact, accuracy: exact * 1e-9, "\(score.volume): reference mL")
            XCTAssertGreaterThan(score.dice, 0.9, "\(score.volume)")
            XCTAssertEqual(score.differenceMillilitres, score.predictedMillilitres - score.referenceMillilitres)
            XCTAssertNotNil(score.hd95Millimetres)
        }
        let markdown = try String(contentsOf: result.members[0].runDirectory.appendingPathComponent("report.md"), encoding: .utf8)
        XCTAssertTrue(markdown.contains("## Per-volume metrics (3D)") && markdown.contains("Predicted (mL)"), markdown)
        let summary = try StageFiles.readJSON(RunContent.self, from: entry("report").appendingPathComponent(EntryFiles.summary))
        XCTAssertEqual(summary.volumes?.volumes, volumes.volumes)
        let metrics = try String(contentsOf: result.members[0].runDirectory.appendingPathComponent("metrics.json"), encoding: .utf8)
        XCTAssertTrue(metrics.contains("\"volumes\": [") && metrics.contains("\"predicted_ml\""), metrics)
        let evidence = try RunEvidence.load(record, runsRoot: sandbox.runs)
        let comparisonLines = VolumeSections.comparisonMarkdown([evidence.summary])
        XCTAssertTrue(comparisonLines.contains { $0.hasPrefix("| \(record.member) | 2 |") }, "\(comparisonLines)")

        // predict on a phantom volume the model never saw: the mask keeps the scan's header, and the CSV's
        // total is the phantom's exact volume within 2 %.
        let phantom = Phantom.volume(seed: 9, index: 0, size: 64, slices: 24)
        let scan = sandbox.root.appendingPathComponent("new-scan.nii.gz")
        try VolumeWriter.write(phantom.image, to: scan.path, dataType: .int16)
        let run = try TrainedRun.load(record.id, runsRoot: sandbox.runs)
        let out = sandbox.root.appendingPathComponent("predicted")
        let predicted = try Predictor(segmenter: run.segmenter(), preprocessor: run.preprocessor)
            .predictVolumes(inputs: [scan], outputDirectory: out)
        let mask = try VolumeReader.read(path: out.appendingPathComponent("new-scan-mask.nii.gz").path)
        let header = try VolumeReader.readHeader(path: scan.path)
        XCTAssertEqual(mask.geometry.worldAffine, header.geometry.worldAffine, "the mask overlays the scan")
        XCTAssertEqual(mask.geometry, header.geometry)
        XCTAssertEqual([mask.nx, mask.ny, mask.nz], [64, 64, 24])
        let csv = try String(contentsOf: out.appendingPathComponent(Predictor.volumeFileName), encoding: .utf8)
        let row = csv.split(separator: "\n")[1].split(separator: ",", omittingEmptySubsequences: false)
        XCTAssertEqual(row[0], "new-scan.nii.gz")
        let total = try XCTUnwrap(Double(row[3]))
        XCTAssertEqual(total, phantom.lungMillilitres, accuracy: phantom.lungMillilitres * 0.02,
                       "predicted \(total) mL, exact \(phantom.lungMillilitres) mL")
        XCTAssertEqual(Double(row[1])! + Double(row[2])!, total, accuracy: 0.02, "left + right = total")
        XCTAssertEqual(row[6], "24")
        XCTAssertEqual(predicted[0].overlays.count, 3)
        print("predicted volume: left \(row[1]) mL, right \(row[2]) mL, total \(total) mL; exact \(phantom.lungMillilitres) mL "
              + "(left \(phantom.leftLungMillilitres), right \(phantom.rightLungMillilitres))")
    }
}
