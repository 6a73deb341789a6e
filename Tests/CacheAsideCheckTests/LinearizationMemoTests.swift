@testable import CacheAsideLinearizability
import CacheAsideSimulation
import XCTest

/// The memo against a plain `Set` of (members, state): it must answer "new" exactly when the
/// configuration was not remembered, whichever of its two tables holds it — the compact one (members
/// within 64 places of the first missing operation) or the wide one (an operation left out for long).
final class LinearizationMemoTests: XCTestCase {
    private struct Configuration: Hashable {
        var members: [Bool]
        var state: Int
    }

    func testMemoRemembersExactlyTheConfigurationsInsertedInBothTables() {
        var random = SplitMix64(seed: 20)
        for round in 0..<20 {
            let count = [10, 63, 64, 65, 130, 300][round % 6]
            var set = LinearisedSet(count: count)
            var members = [Bool](repeating: false, count: count)
            var memo = LinearizationMemo()
            var reference = Set<Configuration>()
            var wide = 0
            for _ in 0..<4_000 {
                // Mostly grow a prefix with a ragged edge, sometimes far out, sometimes shrink: the
                // shapes the search makes, and the wide ones it rarely does.
                let member: Int
                let firstMissing = members.firstIndex(of: false) ?? count
                switch Int.random(in: 0..<10, using: &random) {
                case 0: member = Int.random(in: 0..<count, using: &random)
                case 1...6: member = min(count - 1, firstMissing + Int.random(in: 0..<8, using: &random))
                default: member = max(0, firstMissing - 1 - Int.random(in: 0..<4, using: &random))
                }
                if members[member] { set.remove(member) } else { set.insert(member) }
                members[member].toggle()
                if set.compactForm == nil { wide += 1 }
                let state = Int.random(in: 0..<3, using: &random)
                let isNew = reference.insert(Configuration(members: members, state: state)).inserted
                XCTAssertEqual(memo.insert(set, state: state), isNew, "round \(round)")
            }
            XCTAssertEqual(memo.count, reference.count)
            if count >= 130 { XCTAssertGreaterThan(wide, 0, "round \(round): the wide table was not exercised") }
        }
    }

    func testCompactFormIsTheFirstMissingOperationAndTheNext64() {
        var set = LinearisedSet(count: 200)
        for member in 0..<70 { set.insert(member) }
        set.remove(66)
        set.insert(100)
        let form = set.compactForm
        XCTAssertEqual(form?.base, 66)
        // Members 67, 68, 69 and 100 are bits 0, 1, 2 and 33.
        XCTAssertEqual(form?.members, 0b111 | 1 << 33)
        set.insert(131)  // 131 = 66 + 65: one place too far
        XCTAssertNil(set.compactForm)
    }
}
