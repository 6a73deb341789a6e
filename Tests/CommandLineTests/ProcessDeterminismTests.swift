import Foundation
import XCTest

/// Determinism across processes: the built executable, run twice, prints the same bytes.
final class ProcessDeterminismTests: XCTestCase {
    /// The `cacheaside-check` executable next to the test bundle in the build folder.
    static var executable: URL? {
        var directory = Bundle.main.bundleURL
        for _ in 0..<3 {
            let candidate = directory.appendingPathComponent("cacheaside-check")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return nil
    }

    static func runProcess(_ arguments: [String]) throws -> (status: Int32, output: Data, errors: Data) {
        let process = Process()
        process.executableURL = try XCTUnwrap(executable, "build the cacheaside-check product first")
        process.arguments = arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, outputData, errorData)
    }

    func testTwoProcessesPrintIdenticalReports() throws {
        let first = try Self.runProcess(["--seeds", "2000"])
        let second = try Self.runProcess(["--seeds", "2000", "--jobs", "1"])
        XCTAssertEqual(first.status, 1)
        XCTAssertEqual(first.output, second.output)
        XCTAssertFalse(first.output.isEmpty)
    }

    func testUsageErrorFromTheExecutableIsThreeLinesAndStatus2() throws {
        let outcome = try Self.runProcess(["--clients", "banana"])
        XCTAssertEqual(outcome.status, 2)
        let text = String(decoding: outcome.errors, as: UTF8.self)
        XCTAssertTrue(text.hasPrefix("Error: --clients takes a whole number, not 'banana'"), text)
        XCTAssertEqual(text.split(separator: "\n").count, 3, text)
        XCTAssertTrue(outcome.output.isEmpty)
    }
}

/// Output that cannot be written is an error (exit 2, one line), for every form: it used to trap in a
/// `try!` or exit 0 having written nothing.
final class OutputFailureTests: XCTestCase {
    private func run(_ arguments: [String], standardOutput: FileHandle?) throws -> (status: Int32, errors: String) {
        let process = Process()
        process.executableURL = try XCTUnwrap(ProcessDeterminismTests.executable, "build the cacheaside-check product first")
        process.arguments = arguments
        process.standardOutput = standardOutput
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: errorData, as: UTF8.self))
    }

    func testAFullDiskIsExitTwoWithOneLineForEveryForm() throws {
        let full = try XCTUnwrap(FileHandle(forWritingAtPath: "/dev/full"))
        for arguments in [["--seeds", "200"], ["models"], ["scenarios"], ["compare", "--seeds", "20"], ["--help"]] {
            let outcome = try run(arguments, standardOutput: full)
            XCTAssertEqual(outcome.status, 2, "\(arguments): \(outcome.errors)")
            XCTAssertTrue(outcome.errors.hasPrefix("Error: cannot write the report to standard output"), outcome.errors)
            XCTAssertEqual(outcome.errors.split(separator: "\n").count, 1, outcome.errors)
        }
    }

    func testAClosedPipeIsExitTwoNotASignal() throws {
        let pipe = Pipe()
        try pipe.fileHandleForReading.close()
        let outcome = try run(["--seeds", "200"], standardOutput: pipe.fileHandleForWriting)
        XCTAssertEqual(outcome.status, 2, outcome.errors)
        XCTAssertTrue(outcome.errors.contains("Broken pipe"), outcome.errors)
    }
}

/// Ctrl-C stops exploring between runs and prints the partial report, which says it was interrupted
/// and is not a pass (exit 3), as `--time-limit` does.
final class InterruptionTests: XCTestCase {
    /// Runs a check that would take hours, presses Ctrl-C after a few seconds, and returns how it ended.
    private func interruptedCheck(_ arguments: [String]) throws -> (process: Process, output: String) {
        try Self.interrupted(["--seeds", "100000000", "--property", "convergence", "--quiet", "--jobs", "1"] + arguments)
    }

    /// Runs the executable with `arguments`, presses Ctrl-C after a few seconds, and returns how it ended.
    static func interrupted(_ arguments: [String], standardInput: Any? = nil) throws -> (process: Process, output: String) {
        let process = Process()
        process.executableURL = try XCTUnwrap(ProcessDeterminismTests.executable, "build the cacheaside-check product first")
        process.arguments = arguments
        if let standardInput { process.standardInput = standardInput }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = Pipe()
        try process.run()
        Thread.sleep(forTimeInterval: 3)  // long after the handler is installed, even on a loaded machine
        process.interrupt()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process, String(decoding: data, as: UTF8.self))
    }

    func testCtrlCPrintsThePartialReportAndExitsThree() throws {
        let (process, text) = try interruptedCheck([])
        // Convergence is violated within the first few seeds, so the partial report says so (exit 1);
        // what matters is that it is printed, and says it is partial.
        XCTAssertEqual(process.terminationReason, .exit, text)
        XCTAssertEqual(process.terminationStatus, 1, text)
        XCTAssertTrue(text.contains("interrupted after"), text)
        XCTAssertTrue(text.contains(" of 100000000 runs"), text)
    }

    func testCtrlCWithNothingViolatedIsUndecided() throws {
        let (process, text) = try interruptedCheck(["--clients", "1"])
        XCTAssertEqual(process.terminationStatus, 3, text)
        XCTAssertTrue(text.contains("undecided"), text)
    }
}
