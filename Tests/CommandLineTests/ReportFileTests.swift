import Foundation
import XCTest

@testable import cacheaside_check

/// `--html FILE` and `--junit FILE` write to the path as a shell's `>` does; they used to rename a new
/// regular file over it, so a symlink, a FIFO or `/dev/null` became a regular file.
final class ReportFileTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("report-file-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: directory) }

    private func check(_ flag: String, _ path: String) -> (status: Int32, errors: String) {
        var output = ""
        var errors = ""
        let status = CommandLineInterface.run(["--seeds", "5", "--clients", "1", flag, path], output: &output, errors: &errors)
        return (status, errors)
    }

    /// The path's own type (`lstat`: a symlink is not followed), e.g. `S_IFLNK`.
    private func fileType(_ path: String) -> mode_t {
        var status = stat()
        XCTAssertEqual(lstat(path, &status), 0, path)
        return status.st_mode & S_IFMT
    }

    func testASymlinkStaysASymlinkAndItsTargetGetsTheReport() throws {
        for flag in ["--html", "--junit"] {
            let target = directory.appendingPathComponent("target-\(flag.dropFirst(2))").path
            let link = directory.appendingPathComponent("link-\(flag.dropFirst(2))").path
            try "old contents, longer than nothing".write(toFile: target, atomically: false, encoding: .utf8)
            try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
            XCTAssertEqual(check(flag, link).status, 0, flag)
            XCTAssertEqual(fileType(link), S_IFLNK, flag)
            let written = try String(contentsOfFile: target, encoding: .utf8)
            XCTAssertTrue(written.hasPrefix("<"), "\(flag): the target holds the report, truncated first: \(written.prefix(40))")
        }
    }

    func testDevNullStaysACharacterDevice() throws {
        for flag in ["--html", "--junit"] {
            XCTAssertEqual(check(flag, "/dev/null").status, 0, flag)
            XCTAssertEqual(fileType("/dev/null"), S_IFCHR, flag)
        }
    }

    func testAFIFOIsWrittenToItsReader() throws {
        let path = directory.appendingPathComponent("report.fifo").path
        XCTAssertEqual(mkfifo(path, 0o600), 0)
        let received = LockedData()
        let reader = Thread {
            guard let handle = FileHandle(forReadingAtPath: path) else { return }
            received.set(handle.readDataToEndOfFile())
            received.done.signal()
        }
        reader.start()
        XCTAssertEqual(check("--junit", path).status, 0)
        XCTAssertEqual(received.done.wait(timeout: .now() + 30), .success)
        XCTAssertTrue(String(decoding: received.data, as: UTF8.self).contains("<testsuites"))
        XCTAssertEqual(fileType(path), S_IFIFO, "still a FIFO")
    }

    func testADirectoryIsOneLineNamingTheFlag() {
        for flag in ["--html", "--junit"] {
            let outcome = check(flag, directory.path)
            XCTAssertEqual(outcome.status, 2, flag)
            XCTAssertTrue(outcome.errors.hasPrefix("Error: cannot write the "), outcome.errors)
            XCTAssertTrue(outcome.errors.contains("\(directory.path): it is a directory; give \(flag) a file path"), outcome.errors)
            XCTAssertEqual(outcome.errors.split(separator: "\n").count, 1, outcome.errors)
        }
    }
}

/// Bytes handed from the reader thread to the test.
private final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var bytes = Data()
    let done = DispatchSemaphore(value: 0)

    func set(_ data: Data) { lock.withLock { bytes = data } }
    var data: Data { lock.withLock { bytes } }
}
