import CacheAsideCheck
import CacheAsideModels
import XCTest

/// Replay tokens round-trip, are short, and cannot lie: a damaged token or one made with another
/// strategy, workload or options is refused, never replayed as some other run, and the refusal names
/// exactly what differs.
final class ReplayTokenTests: XCTestCase {
    typealias Part = RunFingerprint.Part

    private let fingerprint = RunFingerprint(strategy: CacheAside(), workload: Workload(), options: SimulationOptions())

    func testRoundTripsChoiceSequencesAndFingerprints() throws {
        var rng = SplitMix64(seed: 42)
        let changed = Configuration.default.changing(Part.allCases)
        for made in [fingerprint, changed.fingerprint] {
            for length in 0..<200 {
                let choices = (0..<length).map { _ in rng.below(3) == 0 ? rng.below(1 << 20) : rng.below(4) }
                var trimmed = choices
                while trimmed.last == 0 { trimmed.removeLast() }
                let decoded = try ReplayToken(decoding: ReplayToken(choices: choices, fingerprint: made).encoded)
                XCTAssertEqual(decoded.choices, trimmed)
                XCTAssertEqual(decoded.fingerprint, made)
            }
        }
    }

    func testTokensArePrintableAndShort() {
        let token = ReplayToken(choices: Array(repeating: 2, count: 30), fingerprint: fingerprint).encoded
        XCTAssertTrue(token.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
        XCTAssertLessThan(token.count, 70)
    }

    /// Defaults cost nothing: a token names only the parts that are not at their defaults, so the
    /// classic run's token carries the strategy's two digests and nothing else.
    func testATokenCarriesDigestsOnlyForPartsAwayFromTheirDefaults() {
        XCTAssertEqual(Set(fingerprint.digests.keys), [.strategy, .strategySettings])
        for part in Part.allCases where part != .strategy && part != .strategySettings {
            let changed = Configuration.default.changing([part]).fingerprint
            XCTAssertEqual(Set(changed.digests.keys), [.strategy, .strategySettings, part], "\(part)")
        }
    }

    func testRejectsMalformedTokens() {
        for bad in ["", "3AAAA", "3AA*A", "3A", "3_____", "3", "3AAAAAAAAAAAAAAAAAAA", "4AAAAAAAAAAA"] {
            XCTAssertThrowsError(try ReplayToken(decoding: bad), "token \(bad)")
        }
    }

    /// CRC-32 catches every change within 32 consecutive bits, so every change of one character to any
    /// other, and (but for one case in 2³²) every dropped, doubled or swapped character.
    func testTheChecksumCatchesEveryChangedDroppedOrAddedCharacter() throws {
        let alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
        let token = ReplayToken(choices: [0, 0, 2, 0, 0, 0, 0, 0, 1, 1, 0, 1], fingerprint: fingerprint).encoded
        XCTAssertNoThrow(try ReplayToken(decoding: token))
        var damaged: [String] = []
        let characters = Array(token)
        for index in characters.indices.dropFirst() {
            var dropped = characters
            dropped.remove(at: index)
            damaged.append(String(dropped))
            for replacement in alphabet where replacement != characters[index] {
                var changed = characters
                changed[index] = replacement
                damaged.append(String(changed))
                var added = characters
                added.insert(replacement, at: index)
                damaged.append(String(added))
            }
            if index + 1 < characters.count, characters[index] != characters[index + 1] {
                var swapped = characters
                swapped.swapAt(index, index + 1)
                damaged.append(String(swapped))
            }
        }
        for text in damaged {
            XCTAssertThrowsError(try ReplayToken(decoding: text), text) { error in
                XCTAssertTrue("\(error)".contains("truncated or damaged"), "\(text): \(error)")
            }
        }
        XCTAssertGreaterThan(damaged.count, 4_000)
    }

    func testTruncatedTokensOfARealRunAreRefused() throws {
        let checker = Checker(strategy: CacheAside(), workload: Workload(clients: 3, operationsPerClient: 3))
        let example = try XCTUnwrap(checker.check().violated.first?.counterexample)
        let token = example.replayToken
        XCTAssertNoThrow(try checker.replay(token: token))
        for cut in 1..<(token.count - 1) {
            XCTAssertThrowsError(try checker.replay(token: String(token.dropLast(cut)))) { error in
                XCTAssertTrue("\(error)".contains("truncated or damaged"), "\(error)")
            }
        }
    }

    /// Format 2 carried three 16-bit hashes, which let tokens replay under other configurations; its
    /// tokens are refused in one line that says where a new one comes from.
    func testAnOlderFormatIsRefusedInOneLineSayingHowToGetANewToken() {
        for old in ["1", "1Ag", "2b1Vu2K9aAAAAAAACAAEBAgABmzE", "2bKkT8K9aAsbC"] {
            XCTAssertThrowsError(try ReplayToken(decoding: old)) { error in
                let text = "\(error)"
                XCTAssertTrue(text.contains("made by an older version of cacheaside-check"), text)
                XCTAssertTrue(text.contains("rerun the check that printed it to get a new token"), text)
                XCTAssertFalse(text.contains("\n"), text)
            }
        }
    }

    /// Each part alone: the token is refused and exactly that part is named, by its Swift name.
    func testATokenOfAnotherConfigurationIsRefusedNamingExactlyThePartThatDiffers() throws {
        let token = ReplayToken(choices: [1, 2, 3], fingerprint: fingerprint).encoded
        let decoded = try ReplayToken(decoding: token)
        for part in Part.allCases {
            let other = Configuration.default.changing([part]).fingerprint
            XCTAssertThrowsError(try decoded.check(against: other), "\(part)") { error in
                let decodingError = error as? ReplayToken.DecodingError
                XCTAssertEqual(decodingError?.mismatch?.parts, [part])
                XCTAssertEqual(decodingError?.mismatch?.isExact, true)
                XCTAssertEqual(
                    decodingError?.description,
                    "replay token was made with a different \(part.swiftName); replay it with the configuration of the report it came from")
            }
            // And the other way round: a token made away from the default, replayed at the default.
            let back = try ReplayToken(decoding: ReplayToken(choices: [1], fingerprint: other).encoded)
            XCTAssertThrowsError(try back.check(against: fingerprint)) { error in
                XCTAssertEqual((error as? ReplayToken.DecodingError)?.mismatch?.parts, [part])
            }
        }
    }

    /// Two settings both away from their defaults are told apart by their digests.
    func testTwoNonDefaultValuesOfAPartAreToldApart() throws {
        var first = Configuration.default
        first.workload.thinkTime = 0...5
        first.simulation.timing = .concurrent
        var second = first
        second.workload.thinkTime = 0...6
        second.strategy = CacheAside(ttl: 61)
        let token = try ReplayToken(decoding: ReplayToken(choices: [1], fingerprint: first.fingerprint).encoded)
        XCTAssertThrowsError(try token.check(against: second.fingerprint)) { error in
            XCTAssertEqual((error as? ReplayToken.DecodingError)?.mismatch?.parts, [.strategySettings, .thinkTime])
            XCTAssertTrue("\(error)".contains("a different strategy.settings and workload.thinkTime;"), "\(error)")
        }
    }

    /// Should two values share a 16-bit digest, the 64-bit total still refuses the token, and the
    /// message lists the parts one of which differs.
    func testAMismatchWhoseDigestsAgreeIsRefusedNamingTheCandidates() throws {
        let made = RunFingerprint(total: 1, digests: [.strategy: 7, .thinkTime: 9])
        let expected = RunFingerprint(total: 2, digests: [.strategy: 7, .thinkTime: 9])
        let token = try ReplayToken(decoding: ReplayToken(choices: [], fingerprint: made).encoded)
        XCTAssertThrowsError(try token.check(against: expected)) { error in
            let mismatch = (error as? ReplayToken.DecodingError)?.mismatch
            XCTAssertEqual(mismatch?.isExact, false)
            XCTAssertTrue("\(error)".contains("a different strategy or workload.thinkTime;"), "\(error)")
        }
    }

    func testARealRunsTokenReplaysOnlyUnderItsOwnChecker() throws {
        let original = Checker(strategy: CacheAside(ttl: 60), workload: Workload(clients: 3, operationsPerClient: 3))
        let token = try XCTUnwrap(original.check().violated.first?.counterexample?.replayToken)
        var otherModel = original
        otherModel.strategy = UpdateOnWrite()
        var otherTTL = original
        otherTTL.strategy = CacheAside(ttl: 30)
        var otherThinkTime = original
        otherThinkTime.workload.thinkTime = 0...3
        var otherLatency = original
        otherLatency.simulation.latencies.databaseRead = 1...4
        let cases: [(Checker, [Part])] = [
            (otherModel, [.strategy]), (otherTTL, [.strategySettings]), (otherThinkTime, [.thinkTime]),
            (otherLatency, [.databaseReadLatency]),
        ]
        for (checker, parts) in cases {
            XCTAssertThrowsError(try checker.replay(token: token)) { error in
                XCTAssertEqual((error as? ReplayToken.DecodingError)?.mismatch?.parts, parts)
            }
        }
        // Invariants and properties only observe a run, so they may change.
        var moreProperties = original
        moreProperties.properties = [.linearizability, .convergence]
        moreProperties.simulation.worldInvariants = [WorldInvariant("always") { _ in true }]
        XCTAssertNoThrow(try moreProperties.replay(token: token))
    }

    /// An exhaustive search with faults spends at most `faultBound` of them, recording the rest as `0`:
    /// the token replays without the limit, so the limit is no part of the fingerprint.
    func testAnExhaustiveSearchWithFaultsPrintsTokensThatReplay() throws {
        let checker = Checker(
            strategy: CacheAside(), workload: Workload(clients: 2, operationsPerClient: 2),
            simulation: SimulationOptions(faults: [.lostDelete]),
            exploration: Exploration(seeds: 0..<1, scheduler: .exhaustive(Exploration.ExhaustiveSearch())))
        let example = try XCTUnwrap(checker.check().violated.first?.counterexample)
        var replaying = checker
        replaying.exploration = Exploration()
        let run = try replaying.replay(token: example.replayToken)
        XCTAssertEqual(replaying.evaluate(run).first?.violation, example.violation)
    }

    func testFingerprintDoesNotDependOnSetOrder() {
        // Sets iterate in a per-process (hash-seeded) order; the canonical description sorts them, so a
        // fingerprint written in one process matches in the next. Twelve elements: unsorted iteration
        // would come out sorted by chance once in 12! processes.
        let numbers = Set((1...12).reversed())
        XCTAssertEqual(CanonicalDescription.of(numbers), "{1,10,11,12,2,3,4,5,6,7,8,9}")
        XCTAssertEqual(
            CanonicalDescription.of(["b": 2, "a": 1]), CanonicalDescription.of(["a": 1, "b": 2]))
        let options = SimulationOptions(faults: [.clientCrash, .lostDelete, .cacheRestart, .cacheUnavailable])
        XCTAssertNotEqual(
            RunFingerprint(strategy: CacheAside(), workload: Workload(), options: options),
            RunFingerprint(strategy: CacheAside(), workload: Workload(), options: SimulationOptions()))
        // Wall-clock, observing and search-bounding settings never change a run: they leave it alone.
        var watched = options
        watched.stallTimeout = nil
        watched.worldInvariants = [WorldInvariant("always") { _ in true }]
        watched.faultLimit = 2
        XCTAssertEqual(
            RunFingerprint(strategy: CacheAside(), workload: Workload(), options: watched),
            RunFingerprint(strategy: CacheAside(), workload: Workload(), options: options))
    }

    /// A field added to the workload or the options changes runs until shown otherwise: it must become a
    /// part (with a flag for the command line's mismatch message) or be listed as one that never does.
    func testEveryFieldThatCanChangeARunIsAPart() {
        func labels(_ value: Any, _ prefix: String) -> Set<String> {
            Set(Mirror(reflecting: value).children.compactMap { $0.label.map { prefix + $0 } })
        }
        let ignored = Set(RunFingerprint.ignoredOptions.map { "simulation." + $0 })
        let fields = labels(Workload(), "workload.")
            .union(labels(SimulationOptions(), "simulation.").subtracting(["simulation.latencies"]).subtracting(ignored))
            .union(labels(SimulationOptions.Latencies(), "simulation.latencies."))
        XCTAssertEqual(Set(Part.allCases.map(\.swiftName)).subtracting(["strategy", "strategy.settings"]), fields)
        XCTAssertEqual(ignored.count, 3, "every ignored option is a field")
        XCTAssertTrue(ignored.isSubset(of: labels(SimulationOptions(), "simulation.")))
    }

    /// The canonical form is part of the token format: pinned, so that changing it is a decision (with a
    /// new format version) rather than an accident that strands every token users have pasted. The
    /// value is the same in every process, which `Hasher` would not give.
    func testTheFingerprintOfTheDefaultConfigurationIsPinned() {
        XCTAssertEqual(
            Part.referenceValues,
            ["", "", "3", "3", "1", "0.5", "0...0", "0.0", "nil", "0", "", "nil", "nil", "nil", "1...1", "1...1",
             "1...1", "1...1", "serial", "500", "nil", "nil", "nil", "1"])
        XCTAssertEqual(CacheAside().settings, "(ttl:60)")
        XCTAssertEqual(String(fingerprint.total, radix: 16), "fb60d5268788d2f4")
        XCTAssertEqual(fingerprint.digests, [.strategy: 42_919, .strategySettings: 59_206])
        XCTAssertEqual(
            ReplayToken(choices: [0, 0, 2, 0, 0, 0, 0, 0, 1, 1, 0, 1], fingerprint: fingerprint).encoded,
            "3-2DVJoeI0vQDp6fnRgAAAgAAAAAAAQEAAV3cyCI")
    }
}

/// A whole configuration, to change one part of at a time.
struct Configuration {
    var strategy: any CachingStrategy
    var workload: Workload
    var simulation: SimulationOptions

    static let `default` = Configuration(strategy: CacheAside(), workload: Workload(), simulation: SimulationOptions())

    var fingerprint: RunFingerprint { RunFingerprint(strategy: strategy, workload: workload, options: simulation) }

    /// This configuration with each of `parts` set to a value other than its default.
    func changing(_ parts: [RunFingerprint.Part]) -> Configuration {
        var changed = self
        for part in parts {
            switch part {
            case .strategy: changed.strategy = UpdateOnWrite()
            case .strategySettings: changed.strategy = CacheAside(ttl: 30)
            case .clients: changed.workload.clients = 4
            case .operationsPerClient: changed.workload.operationsPerClient = 4
            case .keys: changed.workload.keys = 2
            case .writeRatio: changed.workload.writeRatio = 0.25
            case .thinkTime: changed.workload.thinkTime = 0...5
            case .keySkew: changed.workload.keySkew = 1.2
            case .warmStart: changed.workload.warmStart = 30
            case .absentKeys: changed.workload.absentKeys = 1
            case .faults: changed.simulation.faults = [.lostDelete]
            case .stepBudget: changed.simulation.stepBudget = 100
            case .leaseTTL: changed.simulation.leaseTTL = 10
            case .clockJumps: changed.simulation.clockJumps = 20
            case .cacheCallLatency: changed.simulation.latencies.cacheCall = 1...2
            case .databaseReadLatency: changed.simulation.latencies.databaseRead = 1...2
            case .databaseWriteLatency: changed.simulation.latencies.databaseWrite = 1...2
            case .logReadLatency: changed.simulation.latencies.logRead = 1...2
            case .timing: changed.simulation.timing = .concurrent
            case .workerStepsAfterClients: changed.simulation.workerStepsAfterClients = 50
            case .databaseCapacity: changed.simulation.databaseCapacity = 6
            case .databaseTimeout: changed.simulation.databaseTimeout = 10
            case .cacheFlushAt: changed.simulation.cacheFlushAt = 60
            case .hosts: changed.workload.hosts = 2
            }
        }
        return changed
    }
}
