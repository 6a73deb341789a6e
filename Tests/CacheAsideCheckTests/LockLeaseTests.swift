import CacheAsideCheck
import XCTest

final class LockLeaseTests: XCTestCase {
    private let twoReaders = WorkloadPlan(operations: [[.read(Key(1))], [.read(Key(1))]])

    func testExpiredLeaseLetsTheNextClientInWhileTheFirstStillWorks() {
        let run = Simulation.run(
            SlowLeasedLockHolder(lease: 3, work: 10), plan: twoReaders, keys: [Key(1)], choices: ChoiceSource(replaying: []))
        XCTAssertNil(run.failure)
        var holders: [ClientID] = []
        var releases: [(ClientID, Bool)] = []
        for (_, client, step) in run.history.steps {
            switch (step.action, step.outcome) {
            case (.lockAcquire, .acquired(true)): holders.append(client)
            case (.lockRelease, .released(let freed)): releases.append((client, freed))
            default: break
            }
        }
        // Client 2 got the lock while client 1 was still sleeping inside it; client 1's release then
        // finds it no longer holds the lock.
        XCTAssertEqual(holders, [ClientID(1), ClientID(2)])
        XCTAssertEqual(releases.first?.0, ClientID(1))
        XCTAssertEqual(releases.first?.1, false)
    }

    func testLeaseLongerThanTheWorkKeepsMutualExclusion() {
        for seed: UInt64 in 0..<100 {
            let run = Simulation.run(
                SlowLeasedLockHolder(lease: 50, work: 5), workload: Workload(clients: 3, operationsPerClient: 2, writeRatio: 0),
                choices: ChoiceSource(seed: seed))
            XCTAssertNil(run.failure)
            XCTAssertFalse(run.history.steps.contains { $0.step.outcome == .released(false) }, "seed \(seed)")
        }
    }

    func testLockNeverReleasedButLeasedDoesNotDeadlock() {
        let run = Simulation.run(
            ForgetsToUnlockStrategy(lease: 4), plan: twoReaders, keys: [Key(1)], choices: ChoiceSource(replaying: []))
        XCTAssertNil(run.failure)
        XCTAssertEqual(run.history.operations.filter(\.returned).count, 2)
        XCTAssertTrue(run.history.events.contains { if case .clockAdvanced = $0.kind { true } else { false } })
    }
}
