import Foundation
import XCTest

/// The built binary under kills and concurrency: a run killed at random moments resumes to the model
/// of an uninterrupted run and leaves a runs folder `pipeline check` finds clean; runs started at once
/// on one runs folder each keep their own record.
final class RobustnessTests: XCTestCase {
    var root: URL!
    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("robust-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: root) }

    func writeSpec(_ name: String, lr: String = "1e-2", epochs: Int = 8) throws -> String {
        let path = root.appendingPathComponent("\(name)-\(lr).yaml").path
        try """
        name: \(name)
        seed: 0
        data:
          phantom: {count: 12, size: 32, seed: 1}
        resize: 32
        split: {validation: 0.25}
        augment: {flip_horizontal: 0.5, rotation: 10}
        model: {width: 4, depth: 2}
        train: {lr: \(lr), batch: 4, epochs: \(epochs)}
        """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func modelHash(runs: URL) throws -> String {
        let records = try FileManager.default.contentsOfDirectory(atPath: runs.path).compactMap { id -> [String: Any]? in
            guard let data = FileManager.default.contents(atPath: runs.appendingPathComponent("\(id)/run.json").path) else { return nil }
            return try JSONSerialization.jsonObject(with: data) as? [String: Any]
        }
        let succeeded = try XCTUnwrap(records.first { $0["status"] as? String == "succeeded" })
        let key = try XCTUnwrap((succeeded["stageKeys"] as? [String: String])?["train"])
        let entry = try XCTUnwrap(FileManager.default.contents(atPath: runs.appendingPathComponent("cache/\(key.prefix(2))/\(key)/entry.json").path))
        let outputs = try XCTUnwrap((try JSONSerialization.jsonObject(with: entry) as? [String: Any])?["outputs"] as? [[String: Any]])
        return try XCTUnwrap(outputs.first { $0["path"] as? String == "model.safetensors" }?["sha256"] as? String)
    }

    func testKillsAtSeededRandomMomentsResumeToTheUninterruptedModelAndLeaveACleanFolder() throws {
        let spec = try writeSpec("killed", epochs: 16)
        let reference = root.appendingPathComponent("reference"), runs = root.appendingPathComponent("runs")
        let started = Date()
        XCTAssertEqual(try BuiltBinary.run(["run", spec, "--quiet", "--runs-dir", reference.path]).exitCode, 0)
        // Kill moments are fractions of an uninterrupted run's time, so they land inside a run on a fast
        // machine and a slow one alike (each killed run resumes where the last one stopped).
        let whole = Date().timeIntervalSince(started)

        var seed: UInt64 = 20_261_201   // a fixed seed, so a failing schedule can be replayed
        var kills = 0
        for _ in 0..<8 {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let delay = whole * (0.03 + Double(seed >> 40) / Double(1 << 24) * 0.3)
            let process = try BuiltBinary.start(["run", spec, "--quiet", "--runs-dir", runs.path])
            Thread.sleep(forTimeInterval: delay)
            if process.isRunning { kill(process.processIdentifier, SIGKILL); kills += 1 }
            process.waitUntilExit()
        }
        XCTAssertGreaterThan(kills, 0, "the schedule killed nothing; lengthen the spec")
        let final = try BuiltBinary.run(["run", spec, "--quiet", "--runs-dir", runs.path])
        XCTAssertEqual(final.exitCode, 0, final.stderr)
        XCTAssertEqual(try modelHash(runs: runs), try modelHash(runs: reference), "resumed training must end with the same weights")

        let repair = try BuiltBinary.run(["check", "--repair", "--runs-dir", runs.path])
        XCTAssertEqual(repair.exitCode, 0, repair.stdout + repair.stderr)
        let check = try BuiltBinary.run(["check", "--runs-dir", runs.path])
        XCTAssertEqual(check.exitCode, 0, check.stdout + check.stderr)
        XCTAssertTrue(check.stdout.contains("clean: "), check.stdout)
        let listed = try BuiltBinary.run(["runs", "--runs-dir", runs.path])
        XCTAssertTrue(listed.stdout.contains("interrupted") || kills == 0, listed.stdout)
    }

    func testRunsStartedAtOnceOnOneFolderEachKeepTheirOwnRecord() throws {
        let same = try writeSpec("together", epochs: 2)
        let sameName = try writeSpec("together", lr: "3e-3", epochs: 2)
        let runs = root.appendingPathComponent("runs")
        let processes = try [same, same, same, sameName].map { try BuiltBinary.start(["run", $0, "--quiet", "--runs-dir", runs.path]) }
        processes.forEach { $0.waitUntilExit() }
        XCTAssertEqual(processes.map(\.terminationStatus), [0, 0, 0, 0])

        let ids = try FileManager.default.contentsOfDirectory(atPath: runs.path).filter { $0.hasPrefix("together-") }
        XCTAssertEqual(ids.count, 4, "\(ids)")
        var trainRuns = 0
        for id in ids {
            let data = try XCTUnwrap(FileManager.default.contents(atPath: runs.appendingPathComponent("\(id)/run.json").path))
            let record = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            XCTAssertEqual(record["status"] as? String, "succeeded", id)
            let log = try String(contentsOf: runs.appendingPathComponent("\(id)/log.txt"))
            if log.contains("train: ran in") { trainRuns += 1 }
        }
        XCTAssertEqual(trainRuns, 2, "each distinct train key is computed once, whoever asked first")
        let gc = try BuiltBinary.run(["gc", "--dry-run", "--runs-dir", runs.path])
        XCTAssertTrue(gc.stdout.contains("nothing to remove"), gc.stdout)
    }
}
