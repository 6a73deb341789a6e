import XCTest

/// `--hosts` and the two-hosts preset as a user meets them: the replay command carries the hosts, and
/// replays the same counterexample; the output is the same at any `--jobs`.
final class HostsCommandLineTests: XCTestCase {
    private let arguments = ["--model", "local-cache-tracking", "--hosts", "2", "--clients", "2", "--ops", "2", "--seeds", "500"]

    func testTheReplayCommandCarriesTheHostsAndReproducesTheCounterexample() throws {
        let outcome = CommandLineTests.run(arguments)
        XCTAssertEqual(outcome.status, 1, outcome.errors)
        let block = CommandLineTests.counterexampleBlock(outcome.output, property: "convergence")
        XCTAssertTrue(block.contains("local cache holds"), block)
        let command = try XCTUnwrap(block.split(separator: "\n").last { $0.hasPrefix("replay: ") })
        XCTAssertTrue(command.contains("--hosts 2"), String(command))
        let replayArguments = command.dropFirst("replay: cacheaside-check ".count).split(separator: " ").map(String.init)
        let replay = CommandLineTests.run(replayArguments)
        XCTAssertEqual(replay.status, 1)
        let replayed = CommandLineTests.counterexampleBlock(replay.output, property: "convergence")
        XCTAssertEqual(replayed.split(separator: "\n").last, block.split(separator: "\n").last)
        // The same token with another host count is refused, naming the flag.
        let otherHosts = replayArguments.enumerated().map { index, argument in
            index > 0 && replayArguments[index - 1] == "--hosts" ? "3" : argument
        }
        let other = CommandLineTests.run(otherHosts)
        XCTAssertEqual(other.status, 2)
        XCTAssertTrue(other.errors.contains("--hosts"), other.errors)
    }

    func testOutputIsTheSameWithOneOrTwoJobs() {
        let one = CommandLineTests.run(arguments + ["--faults", "invalidation-loss", "--jobs", "1"])
        let two = CommandLineTests.run(arguments + ["--faults", "invalidation-loss", "--jobs", "2"])
        XCTAssertEqual(one.output, two.output)
        XCTAssertFalse(one.output.isEmpty)
    }

    func testTheTwoHostsPresetIsListed() {
        let outcome = CommandLineTests.run(["scenarios"])
        XCTAssertTrue(outcome.output.contains("two-hosts"), outcome.output)
        XCTAssertTrue(outcome.output.contains("--hosts 2"), outcome.output)
    }
}
