@testable import CacheAsideLinearizability
import CacheAsideCheck
import XCTest

/// `RegisterSearch` itself — not the checker, whose unique-value pre-check answers most read/write
/// histories before any search — against the oracles: `BruteForceLinearizability` on small histories,
/// `MemoisedLinearizability` on histories of up to 40 operations. The shapes lean on what the search's
/// reductions touch: few distinct values (so reads are often legal early and forced), failed and
/// same-value compare-and-sets, cut-short operations, and corrupted results.
final class RegisterSearchOracleTests: XCTestCase {
    private let unlimited = RegisterSearch.Budget(stepLimit: .max, memoryLimit: .max, deadline: nil)

    private func search(_ history: [RegisterOperation]) -> RegisterSearch.Outcome {
        RegisterSearch.run(history, initialValue: 0, budget: unlimited)
    }

    private func isLinearizable(_ outcome: RegisterSearch.Outcome, seed: UInt64) -> Bool? {
        switch outcome {
        case .linearizable: return true
        case .stuck: return false
        case .abandoned: XCTFail("seed \(seed): abandoned without limits"); return nil
        }
    }

    /// A seeded history on one key of `operations` operations or fewer; odd seeds are corrupted.
    private func history(seed: UInt64, operations: Int, maxClients: Int) -> [RegisterOperation] {
        let clients = 2 + Int(seed % UInt64(maxClients - 1))
        let shape = RandomRegisterHistory(
            clients: clients, operationsPerClient: operations / clients,
            readFraction: [0.3, 0.5, 0.7][Int(seed / 3 % 3)], compareAndSetFraction: [0.1, 0.3][Int(seed / 7 % 2)],
            crashFraction: seed % 4 == 1 ? 0.25 : (seed % 4 == 3 ? 0.05 : 0), valueRange: [2, 3, 4, nil][Int(seed / 5 % 4)])
        let generated = shape.generate(seed: seed)
        return seed % 2 == 1 ? RandomRegisterHistory.corrupted(generated, seed: seed) : generated
    }

    func testSearchAgreesWithBruteForceOnSmallHistories() {
        var violations = 0, linearizable = 0
        for seed in UInt64(0)..<4_000 {
            let history = history(seed: seed, operations: 8, maxClients: 4)
            let expected = BruteForceLinearizability.isLinearizable(history)
            guard let found = isLinearizable(search(history), seed: seed) else { continue }
            XCTAssertEqual(found, expected, "seed \(seed): \(history)")
            if expected { linearizable += 1 } else { violations += 1 }
        }
        XCTAssertGreaterThan(violations, 800)
        XCTAssertGreaterThan(linearizable, 800)
    }

    func testSearchPrefixIsLongestLinearisableAndTheBlockingOperationCannotExtendIt() {
        var checked = 0
        for seed in UInt64(0)..<2_000 {
            let history = history(seed: seed, operations: 8, maxClients: 4)
            guard case .stuck(let prefix, let value, let blocking) = search(history) else { continue }
            checked += 1
            XCTAssertTrue(BruteForceLinearizability.isLinearisablePrefix(prefix, of: history), "seed \(seed)")
            XCTAssertEqual(prefix.count, BruteForceLinearizability.longestPrefixLength(history), "seed \(seed)")
            XCTAssertFalse(BruteForceLinearizability.canExtend(prefix, with: blocking, in: history), "seed \(seed)")
            let replayed = prefix.reduce(0) { BruteForceLinearizability.apply($1, to: $0) ?? -1 }
            XCTAssertEqual(value, replayed, "seed \(seed): the register value is the prefix's")
        }
        XCTAssertGreaterThan(checked, 500)
    }

    func testSearchAgreesWithPlainMemoisedSearchOnLongerHistories() {
        var violations = 0, linearizable = 0
        for seed in UInt64(0)..<600 {
            let history = history(seed: seed, operations: 40, maxClients: 8)
            let expected = MemoisedLinearizability.isLinearizable(history)
            guard let found = isLinearizable(search(history), seed: seed) else { continue }
            XCTAssertEqual(found, expected, "seed \(seed): \(history)")
            if expected { linearizable += 1 } else { violations += 1 }
        }
        XCTAssertGreaterThan(violations, 100)
        XCTAssertGreaterThan(linearizable, 250)
    }

    /// Issue 20's hard history, smaller: 16 clients × 40 operations on one key, values 0..<5, the last
    /// read corrupted. Before the forced state-preserving operations and the compact memo, 20 clients ran
    /// out of the default 512 MiB memo; this pins down that the default limits decide such histories.
    func testHardManyClientHistoryIsDecidedAtTheDefaultLimits() {
        var history = RandomRegisterHistory(
            clients: 16, operationsPerClient: 40, readFraction: 0.5, compareAndSetFraction: 0.1, valueRange: 5
        ).generate(seed: 20)
        let lastRead = history.indices.filter { history[$0].kind == .read }
            .max { history[$0].returnedAt! < history[$1].returnedAt! }!
        history[lastRead].observed = (history[lastRead].observed! + 1) % 5
        guard case .violation = LinearizabilityChecker().check(history) else {
            return XCTFail("expected a violation at the default limits")
        }
    }
}
