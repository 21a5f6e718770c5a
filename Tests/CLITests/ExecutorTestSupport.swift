import Foundation
import Pipeline
import Stages
import XCTest

/// A temporary folder with small phantom sweep specs and runs folders, for the executor tests.
final class SweepSandbox {
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("executor-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(at: root) }

    func runs(_ name: String) -> URL { root.appendingPathComponent(name, isDirectory: true) }

    /// A two-member sweep over `axis` on 16 phantom slices of 32×32: the whole DAG in seconds.
    func spec(_ name: String, axis: String = "train.lr: [1e-2, 3e-3]", size: Int = 32, count: Int = 16,
              epochs: Int = 3, extra: String = "") throws -> String {
        let text = """
            name: \(name)
            seed: 0
            data:
              phantom: {count: \(count), size: \(size), seed: 0}
            resize: \(size)
            split: {validation: 0.25}
            model: {width: 4, depth: 2}
            train: {batch: 4, epochs: \(epochs)}
            \(extra)
            sweep:
              \(axis)

            """
        let url = root.appendingPathComponent("\(name).yaml")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// Member → stage → key, from the run folders' run.json.
    func stageKeys(_ runs: URL) -> [String: [String: String]] {
        Dictionary(RunStore(root: runs).all().map { ($0.member, $0.stageKeys) }) { _, last in last }
    }

    /// Stage key → the sha256 of every output file its cache entry recorded.
    func outputHashes(_ runs: URL, keys: [String]) throws -> [String: [String: String]] {
        var hashes: [String: [String: String]] = [:]
        for key in keys {
            guard case let .valid(entry) = StageCache(root: runs).inspect(key: key) else {
                XCTFail("no valid cache entry \(key.prefix(12)) in \(runs.path)")
                continue
            }
            hashes[key] = Dictionary(uniqueKeysWithValues: entry.outputs.map { ($0.path, $0.sha256) })
        }
        return hashes
    }

    /// Outputs of every stage but report (which names its run folder and machine): the results. The
    /// training history is compared without each epoch's wall time.
    func resultHashes(_ runs: URL) throws -> [String: [String: String]] {
        let keys = Array(Set(stageKeys(runs).values.flatMap { $0.filter { $0.key != "report" }.map(\.value) }))
        var hashes = try outputHashes(runs, keys: keys)
        for key in keys where hashes[key]?["history.json"] != nil {
            let url = StageCache(root: runs).entryDirectory(forKey: key).appendingPathComponent("history.json")
            var epochs = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [[String: Any]])
            for i in epochs.indices { epochs[i]["seconds"] = nil }
            let data = try JSONSerialization.data(withJSONObject: epochs, options: [.sortedKeys])
            hashes[key]?["history.json"] = ContentHash.sha256Hex(String(decoding: data, as: UTF8.self))
        }
        return hashes
    }

    /// "key12/file" of every output that differs between two runs folders' results, for a short message.
    func differences(_ a: URL, _ b: URL) throws -> [String] {
        let (x, y) = (try resultHashes(a), try resultHashes(b))
        return Set(x.keys).union(y.keys).sorted().flatMap { key in
            Set((x[key] ?? [:]).keys).union((y[key] ?? [:]).keys).sorted().filter { x[key]?[$0] != y[key]?[$0] }.map { "\(key.prefix(12))/\($0)" }
        }
    }
}

/// Lines of `text` that start with `prefix`.
func lines(_ text: String, startingWith prefix: String) -> [String] {
    text.split(separator: "\n").map(String.init).filter { $0.hasPrefix(prefix) }
}
