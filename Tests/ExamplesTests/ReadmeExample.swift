import CacheAsideCheck
import CacheAsideCheckTesting
import CacheAsideModels
import Testing
import XCTest

/// Cache-aside where a reader that misses fills the cache while holding the key's lock, and a writer
/// replaces the row and deletes the entry under the same lock, so no reader can put back a row that a
/// writer has just replaced.
struct LockedCacheAside: CachingStrategy {
    var ttl: Ticks? = 60

    func read(_ key: Key, in env: Environment) async throws -> Value? {
        if let hit = try await env.cache.get(key) { return hit }
        try await env.lock.acquire(key)
        let row = try await env.database.read(key)
        if let row { try await env.cache.set(key, row, ttl: ttl) }
        try await env.lock.release(key)
        return row
    }

    func write(_ key: Key, _ value: Value, in env: Environment) async throws {
        try await env.lock.acquire(key)
        try await env.database.write(key, value)
        try await env.cache.delete(key)
        try await env.lock.release(key)
    }
}

/// Checked after every step: the cache never holds a row the database has not committed.
let cacheHoldsOnlyCommittedRows = Invariant.world("cache holds only committed rows") { world in
    world.keys.allSatisfy { key in
        guard let cached = world.cache.get(key, at: world.now) else { return true }
        return world.database.committed[key, default: []].contains(cached)
    }
}

/// Checked on each finished run: once a client's write has returned, that client never reads a row
/// the database had committed before its write.
let readsFollowOwnWrites = Invariant.history("reads follow own writes") { history in
    let keys = Set(history.operations.map(\.operation.key)).sorted()
    let commits = history.databaseCommits(keys: keys).mapValues { $0.map(\.value) }
    var ownWrite: [ClientID: [Key: Value]] = [:]
    // A client's operations never overlap, so invocation order is that client's order.
    for operation in history.operations where operation.returned {
        switch operation.operation {
        case .write(let key, let value):
            ownWrite[operation.client, default: [:]][key] = value
        case .read(let key):
            guard let written = ownWrite[operation.client]?[key], let read = operation.result,
                let readAt = commits[key]?.firstIndex(of: read),
                let writtenAt = commits[key]?.firstIndex(of: written), readAt < writtenAt
            else { continue }
            return Violation(
                "\(operation.client) read \(read) of \(key) after its own write of \(written)",
                eventIndex: operation.endIndex)
        }
    }
    return nil
}

/// Three clients, two keys, every seed in 0..<500: the standard properties plus the two invariants.
func lockedCacheAsideChecker() -> Checker {
    Checker(
        strategy: LockedCacheAside(),
        workload: Workload(clients: 3, operationsPerClient: 3, keys: 2),
        properties: [.convergence, .linearizability],
        invariants: [cacheHoldsOnlyCommittedRows, readsFollowOwnWrites],
        exploration: Exploration(seeds: 0..<500))
}

@Test func lockedCacheAsideKeepsItsInvariants() {
    expectConsistent(lockedCacheAsideChecker())
}

final class LockedCacheAsideTests: XCTestCase {
    func testLockedCacheAsideKeepsItsInvariants() {
        XCTAssertConsistent(lockedCacheAsideChecker())
    }

    func testPlainCacheAsideBreaksReadsFollowOwnWrites() {
        let report = Checker(
            strategy: CacheAside(ttl: 60), workload: Workload(clients: 3, operationsPerClient: 3, keys: 2),
            properties: [], invariants: [readsFollowOwnWrites]
        ).check()
        XCTAssertEqual(report.violated.map(\.id), ["reads follow own writes"])
    }
}
