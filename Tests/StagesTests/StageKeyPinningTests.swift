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
            "a3bc4e3e3f13923cd49bbb02197001df9d6b95b4d6f35ede96246b85a99b0abc",  // validate
            "68a117c5c72b03d6878d41857bfb65299e260d66223641866dbf6cea445673d1",  // preprocess
            "4898a9499e64ad6bcaf66bac8dda1e9cad61a6f5b7373513256a46662f1a75bf",  // train
            "3796d8195dc8a24c052e13cbf29c586896e19be636ba26970679c88b7357828a",  // evaluate
            "b484c02d4814ef711395ab6278bf315412e1d227ebf2255996e6196ff029b0a8",  // report (code version 2: no run facts cached)
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
            "9efdf4590f63eb824a51ad9a44b48a56b7017376e4ef4a4996fc91fa282bc6ab",  // validate
            "eb0cd85579fb3573706fc02655f93bd8b6c1eac70da71b1bfaf4e7067ad4cf74",  // preprocess
            "f2a079940a3cb8cfdd596f242966bb8008caa5d14d9f6508905c0e633b81f2d9",  // train
            "2a32949a154840bbdea7857a71b3c3fa3410b6727c87ffef9bfaf06b75e97980",  // evaluate
            "81a5600452a9cea0ed2443deba9db572d3150073ac683812842871c3873bdc06",  // report (code version 2: no run facts cached)
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
