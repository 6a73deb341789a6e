import CacheAsideCheck
import Testing

/// Expects that `checker` finds no violation, the Swift Testing way: otherwise it records an `Issue` at
/// the caller's source location whose comment is `Report.failureMessage` (each violated property, its
/// shrunk counterexample drawn as lanes, and a line of Swift that replays it). Like `#expect`, it does
/// not stop the test.
///
/// ```swift
/// @Test func lockedCacheAsideConverges() {
///     expectConsistent(Checker(strategy: LockedCacheAside(), properties: [.convergence]))
/// }
/// ```
///
/// - Parameters:
///   - checker: the configured checker (strategy, workload, properties, invariants, options, seeds).
///   - comment: put before the failure message.
///   - sourceLocation: where the issue is reported; the caller's by default.
/// - Returns: the report, for further expectations on its figures.
@discardableResult
public func expectConsistent(
    _ checker: Checker, _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation
) -> Report {
    let (report, failure) = ConsistencyCheck.explore(checker)
    if let failure { recordInconsistency(failure, comment: comment, at: sourceLocation) }
    return report
}

/// Expects that the single run a replay token describes (from a failure message) violates nothing:
/// paste the token of a counterexample to keep it as a regression test once the strategy is fixed.
///
/// - Returns: the replayed run's report, or `nil` if the token could not be read (which records an issue).
@discardableResult
public func expectConsistent(
    _ checker: Checker, replaying token: String, _ comment: Comment? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
) -> Report? {
    let (report, failure) = ConsistencyCheck.replay(checker, token: token)
    if let failure { recordInconsistency(failure, comment: comment, at: sourceLocation) }
    return report
}

private func recordInconsistency(_ failure: String, comment: Comment?, at sourceLocation: SourceLocation) {
    let text = ConsistencyCheck.failureText(
        assertion: "expectConsistent", userMessage: comment?.rawValue ?? "", failure: failure)
    Issue.record(Comment(rawValue: text), sourceLocation: sourceLocation)
}
