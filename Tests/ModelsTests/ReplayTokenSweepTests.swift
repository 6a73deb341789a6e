import CacheAsideCheck
import CacheAsideModels
import XCTest

/// No token made under one configuration replays under another, over every configuration a user is
/// likely to try: the 48-bit fingerprint of format 2 had 102 colliding pairs among `--clients 1–64 ×
/// --ops 1–60` alone, let a cache-aside token replay under `--model lease --ttl 107270`, and let a user
/// strategy named `locked-27793` accept the README's token. Fingerprints only: no run is simulated.
final class ReplayTokenSweepTests: XCTestCase {
    /// Every catalogue model × clients 1–64 × ops 1–60; every model × 304 TTLs; cache-aside × clients ×
    /// ops × four more TTLs; and 30,000 user strategy names (`locked-0` …): 115,787 configurations, so
    /// 6.7 billion pairs. Every fingerprint is distinct, and a token made under a configuration is
    /// refused by its neighbours in the sweep (one in five, to keep the test quick: the refusal itself
    /// is `ReplayTokenTests`' subject).
    func testNoTokenOfOneConfigurationReplaysUnderAnother() throws {
        let options = SimulationOptions()
        var fingerprints: [RunFingerprint] = []
        for entry in ModelCatalogue.entries {
            let strategy = entry.make(60)
            for clients in 1...64 {
                for operations in 1...60 {
                    let workload = Workload(clients: clients, operationsPerClient: operations)
                    fingerprints.append(RunFingerprint(strategy: strategy, workload: workload, options: options))
                }
            }
            for ttl in [nil, 107_270, 1_000_000_000] + (1...301).filter { $0 != 60 } {
                fingerprints.append(RunFingerprint(strategy: entry.make(ttl), workload: Workload(), options: options))
            }
        }
        for ttl in [nil, 1, 30, 107_270] as [Ticks?] {
            for clients in 1...64 {
                for operations in 1...60 where clients != 3 || operations != 3 {
                    let workload = Workload(clients: clients, operationsPerClient: operations)
                    fingerprints.append(RunFingerprint(strategy: CacheAside(ttl: ttl), workload: workload, options: options))
                }
            }
        }
        for number in 0..<30_000 {
            let strategy = RenamedStrategy(name: "locked-\(number)", base: LockedCacheAside())
            fingerprints.append(RunFingerprint(strategy: strategy, workload: Workload(), options: options))
        }
        let models = ModelCatalogue.entries.count
        XCTAssertEqual(fingerprints.count, models * (64 * 60 + 303) + 4 * (64 * 60 - 1) + 30_000)
        XCTAssertEqual(Set(fingerprints.map(\.total)).count, fingerprints.count, "two configurations share a total")
        for index in stride(from: 1, to: fingerprints.count, by: 5) {
            let token = try ReplayToken(decoding: ReplayToken(choices: [1, 2], fingerprint: fingerprints[index]).encoded)
            XCTAssertThrowsError(try token.check(against: fingerprints[index - 1]))
        }
    }

    /// The two collisions issue 16 reported, pinned one by one.
    func testTheReportedCollisionsAreRefused() throws {
        let readme = RunFingerprint(strategy: CacheAside(ttl: 60), workload: Workload(), options: SimulationOptions())
        let token = try ReplayToken(decoding: ReplayToken(choices: [0, 0, 2, 0, 0, 0, 0, 0, 1, 1, 0, 1], fingerprint: readme).encoded)
        let lease = RunFingerprint(strategy: Lease(ttl: 107_270), workload: Workload(), options: SimulationOptions())
        XCTAssertThrowsError(try token.check(against: lease)) { error in
            XCTAssertEqual((error as? ReplayToken.DecodingError)?.mismatch?.parts, [.strategy, .strategySettings])
        }
        let locked = RunFingerprint(
            strategy: RenamedStrategy(name: "locked-27793", base: LockedCacheAside()), workload: Workload(),
            options: SimulationOptions())
        XCTAssertThrowsError(try token.check(against: locked))
    }

    /// A model's parameters are part of its settings, so a token made with one delay or lease time is
    /// refused under another: the default `settings` reads every stored property.
    func testEveryModelParameterIsInTheModelsSettings() {
        let variants: [(any CachingStrategy, any CachingStrategy)] = [
            (DelayedDoubleDelete(delay: 5), DelayedDoubleDelete(delay: 6)),
            (SingleFlight(lockLease: 10_000), SingleFlight(lockLease: 10)),
            (LeasedSingleFlight(lockLease: 2), LeasedSingleFlight(lockLease: 3)),
            (VersionedSet(casAttempts: 8), VersionedSet(casAttempts: 2)),
            (ProbabilisticEarlyExpiration(beta: 1), ProbabilisticEarlyExpiration(beta: 2)),
            (ProbabilisticEarlyExpiration(recomputeTicks: 2), ProbabilisticEarlyExpiration(recomputeTicks: 3)),
            (EarlyRefresh(refreshAhead: 5), EarlyRefresh(refreshAhead: 6)),
            (RefreshAhead(refreshAhead: 5), RefreshAhead(refreshAhead: 6)),
            (NegativeCaching(negativeTTL: 5), NegativeCaching(negativeTTL: 6)),
            (NegativeCachingInvalidatingOnInsert(negativeTTL: 5), NegativeCachingInvalidatingOnInsert(negativeTTL: 6)),
        ]
        for (one, other) in variants {
            XCTAssertNotEqual(one.settings, other.settings, one.name)
        }
        for entry in ModelCatalogue.entries {
            XCTAssertNotEqual(entry.make(30).settings, entry.make(60).settings, entry.name)
            XCTAssertNotEqual(entry.make(nil).settings, entry.make(60).settings, entry.name)
        }
        XCTAssertEqual(DelayedDoubleDelete(ttl: 60, delay: 5).settings, "(ttl:60,delay:5)")
    }
}

/// A user's strategy with a name of its own, as `--model`-like names are given in tests.
private struct RenamedStrategy: CachingStrategy {
    var name: String
    var base: LockedCacheAside

    func read(_ key: Key, in env: Environment) async throws -> Value? { try await base.read(key, in: env) }
    func write(_ key: Key, _ value: Value, in env: Environment) async throws { try await base.write(key, value, in: env) }
}
