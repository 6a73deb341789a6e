import CacheAsideCheck
import Foundation
import XCTest

#if canImport(FoundationXML)
import FoundationXML
#endif

@testable import cacheaside_check

/// `--junit FILE` writes what JUnit readers accept: the schema's element nesting and attribute names,
/// counts that agree with the cases, a failure per violated property carrying the lanes and the replay
/// line, and text that survives escaping.
final class JUnitOutputTests: XCTestCase {
    /// A parsed element: name, attributes, text, children.
    final class Element {
        let name: String
        let attributes: [String: String]
        var text = ""
        var children: [Element] = []
        init(name: String, attributes: [String: String]) {
            self.name = name
            self.attributes = attributes
        }
        func all(_ name: String) -> [Element] { children.filter { $0.name == name } }
    }

    /// Builds an `Element` tree with Foundation's `XMLParser` (FoundationXML on Linux).
    final class TreeBuilder: NSObject, XMLParserDelegate {
        var stack: [Element] = []
        var root: Element?
        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String]
        ) {
            let element = Element(name: name, attributes: attributes)
            stack.last?.children.append(element)
            if root == nil { root = element }
            stack.append(element)
        }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            stack.removeLast()
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { stack.last?.text += string }
    }

    static func parse(_ xml: String, file: StaticString = #filePath, line: UInt = #line) throws -> Element {
        let parser = XMLParser(data: Data(xml.utf8))
        let builder = TreeBuilder()
        parser.delegate = builder
        XCTAssertTrue(parser.parse(), "not well-formed XML: \(parser.parserError.map { "\($0)" } ?? "")", file: file, line: line)
        return try XCTUnwrap(builder.root, file: file, line: line)
    }

    /// The shape JUnit readers expect (the Ant/Jenkins JUnit schema): `testsuites` of `testsuite`s of
    /// `testcase`s with `name` and `classname`, at most one of `failure`/`error`/`skipped` in a case, a
    /// `message` on each, and `tests`/`failures`/`errors`/`skipped` counts equal to what the cases say.
    static func assertJUnitShape(_ root: Element, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(root.name, "testsuites", file: file, line: line)
        var totals = [0, 0, 0, 0]
        for suite in root.children {
            XCTAssertEqual(suite.name, "testsuite", file: file, line: line)
            XCTAssertNotNil(suite.attributes["name"], file: file, line: line)
            XCTAssertTrue(suite.children.allSatisfy { ["properties", "testcase"].contains($0.name) }, file: file, line: line)
            for property in suite.all("properties").flatMap({ $0.children }) {
                XCTAssertEqual(property.name, "property", file: file, line: line)
                XCTAssertNotNil(property.attributes["name"], file: file, line: line)
                XCTAssertNotNil(property.attributes["value"], file: file, line: line)
            }
            var counts = [0, 0, 0, 0]
            for testCase in suite.all("testcase") {
                counts[0] += 1
                XCTAssertNotNil(testCase.attributes["name"], file: file, line: line)
                XCTAssertNotNil(testCase.attributes["classname"], file: file, line: line)
                XCTAssertLessThanOrEqual(testCase.children.count, 1, file: file, line: line)
                for outcome in testCase.children {
                    switch outcome.name {
                    case "failure": counts[1] += 1
                    case "error": counts[2] += 1
                    case "skipped": counts[3] += 1
                    default: XCTFail("unexpected <\(outcome.name)> in a testcase", file: file, line: line)
                    }
                    XCTAssertNotNil(outcome.attributes["message"], file: file, line: line)
                }
            }
            for (index, attribute) in ["tests", "failures", "errors", "skipped"].enumerated() {
                XCTAssertEqual(suite.attributes[attribute], "\(counts[index])", attribute, file: file, line: line)
                totals[index] += counts[index]
            }
        }
        for (index, attribute) in ["tests", "failures", "errors", "skipped"].enumerated() {
            XCTAssertEqual(root.attributes[attribute], "\(totals[index])", attribute, file: file, line: line)
        }
    }

    private func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("junit-\(UUID().uuidString).xml").path
    }

    func testCheckWritesOneFailingTestCasePerViolatedPropertyWithLanesAndReplayLine() throws {
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let outcome = CommandLineTests.run([
            "--seeds", "200", "--property", "linearizability,convergence,staleness", "--junit", path, "--quiet",
        ])
        XCTAssertEqual(outcome.status, 1, outcome.errors)
        let root = try Self.parse(try String(contentsOfFile: path, encoding: .utf8))
        Self.assertJUnitShape(root)
        let suite = try XCTUnwrap(root.all("testsuite").first)
        XCTAssertEqual(root.all("testsuite").count, 1)
        XCTAssertEqual(suite.attributes["name"], "cache-aside")
        let cases = suite.all("testcase")
        XCTAssertEqual(cases.map { $0.attributes["name"] }, ["linearizability", "convergence", "staleness ≤ 60"])
        XCTAssertTrue(cases.allSatisfy { $0.attributes["classname"] == "cache-aside" })
        let failure = try XCTUnwrap(cases[1].all("failure").first)
        XCTAssertTrue(failure.attributes["message"]!.hasPrefix("convergence violated in "), failure.attributes["message"]!)
        XCTAssertTrue(failure.text.contains("tick  client 1"), failure.text)
        // The failure's replay line is the one the terminal prints, so a CI page alone reproduces it.
        let replay = try XCTUnwrap(failure.text.split(separator: "\n").last.map(String.init))
        XCTAssertTrue(replay.hasPrefix("replay: cacheaside-check --model cache-aside"), replay)
        XCTAssertTrue(outcome.output.contains(replay), "the terminal prints the same replay line")
    }

    func testPropertiesThatHoldArePassingTestCases() throws {
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let outcome = CommandLineTests.run(["--model", "lease", "--seeds", "100", "--property", "convergence", "--junit", path])
        XCTAssertEqual(outcome.status, 0, outcome.output + outcome.errors)
        let root = try Self.parse(try String(contentsOfFile: path, encoding: .utf8))
        Self.assertJUnitShape(root)
        XCTAssertEqual(root.attributes["tests"], "1")
        XCTAssertEqual(root.attributes["failures"], "0")
        XCTAssertEqual(root.all("testsuite").first?.all("testcase").first?.children.count, 0)
    }

    func testCompareWritesOneSuitePerModel() throws {
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let outcome = CommandLineTests.run(["compare", "--seeds", "30", "--junit", path])
        XCTAssertEqual(outcome.status, 0, outcome.errors)
        let root = try Self.parse(try String(contentsOfFile: path, encoding: .utf8))
        Self.assertJUnitShape(root)
        let suites = root.all("testsuite")
        XCTAssertGreaterThan(suites.count, 5)
        XCTAssertEqual(suites.first?.attributes["name"], "cache-aside")
        let linearizability = try XCTUnwrap(suites.first?.all("testcase").first { $0.attributes["name"] == "linearizability" })
        XCTAssertEqual(linearizability.attributes["classname"], "cache-aside")
        // A failing compare case names the command that draws its first failing seed, and that command
        // finds the same violation.
        let text = try XCTUnwrap(linearizability.all("failure").first?.text)
        let command = try XCTUnwrap(text.range(of: "cacheaside-check ").map { String(text[$0.upperBound...]) })
        let drawn = CommandLineTests.run(command.split(separator: " ").map(String.init))
        XCTAssertEqual(drawn.status, 1, command)
        XCTAssertTrue(drawn.output.contains("linearizability  VIOLATED"), drawn.output)
    }

    func testUndecidedAndCouldNotRunAreNeverPasses() throws {
        let document = JUnitReport(suites: [
            JUnitReport.TestSuite(name: "m", testCases: [
                JUnitReport.TestCase(name: "staleness", className: "m", outcome: .skipped(message: "time limit")),
                JUnitReport.TestCase(name: "convergence", className: "m", outcome: .error(message: "escaped", details: "Task.sleep")),
                JUnitReport.TestCase(name: "linearizability", className: "m", outcome: .passed),
            ])
        ])
        let root = try Self.parse(document.xml())
        Self.assertJUnitShape(root)
        XCTAssertEqual(root.attributes["skipped"], "1")
        XCTAssertEqual(root.attributes["errors"], "1")
        XCTAssertEqual(root.attributes["failures"], "0")
    }

    func testTextIsEscapedAndSurvivesParsing() throws {
        let awkward = "a<b & \"c\" 'd'\nsecond line\tand a bell \u{7} ]]> end"
        let document = JUnitReport(suites: [
            JUnitReport.TestSuite(
                name: awkward,
                testCases: [JUnitReport.TestCase(name: awkward, className: "x", outcome: .failed(message: awkward, details: awkward))],
                properties: [("p", awkward)])
        ])
        let root = try Self.parse(document.xml())
        Self.assertJUnitShape(root)
        let expected = awkward.replacingOccurrences(of: "\u{7}", with: "\u{FFFD}")
        let testCase = try XCTUnwrap(root.all("testsuite").first?.all("testcase").first)
        XCTAssertEqual(testCase.attributes["name"], expected)
        XCTAssertEqual(testCase.all("failure").first?.attributes["message"], expected)
        XCTAssertEqual(testCase.all("failure").first?.text, expected)
    }

    func testARunThatCouldNotCompleteIsAnErrorInEveryCaseWithTheTerminalsWording() throws {
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let outcome = CommandLineTests.run(["--seeds", "20", "--step-budget", "10", "--junit", path])
        XCTAssertEqual(outcome.status, 2)
        let root = try Self.parse(try String(contentsOfFile: path, encoding: .utf8))
        Self.assertJUnitShape(root)
        XCTAssertEqual(root.attributes["errors"], root.attributes["tests"])
        let error = try XCTUnwrap(root.all("testsuite").first?.all("testcase").first?.all("error").first)
        XCTAssertTrue(error.text.contains("--step-budget"), error.text)
        XCTAssertTrue(error.text.contains("replay: cacheaside-check --model cache-aside --step-budget 10 --replay "), error.text)
    }

    func testACheckCutShortSkipsWhatHeldSoFar() throws {
        var exploration = Exploration(seeds: 0..<1_000)
        exploration.shouldStop = { true }
        let report = Checker(strategy: DatabaseOnly(), properties: [.convergence], exploration: exploration).check()
        XCTAssertEqual(report.outcome, .undecided)
        let suite = JUnitReport.TestSuite(report: report, model: "m") { $0 }
        let root = try Self.parse(JUnitReport(suites: [suite]).xml())
        Self.assertJUnitShape(root)
        XCTAssertEqual(root.attributes["skipped"], "1")
        let skipped = try XCTUnwrap(root.all("testsuite").first?.all("testcase").first?.all("skipped").first)
        XCTAssertFalse(skipped.attributes["message", default: ""].isEmpty)
    }

    func testUnwritableJUnitPathIsExitStatus2() {
        let outcome = CommandLineTests.run(["--seeds", "5", "--junit", "/nonexistent-directory/report.xml"])
        XCTAssertEqual(outcome.status, 2)
        XCTAssertTrue(outcome.errors.hasPrefix("Error: cannot write the JUnit report"), outcome.errors)
    }
}

/// A strategy with no cache at all: convergence holds trivially.
private struct DatabaseOnly: CachingStrategy {
    func read(_ key: Key, in env: Environment) async throws -> Value? { try await env.database.read(key) }
    func write(_ key: Key, _ value: Value, in env: Environment) async throws { try await env.database.write(key, value) }
}
