import CacheAsideCheck
import CacheAsideHistories
import XCTest

/// Stale-read windows of recorded histories, against a direct pairwise computation.
final class RecordedStalenessTests: XCTestCase {
    /// The oracle: for each timed, completed read, look at every write on its key that returned
    /// before the read was invoked and was invoked after the read value's write returned.
    private func oracle(_ history: RecordedHistory) -> [Int] {
        let ops = history.operations, times = history.times
        var result: [Int] = []
        for (r, read) in ops.enumerated() where read.kind == .read && read.isCompleted {
            guard let start = times[r].invoked else { continue }
            var valueSince: Int?? = .none
            if read.observed == RecordedHistory.initialValue { valueSince = .some(Int.min) }
            for (w, write) in ops.enumerated() where write.kind != .read && write.key == read.key
                && write.written == read.observed && write.succeeded != false {
                valueSince = .some(write.isCompleted ? times[w].returned : nil)
            }
            guard case let since?? = valueSince else { result.append(0); continue }
            var window = 0
            for (w, write) in ops.enumerated() where write.kind != .read && write.key == read.key && write.succeeded != false {
                guard write.isCompleted, let invoked = times[w].invoked, let returned = times[w].returned else { continue }
                if invoked > since && returned < start { window = max(window, start - returned) }
            }
            result.append(window)
        }
        return result
    }

    private func event(_ process: Int, _ type: String, _ f: String, key: Int, value: String, time: Int) -> String {
        #"{"process": \#(process), "type": "\#(type)", "f": "\#(f)", "key": \#(key), "value": \#(value), "time": \#(time)}"#
    }

    func testStaleReadWindowIsTimeSinceTheOverwriteCompleted() throws {
        let history = try RecordedHistory(parsing: [
            event(1, "invoke", "write", key: 1, value: "1", time: 0),
            event(1, "ok", "write", key: 1, value: "1", time: 10),
            event(1, "invoke", "write", key: 1, value: "2", time: 20),
            event(1, "ok", "write", key: 1, value: "2", time: 30),
            event(2, "invoke", "read", key: 1, value: "null", time: 100),
            event(2, "ok", "read", key: 1, value: "1", time: 110),    // v1 overwritten at 30: stale 70
            event(2, "invoke", "read", key: 1, value: "null", time: 120),
            event(2, "ok", "read", key: 1, value: "2", time: 130),    // fresh
            event(3, "invoke", "read", key: 1, value: "null", time: 140),
            event(3, "ok", "read", key: 1, value: "null", time: 150), // initial value, overwritten at 10
        ].joined(separator: "\n"))
        let staleness = try XCTUnwrap(RecordedStaleness(history))
        XCTAssertEqual(staleness.windows, [70, 0, 130])
        XCTAssertEqual(staleness.windows, oracle(history))
        XCTAssertEqual(staleness.staleReadCount, 2)
        XCTAssertEqual(staleness.maximum, 130)
        XCTAssertEqual(staleness.percentile(50), 70)
        XCTAssertEqual(staleness.percentile(99), 130)
    }

    func testOverlappingWritesDoNotMakeAReadStale() throws {
        let history = try RecordedHistory(parsing: [
            event(1, "invoke", "write", key: 1, value: "1", time: 0),
            event(2, "invoke", "write", key: 1, value: "2", time: 5),   // overlaps write 1
            event(1, "ok", "write", key: 1, value: "1", time: 10),
            event(2, "ok", "write", key: 1, value: "2", time: 15),
            event(3, "invoke", "read", key: 1, value: "null", time: 50),
            event(3, "ok", "read", key: 1, value: "1", time: 60),
        ].joined(separator: "\n"))
        XCTAssertEqual(RecordedStaleness(history)?.windows, [0], "write 2 may have come first")
    }

    func testNoTimestampsNoStaleness() throws {
        let history = try RecordedHistory(parsing: #"{"process": 1, "type": "invoke", "f": "read", "key": 1}"#)
        XCTAssertNil(RecordedStaleness(history))
    }

    func testAgreesWithThePairwiseOracleOnGeneratedHistories() throws {
        var staleReads = 0
        for seed in UInt64(0)..<200 {
            var random = SplitMix64(seed: seed)
            var lines: [String] = []
            var open: [Int: (f: String, key: Int, value: String)] = [:]
            var current = [Int: String]()
            var next = 1, time = 0
            for _ in 0..<60 {
                time += Int(random.next() % 5) + 1
                let process = Int(random.next() % 4)
                if let (f, key, value) = open.removeValue(forKey: process) {
                    // Reads return the current value or, now and then, an older one: stale on purpose.
                    let shown = f == "read" ? (random.next() % 3 == 0 ? "null" : current[key] ?? "null") : value
                    if f == "write" { current[key] = value }
                    lines.append(event(process, "ok", f, key: key, value: shown, time: time))
                } else {
                    let key = Int(random.next() % 2)
                    let isRead = random.next() % 2 == 0
                    let value = isRead ? "null" : String(next)
                    if !isRead { next += 1 }
                    open[process] = (isRead ? "read" : "write", key, value)
                    lines.append(event(process, "invoke", isRead ? "read" : "write", key: key, value: value, time: time))
                }
            }
            let history = try RecordedHistory(parsing: lines.joined(separator: "\n"))
            XCTAssertEqual(RecordedStaleness(history)?.windows, oracle(history), "seed \(seed)")
            staleReads += RecordedStaleness(history)?.staleReadCount ?? 0
        }
        XCTAssertGreaterThan(staleReads, 100, "enough stale reads for the agreement to mean something")
    }
}
