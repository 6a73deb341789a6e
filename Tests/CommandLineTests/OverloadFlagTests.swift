import Foundation
import XCTest

@testable import cacheaside_check

/// The database's capacity and timeout, the scheduled flush and the recovery bound, as flags: parsed into
/// the scenario, refused with one clear line when bad, and spelled back in a replay line.
final class OverloadFlagTests: XCTestCase {
    func testTheFlagsSetTheScenarioAndNoneTurnsThemOff() throws {
        let options = try CheckOptions.parse(["--db-capacity", "6", "--db-timeout", "10", "--cache-flush-at", "60", "--recovery-bound", "30"])
        XCTAssertEqual(options.scenario.simulation.databaseCapacity, 6)
        XCTAssertEqual(options.scenario.simulation.databaseTimeout, 10)
        XCTAssertEqual(options.scenario.simulation.cacheFlushAt, 60)
        XCTAssertEqual(options.recoveryBound, 30)
        let off = try CheckOptions.parse(["--scenario", "overload", "--db-capacity", "none", "--db-timeout", "none"])
        XCTAssertNil(off.scenario.simulation.databaseCapacity)
        XCTAssertNil(off.scenario.simulation.databaseTimeout)
        XCTAssertEqual(off.scenario.simulation.cacheFlushAt, 60, "the preset's flush stays")
    }

    func testTheOverloadScenarioJudgesRecoveryUnlessThePropertiesAreGiven() throws {
        let preset = try CheckOptions.parse(["--scenario", "overload"])
        XCTAssertEqual(preset.properties, ["linearizability", "convergence", "staleness", "recovery"])
        XCTAssertEqual(preset.selectedProperties.last?.label, "recovery ≤ 40")
        XCTAssertEqual(try CheckOptions.parse(["--property", "convergence", "--scenario", "overload"]).properties, ["convergence"])
        XCTAssertEqual(try CheckOptions.parse([]).properties, ["linearizability", "convergence", "staleness"])
    }

    func testBadValuesAreOneLineErrors() {
        let cases: [([String], String)] = [
            (["--db-capacity", "0"], "Error: --db-capacity 0 is out of range; use a value from 1 to 1000000"),
            (["--db-capacity", "many"], "Error: --db-capacity takes a whole number, not 'many'"),
            (["--db-timeout", "-3"], "Error: --db-timeout -3 is out of range"),
            (["--cache-flush-at", "soon"], "Error: --cache-flush-at takes a whole number, not 'soon'"),
            (["--recovery-bound", "0"], "Error: --recovery-bound 0 is out of range"),
            (["compare", "--db-timeout", "x"], "Error: --db-timeout takes a whole number, not 'x'"),
        ]
        for (arguments, prefix) in cases {
            let outcome = CommandLineTests.run(arguments)
            XCTAssertEqual(outcome.status, 2, "\(arguments)")
            XCTAssertTrue(outcome.errors.hasPrefix(prefix), "\(arguments): \(outcome.errors)")
            XCTAssertEqual(outcome.errors.split(separator: "\n").count, 3, "\(arguments): \(outcome.errors)")
        }
    }

    /// The replay line spells every option that shaped the run, so pasting it replays the same run.
    func testTheConfigurationArgumentsCarryTheNewOptions() throws {
        let options = try CheckOptions.parse(["--scenario", "overload", "--db-capacity", "7", "--cache-flush-at", "none", "--recovery-bound", "50"])
        let arguments = options.configurationArguments
        XCTAssertTrue(arguments.joined(separator: " ").contains("--db-capacity 7"), "\(arguments)")
        XCTAssertTrue(arguments.joined(separator: " ").contains("--cache-flush-at none"), "\(arguments)")
        XCTAssertTrue(arguments.joined(separator: " ").contains("--recovery-bound 50"), "\(arguments)")
        XCTAssertFalse(arguments.contains("--db-timeout"), "the preset's timeout needs no flag: \(arguments)")
        let reparsed = try CheckOptions.parse(arguments)
        XCTAssertEqual(reparsed.scenario.simulation.databaseCapacity, 7)
        XCTAssertNil(reparsed.scenario.simulation.cacheFlushAt)
        XCTAssertEqual(reparsed.scenario.simulation.databaseTimeout, 10)
    }

    func testAReplayMismatchNamesTheDatabaseFlag() {
        XCTAssertEqual(ReplayMismatchText.flag(for: .databaseCapacity), "--db-capacity")
        XCTAssertEqual(ReplayMismatchText.flag(for: .databaseTimeout), "--db-timeout")
        XCTAssertEqual(ReplayMismatchText.flag(for: .cacheFlushAt), "--cache-flush-at")
    }

    /// The overload check prints the same report at one and two jobs, and its replay line (which carries
    /// the capacity, the timeout and the flush in its token) replays the failing run.
    func testTheOverloadCheckIsTheSameAtTwoJobsAndItsReplayLineReplays() throws {
        let base = ["--model", "retry-on-error", "--scenario", "overload", "--seeds", "3", "--property", "recovery", "--no-shrink"]
        let one = CommandLineTests.run(base + ["--jobs", "1"])
        let two = CommandLineTests.run(base + ["--jobs", "2"])
        XCTAssertEqual(one.status, 1, one.output)
        XCTAssertEqual(two.output, one.output)
        let line = try XCTUnwrap(one.output.split(separator: "\n").first { $0.hasPrefix("replay: cacheaside-check ") })
        let arguments = line.dropFirst("replay: cacheaside-check ".count).split(separator: " ").map(String.init)
        let replay = CommandLineTests.run(arguments)
        XCTAssertEqual(replay.status, 1, replay.errors)
        XCTAssertTrue(replay.output.contains("recovery ≤ 40  VIOLATED"), replay.output)
        // Under another capacity the token is refused, naming the flag.
        let refused = CommandLineTests.run(arguments + ["--db-capacity", "7"])
        XCTAssertEqual(refused.status, 2)
        XCTAssertTrue(refused.errors.contains("--db-capacity"), refused.errors)
    }
}
