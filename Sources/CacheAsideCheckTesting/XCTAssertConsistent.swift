import CacheAsideCheck
import XCTest

/// Asserts that `checker` finds no violation: every explored run completes and every property and
/// invariant holds. Otherwise the test fails at the caller's line with `Report.failureMessage`: each
/// violated property, its shrunk counterexample drawn as lanes, and a line of Swift that replays it.
///
/// ```swift
/// func testLockedCacheAsideConverges() {
///     XCTAssertConsistent(Checker(strategy: LockedCacheAside(), properties: [.convergence]))
/// }
/// ```
///
/// - Parameters:
///   - checker: the configured checker (strategy, workload, properties, invariants, options, seeds).
///   - message: added to the failure, as with the other `XCTAssert` functions.
///   - file: the file the failure is reported in; the caller's by default.
///   - line: the line the failure is reported at; the caller's by default.
/// - Returns: the report, for further assertions on its figures.
@discardableResult
public func XCTAssertConsistent(
    _ checker: Checker, _ message: @autoclosure () -> String = "", file: StaticString = #filePath,
    line: UInt = #line
) -> Report {
    let (report, failure) = ConsistencyCheck.explore(checker)
    if let failure {
        XCTFail(
            ConsistencyCheck.failureText(assertion: "XCTAssertConsistent", userMessage: message(), failure: failure),
            file: file, line: line)
    }
    return report
}

/// Asserts that the single run a replay token describes (from a failure message) violates nothing:
/// paste the token of a counterexample to keep it as a regression test once the strategy is fixed.
///
/// - Returns: the replayed run's report, or `nil` if the token could not be read (which fails the test).
@discardableResult
public func XCTAssertConsistent(
    _ checker: Checker, replaying token: String, _ message: @autoclosure () -> String = "",
    file: StaticString = #filePath, line: UInt = #line
) -> Report? {
    let (report, failure) = ConsistencyCheck.replay(checker, token: token)
    if let failure {
        XCTFail(
            ConsistencyCheck.failureText(assertion: "XCTAssertConsistent", userMessage: message(), failure: failure),
            file: file, line: line)
    }
    return report
}
