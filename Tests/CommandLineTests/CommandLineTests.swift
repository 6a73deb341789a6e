import CacheAsideCheck
import Foundation
import XCTest

@testable import cacheaside_check

/// The command line as a user meets it: exit codes, error lines, the report and its replay command.
final class CommandLineTests: XCTestCase {
    struct Outcome {
        var status: Int32
        var output: String
        var errors: String
    }

    static func run(_ arguments: [String]) -> Outcome {
        var output = ""
        var errors = ""
        let status = CommandLineInterface.run(arguments, output: &output, errors: &errors)
        return Outcome(status: status, output: output, errors: errors)
    }

    private func assertUsageError(_ arguments: [String], mentions fragments: [String], file: StaticString = #filePath, line: UInt = #line) {
        let outcome = Self.run(arguments)
        XCTAssertEqual(outcome.status, 2, "\(arguments)", file: file, line: line)
        XCTAssertEqual(outcome.output, "", file: file, line: line)
        let firstLine = outcome.errors.split(separator: "\n").first.map(String.init) ?? ""
        XCTAssertTrue(firstLine.hasPrefix("Error: "), firstLine, file: file, line: line)
        for fragment in fragments {
            XCTAssertTrue(firstLine.contains(fragment), "'\(firstLine)' should mention '\(fragment)'", file: file, line: line)
        }
        // The fix the first line leaves out is in the last: where the form's options are listed.
        let form = arguments.first.flatMap { ["models", "scenarios", "compare", "check-history", "merge"].contains($0) ? " \($0)" : nil } ?? ""
        XCTAssertTrue(
            outcome.errors.hasSuffix("\nSee 'cacheaside-check\(form) --help' for more information.\n"), outcome.errors, file: file, line: line)
    }

    func testBadInputGivesOneErrorLineAndExitStatus2() {
        assertUsageError(["--frobnicate"], mentions: ["unknown option '--frobnicate'"])
        assertUsageError(["frobnicate"], mentions: ["frobnicate", "models"])
        assertUsageError(["--seeds"], mentions: ["--seeds needs a value"])
        assertUsageError(["--seeds", "many"], mentions: ["whole number", "many"])
        assertUsageError(["--seeds", "0"], mentions: ["out of range"])
        assertUsageError(["--seeds", "-5"], mentions: ["--seeds"])
        assertUsageError(["--clients", "0"], mentions: ["--clients 0", "1 to 64"])
        assertUsageError(["--clients", "100000"], mentions: ["--clients 100000", "out of range"])
        assertUsageError(["--clients", "64", "--ops", "1000"], mentions: ["10000 operations"])
        assertUsageError(["--model", "memcached-magic"], mentions: ["memcached-magic", "cache-aside"])
        assertUsageError(["--ttl", "soon"], mentions: ["--ttl", "soon"])
        assertUsageError(["--write-ratio", "2"], mentions: ["0 to 1"])
        assertUsageError(["--faults", "meteor"], mentions: ["meteor", "lost-delete"])
        assertUsageError(["--property", "speed"], mentions: ["speed", "linearizability"])
        assertUsageError(["--seed", "1", "--seeds", "5"], mentions: ["cannot be combined"])
        assertUsageError(["--replay", "zzz"], mentions: ["replay token"])
        assertUsageError(["models", "extra"], mentions: ["extra"])
    }

    func testHelpAndVersion() {
        let help = Self.run(["--help"])
        XCTAssertEqual(help.status, 0)
        XCTAssertTrue(help.output.contains("--seeds N"))
        XCTAssertTrue(help.output.contains("Exit status:"))
        let version = Self.run(["--version"])
        XCTAssertEqual(version.output, "cacheaside-check \(CacheAsideCheckVersion.current)\n")
        XCTAssertEqual(Self.run(["models", "--help"]).status, 0)
    }

    func testModelsListsTheCatalogueOneLineEach() {
        let outcome = Self.run(["models"])
        XCTAssertEqual(outcome.status, 0)
        let lines = outcome.output.split(separator: "\n")
        XCTAssertGreaterThanOrEqual(lines.count, 1)
        XCTAssertTrue(lines[0].hasPrefix("cache-aside "))
    }

    func testCacheAsideReportsTheStaleSetAndExits1() {
        let outcome = Self.run(["--seeds", "2000", "--jobs", "2"])
        XCTAssertEqual(outcome.status, 1)
        XCTAssertTrue(outcome.output.contains("convergence      VIOLATED"), outcome.output)
        let block = Self.counterexampleBlock(outcome.output, property: "convergence")
        // The stale set: the reader's set of v0 comes after the writer's db.write and cache.delete.
        let set = block.range(of: "cache.set k1=v0")
        let delete = block.range(of: "cache.delete k1")
        let write = block.range(of: "db.write k1=v1")
        XCTAssertNotNil(set)
        XCTAssertNotNil(delete)
        XCTAssertNotNil(write)
        if let set, let delete, let write {
            XCTAssertLessThan(write.lowerBound, delete.lowerBound)
            XCTAssertLessThan(delete.lowerBound, set.lowerBound)
        }
        XCTAssertTrue(block.contains("replay: cacheaside-check --model cache-aside --replay 3"))
    }

    func testReplayCommandReproducesTheCounterexampleExactly() throws {
        let outcome = Self.run(["--seeds", "2000"])
        for property in ["linearizability", "convergence", "staleness ≤ 60"] {
            let block = Self.counterexampleBlock(outcome.output, property: property)
            let command = try XCTUnwrap(block.split(separator: "\n").last { $0.hasPrefix("replay: ") })
            let arguments = command.dropFirst("replay: cacheaside-check ".count).split(separator: " ").map(String.init)
            let replay = Self.run(arguments)
            XCTAssertEqual(replay.status, 1)
            let replayedBlock = Self.counterexampleBlock(replay.output, property: property)
            // Same lanes, same sentence, same replay command; only the heading names the seed.
            XCTAssertEqual(Self.dropHeading(replayedBlock), Self.dropHeading(block).filter { !$0.hasPrefix("shrunk from") })
        }
    }

    func testSameArgumentsGiveByteIdenticalOutput() {
        let first = Self.run(["--seeds", "1500", "--jobs", "1"])
        let second = Self.run(["--seeds", "1500", "--jobs", "1"])
        let parallel = Self.run(["--seeds", "1500", "--jobs", "2"])
        XCTAssertEqual(first.output, second.output)
        XCTAssertEqual(first.output, parallel.output)
        let json = Self.run(["--seeds", "1500", "--json", "--jobs", "1"])
        XCTAssertEqual(json.output, Self.run(["--seeds", "1500", "--json", "--jobs", "2"]).output)
    }

    func testJSONReportCarriesTheSameFacts() throws {
        let text = Self.run(["--seeds", "1000"])
        let json = Self.run(["--seeds", "1000", "--json"])
        XCTAssertEqual(json.status, text.status)
        let document = try JSONDecoder().decode(JSONReport.self, from: Data(json.output.utf8))
        XCTAssertEqual(document.runs, 1000)
        XCTAssertFalse(document.holds)
        for property in document.properties {
            XCTAssertTrue(text.output.contains(property.label))
            if let example = property.counterexample {
                XCTAssertTrue(text.output.contains(example.violation))
                XCTAssertTrue(text.output.contains(example.replayCommand))
                XCTAssertEqual(property.firstFailingSeed, example.seed)
            }
        }
    }

    func testSingleSeedShowsTheWholeRunUnshrunk() {
        let outcome = Self.run(["--seed", "34", "--property", "convergence"])
        XCTAssertEqual(outcome.status, 1)
        XCTAssertTrue(outcome.output.contains("1 run (seed 34)"))
        XCTAssertFalse(outcome.output.contains("shrunk from"))
    }

    func testHoldingPropertyExitsZero() {
        let outcome = Self.run(["--seeds", "300", "--property", "convergence", "--write-ratio", "0"])
        XCTAssertEqual(outcome.status, 0, outcome.output)
        XCTAssertTrue(outcome.output.contains("convergence  holds"), outcome.output)
    }

    /// The lines of one property's counterexample, from its heading to its replay command.
    static func counterexampleBlock(_ output: String, property: String) -> String {
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let start = lines.firstIndex(where: { $0.hasPrefix("── \(property) violated") }) else { return "" }
        guard let end = lines[start...].firstIndex(where: { $0.hasPrefix("replay: ") }) else { return "" }
        return lines[start...end].joined(separator: "\n")
    }

    static func dropHeading(_ block: String) -> [String] {
        Array(block.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).dropFirst())
    }
}

extension CommandLineTests {
    func testStaleSetWithoutTTLIsAnUnboundedStalenessViolation() {
        let outcome = Self.run(["--seeds", "1000", "--ttl", "none", "--property", "staleness"])
        XCTAssertEqual(outcome.status, 1)
        XCTAssertTrue(outcome.output.contains("staleness bounded  VIOLATED"), outcome.output)
        XCTAssertTrue(outcome.output.contains("max unbounded"), outcome.output)
        XCTAssertTrue(outcome.output.contains("with no TTL to end it: unbounded"), outcome.output)
    }
}

/// Replay tokens on the command line: the token of one configuration is refused by another, damaged
/// tokens are refused, and `--replay` does not mix with flags that choose runs.
final class ReplayTokenCommandLineTests: XCTestCase {
    private func token(_ arguments: [String]) throws -> String {
        let outcome = CommandLineTests.run(arguments + ["--seeds", "200", "--property", "convergence"])
        let line = try XCTUnwrap(outcome.output.split(separator: "\n").first { $0.hasPrefix("replay: ") })
        return String(try XCTUnwrap(line.split(separator: " ").last))
    }

    func testAReplayRunsItsOwnRunAndNothingElse() throws {
        let token = try token(["--model", "cache-aside"])
        let own = CommandLineTests.run(["--model", "cache-aside", "--property", "convergence", "--replay", token])
        XCTAssertEqual(own.status, 1, own.errors)
        let refusals: [([String], String)] = [
            (["--model", "lease", "--replay", token], "different --model;"),
            (["--clients", "1", "--replay", token], "different --clients;"),
            (["--ttl", "30", "--replay", token], "different --ttl;"),
            (["--model", "lease", "--ttl", "30", "--replay", token], "different --model and --ttl;"),
            (["--faults", "lost-delete", "--replay", token], "different --faults;"),
            (["--replay", String(token.dropLast())], "truncated or damaged"),
            (["--replay", String(token.dropLast(2))], "truncated or damaged"),
            (["--replay", "1"], "older version"),
            (["--replay", "2b1Vu2K9aAAAAAAACAAEBAgABmzE"], "older version"),
            (["--replay", token, "--scheduler", "pct"], "drop --scheduler"),
            (["--replay", token, "--shard", "0/2"], "drop --shard"),
            (["--replay", token, "--seeds", "10"], "cannot be combined"),
            (["--seed", "3", "--replay", token], "cannot be combined"),
        ]
        for (arguments, fragment) in refusals {
            let outcome = CommandLineTests.run(arguments)
            XCTAssertEqual(outcome.status, 2, "\(arguments): \(outcome.output)")
            XCTAssertEqual(outcome.output, "", "\(arguments)")
            XCTAssertTrue(outcome.errors.hasPrefix("Error: "), outcome.errors)
            XCTAssertTrue(outcome.errors.contains(fragment), "'\(outcome.errors)' should mention '\(fragment)'")
        }
    }

    /// Every flag that changes a run, alone: the refusal names exactly that flag, as the user types it
    /// (format 2 named `--faults, --clock-jumps or --step-budget` for a different `--think-time`).
    func testARefusalNamesExactlyTheFlagThatDiffers() throws {
        let token = try token([])
        let flags: [[String]] = [
            ["--clients", "2"], ["--ops", "2"], ["--keys", "2"], ["--write-ratio", "0.25"], ["--key-skew", "1"],
            ["--think-time", "0-3"], ["--warm-start", "30"], ["--absent-keys", "1"], ["--cache-latency", "1-2"],
            ["--db-read-latency", "1-4"], ["--db-write-latency", "2"], ["--worker-lag", "1-3"], ["--ttl", "none"],
            ["--faults", "cache-restart"], ["--clock-jumps", "10"], ["--timing", "concurrent"],
            ["--step-budget", "5000"], ["--model", "lease"],
        ]
        for flag in flags {
            let outcome = CommandLineTests.run(flag + ["--replay", token])
            XCTAssertEqual(outcome.status, 2, "\(flag)")
            XCTAssertEqual(
                outcome.errors,
                "Error: this replay token was made with different \(flag[0]); run the replay command exactly as the report printed it\n")
        }
    }

    /// A model's settings are a function of `--model` and `--ttl`: another model with the same TTL is a
    /// different `--model` only, even when its settings have fields the token's model lacks.
    func testAnotherModelWithOtherParametersIsADifferentModelOnly() throws {
        let token = try token(["--model", "cache-aside"])
        for (arguments, names) in [
            (["--model", "delayed-double-delete"], "--model"), (["--model", "leased-single-flight"], "--model"),
            (["--model", "delayed-double-delete", "--ttl", "5"], "--model and --ttl"),
            (["--model", "lease", "--think-time", "0-2", "--timing", "concurrent"], "--model, --think-time and --timing"),
        ] {
            let outcome = CommandLineTests.run(arguments + ["--replay", token])
            XCTAssertTrue(outcome.errors.contains("made with different \(names);"), "\(arguments): \(outcome.errors)")
        }
    }

    func testATokenOfAnExhaustiveSearchWithFaultsReplays() throws {
        let configuration = ["--clients", "2", "--ops", "2", "--faults", "lost-delete", "--property", "convergence"]
        let search = CommandLineTests.run(configuration + ["--scheduler", "exhaustive"])
        let line = try XCTUnwrap(search.output.split(separator: "\n").first { $0.hasPrefix("replay: ") })
        let replay = CommandLineTests.run(configuration + ["--replay", String(try XCTUnwrap(line.split(separator: " ").last))])
        XCTAssertEqual(replay.status, 1, replay.errors)
    }

    func testShrinkSecondsIsGoneWithAPointerToItsCountedReplacement() {
        let outcome = CommandLineTests.run(["--shrink-seconds", "5"])
        XCTAssertEqual(outcome.status, 2)
        XCTAssertTrue(outcome.errors.contains("--shrink-steps"), outcome.errors)
    }

    func testAnIncompleteExplorationExitsThreeNotZero() {
        let outcome = CommandLineTests.run(
            ["--scheduler", "exhaustive", "--clients", "3", "--ops", "3", "--seed", "0", "--time-limit", "1",
             "--property", "staleness", "--staleness-bound", "100000", "--no-reduction"])
        XCTAssertEqual(outcome.status, 3, outcome.output + outcome.errors)
        XCTAssertTrue(outcome.output.contains("stopped at the time limit"), outcome.output)
        XCTAssertTrue(outcome.output.contains("undecided"), outcome.output)
    }

    func testTheHeaderNamesClockJumps() {
        let outcome = CommandLineTests.run(["--seeds", "5", "--clock-jumps", "30", "--quiet"])
        XCTAssertTrue(outcome.output.hasPrefix("cacheaside-check"), outcome.output)
        XCTAssertTrue(outcome.output.split(separator: "\n")[0].contains("clock jumps ≤ 30"), outcome.output)
    }
}
