import CacheAsideCheck
import XCTest

@testable import CacheAsideSimulation

/// Writes two keys in one transaction and reads the first back inside it; reads are plain database reads.
private struct TwoKeyTransaction: CachingStrategy {
    func read(_ key: Key, in env: Environment) async throws -> Value? { try await env.database.read(key) }
    func write(_ key: Key, _ value: Value, in env: Environment) async throws {
        try await env.database.transaction { tx in
            try await tx.write(key, value)
            try await tx.write(Key(key.number + 1), value)
            _ = try await tx.read(key)
        }
    }
}

/// A transaction whose closure throws after its write; the writer then reads the row outside it.
private struct ThrowingTransaction: CachingStrategy {
    struct Abort: Error {}
    func read(_ key: Key, in env: Environment) async throws -> Value? { try await env.database.read(key) }
    func write(_ key: Key, _ value: Value, in env: Environment) async throws {
        do {
            try await env.database.transaction { tx in
                try await tx.write(key, value)
                throw Abort()
            }
        } catch is Abort {
            _ = try await env.database.read(key)
        }
    }
}

/// Read-committed transactions in the model database: a transaction sees its own writes, nobody else
/// sees them before the commit, the commit publishes them at once (rows, write counts, change log), and a
/// throw or a crash rolls them back.
final class TransactionTests: XCTestCase {
    private let keys = [Key(1), Key(2)]
    private let workload = Workload(clients: 3, operationsPerClient: 2, keys: 1, writeRatio: 0.5)

    private func runs(_ strategy: any CachingStrategy, faults: Set<Fault> = [], seeds: Range<UInt64> = 0..<300) -> [RunRecord] {
        seeds.map { seed in
            var choices = ChoiceSource(seed: seed)
            let plan = WorkloadPlan(drawing: workload, from: &choices)
            return Simulation.run(
                strategy, plan: plan, keys: keys, choices: choices, options: SimulationOptions(faults: faults))
        }
    }

    func testATransactionReadsItsOwnWritesAndOthersReadOnlyCommittedRows() {
        var readsInsideAnOpenTransaction = 0
        for run in runs(TwoKeyTransaction()) {
            XCTAssertNil(run.failure)
            var committed: [Key: Value] = [Key(1): .initial, Key(2): .initial]
            var buffered: [ClientID: [Key: Value]] = [:]
            for entry in run.history.steps {
                switch (entry.step.action, entry.step.outcome) {
                case (.databaseBegin, _): buffered[entry.client] = [:]
                case (.transactionWrite(let key, let value), _): buffered[entry.client]?[key] = value
                case (.transactionRead(let key), .value(let value)):
                    XCTAssertEqual(value, buffered[entry.client]?[key], "a transaction reads its own write")
                case (.databaseCommit, .entries(let written)):
                    XCTAssertEqual(written.map(\.key), [Key(1), Key(2)])
                    for change in written { committed[change.key] = change.value }
                    buffered[entry.client] = nil
                case (.databaseRead(let key), .value(let value)):
                    if buffered.values.contains(where: { $0[key] != nil }) { readsInsideAnOpenTransaction += 1 }
                    XCTAssertEqual(value, committed[key], "another client sees only committed rows")
                default: break
                }
            }
            XCTAssertEqual(run.finalWorld.database.rows, committed)
        }
        XCTAssertGreaterThan(readsInsideAnOpenTransaction, 0, "no read ever overlapped an open transaction")
    }

    func testACommitAppendsOneChangeLogEntryPerKeyAtTheCommitStep() {
        for run in runs(TwoKeyTransaction()) {
            let commits = run.history.events.enumerated().filter { _, event in
                if case .step(let step) = event.kind { return step.action == .databaseCommit }
                return false
            }
            let log = run.finalWorld.database.changeLog.entries
            XCTAssertEqual(log.count, 2 * commits.count)
            XCTAssertEqual(Set(log.map(\.tick)), Set(commits.map { $0.element.tick }), "entries carry the commit's tick")
            XCTAssertEqual(run.finalWorld.database.writeCounts[Key(1)] ?? 0, commits.count)
            XCTAssertEqual(run.finalWorld.database.committed[Key(2)]?.count, 1 + commits.count)
            // The history's database changes sit at the commits, which is where staleness looks for them.
            let changes = run.history.events.enumerated().compactMap { index, event -> Int? in
                if case .rowsCommitted = event.contentChange { return index }
                return nil
            }
            XCTAssertEqual(changes, commits.map(\.offset))
        }
    }

    func testAThrowingClosureRollsBackAsAStepAndRethrows() {
        var rollbacks = 0
        for run in runs(ThrowingTransaction(), seeds: 0..<50) {
            XCTAssertNil(run.failure)
            let calls = run.history.steps.map(\.step.action)
            XCTAssertFalse(calls.contains(.databaseCommit))
            for (index, action) in calls.enumerated() where action == .databaseRollback {
                rollbacks += 1
                let writer = run.history.steps[index].client
                // The writer's next step is its read after catching the rethrown error.
                let next = run.history.steps[(index + 1)...].first { $0.client == writer }
                XCTAssertEqual(next?.step.action, .databaseRead(Key(1)))
            }
            XCTAssertEqual(run.finalWorld.database.rows[Key(1)], .initial)
            XCTAssertTrue(run.finalWorld.database.changeLog.entries.isEmpty)
        }
        XCTAssertGreaterThan(rollbacks, 0)
    }

    func testACrashedClientsOpenTransactionIsRolledBack() {
        var crashedInside = 0
        for run in runs(TwoKeyTransaction(), faults: [.clientCrash], seeds: 0..<600) {
            XCTAssertNil(run.failure)
            var open: Set<ClientID> = []
            for event in run.history.events {
                guard let client = event.client else { continue }
                switch event.kind {
                case .step(let step) where step.action == .databaseBegin: open.insert(client)
                case .step(let step) where step.action == .databaseCommit: open.remove(client)
                case .crashed where open.contains(client):
                    crashedInside += 1
                    open.remove(client)
                default: break
                }
            }
            // Nothing but commits reached the database: every row is the last committed one.
            let commits = run.history.databaseCommits(keys: keys)
            for key in keys { XCTAssertEqual(run.finalWorld.database.rows[key], commits[key]?.last?.value) }
            XCTAssertEqual(
                run.finalWorld.database.changeLog.entries.count,
                keys.map { (commits[$0]?.count ?? 1) - 1 }.reduce(0, +))
        }
        XCTAssertGreaterThan(crashedInside, 0, "no client crashed inside a transaction")
    }
}
