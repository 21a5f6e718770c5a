import Foundation
import XCTest
@testable import Stages

/// Every stage's key for fixed specs, pinned: a key changes only when the key layout, a stage's code
/// version or the fields it reads change. Refactoring how stages get their parameters must keep these.
final class StageKeyPinningTests: XCTestCase {
    func keys(_ experiment: Experiment) -> [String] {
        Experiment.stageNames.map { experiment.key(member: experiment.members[0], stage: $0) ?? "none" }
    }

    func write(_ yaml: String, in sandbox: ExperimentSandbox) throws {
        try yaml.write(toFile: sandbox.specPath, atomically: true, encoding: .utf8)
    }

    func testKeysOfAPhantomSpecWithEveryTrainingFieldArePinned() throws {
        let sandbox = try ExperimentSandbox()
        try write("""
        name: pinned
        seed: 3
        data:
          phantom: {count: 8, size: 32, seed: 1}
        intensity:
          window: [-1000, 400]
        resize: 32
        split:
          validation: 0.25
        augment:
          flip_horizontal: 0.5
          rotation: 10
          zoom: [0.9, 1.1]
        model: {width: 4, depth: 2, batch_norm: true}
        train:
          loss: bce+dice
          lr: 3e-3
          schedule: step
          step_size: 2
          gamma: 0.5
          weight_decay: 1e-4
          batch: 4
          epochs: 2
        evaluate:
          threshold: 0.4
          tta: flip
          postprocess: {largest_components: 2, fill_holes: true}
        """, in: sandbox)
        XCTAssertEqual(keys(try sandbox.experiment()), [
            "a0c4fab93f8f34143f3a26ef359965005359c7d9b558e54aaa95a766569cc026",  // ingest
            "f5f3dc93f0be180093c422ff6dc98f82eb91b99ee5b619c8809a41ea78d09bd2",  // validate (code version 2: mask check)
            "e4ddc6139766d40caf63e1fed5e43ae364a58ce977d2fa2c85b70da3419afc57",  // preprocess
            "3b5c4fac3856952a699ed2b3db19f76c2c9c150fa29898c4ef657b3412799ce6",  // train (code version 2: one-pass batch-norm moments)
            "996feab7193307ee817966d401d760d68c44e53ace39250a48e239b81c671813",  // evaluate
            "8b23cac98f3ad0b21c93603b8301e3eb2321ebd4d1b2e0cc66f20fb44ddc1725",  // report (code version 2: no run facts cached; input validate)
        ])
    }

    func testKeysOfAFolderSpecWithAnExplicitSplitArePinned() throws {
        let sandbox = try ExperimentSandbox(fixedRoot: "/tmp/pipeline-pinned-keys")
        _ = try sandbox.writeFolderData()
        try write("""
        name: pinned-folders
        data:
          images: data/images
          masks: data/masks
          match: stem
          on_bad_pair: fail
        intensity:
          scale: 0.001
        resize: [32, 32]
        split:
          train_ids: [PH_0000, PH_0001, PH_0002, PH_0003, PH_0004, PH_0005]
          validation_ids: [PH_0006, PH_0007]
        model: {width: 4, depth: 2}
        train: {lr: 1e-2, batch: 4, epochs: 1, schedule: cosine}
        """, in: sandbox)
        XCTAssertEqual(keys(try sandbox.experiment()), [
            "c9800f503c02b0f19fd6ba1f458394968ad3e0fb86686a11c6f5a2965487a0ed",  // ingest
            "6b7bca3b4a9a4e53013323fcc0c653a208d47782a5310087733a2c5cfafc86ba",  // validate (code version 2: mask check)
            "8a2cc4ca61b0d132a110f31ffa6564bd67e1e546753c0b22a3538028c9dfa050",  // preprocess
            "80be5c005c680665061e2a035f34ed8b7b5d400ffbb0ad6e951a945895e9311d",  // train (code version 2: one-pass batch-norm moments)
            "c3c47093c886acfc97138e5515abd9d9a2b677f8befa02d245abf8d57a6ec04b",  // evaluate
            "c07321408d8b3baae95a8a969813762f1bce1e8378968e301cec7c43738b84cb",  // report (code version 2: no run facts cached; input validate)
        ])
    }

    func testASeedSweepMemberWhoseSeedIsTheSpecsOwnHasTheSameKeysAsTheSpecAlone() throws {
        let sandbox = try ExperimentSandbox()
        try sandbox.writeSpec()
        let alone = keys(try sandbox.experiment())
        try sandbox.writeSpec(extra: "sweep: {seeds: [0, 1]}")
        let sweep = try sandbox.experiment()
        XCTAssertEqual(Experiment.stageNames.map { sweep.key(member: sweep.members[0], stage: $0) ?? "none" }.prefix(5), alone.prefix(5),
                       "seed 0 of a seed sweep draws the same split and trains the same model as the spec alone")
        XCTAssertEqual(sweep.key(member: sweep.members[1], stage: "preprocess"), alone[2])
        XCTAssertNotEqual(sweep.key(member: sweep.members[1], stage: "train"), alone[3])
    }
}
