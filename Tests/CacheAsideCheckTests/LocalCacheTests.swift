import CacheAsideCheck
import CacheAsideModels
import XCTest

/// Hosts' local caches and the invalidation channel between them and the shared cache.
final class LocalCacheTests: XCTestCase {
    let key = Key(1)

    private var twoHosts: Workload {
        var workload = Workload(clients: 2, operationsPerClient: 2)
        workload.hosts = 2
        return workload
    }

    func testPlaceholderIsAMissAndOnlyItsOwnTokenFillsIt() {
        var local = World.LocalCache()
        let token = local.placeholder(key)
        XCTAssertNil(local.get(key, at: 0))
        XCTAssertFalse(local.fill(key, Value(version: 1), ttl: nil, placeholder: token + 1, at: 0))
        XCTAssertTrue(local.fill(key, Value(version: 1), ttl: nil, placeholder: token, at: 0))
        XCTAssertEqual(local.get(key, at: 0), Value(version: 1))
    }

    func testAnInvalidationRemovesThePlaceholderSoTheFillIsRefused() {
        var local = World.LocalCache()
        let token = local.placeholder(key)
        local.delete(key)
        XCTAssertFalse(local.fill(key, Value(version: 0), ttl: nil, placeholder: token, at: 0))
        XCTAssertNil(local.get(key, at: 0))
    }

    func testLocalEntriesExpireWithTheirTTL() {
        var local = World.LocalCache()
        local.set(key, Value(version: 0), ttl: 5, at: 10)
        XCTAssertEqual(local.get(key, at: 14), Value(version: 0))
        XCTAssertNil(local.get(key, at: 15))
    }

    func testAChangeNotifiesEveryTrackingHostOnceAndEndsTheirTracking() {
        var world = World(keys: [key])
        world.addHosts(3)
        world.invalidations.track(key, host: 0)
        world.invalidations.track(key, host: 2)
        world.invalidations.keyChanged(key)
        XCTAssertEqual(world.invalidations.pending, [[key], [], [key]])
        XCTAssertEqual(world.invalidations.takePending(0), [key])
        world.invalidations.keyChanged(key)  // nobody tracks it any more
        XCTAssertEqual(world.invalidations.pending, [[], [], [key]])
    }

    func testADroppedConnectionLosesItsMessagesAndReportsTheReconnectOnce() {
        var world = World(keys: [key])
        world.addHosts(2)
        world.invalidations.track(key, host: 1)
        world.invalidations.keyChanged(key)
        XCTAssertEqual(world.invalidations.disconnect(1), [key])
        XCTAssertEqual(world.invalidations.pending, [[], []])
        XCTAssertTrue(world.invalidations.awaitsReconnect(1))
        XCTAssertTrue(world.invalidations.takeReconnect(1))
        XCTAssertFalse(world.invalidations.takeReconnect(1))
        XCTAssertFalse(world.invalidations.takeReconnect(0))
    }

    func testConvergenceFlagsADivergentLocalEntryButNotOneAwaitingItsReconnect() {
        var world = World(keys: [key])
        world.addHosts(2)
        world.localCaches[1].set(key, Value(version: 0), ttl: nil, at: 0)
        XCTAssertEqual(world.divergentKeys, [])  // v0 is the row
        world.localCaches[1].set(key, Value(version: 1), ttl: nil, at: 0)  // a value the database never held
        XCTAssertEqual(world.divergentKeys, [key])
        XCTAssertEqual(world.divergentLocalEntry(key)?.host, 1)
        _ = world.invalidations.disconnect(1)
        XCTAssertEqual(world.divergentKeys, [], "the host learns of the drop before it serves anything")
    }

    /// With every choice `0` a message is delivered at the next scheduling point; seeded runs hold some.
    func testDeliveryIsPromptUnderZeroChoicesAndLagsInSomeSeededRuns() {
        let strategy = LocalCacheTrackingPlaceholder()
        func lags(_ record: RunRecord) -> [Int] {
            // For each delivery: how many client steps ran between the change that sent it and it.
            var lags: [Int] = []
            var stepsSinceChange: Int?
            for event in record.history.events {
                guard case .step(let step) = event.kind else { continue }
                switch step.action {
                case .invalidationsDelivered:
                    if let steps = stepsSinceChange { lags.append(steps) }
                    stepsSinceChange = nil
                case .cacheDelete, .cacheLeaseSet:
                    if stepsSinceChange == nil, event.client != nil { stepsSinceChange = 0 } else if event.client != nil { stepsSinceChange! += 1 }
                default:
                    if event.client != nil, stepsSinceChange != nil { stepsSinceChange! += 1 }
                }
            }
            return lags
        }
        let prompt = Simulation.run(strategy, workload: twoHosts, choices: ChoiceSource(replaying: [1, 1, 1, 2, 1, 1, 1, 1]))
        XCTAssertFalse(lags(prompt).isEmpty, "the run sends invalidations")
        XCTAssertEqual(Set(lags(prompt)), [0])
        let seeded = (0..<200 as Range<UInt64>).flatMap { lags(Simulation.run(strategy, workload: twoHosts, choices: ChoiceSource(seed: $0))) }
        XCTAssertTrue(seeded.contains { $0 > 0 }, "some message is delivered after later steps")
    }

    func testALostMessageMakesTheNextLocalCallReportTheReconnect() throws {
        let checker = Checker(
            strategy: LocalCacheTrackingPlaceholder(flushesOnReconnect: false), workload: twoHosts,
            properties: [.convergence], simulation: SimulationOptions(faults: [.invalidationLoss]),
            exploration: Exploration(seeds: 0..<2_000))
        let report = checker.check()
        let counterexample = try XCTUnwrap(report.properties.first?.counterexample)
        let actions = counterexample.run.history.events.compactMap { event -> Step? in
            if case .step(let step) = event.kind { return step }
            return nil
        }
        let lost = try XCTUnwrap(actions.firstIndex { if case .invalidationsLost = $0.action { true } else { false } })
        XCTAssertTrue(actions[lost...].contains { $0.outcome == .reconnected }, "a local call after the loss reports it")
    }

    /// The reply/invalidation race of the Redis guide, shrunk: a tracked read, its host's invalidation
    /// delivered, and only then the local store of what the read returned — a short trace.
    func testTheTrackingRaceShrinksToAShortTraceWithTheDeliveryBeforeTheLocalStore() throws {
        let checker = Checker(
            strategy: LocalCacheTracking(), workload: twoHosts, properties: [.convergence],
            exploration: Exploration(seeds: 0..<1_000))
        let counterexample = try XCTUnwrap(checker.check().properties.first?.counterexample)
        XCTAssertTrue(counterexample.violation.explanation.contains("local cache holds"), counterexample.violation.explanation)
        let steps = counterexample.run.history.events.compactMap { event -> (ClientID?, Step)? in
            if case .step(let step) = event.kind { return (event.client, step) }
            return nil
        }
        XCTAssertLessThanOrEqual(steps.count, 12, LaneDiagram.render(counterexample.run))
        let read = try XCTUnwrap(steps.firstIndex { if case .cacheTrackedLeaseGet = $0.1.action { true } else { false } })
        let reader = steps[read].0
        let delivered = try XCTUnwrap(steps[read...].firstIndex { if case .invalidationsDelivered = $0.1.action { true } else { false } })
        let stored = try XCTUnwrap(steps.lastIndex { $0.0 == reader && { if case .localSet = $0.1.action { true } else { false } }($0) })
        XCTAssertLessThan(delivered, stored, "the invalidation arrives before the reply is stored")
        let lanes = LaneDiagram.render(counterexample.run)
        XCTAssertTrue(lanes.contains("local"), lanes)
        XCTAssertTrue(lanes.contains("invalidated"), lanes)
    }

    func testThePlaceholderFixLeavesNoDivergentLocalEntry() {
        let checker = Checker(
            strategy: LocalCacheTrackingPlaceholder(), workload: twoHosts, properties: [.convergence],
            exploration: Exploration(seeds: 0..<1_000))
        XCTAssertTrue(checker.check().holds)
    }

    func testSameSeedGivesTheSameReportWithOneOrTwoJobs() {
        func text(jobs: Int) -> String {
            let checker = Checker(
                strategy: LocalCacheTrackingPlaceholder(flushesOnReconnect: false), workload: twoHosts,
                properties: [.linearizability, .convergence], simulation: SimulationOptions(faults: [.invalidationLoss]),
                exploration: Exploration(seeds: 0..<300, jobs: jobs))
            return TextReport(report: checker.check()) { "replay \($0)" }.render(header: "header")
        }
        let one = text(jobs: 1)
        XCTAssertTrue(one.contains("local"), one)
        XCTAssertEqual(text(jobs: 1), one)
        XCTAssertEqual(text(jobs: 2), one)
    }

    func testAReplayTokenReplaysTheRunAndRefusesAnotherHostCount() throws {
        let checker = Checker(
            strategy: LocalCacheTracking(), workload: twoHosts, properties: [.convergence],
            exploration: Exploration(seeds: 0..<1_000))
        let counterexample = try XCTUnwrap(checker.check().properties.first?.counterexample)
        let replayed = try checker.replay(token: counterexample.replayToken)
        XCTAssertEqual(replayed.history, counterexample.run.history)
        var oneHost = twoHosts
        oneHost.hosts = 1
        let other = Checker(strategy: LocalCacheTracking(), workload: oneHost, properties: [.convergence])
        XCTAssertThrowsError(try other.replay(token: counterexample.replayToken)) { error in
            XCTAssertTrue("\(error)".contains("hosts"), "\(error)")
        }
    }

    /// A strategy that uses no local cache runs the same on any number of hosts: no tracked get, so no
    /// message and no delivery choice.
    func testHostsLeaveARunWithoutLocalCachingUnchanged() {
        var spread = Workload()
        spread.hosts = 3
        for seed in 0..<50 as Range<UInt64> {
            let one = Simulation.run(CacheAside(), workload: Workload(), choices: ChoiceSource(seed: seed))
            let three = Simulation.run(CacheAside(), workload: spread, choices: ChoiceSource(seed: seed))
            XCTAssertEqual(one.choices, three.choices, "seed \(seed)")
            XCTAssertEqual(one.history, three.history, "seed \(seed)")
        }
    }
}
