import CacheAsideCheck
import CacheAsideModels
import Foundation
import XCTest

/// Every replay token the README and the DocC articles print replays under the configuration they show
/// with it, and reproduces the failure they describe: a token format change, or a fingerprint that
/// learns a new setting, fails here until the documents are regenerated (format-2 tokens in the README
/// had gone stale unnoticed).
final class DocumentedTokensReplayTests: XCTestCase {
    private static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    private func text(_ path: String) throws -> String {
        try String(contentsOf: Self.packageRoot.appendingPathComponent(path), encoding: .utf8)
    }

    /// The tokens in `text` that follow `prefix`, up to the first character no token has; placeholders
    /// such as `"<token>"` are not tokens.
    private func tokens(after prefix: String, in text: String) -> [String] {
        text.components(separatedBy: prefix).dropFirst().map { rest in
            String(rest.prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
        }.filter { !$0.isEmpty }
    }

    /// "A real report": `cacheaside-check --seeds 10000`, whose replay lines name no flag but the model.
    func testTheReadmeReportsReplayLinesReplayUnderTheDefaultCheck() throws {
        let found = tokens(after: "cacheaside-check --model cache-aside --replay ", in: try text("README.md"))
        XCTAssertEqual(Set(found).count, 3, "\(found)")
        let checker = Checker(
            strategy: CacheAside(ttl: 60), properties: [.linearizability, .convergence, .staleness(bound: 60)])
        for token in Set(found) {
            XCTAssertEqual(try checker.replayReport(token: token).outcome, .violated, token)
        }
    }

    /// The failure message of `CacheFirstWrites` the README shows, and the `FailureMessage` doc comment.
    func testTheReadmeFailureMessagesTokenReplaysTheWorldInvariantBreak() throws {
        let readme = try text("README.md")
        let found = tokens(after: "replay(token: \"", in: readme) + tokens(after: "replaying: \"", in: readme)
            + tokens(after: "replay(token: \"", in: try text("Sources/CacheAsideCheckTesting/FailureMessage.swift"))
        XCTAssertGreaterThanOrEqual(found.count, 3, "\(found)")
        let checker = Checker(
            strategy: CacheFirstWrites(), workload: Workload(clients: 3, operationsPerClient: 3, keys: 2),
            properties: [], invariants: [cacheHoldsOnlyCommittedRows])
        for token in Set(found) {
            let run = try checker.replay(token: token)
            XCTAssertNotNil(checker.evaluate(run)[0].violation, token)
        }
    }

    /// GettingStarted's `XCTAssertConsistent(checker, replaying:)`, under the article's own checker.
    func testGettingStartedsTokenReplaysUnderItsChecker() throws {
        let found = tokens(
            after: "replaying: \"", in: try text("Sources/CacheAsideCheck/CacheAsideCheck.docc/GettingStarted.md"))
        XCTAssertEqual(found.count, 1)
        let checker = Checker(
            strategy: GettingStarted.CacheAside(), workload: Workload(clients: 3, operationsPerClient: 3, keys: 2),
            properties: [.linearizability, .convergence, .staleness(bound: 60)])
        XCTAssertEqual(try checker.replayReport(token: try XCTUnwrap(found.first)).outcome, .violated)
    }
}

/// The strategies the DocC articles define, spelled as they spell them (a token is bound to the
/// strategy's name, type name and settings).
private enum GettingStarted {
    struct CacheAside: CachingStrategy {
        var ttl: Ticks? = 60
        func read(_ key: Key, in env: Environment) async throws -> Value? {
            if let hit = try await env.cache.get(key) { return hit }
            let row = try await env.database.read(key)
            if let row { try await env.cache.set(key, row, ttl: ttl) }
            return row
        }
        func write(_ key: Key, _ value: Value, in env: Environment) async throws {
            try await env.database.write(key, value)
            try await env.cache.delete(key)
        }
    }
}

/// The README's failure message of `CacheFirstWrites` is the one the helper prints today, trace,
/// shrink figures and token included, so a change to shrinking or tokens cannot leave it behind.
final class ReadmeFailureMessageIsInSyncTests: XCTestCase {
    func testReadmeShowsTheFailureMessageTheHelperPrints() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let opening = "  ```\n  XCTAssertConsistent: CacheFirstWrites"
        let start = try XCTUnwrap(readme.range(of: opening))
        let end = try XCTUnwrap(readme.range(of: "\n  ```\n", range: start.upperBound..<readme.endIndex))
        let shown = readme[readme.index(start.lowerBound, offsetBy: 6)..<end.lowerBound]
            .split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix("  ") ? String($0.dropFirst(2)) : String($0) }
            .joined(separator: "\n")
        let checker = Checker(
            strategy: CacheFirstWrites(), workload: Workload(clients: 3, operationsPerClient: 3, keys: 2),
            properties: [], invariants: [cacheHoldsOnlyCommittedRows], exploration: Exploration(seeds: 0..<500))
        let message = try XCTUnwrap(checker.check().failureMessage)
        XCTAssertEqual(shown, "XCTAssertConsistent: " + message)
    }
}
