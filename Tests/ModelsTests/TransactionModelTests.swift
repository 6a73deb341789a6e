import CacheAsideCheck
import CacheAsideModels
import XCTest

/// The transaction and generation-counter models: the ORM-hook bug shrinks to the trace its bug reports
/// describe and is drawn in the writer's lane; invalidating after the commit never shows it; every new
/// model replays its tokens, reports the same twice, and gets the same verdicts from exhaustive search
/// with and without partial-order reduction.
final class TransactionModelTests: XCTestCase {
    private static let newModels = [
        "orm-hook-invalidation", "after-commit-invalidation", "double-delete-transaction", "versioned-set-transaction",
        "generation-counter",
    ]

    private func checker(_ model: String, properties: [Property] = [.convergence]) throws -> Checker {
        let entry = try XCTUnwrap(ModelCatalogue.entry(named: model))
        return Checker(strategy: entry.make(60), workload: Workload(), properties: properties)
    }

    /// The client and call of every step, in order: `c1 db.begin`.
    private func steps(of run: RunRecord) -> [String] {
        run.history.steps.map { "\($0.client) \($0.step.action.callDescription.split(separator: " ").first ?? "")" }
    }

    func testTheOrmHookRaceShrinksToTheDeleteBeforeTheCommit() throws {
        let report = try checker("orm-hook-invalidation").check()
        let counterexample = try XCTUnwrap(report.properties.first?.counterexample, "convergence was not broken")
        let run = counterexample.run
        let writer = try XCTUnwrap(run.history.operations.first { !$0.operation.isRead }?.client)
        let reader = try XCTUnwrap(run.history.operations.first { $0.operation.isRead }?.client)
        XCTAssertEqual(
            steps(of: run),
            [
                "\(writer) db.begin", "\(writer) tx.write", "\(writer) cache.delete", "\(reader) cache.get",
                "\(reader) db.read", "\(reader) cache.set", "\(writer) db.commit",
            ], LaneDiagram.render(run))
        // The reader read the old committed row while the new one was still buffered.
        let readerRead = try XCTUnwrap(run.history.steps.first { $0.client == reader && $0.step.action == .databaseRead(Key(1)) })
        XCTAssertEqual(readerRead.step.outcome, .value(.initial))
        // The lanes draw the transaction in the writer's column: begin and commit on its lines.
        let lanes = LaneDiagram.render(run)
        let header = try XCTUnwrap(lanes.split(separator: "\n").first { $0.contains("client") })
        let writerColumn = try XCTUnwrap(header.range(of: "\(writer)")).lowerBound
        for call in ["db.begin", "db.commit"] {
            let line = try XCTUnwrap(lanes.split(separator: "\n").first { $0.contains(call) }, lanes)
            let column = try XCTUnwrap(line.range(of: call)).lowerBound
            XCTAssertEqual(
                line.distance(from: line.startIndex, to: column), header.distance(from: header.startIndex, to: writerColumn),
                "\(call) is not in \(writer)'s lane:\n\(lanes)")
        }
    }

    func testAfterCommitInvalidationNeverDeletesBeforeItsCommit() throws {
        let checker = try checker("after-commit-invalidation")
        var violations = 0
        for seed: UInt64 in 0..<2_000 {
            let run = checker.run(seed: seed)
            guard Property.convergence.evaluate(run).violation != nil else { continue }
            violations += 1
            // In every failing run each writer's delete follows its own commit: no ORM-hook trace.
            var committed: Set<ClientID> = []
            var begun: Set<ClientID> = []
            for entry in run.history.steps {
                switch entry.step.action {
                case .databaseBegin: begun.insert(entry.client)
                case .databaseCommit: committed.insert(entry.client)
                case .cacheDelete:
                    XCTAssertTrue(committed.contains(entry.client) || !begun.contains(entry.client), "seed \(seed)")
                default: break
                }
            }
        }
        XCTAssertGreaterThan(violations, 0, "cache-aside's classic race should still break convergence")
        // Its shrunk counterexample is the classic race: the reader's database read precedes the commit.
        let counterexample = try XCTUnwrap(checker.check().properties.first?.counterexample)
        let calls = steps(of: counterexample.run)
        let commit = try XCTUnwrap(calls.firstIndex { $0.hasSuffix("db.commit") })
        let delete = try XCTUnwrap(calls.lastIndex { $0.hasSuffix("cache.delete") })
        let read = try XCTUnwrap(calls.firstIndex { $0.hasSuffix("db.read") })
        XCTAssertLessThan(commit, delete, LaneDiagram.render(counterexample.run))
        XCTAssertLessThan(read, commit, LaneDiagram.render(counterexample.run))
    }

    func testEveryNewModelsCounterexamplesReplayFromTheirTokens() throws {
        for model in Self.newModels {
            let checker = try checker(model, properties: [.linearizability, .convergence, .staleness(bound: 60)])
            let report = checker.check()
            XCTAssertFalse(report.violated.isEmpty, "\(model) broke nothing")
            for property in report.violated {
                let counterexample = try XCTUnwrap(property.counterexample)
                let replayed = try checker.replay(token: counterexample.replayToken)
                XCTAssertEqual(replayed.history, counterexample.run.history, "\(model), \(property.label)")
            }
        }
    }

    func testEveryNewModelReportsTheSameForTheSameSeeds() throws {
        for model in Self.newModels {
            var checker = try checker(model, properties: [.linearizability, .convergence, .staleness(bound: 60)])
            checker.exploration = Exploration(seeds: 0..<300)
            let first = checker.check()
            let second = checker.check()
            func text(_ report: Report) -> String { TextReport(report: report) { $0 }.render(header: model) }
            XCTAssertEqual(text(first), text(second), model)
            for seed: UInt64 in [3, 17, 250] {
                XCTAssertEqual(checker.run(seed: seed).history, checker.run(seed: seed).history, "\(model) seed \(seed)")
            }
        }
    }

    func testExhaustiveSearchAtTwoByTwoAgreesWithAndWithoutReduction() throws {
        for model in Self.newModels {
            let entry = try XCTUnwrap(ModelCatalogue.entry(named: model))
            // One plan per model (the workload of seed 0): the catalogue-wide
            // reduction oracle samples other plans and sizes.
            for seed: UInt64 in 0..<1 {
                let checker = Checker(
                    strategy: entry.make(nil), workload: Workload(clients: 2, operationsPerClient: 2, keys: 1),
                    properties: [.linearizability, .convergence, .staleness(bound: nil)],
                    exploration: Exploration(seeds: seed..<(seed + 1), scheduler: .exhaustive(Exploration.ExhaustiveSearch())))
                let oracle = ReductionOracle(checker: checker)
                let reduced = try XCTUnwrap(oracle.search(reduction: true), model)
                let plain = try XCTUnwrap(oracle.search(reduction: false), model)
                XCTAssertEqual(reduced.verdicts, plain.verdicts, "\(model) seed \(seed)")
                XCTAssertEqual(reduced.outcomes, plain.outcomes, "\(model) seed \(seed)")
                XCTAssertLessThanOrEqual(reduced.schedules, plain.schedules, model)
            }
        }
    }
}
