import CacheAsideCheck
import CacheAsideModels
import XCTest

/// Replay tokens round-trip, are short, and cannot lie: a damaged token or one made with another
/// strategy, workload or options is refused, never replayed as some other run.
final class ReplayTokenTests: XCTestCase {
    private let fingerprint = RunFingerprint(strategy: CacheAside(), workload: Workload(), options: SimulationOptions())

    func testRoundTripsChoiceSequencesAndFingerprints() throws {
        var rng = SplitMix64(seed: 42)
        for length in 0..<200 {
            let choices = (0..<length).map { _ in rng.below(3) == 0 ? rng.below(1 << 20) : rng.below(4) }
            var trimmed = choices
            while trimmed.last == 0 { trimmed.removeLast() }
            let decoded = try ReplayToken(decoding: ReplayToken(choices: choices, fingerprint: fingerprint).encoded)
            XCTAssertEqual(decoded.choices, trimmed)
            XCTAssertEqual(decoded.fingerprint, fingerprint)
        }
    }

    func testTokensArePrintableAndShort() {
        let token = ReplayToken(choices: Array(repeating: 2, count: 30), fingerprint: fingerprint).encoded
        XCTAssertTrue(token.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
        XCTAssertLessThan(token.count, 60)
    }

    func testRejectsMalformedTokens() {
        for bad in ["", "2AAAA", "2AA*A", "2A", "2_____", "1", "1AAAAAAACAAEBAgAB", "3AAAAAAAAAAA"] {
            XCTAssertThrowsError(try ReplayToken(decoding: bad), "token \(bad)")
        }
    }

    /// Every way of losing or changing one or two characters is caught by the checksum (a 16-bit checksum
    /// lets one in 65,536 random corruptions through; none of these is random enough to be that one).
    func testTruncatedOrAlteredTokensAreRefused() throws {
        let checker = Checker(strategy: CacheAside(), workload: Workload(clients: 3, operationsPerClient: 3))
        let example = try XCTUnwrap(checker.check().violated.first?.counterexample)
        let token = example.replayToken
        XCTAssertNoThrow(try checker.replay(token: token))
        for cut in 1...2 {
            XCTAssertThrowsError(try checker.replay(token: String(token.dropLast(cut)))) { error in
                XCTAssertTrue("\(error)".contains("truncated or damaged"), "\(error)")
            }
        }
        var altered = 0
        for index in token.indices.dropFirst() {
            for replacement in ["A", "B", "_"] where String(token[index]) != replacement {
                var changed = token
                changed.replaceSubrange(index...index, with: replacement)
                XCTAssertThrowsError(try checker.replay(token: changed), changed)
                altered += 1
            }
        }
        XCTAssertGreaterThan(altered, 20)
    }

    func testATokenOfAnotherStrategyWorkloadOrOptionsIsRefusedNamingWhatDiffers() throws {
        let original = Checker(strategy: CacheAside(ttl: 60), workload: Workload(clients: 3, operationsPerClient: 3))
        let token = try XCTUnwrap(original.check().violated.first?.counterexample?.replayToken)
        var otherModel = original
        otherModel.strategy = Lease()
        var otherTTL = original
        otherTTL.strategy = CacheAside(ttl: 30)
        var otherWorkload = original
        otherWorkload.workload.clients = 1
        var otherOptions = original
        otherOptions.simulation.clockJumps = 5
        let cases: [(Checker, RunFingerprint.Part)] = [
            (otherModel, .strategy), (otherTTL, .strategy), (otherWorkload, .workload), (otherOptions, .simulation),
        ]
        for (checker, part) in cases {
            XCTAssertThrowsError(try checker.replay(token: token)) { error in
                let decodingError = error as? ReplayToken.DecodingError
                XCTAssertEqual(decodingError?.mismatchedParts, [part])
                XCTAssertTrue(decodingError?.description.contains("different \(part == .simulation ? "simulation" : "\(part)")") ?? false)
            }
        }
        // Invariants and properties only observe a run, so they may change.
        var moreProperties = original
        moreProperties.properties = [.linearizability, .convergence]
        moreProperties.simulation.worldInvariants = [WorldInvariant("always") { _ in true }]
        XCTAssertNoThrow(try moreProperties.replay(token: token))
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
            RunFingerprint(strategy: CacheAside(), workload: Workload(), options: options).simulation,
            RunFingerprint(strategy: CacheAside(), workload: Workload(), options: SimulationOptions()).simulation)
        // Wall-clock and observing settings never change a run, so they leave the fingerprint alone.
        var watched = options
        watched.stallTimeout = nil
        watched.worldInvariants = [WorldInvariant("always") { _ in true }]
        XCTAssertEqual(
            RunFingerprint(strategy: CacheAside(), workload: Workload(), options: watched),
            RunFingerprint(strategy: CacheAside(), workload: Workload(), options: options))
    }
}
