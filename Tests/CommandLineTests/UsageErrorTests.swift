import Foundation
import XCTest

@testable import cacheaside_check

/// Every form reports a usage mistake the same way, as swift-argument-parser does: `Error: …` with the
/// problem and the fix, the form's usage line, and where its options are listed — three lines on
/// standard error, nothing on standard output, exit 2.
final class UsageErrorTests: XCTestCase {
    /// Bad input for each form: an unknown flag, a missing value, a bad number, an unknown model name,
    /// an extra or missing argument, and a flag of another form.
    static let badInput: [(form: String, arguments: [[String]])] = [
        ("", [["--frobnicate"], ["--seeds"], ["--seeds", "many"], ["--jobs", "0"], ["--model", "memcached-magic"],
              ["extra"], ["--format", "edn"], ["--max-bytes", "5"], ["--seed", "1", "--seeds", "5"],
              ["--junit", "a.xml", "--junit", "b.xml"], ["--seeds", "5", "--version"]]),
        ("compare", [["--frobnicate"], ["--seeds"], ["--jobs", "lots"], ["--scenario", "rush-hour"],
                     ["--model", "memcached-magic"], ["extra"], ["--format", "edn"], ["--clients", "64", "--ops", "1000"]]),
        ("check-history", [["--frobnicate", "a.jsonl"], ["a.jsonl", "--time-limit"], ["a.jsonl", "--search-limit", "many"],
                           ["a.jsonl", "--memory-limit", "0"], ["--model", "lease", "a.jsonl"], [], ["-", "-"],
                           ["--seeds", "5", "a.jsonl"], ["--format", "yaml", "a.jsonl"]]),
        ("merge", [["--frobnicate", "a.json"], ["a.json", "--max-bytes"], ["--max-bytes", "big", "a.json"],
                   ["--model", "lease", "a.json"], [], ["--json", "a.json"]]),
        ("models", [["--frobnicate"], ["extra"], ["--seeds", "5"], ["--model", "lease"]]),
        ("scenarios", [["--frobnicate"], ["extra"], ["--scenario", "slow-refill"], ["--max-bytes", "5"]]),
    ]

    func testEveryFormGivesAnErrorTheUsageLineAndWhereHelpIsOnThreeLinesWithStatus2() {
        for (form, cases) in Self.badInput {
            let command = form.isEmpty ? "cacheaside-check" : "cacheaside-check \(form)"
            for arguments in cases {
                let given = form.isEmpty ? arguments : [form] + arguments
                let outcome = CommandLineTests.run(given)
                XCTAssertEqual(outcome.status, 2, "\(given)")
                XCTAssertEqual(outcome.output, "", "\(given)")
                let lines = outcome.errors.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
                XCTAssertLessThanOrEqual(lines.count, 3, "\(given): \(outcome.errors)")
                guard lines.count == 3 else { XCTFail("\(given): \(outcome.errors)"); continue }
                XCTAssertTrue(lines[0].hasPrefix("Error: "), "\(given): \(lines[0])")
                XCTAssertTrue(lines[1].hasPrefix("Usage: \(command)"), "\(given): \(lines[1])")
                XCTAssertEqual(String(lines[2]), "See '\(command) --help' for more information.", "\(given)")
            }
        }
    }

    func testTheExecutablePrintsTheSameThreeLines() throws {
        let outcome = try ExecutableRun.run(["check-history", "--seeds", "5", "a.jsonl"])
        XCTAssertEqual(outcome.status, 2)
        XCTAssertEqual(outcome.output, "")
        XCTAssertEqual(
            outcome.errors,
            """
            Error: unknown option '--seeds' for check-history; it is an option of cacheaside-check and cacheaside-check compare
            Usage: cacheaside-check check-history [<options>] <file>...
            See 'cacheaside-check check-history --help' for more information.

            """)
    }

    func testAnUnknownOptionNamesTheFormThatHasItOrTheNearestSpelling() {
        let elsewhere = CommandLineTests.run(["compare", "--replay", "x"]).errors
        XCTAssertTrue(elsewhere.hasPrefix("Error: unknown option '--replay' for compare; it is an option of cacheaside-check\n"), elsewhere)
        let typo = CommandLineTests.run(["--sedes", "5"]).errors
        XCTAssertTrue(typo.hasPrefix("Error: unknown option '--sedes'; did you mean --seeds?\n"), typo)
    }

    func testAValueThatLooksLikeAnOptionIsAMissingValueButANegativeNumberIsAValue() {
        XCTAssertTrue(CommandLineTests.run(["--html", "--json"]).errors.hasPrefix("Error: --html needs a value; write --html FILE\n"))
        XCTAssertTrue(CommandLineTests.run(["--seeds", "-5"]).errors.hasPrefix("Error: --seeds -5 is out of range"))
    }

    func testARepeatedOptionIsLastWinsAndScenarioAppliesFirstWhereverItIs() throws {
        let options = try CheckOptions.parse(["--clients", "3", "--seeds", "7", "--clients", "5", "--scenario", "slow-refill"])
        XCTAssertEqual(options.clients, 5)
        XCTAssertEqual(options.runs, .seeds(7))
        XCTAssertEqual(options.preset.name, "slow-refill")
    }

    /// Help is generated from the same description the parser reads, so every option parsed is documented.
    func testEveryFormsHelpListsEachOfItsOptionsAndItsUsageLine() {
        let forms: [(String, [String], String)] = [
            ("", CheckOptions.command.options.filter { !$0.isHidden }.map(\.label), CheckOptions.command.usage),
            ("compare", CompareCommand.command.options.map(\.label), CompareCommand.command.usage),
            ("check-history", CheckHistoryCommand.command.options.map(\.label), CheckHistoryCommand.command.usage),
            ("merge", MergeCommand.command.options.map(\.label), MergeCommand.command.usage),
            ("models", [], ModelsCommand.command.usage), ("scenarios", [], ScenariosCommand.command.usage),
        ]
        for (form, labels, usage) in forms {
            let outcome = CommandLineTests.run((form.isEmpty ? [] : [form]) + ["--help"])
            XCTAssertEqual(outcome.status, 0, form)
            XCTAssertTrue(outcome.output.contains("\n\(usage)\n"), "\(form): \(outcome.output)")
            for label in labels + ["-h, --help"] {
                // A long label has its text on the next line.
                XCTAssertTrue(
                    outcome.output.contains("\n  \(label) ") || outcome.output.contains("\n  \(label)\n"),
                    "\(form) --help should list \(label)")
            }
        }
        XCTAssertFalse(CommandLineTests.run(["--help"]).output.contains("--shrink-seconds"), "a retired flag is not offered")
    }

    /// The README shows a usage error as printed; this keeps that copy the command's own output.
    func testTheReadmesUsageErrorIsWhatTheCommandPrints() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        // The sample whose marker (`.ci/readme-samples.py`) says it is a usage error on standard error.
        let marker = try XCTUnwrap(
            readme.range(of: #"<!-- sample: cacheaside-check [^\n]*; exit 2; stderr -->\n```text\n"#, options: .regularExpression),
            "README.md shows no usage error")
        let command = readme[marker].dropFirst("<!-- sample: cacheaside-check ".count).prefix { $0 != ";" }
        let block = readme[marker.upperBound...]
        let end = try XCTUnwrap(block.range(of: "\n```"))
        let lines = [Substring(command)] + block[..<end.lowerBound].split(separator: "\n", omittingEmptySubsequences: false)
        let arguments = lines[0].split(separator: " ").map(String.init)
        let outcome = try ExecutableRun.run(arguments)
        XCTAssertEqual(outcome.status, 2)
        XCTAssertEqual(outcome.errors, lines.dropFirst().joined(separator: "\n") + "\n")
    }
}
