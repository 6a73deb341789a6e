import CacheAsideCheck
import CacheAsideModels
import XCTest

final class ShrinkerTests: XCTestCase {
    private func checker(_ strategy: any CachingStrategy, faults: Set<Fault> = []) -> Checker {
        Checker(strategy: strategy, simulation: SimulationOptions(faults: faults))
    }

    private func shrink(_ checker: Checker, _ run: RunRecord, _ property: Property) -> Shrinker.Result {
        checker.shrink(run) { $0.failure == nil && property.evaluate($0).violation != nil }
    }

    private func firstFailingRun(_ checker: Checker, _ property: Property, within seeds: Range<UInt64> = 0..<3_000)
        -> RunRecord?
    {
        for seed in seeds {
            let run = checker.run(seed: seed)
            if run.failure == nil, property.evaluate(run).violation != nil { return run }
        }
        return nil
    }

    func testCacheAsideConvergenceShrinksToTheTextbookStaleSet() throws {
        let checker = checker(CacheAside())
        let original = try XCTUnwrap(firstFailingRun(checker, .convergence))
        let minimal = shrink(checker, original, .convergence).run
        let size = RunSize(minimal)
        XCTAssertEqual(size.clients, 2)
        XCTAssertEqual(size.operations, 2)
        XCTAssertEqual(size.steps, 5)
        let actions = minimal.history.steps.map { step -> String in
            switch step.step.action {
            case .cacheGet: "get \(step.step.outcome)"
            case .databaseRead: "db.read"
            case .databaseWrite: "db.write"
            case .cacheDelete: "delete"
            case .cacheSet(_, let value, _): "set \(value)"
            default: "other"
            }
        }
        XCTAssertEqual(actions, ["get miss", "db.read", "db.write", "delete", "set v0"])
    }

    /// For every model in the catalogue, every property it violates (with and without faults): the shrunk
    /// run is 1-minimal (zeroing any one choice — dropping an operation, a preemption or a fault — makes
    /// the property hold or the run no simpler), shrinking it again changes nothing, and shrinking is
    /// deterministic.
    func testShrunkRunsAreOneMinimalIdempotentAndDeterministic() {
        let properties: [Property] = [.convergence, .linearizability, .staleness(bound: 60), .stampede()]
        var checkedPairs = 0
        for entry in ModelCatalogue.entries {
            for faults: Set<Fault> in [[], [.lostDelete, .clientCrash]] {
                let checker = checker(entry.make(60), faults: faults)
                for property in properties {
                    guard let original = firstFailingRun(checker, property, within: 0..<600) else { continue }
                    checkedPairs += 1
                    let context = "\(entry.name) \(property.label) faults \(faults.map(\.rawValue).sorted())"
                    let first = shrink(checker, original, property)
                    let again = shrink(checker, original, property)
                    XCTAssertEqual(first.run.choices, again.run.choices, "deterministic: \(context)")
                    let reshrunk = shrink(checker, first.run, property)
                    XCTAssertEqual(reshrunk.run.choices, first.run.choices, "idempotent: \(context)")
                    for index in first.run.choices.indices where first.run.choices[index] != 0 {
                        var candidate = first.run.choices
                        candidate[index] = 0
                        let replayed = checker.replay(candidate)
                        XCTAssertFalse(
                            replayed.failure == nil && property.evaluate(replayed).violation != nil
                                && ShrinkOrder.isSimpler(replayed, than: first.run),
                            "1-minimal: \(context): zeroing choice \(index) gives a simpler failing run")
                    }
                }
            }
        }
        XCTAssertGreaterThan(checkedPairs, 3)
    }

    func testShrinkingNeverGrowsTheRun() throws {
        let checker = checker(CacheAside())
        var seed: UInt64 = 0
        var checked = 0
        while checked < 20 {
            let run = checker.run(seed: seed)
            seed += 1
            guard Property.linearizability.evaluate(run).violation != nil else { continue }
            checked += 1
            let minimal = shrink(checker, run, .linearizability).run
            XCTAssertLessThanOrEqual(RunSize(minimal).steps, RunSize(run).steps)
            XCTAssertLessThanOrEqual(RunSize(minimal).operations, RunSize(run).operations)
            XCTAssertNotNil(Property.linearizability.evaluate(minimal).violation)
        }
    }

    func testAttemptLimitBoundsTheShrink() throws {
        let checker = checker(CacheAside())
        let original = try XCTUnwrap(firstFailingRun(checker, .convergence))
        let limited = Shrinker(attemptLimit: 3).shrink(original) { Property.convergence.evaluate($0).violation != nil } replay: {
            checker.replay($0)
        }
        XCTAssertLessThanOrEqual(limited.attempts, 3)
        XCTAssertTrue(limited.stoppedAtLimit)
        XCTAssertNotNil(Property.convergence.evaluate(limited.run).violation)
        XCTAssertFalse(shrink(checker, original, .convergence).stoppedAtLimit)
    }

    func testStepLimitBoundsTheShrinkInCountedUnits() throws {
        let checker = checker(CacheAside())
        let original = try XCTUnwrap(firstFailingRun(checker, .convergence))
        let shrinker = Shrinker(stepLimit: 3 * original.schedulingPoints)
        let limited = shrinker.shrink(original) { Property.convergence.evaluate($0).violation != nil } replay: {
            checker.replay($0)
        }
        XCTAssertTrue(limited.stoppedAtLimit)
        // Replays are never longer than the run they shrink, so at least three fit under the limit, and
        // fewer than a whole shrink takes.
        XCTAssertGreaterThanOrEqual(limited.attempts, 3)
        XCTAssertLessThan(limited.attempts, shrink(checker, original, .convergence).attempts)
        let again = shrinker.shrink(original) { Property.convergence.evaluate($0).violation != nil } replay: {
            checker.replay($0)
        }
        XCTAssertEqual(again.run.choices, limited.run.choices)
    }

    func testReplayTokenOfShrunkRunReproducesItExactly() throws {
        let checker = checker(CacheAside())
        let original = try XCTUnwrap(firstFailingRun(checker, .convergence))
        let minimal = shrink(checker, original, .convergence).run
        let replayed = try checker.replay(
            token: ReplayToken(choices: minimal.choices, fingerprint: checker.fingerprint).encoded)
        XCTAssertEqual(replayed.history, minimal.history)
        XCTAssertEqual(LaneDiagram.render(replayed), LaneDiagram.render(minimal))
    }
}
