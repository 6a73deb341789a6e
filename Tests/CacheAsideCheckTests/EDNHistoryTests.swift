import CacheAsideCheck
import CacheAsideHistories
import XCTest

/// Jepsen/Knossos EDN histories: what the reader accepts, what the events mean, and clear errors.
final class EDNHistoryTests: XCTestCase {
    private func parse(_ text: String) throws -> RecordedHistory {
        try RecordedHistory(parsing: text)
    }

    func testOneMapPerLineIsDetectedAndRead() throws {
        let history = try parse("""
            {:type :invoke, :f :write, :value 3, :process 0, :time 100}
            {:type :ok, :f :write, :value 3, :process 0, :time 200}
            {:type :invoke, :f :read, :value nil, :process 1, :time 300}
            {:type :ok, :f :read, :value 3, :process 1, :time 400}
            """)
        XCTAssertEqual(RecordedHistory.detectFormat(Array("{:type :ok}".utf8)), .edn)
        XCTAssertEqual(history.operations.map(\.kind), [.write, .read])
        XCTAssertEqual(history.operations.map(\.invokedAt), [1, 3], "positions are line numbers")
        XCTAssertEqual(history.operations[1].observed, history.operations[0].written)
        XCTAssertEqual(history.keyName(history.operations[0].key), "null", "no tuples: one register")
        XCTAssertEqual(history.times, [.init(invoked: 100, returned: 200), .init(invoked: 300, returned: 400)])
        XCTAssertTrue(LinearizabilityChecker().check(history.operations).isLinearizable)
    }

    func testVectorOfMapsWithCommentsAndNemesisEvents() throws {
        let history = try parse("""
            ; a Knossos history
            [{:process 0, :type :invoke, :f :write, :value 1}
             {:process :nemesis, :type :info, :f :start, :value nil}
             {:process 0, :type :ok, :f :write, :value 1}
             #_{:process 9, :type :ok, :f :read, :value 7}
             {:process 1, :type :invoke, :f :read, :value nil}
             {:process 1, :type :ok, :f :read, :value 0}]
            """)
        XCTAssertEqual(history.operations.count, 2)
        XCTAssertEqual(history.operations.map(\.invokedAt), [2, 6])
        let violation = try XCTUnwrap(LinearizabilityChecker().check(history.operations).violation)
        XCTAssertEqual(history.valueName(violation.operation.observed!), "0")
    }

    func testIndependentTuplesAreKeys() throws {
        let history = try parse("""
            {:process 0, :type :invoke, :f :write, :value [:x 1]}
            {:process 1, :type :invoke, :f :write, :value [:y 1]}
            {:process 0, :type :ok, :f :write, :value [:x 1]}
            {:process 1, :type :ok, :f :write, :value [:y 1]}
            {:process 2, :type :invoke, :f :read, :value [:x nil]}
            {:process 2, :type :ok, :f :read, :value [:x 1]}
            {:process 3, :type :invoke, :f :cas, :value [:y [1 2]]}
            {:process 3, :type :ok, :f :cas, :value [:y [1 2]]}
            """)
        XCTAssertEqual(history.keyNames, ["\":x\"", "\":y\""])
        XCTAssertEqual(history.operations.map(\.key), [0, 1, 0, 1])
        let cas = history.operations[3]
        XCTAssertEqual(cas.kind, .compareAndSet)
        XCTAssertEqual(cas.succeeded, true, "Knossos answers :fail for a cas that found another value")
        XCTAssertEqual(history.valueName(cas.expected!), "1")
        XCTAssertEqual(history.valueName(cas.written!), "2")
        XCTAssertEqual(LinearizabilityChecker().checkEachKey(history.operations).map(\.verdict.isLinearizable), [true, true])
    }

    func testFailDidNotHappenAndInfoMayHaveHappened() throws {
        let failed = try parse("""
            {:process 0, :type :invoke, :f :write, :value 5}
            {:process 0, :type :fail, :f :write, :value 5}
            {:process 1, :type :invoke, :f :read, :value nil}
            {:process 1, :type :ok, :f :read, :value 5}
            """)
        XCTAssertEqual(failed.operations.count, 1, "the failed write is gone")
        XCTAssertFalse(LinearizabilityChecker().check(failed.operations).isLinearizable)
        let crashed = try parse("""
            {:process 0, :type :invoke, :f :write, :value 5}
            {:process 0, :type :info, :f :write, :value 5}
            {:process 1, :type :invoke, :f :read, :value nil}
            {:process 1, :type :ok, :f :read, :value 5}
            {:process 2, :type :invoke, :f :read, :value nil}
            {:process 2, :type :ok, :f :read, :value nil}
            """)
        XCTAssertFalse(crashed.operations[0].isCompleted)
        // The crashed write took effect before the first read; the second read, later, still saw nil.
        XCTAssertFalse(LinearizabilityChecker().check(crashed.operations).isLinearizable)
        let crashedThenRead = try parse("""
            {:process 0, :type :invoke, :f :write, :value 5}
            {:process 0, :type :info, :f :write, :value 5}
            {:process 2, :type :invoke, :f :read, :value nil}
            {:process 2, :type :ok, :f :read, :value nil}
            {:process 1, :type :invoke, :f :read, :value nil}
            {:process 1, :type :ok, :f :read, :value 5}
            """)
        XCTAssertTrue(LinearizabilityChecker().check(crashedThenRead.operations).isLinearizable)
    }

    func testCompareAndSetWithoutTuplesAndTaggedJepsenOps() throws {
        let history = try parse("""
            #jepsen.history.Op{:index 0, :time 5, :type :invoke, :process 0, :f :cas, :value [nil 4]}
            #jepsen.history.Op{:index 1, :time 9, :type :ok, :process 0, :f :cas, :value [nil 4]}
            """)
        XCTAssertEqual(history.operations.first?.expected, RecordedHistory.initialValue)
        XCTAssertTrue(LinearizabilityChecker().check(history.operations).isLinearizable)
    }

    func testErrorsNameTheLineAndTheProblem() {
        let cases: [(String, String)] = [
            ("{:process 0, :type :invoke, :f :append, :value 1}", "line 1: unknown :f :append"),
            ("{:process 0, :type :done, :f :read}", "line 1: unknown :type :done"),
            ("{:type :invoke, :f :read}", "line 1: missing :process"),
            ("{:process 0, :type :invoke, :f :write, :value 1.5}", #"line 1: "value" 1.5 is not an integer, string or null"#),
            ("{:process 0, :type :invoke\n :f :write, :value 99999999999999999999}", "line 2: the number 99999999999999999999 is out of the signed 64-bit range"),
            ("[{:process 0, :type :invoke, :f :read}\n", "the history's ] is missing"),
            ("{:process 0, :type :invoke, :f :write, :value \"x}", "line 1: malformed EDN (a string opened on line 1 is not closed)"),
            ("{:process 0 :type}", "line 1: malformed EDN (a map has a key without a value)"),
        ]
        for (text, expected) in cases {
            XCTAssertThrowsError(try RecordedHistory(parsing: text, format: .edn), text) { error in
                XCTAssertTrue("\(error)".contains(expected), "\(error) does not contain \(expected)")
                XCTAssertFalse("\(error)".contains("\n"))
            }
        }
    }
}
