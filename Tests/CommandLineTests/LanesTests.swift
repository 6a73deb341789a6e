import CacheAsideCheck
import Foundation
import XCTest

@testable import cacheaside_check

/// The lanes and the JSON report's `run` are two pictures of one `RunModel`; the lanes fit a terminal.
final class LanesTests: XCTestCase {
    private func report(_ arguments: [String]) throws -> JSONReport {
        let outcome = CommandLineTests.run(arguments + ["--json"])
        XCTAssertEqual(outcome.status, 1, outcome.errors)
        return try JSONDecoder().decode(JSONReport.self, from: Data(outcome.output.utf8))
    }

    /// The rows between the rule under the header and the end: one per event at full width.
    private func rows(ofLanes lanes: String) -> [String] {
        let lines = lanes.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let rule = lines.firstIndex(where: { $0.hasPrefix("────") }) else { return [] }
        return Array(lines[(rule + 1)...])
    }

    func testTextLanesAndJSONEventsDescribeTheSameRun() throws {
        let document = try report(["--seeds", "200", "--model", "cache-aside"])
        let examples = document.properties.compactMap(\.counterexample)
        XCTAssertFalse(examples.isEmpty)
        for example in examples {
            let run = example.run
            let rows = rows(ofLanes: example.lanes)
            XCTAssertEqual(rows.count, run.events.count, example.lanes)
            for (row, event) in zip(rows, run.events) {
                XCTAssertEqual(row.split(separator: " ").first.map(String.init), "t\(event.tick)", row)
                let shown = event.cacheEffect ?? event.databaseEffect ?? LaneDiagram.laneText(event)
                XCTAssertTrue(row.contains(shown), "row '\(row)' should show '\(shown)' of event \(event.index)")
            }
            let markedRows = rows.indices.filter { rows[$0].contains("broken here") }
            XCTAssertEqual(markedRows, run.marked.map { [$0.event] } ?? [], example.lanes)
            XCTAssertEqual(run.replayToken, example.replayToken)
        }
    }

    func testJSONSeparatesPropertyIdentifiersFromLabels() throws {
        let document = try report(["--seeds", "200"])
        XCTAssertEqual(document.schemaVersion, JSONReport.currentSchemaVersion)
        let staleness = try XCTUnwrap(document.properties.first { $0.id == "staleness" })
        XCTAssertEqual(staleness.label, "staleness ≤ 60")
        let linearizability = try XCTUnwrap(document.properties.first { $0.id == "linearizability" })
        XCTAssertEqual(linearizability.label, "linearizability")
        XCTAssertEqual(linearizability.counterexample?.run.marked?.property, "linearizability")
        XCTAssertNotNil(staleness.counterexample?.run.stalenessWindows.first { $0.ticks ?? 0 > 60 })
    }

    /// Cache-aside's stampede at expiry, unshrunk so that all 16 clients stay in the run. (Single flight,
    /// which this used to draw, now keeps stampede ≤ 1 at expiry with 16 clients: its waiters poll the
    /// leased lock patiently.)
    func testCrowdedStampedeFitsInOneHundredTwentyColumnsAndSaysWhatItFolded() {
        let outcome = CommandLineTests.run([
            "--model", "cache-aside", "--property", "stampede", "--write-ratio", "0", "--clients", "16",
            "--ops", "4", "--ttl", "5", "--seeds", "10", "--no-shrink",
        ])
        XCTAssertEqual(outcome.status, 1, outcome.errors)
        let lines = outcome.output.split(separator: "\n").filter { !$0.hasPrefix("replay: ") }
        let widest = lines.map(\.count).max() ?? 0
        XCTAssertLessThanOrEqual(widest, 120, lines.first { $0.count > 120 }.map(String.init) ?? "")
        XCTAssertTrue(outcome.output.contains("share the 'others' column"), outcome.output)
        XCTAssertTrue(outcome.output.contains("broken here"), outcome.output)
        let full = CommandLineTests.run([
            "--model", "cache-aside", "--property", "stampede", "--write-ratio", "0", "--clients", "16",
            "--ops", "4", "--ttl", "5", "--seeds", "10", "--no-shrink", "--width", "10000",
        ])
        XCTAssertGreaterThan(full.output.split(separator: "\n").map(\.count).max() ?? 0, 120)
        // However wide, the clients the run model folds (as the HTML does) stay folded; none only to fit.
        XCTAssertFalse(full.output.contains("to fit"), full.output)
        XCTAssertFalse(full.output.contains("(further from the marked row)"), full.output)
    }

    func testNarrowWidthKeepsTheMarkedClientInItsOwnColumn() {
        let outcome = CommandLineTests.run(["--seeds", "200", "--width", "60", "--property", "linearizability"])
        let all = outcome.output.split(separator: "\n")
        let lanesStart = all.firstIndex { $0.hasPrefix("(") || $0.hasPrefix("tick ") } ?? all.endIndex
        let lines = all[lanesStart...].prefix { !$0.hasPrefix("replay: ") }
        XCTAssertGreaterThan(lines.count, 3, outcome.output)
        XCTAssertTrue(lines.allSatisfy { $0.count <= 60 }, lines.first { $0.count > 60 }.map(String.init) ?? "")
        let marked = lines.first { $0.contains("broken here") }
        XCTAssertNotNil(marked, outcome.output)
    }
}
