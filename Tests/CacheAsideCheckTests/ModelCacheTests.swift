import CacheAsideCheck
import XCTest

final class ModelCacheTests: XCTestCase {
    let key = Key(1)

    func testEntryIsVisibleUntilItsTTLEnds() {
        var cache = ModelCache()
        cache.set(key, Value(version: 1), ttl: 3, at: 10)
        XCTAssertEqual(cache.get(key, at: 10), Value(version: 1))
        XCTAssertEqual(cache.get(key, at: 12), Value(version: 1))
        XCTAssertNil(cache.get(key, at: 13))
    }

    func testEntryWithoutTTLNeverExpires() {
        var cache = ModelCache()
        cache.set(key, Value(version: 1), ttl: nil, at: 0)
        XCTAssertEqual(cache.get(key, at: 1_000_000), Value(version: 1))
    }

    func testAddStoresOnlyWhenAbsentOrExpired() {
        var cache = ModelCache()
        XCTAssertTrue(cache.add(key, Value(version: 1), ttl: 2, at: 0))
        XCTAssertFalse(cache.add(key, Value(version: 2), ttl: 2, at: 1))
        XCTAssertTrue(cache.add(key, Value(version: 3), ttl: 2, at: 2))
        XCTAssertEqual(cache.get(key, at: 2), Value(version: 3))
    }

    func testCompareAndSetFailsAfterAnotherStore() {
        var cache = ModelCache()
        cache.set(key, Value(version: 1), ttl: nil, at: 0)
        let unique = cache.gets(key, at: 0)!.casUnique
        cache.set(key, Value(version: 2), ttl: nil, at: 1)
        XCTAssertFalse(cache.cas(key, Value(version: 3), ttl: nil, casUnique: unique, at: 2))
        let fresh = cache.gets(key, at: 2)!.casUnique
        XCTAssertTrue(cache.cas(key, Value(version: 3), ttl: nil, casUnique: fresh, at: 2))
        XCTAssertEqual(cache.get(key, at: 2), Value(version: 3))
    }

    func testLeaseRefusesSetAfterInvalidation() {
        var cache = ModelCache()
        guard case .miss(let token) = cache.leaseGet(key, at: 0) else { return XCTFail("expected a lease") }
        cache.delete(key)
        XCTAssertFalse(cache.leaseSet(key, Value(version: 0), ttl: nil, token: token, at: 1))
        XCTAssertNil(cache.get(key, at: 1))
    }

    func testSecondMissWhileLeaseOutstandingGetsNoToken() {
        var cache = ModelCache()
        guard case .miss(let token) = cache.leaseGet(key, at: 0) else { return XCTFail("expected a lease") }
        XCTAssertEqual(cache.leaseGet(key, at: 1), .missLeaseHeld)
        XCTAssertTrue(cache.leaseSet(key, Value(version: 0), ttl: nil, token: token, at: 2))
        XCTAssertEqual(cache.leaseGet(key, at: 3), .hit(Value(version: 0)))
    }

    func testLeaseExpiresAfterLeaseTTL() {
        var cache = ModelCache(leaseTTL: 2)
        guard case .miss(let first) = cache.leaseGet(key, at: 0) else { return XCTFail("expected a lease") }
        guard case .miss(let second) = cache.leaseGet(key, at: 2) else { return XCTFail("expected a new lease") }
        XCTAssertNotEqual(first, second)
        XCTAssertFalse(cache.leaseSet(key, Value(version: 0), ttl: nil, token: first, at: 3))
    }

    func testFlushAllDropsEntriesAndLeases() {
        var cache = ModelCache()
        cache.set(key, Value(version: 1), ttl: nil, at: 0)
        guard case .miss(let token) = cache.leaseGet(Key(2), at: 0) else { return XCTFail("expected a lease") }
        cache.flushAll()
        XCTAssertNil(cache.get(key, at: 0))
        XCTAssertFalse(cache.leaseSet(Key(2), Value(version: 0), ttl: nil, token: token, at: 1))
    }

    func testReplicaReadLagsBehindPrimary() {
        var database = ModelDatabase(keys: [key])
        database.write(key, Value(version: 1))
        database.write(key, Value(version: 2))
        XCTAssertEqual(database.read(key), Value(version: 2))
        XCTAssertEqual(database.replicaRead(key, lag: 1), Value(version: 1))
        XCTAssertEqual(database.replicaRead(key, lag: 5), Value.initial)
    }
}
