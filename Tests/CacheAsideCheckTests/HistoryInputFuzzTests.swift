import CacheAsideCheck
import CacheAsideHistories
import XCTest

/// Bad input is an error, never a crash or a hang: thousands of byte-level mutations of valid JSON
/// Lines and EDN histories must each parse or throw a one-line `RecordedHistoryError`.
final class HistoryInputFuzzTests: XCTestCase {
    private let jsonLines = Array("""
        {"process": 1, "type": "invoke", "f": "cas", "key": "k\\u00e9", "value": [null, -9223372036854775808], "time": 5}
        {"process": 1, "type": "ok", "f": "cas", "key": "k\\u00e9", "value": [null, -9223372036854775808], "succeeded": true}
        {"process": 2, "type": "invoke", "f": "read", "key": 3, "extra": {"a": [1.5e3, true, "\\\\"]}}
        {"process": 2, "type": "ok", "f": "read", "key": 3, "value": "x"}

        """.utf8)

    private let edn = Array("""
        ; history
        [{:process 0, :type :invoke, :f :cas, :value [:k [nil 4]], :time 1}
         #jepsen.history.Op{:process 0, :type :ok, :f :cas, :value [:k [nil 4]]}
         {:process :nemesis, :type :info, :f :start, :value "\\"x\\""}
         {:process 1, :type :invoke, :f :read, :value [:k nil]} #_ (ignored 1 2)
         {:process 1, :type :ok, :f :read, :value [:k 4]}]

        """.utf8)

    private func assertNoCrash(_ seedBytes: [UInt8], format: RecordedHistory.Format, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertNoThrow(try RecordedHistory(bytes: seedBytes, format: format), file: file, line: line)
        var random = SplitMix64(seed: 42)
        let alphabet = Array("{}[]()\":,\\-0123456789eE.#_;:tfn \n\r\u{00}é".utf8)
        for _ in 0..<3_000 {
            var bytes = seedBytes
            for _ in 0..<(1 + Int(random.next() % 4)) {
                let position = Int(random.next() % UInt64(bytes.count))
                switch random.next() % 3 {
                case 0: bytes[position] = alphabet[Int(random.next() % UInt64(alphabet.count))]
                case 1: bytes.remove(at: position)
                default: bytes.insert(alphabet[Int(random.next() % UInt64(alphabet.count))], at: position)
                }
                if bytes.isEmpty { bytes = [UInt8(ascii: "{")] }
            }
            do {
                _ = try RecordedHistory(bytes: bytes, format: format)
            } catch {
                XCTAssertFalse(error.description.contains("\n"), error.description, file: file, line: line)
            }
        }
    }

    func testMutatedJSONLinesNeverCrash() {
        assertNoCrash(jsonLines, format: .jsonLines)
    }

    func testMutatedEDNNeverCrashes() {
        assertNoCrash(edn, format: .edn)
    }

    func testDeepNestingIsAnErrorNotAStackOverflow() {
        let deepJSON = Array(#"{"process": 1, "x": "#.utf8) + [UInt8](repeating: UInt8(ascii: "["), count: 100_000)
        XCTAssertThrowsError(try RecordedHistory(bytes: deepJSON, format: .jsonLines))
        let deepEDN = [UInt8](repeating: UInt8(ascii: "["), count: 100_000)
        XCTAssertThrowsError(try RecordedHistory(bytes: deepEDN, format: .edn))
    }

    /// `#_` discards used to restart the depth limit, so 60 KB of them overflowed the stack (exit 139).
    func testChainedAndNestedDiscardsAreBoundedNotAStackOverflow() {
        let chained = [UInt8](repeating: 0, count: 64 * 1024).indices.map { $0 % 2 == 0 ? UInt8(ascii: "#") : UInt8(ascii: "_") }
        assertOneLineError(chained, mentions: "#_ has no form to discard")
        let nested = Array(String(repeating: "[#_", count: 22_000).utf8)
        assertOneLineError(nested, mentions: "nested too deeply")
        let discardedTags = Array(String(repeating: "#_#x ", count: 13_000).utf8)
        assertOneLineError(discardedTags, mentions: "nested too deeply")
    }

    func testAChainOfDiscardsDropsAsManyFormsAsItHas() throws {
        let forms = 20_000
        let text = String(repeating: "#_ ", count: forms) + String(repeating: "{:junk 1} ", count: forms)
            + "{:process 0, :type :invoke, :f :write, :value 3}\n{:process 0, :type :ok, :f :write, :value 3}\n"
        let history = try RecordedHistory(bytes: Array(text.utf8), format: .edn)
        XCTAssertEqual(history.operations.count, 1)
    }

    private func assertOneLineError(_ bytes: [UInt8], mentions fragment: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try RecordedHistory(bytes: bytes, format: .edn), file: file, line: line) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains(fragment), text, file: file, line: line)
            XCTAssertFalse(text.contains("\n"), text, file: file, line: line)
        }
    }
}
