import Foundation
import XCTest
@testable import Pipeline

/// A fresh runs/ folder per test, removed afterwards.
func makeRunsFolder(_ name: String = #function) throws -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("pipeline-tests-\(UUID().uuidString)")
        .appendingPathComponent("runs")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

func removeRunsFolder(_ url: URL) {
    try? FileManager.default.removeItem(at: url.deletingLastPathComponent())
}

/// Counts stage executions across threads, by stage id.
final class RunCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var counts: [String: Int] = [:]
    func tick(_ id: String) { lock.lock(); counts[id, default: 0] += 1; lock.unlock() }
    subscript(id: String) -> Int { lock.lock(); defer { lock.unlock() }; return counts[id] ?? 0 }
    var total: Int { lock.lock(); defer { lock.unlock() }; return counts.values.reduce(0, +) }
}

struct StageFailedOnPurpose: Error, Equatable {}

/// A three-stage chain like the real one (preprocess → train → evaluate), each writing one file whose
/// content depends on its params and on its input's content, so wrong wiring shows up in the bytes.
func chain(lr: Double = 0.001, size: Int = 256, epochs: Int = 3, dataHash: String = "d0",
           trainCode: Int = 1, counter: RunCounter, failing: Set<String> = []) -> [StageNode] {
    func body(_ id: String) -> (StageContext) throws -> Void {
        return { context in
            counter.tick(id)
            if failing.contains(id) { throw StageFailedOnPurpose() }
            var text = "\(id) \(context.key)\n"
            for (name, dir) in context.inputDirectories.sorted(by: { $0.key < $1.key }) {
                text += try String(contentsOf: dir.appendingPathComponent("out.txt"), encoding: .utf8) + " via \(name)\n"
            }
            try text.write(to: context.outputDirectory.appendingPathComponent("out.txt"), atomically: false, encoding: .utf8)
        }
    }
    return [
        StageNode(id: "preprocess", stage: "preprocess", codeVersion: 1,
                  params: ["preprocess.size": .int(size)], inputs: ["data/ID_0001.tif": .content(hash: dataHash)],
                  run: body("preprocess")),
        StageNode(id: "train", stage: "train", codeVersion: trainCode,
                  params: ["train.lr": .double(lr), "train.epochs": .int(epochs)],
                  inputs: ["preprocess": .node("preprocess")], run: body("train")),
        StageNode(id: "evaluate", stage: "evaluate", codeVersion: 1,
                  inputs: ["train": .node("train"), "preprocess": .node("preprocess")], run: body("evaluate")),
    ]
}

func graph(_ members: [String: [StageNode]]) throws -> PipelineGraph {
    var graph = PipelineGraph()
    for (member, nodes) in members.sorted(by: { $0.key < $1.key }) { try graph.add(member: member, nodes: nodes) }
    return graph
}

extension Plan {
    func item(_ stage: String) -> PlanItem? { items.first { $0.stage == stage } }
}
