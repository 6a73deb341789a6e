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

    func testUsageErrorFromTheExecutableIsOneLineAndStatus2() throws {
        let outcome = try Self.runProcess(["--clients", "banana"])
        XCTAssertEqual(outcome.status, 2)
        let text = String(decoding: outcome.errors, as: UTF8.self)
        XCTAssertTrue(text.hasPrefix("Error: --clients takes a whole number, not 'banana'"), text)
        XCTAssertTrue(outcome.output.isEmpty)
    }
}
