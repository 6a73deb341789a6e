import CacheAsideCheck
import Foundation
import XCTest

@testable import cacheaside_check

/// `--html FILE` on check, compare and check-history: one self-contained, deterministic page each. The
/// drawing itself is checked in a real browser by `.ci/browser-check`; these pin down what the page holds.
final class HTMLReportTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("html-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: directory) }

    private func page(_ arguments: [String], status: Int32) throws -> String {
        let path = directory.appendingPathComponent("page-\(UUID().uuidString).html").path
        var output = ""
        var errors = ""
        let exit = CommandLineInterface.run(arguments + ["--html", path], output: &output, errors: &errors)
        XCTAssertEqual(exit, status, errors)
        return try String(contentsOfFile: path, encoding: .utf8)
    }

    /// Fetches anything: scripts or styles from elsewhere, images, fonts, links to follow.
    private func assertSelfContained(_ html: String, file: StaticString = #filePath, line: UInt = #line) {
        for pattern in ["src=", "href=", "@import", "url(", "https://", "<link"] {
            XCTAssertFalse(html.contains(pattern), "page should not contain \(pattern)", file: file, line: line)
        }
        XCTAssertEqual(html.components(separatedBy: "http://").count - 1, html.components(separatedBy: "http://www.w3.org/2000/svg").count - 1,
            "the only URL is the SVG namespace name", file: file, line: line)
        XCTAssertTrue(html.contains("<pre id=\"selfcheck\""), file: file, line: line)
    }

    /// A history that is not linearizable: process 2 reads null after process 1's write of 3 returned.
    private func writeStaleReadHistory(named name: String) throws -> URL {
        let history = directory.appendingPathComponent(name)
        try """
            {"process": 1, "type": "invoke", "f": "write", "key": 1, "value": 3}
            {"process": 1, "type": "ok", "f": "write", "key": 1, "value": 3}
            {"process": 2, "type": "invoke", "f": "read", "key": 1, "value": null}
            {"process": 2, "type": "ok", "f": "read", "key": 1, "value": null}

            """.write(to: history, atomically: true, encoding: .utf8)
        return history
    }

    private func expectedOperationCounts(_ html: String) -> [Int] {
        html.components(separatedBy: "data-expected-operations=\"").dropFirst().compactMap { Int($0.prefix { $0.isNumber }) }
    }

    func testCheckPageHoldsOneTimelinePerCounterexampleWithEveryOperation() throws {
        let html = try page(["--seeds", "200"], status: 1)
        assertSelfContained(html)
        var output = ""
        var errors = ""
        _ = CommandLineInterface.run(["--seeds", "200", "--json"], output: &output, errors: &errors)
        let report = try JSONDecoder().decode(JSONReport.self, from: Data(output.utf8))
        let runs = report.properties.compactMap(\.counterexample).map(\.run)
        XCTAssertEqual(expectedOperationCounts(html), runs.map(\.operations.count))
        for run in runs { XCTAssertTrue(html.contains(HTMLPage.escape(try XCTUnwrap(run.replayToken)))) }
        XCTAssertTrue(html.contains("\"marked\":\(runs[0].marked!.event)"), "the first timeline marks where linearizability broke")
    }

    func testSameArgumentsWriteByteIdenticalPages() throws {
        let first = try page(["--seeds", "100", "--jobs", "1"], status: 1)
        let second = try page(["--seeds", "100", "--jobs", "2"], status: 1)
        XCTAssertEqual(first, second)
    }

    func testComparePageColoursEveryModelAndProperty() throws {
        let html = try page(["compare", "--seeds", "20", "--clients", "2"], status: 0)
        assertSelfContained(html)
        // One unindented line per model in `models` (its parameters are indented below it): the catalogue
        // grows, the page must follow it.
        let models = CommandLineTests.run(["models"]).output.split(separator: "\n").filter { !$0.hasPrefix(" ") }.count
        let cells = html.components(separatedBy: "<td class=\"rate\"").count - 1
        XCTAssertEqual(cells, models * 4, "\(models) catalogue models × 4 properties")
        XCTAssertEqual(html.components(separatedBy: "class=\"small-chart\"").count - 1, 2 * models)
        // The stampede and cost table of the text, one row per model, with the read latency column.
        let cost = html.components(separatedBy: "<table class=\"matrix cost\">").dropFirst().first ?? ""
        let costTable = cost.components(separatedBy: "</table>")[0]
        XCTAssertEqual(costTable.components(separatedBy: "<tr data-model=").count - 1, models)
        XCTAssertTrue(costTable.contains("latency p50/p99/max"), costTable)
        XCTAssertTrue(costTable.contains("loads/expiry"), costTable)
    }

    func testHistoryPageMarksTheOperationThatCouldNotBeLinearised() throws {
        let history = try writeStaleReadHistory(named: "history.jsonl")
        let path = directory.appendingPathComponent("history.html").path
        XCTAssertEqual(CommandLineTests.run(["check-history", history.path, "--html", path]).status, 1)
        let html = try String(contentsOfFile: path, encoding: .utf8)
        assertSelfContained(html)
        XCTAssertEqual(expectedOperationCounts(html), [2])
        XCTAssertTrue(html.contains("op-bar read culprit"), "the stale read is the culprit")
        XCTAssertTrue(html.contains("op-bar write prefix"), "the write is the linearisable prefix")
    }

    func testSeveralHistoriesMakeOnePageWithASectionPerFile() throws {
        let broken = try writeStaleReadHistory(named: "a-broken.jsonl")
        let fine = directory.appendingPathComponent("b-fine.jsonl")
        try """
            {"process": "p1", "type": "invoke", "f": "write", "key": "x", "value": 1}
            {"process": "p1", "type": "ok", "f": "write", "key": "x", "value": 1}
            {"process": "p2", "type": "invoke", "f": "read", "key": "x"}
            {"process": "p2", "type": "ok", "f": "read", "key": "x", "value": 1}
            {"process": "p2", "type": "invoke", "f": "read", "key": "y"}
            {"process": "p2", "type": "ok", "f": "read", "key": "y", "value": null}

            """.write(to: fine, atomically: true, encoding: .utf8)
        let path = directory.appendingPathComponent("histories.html").path
        XCTAssertEqual(CommandLineTests.run(["check-history", broken.path, fine.path, "--html", path]).status, 1)
        let html = try String(contentsOfFile: path, encoding: .utf8)
        assertSelfContained(html)
        XCTAssertTrue(html.contains("<title>check-history: 2 files</title>"), html)
        XCTAssertTrue(html.contains("<h2>\(HTMLPage.escape(broken.path))</h2>"))
        XCTAssertTrue(html.contains("<h2>\(HTMLPage.escape(fine.path))</h2>"))
        XCTAssertEqual(expectedOperationCounts(html), [2, 2, 1], "one timeline per key, file by file")
        XCTAssertTrue(html.contains("op-bar read culprit"))
        // Operations are named by the file's processes, as the text names them.
        XCTAssertTrue(html.contains(#"process \"p2\"'s read → 1"#), "rows are named after the processes")
        XCTAssertTrue(html.contains("read of key 1 returned null"), "keys are spelled as the file spells them")
        XCTAssertFalse(html.contains(" k0 "), "not as the checker's interned numbers")
    }

    func testSixtyFourClientPageStaysUnderTwoMegabytes() throws {
        let html = try page(["--clients", "64", "--ops", "8", "--keys", "2", "--seed", "0", "--property", "linearizability"], status: 1)
        XCTAssertEqual(expectedOperationCounts(html), [512])
        XCTAssertLessThan(html.utf8.count, 2 * 1_048_576)
    }

    func testUnwritableHTMLPathIsAnErrorWithExitStatus2() {
        var output = ""
        var errors = ""
        let status = CommandLineInterface.run(
            ["--seeds", "10", "--html", "/nonexistent-directory/report.html"], output: &output, errors: &errors)
        XCTAssertEqual(status, 2)
        XCTAssertTrue(errors.hasPrefix("Error: cannot write the HTML report"), errors)
    }
}
