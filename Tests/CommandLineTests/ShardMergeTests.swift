import CacheAsideCheck
import Foundation
import XCTest

@testable import cacheaside_check

/// `--shard K/N` plus `merge` gives the unsharded report byte for byte; `merge` refuses what would not.
final class ShardMergeTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("shard-merge-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    /// Runs the command line and writes its output to `name` in the test directory; returns the path.
    @discardableResult
    private func write(_ name: String, _ arguments: [String]) -> String {
        let outcome = CommandLineTests.run(arguments)
        let path = directory.appendingPathComponent(name).path
        FileManager.default.createFile(atPath: path, contents: Data(outcome.output.utf8))
        return path
    }

    private let check = ["--seeds", "600", "--jobs", "2", "--json", "--property", "convergence,staleness"]

    func testMergedShardsGiveTheUnshardedReportByteForByte() {
        let full = CommandLineTests.run(check)
        XCTAssertEqual(full.status, 1)
        let shards = (0..<3).map { write("shard\($0).json", check + ["--shard", "\($0)/3"]) }
        let merged = CommandLineTests.run(["merge"] + shards.reversed())
        XCTAssertEqual(merged.errors, "")
        XCTAssertEqual(merged.status, 1)
        XCTAssertEqual(merged.output, full.output)
    }

    func testMergeOfAPassingCheckExitsZero() {
        let passing = ["--seeds", "200", "--json", "--model", "lease", "--property", "convergence"]
        let shards = (0..<2).map { write("lease\($0).json", passing + ["--shard", "\($0)/2"]) }
        let merged = CommandLineTests.run(["merge"] + shards)
        XCTAssertEqual(merged.status, 0)
        XCTAssertEqual(merged.output, CommandLineTests.run(passing).output)
    }

    private func assertRefused(_ files: [String], mentions fragment: String, file: StaticString = #filePath, line: UInt = #line) {
        let outcome = CommandLineTests.run(["merge"] + files)
        XCTAssertEqual(outcome.status, 2, file: file, line: line)
        XCTAssertEqual(outcome.output, "", file: file, line: line)
        XCTAssertEqual(outcome.errors.filter { $0 == "\n" }.count, 1, outcome.errors, file: file, line: line)
        XCTAssertTrue(outcome.errors.hasPrefix("Error: "), outcome.errors, file: file, line: line)
        XCTAssertTrue(outcome.errors.contains(fragment), outcome.errors, file: file, line: line)
    }

    func testMergeRefusesMissingDuplicateForeignAndMalformedInputs() {
        let small = ["--seeds", "60", "--json", "--property", "convergence"]
        let zero = write("a0.json", small + ["--shard", "0/2"])
        let one = write("a1.json", small + ["--shard", "1/2"])
        let otherModel = write("b1.json", small + ["--shard", "1/2", "--model", "lease"])
        let otherSplit = write("c1.json", small + ["--shard", "1/3"])
        let unsharded = write("full.json", small)
        let malformed = directory.appendingPathComponent("bad.json").path
        FileManager.default.createFile(atPath: malformed, contents: Data("{\"runs\": ".utf8))
        assertRefused([zero], mentions: "1/2 missing")
        assertRefused([zero, zero, one], mentions: "both shard 0/2")
        assertRefused([zero, otherModel], mentions: "model differs")
        assertRefused([zero, otherSplit], mentions: "2 ways")
        assertRefused([zero, unsharded], mentions: "not a shard")
        assertRefused([zero, malformed], mentions: "bad.json is not a cacheaside-check --json report")
        assertRefused([zero, directory.appendingPathComponent("absent.json").path], mentions: "cannot read")
    }

    func testShardedTextReportRunsOnlyItsSeeds() {
        let outcome = CommandLineTests.run(["--seeds", "10", "--shard", "1/4", "--quiet", "--property", "convergence"])
        // The header says the seeds are a shard: every 4th, not all of 1…9.
        XCTAssertTrue(outcome.output.contains("3 runs (shard 1/4: seeds 1, 5, … 9)"), outcome.output)
    }

    func testAShardThatSelectsNoSeedIsAUsageError() {
        for arguments in [["--seed", "0", "--shard", "1/2"], ["--seeds", "20", "--shard", "50/100"]] {
            let outcome = CommandLineTests.run(arguments)
            XCTAssertEqual(outcome.status, 2, "\(arguments)")
            XCTAssertTrue(outcome.errors.hasPrefix("Error: --shard"), outcome.errors)
            XCTAssertTrue(outcome.errors.contains("nothing would run"), outcome.errors)
        }
    }

    func testShardFlagIsValidated() {
        for bad in ["4/4", "1", "a/b", "0/0"] {
            let outcome = CommandLineTests.run(["--shard", bad])
            XCTAssertEqual(outcome.status, 2, bad)
            XCTAssertTrue(outcome.errors.hasPrefix("Error: --shard"), outcome.errors)
        }
    }
}
