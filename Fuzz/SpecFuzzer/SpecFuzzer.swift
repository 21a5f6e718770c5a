import Spec

/// libFuzzer entry: YAML text → `SpecLoader.parse`. A thrown `SpecErrors` is a correct answer (its
/// message is rendered too); a crash, hang, leak or allocation over -malloc_limit_mb is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSpecLoader(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    // The loader reads files as UTF-8 and refuses anything else before parsing.
    guard let text = String(validating: UnsafeBufferPointer(start: data, count: size), as: UTF8.self) else { return 0 }
    do {
        _ = try SpecLoader.parse(yaml: text, file: "/nonexistent-fuzz/spec.yaml")
    } catch {
        _ = String(describing: error)
    }
    return 0
}
