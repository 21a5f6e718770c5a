import XCTest
@testable import Spec

/// Each problem is reported as `file:line:column: path: message`, pointing at the character
/// to fix.
final class SpecDiagnosticsTests: XCTestCase {
    func testUnknownKeySuggestsTheClosestKnownKeyAtItsExactPosition() {
        let found = diagnostics(phantomData + """
            train:
              lr: 0.001
              epohcs: 10
            """)
        XCTAssertEqual(found.map(\.description),
                       ["\(testFile):5:3: train.epohcs: unknown key; did you mean 'epochs'?"])
        XCTAssertEqual(found.first?.problem, .unknownKey(suggestion: "epochs", allowed: SpecSchema.train))
    }

    func testUnknownKeyFarFromAnyKnownOneListsTheAllowedKeys() {
        let found = diagnostics(phantomData + "model: {colour: red}\n")
        XCTAssertEqual(found.map(\.description),
                       ["\(testFile):3:9: model.colour: unknown key; allowed here: width, depth, batch_norm (see experiments/README.md)"])
    }

    func testWrongTypeNamesTheExpectedTypeAndWhatWasFound() {
        let found = diagnostics(phantomData + "train:\n  lr: fast\n  batch: 8.5\n  epochs: \"10\"\n")
        XCTAssertEqual(found.map(\.message), [
            "train.lr: expected a number, found 'fast'",
            "train.batch: expected an integer, found '8.5'",
            "train.epochs: expected an integer, found the quoted string \"10\" (write numbers and true/false without quotes)",
        ])
        XCTAssertEqual(found.map(\.line), [4, 5, 6])
        XCTAssertEqual(found.map(\.column), [7, 10, 11])
    }

    func testOutOfRangeValuesSayTheRuleAndTheValue() {
        let found = diagnostics(phantomData + """
            train: {lr: -0.1}
            split: {validation: 1.5}
            model: {width: 0, depth: 7}
            augment: {flip_horizontal: 2, zoom: [1.2, 0.8]}
            intensity: {window: [400, -1000]}
            evaluate: {tta: flop}
            """)
        XCTAssertEqual(found.map(\.message), [
            "train.lr: must be greater than 0 and at most 1, found -0.1",
            "split.validation: must be a fraction strictly between 0 and 1, found 1.5",
            "model.width: must be in 1…1024, found 0",
            "model.depth: must be in 1…6, found 7",
            "augment.flip_horizontal: must be a probability in [0, 1], found 2",
            "augment.zoom: must be [lo, hi] with 0 < lo ≤ hi ≤ 10, found [1.2, 0.8]",
            "intensity.window: must be [lo, hi] with lo < hi, found [400, -1000]",
            "evaluate.tta: must be one of none, flip, found 'flop'; did you mean 'flip'?",
        ])
    }

    func testResizeMustBeDivisibleByTwoToTheModelDepth() {
        let found = diagnostics(phantomData + "resize: 100\nmodel: {depth: 4}\n")
        XCTAssertEqual(found.map(\.description), [
            "\(testFile):3:9: resize: 100×100 is not divisible by 2^4 = 16 (model.depth 4); use a multiple of 16 such as 96 or 112",
        ])
    }

    func testMissingFolderShowsThePathAsWrittenAndAsResolved() {
        let found = diagnostics("data:\n  images: ../nowhere/imgs/*.png\n  masks: /tmp\n")
        XCTAssertEqual(found.map(\.description), [
            "\(testFile):2:11: data.images: folder ../nowhere/imgs does not exist (resolved to /tmp/nowhere/imgs); "
                + "paths are relative to the spec file's folder",
        ])
    }

    func testBrokenYAMLReportsLibyamlsMessageAndPosition() {
        let found = diagnostics("data:\n  phantom: {count: 10\nmodel: [1, 2\n")
        XCTAssertEqual(found.count, 1)
        XCTAssertEqual(found.first?.line, 3)
        XCTAssertEqual(found.first?.column, 6)
        XCTAssertTrue(found.first?.message.hasPrefix("YAML syntax error: did not find expected ',' or '}'") == true,
                      found.first?.message ?? "")
    }

    func testDuplicateKeyPointsAtTheSecondAndNamesTheFirstLine() {
        let found = diagnostics(phantomData + "train:\n  lr: 0.01\n  lr: 0.02\n")
        XCTAssertEqual(found.map(\.description),
                       ["\(testFile):5:3: train.lr: duplicate key (first given on line 4); keep only one"])
    }

    func testAllProblemsAreReportedTogetherInReadingOrder() {
        let found = diagnostics("""
            seed: -1
            modle: {width: 8}
            train: {lr: fast, loss: mse}
            """)
        XCTAssertEqual(found.map(\.description), [
            "\(testFile):1:1: data: missing; give data.images and data.masks (folders or glob patterns), or data.phantom: {count, size, seed} for synthetic slices",
            "\(testFile):1:7: seed: must be at least 0, found -1",
            "\(testFile):2:1: modle: unknown key; did you mean 'model'?",
            "\(testFile):3:13: train.lr: expected a number, found 'fast'",
            "\(testFile):3:25: train.loss: must be one of bce, dice, bce+dice, found 'mse'",
        ])
    }

    func testConflictingAlternativesAreRejected() {
        let found = diagnostics("""
            data: {phantom: {count: 4}, images: /tmp}
            intensity: {window: [-1000, 400], scale: 255}
            train: {schedule: cosine, gamma: 0.5}
            """)
        XCTAssertEqual(found.map(\.message), [
            "data.images: cannot be combined with data.phantom; give folders or the phantom, not both",
            "intensity.scale: give either intensity.window or intensity.scale, not both",
            "train.gamma: applies only to schedule: step (the schedule here is cosine); remove it",
        ])
    }

    func testMissingSpecFileIsAClearError() {
        XCTAssertThrowsError(try SpecLoader.load(path: "/tmp/no-such-dir/none.yaml")) { error in
            XCTAssertEqual((error as? SpecErrors)?.diagnostics.map(\.description), [
                "/tmp/no-such-dir/none.yaml: spec file not found (resolved to /tmp/no-such-dir/none.yaml); "
                    + "check the path, or start from experiments/phantom.yaml",
            ])
        }
    }

    func testEmptyAndNonMappingSpecsAreRejected() {
        XCTAssertEqual(diagnostics("").map(\.message),
                       ["the spec is empty; it needs at least a data section (see experiments/README.md)"])
        XCTAssertEqual(diagnostics("- a\n- b\n").first?.message.hasPrefix("expected a mapping of keys"), true)
    }

    func testChecksThatNeedTwoFieldsNameBoth() {
        let found = diagnostics("data: {phantom: {count: 4}}\nsplit: {validation: 0.1}\n")
        XCTAssertEqual(found.map(\.message), [
            "split.validation: leaves 0 of data.phantom.count 4 pairs for validation; each set needs at least one",
        ])
        XCTAssertEqual(diagnostics("data: {images: /tmp/*/x.tif, masks: /tmp}\n").map(\.message),
                       ["data.images: wildcards are allowed only in the last path component, found '/tmp/*/x.tif'"])
    }

    func testTypoSuggestionsCountASwapOfNeighboursAsOneEdit() {
        XCTAssertEqual(editDistance("epohcs", "epochs"), 1)
        XCTAssertEqual(editDistance("batch-norm", "batch_norm"), 1)
        XCTAssertEqual(suggestion(for: "widht", among: SpecSchema.model), "width")
        XCTAssertNil(suggestion(for: "mse", among: ["bce", "dice", "bce+dice"]), "two edits in three letters is no typo")
    }
}
