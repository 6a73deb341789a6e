import CacheAsideCheck
import CacheAsideHistories
import XCTest

/// A history is UTF-8 text: a byte-order mark is skipped, a NUL or an invalid sequence is refused with its
/// line and byte offset, in both formats.
final class HistoryTextTests: XCTestCase {
    private let jsonLines = #"""
        {"process": 0, "type": "invoke", "f": "write", "key": "é", "value": 1}
        {"process": 0, "type": "ok", "f": "write", "key": "é", "value": 1}

        """#
    private let edn = """
        {:process 0, :type :invoke, :f :write, :value [:é 1]}
        {:process 0, :type :ok, :f :write, :value [:é 1]}

        """

    func testALeadingByteOrderMarkIsSkippedInBothFormats() throws {
        for (text, format) in [(jsonLines, RecordedHistory.Format.jsonLines), (edn, .edn)] {
            let bytes = [0xEF, 0xBB, 0xBF] + Array(text.utf8)
            XCTAssertEqual(RecordedHistory.detectFormat(bytes), format)
            let history = try RecordedHistory(bytes: bytes)
            XCTAssertEqual(history.operations.count, 1, "\(format)")
            XCTAssertEqual(history.operations[0].invokedAt, 1, "the mark is not a line")
        }
    }

    private func assertRefused(_ bytes: [UInt8], format: RecordedHistory.Format, line: Int, mentions fragment: String,
                               file: StaticString = #filePath, sourceLine: UInt = #line) {
        XCTAssertThrowsError(try RecordedHistory(bytes: bytes, format: format), file: file, line: sourceLine) { error in
            let problem = error as! RecordedHistoryError
            XCTAssertEqual(problem.line, line, problem.description, file: file, line: sourceLine)
            XCTAssertTrue(problem.description.contains(fragment), problem.description, file: file, line: sourceLine)
        }
    }

    func testInvalidUTF8InAnEDNKeywordIsRefusedNotRepairedIntoAnotherKey() {
        // :k\xFF and :k\xFE used to both become "k\u{FFFD}": two keys read as one.
        var bytes = Array("{:process 0, :type :invoke, :f :write, :value [:k".utf8) + [0xFF] + Array(" 1]}\n".utf8)
        bytes += Array("{:process 0, :type :ok, :f :write, :value [:k".utf8) + [0xFE] + Array(" 1]}\n".utf8)
        assertRefused(bytes, format: .edn, line: 1, mentions: "the byte 0xFF at byte offset 49 is not valid UTF-8")
    }

    func testEveryIllFormedSequenceIsRefusedAndWellFormedOnesPass() throws {
        let prefix = Array("{\"process\": 0, \"type\": \"invoke\", \"f\": \"read\", \"key\": \"".utf8)
        let suffix = Array("\"}\n".utf8)
        for sequence: [UInt8] in [[0x80], [0xC0, 0xAF], [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xF5], [0xE2, 0x82]] {
            assertRefused(prefix + sequence + suffix, format: .jsonLines, line: 1, mentions: "at byte offset \(prefix.count) is not valid UTF-8")
        }
        for text in ["é", "€", "𝄞", "\u{10FFFF}"] {
            XCTAssertNoThrow(try RecordedHistory(bytes: prefix + Array(text.utf8) + suffix, format: .jsonLines), text)
        }
    }

    func testANULByteIsRefusedWithItsLineInBothFormats() {
        for (text, format) in [(jsonLines, RecordedHistory.Format.jsonLines), (edn, .edn)] {
            var bytes = Array(text.utf8)
            let offset = bytes.firstIndex(of: UInt8(ascii: "\n"))! + 3
            bytes[offset] = 0
            assertRefused(bytes, format: format, line: 2, mentions: "a NUL byte at byte offset \(offset)")
        }
    }
}
