import XCTest
@testable import JSON

final class CanonicalJSONTests: XCTestCase {
    func testObjectsHaveSortedKeysAndNoWhitespace() throws {
        let value: JSONValue = ["b": 1, "a": ["z": true, "y": nil], "B": "x"]
        // "B" (0x42) sorts before "a" (0x61) and "b": byte order, not locale order.
        XCTAssertEqual(try value.canonicalString(), #"{"B":"x","a":{"y":null,"z":true},"b":1}"#)
    }

    func testIntegersHaveNoFractionAndDoublesAreShortestRoundTrip() throws {
        let cases: [(JSONValue, String)] = [
            (.int(3), "3"), (.int(-42), "-42"), (.double(2), "2.0"), (.double(0.001), "0.001"),
            (.double(0.0003), "0.0003"), (.double(1e-5), "1e-05"), (.double(0.1 + 0.2), "0.30000000000000004"),
            (.double(-0.0), "0.0"), (.double(1e21), "1e+21"), (.double(123.5), "123.5"),
        ]
        for (value, expected) in cases { XCTAssertEqual(try value.canonicalString(), expected) }
    }

    func testStringsAreEscapedPerRFC8259() throws {
        let value = JSONValue.string("q\"b\\s/\n\t\r\u{08}\u{0C}\u{01}\u{1F}é🫁")
        XCTAssertEqual(try value.canonicalString(), #""q\"b\\s/\n\t\r\b\f\u0001\u001fé🫁""#)
    }

    func testNonFiniteNumbersAreRejectedWithTheirPath() {
        let value: JSONValue = ["train": ["lr": .double(.nan)]]
        XCTAssertThrowsError(try value.canonicalString()) {
            XCTAssertEqual($0 as? JSONError, .nonFiniteNumber(path: "$.train.lr"))
        }
    }

    func testDecodingRoundTripsAndKeepsIntegersApartFromDoubles() throws {
        let text = #"{"a":[1,2.0,-3e2,"x\u00e9\ud83e\udec1"],"b":{"c":null,"d":false},"e":1e-05}"#
        let value = try JSONValue(parsing: text)
        XCTAssertEqual(value["a"], [1, 2.0, -300.0, "xé🫁"])
        XCTAssertEqual(value["e"], .double(1e-5))
        XCTAssertEqual(try JSONValue(parsing: value.canonicalString()), value)
        XCTAssertEqual(try JSONValue(parsing: " { \"k\" : [ ] }\n"), ["k": []])
        XCTAssertEqual(try JSONValue(parsing: value.prettyString()), value)
    }

    func testMalformedInputIsRejectedWithAnOffset() {
        for bad in ["", "{", "[1,]", "01", "1.", "\"\\x\"", "{\"a\":1,\"a\":2}", "tru", "[1] 2", "\"\u{01}\"", "\"\\ud800\""] {
            XCTAssertThrowsError(try JSONValue(parsing: bad), "accepted \(bad)") { error in
                guard case .malformed = error as? JSONError else { return XCTFail("\(bad): \(error)") }
            }
        }
    }
}
