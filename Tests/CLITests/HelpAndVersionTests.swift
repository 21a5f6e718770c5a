import XCTest

/// `pipeline --help`, each subcommand's help, and `--version`, from the built binary.
final class HelpAndVersionTests: XCTestCase {
    static let subcommands = ["run", "plan", "validate", "runs", "report", "predict", "gc"]

    func testVersionPrintsTheVersionAndSucceeds() throws {
        let result = try BuiltBinary.run(["--version"])
        XCTAssertEqual(result.exitCode, 0)
        XCTAssertEqual(result.stdout, "0.1.0\n")
        XCTAssertEqual(result.stderr, "")
    }

    func testRootHelpListsEverySubcommand() throws {
        let result = try BuiltBinary.run(["--help"])
        XCTAssertEqual(result.exitCode, 0)
        XCTAssertTrue(result.stdout.hasPrefix("OVERVIEW: Train, compare and use U-Net lung segmentation models"))
        for name in Self.subcommands {
            XCTAssertTrue(result.stdout.contains("\n  \(name) "), "root help lacks \(name)")
        }
    }

    func testEverySubcommandHasAnAbstractAndAnExample() throws {
        for name in Self.subcommands {
            let result = try BuiltBinary.run([name, "--help"])
            XCTAssertEqual(result.exitCode, 0, name)
            XCTAssertTrue(result.stdout.hasPrefix("OVERVIEW: "), name)
            XCTAssertTrue(result.stdout.contains("Example"), "\(name) --help has no example")
            XCTAssertTrue(result.stdout.contains("  pipeline \(name)"), "\(name)'s example does not use \(name)")
            XCTAssertEqual(result.stderr, "", name)
        }
    }

    func testPredictHelpDocumentsItsOptions() throws {
        let help = try BuiltBinary.run(["help", "predict"]).stdout
        for option in ["--model <run>", "--out <dir>", "--pixel-spacing <mm>", "--largest-components <k>",
                       "--fill-holes", "--tta <kind>", "(values: flip)"] {
            XCTAssertTrue(help.contains(option), "predict help lacks \(option)")
        }
    }

    func testHelpExamplesFitAnEightyColumnTerminal() throws {
        for name in Self.subcommands {
            let help = try BuiltBinary.run([name, "--help"]).stdout
            let examples = help.components(separatedBy: "USAGE:")[0].split(separator: "\n").filter { $0.hasPrefix("  ") }
            for line in examples { XCTAssertLessThanOrEqual(line.count, 80, "\(name): \(line)") }
        }
    }
}
