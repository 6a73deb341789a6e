import CacheAsideCheck
import CacheAsideHistories
import Foundation
import XCTest

/// The JSON Lines reader for `check-history`: what it accepts, and one clear error per kind of bad input.
final class RecordedHistoryTests: XCTestCase {
    private func parse(_ lines: [String]) throws -> RecordedHistory {
        try RecordedHistory(parsing: lines.joined(separator: "\n"))
    }

    /// Asserts that parsing fails on `line` with a message that names the line and contains `fragment`.
    private func assertRejected(
        _ lines: [String], onLine line: Int?, mentioning fragment: String,
        file: StaticString = #filePath, sourceLine: UInt = #line
    ) {
        do {
            let history = try parse(lines)
            XCTFail("parsed \(history.operations.count) operations", file: file, line: sourceLine)
        } catch let error as RecordedHistoryError {
            XCTAssertEqual(error.line, line, error.description, file: file, line: sourceLine)
            if let line { XCTAssertTrue(error.description.hasPrefix("line \(line): "), error.description, file: file, line: sourceLine) }
            XCTAssertTrue(error.description.contains(fragment), error.description, file: file, line: sourceLine)
            XCTAssertFalse(error.description.contains("\n"), "one line", file: file, line: sourceLine)
        } catch {
            XCTFail("unexpected \(error)", file: file, line: sourceLine)
        }
    }

    private let writeX5 = [
        #"{"process": 1, "type": "invoke", "f": "write", "key": "x", "value": 5}"#,
        #"{"process": 1, "type": "ok", "f": "write", "key": "x", "value": 5}"#,
    ]

    // MARK: Accepted input

    func testReadsWritesAndCompareAndSetsBecomeOperationsWithLinePositions() throws {
        let history = try parse(writeX5 + [
            "",
            #"{"process": "p2", "type": "invoke", "f": "read", "key": "x", "value": null}"#,
            #"{"process": "p2", "type": "ok", "f": "read", "key": "x", "value": 5}"#,
            #"{"process": 3, "type": "invoke", "f": "cas", "key": 7, "value": [null, "a"]}"#,
            #"{"process": 3, "type": "ok", "f": "cas", "key": 7, "succeeded": false}"#,
        ])
        XCTAssertEqual(history.operations.count, 3)
        let (write, read, cas) = (history.operations[0], history.operations[1], history.operations[2])
        XCTAssertEqual(write.kind, .write)
        XCTAssertEqual(history.valueName(write.written!), "5")
        XCTAssertEqual(history.keyName(write.key), "\"x\"")
        XCTAssertEqual([write.invokedAt, write.returnedAt], [1, 2])
        XCTAssertEqual([read.invokedAt, read.returnedAt], [4, 5], "blank lines still count")
        XCTAssertEqual(read.observed, write.written)
        XCTAssertEqual(history.labelled(read).name, "process \"p2\"'s read")
        XCTAssertEqual(cas.expected, RecordedHistory.initialValue)
        XCTAssertEqual(history.valueName(cas.written!), "\"a\"")
        XCTAssertEqual(cas.succeeded, false)
        XCTAssertEqual(history.keyName(cas.key), "7")
    }

    func testIntegerAndStringSpellingsOfTheSameNumberAreDifferentValues() throws {
        let history = try parse([
            #"{"process": 1, "type": "invoke", "f": "write", "key": 1, "value": 1}"#,
            #"{"process": 1, "type": "ok", "f": "write", "key": 1}"#,
            #"{"process": 1, "type": "invoke", "f": "read", "key": "1"}"#,
            #"{"process": 1, "type": "ok", "f": "read", "key": "1", "value": "1"}"#,
        ])
        XCTAssertNotEqual(history.operations[0].key, history.operations[1].key)
        XCTAssertNotEqual(history.operations[0].written, history.operations[1].observed)
    }

    func testFailedOperationsAreDroppedAndInfoOrUnreturnedOnesHaveUnknownOutcomes() throws {
        let history = try parse([
            #"{"process": 1, "type": "invoke", "f": "write", "key": 1, "value": 1}"#,
            #"{"process": 1, "type": "fail", "f": "write", "key": 1}"#,
            #"{"process": 1, "type": "invoke", "f": "write", "key": 1, "value": 2}"#,
            #"{"process": 1, "type": "info", "f": "write", "key": 1}"#,
            #"{"process": 2, "type": "invoke", "f": "cas", "key": 1, "value": [2, 3]}"#,
        ])
        XCTAssertEqual(history.operations.map(\.invokedAt), [3, 5])
        XCTAssertEqual(history.operations.map(\.isCompleted), [false, false])
        XCTAssertEqual(history.operations[1].succeeded, nil)
    }

    func testCheckerVerdictOnAParsedHistoryNamesValuesAsTheFileSpelledThem() throws {
        let history = try parse(writeX5 + [
            #"{"process": 2, "type": "invoke", "f": "read", "key": "x"}"#,
            #"{"process": 2, "type": "ok", "f": "read", "key": "x", "value": null}"#,
        ])
        let violation = history.labelled(try XCTUnwrap(LinearizabilityChecker().check(history.operations).violation))
        XCTAssertEqual(
            violation.explanation(valueName: history.valueName, keyName: history.keyName),
            "process 2's read of \"x\" returned null, but 5 had already been written (linearised: process 1's write 5)")
    }

    func testReadsFromAFile() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("history-\(UUID()).jsonl")
        try writeX5.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        XCTAssertEqual(try RecordedHistory(contentsOfFile: url.path).operations.count, 1)
    }

    // MARK: Bad input

    func testMalformedJSONNamesTheLine() {
        assertRejected([writeX5[0], #"{"process": 1, "type": "ok""#], onLine: 2, mentioning: "malformed JSON")
    }

    func testNonObjectLineIsRejected() {
        assertRejected(["[1, 2]"], onLine: 1, mentioning: "not a JSON object")
    }

    func testUnknownFunctionIsRejected() {
        assertRejected([#"{"process": 1, "type": "invoke", "f": "append", "key": 1, "value": 1}"#],
                       onLine: 1, mentioning: #"unknown "f" "append""#)
    }

    func testUnknownTypeIsRejected() {
        assertRejected([writeX5[0], #"{"process": 1, "type": "done", "f": "write", "key": "x"}"#],
                       onLine: 2, mentioning: #"unknown "type" "done""#)
    }

    func testMissingFieldsAreRejected() {
        assertRejected([#"{"process": 1, "type": "invoke", "f": "write", "value": 1}"#],
                       onLine: 1, mentioning: #"missing field "key""#)
        assertRejected([#"{"type": "invoke", "f": "write", "key": 1, "value": 1}"#],
                       onLine: 1, mentioning: #"missing field "process""#)
        assertRejected([#"{"process": 1, "type": "invoke", "f": "write", "key": 1}"#],
                       onLine: 1, mentioning: #"missing field "value""#)
        assertRejected([#"{"process": 1, "type": "invoke", "f": "read", "key": 1}"#,
                        #"{"process": 1, "type": "ok", "f": "read", "key": 1}"#],
                       onLine: 2, mentioning: #"missing field "value""#)
        assertRejected([#"{"process": 1, "type": "invoke", "f": "cas", "key": 1, "value": [1, 2]}"#,
                        #"{"process": 1, "type": "ok", "f": "cas", "key": 1}"#],
                       onLine: 2, mentioning: #"missing field "succeeded""#)
    }

    func testReturnWithoutInvokeIsRejected() {
        assertRejected([writeX5[1]], onLine: 1, mentioning: "without an invoke")
    }

    func testTwoOpenOperationsOnOneProcessAreRejected() {
        assertRejected([writeX5[0], #"{"process": 1, "type": "invoke", "f": "read", "key": "x"}"#],
                       onLine: 2, mentioning: "from line 1 is still open")
    }

    func testReturnWhoseFunctionOrKeyDiffersFromItsInvokeIsRejected() {
        assertRejected([writeX5[0], #"{"process": 1, "type": "ok", "f": "read", "key": "x", "value": 5}"#],
                       onLine: 2, mentioning: "does not match")
        assertRejected([writeX5[0], #"{"process": 1, "type": "ok", "f": "write", "key": "y"}"#],
                       onLine: 2, mentioning: "invoke on line 1")
    }

    func testBooleansAndFractionsAreNotValuesButIntegersAre() throws {
        // On Linux JSONSerialization hands back true and 1 as the same NSNumber class.
        for bad in ["true", "false", "1.5", "1.0", "1e3", "[1]", "{}"] {
            assertRejected([#"{"process": 1, "type": "invoke", "f": "write", "key": 1, "value": \#(bad)}"#],
                           onLine: 1, mentioning: "not an integer, string or null")
        }
        for good in ["0", "1", "-3", "9007199254740993"] {
            let history = try parse([#"{"process": 1, "type": "invoke", "f": "write", "key": 1, "value": \#(good)}"#])
            XCTAssertEqual(history.valueName(history.operations[0].written!), good)
        }
    }

    func testSucceededMustBeABooleanNotANumber() throws {
        let invoke = #"{"process": 1, "type": "invoke", "f": "cas", "key": 1, "value": [null, 2]}"#
        for bad in ["1", "0", "\"true\""] {
            assertRejected([invoke, #"{"process": 1, "type": "ok", "f": "cas", "key": 1, "succeeded": \#(bad)}"#],
                           onLine: 2, mentioning: "must be true or false")
        }
        for (flag, expected) in [("true", true), ("false", false)] {
            let history = try parse([invoke, #"{"process": 1, "type": "ok", "f": "cas", "key": 1, "succeeded": \#(flag)}"#])
            XCTAssertEqual(history.operations[0].succeeded, expected)
        }
    }

    func testCompareAndSetValueMustBeAPair() {
        assertRejected([#"{"process": 1, "type": "invoke", "f": "cas", "key": 1, "value": [1]}"#],
                       onLine: 1, mentioning: "pair")
    }

    func testEmptyOrBlankFileIsRejected() {
        assertRejected([], onLine: nil, mentioning: "empty")
        assertRejected(["", "   ", ""], onLine: nil, mentioning: "empty")
    }

    func testMissingFileIsRejected() {
        XCTAssertThrowsError(try RecordedHistory(contentsOfFile: "/no/such/history.jsonl")) { error in
            XCTAssertTrue("\(error)".contains("no file at /no/such/history.jsonl"), "\(error)")
        }
    }

    // MARK: Line ends, number range, consistency

    func testWindowsLineEndsAreAccepted() throws {
        let history = try RecordedHistory(parsing: writeX5.joined(separator: "\r\n") + "\r\n")
        XCTAssertEqual(history.operations.map(\.returnedAt), [2])
    }

    func testTheWholeSignedSixtyFourBitRangeIsAcceptedAndNoMore() throws {
        for good in ["-9223372036854775808", "9223372036854775807"] {
            let history = try parse([#"{"process": 1, "type": "invoke", "f": "write", "key": 1, "value": \#(good)}"#])
            XCTAssertEqual(history.valueName(history.operations[0].written!), good)
        }
        for bad in ["-9223372036854775809", "9223372036854775808", "99999999999999999999"] {
            assertRejected([#"{"process": 1, "type": "invoke", "f": "write", "key": 1, "value": \#(bad)}"#],
                           onLine: 1, mentioning: "\(bad) is out of the signed 64-bit range")
        }
        assertRejected([#"{"process": 18446744073709551616, "type": "invoke", "f": "read", "key": 1}"#],
                       onLine: 1, mentioning: "out of the signed 64-bit range")
    }

    func testWriteReturnWithAnotherValueThanItsInvokeIsRejected() {
        assertRejected([writeX5[0], #"{"process": 1, "type": "ok", "f": "write", "key": "x", "value": 6}"#],
                       onLine: 2, mentioning: "carries 6 but its invoke on line 1 carries 5")
    }

    func testSucceededOnAWriteIsRejected() {
        assertRejected([writeX5[0], #"{"process": 1, "type": "ok", "f": "write", "key": "x", "value": 5, "succeeded": true}"#],
                       onLine: 2, mentioning: #""succeeded" on a write ok"#)
    }

    func testReadInvokeCarryingAValueIsRejected() {
        assertRejected([#"{"process": 1, "type": "invoke", "f": "read", "key": "x", "value": 5}"#],
                       onLine: 1, mentioning: "a read invoke carries the value 5")
    }

    func testUnknownFieldsOfAnyShapeAreSkippedAndEscapesDecoded() throws {
        let history = try parse([
            #"{"process": 1, "extra": {"a": [1, 2.5e3, true, null, "\u00e9"]}, "type": "invoke", "f": "write", "key": "caf\u00e9", "value": "tab\there"}"#,
        ])
        XCTAssertEqual(history.keyName(history.operations[0].key), "\"café\"")
        XCTAssertEqual(history.valueName(history.operations[0].written!), #""tab\there""#)
    }

    func testTimestampsAreKeptPerOperation() throws {
        let history = try parse([
            #"{"process": 1, "type": "invoke", "f": "write", "key": 1, "value": 5, "time": 100}"#,
            #"{"process": 1, "type": "ok", "f": "write", "key": 1, "value": 5, "time": 250}"#,
        ])
        XCTAssertEqual(history.times, [RecordedHistory.OperationTimes(invoked: 100, returned: 250)])
        XCTAssertEqual(try parse(writeX5).times, [], "no timestamps, no times")
    }

    func testInvalidUTF8InAStringIsRejected() {
        let bytes = Array(#"{"process": 1, "type": "invoke", "f": "write", "key": ""#.utf8) + [0xFF] + Array(#"", "value": 1}"#.utf8)
        XCTAssertThrowsError(try RecordedHistory(bytes: bytes)) { error in
            XCTAssertTrue("\(error)".contains("line 1: the byte 0xFF at byte offset 55 is not valid UTF-8"), "\(error)")
        }
    }
}
