import XCTest

import CacheAsideCheck
@testable import CacheAsideRendering
@testable import CacheAsideSimulation

/// What the cache and the database held over time, read off a history's effects, follows the model's
/// rules: a TTL ends an entry at `set + ttl`, a delete or the cache's restart ends it at once, a refused
/// store and a worker's crash change nothing, every row starts as `v0`.
final class RunContentsTests: XCTestCase {
    private let k1 = Key(1)
    private let client = ClientID(1)

    private func step(_ tick: Ticks, _ action: StepAction, _ outcome: StepOutcome = .done) -> HistoryEvent {
        HistoryEvent(tick: tick, client: client, kind: .step(Step(action: action, outcome: outcome)))
    }

    func testEntryExpiresAtSetPlusTTLAndADeleteEndsTheNextAtOnce() {
        let history = History(events: [
            step(1, .cacheSet(k1, Value(version: 0), ttl: 3)),
            step(6, .cacheAdd(k1, Value(version: 1), ttl: nil), .stored(true)),
            step(7, .cacheAdd(k1, Value(version: 2), ttl: nil), .stored(false)),
            step(8, .cacheDelete(k1)),
        ])
        let cache = RunContents(of: history, keys: [k1]).cache
        XCTAssertEqual(cache.map(\.value), ["v0", "v1"], "the refused add stored nothing")
        XCTAssertEqual(cache[0].until, 4, "set at t1 with ttl 3 is gone at t4")
        XCTAssertNil(cache[0].untilEvent, "no event ended it: its TTL did")
        XCTAssertEqual(cache[1].until, 8)
        XCTAssertEqual(cache[1].untilEvent, 3)
    }

    func testRestartEndsEveryEntryAndDroppedDeleteEndsNone() {
        let history = History(events: [
            step(1, .cacheSet(k1, Value(version: 0), ttl: nil)),
            step(2, .cacheDelete(k1), .silentlyDropped("lost-delete")),
            HistoryEvent(tick: 3, client: nil, kind: .fault("cache restarted: every entry lost")),
        ])
        let cache = RunContents(of: history, keys: [k1]).cache
        XCTAssertEqual(cache.count, 1)
        XCTAssertEqual(cache[0].until, 3, "the lost delete left it; the restart ended it")
    }

    func testRowsStartAsV0AndEachWriteEndsThePreviousRow() {
        let history = History(events: [step(2, .databaseWrite(k1, Value(version: 1)))])
        let database = RunContents(of: history, keys: [k1]).database
        XCTAssertEqual(database.map(\.value), ["v0", "v1"])
        XCTAssertEqual(database[0].fromEvent, -1)
        XCTAssertEqual(database[0].until, 2)
        XCTAssertNil(database[1].until, "still held at the end")
    }

    func testAbsentKeysStartWithNoRowAndADeleteEndsARowWithNoneAfter() {
        let k2 = Key(2)
        let history = History(events: [
            step(1, .databaseWrite(k2, Value(version: 1))),
            step(3, .databaseDelete(k1)),
        ])
        let database = RunContents(of: history, keys: [k1, k2], absent: [k2]).database
        XCTAssertEqual(database.map(\.key), ["k1", "k2"])
        XCTAssertEqual(database.map(\.value), ["v0", "v1"], "k2 has no initial row; k1's delete starts no new one")
        XCTAssertEqual(database[0].until, 3)
        XCTAssertEqual(database[0].untilEvent, 1)
        XCTAssertNil(database[1].until)
    }

    func testWarmEntriesStartInTheCacheAndExpireAtTheirTick() {
        let history = History(events: [step(9, .cacheGet(k1), .value(nil))])
        let cache = RunContents(of: history, keys: [k1], warm: [k1: 5]).cache
        XCTAssertEqual(cache.map(\.value), ["v0"])
        XCTAssertEqual(cache[0].fromEvent, -1)
        XCTAssertEqual(cache[0].expiresAt, 5)
        XCTAssertEqual(cache[0].until, 5, "gone at its expiry, before the get at t9")
    }

    func testAWorkersCrashEndsNoEntryButTheCachesRestartEndsThemAll() {
        let tailer = WorkerID(index: 0, nameNumber: 0)
        let history = History(events: [
            step(1, .cacheSet(k1, Value(version: 0), ttl: nil)),
            HistoryEvent(tick: 2, client: nil, worker: tailer, kind: .fault("crashed; restarts after #0")),
            HistoryEvent(tick: 3, client: nil, kind: .fault("cache restarted: every entry lost")),
        ])
        let cache = RunContents(of: history, keys: [k1]).cache
        XCTAssertEqual(cache.count, 1)
        XCTAssertEqual(cache[0].until, 3, "the tailer's crash left the entry; the cache's restart ended it")
        XCTAssertEqual(cache[0].untilEvent, 2)
    }

    func testAStoreWithNoTimeToLiveLeftReplacesTheEntryButHoldsNothing() {
        let history = History(events: [
            step(1, .cacheSet(k1, Value(version: 0), ttl: nil)),
            step(2, .cacheSet(k1, Value(version: 1), ttl: 0)),
        ])
        let cache = RunContents(of: history, keys: [k1]).cache
        XCTAssertEqual(cache.map(\.value), ["v0"], "an entry set with ttl 0 is never seen, as ModelCache decides")
        XCTAssertEqual(cache[0].untilEvent, 1)
    }
}
