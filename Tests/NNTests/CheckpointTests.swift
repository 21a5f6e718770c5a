import XCTest
@testable import NN
import Tensor

// Checkpoints: a round trip restores weights, running statistics and Adam bit for bit (so resumed
// training continues identically), and every kind of damaged or mismatched file is refused with a
// CheckpointError that names the problem.

final class CheckpointTests: XCTestCase {
    private func trainedModel(batchNorm: Bool = true) -> (UNet, Adam) {
        let (images, masks) = ellipseBatch(count: 2, size: 16, seed: 70)
        let model = UNet(width: 2, depth: 2, batchNorm: batchNorm, seed: 71)
        let adam = Adam(for: model, learningRate: 1e-2)
        for _ in 0..<3 { model.trainStep(input: images, target: masks, loss: .bceDice, optimizer: adam) }
        return (model, adam)
    }

    func testRoundTripRestoresModelAndOptimizerAndResumesIdentically() throws {
        let (model, adam) = trainedModel()
        let bytes = model.checkpoint(optimizer: adam, metadata: ["run": "test \"quoted\""])
        let restored = try UNet(checkpoint: bytes)
        XCTAssertEqual(restored.parameters.all, model.parameters.all)
        XCTAssertEqual(restored.buffers.all, model.buffers.all)
        XCTAssertEqual([restored.width, restored.depth], [2, 2])
        XCTAssertTrue(restored.batchNorm)
        let resumed = Adam(for: restored, learningRate: 1e-2)
        try resumed.load(checkpoint: bytes, for: restored)
        XCTAssertEqual(resumed.step, 3)
        // One more step on both gives the same bits.
        let (images, masks) = ellipseBatch(count: 2, size: 16, seed: 70)
        model.trainStep(input: images, target: masks, loss: .bceDice, optimizer: adam)
        restored.trainStep(input: images, target: masks, loss: .bceDice, optimizer: resumed)
        XCTAssertEqual(restored.parameters.all, model.parameters.all)
    }

    func testHeaderFollowsSafetensorsLayout() throws {
        let (model, _) = trainedModel(batchNorm: false)
        let bytes = model.checkpoint()
        let headerLength = Int(bytes[0..<8].enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) })
        XCTAssertEqual(headerLength % 8, 0)
        let header = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(bytes[8..<(8 + headerLength)])) as? [String: Any])
        let entry = try XCTUnwrap(header["down0.conv1.weight"] as? [String: Any])
        XCTAssertEqual(entry["dtype"] as? String, "F32")
        XCTAssertEqual(entry["shape"] as? [Int], [2, 1, 3, 3])
        XCTAssertEqual(entry["data_offsets"] as? [Int], [0, 72])
        XCTAssertEqual((header["__metadata__"] as? [String: String])?["width"], "2")
        XCTAssertEqual(bytes.count, 8 + headerLength + 4 * model.parameterCount)
        // The first float of the data is down0.conv1.weight[0,0,0,0].
        let first = bytes[(8 + headerLength)..<(12 + headerLength)].withUnsafeBytes { $0.loadUnaligned(as: Float.self) }
        XCTAssertEqual(first, model.parameters.values("down0.conv1.weight")[0])
    }

    private func assertRefused(_ bytes: [UInt8], into model: UNet, _ expected: CheckpointError, mentions: String,
                               file: StaticString = #filePath, line: UInt = #line) {
        let before = model.parameters.all
        XCTAssertThrowsError(try model.load(checkpoint: bytes), file: file, line: line) { error in
            XCTAssertEqual(error as? CheckpointError, expected, file: file, line: line)
            XCTAssertTrue("\(error)".contains(mentions), "\(error)", file: file, line: line)
        }
        XCTAssertEqual(model.parameters.all, before, "a refused checkpoint leaves the model untouched", file: file, line: line)
    }

    func testRefusesTruncationAndTrailingBytes() {
        let (model, _) = trainedModel(batchNorm: false)
        let bytes = model.checkpoint()
        assertRefused(Array(bytes.prefix(5)), into: model, .truncated(expectedBytes: 8, foundBytes: 5), mentions: "truncated")
        assertRefused(Array(bytes.dropLast(4)), into: model, .truncated(expectedBytes: bytes.count, foundBytes: bytes.count - 4),
                      mentions: "interrupted")
        assertRefused(Array(bytes.prefix(20)), into: model, .truncated(expectedBytes: 8 + Int(bytes[0]) + 256 * Int(bytes[1]), foundBytes: 20),
                      mentions: "truncated")
        assertRefused(bytes + [0, 0, 0, 0], into: model, .trailingBytes(expectedBytes: bytes.count, foundBytes: bytes.count + 4),
                      mentions: "after its last tensor")
    }

    func testRefusesCorruptHeader() {
        let (model, _) = trainedModel(batchNorm: false)
        var bytes = model.checkpoint()
        bytes[8] = UInt8(ascii: "[")
        XCTAssertThrowsError(try model.load(checkpoint: bytes)) { error in
            guard case .malformedHeader = error as? CheckpointError else { return XCTFail("\(error)") }
        }
    }

    func testRefusesOtherArchitecturesNamingTheMismatch() throws {
        let (small, _) = trainedModel(batchNorm: false)
        let bytes = small.checkpoint()
        assertRefused(bytes, into: UNet(width: 4, depth: 2, seed: 1), .configMismatch(key: "width", expected: "4", found: "2"),
                      mentions: "width = 2")
        assertRefused(bytes, into: UNet(width: 2, depth: 2, batchNorm: true, seed: 1),
                      .configMismatch(key: "batch_norm", expected: "true", found: "false"), mentions: "batch_norm")
        // A file whose metadata claims width 2 but holds a width-4 tensor: the shape check names it.
        let wide = UNet(width: 4, depth: 2, seed: 1)
        let forged = encodeSafetensors(wide.parameters.specs.enumerated().map { i, s in
            SafetensorsEntry(name: s.name, shape: s.shape, values: wide.parameters.data + wide.parameters.offsets[i])
        }, metadata: ["format": checkpointFormat, "width": "2", "depth": "2", "batch_norm": "false", "seed": "1"])
        assertRefused(forged, into: small, .shapeMismatch(tensor: "down0.conv1.weight", expected: [2, 1, 3, 3], found: [4, 1, 3, 3]),
                      mentions: "down0.conv1.weight")
        // Missing and extra tensors.
        let specs = small.parameters.specs
        let missing = encodeSafetensors(specs.dropLast().enumerated().map { i, s in
            SafetensorsEntry(name: s.name, shape: s.shape, values: small.parameters.data + small.parameters.offsets[i])
        }, metadata: ["format": checkpointFormat, "width": "2", "depth": "2", "batch_norm": "false", "seed": "1"])
        assertRefused(missing, into: small, .missingTensor("head.bias"), mentions: "head.bias")
        let extra = encodeSafetensors(specs.enumerated().map { i, s in
            SafetensorsEntry(name: s.name, shape: s.shape, values: small.parameters.data + small.parameters.offsets[i])
        } + [SafetensorsEntry(name: "classifier.weight", shape: [1], values: small.parameters.data)],
            metadata: ["format": checkpointFormat, "width": "2", "depth": "2", "batch_norm": "false", "seed": "1"])
        assertRefused(extra, into: small, .unexpectedTensor("classifier.weight"), mentions: "classifier.weight")
        assertRefused(encodeSafetensors([], metadata: [:]), into: small, .missingMetadata(key: "format"), mentions: "format")
    }

    func testRefusesOtherDTypesAndMissingOptimizerState() throws {
        let (model, adam) = trainedModel(batchNorm: false)
        let bytes = model.checkpoint()
        // Rewrite "F32" in the header to "F16" (same length): the dtype check names the tensor.
        let header = String(decoding: bytes[8..<min(bytes.count, 200)], as: UTF8.self)
        let range = try XCTUnwrap(header.range(of: "\"F32\""))
        var f16 = bytes
        f16[8 + header.utf8.distance(from: header.startIndex, to: range.lowerBound) + 2] = UInt8(ascii: "1")
        f16[8 + header.utf8.distance(from: header.startIndex, to: range.lowerBound) + 3] = UInt8(ascii: "6")
        assertRefused(f16, into: model, .unsupportedDType(tensor: "down0.conv1.weight", found: "F16"), mentions: "float32")
        XCTAssertThrowsError(try adam.load(checkpoint: bytes, for: model)) { error in
            XCTAssertEqual(error as? CheckpointError, .missingMetadata(key: "adam.step"))
        }
    }
}
