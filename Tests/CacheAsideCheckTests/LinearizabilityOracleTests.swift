import CacheAsideCheck
import CacheAsideHistories
import XCTest

/// The checker against `BruteForceLinearizability` on thousands of small generated histories with
/// concurrent, cut-short and compare-and-set operations, about half of them corrupted to be
/// non-linearizable.
final class LinearizabilityOracleTests: XCTestCase {
    /// A seeded small history (at most 8 operations) of varying shape; odd seeds are corrupted.
    private func smallHistory(seed: UInt64) -> [RegisterOperation] {
        let clients = 2 + Int(seed % 3)                     // 2…4
        let shape = RandomRegisterHistory(
            clients: clients, operationsPerClient: 8 / clients, keys: seed % 5 == 0 ? 2 : 1,
            readFraction: 0.45, compareAndSetFraction: 0.25, crashFraction: seed % 4 == 1 ? 0.3 : 0.1,
            valueRange: seed % 3 == 0 ? 3 : nil)
        let history = shape.generate(seed: seed)
        return seed % 2 == 1 ? RandomRegisterHistory.corrupted(history, seed: seed) : history
    }

    func testCheckerAgreesWithBruteForceOnGeneratedHistories() {
        var violations = 0
        let checker = LinearizabilityChecker()
        for seed in UInt64(0)..<3_000 {
            let history = smallHistory(seed: seed)
            XCTAssertLessThanOrEqual(history.count, 8)
            let expected = BruteForceLinearizability.isLinearizable(history)
            let verdict = checker.check(history)
            if case .unknown = verdict { XCTFail("seed \(seed): unknown without limits"); continue }
            XCTAssertEqual(verdict.isLinearizable, expected, "seed \(seed): \(history)")
            if !expected { violations += 1 }
        }
        // Enough of both kinds for the agreement to mean something.
        XCTAssertGreaterThan(violations, 600)
        XCTAssertLessThan(violations, 2_400)
    }

    func testViolationPrefixIsLinearisableLongestAndCannotBeExtendedByTheNamedOperation() {
        var checked = 0
        for seed in UInt64(0)..<1_500 where seed % 5 != 0 {  // one key, so the prefix is the whole story
            let history = smallHistory(seed: seed)
            guard let found = LinearizabilityChecker().check(history).violation else { continue }
            checked += 1
            let prefix = found.longestLinearizablePrefix
            XCTAssertTrue(BruteForceLinearizability.isLinearisablePrefix(prefix, of: history), "seed \(seed)")
            XCTAssertEqual(prefix.count, BruteForceLinearizability.longestPrefixLength(history), "seed \(seed)")
            XCTAssertTrue(found.operation.isCompleted, "seed \(seed)")
            XCTAssertFalse(prefix.contains(found.operation), "seed \(seed)")
            XCTAssertFalse(
                BruteForceLinearizability.canExtend(prefix, with: found.operation, in: history), "seed \(seed)")
            XCTAssertNotEqual(found.operation.kind, .write, "a write can always be placed")
        }
        XCTAssertGreaterThan(checked, 200)
    }

    func testLargerGeneratedHistoriesAreLinearizableUntilCorrupted() {
        // The generator runs a real register, so its histories are linearizable by construction.
        let shape = RandomRegisterHistory(clients: 6, operationsPerClient: 20, keys: 2, crashFraction: 0.1)
        for seed in UInt64(0)..<100 {
            XCTAssertTrue(LinearizabilityChecker().check(shape.generate(seed: seed)).isLinearizable, "seed \(seed)")
        }
    }
}

/// The O(n log n) check for registers with distinct written values (Gibbons & Korach) against the
/// brute-force oracle, on histories inside its scope: reads and writes only, fresh values, some cut short.
final class UniqueValueRegisterOracleTests: XCTestCase {
    func testCheckerAgreesWithBruteForceOnReadWriteHistoriesWithFreshValues() {
        var violations = 0, linearizable = 0
        for seed in UInt64(0)..<4_000 {
            let clients = 2 + Int(seed % 3)
            let shape = RandomRegisterHistory(
                clients: clients, operationsPerClient: 8 / clients, readFraction: 0.5, compareAndSetFraction: 0,
                crashFraction: seed % 4 == 1 ? 0.3 : 0.1)
            let generated = shape.generate(seed: seed)
            let history = seed % 2 == 1 ? RandomRegisterHistory.corrupted(generated, seed: seed) : generated
            let expected = BruteForceLinearizability.isLinearizable(history)
            guard let outcome = UniqueValueRegisterCheck.decide(history, initialValue: 0) else {
                XCTFail("seed \(seed): out of scope \(history)"); continue
            }
            XCTAssertEqual(outcome == .linearizable, expected, "seed \(seed): \(history)")
            if case .violation(let index, _) = outcome { XCTAssertEqual(history[index].kind, .read, "seed \(seed)") }
            if expected { linearizable += 1 } else { violations += 1 }
        }
        XCTAssertGreaterThan(violations, 800)
        XCTAssertGreaterThan(linearizable, 2_000)
    }
}
