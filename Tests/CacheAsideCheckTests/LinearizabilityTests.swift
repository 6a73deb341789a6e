import CacheAsideCheck
import CacheAsideHistories
import XCTest

/// Hand-made histories: each classic anomaly, and linearizable histories that look suspicious.
/// Times are event positions; `w(…)`, `r(…)` and `cas(…)` below build operations on key 0 by default.
final class LinearizabilityTests: XCTestCase {
    private func w(_ process: Int, _ value: Int, _ invoked: Int, _ returned: Int?, key: Int = 0) -> RegisterOperation {
        .write(process: process, key: key, value: value, invokedAt: invoked, returnedAt: returned)
    }

    private func r(_ process: Int, _ observed: Int?, _ invoked: Int, _ returned: Int?, key: Int = 0) -> RegisterOperation {
        .read(process: process, key: key, observed: observed, invokedAt: invoked, returnedAt: returned)
    }

    private func cas(
        _ process: Int, _ expected: Int, _ new: Int, _ succeeded: Bool?, _ invoked: Int, _ returned: Int?
    ) -> RegisterOperation {
        .compareAndSet(process: process, expected: expected, new: new, succeeded: succeeded,
                       invokedAt: invoked, returnedAt: returned)
    }

    private func violation(
        _ history: [RegisterOperation], file: StaticString = #filePath, line: UInt = #line
    ) -> LinearizabilityViolation? {
        let verdict = LinearizabilityChecker().check(history)
        guard let violation = verdict.violation else {
            XCTFail("expected a violation, got \(verdict)", file: file, line: line)
            return nil
        }
        return violation
    }

    private func assertLinearizable(
        _ history: [RegisterOperation], file: StaticString = #filePath, line: UInt = #line
    ) {
        let verdict = LinearizabilityChecker().check(history)
        XCTAssertTrue(verdict.isLinearizable, "\(verdict)", file: file, line: line)
    }

    // MARK: Anomalies

    func testStaleReadAfterCompletedWriteIsNamedWithTheWriteItMissed() throws {
        let history = [w(1, 1, 0, 1), r(2, 0, 2, 3)]
        let found = try XCTUnwrap(violation(history))
        XCTAssertEqual(found.operation, history[1])
        XCTAssertEqual(found.cause, .readOfWrongValue)
        XCTAssertEqual(found.longestLinearizablePrefix, [history[0]])
        XCTAssertEqual(found.registerValue, 1)
        XCTAssertEqual(found.lastWriter, history[0])
        XCTAssertEqual(
            found.explanation,
            "client 2's read of k0 returned v0, but v1 had already been written (linearised: client 1's write v1)")
    }

    func testReadOfNeverWrittenValueIsNamedAsSuch() throws {
        let found = try XCTUnwrap(violation([w(1, 1, 0, 1), r(2, 7, 2, 3)]))
        XCTAssertEqual(found.cause, .readOfUnwrittenValue)
        XCTAssertEqual(found.explanation, "client 2's read of k0 returned v7, a value no operation on k0 wrote")
    }

    func testReadOfValueWrittenOnlyLaterSaysTheRegisterStillHeldTheInitialValue() throws {
        let found = try XCTUnwrap(violation([r(2, 1, 0, 1), w(1, 1, 2, 3)]))
        XCTAssertEqual(found.cause, .readOfWrongValue)
        XCTAssertEqual(found.longestLinearizablePrefix, [])
        XCTAssertEqual(found.explanation, "client 2's read of k0 returned v1, but the register still held its initial value v0")
    }

    func testNewOldInversionBetweenTwoReadsIsAViolation() throws {
        // The write overlaps both reads, but once one read saw v1 a later read cannot see v0.
        let history = [w(1, 1, 0, 10), r(2, 1, 1, 2), r(3, 0, 3, 4)]
        let found = try XCTUnwrap(violation(history))
        XCTAssertEqual(found.operation, history[2])
        XCTAssertEqual(found.longestLinearizablePrefix, [history[0], history[1]])
    }

    func testLostUpdateWhereTwoCompareAndSetsFromTheSameValueBothSucceedIsAViolation() throws {
        let history = [cas(1, 0, 1, true, 0, 3), cas(2, 0, 2, true, 1, 2)]
        let found = try XCTUnwrap(violation(history))
        XCTAssertEqual(found.cause, .compareAndSetSucceededOnWrongValue)
        XCTAssertEqual(found.longestLinearizablePrefix.count, 1)
    }

    func testCompareAndSetThatFailedThoughTheRegisterHeldItsExpectedValueIsAViolation() throws {
        let history = [w(1, 1, 0, 1), cas(2, 1, 2, false, 2, 3)]
        let found = try XCTUnwrap(violation(history))
        XCTAssertEqual(found.cause, .compareAndSetFailedOnExpectedValue)
        XCTAssertEqual(
            found.explanation,
            "client 2's cas v1→v2 failed on k0, but v1 had already been written (linearised: client 1's write v1),"
                + " so it should have succeeded")
    }

    func testFailedCompareAndSetStillConstrainsTheOrder() {
        // cas(1→2) failed, so it must come before the write of 1 or after the write of 3; the read of 2
        // can then not be explained.
        assertLinearizable([w(1, 1, 0, 5), cas(2, 1, 2, false, 1, 2)])
        XCTAssertNotNil(violation([w(1, 1, 0, 1), cas(2, 1, 2, false, 2, 3), r(3, 2, 4, 5)]))
    }

    // MARK: Tricky linearizable histories

    func testReadConcurrentWithWriteMaySeeEitherValue() {
        assertLinearizable([w(1, 1, 0, 3), r(2, 0, 1, 2)])
        assertLinearizable([w(1, 1, 0, 3), r(2, 1, 1, 2)])
    }

    func testOperationsWhoseIntervalsTouchOverlap() {
        // The read is invoked at the very position the write returned: the intervals are closed.
        assertLinearizable([w(1, 1, 0, 5), r(2, 0, 5, 6)])
    }

    func testUnknownOutcomeWriteMayBeSeenLater() {
        assertLinearizable([w(1, 1, 0, nil), r(2, 1, 5, 6)])
    }

    func testUnknownOutcomeWriteMayNeverTakeEffect() {
        assertLinearizable([w(1, 1, 0, nil), r(2, 0, 5, 6), r(3, 0, 7, 8)])
    }

    func testUnknownOutcomeWriteOnceSeenCannotBeUnseen() throws {
        let history = [w(1, 1, 0, nil), r(2, 1, 5, 6), r(3, 0, 7, 8)]
        XCTAssertEqual(try XCTUnwrap(violation(history)).operation, history[2])
    }

    func testUnknownOutcomeWriteCannotTakeEffectBeforeItWasInvoked() {
        XCTAssertNotNil(violation([r(2, 1, 0, 1), w(1, 1, 2, nil)]))
    }

    func testUnknownOutcomeCompareAndSetTakesEffectOnlyWhenItsExpectedValueIsHeld() {
        assertLinearizable([cas(1, 0, 1, nil, 0, nil), r(2, 1, 3, 4)])
        XCTAssertNotNil(violation([cas(1, 5, 1, nil, 0, nil), r(2, 1, 3, 4)]))
    }

    func testUnknownOutcomeReadConstrainsNothing() {
        assertLinearizable([r(1, nil, 0, nil), w(2, 1, 1, 2)])
    }

    func testHistoryOfOnlyUnknownOutcomesIsLinearizable() {
        assertLinearizable([w(1, 1, 0, nil), cas(2, 3, 4, nil, 1, nil)])
    }

    func testEmptyHistoryIsLinearizable() {
        assertLinearizable([])
    }

    // MARK: Keys, initial values, limits

    func testKeysAreCheckedSeparatelyAndReportedInKeyOrder() {
        let history = [w(1, 1, 0, 1, key: 3), r(2, 1, 2, 3, key: 3), w(1, 2, 4, 5, key: 1), r(2, 1, 6, 7, key: 1)]
        let verdicts = LinearizabilityChecker().checkEachKey(history)
        XCTAssertEqual(verdicts.map(\.key), [1, 3])
        XCTAssertEqual(verdicts.map(\.operationCount), [2, 2])
        XCTAssertEqual(verdicts[0].verdict.violation?.key, 1)
        XCTAssertTrue(verdicts[1].verdict.isLinearizable)
        XCTAssertEqual(LinearizabilityChecker().check(history).violation?.operation, history[3])
    }

    func testInitialValueIsPerKey() {
        let history = [r(1, 7, 0, 1, key: 2), r(1, 0, 2, 3, key: 5)]
        XCTAssertTrue(LinearizabilityChecker().check(history) { $0 == 2 ? 7 : 0 }.isLinearizable)
        XCTAssertFalse(LinearizabilityChecker().check(history).isLinearizable)
    }

    func testExplanationNamesValuesAndKeysThroughTheGivenFunctions() throws {
        let found = try XCTUnwrap(violation([w(1, 1, 0, 1), r(2, 0, 2, 3)]))
        let text = found.explanation(valueName: { $0 == 0 ? "null" : "\"x\"" }, keyName: { _ in "\"user\"" })
        XCTAssertEqual(
            text, "client 2's read of \"user\" returned null, but \"x\" had already been written"
                + " (linearised: client 1's write \"x\")")
    }

    func testTimeLimitAnswersUnknownPromptly() {
        // Fifty clients hammering one key: far too many orders to finish in 50 ms.
        let history = RandomRegisterHistory(clients: 50, operationsPerClient: 34).generate(seed: 1)
        let clock = ContinuousClock()
        let start = clock.now
        let verdict = LinearizabilityChecker(timeLimit: .milliseconds(50)).check(history)
        guard case .unknown(let limit) = verdict else { return XCTFail("expected unknown, got \(verdict)") }
        XCTAssertEqual(limit, .time)
        XCTAssertLessThan(clock.now - start, .seconds(2))
    }

    func testMemoryLimitAnswersUnknown() {
        let history = RandomRegisterHistory(clients: 50, operationsPerClient: 34).generate(seed: 1)
        let verdict = LinearizabilityChecker(memoryLimit: 64 << 10).check(history)
        guard case .unknown(let limit) = verdict else { return XCTFail("expected unknown, got \(verdict)") }
        XCTAssertEqual(limit, .memory(bytes: 64 << 10))
        XCTAssertEqual(limit.description, "memory limit (65536 bytes of search memo)")
    }
}
