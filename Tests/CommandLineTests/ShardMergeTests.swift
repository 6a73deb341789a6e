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

    /// The same for the models of transactions, local caches and an overloadable database, each in the
    /// setting it is about: their new steps, hosts and options survive the split and the merge.
    func testMergedShardsOfTheProductionDesignsGiveTheUnshardedReport() {
        let transactions = [
            "orm-hook-invalidation", "after-commit-invalidation", "double-delete-transaction", "versioned-set-transaction",
            "generation-counter",
        ]
        let localCaches = [
            "local-cache-ttl", "local-cache-tracking", "local-cache-tracking-placeholder",
            "local-cache-tracking-placeholder-no-flush", "local-cache-lease",
        ]
        let settings: [[String]] =
            transactions.map { ["--model", $0] } + localCaches.map { ["--model", $0, "--scenario", "two-hosts"] }
            + ["retry-on-error", "backoff-retry"].map { ["--model", $0, "--scenario", "overload", "--seeds", "6", "--no-shrink"] }
        for (index, setting) in settings.enumerated() {
            let arguments = ["--seeds", "150", "--jobs", "2", "--json"] + setting
            let full = CommandLineTests.run(arguments)
            let shards = (0..<2).map { write("design\(index)-\($0).json", arguments + ["--shard", "\($0)/2"]) }
            let merged = CommandLineTests.run(["merge"] + shards)
            XCTAssertEqual(merged.errors, "", "\(setting)")
            XCTAssertEqual(merged.status, full.status, "\(setting)")
            XCTAssertEqual(merged.output, full.output, "\(setting)")
        }
    }

    /// A property no run exercised stays "not exercised" (exit 3) when merged, and a shard that did
    /// exercise it decides it: merged shards give the unsharded report in both cases.
    func testMergeKeepsNotExercisedUnlessSomeShardExercisedTheProperty() throws {
        for extra in [[String](), ["--clock-jumps", "70"]] {
            let stampede = ["--seeds", "90", "--json", "--property", "stampede"] + extra
            let full = CommandLineTests.run(stampede)
            let shards = (0..<3).map { write("stampede\(extra.count)-\($0).json", stampede + ["--shard", "\($0)/3"]) }
            let merged = CommandLineTests.run(["merge"] + shards)
            XCTAssertEqual(merged.output, full.output, "\(extra)")
            XCTAssertEqual(merged.status, full.status)
            let report = try JSONDecoder().decode(JSONReport.self, from: Data(full.output.utf8))
            if extra.isEmpty {
                XCTAssertEqual(full.status, 3)
                XCTAssertEqual(report.properties.first?.verdict, "notExercised")
                XCTAssertEqual(report.properties.first?.exercisedRuns, 0)
            } else {
                XCTAssertNotEqual(report.properties.first?.verdict, "notExercised")
                XCTAssertGreaterThan(report.properties.first?.exercisedRuns ?? 0, 0)
            }
        }
    }

    /// The determinism check's seeds are each property's first failing seed over all shards, as in the
    /// unsharded check (each shard repeated only its own).
    func testMergedShardsCheckedForDeterminismGiveTheUnshardedReport() throws {
        let checked = check + ["--check-determinism"]
        let full = CommandLineTests.run(checked)
        let shards = (0..<3).map { write("checked\($0).json", checked + ["--shard", "\($0)/3"]) }
        let merged = CommandLineTests.run(["merge"] + shards)
        XCTAssertEqual(merged.output, full.output)
        let report = try JSONDecoder().decode(JSONReport.self, from: Data(full.output.utf8))
        XCTAssertFalse(report.determinismCheck?.seeds.isEmpty ?? true)
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
        assertRefused([zero, otherModel], mentions: "--model is lease there but cache-aside in")
        assertRefused([zero, otherSplit], mentions: "2 ways")
        assertRefused([zero, unsharded], mentions: "not a shard")
        assertRefused([zero, malformed], mentions: "bad.json is not a cacheaside-check --json report")
        assertRefused([zero, directory.appendingPathComponent("absent.json").path], mentions: "cannot read")
    }

    /// Writes `shard`, edited by `change`, as `name`; returns the path.
    private func edited(_ shard: String, as name: String, _ change: (inout JSONReport) -> Void) throws -> String {
        var report = try JSONDecoder().decode(JSONReport.self, from: Data(contentsOf: URL(fileURLWithPath: shard)))
        change(&report)
        let path = directory.appendingPathComponent(name).path
        FileManager.default.createFile(atPath: path, contents: Data(report.encoded().utf8))
        return path
    }

    private let small = ["--seeds", "60", "--json", "--property", "convergence,staleness"]

    func testMergeRefusesShardsThatShrankOrCheckedDeterminismDifferently() {
        let zero = write("d0.json", small + ["--shard", "0/2"])
        for (flags, fragment) in [
            (["--no-shrink"], "--no-shrink is 'true' there but not given (the default) in \(zero)"),
            (["--shrink-limit", "5"], "--shrink-limit is '5' there"),
            (["--shrink-steps", "1000"], "--shrink-steps is '1000' there"),
            (["--check-determinism"], "--check-determinism is 'true' there"),
        ] {
            let other = write("d1-\(flags[0]).json", small + ["--shard", "1/2"] + flags)
            assertRefused([zero, other], mentions: fragment)
        }
    }

    func testMergeRefusesSchemasItDoesNotWrite() throws {
        let zero = write("s0.json", small + ["--shard", "0/2"])
        let one = write("s1.json", small + ["--shard", "1/2"])
        let newer = try edited(one, as: "s1-new.json") { $0.schemaVersion = 99 }
        assertRefused([zero, newer], mentions: "s1-new.json has schemaVersion 99, newer than this cacheaside-check")
        let older = try edited(one, as: "s1-old.json") { $0.schemaVersion = 2 }
        assertRefused([zero, older], mentions: "s1-old.json has schemaVersion 2, an older layout")
        // A newer layout is refused as such even when its fields are unreadable to this version.
        let foreign = directory.appendingPathComponent("s1-foreign.json").path
        FileManager.default.createFile(atPath: foreign, contents: Data(#"{"schemaVersion": 99, "shards": []}"#.utf8))
        assertRefused([zero, foreign], mentions: "schemaVersion 99")
    }

    func testMergeRefusesNegativeAndOverflowingCountsInsteadOfTrapping() throws {
        let zero = write("n0.json", small + ["--shard", "0/2"])
        let one = write("n1.json", small + ["--shard", "1/2"])
        let negative = try edited(one, as: "n1-negative.json") { $0.properties[0].failingRuns = -3 }
        assertRefused([zero, negative], mentions: "failingRuns of convergence is -3, and a count cannot be negative")
        let huge = { (report: inout JSONReport) in report.schedulingPoints = Int.max }
        let hugeZero = try edited(zero, as: "n0-huge.json", huge)
        let hugeOne = try edited(one, as: "n1-huge.json", huge)
        assertRefused([hugeZero, hugeOne], mentions: "schedulingPoints add up to more than 9223372036854775807")
        let histogram = { (report: inout JSONReport) -> Void in report.properties[1].measurement?.histogram = [[0, Int.max]] }
        assertRefused([try edited(zero, as: "h0.json", histogram), try edited(one, as: "h1.json", histogram)],
                      mentions: "histogram of staleness")
        let broken = try edited(one, as: "n1-pair.json") { $0.properties[1].measurement?.histogram = [[0]] }
        assertRefused([zero, broken], mentions: "not a [value, count] pair")
        let endless = try edited(one, as: "n1-split.json") { $0.seeds.shard = "1/9223372036854775807" }
        assertRefused([endless], mentions: "missing")
        let farSeeds = { (report: inout JSONReport) in report.seeds.to = UInt64.max }
        assertRefused([try edited(zero, as: "f0.json", farSeeds), try edited(one, as: "f1.json", farSeeds)], mentions: "stopped early?")
    }

    func testAnUndecidedMergeExitsThreeAsTheCheckDoes() throws {
        let passing = ["--seeds", "40", "--json", "--model", "lease", "--property", "convergence"]
        let zero = write("u0.json", passing + ["--shard", "0/2"])
        let undecided = try edited(write("u1.json", passing + ["--shard", "1/2"]), as: "u1-undecided.json") {
            $0.properties[0].verdict = "undecided"
            $0.properties[0].holds = false
            $0.properties[0].undecidedRuns = 1
            $0.properties[0].undecidedReason = "a counted search budget ran out"
        }
        let merged = CommandLineTests.run(["merge", zero, undecided])
        XCTAssertEqual(merged.status, 3, merged.errors)
        XCTAssertTrue(merged.output.contains(#""outcome" : "undecided""#), merged.output)
    }

    /// A shard whose first failure did not replay stopped as `nondeterministic`; the merge says so too,
    /// as the unsharded check would, and exits 2 — the stop is the failing shard's, not "runFailure".
    func testAMergeWithANondeterministicShardStopsAsNondeterministic() throws {
        let passing = ["--seeds", "40", "--json", "--model", "lease", "--property", "convergence"]
        let zero = write("n0.json", passing + ["--shard", "0/2"])
        let failure = try JSONDecoder().decode(
            JSONReport.RunFailureEntry.self, from: Data(#"{"seed": 7, "error": "not deterministic", "replayToken": "x"}"#.utf8))
        let flaky = try edited(write("n1.json", passing + ["--shard", "1/2"]), as: "n1-flaky.json") {
            $0.runFailure = failure
            $0.stop = "nondeterministic"
            $0.outcome = "couldNotRun"
        }
        let merged = CommandLineTests.run(["merge", zero, flaky])
        XCTAssertEqual(merged.status, 2, merged.errors)
        XCTAssertTrue(merged.output.contains(#""stop" : "nondeterministic""#), merged.output)
        XCTAssertTrue(merged.output.contains(#""outcome" : "couldNotRun""#), merged.output)
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
