import Foundation
import XCTest

/// The `pipeline` executable built beside these tests, run as a user would run it.
enum BuiltBinary {
    struct Result {
        var exitCode: Int32
        var stdout: String
        var stderr: String
    }

    /// The binary of the same configuration as this test bundle (`swift test -c release` finds
    /// .build/release/pipeline), else the repository's release or debug build.
    static func locate() throws -> URL {
        let bundleFolder = Bundle.main.bundleURL.hasDirectoryPath
            ? Bundle.main.bundleURL : Bundle.main.bundleURL.deletingLastPathComponent()
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let candidates = [
            bundleFolder.appendingPathComponent("pipeline"),
            bundleFolder.deletingLastPathComponent().appendingPathComponent("pipeline"),
            repository.appendingPathComponent(".build/release/pipeline"),
            repository.appendingPathComponent(".build/debug/pipeline"),
        ]
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw MissingBinary(searched: candidates.map(\.path))
        }
        return found
    }

    /// A failure, not a skip: CLI tests that silently do not run would always pass.
    struct MissingBinary: Error, CustomStringConvertible {
        var searched: [String]
        var description: String {
            "no built `pipeline` binary; run `swift build -c release --product pipeline` first (looked in "
                + searched.joined(separator: ", ") + ")"
        }
    }

    /// Starts the binary with its output discarded, for tests that kill it or run several at once.
    static func start(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = try locate()
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    static func run(_ arguments: [String]) throws -> Result {
        let process = Process()
        process.executableURL = try locate()
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read before waiting so a long help text cannot fill the pipe and block the child.
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(exitCode: process.terminationStatus,
                      stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }
}
