import CacheAsideCheck
import CacheAsideHistories
import CacheAsideModels
import XCTest

/// The checker's counted limits (search steps, memo bytes) and the pre-pass that refutes a read of a
/// value nobody wrote: verdicts that do not depend on the machine.
final class SearchLimitTests: XCTestCase {
    /// Thirty writes all concurrent with a read that returned a value none of them wrote.
    private func thirtyWritesAndAReadOfAnUnwrittenValue() -> [RegisterOperation] {
        var history = (1...30).map { value in
            RegisterOperation.write(process: value, value: value, invokedAt: value, returnedAt: 100 + value)
        }
        history.append(.read(process: 0, observed: 99, invokedAt: 0, returnedAt: 200, label: "the reader"))
        return history
    }

    func testStepLimitAnswersUnknownNamingTheLimitAndTheSameOnEveryRun() {
        let history = RandomRegisterHistory(clients: 50, operationsPerClient: 34).generate(seed: 1)
        let checker = LinearizabilityChecker(stepLimit: 5_000)
        for _ in 0..<3 {
            guard case .unknown(let limit) = checker.check(history) else { return XCTFail("expected unknown") }
            XCTAssertEqual(limit, .searchSteps(5_000))
            XCTAssertEqual(limit.description, "search-step limit (5000 steps)")
        }
        guard case .unknown(.searchSteps(50_000)) = LinearizabilityChecker(stepLimit: 50_000).check(history) else {
            return XCTFail("a larger limit is named as such")
        }
    }

    func testReadOfAValueNoWriteWroteIsRefutedWithoutSearching() throws {
        // One search step is far too few to explore 2^30 sets of writes: only the pre-pass can answer.
        let history = thirtyWritesAndAReadOfAnUnwrittenValue()
        let violation = try XCTUnwrap(LinearizabilityChecker(stepLimit: 1).check(history).violation)
        XCTAssertEqual(violation.operation.label, "the reader")
        XCTAssertEqual(violation.cause, .readOfUnwrittenValue)
        XCTAssertEqual(violation.explanation, "the reader of k0 returned v99, a value no operation on k0 wrote")
    }

    func testPrePassLeavesReadsOfTheInitialValueAndOfUnknownWritesToTheSearch() {
        let initial: [RegisterOperation] = [.read(process: 0, observed: 0, invokedAt: 0, returnedAt: 1)]
        XCTAssertTrue(LinearizabilityChecker(stepLimit: 1).check(initial).isLinearizable)
        let crashed: [RegisterOperation] = [
            .write(process: 1, value: 7, invokedAt: 0, returnedAt: nil),
            .read(process: 0, observed: 7, invokedAt: 1, returnedAt: 2),
        ]
        XCTAssertTrue(LinearizabilityChecker().check(crashed).isLinearizable, "a crashed write may have taken effect")
        let failedCompareAndSet: [RegisterOperation] = [
            .compareAndSet(process: 1, expected: 3, new: 7, succeeded: false, invokedAt: 0, returnedAt: 1),
            .read(process: 0, observed: 7, invokedAt: 2, returnedAt: 3),
        ]
        XCTAssertEqual(LinearizabilityChecker().check(failedCompareAndSet).violation?.cause, .readOfUnwrittenValue)
    }

    func testLongLinearizableKeyFitsAMemoFarSmallerThanOneBitsetPerConfiguration() {
        // 21,000 operations on one key, compare-and-sets among them (so the search, not the unique-value
        // check, decides): whole bitsets would take 2.6 KB per remembered configuration, over 50 MB for
        // one per operation. Windows take a few words each.
        let history = RandomRegisterHistory(clients: 3, operationsPerClient: 7_000).generate(seed: 3)
        XCTAssertTrue(history.contains { $0.kind == .compareAndSet })
        XCTAssertTrue(LinearizabilityChecker(memoryLimit: 8 << 20).check(history).isLinearizable)
    }

    func testMemoryLimitIsCountedSoTheSameLimitGivesTheSameVerdict() {
        let history = RandomRegisterHistory(clients: 50, operationsPerClient: 34).generate(seed: 1)
        let verdicts = (0..<3).map { _ in "\(LinearizabilityChecker(memoryLimit: 256 << 10).check(history))" }
        XCTAssertEqual(Set(verdicts).count, 1, "\(verdicts)")
    }

    func testLinearizabilityOfSimulatedRunsIsDecidedWhateverTheSearchBudget() throws {
        // 64 clients × 100 operations of cache-aside on one key: values are fresh, so the unique-value
        // check decides without searching; the budget only limits the search for the longest prefix.
        for seed: UInt64 in 7...9 {
            let run = Simulation.run(
                CacheAside(), workload: Workload(clients: 64, operationsPerClient: 100), choices: ChoiceSource(seed: seed))
            let starved = Property.linearizability(stepLimit: 1).evaluate(run)
            let generous = Property.linearizability.evaluate(run)
            XCTAssertNil(starved.undecided, "seed \(seed)")
            XCTAssertNil(generous.undecided, "seed \(seed)")
            XCTAssertEqual(starved.violation == nil, generous.violation == nil, "seed \(seed)")
        }
    }

    func testUndecidedEvaluationCarriesItsReason() {
        XCTAssertNil(Property.Evaluation.holds.undecided)
        let undecided = Property.Evaluation(undecided: "the linearizability search ran out of its search-step limit (1 steps)")
        XCTAssertNil(undecided.violation, "undecided is not a violation")
        XCTAssertNotEqual(undecided, .holds, "nor does it hold")
    }

    func testZoneRefutationWithoutAPrefixNamesTheValueThatHadToBeHeld() throws {
        // Thirty concurrent writes, then, after all completed, one read of v3 and a later read of v4:
        // v3 and v4 would both have to be the register's value after the last write. One search step is
        // far too few for the prefix; the zones refute it anyway.
        var history = (1...30).map { RegisterOperation.write(process: $0, value: $0, invokedAt: $0, returnedAt: 30 + $0) }
        history.append(.read(process: 40, observed: 3, invokedAt: 70, returnedAt: 71))
        history.append(.read(process: 41, observed: 4, invokedAt: 72, returnedAt: 73))
        let violation = try XCTUnwrap(LinearizabilityChecker(stepLimit: 1).check(history).violation)
        XCTAssertFalse(violation.prefixFound)
        XCTAssertEqual(violation.longestLinearizablePrefix, [])
        XCTAssertEqual(violation.cause, .readOfWrongValue)
        XCTAssertEqual(violation.operation.observed, 4)
        XCTAssertEqual(
            violation.explanation,
            "client 41's read of k0 returned v4, but v3 had to be the register's value over an overlapping stretch of the history")
        // Five writes instead of thirty: the short search after the refutation finds the prefix.
        let small = Array(history[0..<5]) + history.suffix(2)
        XCTAssertTrue(try XCTUnwrap(LinearizabilityChecker().check(small).violation).prefixFound)
    }

    func testReadThatReturnedBeforeItsWriteBeganIsNamedSo() throws {
        let history: [RegisterOperation] = [
            .read(process: 1, observed: 5, invokedAt: 0, returnedAt: 1),
            .write(process: 2, value: 5, invokedAt: 2, returnedAt: 3),
        ]
        XCTAssertEqual(UniqueValueRegisterCheck.decide(history, initialValue: 0), .violation(operation: 0, heldValue: nil))
        let violation = try XCTUnwrap(LinearizabilityChecker(stepLimit: 1).check(history).violation)
        XCTAssertEqual(violation.cause, .readBeforeItsWrite)
        XCTAssertEqual(violation.explanation, "client 1's read of k0 returned v5 before any write of that value had begun")
    }
}
