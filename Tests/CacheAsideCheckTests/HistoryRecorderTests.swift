import CacheAsideCheck
import CacheAsideHistories
import Dispatch
import Synchronization
import XCTest

/// `HistoryRecorder` around a real (here: in-memory, lock-protected) store, from many threads and tasks:
/// what it writes parses back, and the checker agrees with how the store behaves.
final class HistoryRecorderTests: XCTestCase {
    /// A linearizable register per key: every call holds one lock.
    private final class LockedStore: Sendable {
        let rows = Mutex<[String: Int]>([:])
        func get(_ key: String) -> Int? { rows.withLock { $0[key] } }
        func set(_ key: String, _ value: Int) { rows.withLock { $0[key] = value } }
        func compareAndSet(_ key: String, expected: Int?, new: Int) -> Bool {
            rows.withLock { rows in
                guard rows[key] == expected else { return false }
                rows[key] = new
                return true
            }
        }
    }

    /// A cache that serves a copy refreshed only every few writes: reads go stale.
    private final class LaggingCache: Sendable {
        let state = Mutex<(rows: [String: Int], copy: [String: Int], writes: Int)>(([:], [:], 0))
        func get(_ key: String) -> Int? { state.withLock { $0.copy[key] } }
        func set(_ key: String, _ value: Int) {
            state.withLock { state in
                state.rows[key] = value
                state.writes += 1
                if state.writes % 5 == 0 { state.copy = state.rows }
            }
        }
    }

    private func scalar(_ value: Int?) -> HistoryRecorder.Scalar { value.map { .integer($0) } ?? .null }

    func testConcurrentThreadsRecordAHistoryThatParsesAndIsLinearizable() throws {
        let recorder = HistoryRecorder()
        let store = LockedStore()
        let nextValue = Atomic<Int>(1)
        DispatchQueue.concurrentPerform(iterations: 8) { process in
            for step in 0..<100 {
                let key = "k\(step % 3)"
                switch step % 4 {
                case 0, 1:
                    recorder.invoke(process: process, key: .string(key), .read)
                    let value = store.get(key)
                    recorder.okRead(process: process, key: .string(key), value: value.map { .integer($0) } ?? .null)
                case 2:
                    let value = nextValue.add(1, ordering: .relaxed).oldValue
                    recorder.invoke(process: process, key: .string(key), .write(.integer(value)))
                    store.set(key, value)
                    recorder.ok(process: process, key: .string(key), .write(.integer(value)))
                default:
                    let expected = store.get(key)
                    let value = nextValue.add(1, ordering: .relaxed).oldValue
                    let operation = HistoryRecorder.Operation.compareAndSet(
                        expected: expected.map { .integer($0) } ?? .null, new: .integer(value))
                    recorder.invoke(process: process, key: .string(key), operation)
                    let succeeded = store.compareAndSet(key, expected: expected, new: value)
                    recorder.ok(process: process, key: .string(key), operation, succeeded: succeeded)
                }
            }
        }
        XCTAssertEqual(recorder.eventCount, 8 * 100 * 2)
        let history = try RecordedHistory(parsing: recorder.jsonLines)
        XCTAssertEqual(history.operations.count, 800)
        XCTAssertEqual(history.keyNames.sorted(), ["\"k0\"", "\"k1\"", "\"k2\""])
        XCTAssertEqual(history.times.count, 800, "every event has a time")
        XCTAssertTrue(history.times.allSatisfy { $0.invoked! <= $0.returned! })
        let verdicts = LinearizabilityChecker().checkEachKey(history.operations) { _ in RecordedHistory.initialValue }
        XCTAssertEqual(verdicts.map(\.verdict.isLinearizable), [true, true, true])
    }

    func testTasksThroughTheClosureAPIExposeALaggingCache() async throws {
        let recorder = HistoryRecorder(timeSource: .wallClock)
        let cache = LaggingCache()
        await withTaskGroup(of: Void.self) { group in
            for process in 0..<4 {
                group.addTask {
                    for step in 0..<50 {
                        if step % 2 == 0 {
                            let value = process * 1_000 + step + 1
                            await recorder.write(process: process, key: 1, value: .integer(value)) { cache.set("x", value) }
                        } else {
                            _ = await recorder.read(process: process, key: 1) { cache.get("x").map { .integer($0) } ?? .null }
                        }
                    }
                }
            }
        }
        let history = try RecordedHistory(parsing: recorder.jsonLines)
        XCTAssertEqual(history.operations.count, 200)
        XCTAssertGreaterThan(history.times[0].invoked!, 1_600_000_000_000_000_000, "wall-clock nanoseconds")
        let violation = try XCTUnwrap(LinearizabilityChecker().check(history.operations).violation)
        XCTAssertEqual(violation.operation.kind, .read)
        XCTAssertGreaterThan(try XCTUnwrap(RecordedStaleness(history)).staleReadCount, 0)
    }

    /// A cas whose success is not given is not taken to have failed: a later read of its new value (which
    /// only that cas could have set) is linearizable, and so is a read of the old one.
    func testACompareAndSetWithoutItsSuccessIsRecordedAsUnknownNotAsFailed() throws {
        for later: HistoryRecorder.Scalar in [2, 1] {
            let recorder = HistoryRecorder()
            let cas = HistoryRecorder.Operation.compareAndSet(expected: 1, new: 2)
            recorder.invoke(process: 1, key: "k", .write(1))
            recorder.ok(process: 1, key: "k", .write(1))
            recorder.invoke(process: 2, key: "k", cas)
            recorder.ok(process: 2, key: "k", cas)
            recorder.invoke(process: 3, key: "k", .read)
            recorder.okRead(process: 3, key: "k", value: later)
            XCTAssertFalse(recorder.jsonLines.contains("succeeded"), recorder.jsonLines)
            let history = try RecordedHistory(parsing: recorder.jsonLines)
            XCTAssertFalse(history.operations[1].isCompleted, "info: it may have set, or not")
            XCTAssertTrue(LinearizabilityChecker().check(history.operations).isLinearizable, "a later read of \(later)")
        }
    }

    /// With its success given, a cas is as definite as any other call: one that did not set cannot
    /// explain a later read of its new value.
    func testACompareAndSetThatDidNotSetCannotExplainItsNewValue() throws {
        let recorder = HistoryRecorder()
        let cas = HistoryRecorder.Operation.compareAndSet(expected: 1, new: 2)
        recorder.invoke(process: 1, key: "k", .write(1))
        recorder.ok(process: 1, key: "k", .write(1))
        recorder.invoke(process: 2, key: "k", cas)
        recorder.ok(process: 2, key: "k", cas, succeeded: false)
        recorder.invoke(process: 3, key: "k", .read)
        recorder.okRead(process: 3, key: "k", value: 2)
        let history = try RecordedHistory(parsing: recorder.jsonLines)
        XCTAssertFalse(LinearizabilityChecker().check(history.operations).isLinearizable)
    }

    func testAReadsOkWithoutItsValueIsRecordedAsUnknownInsteadOfTrapping() throws {
        let recorder = HistoryRecorder()
        recorder.invoke(process: 1, key: "k", .read)
        recorder.ok(process: 1, key: "k", .read)
        XCTAssertTrue(recorder.jsonLines.contains(#""type": "info""#), recorder.jsonLines)
        XCTAssertTrue(LinearizabilityChecker().check(try RecordedHistory(parsing: recorder.jsonLines).operations).isLinearizable)
    }

    func testAThrowingCallIsRecordedAsUnknownOutcome() async throws {
        struct Timeout: Error {}
        let recorder = HistoryRecorder()
        do {
            try await recorder.write(process: 1, key: "k", value: 5) { throw Timeout() }
            XCTFail("the error is rethrown")
        } catch is Timeout {}
        _ = await recorder.read(process: 2, key: "k") { 5 }
        let history = try RecordedHistory(parsing: recorder.jsonLines)
        XCTAssertFalse(history.operations[0].isCompleted, "info: it may have taken effect")
        XCTAssertTrue(LinearizabilityChecker().check(history.operations).isLinearizable)
        XCTAssertTrue(recorder.jsonLines.contains(#""type": "info""#))
    }
}
