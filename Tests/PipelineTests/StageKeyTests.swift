import JSON
import XCTest
@testable import Pipeline

final class StageKeyTests: XCTestCase {
    /// The key layout is a contract with every runs/ folder on disk: changing it silently orphans all
    /// cached entries. The literal was computed independently (Python hashlib over the same string).
    func testPinnedKeyForAFixedDescription() throws {
        let key = StageKey(stage: "train", codeVersion: 2,
                           params: ["train.lr": 0.0003, "train.epochs": 40], inputs: ["preprocess": "abc123"])
        XCTAssertEqual(try key.description.canonicalString(),
                       #"{"code_version":2,"inputs":{"preprocess":"abc123"},"params":{"train.epochs":40,"train.lr":0.0003},"stage":"train"}"#)
        XCTAssertEqual(try key.hex(), "eb990d5c90fbb6b0663e3ba3258584a28e10f9b4659346886029e3b28115a703")
    }

    func testEveryHashedFieldChangesTheKey() throws {
        let base = StageKey(stage: "train", codeVersion: 1, params: ["train.lr": 0.001], inputs: ["data": "h1"])
        let variants = [
            StageKey(stage: "evaluate", codeVersion: 1, params: ["train.lr": 0.001], inputs: ["data": "h1"]),
            StageKey(stage: "train", codeVersion: 2, params: ["train.lr": 0.001], inputs: ["data": "h1"]),
            StageKey(stage: "train", codeVersion: 1, params: ["train.lr": 0.0003], inputs: ["data": "h1"]),
            StageKey(stage: "train", codeVersion: 1, params: ["train.lr": 0.001], inputs: ["data": "h2"]),
            StageKey(stage: "train", codeVersion: 1, params: ["train.lr": 0.001], inputs: ["masks": "h1"]),
        ]
        let keys = try Set(([base] + variants).map { try $0.hex() })
        XCTAssertEqual(keys.count, 6)
    }

    func testUpstreamChangePropagatesAndUnrelatedParamDoesNot() throws {
        let counter = RunCounter()
        let base = try graph(["m": chain(counter: counter)])
        let otherSize = try graph(["m": chain(size: 512, counter: counter)])
        let otherLR = try graph(["m": chain(lr: 0.0003, counter: counter)])
        func key(_ g: PipelineGraph, _ node: String) -> String? { g.key(member: "m", node: node) }
        // preprocess.size is read by preprocess only, but train and evaluate consume its output.
        for node in ["preprocess", "train", "evaluate"] { XCTAssertNotEqual(key(base, node), key(otherSize, node), node) }
        // train.lr is not read by preprocess: its key must not move.
        XCTAssertEqual(key(base, "preprocess"), key(otherLR, "preprocess"))
        XCTAssertNotEqual(key(base, "train"), key(otherLR, "train"))
        XCTAssertNotEqual(key(base, "evaluate"), key(otherLR, "evaluate"))
    }

    func testGraphErrorsNameTheMemberAndStage() throws {
        let run: (StageContext) throws -> Void = { _ in }
        var g = PipelineGraph()
        XCTAssertThrowsError(try g.add(member: "m", nodes: [
            StageNode(id: "train", stage: "train", codeVersion: 1, inputs: ["p": .node("prep")], run: run),
        ])) { XCTAssertEqual($0 as? GraphError, .unknownDependency(member: "m", node: "train", dependency: "prep")) }
        XCTAssertThrowsError(try g.add(member: "m", nodes: [
            StageNode(id: "a", stage: "a", codeVersion: 1, inputs: ["b": .node("b")], run: run),
            StageNode(id: "b", stage: "b", codeVersion: 1, inputs: ["a": .node("a")], run: run),
        ])) { XCTAssertEqual($0 as? GraphError, .cycle(member: "m", path: ["a", "b", "a"])) }
        XCTAssertThrowsError(try g.add(member: "m", nodes: [
            StageNode(id: "a", stage: "a", codeVersion: 1, run: run), StageNode(id: "a", stage: "b", codeVersion: 1, run: run),
        ])) { XCTAssertEqual($0 as? GraphError, .duplicateNode(member: "m", id: "a")) }
    }

    func testMembersSharingPreprocessResolveToOneStage() throws {
        let counter = RunCounter()
        let g = try graph(["lr-0.001": chain(lr: 0.001, counter: counter), "lr-0.0003": chain(lr: 0.0003, counter: counter)])
        XCTAssertEqual(g.stages.count, 5, "one preprocess, two trains, two evaluates")
        let preprocess = try XCTUnwrap(g.stages.first { $0.stage == "preprocess" })
        XCTAssertEqual(Set(preprocess.uses.map(\.member)), ["lr-0.001", "lr-0.0003"])
        XCTAssertEqual(g.key(member: "lr-0.001", node: "preprocess"), g.key(member: "lr-0.0003", node: "preprocess"))
        // Topological: every dependency sits before its dependent.
        for (position, stage) in g.stages.enumerated() {
            for key in stage.dependencies.values {
                XCTAssertLessThan(try XCTUnwrap(g.stages.firstIndex { $0.key == key }), position)
            }
        }
    }
}
