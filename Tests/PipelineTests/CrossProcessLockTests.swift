import Foundation
import XCTest
@testable import Pipeline

/// The same key requested by this test process and by a child process (this test binary re-run with
/// only `testChildRequestsTheSharedKey` selected) on one runs/ folder: the stage runs exactly once.
final class CrossProcessLockTests: XCTestCase {
    static let runsVariable = "PIPELINE_TEST_SHARED_RUNS"

    /// The stage both processes ask for; it appends one line per execution to runs/executions.
    static func sharedStage(runs: URL) throws -> ResolvedStage {
        var g = PipelineGraph()
        try g.add(member: "m", nodes: [StageNode(id: "train", stage: "train", codeVersion: 1, params: ["train.lr": 0.001]) { context in
            let log = runs.appendingPathComponent("executions")
            let handle = try FileHandle(forWritingTo: log)
            handle.seekToEndOfFile()
            handle.write(Data("pid \(getpid())\n".utf8))
            try handle.close()
            Thread.sleep(forTimeInterval: 0.5)
            try Data("weights".utf8).write(to: context.outputDirectory.appendingPathComponent("model.bin"))
        }])
        return g.stages[0]
    }

    func testTwoProcessesOnOneRunsFolderComputeOnce() throws {
        let runs = try makeRunsFolder()
        defer { removeRunsFolder(runs) }
        try Data().write(to: runs.appendingPathComponent("executions"))
        let child = Process()
        child.executableURL = URL(fileURLWithPath: ProcessInfo.processInfo.arguments[0])
        child.arguments = ["PipelineTests.CrossProcessLockTests/testChildRequestsTheSharedKey"]
        child.environment = ProcessInfo.processInfo.environment.merging([Self.runsVariable: runs.path]) { $1 }
        child.standardOutput = FileHandle.nullDevice
        child.standardError = FileHandle.nullDevice
        try child.run()
        let result = try StageCache(root: runs).produce(try Self.sharedStage(runs: runs), inputDirectories: [:])
        child.waitUntilExit()
        XCTAssertEqual(child.terminationStatus, 0, "the child's produce failed")
        let executions = try String(contentsOf: runs.appendingPathComponent("executions"), encoding: .utf8)
            .split(separator: "\n")
        XCTAssertEqual(executions.count, 1, "stage ran in: \(executions)")
        // The child reports what it got, so this test fails if the child never took part.
        let childResult = try String(contentsOf: runs.appendingPathComponent("child-result"), encoding: .utf8)
        XCTAssertEqual([Self.name(result), childResult].sorted(), ["computed", "hit"])
        XCTAssertEqual(executions.first == "pid \(getpid())", Self.name(result) == "computed")
    }

    /// Runs only inside the child started above; a no-op in a normal test run.
    func testChildRequestsTheSharedKey() throws {
        guard let path = ProcessInfo.processInfo.environment[Self.runsVariable] else { return }
        let runs = URL(fileURLWithPath: path)
        let result = try StageCache(root: runs).produce(try Self.sharedStage(runs: runs), inputDirectories: [:])
        try Data(Self.name(result).utf8).write(to: runs.appendingPathComponent("child-result"))
    }

    static func name(_ result: ProduceResult) -> String {
        switch result { case .hit: return "hit"; case .computed: return "computed" }
    }
}
