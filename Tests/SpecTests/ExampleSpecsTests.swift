import XCTest
@testable import Spec

/// The files in experiments/ are what researchers copy from: each must load as written.
final class ExampleSpecsTests: XCTestCase {
    func load(_ name: String) throws -> [ExperimentSpec] {
        try SpecLoader.load(path: experimentsFolder + "/" + name)
    }

    func testBaselineLoadsWhenTheRealDataIsPresentAndOnlyMissesItsFoldersOtherwise() throws {
        let path = experimentsFolder + "/baseline.yaml"
        let dataFolder = normalize(experimentsFolder + "/../../shared/data/lung-ct")
        guard FileManager.default.fileExists(atPath: dataFolder) else {
            XCTAssertThrowsError(try SpecLoader.load(path: path)) { error in
                let problems = (error as? SpecErrors)?.diagnostics ?? []
                XCTAssertEqual(problems.map(\.path), ["data.images", "data.masks"])
                XCTAssertTrue(problems.allSatisfy { if case .missingFolder = $0.problem { true } else { false } })
            }
            return
        }
        let spec = try XCTUnwrap(try SpecLoader.load(path: path).first)
        guard case .folders(let data) = spec.data else { return XCTFail("baseline reads folders") }
        XCTAssertEqual(data.images.resolved, dataFolder + "/images/*.tif")
        XCTAssertEqual(data.masks.resolved, dataFolder + "/masks")
        XCTAssertEqual(spec.resize, ResizeSpec(height: 256, width: 256))
        XCTAssertEqual(spec.intensity, .window(lo: -1000, hi: 400))
        XCTAssertEqual(spec.split, .fraction(validation: 0.2))
        XCTAssertEqual(spec.augment.rotation, 15)
        XCTAssertEqual(spec.augment.zoom.lo, 0.9)
        XCTAssertEqual(spec.model, ModelSpec(width: 16, depth: 4, batchNorm: true))
        XCTAssertEqual(spec.train.loss, .bceDice)
        XCTAssertEqual(spec.train.schedule, .cosine)
        XCTAssertEqual(spec.train.epochs, 30)
    }

    func testPhantomIsSmallAndNeedsNoFiles() throws {
        let spec = try XCTUnwrap(try load("phantom.yaml").first)
        XCTAssertEqual(spec.data, .phantom(PhantomData(count: 96, size: 128, seed: 0)))
        XCTAssertEqual(spec.model.width, 8)
        XCTAssertEqual(spec.sourceFile, experimentsFolder + "/phantom.yaml")
    }

    func testSmokeIsTiny() throws {
        let spec = try XCTUnwrap(try load("smoke.yaml").first)
        guard case .phantom(let p) = spec.data else { return XCTFail("smoke uses the phantom") }
        XCTAssertLessThanOrEqual(p.count * p.size * p.size, 8 * 32 * 32)
        XCTAssertEqual(spec.train.epochs, 1)
    }

    func testSweepExampleHasFourMembersOverLearningRateAndWidth() throws {
        let specs = try load("sweep-example.yaml")
        XCTAssertEqual(specs.map(\.memberName), [
            "sweep-example/lr=0.003,width=4", "sweep-example/lr=0.003,width=8",
            "sweep-example/lr=0.001,width=4", "sweep-example/lr=0.001,width=8",
        ])
    }

    /// The README documents every key; a key added to the schema without documentation fails here.
    func testTheReadmeDocumentsEveryKey() throws {
        let readme = try String(contentsOfFile: experimentsFolder + "/README.md", encoding: .utf8)
        let keys = SpecSchema.fieldPaths + ["name", "description", "sweep", "seeds", "data.phantom", "evaluate.postprocess"]
        for key in keys {
            XCTAssertTrue(readme.contains("`\(key)`"), "experiments/README.md does not document `\(key)`")
        }
    }
}
