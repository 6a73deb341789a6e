import CacheAsideCheck
import CacheAsideCheckTesting
import Testing

/// Pins down what `expectConsistent` records; `withKnownIssue` checks the failure path without failing.
@Suite struct ExpectConsistentTests {
    @Test func passesAndReturnsTheReportWhenEveryPropertyHolds() {
        let report = expectConsistent(Checkers.holding)
        #expect(report.holds)
        #expect(report.runs == 50)
    }

    @Test func recordsAnIssueAtTheCallersLocationWithTheFailureMessage() throws {
        let message = try #require(Checkers.staleSet.check().failureMessage)
        let callLine = #line + 2
        withKnownIssue {
            expectConsistent(Checkers.staleSet, "after the TTL change")
        } matching: { issue in
            issue.comments.map(\.rawValue) == ["expectConsistent (after the TTL change): \(message)"]
                && issue.sourceLocation?.fileID == #fileID && issue.sourceLocation?.line == callLine
        }
    }

    @Test func replayingTheCounterexampleRecordsItsLanes() throws {
        let example = try #require(Checkers.staleSet.check().violated.first?.counterexample)
        let lanes = LaneDiagram.render(example.run)
        withKnownIssue {
            expectConsistent(Checkers.staleSet, replaying: example.replayToken)
        } matching: { issue in
            issue.comments.contains { $0.rawValue.hasPrefix("expectConsistent: cache-aside violated convergence") && $0.rawValue.contains(lanes) }
        }
    }

    @Test func anUnreadableReplayTokenRecordsAnIssue() {
        withKnownIssue {
            #expect(expectConsistent(Checkers.staleSet, replaying: "not a token") == nil)
        } matching: { issue in
            issue.comments.contains { $0.rawValue.hasPrefix("expectConsistent: cannot replay: replay token") }
        }
    }
}
