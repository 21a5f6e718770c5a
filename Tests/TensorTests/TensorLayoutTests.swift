import XCTest
@testable import Tensor

final class TensorLayoutTests: XCTestCase {
    func testBlockedIndexMatchesContract() {
        let t = Tensor(batch: 2, channels: 20, height: 3, width: 5)
        XCTAssertEqual(t.cBlocks, 2)
        // (n=1, c=17, y=2, x=4): block 1, lane 1, interior offset (y+1, x+1) in a 5×7 plane.
        XCTAssertEqual(t.index(1, 17, 2, 4), (((1 * 2 + 1) * 5 + 3) * 7 + 5) * 16 + 1)
    }

    func testNCHWRoundTripKeepsBorderZero() {
        let t = Tensor(batch: 1, channels: 3, height: 4, width: 4)
        let values = (0..<48).map { Float($0) + 1 }
        t.load(nchw: values)
        XCTAssertEqual(t.nchw(), values)
        XCTAssertEqual(t.data[0], 0, "border stays zero")
        XCTAssertEqual(t.data[t.index(0, 3, 0, 0)], 0, "padding channel stays zero")
    }

    /// load(nchw:) and nchw() walk rows with pointers: every element lands where the subscript says,
    /// across batches, channel blocks and padded rows.
    func testNCHWCopiesPutEveryElementAtItsIndex() {
        let t = Tensor(batch: 2, channels: 20, height: 3, width: 5)
        let values: [Float] = (0..<600).map { i -> Float in Float(i) / 2 - 7 }
        t.load(nchw: values)
        var i = 0
        for n in 0..<2 { for c in 0..<20 { for y in 0..<3 { for x in 0..<5 {
            XCTAssertEqual(t[n, c, y, x], values[i], "(\(n), \(c), \(y), \(x))"); i += 1
        } } } }
        XCTAssertEqual(t.nchw(), values)
        let nonzero = (0..<t.count).filter { t.data[$0] != 0 }.count
        XCTAssertEqual(nonzero, values.filter { $0 != 0 }.count, "nothing written outside the interior")
    }
}
