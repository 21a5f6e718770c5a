import XCTest
@testable import Spec

/// `data.slices` and `data.phantom.slices`: volume data, their slice selection and its diagnostics.
final class VolumeSpecTests: XCTestCase {
    func testAVolumePhantomDefaultsToTheLungSlicesAndEncodesOnlyThen() throws {
        let spec = try single("data:\n  phantom: {count: 4, size: 32, slices: 12}\n")
        guard case .phantom(let p) = spec.data else { return XCTFail("phantom") }
        XCTAssertEqual(p.slices, 12)
        XCTAssertEqual(spec.data.volumeSelection, .lung)
        XCTAssertEqual(spec.values["data.slices"], .string("lung"))
        XCTAssertEqual(spec.values["data.phantom.slices"], .int(12))
        let flat = try single(phantomData)
        XCTAssertNil(flat.data.volumeSelection)
        XCTAssertNil(flat.values["data.slices"], "2D data has no data.slices field")
        XCTAssertNil(flat.values["data.phantom.slices"])
    }

    func testSliceSelectionsAsWritten() throws {
        for (text, expected) in [("all", SliceSelection.all), ("lung", .lung), ("every 4", .every(4))] {
            let spec = try single("data:\n  phantom: {count: 4, size: 32, slices: 12}\n  slices: \(text)\n")
            XCTAssertEqual(spec.data.volumeSelection, expected)
            XCTAssertEqual(expected.text, text)
        }
    }

    func testVolumeFoldersAreRecognisedByTheirPattern() throws {
        let spec = try single("data:\n  images: /tmp/*.nii.gz\n  masks: /tmp/m*.nii.gz\n  slices: every 2\n")
        XCTAssertEqual(spec.data.volumeSelection, .every(2))
        let slices = try single("data:\n  images: /tmp/*.tif\n  masks: /tmp/m*.tif\n")
        XCTAssertNil(slices.data.volumeSelection)
    }

    func testBadSelectionsAreReportedAtTheirPosition() {
        let problems = diagnostics("data:\n  phantom: {count: 4, size: 32, slices: 12}\n  slices: evry 3\n")
        XCTAssertEqual(problems.map(\.path), ["data.slices"])
        XCTAssertEqual([problems.first?.line, problems.first?.column], [3, 11])
        XCTAssertTrue(problems.first?.message.contains("did you mean 'every'?") == true, "\(problems)")

        let zero = diagnostics("data:\n  phantom: {count: 4, size: 32, slices: 12}\n  slices: every 0\n")
        XCTAssertTrue(zero.first?.message.contains("K in 1…1000") == true, "\(zero)")

        let flat = diagnostics(phantomData + "  slices: lung\n")
        XCTAssertEqual(flat.map(\.path), ["data.slices"])
        XCTAssertTrue(flat.first?.message.contains("applies to NIfTI volumes only") == true, "\(flat)")

        let few = diagnostics("data:\n  phantom: {count: 4, size: 32, slices: 2}\n")
        XCTAssertEqual(few.map(\.path), ["data.phantom.slices"])
    }

    func testThePhantomVolumesExampleIsSmall() throws {
        let spec = try XCTUnwrap(try SpecLoader.load(path: experimentsFolder + "/phantom-volumes.yaml").first)
        guard case .phantom(let p) = spec.data, let slices = p.slices else { return XCTFail("a volume phantom") }
        XCTAssertLessThanOrEqual(p.count * p.size * p.size * slices, 8 * 64 * 64 * 24)
    }
}
