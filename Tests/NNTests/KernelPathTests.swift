import Foundation
import XCTest
@testable import NN

// The run-time choice of kernel path: PIPELINE_ISA, the CPU check, the provenance names, and that no
// AVX-512 instruction reached code that runs without the check (scripts/check-isa.py on this binary).
final class KernelPathTests: XCTestCase {
    func testEnvironmentVariableForcesTheNarrowerPathAndIgnoresWhatCannotRun() {
        XCTAssertEqual(KernelPath.choose(requested: nil, avx512: true).path, .avx512)
        XCTAssertEqual(KernelPath.choose(requested: nil, avx512: false).path, .avx2)
        XCTAssertEqual(KernelPath.choose(requested: "avx2", avx512: true).path, .avx2)
        XCTAssertEqual(KernelPath.choose(requested: "AVX512", avx512: true).path, .avx512)
        let unavailable = KernelPath.choose(requested: "avx512", avx512: false)
        XCTAssertEqual(unavailable.path, .avx2)
        XCTAssertTrue(unavailable.note.contains("no AVX-512"), unavailable.note)
        let typo = KernelPath.choose(requested: "sse", avx512: true)
        XCTAssertEqual(typo.path, .avx512)
        XCTAssertTrue(typo.note.contains("PIPELINE_ISA=sse ignored"), typo.note)
    }

    func testProvenanceNamesThePathAndTheCPU() {
        print("CPU: \(CPUInfo.modelName); kernel path \(KernelPath.current.name) (\(KernelPath.selectionNote)); "
              + "paths tested: \(KernelPath.available.map(\.name).joined(separator: ", "))")
        XCTAssertFalse(CPUInfo.modelName.isEmpty)
        XCTAssertEqual(KernelPath.available.contains(.avx512), CPUInfo.supportsAVX512)
        XCTAssertTrue(KernelPath.available.contains(KernelPath.current))
        XCTAssertEqual(Set(KernelPath.allCases.map(\.name)), ["avx2", "avx512"])
        // This test binary runs, so the CPU has what the default build needs.
        XCTAssertNoThrow(try CPUInfo.requireBaseline())
        XCTAssertTrue(CPUError.missingAVX2FMA(model: "Old CPU").description.contains("lacks AVX2/FMA"))
    }

    /// The test binary links every module; AVX-512 code may sit only in KernelsAVX512 (and in vendored
    /// assembly that checks the CPU itself), or an AVX2-only CPU would die with SIGILL.
    func testAVX512InstructionsStayInKernelsAVX512() throws {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../scripts/check-isa.py")
        let binary = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        for tool in ["/usr/bin/objdump", "/usr/bin/python3"] where !FileManager.default.isExecutableFile(atPath: tool) {
            throw XCTSkip("\(tool) not found: install binutils and python3 to check the binary's instructions")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [script.standardized.path, binary]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        print(output)
        XCTAssertEqual(process.terminationStatus, 0, output)
        XCTAssertTrue(output.contains("AVX-512 functions in KernelsAVX512"), output)
    }
}
