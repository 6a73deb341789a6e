import CacheAsideModels
import XCTest

@testable import CacheAsideCheck

/// The cache contents a `RunModel` draws equal, at every event of many small random runs, a brute-force
/// replay of the cache's recorded steps written here from the cache's rules alone: a set stores, an add,
/// cas or lease set stores when it says it stored, a delete removes unless a fault refused or dropped it,
/// an entry set at `t` with TTL `T` is live at ticks before `t + T`, and only the simulation's own fault
/// (the cache restarting) empties the cache. The replay is itself checked against the run: every get
/// found what it says the cache held, and the run's final cache holds what it says.
final class RunContentsOracleTests: XCTestCase {
    private struct Entry: Equatable {
        var value: Value
        var expiresAt: Ticks?
        func isLive(at tick: Ticks) -> Bool { expiresAt.map { tick < $0 } ?? true }
    }

    /// The live entries after each event of `run`, replayed by brute force; fails the test where a get
    /// saw something else.
    private func bruteForceContents(of run: RunRecord, label: String) -> [[Key: Value]] {
        var entries: [Key: Entry] = [:]
        let keys = Set(run.finalWorld.keys)
        for (key, expiry) in run.plan.warmEntries where keys.contains(key) && !run.plan.absentKeys.contains(key) {
            entries[key] = Entry(value: .initial, expiresAt: expiry)
        }
        func live(at tick: Ticks) -> [Key: Value] {
            entries.filter { $0.value.isLive(at: tick) }.mapValues(\.value)
        }
        var after: [[Key: Value]] = []
        for (index, event) in run.history.events.enumerated() {
            let tick = event.tick
            switch event.kind {
            case .fault where event.client == nil && event.worker == nil:
                entries = [:]
            case .step(let step):
                func store(_ key: Key, _ value: Value, _ ttl: Ticks?) {
                    entries[key] = Entry(value: value, expiresAt: ttl.map { tick + $0 })
                }
                switch (step.action, step.outcome) {
                case (_, .fault), (_, .silentlyDropped): break
                case (.cacheGet(let key), .value(let found)):
                    XCTAssertEqual(found, live(at: tick)[key], "\(label): the get at event \(index) saw the cache")
                case (.cacheSet(let key, let value, let ttl), _): store(key, value, ttl)
                case (.cacheAdd(let key, let value, let ttl), .stored(true)),
                    (.cacheCompareAndSet(let key, let value, let ttl, _), .stored(true)),
                    (.cacheLeaseSet(let key, let value, let ttl, _), .stored(true)):
                    store(key, value, ttl)
                case (.cacheDelete(let key), _): entries[key] = nil
                default: break
                }
            default: break
            }
            after.append(live(at: tick))
        }
        if let end = run.history.events.last?.tick, let last = after.last {
            let final = Dictionary(uniqueKeysWithValues: keys.compactMap { key in
                run.finalWorld.cache.get(key, at: end).map { (key, $0) }
            })
            XCTAssertEqual(last, final, "\(label): the run's final cache")
        }
        return after
    }

    /// What the model's cache spans say the cache held just after event `index`.
    private func modelContents(_ model: RunModel, after index: Int) -> [String: String] {
        let tick = model.events[index].tick
        var held: [String: String] = [:]
        for span in model.cacheContents where span.fromEvent <= index {
            let ended: Bool
            if let untilEvent = span.untilEvent { ended = untilEvent <= index }
            else if let until = span.until { ended = tick >= until }
            else { ended = false }
            if !ended {
                XCTAssertNil(held[span.key], "two spans of \(span.key) at event \(index)")
                held[span.key] = span.value
            }
        }
        return held
    }

    func testModelCacheContentsEqualABruteForceReplayAtEveryEvent() {
        let faults = SimulationOptions(faults: Set(Fault.allCases))
        var runs = 0
        var restarts = 0
        var workerFaults = 0
        var expiries = 0
        for entry in ModelCatalogue.entries {
            let strategy = entry.make(4)
            for seed: UInt64 in 0..<40 {
                let workload = Workload(
                    clients: 2 + Int(seed % 3), operationsPerClient: 3, keys: 1 + Int(seed % 2), writeRatio: 0.5,
                    thinkTime: 0...Ticks(seed % 4), warmStart: seed % 5 == 0 ? 3 : nil, absentKeys: seed % 7 == 0 ? 1 : 0)
                let run = Simulation.run(
                    strategy, workload: workload, choices: ChoiceSource(seed: seed),
                    options: seed % 2 == 0 ? faults : SimulationOptions())
                guard !run.history.events.isEmpty else { continue }
                let label = "\(entry.name) seed \(seed)"
                let expected = bruteForceContents(of: run, label: label)
                let model = RunModel(run)
                for index in model.events.indices {
                    let want = Dictionary(uniqueKeysWithValues: expected[index].map { ($0.key.description, $0.value.description) })
                    XCTAssertEqual(modelContents(model, after: index), want, "\(label), after event \(index)")
                }
                runs += 1
                for event in run.history.events {
                    guard case .fault = event.kind else { continue }
                    if event.worker != nil { workerFaults += 1 } else { restarts += 1 }
                }
                expiries += model.cacheContents.filter { $0.until != nil && $0.untilEvent == nil }.count
            }
        }
        // The runs reach every way an entry ends, and the faults that must end none.
        XCTAssertGreaterThan(runs, 500)
        XCTAssertGreaterThan(restarts, 20)
        XCTAssertGreaterThan(workerFaults, 5)
        XCTAssertGreaterThan(expiries, 50)
    }
}
