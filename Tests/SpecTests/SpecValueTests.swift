import XCTest
@testable import Spec

final class SpecValueTests: XCTestCase {
    func testTheSameNumberWrittenTwoWaysRendersTheSame() throws {
        let a = try single(phantomData + "train: {lr: 1e-3}\n").values["train.lr"]
        let b = try single(phantomData + "train: {lr: 0.001}\n").values["train.lr"]
        XCTAssertEqual(a, b)
        XCTAssertEqual(a?.description, "0.001")
    }

    func testNumbersRenderInTheirShortestRoundTripForm() {
        XCTAssertEqual(SpecValue.double(3e-4).description, "0.0003")
        XCTAssertEqual(SpecValue.double(1e-8).description, "1e-08")
        XCTAssertEqual(SpecValue.double(0.1 + 0.2).description, "0.30000000000000004")
        XCTAssertEqual(SpecValue.double(400).description, "400", "whole numbers print without a fraction")
        XCTAssertEqual(SpecValue.double(-1000).description, "-1000")
        XCTAssertEqual(SpecValue.double(-0.0).description, "0")
        XCTAssertEqual(SpecValue.int(16).description, "16")
    }

    func testListsAndStringsRenderForNames() {
        let window = SpecValue.list([.double(-1000), .double(400)])
        XCTAssertEqual(window.description, "[-1000, 400]")
        XCTAssertEqual(window.nameComponent, "-1000x400")
        XCTAssertEqual(SpecValue.string("/data/x").nameComponent, "_data_x")
    }
}
