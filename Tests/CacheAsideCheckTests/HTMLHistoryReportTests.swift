import XCTest

import CacheAsideCheck
import CacheAsideHistories
@testable import CacheAsideRendering

/// The check-history page words h-history's verdicts: an undecided key names its limit, a violation found
/// without a prefix marks its culprit alone, and operations carry their process's name from the file.
final class HTMLHistoryReportTests: XCTestCase {
    private func history() throws -> RecordedHistory {
        try RecordedHistory(parsing: """
            {"process": "w", "type": "invoke", "f": "write", "key": "x", "value": 1}
            {"process": "w", "type": "ok", "f": "write", "key": "x", "value": 1}
            {"process": "r", "type": "invoke", "f": "read", "key": "x"}
            {"process": "r", "type": "ok", "f": "read", "key": "x", "value": null}

            """)
    }

    func testAnUndecidedKeyNamesTheLimitThatRanOut() throws {
        let history = try history()
        let page = HTMLHistoryReport(
            history: history, verdicts: [KeyLinearizabilityVerdict(key: 0, operationCount: 2, verdict: .unknown(.searchSteps(5)))],
            path: "h.jsonl", undecided: { "the \($0) ran out; raise it with --search-limit STEPS" }
        ).render()
        XCTAssertTrue(page.contains("unknown (the search-step limit (5 steps) ran out; raise it with --search-limit STEPS)"), page)
    }

    func testAViolationWithoutItsPrefixMarksOnlyTheCulprit() throws {
        let history = try history()
        let read = history.operations[1]
        let violation = LinearizabilityViolation(
            key: 0, operation: read, longestLinearizablePrefix: [], registerValue: 1, initialValue: 0,
            cause: .readOfWrongValue, prefixFound: false)
        let page = HTMLHistoryReport(
            history: history, verdicts: [KeyLinearizabilityVerdict(key: 0, operationCount: 2, verdict: .violation(violation))],
            path: "h.jsonl"
        ).render()
        XCTAssertTrue(page.contains("op-bar read culprit"), page)
        XCTAssertFalse(page.contains(" outside"), "nothing is greyed as unplaced when no prefix was searched for")
        XCTAssertTrue(page.contains("op-bar write\""), "the write is drawn plain")
        XCTAssertTrue(page.contains(#"process \"r\"'s read of key \"x\" returned null"#), page)
    }
}
