import Foundation
import XCTest

@testable import cacheaside_check

/// `--model NAME:param=value` on the command line: what ran is in the header, the JSON and the replay
/// line, a token is bound to the values, a mistake is a usage error, and `compare` takes rows and a sweep.
final class ModelParameterTests: XCTestCase {
    private static let xfetch = "probabilistic-early-expiration"

    /// The replay line of a failing check of `model` (convergence breaks for every XFetch setting).
    private func replayLine(_ model: String) throws -> String {
        let outcome = CommandLineTests.run(["--model", model, "--seeds", "300", "--property", "convergence"])
        XCTAssertEqual(outcome.status, 1, outcome.output + outcome.errors)
        return String(try XCTUnwrap(outcome.output.split(separator: "\n").first { $0.hasPrefix("replay: ") }))
    }

    func testTheHeaderAndTheJSONNameEveryParameterWithItsValue() throws {
        let text = CommandLineTests.run(["--model", "\(Self.xfetch):beta=2", "--seeds", "5", "--quiet"])
        XCTAssertTrue(text.output.hasPrefix("cacheaside-check"), text.output + text.errors)
        XCTAssertTrue(text.output.split(separator: "\n")[0].contains("model \(Self.xfetch):beta=2,delta=2, "), text.output)
        let json = CommandLineTests.run(["--model", "\(Self.xfetch):delta=4", "--seeds", "5", "--json"])
        let document = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        let options = try XCTUnwrap(document["options"] as? [String: String])
        XCTAssertEqual(options["model"], "\(Self.xfetch):beta=1,delta=4")
    }

    /// A token made with beta=2 replays under beta=2 and is refused under beta=1, naming the parameters.
    func testATokenIsBoundToTheParameterValues() throws {
        let line = try replayLine("\(Self.xfetch):beta=2")
        XCTAssertTrue(line.contains("--model \(Self.xfetch):beta=2 "), line)
        let token = String(try XCTUnwrap(line.split(separator: " ").last))
        let same = CommandLineTests.run(["--model", "\(Self.xfetch):beta=2", "--property", "convergence", "--replay", token])
        XCTAssertEqual(same.status, 1, same.errors)
        for other in ["\(Self.xfetch):beta=1", Self.xfetch, "\(Self.xfetch):beta=2,delta=3"] {
            let refused = CommandLineTests.run(["--model", other, "--property", "convergence", "--replay", token])
            XCTAssertEqual(refused.status, 2, other)
            XCTAssertTrue(refused.errors.contains("made with different --ttl or --model parameters;"), "\(other): \(refused.errors)")
        }
    }

    func testAnUnknownParameterOrABadValueIsExit2WithOneErrorLineNamingTheParameters() {
        for arguments in [["--model", "\(Self.xfetch):gamma=1"], ["compare", "--model", "\(Self.xfetch):beta=zero"]] {
            let outcome = CommandLineTests.run(arguments)
            XCTAssertEqual(outcome.status, 2, "\(arguments)")
            XCTAssertEqual(outcome.output, "")
            let first = outcome.errors.split(separator: "\n")[0]
            XCTAssertTrue(first.hasPrefix("Error: "), String(first))
            XCTAssertTrue(first.contains("takes beta (a number > 0 and ≤ 1000, default 1), delta (ticks ≥ 0, default 2)"), String(first))
        }
        let sweep = CommandLineTests.run(["--model", "\(Self.xfetch):beta=1|2"])
        XCTAssertEqual(sweep.status, 2)
        XCTAssertTrue(sweep.errors.hasPrefix("Error: 'beta=1|2' sweeps several values, which only compare takes"), sweep.errors)
    }

    func testModelsListsEachParameterWithItsDefaultUnderItsModel() {
        let lines = CommandLineTests.run(["models"]).output.split(separator: "\n").map(String.init)
        let model = try? XCTUnwrap(lines.firstIndex { $0.hasPrefix("\(Self.xfetch) ") })
        guard let model else { return XCTFail("no \(Self.xfetch) line") }
        XCTAssertTrue(lines[model + 1].hasPrefix("  beta=1 "), lines[model + 1])
        XCTAssertTrue(lines[model + 2].hasPrefix("  delta=2 "), lines[model + 2])
        XCTAssertTrue(lines.contains { $0.hasPrefix("  window=ttl/5 ") })
        XCTAssertFalse(lines[lines.firstIndex { $0.hasPrefix("cache-aside ") }! + 1].hasPrefix(" "), "cache-aside takes no parameters")
    }

    /// `compare --model` chooses the rows, a sweep gives one row per value, `--property` the columns.
    func testCompareTakesRowsASweepAndColumns() {
        let outcome = CommandLineTests.run(
            ["compare", "--seeds", "5", "--model", "cache-aside,\(Self.xfetch):beta=0.5|2", "--property", "stampede,convergence"])
        XCTAssertEqual(outcome.status, 0, outcome.errors)
        let rows = outcome.output.split(separator: "\n").filter { $0.hasPrefix("cache-aside ") || $0.hasPrefix(Self.xfetch) }
        // Every table of the comparison (verdicts, cost, staleness against the database, database load)
        // has the same rows in the same order.
        let names = rows.map { String($0.prefix { $0 != " " }) }
        let chosen = ["cache-aside", "\(Self.xfetch):beta=0.5", "\(Self.xfetch):beta=2"]
        XCTAssertEqual(names, Array(repeating: chosen, count: max(names.count / 3, 2)).flatMap { $0 })
        let header = outcome.output.split(separator: "\n").first { $0.hasPrefix("model ") } ?? ""
        XCTAssertTrue(header.contains("convergence") && header.contains("stampede ≤ 1"), String(header))
        XCTAssertFalse(header.contains("linearizability") || header.contains("staleness"), String(header))
        let missing = CommandLineTests.run(["compare", "--scenario", "hot-key-expiry", "--property", "linearizability"])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.errors.hasPrefix("Error: --property linearizability is not judged under scenario hot-key-expiry"), missing.errors)
    }
}
