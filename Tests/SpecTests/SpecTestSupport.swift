import XCTest
@testable import Spec

/// A spec file path that need not exist: relative data paths resolve against its folder.
let testFile = "/tmp/spec-tests/exp.yaml"

/// The minimal valid spec body, which the tests extend.
let phantomData = "data:\n  phantom: {count: 10, size: 32}\n"

/// Parses a spec that must be valid and have one member.
func single(_ yaml: String, file: String = testFile) throws -> ExperimentSpec {
    let specs = try SpecLoader.parse(yaml: yaml, file: file)
    XCTAssertEqual(specs.count, 1)
    return try XCTUnwrap(specs.first)
}

/// Parses a spec that must be rejected, returning its diagnostics.
func diagnostics(_ yaml: String, file: String = testFile,
                 sourceFile: StaticString = #filePath, line: UInt = #line) -> [SpecDiagnostic] {
    do {
        let specs = try SpecLoader.parse(yaml: yaml, file: file)
        XCTFail("expected SpecErrors, got \(specs.count) spec(s)", file: sourceFile, line: line)
        return []
    } catch let errors as SpecErrors {
        return errors.diagnostics
    } catch {
        XCTFail("expected SpecErrors, got \(error)", file: sourceFile, line: line)
        return []
    }
}

/// The `experiments/` folder of this checkout.
let experimentsFolder: String = {
    var parts = "\(#filePath)".split(separator: "/").map(String.init)
    parts.removeLast(3)  // Tests/SpecTests/SpecTestSupport.swift
    return "/" + (parts + ["experiments"]).joined(separator: "/")
}()
