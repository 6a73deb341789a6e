import CacheAsideCheck
import XCTest

@testable import cacheaside_check

/// The printed report does not depend on `--jobs`; the progress line reads as documented and stays off
/// when it should; the scheduler flags reach the checker.
final class ProgressAndJobsTests: XCTestCase {
    func testJobsDoNotChangeTheTextOrJSONReport() {
        for format in [[], ["--json"]] {
            for scheduler in [["--scheduler", "random"], ["--scheduler", "pct", "--depth", "2"]] {
                let base = ["--seeds", "300", "--keys", "2"] + scheduler + format
                let one = CommandLineTests.run(base + ["--jobs", "1"])
                for jobs in ["2", "3"] {
                    let many = CommandLineTests.run(base + ["--jobs", jobs])
                    XCTAssertEqual(many.status, one.status)
                    XCTAssertEqual(many.output, one.output, "\(base) --jobs \(jobs)")
                }
            }
        }
    }

    func testProgressLineNamesRunsRateViolationsAndTimeLeft() {
        let progress = ExplorationProgress(runsDone: 5_000, runsPlanned: 20_000, violations: 3, elapsed: .seconds(2))
        XCTAssertEqual(ProgressLine.describe(progress), "5000 of 20000 runs, 2500 runs/s, 3 violating, about 6s left")
        let open = ExplorationProgress(runsDone: 10, runsPlanned: nil, violations: 0, elapsed: .seconds(1))
        XCTAssertEqual(ProgressLine.describe(open), "10 runs, 10 runs/s, 0 violating")
    }

    func testProgressLineIsOffWhenQuietOrNotATerminal() {
        XCTAssertNil(ProgressLine(enabled: false))
        // Under `swift test` standard error is a pipe, so a check never draws the line.
        XCTAssertFalse(ProgressLine.standardErrorIsATerminal)
    }

    func testExhaustiveSchedulerEndsWithItsVerdict() {
        let proof = CommandLineTests.run(
            ["--scheduler", "exhaustive", "--model", "lease", "--clients", "2", "--ops", "2", "--seed", "1", "--quiet"])
        XCTAssertEqual(proof.status, 0, proof.errors)
        XCTAssertTrue(proof.output.contains("\nexplored all "), proof.output)
        XCTAssertFalse(proof.output.contains("VIOLATED") || proof.output.contains("undecided"), proof.output)
        let race = CommandLineTests.run(
            ["--scheduler", "exhaustive", "--all-workloads", "--clients", "2", "--ops", "1", "--property", "convergence"])
        XCTAssertEqual(race.status, 1)
        XCTAssertTrue(race.output.contains("stopped once every property was violated"), race.output)
        XCTAssertTrue(race.output.hasSuffix("--replay " + race.output.split(separator: " ").last!), race.output)
    }

    func testSchedulerFlagsAreValidated() {
        for arguments in [
            ["--scheduler", "fair"], ["--depth", "2"], ["--preemptions", "1"], ["--scheduler", "exhaustive", "--seeds", "10"],
            ["--scheduler", "pct", "--depth", "0"], ["--scheduler", "exhaustive", "--shard", "0/2"],
        ] {
            let outcome = CommandLineTests.run(arguments)
            XCTAssertEqual(outcome.status, 2, "\(arguments)")
            XCTAssertTrue(outcome.errors.hasPrefix("Error: "), outcome.errors)
        }
    }
}
