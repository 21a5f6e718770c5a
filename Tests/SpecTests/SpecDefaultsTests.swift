import JSON
import XCTest
@testable import Spec

final class SpecDefaultsTests: XCTestCase {
    func testAPhantomDataSectionAloneIsAFullSpecWithEveryDefault() throws {
        let spec = try single(phantomData)
        XCTAssertEqual(spec.name, "exp", "name defaults to the file stem")
        XCTAssertEqual(spec.memberName, "exp")
        XCTAssertEqual(spec.sourceFile, testFile)
        XCTAssertEqual(spec.seed, 0)
        XCTAssertEqual(spec.data, .phantom(PhantomData(count: 10, size: 32, seed: 0)))
        XCTAssertEqual(spec.intensity, .window(lo: -1000, hi: 400))
        XCTAssertEqual(spec.resize, ResizeSpec(height: 256, width: 256))
        XCTAssertEqual(spec.split, .fraction(validation: 0.2))
        XCTAssertFalse(spec.augment.isEnabled, "augmentation defaults to none")
        XCTAssertEqual(spec.model, ModelSpec(width: 16, depth: 4, batchNorm: false))
        XCTAssertEqual(spec.train, TrainSpec(loss: .bceDice, lr: 0.001, schedule: .constant, weightDecay: 0,
                                             batch: 16, epochs: 30, beta1: 0.9, beta2: 0.999, eps: 1e-8))
        XCTAssertEqual(spec.evaluate, EvaluateSpec(threshold: 0.5, largestComponents: 0, fillHoles: false, tta: .none))
        XCTAssertEqual(spec.sweepValues, [:])
    }

    func testValuesHoldEveryResolvedFieldByDottedPath() throws {
        let values = try single(phantomData).values
        XCTAssertEqual(values["train.lr"], .double(0.001))
        XCTAssertEqual(values["train.loss"], .string("bce+dice"))
        XCTAssertEqual(values["resize"], .list([.int(256), .int(256)]))
        XCTAssertEqual(values["intensity.window"], .list([.double(-1000), .double(400)]))
        XCTAssertEqual(values["evaluate.postprocess.fill_holes"], .bool(false))
        XCTAssertNil(values["train.gamma"], "gamma applies only to schedule: step")
        XCTAssertNil(values["name"], "labels do not change results")
        XCTAssertEqual(values["data.on_suspect_mask"], .string("warn"))
        XCTAssertEqual(values["data.mask_check.max_outside_body"], .double(0.05))
        XCTAssertEqual(values["data.mask_check.min_pairs_for_scores"], .int(8))
        XCTAssertEqual(values.count, 36)
    }

    func testEveryValuePathIsASweepableField() throws {
        let phantom = try single(phantomData).values.keys
        let folders = try single("data: {images: ., masks: ..}\ntrain: {schedule: step}\n", file: "/tmp/x.yaml").values.keys
        let schema = Set(SpecSchema.fieldPaths)
        XCTAssertEqual(Set(phantom).union(folders).subtracting(schema), [])
    }

    func testFieldsSelectWholePathComponentsInSortedOrder() throws {
        let spec = try single(phantomData)
        XCTAssertEqual(spec.fields("model").map(\.path), ["model.batch_norm", "model.depth", "model.width"])
        XCTAssertEqual(spec.fields("model.width", "seed").map(\.value), [.int(16), .int(0)])
        XCTAssertEqual(spec.fields().count, spec.values.count)
        // A section encodes as its YAML field names, the form stage keys hash.
        XCTAssertEqual(try JSONValueEncoder().encode(spec.model).canonicalString(), #"{"batch_norm":false,"depth":4,"width":16}"#)
        XCTAssertEqual(try JSONValueEncoder().encode(spec.augment).canonicalString(),
                       #"{"flip_horizontal":0.0,"flip_vertical":0.0,"probability":1.0,"rotation":0.0,"zoom":[1.0,1.0]}"#)
    }

    func testStepScheduleDefaultsAndExplicitSplit() throws {
        let spec = try single(phantomData + """
            train: {schedule: step, gamma: 0.5}
            split: {validation_ids: [ID_0001, ID_0002]}
            resize: [64, 96]
            intensity: {scale: 255}
            """)
        XCTAssertEqual(spec.train.schedule, .step(stepSize: 10, gamma: 0.5))
        XCTAssertEqual(spec.split, .explicit(train: [], validation: ["ID_0001", "ID_0002"]))
        XCTAssertEqual(spec.resize, ResizeSpec(height: 64, width: 96))
        XCTAssertEqual(spec.intensity, .scale(255))
    }

    func testRelativeFoldersAndGlobsResolveAgainstTheSpecFilesFolder() throws {
        let folder = NSTemporaryDirectory() + "spec-paths-\(getpid())"
        try FileManager.default.createDirectory(atPath: folder + "/study/imgs", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: folder + "/study/masks", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let spec = try single("data: {images: ../study/./imgs/*.tif, masks: ../study/masks, match: stem}\n",
                              file: folder + "/experiments/x.yaml")
        guard case .folders(let data) = spec.data else { return XCTFail("expected folders") }
        XCTAssertEqual(data.images.folder, normalize(folder + "/study/imgs"))
        XCTAssertEqual(data.images.pattern, "*.tif")
        XCTAssertEqual(data.images.resolved, normalize(folder + "/study/imgs/*.tif"))
        XCTAssertTrue(data.images.matches(fileName: "ID_0001.tif"))
        XCTAssertFalse(data.images.matches(fileName: "ID_0001.png"))
        XCTAssertNil(data.masks.pattern)
        XCTAssertEqual(data.match, .stem)
        XCTAssertEqual(data.onBadPair, .drop)
    }
}
