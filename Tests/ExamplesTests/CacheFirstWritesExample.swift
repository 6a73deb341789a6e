import CacheAsideCheck
import CacheAsideCheckTesting
import XCTest

/// A user strategy that breaks both README invariants: a writer puts the new value in the cache before
/// the database commits it, so the cache is briefly ahead of the database, and a reader can fill the
/// cache with the old row in between, which the writer's own next read then returns.
struct CacheFirstWrites: CachingStrategy {
    func read(_ key: Key, in env: Environment) async throws -> Value? {
        if let hit = try await env.cache.get(key) { return hit }
        let row = try await env.database.read(key)
        if let row { try await env.cache.set(key, row, ttl: nil) }
        return row
    }

    func write(_ key: Key, _ value: Value, in env: Environment) async throws {
        try await env.cache.set(key, value, ttl: nil)
        try await env.database.write(key, value)
    }
}

/// The failing half of the example: the same invariants as the README, a strategy that breaks them, and
/// the minimal traces the helpers fail with. The assertions read the message rather than failing.
final class CacheFirstWritesExampleTests: XCTestCase {
    let checker = Checker(
        strategy: CacheFirstWrites(), workload: Workload(clients: 3, operationsPerClient: 3, keys: 2),
        properties: [], invariants: [cacheHoldsOnlyCommittedRows, readsFollowOwnWrites],
        exploration: Exploration(seeds: 0..<200))

    func testBothInvariantsAreViolated() throws {
        let message = try XCTUnwrap(checker.check().failureMessage)
        XCTAssertTrue(message.hasPrefix(
            "CacheFirstWrites violated cache holds only committed rows, reads follow own writes "
                + "(2 of 2 properties, 200 runs, seeds 0…199)"))
    }

    func testWorldInvariantShrinksToTheOneCacheSetThatBreaksIt() throws {
        let report = checker.check()
        let example = try XCTUnwrap(report.properties[0].counterexample)
        XCTAssertEqual(example.size.operations, 1)
        XCTAssertEqual(example.size.steps, 2)
        XCTAssertEqual(
            example.violation.explanation,
            "“cache holds only committed rows” stopped holding after client 1's cache.set k1=v1 at t1")
        let marked = try XCTUnwrap(markedLine(in: report.failureMessage, for: "cache holds only committed rows"))
        XCTAssertTrue(marked.contains("cache.set k1=v1"), marked)
    }

    func testHistoryInvariantMarksTheStaleReadOfTheWritersOwnKey() throws {
        let report = checker.check()
        let example = try XCTUnwrap(report.properties[1].counterexample)
        XCTAssertEqual(example.size.clients, 2)
        XCTAssertTrue(example.violation.explanation.contains("after its own write of"))
        // The marked line is the read that returned something other than the client's own last write,
        // the value the explanation names.
        let marked = try XCTUnwrap(markedLine(in: report.failureMessage, for: "reads follow own writes"))
        let returned = try XCTUnwrap(example.violation.explanation.firstMatch(of: /read (v\d+) of/)?.1)
        XCTAssertTrue(marked.contains("◀ \(returned)"), "\(marked) — \(example.violation.explanation)")
    }

    func testReplayLineReproducesTheWorldInvariantBreak() throws {
        let report = checker.check()
        let example = try XCTUnwrap(report.properties[0].counterexample)
        let message = try XCTUnwrap(report.failureMessage)
        let line = "    let run = try checker.replay(token: \"\(example.replayToken)\")"
        XCTAssertTrue(message.contains(line))
        let run = try checker.replay(token: example.replayToken)
        XCTAssertEqual(checker.evaluate(run)[0].violation, example.violation)
    }

    /// The lane row the failure message marks as where `property` broke.
    private func markedLine(in message: String?, for property: String) -> String? {
        message?.split(separator: "\n").map(String.init).first { $0.hasSuffix("◀ \(property) broken here") }
    }
}
