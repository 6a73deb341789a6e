import CacheAsideModels
import XCTest

import CacheAsideCheck
@testable import CacheAsideSimulation

/// A worker that never waits on a log: it polls the clock for ever, so only the bound ends the run.
private struct PollingWorker: BackgroundWorker {
    var name: String { "poller" }
    func run(from position: Int, in env: Environment) async throws {
        while true { try await env.clock.sleep(1) }
    }
}

private struct CacheAsideWithPoller: CachingStrategy {
    var workers: [any BackgroundWorker] { [PollingWorker(), PollingWorker()] }
    func read(_ key: Key, in env: Environment) async throws -> Value? { try await CacheAside().read(key, in: env) }
    func write(_ key: Key, _ value: Value, in env: Environment) async throws { try await CacheAside().write(key, value, in: env) }
}

/// Workers are scheduled by the same choices as clients, in the slots after theirs; they wait on logs,
/// end the run by going idle, and come back from a crash at the position they acknowledged.
final class BackgroundWorkerTests: XCTestCase {
    private func steps(of run: RunRecord) -> [(actor: ActorID, step: Step)] {
        run.history.events.compactMap { event in
            guard let actor = event.actor, case .step(let step) = event.kind else { return nil }
            return (actor, step)
        }
    }

    func testAtChoiceZeroTheWorkerWaitsUntilNoClientCanRun() {
        let plan = WorkloadPlan(operations: [[.write(Key(1)), .read(Key(1))], [.write(Key(1))]])
        let run = Simulation.run(CDCInvalidation(), plan: plan, keys: [Key(1)], choices: ChoiceSource(replaying: []))
        XCTAssertNil(run.failure)
        let actors = steps(of: run).map(\.actor)
        let firstWorkerStep = try! XCTUnwrap(actors.firstIndex { $0.worker != nil })
        XCTAssertTrue(actors[..<firstWorkerStep].allSatisfy { $0.client != nil })
        XCTAssertTrue(actors[firstWorkerStep...].allSatisfy { $0.worker != nil }, "the tailer runs last, all at once")
        XCTAssertTrue(run.choices.allSatisfy { $0 == 0 })
    }

    func testTheRunEndsOnceTheTailerHasDeletedEveryCommittedChange() {
        for seed: UInt64 in 0..<200 {
            let run = Simulation.run(CDCInvalidation(), workload: Workload(), choices: ChoiceSource(seed: seed))
            XCTAssertNil(run.failure, "seed \(seed)")
            let commits = run.finalWorld.database.changeLog.lastPosition
            let reads = steps(of: run).compactMap { entry -> [ChangeLog.Entry]? in
                if case .entries(let entries) = entry.step.outcome { return entries }
                return nil
            }
            // Each change read once, in order, and every one of them: the run waited for the tailer.
            XCTAssertEqual(reads.flatMap { $0 }.map(\.position), Array(0..<commits).map { $0 + 1 }, "seed \(seed)")
            let deletes = steps(of: run).filter { $0.actor.worker != nil && $0.step.action.component == .cache }
            XCTAssertEqual(deletes.count, commits, "seed \(seed): one delete per change")
        }
    }

    func testACrashedWorkerRestartsFromItsAcknowledgedPositionAndLosesNoChange() throws {
        var crashes = 0
        for seed: UInt64 in 0..<2_000 {
            let run = Simulation.run(
                CDCInvalidation(), workload: Workload(clients: 3, operationsPerClient: 3, writeRatio: 0.8),
                choices: ChoiceSource(seed: seed), options: SimulationOptions(faults: [.clientCrash]))
            XCTAssertNil(run.failure, "seed \(seed)")
            let events = run.history.events
            for (index, event) in events.enumerated() where event.worker != nil {
                guard case .fault(let text) = event.kind else { continue }
                crashes += 1
                let acknowledged = try XCTUnwrap(Int(text.split(separator: "#").last ?? ""), text)
                // The worker's next read asks for the changes after the position it had acknowledged.
                let next = events[(index + 1)...].first { later in
                    guard later.worker != nil, case .step(let step) = later.kind else { return false }
                    return step.action.component == .database
                }
                if case .step(let step)? = next?.kind {
                    XCTAssertEqual(step.action, .databaseChanges(after: acknowledged, limit: 100), "seed \(seed)")
                }
            }
            // At least once: every change was read after its commit, whatever crashed.
            let read = Set(steps(of: run).flatMap { entry -> [Int] in
                if case .entries(let entries) = entry.step.outcome { return entries.map(\.position) }
                return []
            })
            XCTAssertEqual(read, Set(run.finalWorld.database.changeLog.entries.map(\.position)), "seed \(seed)")
        }
        XCTAssertGreaterThan(crashes, 10, "the crash fault reaches the tailer")
    }

    func testAWorkerThatIsNeverIdleIsStoppedAfterTheBoundWithoutFailingTheRun() {
        let options = SimulationOptions(workerStepsAfterClients: 50)
        let run = Simulation.run(CacheAsideWithPoller(), workload: Workload(), choices: ChoiceSource(seed: 3), options: options)
        XCTAssertNil(run.failure)
        XCTAssertEqual(run.history.operations.count, 9, "every client finished")
        let lastClientEvent = run.history.events.lastIndex { $0.client != nil }!
        let pollsAfter = run.history.events[(lastClientEvent + 1)...].filter { $0.worker != nil }.count
        XCTAssertEqual(pollsAfter, 50)
        XCTAssertEqual(Set(run.history.events.compactMap(\.worker?.name)), ["poller", "poller 2"], "repeated names are numbered")
    }

    func testAStrategyWithoutWorkersDrawsTheSameChoicesAsBefore() {
        // Worker slots come after the client slots, so a strategy without workers schedules exactly as
        // it did: the scheduling choice's bound is still the number of client slots.
        let run = Simulation.run(CacheAside(), workload: Workload(), choices: ChoiceSource(seed: 11))
        let schedulingBounds = Set(run.choiceBounds.filter { $0 != 3 })
        XCTAssertTrue(schedulingBounds.isEmpty, "bounds other than the 3 of kinds and slots: \(schedulingBounds)")
        let withTailer = Simulation.run(CDCInvalidation(), workload: Workload(), choices: ChoiceSource(seed: 11))
        XCTAssertTrue(withTailer.choiceBounds.contains(4), "three client slots and the tailer's")
    }

    func testWorkersHaveLanesOfTheirOwnAfterTheClientsInTheRunModelAndTheLanes() throws {
        let plan = WorkloadPlan(operations: [[.write(Key(1))], [.read(Key(1))]])
        let run = Simulation.run(CDCInvalidation(), plan: plan, keys: [Key(1)], choices: ChoiceSource(replaying: []))
        let model = RunModel(run)
        XCTAssertEqual(model.actors, ["client 1", "client 2", "tailer"])
        XCTAssertTrue(model.events.contains { $0.actor == "tailer" && $0.component == "database" && $0.call == "db.changes after #0" })
        XCTAssertTrue(model.events.contains { $0.actor == "tailer" && $0.cacheEffect == "k1 deleted" })
        let header = try XCTUnwrap(LaneDiagram.render(model).split(separator: "\n").first)
        XCTAssertEqual(header.split(separator: " ", omittingEmptySubsequences: true).suffix(3), ["tailer", "cache", "database"])
    }

    func testAWorkersCrashIsDrawnInItsOwnLaneNotAsACacheFault() throws {
        for seed: UInt64 in 0..<500 {
            let run = Simulation.run(
                CDCInvalidation(), workload: Workload(writeRatio: 0.8), choices: ChoiceSource(seed: seed),
                options: SimulationOptions(faults: [.clientCrash]))
            guard let crash = run.history.events.firstIndex(where: { $0.worker != nil && { if case .fault = $0.kind { true } else { false } }($0) })
            else { continue }
            let event = RunModel(run).events[crash]
            XCTAssertEqual(event.actor, "tailer")
            XCTAssertNil(event.cacheEffect, "a worker's crash is not the cache's")
            XCTAssertTrue(LaneDiagram.laneText(event).hasPrefix("⚡ crashed; restarts after #"))
            return
        }
        XCTFail("no seed crashed the tailer")
    }

    func testSameSeedGivesTheSameRunWithWorkersAndFaults() {
        let options = SimulationOptions(faults: Set(Fault.allCases))
        for seed: UInt64 in 0..<50 {
            for strategy in [CDCInvalidation(), WriteBehind(), RefreshAhead(ttl: 5)] as [any CachingStrategy] {
                let first = Simulation.run(strategy, workload: Workload(), choices: ChoiceSource(seed: seed), options: options)
                let second = Simulation.run(strategy, workload: Workload(), choices: ChoiceSource(seed: seed), options: options)
                XCTAssertEqual(first.history, second.history, "\(strategy.name) seed \(seed)")
                let replayed = Simulation.run(
                    strategy, workload: Workload(), choices: ChoiceSource(replaying: first.choices), options: options)
                XCTAssertEqual(replayed.history, first.history, "\(strategy.name) seed \(seed) replayed")
            }
        }
    }
}
