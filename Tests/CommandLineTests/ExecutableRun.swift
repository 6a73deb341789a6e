import Foundation
import XCTest

/// One run of the built executable with bytes on standard input, for tests that feed it input.
enum ExecutableRun {
    /// Runs `cacheaside-check arguments`; `closeInput: false` leaves standard input open, unwritten.
    static func run(
        _ arguments: [String], input: Data = Data(), closeInput: Bool = true, standardOutput: FileHandle? = nil
    ) throws -> (status: Int32, output: String, errors: String) {
        let process = Process()
        process.executableURL = try XCTUnwrap(ProcessDeterminismTests.executable, "build the cacheaside-check product first")
        process.arguments = arguments
        let stdin = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = stdin
        process.standardOutput = standardOutput ?? output
        process.standardError = errors
        try process.run()
        // A child that exits before reading its input must fail our write, not kill the test with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        if closeInput {
            // Written from another thread: a child that stops reading must not block the test on a full pipe.
            let writer = stdin.fileHandleForWriting
            Thread.detachNewThread {
                try? writer.write(contentsOf: input)
                try? writer.close()
            }
        }
        let out = standardOutput == nil ? output.fileHandleForReading.readDataToEndOfFile() : Data()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        if !closeInput { try stdin.fileHandleForWriting.close() }
        return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }
}
