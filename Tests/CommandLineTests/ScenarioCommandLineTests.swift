import CacheAsideCheck
import XCTest

@testable import cacheaside_check

/// `--scenario NAME`, the flags that adjust a preset, and `cacheaside-check scenarios`.
final class ScenarioCommandLineTests: XCTestCase {
    func testScenariosListsEveryPresetWithTheFlagsItAmountsTo() {
        let outcome = CommandLineTests.run(["scenarios"])
        XCTAssertEqual(outcome.status, 0)
        for scenario in Scenario.presets {
            XCTAssertTrue(outcome.output.contains(scenario.name + " "), scenario.name)
            XCTAssertTrue(outcome.output.contains("default --seeds \(scenario.seeds)"), scenario.name)
        }
        XCTAssertTrue(outcome.output.contains("--clients 64"))
        XCTAssertTrue(outcome.output.contains("--timing concurrent"))
        XCTAssertEqual(CommandLineTests.run(["scenarios", "--help"]).status, 0)
        XCTAssertEqual(CommandLineTests.run(["scenarios", "extra"]).status, 2)
    }

    func testUnknownScenarioIsOneErrorLineListingTheNamesAndExitStatus2() {
        for arguments in [["--scenario", "rush-hour"], ["compare", "--scenario", "rush-hour"]] {
            let outcome = CommandLineTests.run(arguments)
            XCTAssertEqual(outcome.status, 2)
            let firstLine = outcome.errors.split(separator: "\n").first.map(String.init) ?? ""
            XCTAssertTrue(firstLine.hasPrefix("Error: unknown scenario 'rush-hour'"), firstLine)
            for preset in Scenario.presets { XCTAssertTrue(firstLine.contains(preset.name), firstLine) }
        }
    }

    func testAScenarioIsAPresetThatFlagsAdjustWhereverTheyAppear() throws {
        let options = try CheckOptions.parse(["--clients", "16", "--scenario", "hot-key-expiry", "--db-read-latency", "5-9"])
        XCTAssertEqual(options.workload.clients, 16)
        XCTAssertEqual(options.workload.keys, Scenario.hotKeyExpiry.workload.keys)
        XCTAssertEqual(options.scenario.simulation.latencies.databaseRead, 5...9)
        XCTAssertEqual(options.scenario.simulation.timing, .concurrent)
        XCTAssertEqual(options.runs, .seeds(Scenario.hotKeyExpiry.seeds))
        // The replay line names the preset, then only what differs from it.
        XCTAssertEqual(
            options.configurationArguments,
            ["--model", "cache-aside", "--scenario", "hot-key-expiry", "--clients", "16", "--db-read-latency", "5-9"])
        let reparsed = try CheckOptions.parse(options.configurationArguments)
        XCTAssertEqual(reparsed.configurationArguments, options.configurationArguments)
    }

    func testTheDefaultReplayLineIsUnchanged() throws {
        XCTAssertEqual(try CheckOptions.parse([]).configurationArguments, ["--model", "cache-aside"])
        XCTAssertEqual(
            try CheckOptions.parse(["--clients", "4", "--clock-jumps", "5"]).configurationArguments,
            ["--model", "cache-aside", "--clients", "4", "--clock-jumps", "5"])
    }

    func testBadTimeFlagsAreUsageErrors() {
        for (arguments, fragment) in [
            (["--db-read-latency", "0"], "out of range"), (["--think-time", "5-2"], "must not exceed"),
            (["--think-time", "1-2-3"], "A-B"), (["--key-skew", "hot"], "--key-skew"), (["--timing", "fast"], "fast"),
            (["--absent-keys", "2"], "more than --keys 1"),
        ] {
            let outcome = CommandLineTests.run(arguments)
            XCTAssertEqual(outcome.status, 2, "\(arguments)")
            XCTAssertTrue(outcome.errors.contains(fragment), "\(arguments): \(outcome.errors)")
        }
    }

    func testCheckRunsAScenarioAndItsHeaderSaysWhich() {
        let outcome = CommandLineTests.run(
            ["--scenario", "hot-key-expiry", "--seeds", "3", "--property", "stampede", "--no-shrink", "--quiet"])
        XCTAssertEqual(outcome.status, 1, outcome.errors)
        XCTAssertTrue(outcome.output.hasPrefix("cacheaside-check \(CacheAsideCheckVersion.current): model cache-aside, scenario hot-key-expiry, ttl 30, 64 clients"), outcome.output)
        XCTAssertTrue(outcome.output.contains("stampede ≤ 1"))
        XCTAssertTrue(outcome.output.contains("after expiry"))
    }

    func testCompareTakesAScenarioAndShowsTheCostTable() {
        let outcome = CommandLineTests.run(["compare", "--scenario", "slow-refill", "--seeds", "20", "--jobs", "2"])
        XCTAssertEqual(outcome.status, 0, outcome.errors)
        XCTAssertTrue(outcome.output.contains("scenario slow-refill"))
        XCTAssertTrue(outcome.output.contains("db reads 1-20"))
        XCTAssertTrue(outcome.output.contains("latency p50/p99/max"))
    }

    func testAScenarioReportIsTheSameAtAnyJobCount() {
        let arguments = ["--scenario", "hot-key-expiry", "--seeds", "20", "--property", "convergence,stampede", "--no-shrink", "--quiet"]
        let one = CommandLineTests.run(arguments + ["--jobs", "1"])
        let three = CommandLineTests.run(arguments + ["--jobs", "3"])
        XCTAssertEqual(one.output, three.output)
        XCTAssertEqual(one.status, three.status)
        let compareOne = CommandLineTests.run(["compare", "--scenario", "write-heavy", "--seeds", "15", "--jobs", "1", "--json"])
        let compareTwo = CommandLineTests.run(["compare", "--scenario", "write-heavy", "--seeds", "15", "--jobs", "2", "--json"])
        XCTAssertEqual(compareOne.output, compareTwo.output)
        XCTAssertTrue(compareOne.output.contains("\"scenario\" : \"write-heavy\""), compareOne.output)
    }
}
